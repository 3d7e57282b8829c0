/**
 * The access rules of the route contract, applied before any handler runs: who is calling
 * (sessions.ts), whether that kind of caller may use the route, and whether the region a bureau
 * names lies inside its jurisdiction.
 */
import type { Context } from 'koa';
import type { Access, AccessKind } from '@plsr/shared/contract';
import { AppError } from '../http/errors';
import type { AppState } from '../http/context';
import { actorOf, type Actor, type BureauActor, type BureauUser, type ResidentActor, type StaffActor } from './sessions';

export type { Actor, BureauActor, BureauUser, ResidentActor, StaffActor } from './sessions';

/** The actor a route's handler receives, by its access kind. */
export type ActorFor<A extends Access> = {
  anonymous: null;
  resident: ResidentActor;
  staff: StaffActor;
  bureau: BureauActor;
  account: BureauActor | StaffActor;
  session: Actor;
}[A['kind']];

const FORBIDDEN: Record<Exclude<AccessKind, 'anonymous' | 'session'>, string> = {
  resident: '此功能仅供评价人使用',
  staff: '此功能仅供服务人员使用',
  bureau: '此功能仅供司法局工作人员使用',
  account: '此功能仅供司法局或服务人员账号使用',
};

export function bearer(ctx: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  return match?.[1] ?? null;
}

/** 401 without a valid session, 403 for the wrong kind of caller; the actor otherwise. */
export async function authorize<A extends Access>(ctx: Context, access: A): Promise<ActorFor<A>> {
  if (access.kind === 'anonymous') return null as ActorFor<A>;
  const token = bearer(ctx);
  const actor = token ? await actorOf((ctx.state as AppState).deps, token) : null;
  if (!actor) {
    throw new AppError('unauthorized', access.kind === 'resident' ? '登录已失效,请重新进入' : '请先登录,或登录已失效');
  }
  const allowed = access.kind === 'session' || access.kind === actor.kind || (access.kind === 'account' && (actor.kind === 'bureau' || actor.kind === 'staff'));
  if (!allowed) throw new AppError('forbidden', FORBIDDEN[access.kind as keyof typeof FORBIDDEN]);
  // An initial or reset password opens only the account's own routes (change it, see it) and logout.
  if (actor.kind !== 'resident' && actor.mustChangePassword && access.kind !== 'account' && access.kind !== 'session') {
    throw new AppError('forbidden', '请先修改初始密码');
  }
  return actor as ActorFor<A>;
}

/** A region is inside a jurisdiction when its GB/T 2260 code starts with the jurisdiction's. */
export function assertWithinJurisdiction(user: BureauUser, regionCode: string): void {
  if (!regionCode.startsWith(user.regionCode)) {
    throw new AppError('forbidden', '无权查看本辖区以外的数据');
  }
}
