/**
 * A password account's session on the device (a bureau clerk's in bureau/, a worker's in staff/): the
 * token kept until it expires, the server refuses it (401: expired, logged out, disabled, the person
 * left) or its owner logs out. Every call goes through `call`, which adds the token and sends its
 * owner to the login page when it no longer holds, or to the password page while an initial password
 * is unchanged. Used by the subpackages only.
 */
import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { CONSOLE_ROUTES, pathOf, type RouteContract } from '@plsr/shared/contract';
import { ApiError, callRoute } from '../api/http';
import { readStored, removeStored, writeStored } from './storage';

type JsonRoute = RouteContract & { response: { schema: z.ZodType } };
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;

export function accountSessionStore<S extends z.ZodType<{ token: string; expiresAt: string; mustChangePassword: boolean }>>(options: {
  key: string;
  schema: S;
  loginPage: string;
  passwordPage?: string;
}) {
  type Session = z.infer<S>;
  const current = (): Session | undefined => {
    const stored = readStored(options.key, options.schema);
    return stored && Date.parse(stored.expiresAt) > Date.now() ? stored : undefined;
  };
  const keep = (session: Session): void => writeStored(options.key, session);
  const forget = (): void => removeStored(options.key);

  /** A route with the session's token; a lost session leads back to the login page. */
  async function call<R extends JsonRoute>(
    route: R,
    input: { params?: Record<string, string | number>; query?: Input<R['query']>; body?: Input<R['body']> } = {},
  ): Promise<z.output<R['response']['schema']>> {
    const session = current();
    if (!session) {
      void Taro.reLaunch({ url: options.loginPage });
      throw new ApiError('server', '请先登录', 401, 'unauthorized');
    }
    try {
      return (await callRoute(route, { ...input, token: session.token })).data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forget();
        void Taro.reLaunch({ url: options.loginPage });
      } else if (error instanceof ApiError && error.status === 403 && session.mustChangePassword && options.passwordPage) {
        void Taro.redirectTo({ url: options.passwordPage });
      }
      throw error;
    }
  }
  return { current, keep, forget, call };
}

/** Ends a session on the server (204, no body); the caller has already forgotten the token. */
export async function endSession(token: string): Promise<void> {
  await Taro.request({
    url: `${API_BASE_URL}${pathOf(CONSOLE_ROUTES.logout.path)}`,
    method: CONSOLE_ROUTES.logout.method,
    header: { Authorization: `Bearer ${token}` },
  }).catch(() => undefined);
}
