import { z } from 'zod';
import { formKeySchema } from '../platform/http/forms.ts';
import type { Translate } from '../platform/i18n.ts';
import { withoutBsn } from '../platform/bsn.ts';
import { MESSAGE_MAX_LENGTH } from '../messages/thread.tsx';

/** A message in a referral thread: some text, not too long, and never a BSN (docs/product.md: no BSN). */
export const referralMessageSchema = (t: Translate) =>
  z.object({
    body: z
      .string(t({ nl: 'Schrijf een bericht.', en: 'Write a message.' }))
      .trim()
      .min(1, t({ nl: 'Schrijf een bericht.', en: 'Write a message.' }))
      .max(
        MESSAGE_MAX_LENGTH,
        t({ nl: `Een bericht mag hooguit ${MESSAGE_MAX_LENGTH} tekens lang zijn.`, en: `A message can be at most ${MESSAGE_MAX_LENGTH} characters long.` }),
      )
      .check(withoutBsn(t)),
    form_key: formKeySchema,
  });

export type ReferralMessageInput = z.infer<ReturnType<typeof referralMessageSchema>>;
