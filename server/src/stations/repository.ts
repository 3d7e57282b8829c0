/**
 * Station, region and assignment reads: the only place the stations domain touches Prisma. Enum
 * columns (tier, status, level, role) are parsed into the shared vocabulary here, so a bad value in the
 * database fails loudly instead of reaching a resident's screen.
 */
import { parseVocabulary, REGION_LEVELS, STAFF_ROLES, STATION_STATUSES, STATION_TIERS } from '@plsr/shared/vocabulary';
import type { Db } from '../db/client';

const regionLevel = <R extends { code: string; level: string }>(r: R) => ({
  ...r,
  level: parseVocabulary(REGION_LEVELS, r.level, `region ${r.code} level`),
});

export async function findStationByCode(db: Db, code: string) {
  const station = await db.station.findUnique({ where: { code }, include: { region: true } });
  return (
    station && {
      ...station,
      tier: parseVocabulary(STATION_TIERS, station.tier, `station ${station.code} tier`),
      status: parseVocabulary(STATION_STATUSES, station.status, `station ${station.code} status`),
      region: regionLevel(station.region),
    }
  );
}

export async function findRegions(db: Db, codes: string[]) {
  return (await db.region.findMany({ where: { code: { in: codes } } })).map(regionLevel);
}

/** Staff with an assignment at the station that covers `date` (YYYY-MM-DD). */
export async function findStaffServingOn(db: Db, stationId: number, date: string) {
  const rows = await db.staff.findMany({
    where: {
      status: 'active',
      assignments: { some: { stationId, fromDate: { lte: date }, OR: [{ toDate: null }, { toDate: { gte: date } }] } },
    },
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
  });
  return rows.map((s) => ({ ...s, role: parseVocabulary(STAFF_ROLES, s.role, `staff ${s.id} role`) }));
}

export async function isStaffServingOn(db: Db, staffId: number, stationId: number, date: string): Promise<boolean> {
  const n = await db.assignment.count({
    where: { staffId, stationId, fromDate: { lte: date }, OR: [{ toDate: null }, { toDate: { gte: date } }] },
  });
  return n > 0;
}
