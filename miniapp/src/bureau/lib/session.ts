/**
 * The bureau's session in the console: the password login's token, kept on the device until it
 * expires, the server refuses it (401: expired, logged out, disabled) or the clerk logs out. Every
 * call goes through `bureauCall`, which adds the token and sends the clerk back to the login page
 * when it no longer holds, or to the password page while the initial password is unchanged.
 */
import Taro from '@tarojs/taro';
import { UserSessionSchema, type UserSession } from '@plsr/shared/schemas';
import type { RouteContract } from '@plsr/shared/contract';
import type { z } from 'zod';
import { CONSOLE_ROUTES, pathOf } from '@plsr/shared/contract';
import { ApiError, callRoute } from '../../api/http';
import { readStored, removeStored, writeStored } from '../../lib/storage';

const KEY = 'plsr.bureauSession';

export const BUREAU_PAGES = {
  login: '/bureau/pages/login/index',
  password: '/bureau/pages/password/index',
  yearEnd: '/bureau/pages/yearend/index',
  inspections: '/bureau/pages/inspections/index',
  inspection: '/bureau/pages/inspection/index',
  stations: '/bureau/pages/stations/index',
  staff: '/bureau/pages/staff/index',
  registry: '/bureau/pages/registry/index',
  accounts: '/bureau/pages/accounts/index',
  audit: '/bureau/pages/audit/index',
} as const;

export function bureauSession(): UserSession | undefined {
  const stored = readStored(KEY, UserSessionSchema);
  return stored && Date.parse(stored.expiresAt) > Date.now() ? stored : undefined;
}

export function keepBureauSession(session: UserSession): void {
  writeStored(KEY, session);
}

export function forgetBureauSession(): void {
  removeStored(KEY);
}

/** Where a signed-in clerk starts: the password page until the initial password is changed. */
export function startPage(session: UserSession): string {
  return session.mustChangePassword ? BUREAU_PAGES.password : BUREAU_PAGES.yearEnd;
}

type JsonRoute = RouteContract & { response: { schema: z.ZodType } };
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;

/** A bureau route with the session's token; a lost session leads back to the login page. */
export async function bureauCall<R extends JsonRoute>(
  route: R,
  input: { params?: Record<string, string | number>; query?: Input<R['query']>; body?: Input<R['body']> } = {},
): Promise<z.output<R['response']['schema']>> {
  const session = bureauSession();
  if (!session) {
    void Taro.reLaunch({ url: BUREAU_PAGES.login });
    throw new ApiError('server', '请先登录', 401, 'unauthorized');
  }
  try {
    return (await callRoute(route, { ...input, token: session.token })).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetBureauSession();
      void Taro.reLaunch({ url: BUREAU_PAGES.login });
    } else if (error instanceof ApiError && error.status === 403 && session.mustChangePassword) {
      void Taro.redirectTo({ url: BUREAU_PAGES.password });
    }
    throw error;
  }
}

/** Ends a session on the server (204, no body); the caller has already forgotten the token. */
export async function endSession(token: string): Promise<void> {
  await Taro.request({
    url: `${API_BASE_URL}${pathOf(CONSOLE_ROUTES.logout.path)}`,
    method: CONSOLE_ROUTES.logout.method,
    header: { Authorization: `Bearer ${token}` },
  }).catch(() => undefined);
}
