import type { Child } from 'hono/jsx';
import type { SelfcheckLang } from './languages.ts';
import { ui, whereToTurnNumbers as numbers } from './texts.ts';

/**
 * Fills `{name}` placeholders with elements in a left-to-right isolate (`<bdi dir="ltr">`): a phone
 * number such as "14 020" inside Arabic (right to left) text would otherwise be shown as "020 14"
 * (Unicode Bidirectional Algorithm, UAX #9, rule N1).
 */
function fillLeftToRight(text: string, values: Record<string, Child>): Child[] {
  return text.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? <bdi dir="ltr">{values[part] ?? part}</bdi> : part));
}

/** "We did not pass this on, and did not keep it: call Geldfit or your municipality", in the resident's language. */
export function WhereToTurn({ lang }: { lang: SelfcheckLang }) {
  return (
    <div class="utrecht-alert utrecht-alert--warning" role="alert" data-testid="where-to-turn">
      <p class="utrecht-paragraph">{ui.notStored[lang]}</p>
      <p class="utrecht-paragraph">
        {fillLeftToRight(ui.whereToTurn[lang], {
          geldfit: (
            <a class="utrecht-link" href={`tel:${numbers.geldfitTel}`}>
              {numbers.geldfit}
            </a>
          ),
          example: numbers.municipalityExample,
        })}
      </p>
    </div>
  );
}
