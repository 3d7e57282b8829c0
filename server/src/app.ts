/**
 * createApp() builds the Koa application from its dependencies without listening: main.ts listens,
 * tests call it on port 0 with their own database, clock and fake WeChat. Every endpoint comes from
 * the route contract (http/router.ts); this file only lists each domain's handlers.
 */
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import helmet from 'koa-helmet';
import { z } from 'zod';
import { ROUTES } from '@plsr/shared/contract';
import { accountHandlers } from './accounts/routes';
import { assessmentHandlers } from './assessments/routes';
import { auditHandlers } from './audit/routes';
import { authHandlers } from './auth/routes';
import type { AppDeps, AppState } from './http/context';
import { cspDirectives } from './h5/csp';
import { h5Static } from './h5/static';
import { bodyParseError, errorMiddleware } from './http/middleware';
import { contractRouter, type Handlers } from './http/router';
import { ratingEarlyChecks, ratingHandlers } from './ratings/routes';
import { inspectionHandlers } from './inspections/routes';
import { regionHandlers } from './regions/routes';
import { registryHandlers } from './registry/routes';
import { reviewHandlers } from './review/routes';
import { stationHandlers } from './stations/routes';
import { systemHandlers } from './system/routes';
import { workerHandlers } from './workers/routes';
import { caseHandlers } from './cases/routes';

z.config(z.locales.zhCN());

const HANDLERS: Handlers = {
  ...systemHandlers,
  ...authHandlers,
  ...stationHandlers,
  ...ratingHandlers,
  ...assessmentHandlers,
  ...reviewHandlers,
  ...inspectionHandlers,
  ...accountHandlers,
  ...auditHandlers,
  ...registryHandlers,
  ...regionHandlers,
  ...workerHandlers,
  ...caseHandlers,
};

export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = deps.config.trustProxy;
  app.use(errorMiddleware(deps.logger));
  app.use(async (ctx, next) => {
    ctx.state.deps = deps;
    await next();
  });
  // Headers on every answer, errors included: CSP with frame-ancestors 'none', X-Frame-Options DENY, nosniff…
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(deps.config.h5DistDir) },
      frameguard: { action: 'deny' },
      strictTransportSecurity: deps.config.env === 'production',
    }),
  );
  // Routes that take a file (base64 in JSON) declare a larger limit; the others keep 16 kB.
  const largeBodies = ROUTES.filter(({ route }) => route.bodyLimit).map(({ route }) => ({
    method: route.method,
    path: route.path,
    parse: bodyParser({
      enableTypes: ['json'],
      jsonLimit: route.bodyLimit,
      encoding: 'utf-8',
      onError: (err) => {
        throw bodyParseError(err);
      },
    }),
  }));
  app.use((ctx, next) => {
    const large = largeBodies.find((b) => b.method === ctx.method && b.path === ctx.path);
    return large ? large.parse(ctx, next) : next();
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
  const router = contractRouter(HANDLERS, ratingEarlyChecks);
  app.use(router.routes()).use(router.allowedMethods({ throw: false }));
  app.use(h5Static(deps.config.h5DistDir));
  return app;
}
