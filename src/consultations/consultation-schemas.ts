import { z } from 'zod';
import { formKeySchema } from '../platform/http/forms.ts';
import type { Translate } from '../platform/i18n.ts';
import { MESSAGE_MAX_LENGTH } from '../messages/thread.tsx';
import { findIdentifyingData, identifyingDataMessage } from './identifying-data.ts';

/**
 * Text in a consultation without a patient must not identify anyone: refused on the server when it
 * holds a postcode, a possible date of birth, a 9-digit (BSN-like) number or an e-mail address.
 */
const anonymousText = (t: Translate, today: string, min: number, max: number, tooShort: { nl: string; en: string }) =>
  z
    .string(t(tooShort))
    .trim()
    .min(min, t(tooShort))
    .max(max, t({ nl: `Dit mag hooguit ${max} tekens lang zijn.`, en: `This can be at most ${max} characters long.` }))
    .superRefine((value, issue) => {
      const kinds = findIdentifyingData(value, today);
      if (kinds.length > 0) issue.addIssue({ code: 'custom', message: t(identifyingDataMessage(kinds)) });
    });

export const SUBJECT_MAX_LENGTH = 150;

export const consultationSchema = (t: Translate, today: string) =>
  z.object({
    team_id: z.uuid(t({ nl: 'Kies het team dat u een vraag wilt stellen.', en: 'Choose the team you want to ask.' })),
    subject: anonymousText(t, today, 3, SUBJECT_MAX_LENGTH, {
      nl: 'Vul een onderwerp in (minstens 3 tekens).',
      en: 'Enter a subject (at least 3 characters).',
    }),
    question: anonymousText(t, today, 10, MESSAGE_MAX_LENGTH, {
      nl: 'Schrijf uw vraag (minstens 10 tekens).',
      en: 'Write your question (at least 10 characters).',
    }),
    form_key: formKeySchema,
  });

export type ConsultationInput = z.infer<ReturnType<typeof consultationSchema>>;

export const consultationReplySchema = (t: Translate, today: string) =>
  z.object({
    body: anonymousText(t, today, 1, MESSAGE_MAX_LENGTH, { nl: 'Schrijf een bericht.', en: 'Write a message.' }),
    form_key: formKeySchema,
  });

export type ConsultationReplyInput = z.infer<ReturnType<typeof consultationReplySchema>>;
