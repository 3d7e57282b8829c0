import { BAD_REVIEW_REASONS } from '@plsr/shared/vocabulary';
import { DEMO_PASSWORD, importDivisions, seedDemo, verifyPassword, type Db, type SeedDemoResult } from '@plsr/server';
import { tempDb, type TempDb } from './support/temp-db';

const TODAY = '2026-03-31';
const OPTIONS = { provinceCode: '64', today: TODAY, seed: 7 };

async function seeded(label: string): Promise<{ t: TempDb; result: SeedDemoResult }> {
  const t = await tempDb(label);
  await importDivisions(t.db, '64');
  return { t, result: await seedDemo(t.db, OPTIONS) };
}

const firstRatings = (db: Db) =>
  db.rating.findMany({
    orderBy: { id: 'asc' },
    take: 25,
    select: {
      serviceDate: true,
      level: true,
      serviceType: true,
      comment: true,
      reasonCode: true,
      clientRequestId: true,
      staff: { select: { name: true, role: true } },
      station: { select: { code: true } },
    },
  });

describe('seedDemo (Ningxia, today 2026-03-31)', () => {
  let a: { t: TempDb; result: SeedDemoResult };
  let db: Db;

  beforeAll(async () => {
    a = await seeded('demo');
    db = a.t.db;
  });
  afterAll(() => a.t.remove());

  it('when run twice with the same seed on fresh databases, then it makes the same data', async () => {
    const b = await seeded('demo-again');
    try {
      expect(b.result).toEqual(a.result);
      expect(await firstRatings(b.t.db)).toEqual(await firstRatings(db));
    } finally {
      await b.t.remove();
    }
  });

  it('then the counts fit the province and the part of the year elapsed', async () => {
    const { staff, ratings, inspections } = a.result;
    expect(staff).toBe(await db.staff.count());
    expect(staff).toBeGreaterThan(1200);
    // ≈ 30,000 a year for Ningxia, 90 of 365 days elapsed.
    expect(ratings).toBe(await db.rating.count());
    expect(ratings).toBeGreaterThan(6500);
    expect(ratings).toBeLessThan(8500);
    expect(inspections).toBe(await db.inspection.count());
  });

  it('then every rating is of this year and not after today', async () => {
    expect(
      await db.rating.count({ where: { OR: [{ serviceDate: { gt: TODAY } }, { serviceDate: { lt: '2026-01-01' } }, { serviceYear: { not: 2026 } }] } }),
    ).toBe(0);
    expect(await db.rating.count({ where: { serviceDate: TODAY } })).toBeGreaterThan(0);
  });

  it('then every village room has a lawyer, who also serves at that township workstation', async () => {
    expect(await db.station.count({ where: { tier: 'village_room', assignments: { none: { staff: { role: 'lawyer' } } } } })).toBe(0);
    const lawyers = await db.staff.findMany({ where: { role: 'lawyer' }, include: { assignments: { include: { station: true } } } });
    for (const lawyer of lawyers) {
      const rooms = lawyer.assignments.filter((x) => x.station.tier === 'village_room');
      const workstations = lawyer.assignments.filter((x) => x.station.tier === 'township_workstation');
      expect(rooms.length).toBeGreaterThan(0);
      expect(workstations).toHaveLength(1);
      expect(rooms.every((x) => x.station.townshipCode === workstations[0]?.station.townshipCode)).toBe(true);
      expect(lawyer.licenceNumber).toMatch(/^\d{17}$/);
    }
    expect(await db.assignment.count({ where: { OR: [{ fromDate: { not: '2026-01-01' } }, { toDate: { not: null } }] } })).toBe(0);
  });

  it('then every township workstation has a mediator and a grassroots legal service worker, every county centre a notary and a legal-aid worker', async () => {
    const missing = (tier: string, role: string) =>
      db.station.count({ where: { tier, code: { startsWith: tier === 'county_centre' ? 'C64' : 'T64' }, assignments: { none: { staff: { role } } } } });
    expect(await missing('township_workstation', 'mediator')).toBe(0);
    expect(await missing('township_workstation', 'grassroots_legal_worker')).toBe(0);
    expect(await missing('county_centre', 'notary')).toBe(0);
    expect(await missing('county_centre', 'legal_aid_worker')).toBe(0);
  });

  it('then every bad review has a listed reason and no other review has one', async () => {
    expect(await db.rating.count({ where: { level: { lte: 2 }, reasonCode: null } })).toBe(0);
    expect(await db.rating.count({ where: { level: { gte: 3 }, NOT: { reasonCode: null } } })).toBe(0);
    const reasons = await db.rating.groupBy({ by: ['reasonCode'], where: { level: { lte: 2 } } });
    expect(reasons.every((r) => (BAD_REVIEW_REASONS as readonly (string | null)[]).includes(r.reasonCode))).toBe(true);
  });

  it('then the levels spread about 55% 5, 30% 4, 9% 3, 4% 2, 2% 1', async () => {
    const total = await db.rating.count();
    const share = async (level: number) => (await db.rating.count({ where: { level } })) / total;
    expect(await share(5)).toBeGreaterThan(0.48);
    expect(await share(5)).toBeLessThan(0.62);
    expect(await share(4)).toBeGreaterThan(0.24);
    expect(await share(4)).toBeLessThan(0.36);
    expect((await share(1)) + (await share(2))).toBeGreaterThan(0.03);
    expect((await share(1)) + (await share(2))).toBeLessThan(0.1);
  });

  it('then service types fit the role and the rating copies its station’s codes', async () => {
    // Quoted identifiers: PostgreSQL folds unquoted ones to lower case.
    const pairs = await db.$queryRaw<Array<{ role: string; serviceType: string }>>`
      SELECT DISTINCT s."role", r."serviceType" FROM "Rating" r JOIN "Staff" s ON s."id" = r."staffId"`;
    const allowed: Record<string, string[]> = {
      lawyer: ['consultation', 'lawyer_service', 'document_drafting'],
      mediator: ['mediation', 'consultation'],
      notary: ['notarization'],
      legal_aid_worker: ['legal_aid', 'consultation'],
      grassroots_legal_worker: ['consultation', 'document_drafting', 'mediation'],
    };
    for (const { role, serviceType } of pairs) expect(allowed[role]).toContain(serviceType);
    const [mismatch] = await db.$queryRaw<Array<{ n: number }>>`
      SELECT COUNT(*) AS n FROM "Rating" r JOIN "Station" st ON st."id" = r."stationId"
      WHERE r."cityCode" <> st."cityCode" OR r."countyCode" <> st."countyCode" OR COALESCE(r."townshipCode", '') <> COALESCE(st."townshipCode", '')`;
    expect(Number(mismatch?.n)).toBe(0);
  });

  it('then everything it made is marked as demo', async () => {
    expect(await db.staff.count({ where: { isDemo: false } })).toBe(0);
    expect(await db.staff.count({ where: { NOT: { organisation: { endsWith: '(演示)' } } } })).toBe(0);
    expect(await db.rating.count({ where: { isDemo: false } })).toBe(0);
    expect(await db.inspection.count({ where: { isDemo: false } })).toBe(0);
    expect(await db.user.count({ where: { isDemo: false } })).toBe(0);
    expect(await db.resident.count({ where: { kind: { not: 'demo' } } })).toBe(0);
    expect(await db.station.count({ where: { isDemo: true } })).toBe(0);
  });

  it('then about 85% of workstations are inspected on five aspects of 12–20, a few exempt with a reason', async () => {
    const all = await db.inspection.findMany({ include: { station: true } });
    expect(all.every((i) => i.station.tier === 'township_workstation' && i.year === 2026 && i.inspectedOn <= TODAY)).toBe(true);
    const exempt = all.filter((i) => i.exempt);
    const inspected = all.filter((i) => !i.exempt);
    expect(exempt.length).toBe(10); // two in each of the five cities
    expect(exempt.every((i) => i.exemptReason?.includes('暂不参评') && i.standardisation === null && i.informatisation === null)).toBe(true);
    expect(inspected.length).toBeGreaterThanOrEqual(Math.round(0.8 * 259));
    const aspects = inspected.flatMap((i) => [i.standardisation, i.professionalism, i.openness, i.management, i.informatisation]);
    expect(aspects.every((v) => v !== null && v >= 12 && v <= 20)).toBe(true);
  });

  it('then three bureau logins and a worker login exist with the demo password', async () => {
    expect(a.result.users.map((u) => [u.username, u.role, u.regionCode])).toEqual([
      ['demo-region', 'region', '64'],
      ['demo-city', 'city', '6401'],
      ['demo-county', 'county', '640104'],
      ['demo-worker', 'staff', '640104'],
    ]);
    const worker = await db.user.findUniqueOrThrow({ where: { username: 'demo-worker' }, include: { staff: true } });
    expect(worker.staff).toMatchObject({ role: 'lawyer', countyCode: '640104', isDemo: true });
    expect(await db.rating.count({ where: { staffId: worker.staffId! } })).toBeGreaterThan(5);
    const user = await db.user.findUniqueOrThrow({ where: { username: 'demo-county' } });
    expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
  });

  it('when demo data already exists, then it refuses and writes nothing', async () => {
    const before = await db.rating.count();
    await expect(seedDemo(db, OPTIONS)).rejects.toThrow(/demo data already exists/);
    expect(await db.rating.count()).toBe(before);
  });
});
