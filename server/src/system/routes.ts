import Router from '@koa/router';
import type { Health } from '@plsr/shared/schemas';
import type { AppState } from '../http/context';
import { openApiDocument } from './openapi';

const VERSION = '0.1.0';

export function systemRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/api/health', async (ctx) => {
    await ctx.state.deps.db.$queryRawUnsafe('SELECT 1');
    const body: Health = { status: 'ok', database: ctx.state.deps.config.provider, version: VERSION };
    ctx.body = body;
  });
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openApiDocument();
  });
  return router;
}
