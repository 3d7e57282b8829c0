/**
 * 服务码 (issue 12, part 5): after serving someone, a worker shows a one-time code on their phone (a
 * QR of a link, or printed on a slip). It opens the rating page with the worker, the station and the
 * service chosen, and the rating made with it is `verified`: the visit is proven, so it always counts
 * (one voice per resident sets aside only unverified ratings). A code is 128 random bits, kept only
 * as its hash, bound to the worker and the station, expires (policy serviceCodeHours, default 24)
 * and works once: the rating's own transaction uses it up (ratings/repository.ts writeRating).
 */
import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { ServiceCode, ServiceCodeInput, ServiceCodeView } from '@plsr/shared/schemas';
import { beijingDate, yearOfDate } from '@plsr/shared/time';
import { parseVocabulary, SERVICE_TYPES, STAFF_ROLES } from '@plsr/shared/vocabulary';
import { policyFor } from '../assessments/repository';
import type { StaffActor } from '../auth/sessions';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { isStaffServingOn } from '../stations/repository';

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

export async function issueServiceCode(deps: AppDeps, actor: StaffActor, input: ServiceCodeInput): Promise<ServiceCode> {
  const station = await deps.db.station.findUnique({
    where: { code: input.station },
    select: { id: true, code: true, name: true, status: true, countyCode: true },
  });
  if (!station) throw new AppError('not_found', `站点 ${input.station} 不存在`);
  const now = deps.now();
  const today = beijingDate(now);
  if (!(await isStaffServingOn(deps.db, actor.staffId, station.id, today))) throw new AppError('forbidden', '您今天不在这个站点服务,不能出示这里的服务码');
  if (station.status !== 'active') throw new AppError('conflict', `${station.name}暂停服务,不能评价`);
  const { serviceCodeHours } = await policyFor(deps.db, yearOfDate(today), station.countyCode);
  const code = randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + serviceCodeHours * 3600_000);
  await deps.db.serviceCode.create({
    data: { codeHash: hashOf(code), staffId: actor.staffId, stationId: station.id, serviceType: input.serviceType ?? null, issuedAt: now, expiresAt },
  });
  const link = `${deps.config.publicBaseUrl}/s/${station.code}?sc=${code}`;
  return {
    code,
    link,
    qr: await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 360 }),
    expiresAt: expiresAt.toISOString(),
    station: { code: station.code, name: station.name },
    serviceType: input.serviceType ?? null,
  };
}

type Found = { id: number; staffId: number; stationId: number; serviceType: string | null; issuedAt: Date; expiresAt: Date; usedAt: Date | null };

/** The code, unused and unexpired, or the reason it cannot be used (in words a resident can act on). */
async function usable(deps: Pick<AppDeps, 'db' | 'now'>, code: string): Promise<Found> {
  const found = await deps.db.serviceCode.findUnique({
    where: { codeHash: hashOf(code) },
    select: { id: true, staffId: true, stationId: true, serviceType: true, issuedAt: true, expiresAt: true, usedAt: true },
  });
  if (!found) throw new AppError('not_found', '服务码无效,请直接扫站点的二维码评价');
  if (found.usedAt) throw new AppError('conflict', '这个服务码已经用过了,每个服务码只能评价一次');
  if (found.expiresAt.getTime() <= deps.now().getTime()) throw new AppError('conflict', '这个服务码已过期,请直接扫站点的二维码评价');
  return found;
}

/** What a resident's phone shows for a code: who served them, where, what, and on which day. */
export async function viewServiceCode(deps: AppDeps, code: string): Promise<ServiceCodeView> {
  const found = await usable(deps, code);
  const [staff, station] = await Promise.all([
    deps.db.staff.findUniqueOrThrow({ where: { id: found.staffId }, select: { id: true, name: true, role: true, organisation: true } }),
    deps.db.station.findUniqueOrThrow({ where: { id: found.stationId }, select: { code: true, name: true } }),
  ]);
  return {
    stationCode: station.code,
    stationName: station.name,
    staff: { ...staff, role: parseVocabulary(STAFF_ROLES, staff.role, `Staff ${staff.id} role`) },
    serviceType: found.serviceType === null ? null : parseVocabulary(SERVICE_TYPES, found.serviceType, 'ServiceCode service type'),
    serviceDate: beijingDate(found.issuedAt),
    expiresAt: found.expiresAt.toISOString(),
  };
}

/**
 * The code a rating is made with, checked against what the rating says (the service date too: the
 * visit it proves is the day the code was shown); its id, for the write to use it up.
 */
export async function serviceCodeForRating(
  deps: Pick<AppDeps, 'db' | 'now'>,
  code: string,
  rating: { staffId: number; stationId: number; serviceType: string; serviceDate: string },
): Promise<number> {
  const found = await usable(deps, code);
  if (found.staffId !== rating.staffId || found.stationId !== rating.stationId || (found.serviceType !== null && found.serviceType !== rating.serviceType)) {
    throw new AppError('validation_failed', '服务码与所选的站点、人员或服务事项不符', [{ path: 'serviceCode', message: '服务码与所选内容不符' }]);
  }
  const shown = beijingDate(found.issuedAt);
  if (rating.serviceDate !== shown) {
    throw new AppError('validation_failed', `服务码证明的是 ${shown} 的服务,服务日期应为这一天`, [{ path: 'serviceDate', message: `服务日期应为 ${shown}` }]);
  }
  return found.id;
}
