/** 账号管理: the region's bureau lists, creates, resets and disables city and county accounts. */
import type { Handlers } from '../http/router';
import { createAccount, listAccounts, resetAccountPassword, setAccountStatus } from './service';

export const accountHandlers: Pick<Handlers, 'accounts' | 'createAccount' | 'resetAccountPassword' | 'setAccountStatus'> = {
  accounts: ({ deps, query }) => listAccounts(deps, query.region),
  createAccount: ({ deps, actor, body }) => createAccount(deps, actor, body),
  resetAccountPassword: ({ deps, actor, params }) => resetAccountPassword(deps, actor, params.username),
  setAccountStatus: ({ deps, actor, params, body }) => setAccountStatus(deps, actor, params.username, body),
};
