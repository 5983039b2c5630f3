/**
 * The only redirect targets the app builds from what a request carries (the language switch, "back
 * to" after sign-in, "back to the list" after an action): a path on this site. Browsers read `//host`
 * and `/\host` as another site, so a target must start with one slash followed by something else,
 * and hold no backslash or control character anywhere. Anything else gets `fallback`.
 */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  const url = new URL(value, 'http://same.site');
  if (url.origin !== 'http://same.site') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
