/**
 * The bureau's session in the console (lib/account-session.ts): `bureauCall` adds the token and sends
 * the clerk back to the login page when it no longer holds, or to the password page while the
 * initial password is unchanged.
 */
import { UserSessionSchema, type UserSession } from '@plsr/shared/schemas';
import { accountSessionStore } from '../../lib/account-session';

export { endSession } from '../../lib/account-session';

export const BUREAU_PAGES = {
  login: '/bureau/pages/login/index',
  password: '/bureau/pages/password/index',
  yearEnd: '/bureau/pages/yearend/index',
  dashboard: '/bureau/pages/dashboard/index',
  inspections: '/bureau/pages/inspections/index',
  inspection: '/bureau/pages/inspection/index',
  appeals: '/bureau/pages/appeals/index',
  cases: '/bureau/pages/cases/index',
  review: '/bureau/pages/review/index',
  policy: '/bureau/pages/policy/index',
  stations: '/bureau/pages/stations/index',
  staff: '/bureau/pages/staff/index',
  registry: '/bureau/pages/registry/index',
  accounts: '/bureau/pages/accounts/index',
  audit: '/bureau/pages/audit/index',
} as const;

const store = accountSessionStore({ key: 'plsr.bureauSession', schema: UserSessionSchema, loginPage: BUREAU_PAGES.login, passwordPage: BUREAU_PAGES.password });

export const bureauSession = store.current;
export const keepBureauSession = store.keep;
export const forgetBureauSession = store.forget;
export const bureauCall = store.call;

/** Where a signed-in clerk starts: the password page until the initial password is changed. */
export function startPage(session: UserSession): string {
  return session.mustChangePassword ? BUREAU_PAGES.password : BUREAU_PAGES.yearEnd;
}
