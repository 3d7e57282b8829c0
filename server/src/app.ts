/**
 * createApp() builds the Koa application from its dependencies without listening: main.ts listens,
 * tests call it on port 0 with their own database, clock and fake WeChat.
 */
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { z } from 'zod';
import { assessmentRoutes } from './assessments/routes';
import { authRoutes } from './auth/routes';
import type { AppDeps, AppState } from './http/context';
import { h5Static } from './h5/static';
import { bodyParseError, errorMiddleware } from './http/middleware';
import { systemRoutes } from './system/routes';
import { ratingRoutes } from './ratings/routes';
import { stationRoutes } from './stations/routes';

z.config(z.locales.zhCN());

export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = deps.config.env === 'production';
  app.use(errorMiddleware(deps.logger));
  app.use(async (ctx, next) => {
    ctx.state.deps = deps;
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '16kb',
      encoding: 'utf-8',
      onError: (err) => {
        throw bodyParseError(err);
      },
    }),
  );
  for (const router of [systemRoutes(), authRoutes(), stationRoutes(), ratingRoutes(), assessmentRoutes()]) {
    app.use(router.routes()).use(router.allowedMethods({ throw: false }));
  }
  app.use(h5Static(deps.config.h5DistDir));
  return app;
}
