import type { Services } from './types.ts';

export const LANG_COOKIE = 'kl_lang';
export const CSRF_COOKIE = 'kl_csrf';

export function cookieOptions(services: Services) {
  return { httpOnly: true, sameSite: 'Lax' as const, secure: services.config.cookieSecure, path: '/' };
}
