/** Logins, logout, password change and the signed-in account. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { changePassword, loginWithDevice, loginWithPassword, loginWithWechat, logout, myAccount } from './service';

export const authHandlers: Pick<Handlers, 'wechatLogin' | 'deviceLogin' | 'passwordLogin' | 'logout' | 'changePassword' | 'myAccount'> = {
  wechatLogin: ({ deps, body }) => loginWithWechat(deps, body.code),
  deviceLogin: ({ deps, body }) => loginWithDevice(deps, body.deviceId),
  passwordLogin: ({ deps, body }) => loginWithPassword(deps, body.username, body.password),
  logout: async ({ deps, actor }) => {
    await logout(deps, actor);
    return new Reply({ status: 204 });
  },
  changePassword: ({ deps, actor, body }) => changePassword(deps, actor, body.currentPassword, body.newPassword),
  myAccount: ({ deps, actor }) => myAccount(deps, actor),
};
