/** Station, region and assignment reads: the only place the stations domain touches Prisma. */
import type { Db } from '../db/client';

export function findStationByCode(db: Db, code: string) {
  return db.station.findUnique({ where: { code }, include: { region: true } });
}

export function findRegions(db: Db, codes: string[]) {
  return db.region.findMany({ where: { code: { in: codes } } });
}

/** Staff with an assignment at the station that covers `date` (YYYY-MM-DD). */
export function findStaffServingOn(db: Db, stationId: number, date: string) {
  return db.staff.findMany({
    where: {
      status: 'active',
      assignments: { some: { stationId, fromDate: { lte: date }, OR: [{ toDate: null }, { toDate: { gte: date } }] } },
    },
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
  });
}

export async function isStaffServingOn(db: Db, staffId: number, stationId: number, date: string): Promise<boolean> {
  const n = await db.assignment.count({
    where: { staffId, stationId, fromDate: { lte: date }, OR: [{ toDate: null }, { toDate: { gte: date } }] },
  });
  return n > 0;
}
