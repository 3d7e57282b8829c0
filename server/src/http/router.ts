/**
 * The Koa router, built from the route contract (@plsr/shared/contract). For each entry, in order:
 * Cache-Control: no-store when the route carries personal or bureau data; the access rule (401/403);
 * params, query and body parsed once with the entry's schemas (400); the jurisdiction rule (403);
 * then the handler, which gets typed, parsed input and the caller. A handler returns its JSON body,
 * or a Reply for files, redirects and other statuses.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { ROUTES, type Contract, type RouteContract, type RouteName } from '@plsr/shared/contract';
import { assertWithinJurisdiction, authorize, type ActorFor } from '../auth/guards';
import type { AppDeps, AppState } from './context';
import { parse } from './validate';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type JsonBody<R extends RouteContract> = R['response'] extends { schema: infer S extends z.ZodType } ? z.input<S> : never;

/** A response other than the route's JSON: a file, an image, a redirect, no content, another status. */
export class Reply {
  constructor(readonly init: { status?: number; type?: string; body?: unknown; headers?: Record<string, string>; redirect?: string }) {}
}

export interface HandlerInput<R extends RouteContract> {
  deps: AppDeps;
  ctx: Context;
  actor: ActorFor<R['access']>;
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

export type Handler<R extends RouteContract> = (input: HandlerInput<R>) => Promise<JsonBody<R> | Reply> | JsonBody<R> | Reply;
export type Handlers = { [K in RouteName]: Handler<Contract[K]> };

const label = (route: RouteContract, part: 'params' | 'query' | 'body', fallback: string) => route.labels?.[part] ?? fallback;

function regionNamed(route: RouteContract, input: Record<'params' | 'query' | 'body', unknown>): string | null {
  if (route.access.kind !== 'bureau' || !route.access.jurisdiction) return null;
  const { in: where, key } = route.access.jurisdiction;
  const value = (input[where] as Record<string, unknown> | undefined)?.[key];
  if (typeof value !== 'string') throw new Error(`${route.method} ${route.path}: jurisdiction key ${where}.${key} is not a parsed string`);
  return value;
}

/**
 * A check that needs only the request (its address, its signed token), run beside the session
 * look-up instead of after it; a failure is reported after authorization's own.
 */
export type EarlyCheck = (deps: AppDeps, ctx: Context) => Promise<void>;

async function run<R extends RouteContract>(route: R, handler: Handler<R>, ctx: Context, early?: EarlyCheck): Promise<void> {
  if (route.private) ctx.set('Cache-Control', 'no-store');
  const checked = early?.((ctx.state as AppState).deps, ctx);
  checked?.catch(() => undefined);
  const actor = await authorize(ctx, route.access);
  await checked;
  const input = {
    params: route.params ? parse(route.params, ctx.params, label(route, 'params', '路径参数')) : undefined,
    query: route.query ? parse(route.query, ctx.query, label(route, 'query', '查询参数')) : undefined,
    body: route.body ? parse(route.body, ctx.request.body, label(route, 'body', '请求')) : undefined,
  };
  const region = regionNamed(route, input);
  if (region !== null && actor && actor.kind === 'bureau') assertWithinJurisdiction(actor, region);
  const deps = (ctx.state as AppState).deps;
  const result = await handler({ deps, ctx, actor, ...input } as HandlerInput<R>);
  if (!(result instanceof Reply)) {
    ctx.status = route.response.status;
    ctx.body = result;
    return;
  }
  const { status, type, body, headers, redirect } = result.init;
  for (const [k, v] of Object.entries(headers ?? {})) ctx.set(k, v);
  if (redirect !== undefined) ctx.redirect(redirect);
  if (type) ctx.type = type;
  if (body !== undefined) ctx.body = body;
  ctx.status = status ?? route.response.status;
}

export function contractRouter(handlers: Handlers, early: Partial<Record<RouteName, EarlyCheck>> = {}): Router<AppState> {
  const router = new Router<AppState>();
  for (const { name, route } of ROUTES) {
    const handler = handlers[name] as Handler<RouteContract>;
    router.register(route.path, [route.method], (ctx) => run(route, handler, ctx as unknown as Context, early[name]), { name });
  }
  return router;
}
