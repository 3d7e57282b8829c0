/**
 * 我的站点 (issue 12, part 7): the stations a worker serves at, today or from a later date, and each
 * one's poster to print (the same PDF page the bureau prints), so that a worker can put up or replace
 * the code residents scan.
 */
import type { PosterQuery, WorkerStation } from '@plsr/shared/schemas';
import { beijingDate } from '@plsr/shared/time';
import { parseVocabulary, STATION_STATUSES, STATION_TIERS } from '@plsr/shared/vocabulary';
import type { StaffActor } from '../auth/sessions';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { posterPdf } from '../stations/posters';

/** Postings not ended before today. */
const current = (today: string) => ({ OR: [{ toDate: null }, { toDate: { gte: today } }] });

export async function workerStations(deps: AppDeps, actor: StaffActor): Promise<WorkerStation[]> {
  const today = beijingDate(deps.now());
  const rows = await deps.db.assignment.findMany({
    where: { staffId: actor.staffId, ...current(today), station: { status: { not: 'closed' } } },
    select: {
      fromDate: true,
      toDate: true,
      station: { select: { code: true, name: true, tier: true, status: true, countyCode: true, townshipCode: true } },
    },
    orderBy: [{ fromDate: 'asc' }],
  });
  const codes = [...new Set(rows.flatMap((r) => [r.station.countyCode, ...(r.station.townshipCode ? [r.station.townshipCode] : [])]))];
  const names = new Map((await deps.db.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })).map((r) => [r.code, r.name]));
  return rows.map(({ station: s, fromDate, toDate }) => ({
    code: s.code,
    name: s.name,
    tier: parseVocabulary(STATION_TIERS, s.tier, `Station ${s.code} tier`),
    status: parseVocabulary(STATION_STATUSES, s.status, `Station ${s.code} status`),
    place: [names.get(s.countyCode), s.townshipCode ? names.get(s.townshipCode) : undefined].filter(Boolean).join(' '),
    fromDate,
    toDate,
  }));
}

export async function workerPoster(deps: AppDeps, actor: StaffActor, code: string, size: PosterQuery['size']) {
  const today = beijingDate(deps.now());
  const posting = await deps.db.assignment.findFirst({
    where: { staffId: actor.staffId, station: { code }, ...current(today) },
    select: { station: { select: { countyCode: true, status: true, name: true } } },
  });
  if (!posting) throw new AppError('not_found', '您不在这个站点服务');
  if (posting.station.status !== 'active') throw new AppError('not_found', `${posting.station.name}暂停服务,不打印海报`);
  const pdf = await posterPdf(deps, posting.station.countyCode, size, code);
  return { ...pdf, filename: `${posting.station.name}评价二维码海报-${size}.pdf` };
}
