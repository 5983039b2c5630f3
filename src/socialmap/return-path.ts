import { localPath } from '../platform/http/local-path.ts';

/**
 * Where to go back to after a one-click action ("klopt nog" from a list or a service page). Only
 * paths inside the social map are accepted, so the form cannot be used to send someone elsewhere.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  const path = localPath(value, fallback);
  return /^\/sociale-kaart(\/[A-Za-z0-9\-/]*)?(\?[A-Za-z0-9=&%\-_.]*)?$/.test(path) && !path.includes('//') ? path : fallback;
}

/** Adds (or replaces) the `melding` parameter that shows a confirmation on the next page. */
export function withNotice(path: string, notice: string): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('melding', notice);
  return `${url.pathname}${url.search}`;
}
