/**
 * The one wrapper around Taro.request. Every response is parsed with its shared zod schema; every
 * failure becomes an ApiError that says whether the server answered (show its message) or the
 * network failed (keep the work and try again later).
 */
import Taro from '@tarojs/taro';
import { pathOf, type HttpMethod, type RouteContract } from '@plsr/shared/contract';
import { ErrorBodySchema, type ErrorBody } from '@plsr/shared/schemas';
import type { z } from 'zod';

/** Long enough for a weak rural connection, short enough that a person is not left waiting. */
const TIMEOUT_MS = 15000;

export type ApiErrorKind = 'network' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: ErrorBody['code'],
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Worth trying again later with the same request: the server never answered, was down, or asked to
   * be called again later (429: too many logins or ratings from this phone or network just now).
   */
  get retriable(): boolean {
    return this.kind === 'network' || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export const NETWORK_MESSAGE = '网络不给力,请检查网络后重试';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  token?: string;
}

export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<{ status: number; data: z.infer<S> }> {
  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request({
      url: `${API_BASE_URL}${path}`,
      method: options.method ?? 'GET',
      data: options.body as Record<string, unknown> | undefined,
      header: {
        'Content-Type': 'application/json',
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      },
      dataType: 'json',
      timeout: TIMEOUT_MS,
    });
  } catch {
    throw new ApiError('network', NETWORK_MESSAGE);
  }

  const { statusCode, data } = response;
  if (statusCode >= 200 && statusCode < 300) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ApiError('server', '服务器返回的数据无法识别,请稍后再试', statusCode);
    return { status: statusCode, data: parsed.data };
  }
  const error = ErrorBodySchema.safeParse(data);
  if (error.success) {
    throw new ApiError('server', error.data.message, statusCode, error.data.code, error.data.details);
  }
  // A proxy's HTML page or an empty body: the server we meant to reach did not answer.
  const kind = statusCode >= 500 ? 'network' : 'server';
  throw new ApiError(kind, kind === 'network' ? NETWORK_MESSAGE : `请求失败(${statusCode})`, statusCode);
}

/** A contract route that answers JSON: its response schema parses what comes back. */
type JsonRoute = RouteContract & { response: { schema: z.ZodType } };
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;

/**
 * Calls one route of the shared contract: its method, its path with the parameters filled in, its
 * body typed by its request schema, its answer parsed by its response schema. Pages call these
 * through the api/ modules; nothing spells a path or a method by hand.
 */
export function callRoute<R extends JsonRoute>(
  route: R,
  input: { params?: Record<string, string | number>; query?: Input<R['query']>; body?: Input<R['body']>; token?: string } = {},
): Promise<{ status: number; data: z.output<R['response']['schema']> }> {
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const path = pathOf(route.path, input.params) + (query ? `?${query}` : '');
  return apiRequest<R['response']['schema']>(path, route.response.schema, {
    method: route.method,
    body: input.body,
    token: input.token,
  });
}
