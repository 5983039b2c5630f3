import type { Config } from '../config.ts';

/**
 * The absolute address of `path` in this app, as the outside world reaches it: under PUBLIC_URL when
 * set (behind a reverse proxy the request's own host and scheme are internal; a path prefix in
 * PUBLIC_URL is kept), else the request's own origin (development, tests).
 */
export function appUrl(config: Pick<Config, 'publicUrl'>, requestUrl: string, path: string): string {
  const base = config.publicUrl ?? new URL(requestUrl).origin;
  return new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : `${base}/`).href;
}
