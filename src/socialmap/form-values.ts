import type { AppContext } from '../platform/http/types.ts';

/** The posted form as flat string values (without the CSRF token), for forms whose fields the server fixes before validating. */
export async function postedValues(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return values;
}
