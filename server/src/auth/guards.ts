/** Who is calling: a resident (WeChat or device login) or a bureau user (password login). */
import type { Context } from 'koa';
import type { UserRole } from '@plsr/shared/vocabulary';
import { AppError } from '../http/errors';
import type { AppState } from '../http/context';
import { verifyToken, type TokenPayload } from './tokens';

function payloadOf(ctx: Context): TokenPayload | null {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;
  const { deps } = ctx.state as AppState;
  return verifyToken(deps.config.sessionSecret, match[1], deps.now());
}

export function requireResident(ctx: Context): { residentId: number } {
  const p = payloadOf(ctx);
  if (!p) throw new AppError('unauthorized', '登录已失效,请重新进入');
  if (p.kind !== 'resident') throw new AppError('forbidden', '此功能仅供评价人使用');
  return { residentId: p.sub };
}

export interface BureauUser {
  userId: number;
  role: UserRole;
  regionCode: string;
}

export function requireBureauUser(ctx: Context): BureauUser {
  const p = payloadOf(ctx);
  if (!p) throw new AppError('unauthorized', '请先登录');
  if (p.kind !== 'user') throw new AppError('forbidden', '此功能仅供司法局工作人员使用');
  return { userId: p.sub, role: p.role, regionCode: p.region };
}

/** A region is inside a jurisdiction when its GB/T 2260 code starts with the jurisdiction's. */
export function assertWithinJurisdiction(user: BureauUser, regionCode: string): void {
  if (!regionCode.startsWith(user.regionCode)) {
    throw new AppError('forbidden', '无权查看本辖区以外的数据');
  }
}
