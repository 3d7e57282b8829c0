/**
 * A resident rates a staff member at a station. In order: a retry of a submission already stored gets
 * that rating back; the station must be open and the person must serve there on the service day; the
 * day may be late but not too late; then the rating is created, or the same day's one is edited.
 */
import { createHash } from 'node:crypto';
import type { FollowUp, OwnRating, RatingInput } from '@plsr/shared/schemas';
import { beijingDate, daysBetween, yearOfDate } from '@plsr/shared/time';
import { FIX_VERDICTS, ownStatusOf, parseVocabulary } from '@plsr/shared/vocabulary';
import { addressHash, decryptPhone, encryptPhone, maskPhone } from '../auth/secrets';
import { AppError } from '../http/errors';
import type { AppDeps } from '../http/context';
import { isStaffServingOn } from '../stations/repository';
import type { RatingCount } from '../limits/limits';
import { getStationOrThrow } from '../stations/service';
import { serviceCodeForRating } from '../workers/service-codes';
import {
  findSubmission,
  insertNewRating,
  listResidentRatings,
  writeRating,
  type FollowUpShown,
  type RatingReplyShown,
  type RatingWithNames,
} from './repository';

/** A value with its object keys in code-unit order and undefined fields left out: how the hash sees it. */
function canonical(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  // Code-unit order, not localeCompare: the same order for these ASCII keys (the hashes stored before
  // are unchanged, rating-hash test), without ICU's collation cost on every submission.
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = canonical(x);
  }
  return out;
}

/** sha256 of the input with keys sorted: the same submission hashes the same however it was sent. */
export function hashInput(input: RatingInput): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/** The service day asked for, or the problem with it. */
function serviceDateOf(deps: AppDeps, requested: string | undefined): { date: string } | { problem: string } {
  const today = beijingDate(deps.now());
  if (requested === undefined) return { date: today };
  const late = daysBetween(requested, today);
  if (late < 0) return { problem: '服务日期不能晚于今天' };
  if (late > deps.config.ratingLateDays) return { problem: `只能评价 ${deps.config.ratingLateDays} 天以内的服务` };
  return { date: requested };
}

function ratingRow(deps: AppDeps, residentId: number, input: RatingInput, serviceDate: string, bodyHash: string, ip: string) {
  const d = input.dimensions ?? {};
  return {
    residentId,
    ipHash: addressHash(deps.config.residentHashKey, ip),
    staffId: input.staffId,
    serviceType: input.serviceType,
    level: input.level,
    attitude: d.attitude ?? null,
    competence: d.competence ?? null,
    efficiency: d.efficiency ?? null,
    reasonCode: input.reasonCode ?? null,
    reasonText: input.reasonText || null,
    callbackPhoneEnc: input.callbackPhone ? encryptPhone(deps.config.phoneEncryptionKey, input.callbackPhone) : null,
    comment: input.comment || null,
    raterType: input.raterType,
    serviceDate,
    serviceYear: yearOfDate(serviceDate),
    clientRequestId: input.clientRequestId,
    bodyHash,
  };
}

/**
 * Two paths. Nearly every submission is a new rating of someone serving at an open station: one
 * statement writes it (with its counts and submission, by trigger) and returns what the answer shows.
 * Anything else — a retry, a same-day edit, a closed station, a wrong day or person — takes the careful
 * path, which checks in order and says what is wrong.
 */
export async function submitRating(
  deps: AppDeps,
  residentId: number,
  input: RatingInput,
  ip: string,
  counted: RatingCount | null = null,
): Promise<{ rating: OwnRating; outcome: 'created' | 'edited' | 'replayed' }> {
  const bodyHash = hashInput(input);
  const day = serviceDateOf(deps, input.serviceDate);
  // A rating through a worker's service code takes the careful path: the code is checked and used up there.
  if ('date' in day && input.serviceCode === undefined) {
    const row = ratingRow(deps, residentId, input, day.date, bodyHash, ip);
    const at = deps.now();
    // The limits in `counted` are counted by this write, whether or not it writes the rating.
    const written = await insertNewRating(deps.db, input.stationCode, row, at, counted?.uses).catch(() => null);
    if (written && 'refusedBy' in written) throw counted!.refusal(written);
    if (written) {
      // The answer from what was written, as a read back would give it.
      const { id, station, staff } = written;
      return { rating: toOwnRating(deps, { ...row, id, station, staff, status: 'valid', revision: 1, createdAt: at, updatedAt: at }), outcome: 'created' };
    }
  } else if (counted) {
    await counted.apart();
  }
  return carefully(deps, residentId, input, bodyHash, day, ip);
}

async function carefully(
  deps: AppDeps,
  residentId: number,
  input: RatingInput,
  bodyHash: string,
  day: { date: string } | { problem: string },
  ip: string,
): Promise<{ rating: OwnRating; outcome: 'created' | 'edited' | 'replayed' }> {
  const replay = await replayOf(deps, residentId, input.clientRequestId, bodyHash);
  if (replay) return { rating: replay, outcome: 'replayed' };

  const station = await getStationOrThrow(deps, input.stationCode);
  if (station.status !== 'active') throw new AppError('conflict', '该站点已暂停服务,暂不能评价');
  if ('problem' in day) throw new AppError('validation_failed', day.problem, [{ path: 'serviceDate', message: day.problem }]);
  if (!(await isStaffServingOn(deps.db, input.staffId, station.id, day.date))) {
    throw new AppError('validation_failed', '所选人员当天不在本站点服务,请重新选择', [{ path: 'staffId', message: '所选人员当天不在本站点服务' }]);
  }
  const serviceCode =
    input.serviceCode === undefined
      ? undefined
      : {
          id: await serviceCodeForRating(deps, input.serviceCode, {
            staffId: input.staffId,
            stationId: station.id,
            serviceType: input.serviceType,
            serviceDate: day.date,
          }),
          at: deps.now(),
        };
  try {
    const { rating, created } = await writeRating(
      deps.db,
      {
        ...ratingRow(deps, residentId, input, day.date, bodyHash, ip),
        stationId: station.id,
        cityCode: station.cityCode,
        countyCode: station.countyCode,
        townshipCode: station.townshipCode,
      },
      serviceCode,
    );
    return { rating: toOwnRating(deps, rating), outcome: created ? 'created' : 'edited' };
  } catch (error) {
    // Two copies of one submission raced: the loser's write hit the submission's key; answer as a retry.
    const raced = await replayOf(deps, residentId, input.clientRequestId, bodyHash);
    if (raced) return { rating: raced, outcome: 'replayed' };
    throw error;
  }
}

async function replayOf(deps: AppDeps, residentId: number, clientRequestId: string, bodyHash: string): Promise<OwnRating | null> {
  const previous = await findSubmission(deps.db, residentId, clientRequestId);
  if (!previous) return null;
  if (previous.bodyHash !== bodyHash) {
    throw new AppError('conflict', '该请求编号已用于另一条评价,请刷新后重新提交');
  }
  return toOwnRating(deps, previous.rating);
}

export async function listOwnRatings(deps: AppDeps, residentId: number): Promise<OwnRating[]> {
  const rows = await listResidentRatings(deps.db, residentId, 200);
  return rows.map((r) => toOwnRating(deps, r));
}

/** What an answer shows of a rating: a rating read back, or one just written. */
type ShownRating = Pick<
  RatingWithNames,
  | 'id'
  | 'clientRequestId'
  | 'station'
  | 'staff'
  | 'serviceType'
  | 'level'
  | 'attitude'
  | 'competence'
  | 'efficiency'
  | 'reasonCode'
  | 'reasonText'
  | 'callbackPhoneEnc'
  | 'comment'
  | 'raterType'
  | 'serviceDate'
  | 'status'
  | 'revision'
  | 'createdAt'
  | 'updatedAt'
> & { reply?: RatingReplyShown | null; followUp?: FollowUpShown | null };

function toOwnRating(deps: AppDeps, r: ShownRating): OwnRating {
  return {
    id: r.id,
    clientRequestId: r.clientRequestId,
    station: { code: r.station.code, name: r.station.name },
    staff: { id: r.staff.id, name: r.staff.name, role: r.staff.role },
    serviceType: r.serviceType,
    level: r.level,
    dimensions: { attitude: r.attitude, competence: r.competence, efficiency: r.efficiency },
    reasonCode: r.reasonCode,
    reasonText: r.reasonText,
    callbackPhone: r.callbackPhoneEnc ? maskPhone(decryptPhone(deps.config.phoneEncryptionKey, r.callbackPhoneEnc)) : null,
    comment: r.comment,
    raterType: r.raterType,
    serviceDate: r.serviceDate,
    status: ownStatusOf(r.status),
    revision: r.revision,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    // A rating just written has none; 我的评价 reads it with the ratings.
    reply: r.reply ? { text: r.reply.text, at: r.reply.updatedAt.toISOString() } : null,
    followUp: r.followUp ? followUpOf(r.followUp) : null,
  };
}

/** A void case (its rating excluded) is not shown: the rating's own status says what happened. */
export function followUpOf(c: FollowUpShown): FollowUp | null {
  if (c.status === 'void') return null;
  return {
    status: c.status === 'closed' ? 'closed' : 'open',
    dueOn: c.dueOn,
    closedOn: c.closedOn,
    resolution: c.steps[0]?.note ?? null,
    verdict: c.fixVerdict === null ? null : parseVocabulary(FIX_VERDICTS, c.fixVerdict, 'case fixVerdict'),
  };
}
