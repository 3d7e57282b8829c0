import Router from '@koa/router';
import { DeviceLoginInputSchema, PasswordLoginInputSchema, WechatLoginInputSchema } from '@plsr/shared/schemas';
import type { AppState } from '../http/context';
import { parse } from '../http/validate';
import { loginWithDevice, loginWithPassword, loginWithWechat } from './service';

export function authRoutes(): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/auth' });
  router.post('/wechat', async (ctx) => {
    const { code } = parse(WechatLoginInputSchema, ctx.request.body);
    ctx.body = await loginWithWechat(ctx.state.deps, code);
  });
  router.post('/device', async (ctx) => {
    const { deviceId } = parse(DeviceLoginInputSchema, ctx.request.body);
    ctx.body = await loginWithDevice(ctx.state.deps, deviceId);
  });
  router.post('/password', async (ctx) => {
    const { username, password } = parse(PasswordLoginInputSchema, ctx.request.body);
    ctx.body = await loginWithPassword(ctx.state.deps, username, password);
  });
  return router;
}
