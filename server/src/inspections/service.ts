/**
 * 验收: a bureau records each township workstation's inspection for the year (five aspects of 0–20,
 * or 暂不参评 with a reason), and corrects it; the year-end reads it at once (60 % of the township's
 * score). Every record and correction is in the audit log with what it was before. A station outside
 * the caller's jurisdiction is refused, whichever code is named.
 */
import type { InspectedStation, Inspection, InspectionInput } from '@plsr/shared/schemas';
import { INSPECTION_ASPECTS, parseVocabulary, STATION_TIERS } from '@plsr/shared/vocabulary';
import { assertWithinJurisdiction, type BureauUser } from '../auth/guards';
import type { Db } from '../db/client';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { findRegions } from '../stations/repository';
import { writeAudit } from '../audit/write';
import { isSampled } from './sample';

type InspectionRow = {
  standardisation: number | null;
  professionalism: number | null;
  openness: number | null;
  management: number | null;
  informatisation: number | null;
  exempt: boolean;
  exemptReason: string | null;
  inspectedOn: string;
  notes: string | null;
};

type StationRow = { code: string; name: string; tier: string; countyCode: string; townshipCode: string | null; inspections: InspectionRow[] };

export const INSPECTION_SELECT = {
  standardisation: true,
  professionalism: true,
  openness: true,
  management: true,
  informatisation: true,
  exempt: true,
  exemptReason: true,
  inspectedOn: true,
  notes: true,
} as const;

function inspectionView(row: InspectionRow): Inspection {
  const scores = Object.fromEntries(INSPECTION_ASPECTS.map((a) => [a, row.exempt ? null : row[a]])) as Inspection['scores'];
  const values = INSPECTION_ASPECTS.map((a) => scores[a]);
  const total = values.every((v): v is number => v !== null) ? values.reduce((s, v) => s + v, 0) : null;
  return { scores, total, exempt: row.exempt, exemptReason: row.exemptReason, inspectedOn: row.inspectedOn, notes: row.notes };
}

export async function stationViews(db: Db, rows: StationRow[]): Promise<InspectedStation[]> {
  const codes = new Set(rows.flatMap((s) => [s.countyCode, ...(s.townshipCode ? [s.townshipCode] : [])]));
  const names = new Map((await findRegions(db, [...codes])).map((r) => [r.code, r]));
  const ref = (code: string) => {
    const r = names.get(code);
    if (!r) throw new Error(`region ${code} of a station is missing`);
    return { code: r.code, name: r.name, level: r.level };
  };
  return rows.map((s) => ({
    code: s.code,
    name: s.name,
    tier: parseVocabulary(STATION_TIERS, s.tier, `station ${s.code} tier`),
    township: s.townshipCode ? ref(s.townshipCode) : null,
    county: ref(s.countyCode),
    inspection: s.inspections[0] ? inspectionView(s.inspections[0]) : null,
  }));
}

/** The township workstations of a region (open or suspended) with the year's inspection of each. */
export async function listInspections(deps: Pick<AppDeps, 'db'>, year: number, region: string): Promise<{ year: number; stations: InspectedStation[] }> {
  const exists = await deps.db.region.count({ where: { code: region } });
  if (exists === 0) throw new AppError('not_found', `行政区划 ${region} 不存在`);
  const rows = await deps.db.station.findMany({
    where: { tier: 'township_workstation', countyCode: { startsWith: region.slice(0, 6) }, regionCode: { startsWith: region }, status: { not: 'closed' } },
    select: { code: true, name: true, tier: true, countyCode: true, townshipCode: true, inspections: { where: { year }, select: INSPECTION_SELECT } },
    orderBy: { code: 'asc' },
  });
  return { year, stations: await stationViews(deps.db, rows) };
}

function rowOf(input: InspectionInput): InspectionRow {
  const none = { standardisation: null, professionalism: null, openness: null, management: null, informatisation: null };
  const notes = input.notes ? input.notes : null;
  // The schema's check pairs them: a reason with exempt, the scores without.
  return input.exempt
    ? { ...none, exempt: true, exemptReason: input.exemptReason!, inspectedOn: input.inspectedOn, notes }
    : { ...input.scores!, exempt: false, exemptReason: null, inspectedOn: input.inspectedOn, notes };
}

/** Records (or corrects) the year's inspection of a township workstation in the caller's jurisdiction. */
export async function recordInspection(deps: AppDeps, user: BureauUser, year: number, code: string, input: InspectionInput): Promise<InspectedStation> {
  if (input.inspectedOn.slice(0, 4) !== String(year)) {
    throw new AppError('validation_failed', `验收日期应在 ${year} 年内`, [{ path: 'inspectedOn', message: `验收日期应在 ${year} 年内` }]);
  }
  const station = await deps.db.station.findUnique({
    where: { code },
    select: { id: true, code: true, name: true, tier: true, status: true, countyCode: true, townshipCode: true },
  });
  if (!station) throw new AppError('not_found', `站点 ${code} 不存在`);
  assertWithinJurisdiction(user, station.countyCode);
  // Township workstations every year; a village room when its county's sample for the year drew it.
  const inspectable =
    station.tier === 'township_workstation' || (station.tier === 'village_room' && (await isSampled(deps.db, year, station.countyCode, station.code)));
  if (!inspectable) throw new AppError('conflict', '只验收乡镇(街道)公共法律服务工作站,以及当年抽中的村(社区)工作室');
  if (station.status === 'closed') throw new AppError('conflict', '该站点已撤销,不能录入验收');
  const data = rowOf(input);
  const recorded = await deps.db.$transaction(async (tx) => {
    const before = await tx.inspection.findUnique({ where: { stationId_year: { stationId: station.id, year } }, select: INSPECTION_SELECT });
    const after = await tx.inspection.upsert({
      where: { stationId_year: { stationId: station.id, year } },
      create: { stationId: station.id, year, ...data },
      update: { ...data, isDemo: false },
      select: INSPECTION_SELECT,
    });
    await writeAudit(tx, deps.now(), user, {
      action: before ? 'inspection.correct' : 'inspection.record',
      subject: `inspection:${code}:${year}`,
      regionCode: station.countyCode,
      before,
      after: data,
    });
    return after;
  });
  // The station as read before, with the inspection as written: no second read of either.
  return (await stationViews(deps.db, [{ ...station, inspections: [recorded] }]))[0]!;
}
