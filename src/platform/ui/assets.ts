import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/types.ts';

const require = createRequire(import.meta.url);

/**
 * Stylesheets served by the app itself (no CDN): the NL Design System Utrecht components, the
 * design tokens (theme class `utrecht-theme`), and our own small layer. Read once at boot.
 */
const assets: Record<string, { body: string; type: string }> = {
  'utrecht.css': { body: readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'), 'utf8'), type: 'text/css; charset=utf-8' },
  'tokens.css': { body: readFileSync(require.resolve('@utrecht/design-tokens/dist/theme.css'), 'utf8'), type: 'text/css; charset=utf-8' },
  'app.css': { body: readFileSync(new URL('./assets/app.css', import.meta.url), 'utf8'), type: 'text/css; charset=utf-8' },
};

export function registerAssetRoutes(app: Hono<AppEnv>): void {
  app.get('/assets/:file', (c) => {
    const asset = assets[c.req.param('file')];
    if (!asset) return c.notFound();
    c.header('content-type', asset.type);
    c.header('cache-control', 'public, max-age=3600');
    return c.body(asset.body);
  });
}
