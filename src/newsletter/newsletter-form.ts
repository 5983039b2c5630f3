import { z } from 'zod';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';

/**
 * The newsletter's edit form, validated at the boundary. Title and text both go out by mail (the
 * title as the subject), so neither may carry a BSN (platform/bsn.ts).
 */
export const newsletterSchema = (t: Translate) =>
  z.object({
    title: z
      .string()
      .trim()
      .min(1, t({ nl: 'Geef de nieuwsbrief een titel.', en: 'Give the newsletter a title.' }))
      .max(150)
      .check(withoutBsn(t)),
    body: z
      .string()
      .trim()
      .min(1, t({ nl: 'De nieuwsbrief heeft tekst nodig.', en: 'The newsletter needs text.' }))
      .max(20000)
      .check(withoutBsn(t)),
  });
