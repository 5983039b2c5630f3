import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';

export function registerAdminRoutes(_app: Hono<AppEnv>, _services: Services): void {}
