/**
 * The shape of one endpoint's declaration. Every endpoint is declared once (./routes.ts): the Koa
 * router, the OpenAPI document, the mini-program's client, the authorization matrix and the fuzzer
 * all read the same entry, so a route cannot exist without its access rule and its schemas.
 */
import type { z } from 'zod';
import type { ErrorCode } from '../schemas/common';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Where a bureau route finds the region code its jurisdiction rule checks. */
export interface JurisdictionRule {
  in: 'query' | 'params' | 'body';
  key: string;
}

/**
 * Who may call a route.
 * - anonymous: anyone; a token, even a broken one, is ignored.
 * - resident: a resident session (WeChat or H5 device login).
 * - staff: a worker's account (lawyer, mediator…), its own data only.
 * - bureau: a 司法局 account; with `jurisdiction`, the region the request names must lie inside the
 *   account's region (GB/T 2260 prefix), else 403.
 * - account: any password account, bureau or staff (its own password).
 * - session: anyone signed in (logging out).
 */
export type Access =
  | { kind: 'anonymous' }
  | { kind: 'resident' }
  | { kind: 'staff' }
  | { kind: 'bureau'; jurisdiction?: JurisdictionRule }
  | { kind: 'account' }
  | { kind: 'session' };
export type AccessKind = Access['kind'];

export interface RouteResponse {
  status: number;
  /** The JSON body; absent for files, images and redirects. */
  schema?: z.ZodType;
  /** Content types other than JSON (CSV, xlsx, SVG…), or JSON among others. */
  contentTypes?: readonly string[];
  description: string;
}

export interface RouteContract {
  method: HttpMethod;
  /** Koa style: /api/stations/:code. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The word a validation message starts with, per input: 站点编码有误:… */
  labels?: { params?: string; query?: string; body?: string };
  response: RouteResponse;
  /** Errors the handler itself may answer; those implied by access and input are added by errorsOf(). */
  errors: readonly ErrorCode[];
  /** Carries personal or bureau data: answered with Cache-Control: no-store. */
  private?: boolean;
  /** A JSON body larger than the default 16 kB (a file in base64), e.g. '4200kb'. */
  bodyLimit?: string;
}

export const defineRoute = <const R extends RouteContract>(route: R): R => route;

/** Every error a route can answer: its own, plus what its access rule and its inputs imply. */
export function errorsOf(route: RouteContract): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  if (route.access.kind !== 'anonymous') {
    codes.add('unauthorized');
    codes.add('forbidden');
  }
  if (route.params || route.query || route.body) codes.add('validation_failed');
  if (route.body) {
    codes.add('bad_request');
    codes.add('payload_too_large');
  }
  return [...codes].sort();
}

/** /api/stations/:code → /api/stations/{code} */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** Fills a route's path parameters: pathOf('/api/stations/:code', { code: 'T640402001' }). */
export function pathOf(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}
