/* global document, window, fetch, URLSearchParams, AbortController, DOMParser, setTimeout, clearTimeout */
/**
 * The one-page referral (new-referral-page.tsx). As soon as postcode and house number are filled
 * in, ask the server which team the address routes to and show that team, its contact and the
 * consent text for it in the page, so "Versturen" sends in one submit. The server renders the
 * review (POST /verwijzingen/nieuw/route, CSRF token and session as any form); this script only
 * places it. Without this script nothing changes: "Controleren" shows the same review.
 *
 * Served from the app itself: the CSP allows `script-src 'self'` only, so no inline script.
 */
(() => {
  const review = document.getElementById('referral-review');
  const form = review && review.closest('form');
  if (!form || !window.fetch) return;
  const url = review.getAttribute('data-route-preview');
  const checkStep = form.querySelector('[data-check-step]');
  const status = document.getElementById('route-status');
  const field = (name) => form.elements.namedItem(name);
  const postcode = field('postcode');
  const houseNumber = field('house_number');
  // The same shapes the server accepts (routing/postcode.ts, referral-form.ts); only then ask.
  const POSTCODE = /^\s*[1-9][0-9]{3}\s*[a-zA-Z]{2}\s*$/;
  const HOUSE_NUMBER = /^\s*[1-9][0-9]{0,4}/;

  let timer;
  let asked = '';
  let pending;

  /** What the review depends on: the address and the first need (routing rules may be per need). */
  function request() {
    const body = new URLSearchParams();
    body.set('postcode', postcode.value);
    body.set('house_number', houseNumber.value);
    // The team chosen on the social map, if any: the review says so when the address routes elsewhere.
    const viaTeam = field('via_team');
    if (viaTeam && viaTeam.value) body.set('via_team', viaTeam.value);
    for (const box of form.querySelectorAll('input[type="checkbox"][name^="need_"]')) {
      if (box.checked) body.append(box.name, box.value);
    }
    return body;
  }

  function currentTeam() {
    const shown = review.querySelector('[data-route-team]');
    return shown ? shown.getAttribute('data-route-team') : null;
  }

  function showCheckStep(show) {
    if (checkStep) checkStep.hidden = !show;
  }

  function clearReview(message) {
    review.replaceChildren();
    showCheckStep(true);
    if (status) status.textContent = message || '';
  }

  async function refresh() {
    if (!POSTCODE.test(postcode.value) || !HOUSE_NUMBER.test(houseNumber.value)) {
      // An address being changed no longer routes: the review of the old address must not stay.
      if (currentTeam()) clearReview('');
      asked = '';
      return;
    }
    const body = request();
    const key = body.toString();
    if (key === asked) return;
    asked = key;
    body.set('_csrf', field('_csrf').value);
    if (pending) pending.abort();
    pending = new AbortController();
    let response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
        signal: pending.signal,
      });
    } catch {
      asked = '';
      return; // Aborted by a newer request, or offline: "Controleren" still works.
    }
    const html = await response.text();
    const root = new DOMParser().parseFromString(html, 'text/html').body.firstElementChild;
    if (!root) return;
    const team = root.getAttribute('data-route-team');
    if (!response.ok || !team) {
      clearReview(root.getAttribute('data-route-problem') || '');
      return;
    }
    // The same team again (another need ticked, say): keep what was ticked for its consent.
    if (team !== currentTeam()) review.replaceChildren(document.importNode(root, true));
    showCheckStep(false);
    if (status) status.textContent = root.getAttribute('data-route-summary') || '';
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  postcode.addEventListener('input', schedule);
  houseNumber.addEventListener('input', schedule);
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target && target.name && target.name.startsWith('need_')) schedule();
  });

  // Back on the page with an address (a form shown again, or a postcode from the social map).
  if (currentTeam()) {
    asked = request().toString();
    showCheckStep(false);
  } else {
    refresh();
  }
})();
