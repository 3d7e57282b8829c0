/** A worker's session in their pages (lib/account-session.ts); `staffCall` adds its token. */
import { StaffSessionSchema } from '@plsr/shared/schemas';
import { accountSessionStore } from '../../lib/account-session';
import { STAFF_SESSION_KEY } from '../../lib/storage';

export { endSession } from '../../lib/account-session';

export const STAFF_PAGES = {
  login: '/staff/pages/login/index',
  ratings: '/staff/pages/ratings/index',
  stations: '/staff/pages/stations/index',
} as const;

const store = accountSessionStore({ key: STAFF_SESSION_KEY, schema: StaffSessionSchema, loginPage: STAFF_PAGES.login });

export const staffSession = store.current;
export const keepStaffSession = store.keep;
export const forgetStaffSession = store.forget;
export const staffCall = store.call;
