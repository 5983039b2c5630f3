import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';
import { contactChannels } from '../referrals/labels.ts';
import { checkReachable, emailField, phoneField } from '../referrals/referral-form.ts';

/**
 * The correction form at the boundary: the same rules as on the referral form (referral-form.ts)
 * for a phone number and an e-mail address, and the person stays reachable: a number or an
 * address, and the one the chosen channel needs.
 */
export const contactDataSchema = (t: Translate) =>
  z
    .object({
      phone: phoneField(t),
      email: emailField(t),
      preferred_language: optionalText(40).check(withoutBsn(t)),
      best_time_to_call: optionalText(100).check(withoutBsn(t)),
      contact_channel: z.enum(contactChannels, {
        error: t({ nl: 'Kies hoe de persoon benaderd wil worden.', en: 'Choose how the person wants to be contacted.' }),
      }),
    })
    .superRefine((v, issue) => checkReachable(v, issue, t));

export type ContactData = z.infer<ReturnType<typeof contactDataSchema>>;
