import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from './types.ts';

/** Field errors keyed by input name, already translated. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Reads a posted form and validates it with zod — the boundary. Handlers get typed data or
 * translated field errors plus the raw values to re-fill the form (nothing the user typed is lost).
 */
export async function parseForm<S extends z.ZodType>(c: AppContext, schema: S): Promise<FormResult<z.infer<S>>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return validateValues(schema, values);
}

export function validateValues<S extends z.ZodType>(schema: S, values: Record<string, string>): FormResult<z.infer<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** Empty form fields arrive as ''; optional fields treat that as absent. */
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

/** A stored record as form values: strings stay, everything else (dates, booleans) is left out. */
export function asFormValues(record: object): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' || value === null) values[key] = value;
  }
  return values;
}

/**
 * A form key: a random value a form carries in a hidden field (`form_key`), so that sending the
 * same form twice — a double click, a reload after a slow answer — stores one message, not two.
 * Optional at the boundary: a page rendered before forms carried one still posts.
 */
export const FORM_KEY = 'form_key';
/** What a form key looks like (also the referral form's idempotency key). */
export const FORM_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const formKeySchema = z.string().regex(FORM_KEY_PATTERN).optional().catch(undefined);

export function newFormKey(): string {
  return randomBytes(24).toString('base64url');
}
