/**
 * Station, region and assignment reads: the only place the stations domain touches Prisma. Enum
 * columns (tier, status, level, role) are parsed into the shared vocabulary here, so a bad value in the
 * database fails loudly instead of reaching a resident's screen.
 */
import { parseVocabulary, REGION_LEVELS, STAFF_ROLES, STATION_STATUSES, STATION_TIERS } from '@plsr/shared/vocabulary';
import type { Db } from '../db/client';
import { queryRows } from '../db/raw';
import { Prisma } from '../generated/sqlite/client';

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

/** The regions directly under `parent`, by code. */
export async function findChildRegions(db: Db, parent: string) {
  return (await db.region.findMany({ where: { parentCode: parent }, orderBy: { code: 'asc' } })).map(regionLevel);
}

/**
 * Staff with an assignment at the station that covers `date` (YYYY-MM-DD): from the station's
 * assignments (indexed by station) to their people, not from every person to their assignments.
 */
export async function findStaffServingOn(db: Db, stationId: number, date: string) {
  const posts = await db.assignment.findMany({
    where: { stationId, fromDate: { lte: date }, OR: [{ toDate: null }, { toDate: { gte: date } }], staff: { status: 'active' } },
    select: { staff: true },
  });
  const people = new Map(posts.map((p) => [p.staff.id, p.staff]));
  return [...people.values()]
    .map((s) => ({ ...s, role: parseVocabulary(STAFF_ROLES, s.role, `staff ${s.id} role`) }))
    .sort((a, b) => (a.role === b.role ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.role < b.role ? -1 : 1));
}

/** The registry's version: database triggers move it on every change to regions, stations, staff or assignments. */
export async function registryVersion(db: Db): Promise<number> {
  const rows = await queryRows<{ version: number | bigint }>(db, Prisma.sql`SELECT "version" FROM "RegistryVersion" WHERE "id" = 1`);
  return Number(rows[0]?.version ?? 0);
}

export async function isStaffServingOn(db: Db, staffId: number, stationId: number, date: string): Promise<boolean> {
  const n = await db.assignment.count({
    where: { staffId, stationId, fromDate: { lte: date }, OR: [{ toDate: null }, { toDate: { gte: date } }] },
  });
  return n > 0;
}
