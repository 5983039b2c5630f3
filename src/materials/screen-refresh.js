/* global document, window */
// The waiting-room screen fetches its page again every 5 minutes and swaps in the new slides
// (today's walk-in points), so a TV that stays on all day keeps current. When the server does not
// answer, the slides shown stay: a TV never shows an error page. Plain ES5 with fetch, for TV browsers.
(function () {
  var FIVE_MINUTES = 5 * 60 * 1000;
  function refresh() {
    if (!window.fetch || !window.DOMParser) return;
    window
      .fetch(window.location.href, { cache: 'no-store', credentials: 'omit' })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var fresh = new window.DOMParser().parseFromString(html, 'text/html').querySelector('main');
        var current = document.querySelector('main');
        if (fresh && current) current.parentNode.replaceChild(document.importNode(fresh, true), current);
      })
      .catch(function () {
        // Offline for a moment: try again at the next turn.
      });
  }
  window.setInterval(refresh, FIVE_MINUTES);
})();
