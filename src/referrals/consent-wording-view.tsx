import type { ConsentWording } from './consent.ts';

/**
 * A consent text as the person hears or reads it: the opening, every kind of data as a list (easier
 * to follow aloud than one long sentence), then purpose, keeping and withdrawing. `quote` marks
 * a text staff read out, set apart from their own instructions.
 */
export function ConsentWordingView({ wording, quote }: { wording: ConsentWording; quote: boolean }) {
  const body = (
    <>
      <p class="utrecht-paragraph">{wording.lead}</p>
      <ul class="utrecht-unordered-list" data-testid="consent-items">
        {wording.items.map((item) => (
          <li class="utrecht-unordered-list__item">{item}</li>
        ))}
      </ul>
      {wording.closing.map((line) => (
        <p class="utrecht-paragraph">{line}</p>
      ))}
    </>
  );
  // A plain blockquote: the Utrecht theme colours `.utrecht-blockquote` text red (its quote token),
  // and a consent text read aloud must not look like an error message.
  return quote ? <blockquote class="kl-consent-text">{body}</blockquote> : body;
}
