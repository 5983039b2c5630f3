/**
 * The only redirect targets the app builds from what a request carries (the language switch, "back
 * to" after sign-in, "back to the list" after an action): a path on this site. Browsers read `//host`
 * and `/\host` as another site, so a target must start with one slash followed by something else,
 * and hold no backslash or control character anywhere. Anything else gets `fallback`.
 */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || value.includes('\\') || hasControlCharacter(value)) return fallback;
  const url = new URL(value, 'http://same.site');
  if (url.origin !== 'http://same.site') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
