/** Logins, logout, password change and the signed-in account. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { changePassword, loginWithDevice, loginWithPassword, loginWithWechat, logout, myAccount } from './service';

export const authHandlers: Pick<Handlers, 'wechatLogin' | 'deviceLogin' | 'passwordLogin' | 'logout' | 'changePassword' | 'myAccount'> = {
  wechatLogin: ({ deps, ctx, body }) => loginWithWechat(deps, body.code, ctx.ip),
  deviceLogin: ({ deps, ctx, body }) => loginWithDevice(deps, body.deviceId, ctx.ip),
  passwordLogin: ({ deps, ctx, body }) => loginWithPassword(deps, body.username, body.password, ctx.ip),
  logout: async ({ deps, actor }) => {
    await logout(deps, actor);
    return new Reply({ status: 204 });
  },
  changePassword: ({ deps, actor, body }) => changePassword(deps, actor, body.currentPassword, body.newPassword),
  myAccount: ({ deps, actor }) => myAccount(deps, actor),
};
