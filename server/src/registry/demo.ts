/**
 * Demo data for a province whose divisions are imported: staff at every station, a year of ratings
 * up to today, this year's inspections and three bureau accounts — so that every screen, export
 * and the year-end bulletin have something real-looking to show. Deterministic for a given seed.
 * Everything written is marked isDemo (residents: kind 'demo'; organisations end in '(演示)').
 */
import { createHash } from 'node:crypto';
import { isCalendarDate, daysBetween, yearOfDate } from '@plsr/shared/time';
import { parseVocabulary, STATION_CODE_PREFIX, STATION_TIERS, type UserRole } from '@plsr/shared/vocabulary';
import { hashPassword } from '../auth/passwords';
import type { Db, Prisma } from '../db/client';
import { rebuildRatingCounts } from '../ratings/counts';
import { insertRows } from './bulk-insert';
import { planInspectionQuality, planInspections, planStaff, type DemoStation, type PlannedInspection, type PlannedStaff } from './demo-plan';
import { planRatings } from './demo-ratings';
import { addressHash } from '../auth/secrets';
import { supersedeEarlierVoices } from '../review/one-voice';
import { mulberry32, provinceShortName } from './demo-random';

export interface SeedDemoOptions {
  provinceCode: string;
  /** Beijing date (YYYY-MM-DD): ratings run from January 1 of its year up to it. */
  today: string;
  seed?: number;
  /** Ratings a whole year would bring (default ≈ 22 per staff member, ≈ 30,000 for Ningxia); scaled by the part of the year elapsed. */
  ratingsPerYear?: number;
  log?: (msg: string) => void;
}

export interface DemoUser {
  username: string;
  password: string;
  /** A bureau role, or staff for the worker's login (tied to one demo staff member). */
  role: UserRole | 'staff';
  regionCode: string;
}

export interface SeedDemoResult {
  staff: number;
  ratings: number;
  inspections: number;
  users: DemoUser[];
}

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEFAULT_DEMO_SEED = 20181221;
const RATINGS_PER_STAFF_YEAR = 22;

type Tx = Prisma.TransactionClient;

export async function hasDemoData(db: Db): Promise<boolean> {
  return (await db.staff.count({ where: { isDemo: true } })) > 0;
}

/** sha256 of 'demo:<n>': a demo resident's idHash, never equal to a real resident's keyed HMAC. */
export const demoResidentHash = (n: number) => createHash('sha256').update(`demo:${n}`).digest('hex');

async function loadStations(db: Db, provinceCode: string): Promise<DemoStation[]> {
  const rows = await db.station.findMany({
    where: { OR: Object.values(STATION_CODE_PREFIX).map((letter) => ({ code: { startsWith: letter + provinceCode } })) },
    include: { region: { select: { name: true } } },
    orderBy: { code: 'asc' },
  });
  if (rows.length === 0) {
    throw new Error(`省 ${provinceCode} 还没有服务站点:请先导入行政区划 (no stations for province ${provinceCode}: run import:divisions first)`);
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    tier: parseVocabulary(STATION_TIERS, r.tier, `station ${r.code} tier`),
    regionCode: r.regionCode,
    regionName: r.region.name,
    cityCode: r.cityCode,
    countyCode: r.countyCode,
    townshipCode: r.townshipCode,
  }));
}

async function demoUsers(db: Db, provinceCode: string, stations: DemoStation[]): Promise<DemoUser[]> {
  const county = stations.find((s) => s.tier === 'county_centre');
  if (!county) throw new Error(`省 ${provinceCode} 没有县级服务中心 (no county centre)`);
  const firstCity =
    stations
      .filter((s) => s.tier === 'county_centre')
      .map((s) => s.cityCode)
      .sort()[0] ?? county.cityCode;
  const firstCounty =
    stations
      .filter((s) => s.tier === 'county_centre' && s.cityCode === firstCity)
      .map((s) => s.countyCode)
      .sort()[0] ?? county.countyCode;
  const users: DemoUser[] = [
    { username: 'demo-region', password: DEMO_PASSWORD, role: 'region', regionCode: provinceCode },
    { username: 'demo-city', password: DEMO_PASSWORD, role: 'city', regionCode: firstCity },
    { username: 'demo-county', password: DEMO_PASSWORD, role: 'county', regionCode: firstCounty },
    { username: 'demo-worker', password: DEMO_PASSWORD, role: 'staff', regionCode: firstCounty },
  ];
  const clash = await db.user.findFirst({ where: { username: { in: users.map((u) => u.username) }, isDemo: false } });
  if (clash) throw new Error(`账号 ${clash.username} 已存在且不是演示账号 (a real account is named ${clash.username})`);
  return users;
}

export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const { provinceCode, today } = options;
  const log = options.log ?? (() => undefined);
  if (!isCalendarDate(today)) throw new Error(`today 应为 YYYY-MM-DD 日期 (not a date: ${today})`);
  if (await hasDemoData(db)) throw new Error('演示数据已存在 (demo data already exists)');
  const year = yearOfDate(today);
  const random = mulberry32(options.seed ?? DEFAULT_DEMO_SEED);

  const stations = await loadStations(db, provinceCode);
  const province = await db.region.findUnique({ where: { code: provinceCode } });
  const townships = stations.filter((s) => s.tier === 'township_workstation');
  const quality = planInspectionQuality(random, townships);
  const staff = planStaff(random, { stations, provinceShort: provinceShortName(province?.name ?? ''), year, quality });
  const inspections = planInspections(random, { townships, quality, year, today });
  const days = daysBetween(`${year}-01-01`, today) + 1;
  const yearDays = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
  const perYear = options.ratingsPerYear ?? RATINGS_PER_STAFF_YEAR * staff.length;
  const count = Math.round((perYear * days) / yearDays);
  const residents = Math.max(20, Math.ceil(count / 2));
  const ratings = planRatings(random, { staff, count, residents, year, days });
  const users = await demoUsers(db, provinceCode, stations);
  const hashes = await Promise.all(users.map((u) => hashPassword(u.password)));
  log(`planned ${staff.length} staff, ${ratings.length} ratings, ${inspections.length} inspections`);

  const inspectionCount = await db.$transaction(
    async (tx) => {
      if ((await tx.staff.count({ where: { isDemo: true } })) > 0) throw new Error('演示数据已存在 (demo data already exists)');
      const staffIds = await writeStaff(tx, staff, year);
      // In the order they were made, as a live server would have numbered them: the review scan reads by id.
      const ordered = [...ratings].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const residentIds = await writeResidents(tx, residents, firstRatingTimes(ordered, residents, year));
      const before = await tx.rating.aggregate({ _max: { id: true } });
      await insertRows(
        tx,
        'Rating',
        ordered.map(({ staffIndex, residentIndex, station, createdAt, ...r }) => ({
          ...r,
          // As if sent from the station's Wi-Fi through POST /api/ratings: the review scan reads them so.
          ipHash: addressHash('demo', `station-${station.id}`),
          bodyHash: createHash('sha256').update(r.clientRequestId).digest('hex'),
          residentId: residentIds[residentIndex] ?? 0,
          staffId: staffIds[staffIndex] ?? 0,
          stationId: station.id,
          serviceYear: year,
          status: 'valid',
          callbackPhoneEnc: null,
          revision: 1,
          cityCode: station.cityCode,
          countyCode: station.countyCode,
          townshipCode: station.townshipCode,
          isDemo: true,
          createdAt,
          updatedAt: createdAt,
        })),
      );
      // One voice per resident, as the review scan would have given it; the scan then starts after them
      // (unless ratings before them are still to scan). The demo's ratings pass every fraud rule (demo test).
      await supersedeEarlierVoices(tx);
      const after = await tx.rating.aggregate({ _max: { id: true } });
      const cursor = await tx.scanCursor.findUnique({ where: { name: 'review' } });
      if ((cursor?.lastRatingId ?? 0) >= (before._max.id ?? 0)) {
        const lastRatingId = after._max.id ?? 0;
        await tx.scanCursor.upsert({ where: { name: 'review' }, create: { name: 'review', lastRatingId }, update: { lastRatingId } });
      }
      // Written in bulk, past the repository: count them all in the same transaction.
      await rebuildRatingCounts(tx);
      const inspected = await writeInspections(tx, inspections, year);
      // The worker's login: the lawyer of the demo county with the most ratings this year.
      const worker = demoWorker(staff, ratings, users.find((u) => u.role === 'county')?.regionCode ?? '');
      for (const [i, u] of users.entries()) {
        const staffId = u.role === 'staff' && worker !== null ? (staffIds[worker] ?? null) : null;
        if (u.role === 'staff' && staffId === null) continue;
        const data = { passwordHash: hashes[i] ?? '', role: u.role, regionCode: u.regionCode, staffId, isDemo: true };
        await tx.user.upsert({ where: { username: u.username }, create: { username: u.username, ...data }, update: data });
      }
      log(`wrote ${staff.length} staff, ${ratings.length} ratings, ${inspected} inspections`);
      return inspected;
    },
    { maxWait: 10_000, timeout: 600_000 },
  );
  return { staff: staff.length, ratings: ratings.length, inspections: inspectionCount, users };
}

/** Index of the staff member the demo worker login belongs to: the busiest lawyer (else anyone) of the county. */
function demoWorker(staff: PlannedStaff[], ratings: { staffIndex: number }[], countyCode: string): number | null {
  const counts = new Map<number, number>();
  for (const r of ratings) counts.set(r.staffIndex, (counts.get(r.staffIndex) ?? 0) + 1);
  const inCounty = staff.map((p, i) => ({ p, i })).filter(({ p }) => p.countyCode === countyCode);
  const pool = inCounty.some(({ p }) => p.role === 'lawyer') ? inCounty.filter(({ p }) => p.role === 'lawyer') : inCounty;
  const best = pool.sort((a, b) => (counts.get(b.i) ?? 0) - (counts.get(a.i) ?? 0) || a.i - b.i)[0];
  return best ? best.i : null;
}

/** Inserts the staff and their assignments from January 1; returns their ids in plan order. */
async function writeStaff(tx: Tx, staff: PlannedStaff[], year: number): Promise<number[]> {
  const now = new Date();
  await insertRows(
    tx,
    'Staff',
    staff.map((s) => ({
      name: s.name,
      role: s.role,
      licenceNumber: s.licenceNumber,
      organisation: s.organisation,
      countyCode: s.countyCode,
      cityCode: s.cityCode,
      status: 'active',
      isDemo: true,
      createdAt: now,
    })),
  );
  // Ids come back in insertion order; no demo staff existed before (checked by the caller).
  const created = await tx.staff.findMany({ where: { isDemo: true }, orderBy: { id: 'asc' }, select: { id: true, name: true } });
  if (created.length !== staff.length || created.some((c, i) => c.name !== staff[i]?.name)) {
    throw new Error('demo staff ids do not line up with the plan');
  }
  const ids = created.map((c) => c.id);
  await insertRows(
    tx,
    'Assignment',
    staff.flatMap((s, i) =>
      [...new Set(s.posts.map((p) => p.station.id))].map((stationId) => ({ staffId: ids[i] ?? 0, stationId, fromDate: `${year}-01-01`, toDate: null })),
    ),
  );
  return ids;
}

/**
 * When each demo resident first logged in: one to five minutes before their first rating, as a
 * resident who scans the code after the service does (January 1 for one who never rated).
 */
function firstRatingTimes(ordered: { residentIndex: number; createdAt: Date }[], count: number, year: number): Date[] {
  const out = Array.from({ length: count }, () => new Date(`${year}-01-01T00:00:00+08:00`));
  const seen = new Set<number>();
  for (const r of ordered) {
    if (seen.has(r.residentIndex)) continue;
    seen.add(r.residentIndex);
    out[r.residentIndex] = new Date(r.createdAt.getTime() - (1 + (r.residentIndex % 5)) * 60_000);
  }
  return out;
}

/** Makes sure demo residents 0 … count−1 exist (a removed demo may have left some); returns their ids. */
async function writeResidents(tx: Tx, count: number, createdAt: Date[]): Promise<number[]> {
  const hashes = Array.from({ length: count }, (_, n) => demoResidentHash(n));
  const known = new Set((await tx.resident.findMany({ where: { kind: 'demo' }, select: { idHash: true } })).map((r) => r.idHash));
  await insertRows(
    tx,
    'Resident',
    hashes.flatMap((idHash, n) => (known.has(idHash) ? [] : [{ idHash, kind: 'demo', createdAt: createdAt[n]! }])),
  );
  const idByHash = new Map((await tx.resident.findMany({ where: { kind: 'demo' }, select: { id: true, idHash: true } })).map((r) => [r.idHash, r.id]));
  return hashes.map((h) => idByHash.get(h) ?? 0);
}

/** Inserts this year's inspections, leaving alone any workstation a bureau already inspected. */
async function writeInspections(tx: Tx, inspections: PlannedInspection[], year: number): Promise<number> {
  const already = new Set(
    (await tx.inspection.findMany({ where: { year, stationId: { in: inspections.map((i) => i.station.id) } }, select: { stationId: true } })).map(
      (i) => i.stationId,
    ),
  );
  const now = new Date();
  return insertRows(
    tx,
    'Inspection',
    inspections
      .filter((i) => !already.has(i.station.id))
      .map((i) => ({
        stationId: i.station.id,
        year,
        standardisation: i.aspects?.standardisation ?? null,
        professionalism: i.aspects?.professionalism ?? null,
        openness: i.aspects?.openness ?? null,
        management: i.aspects?.management ?? null,
        informatisation: i.aspects?.informatisation ?? null,
        exempt: i.aspects === null,
        exemptReason: i.exemptReason,
        inspectedOn: i.inspectedOn,
        isDemo: true,
        createdAt: now,
      })),
  );
}
