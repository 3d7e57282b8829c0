/**
 * Issue 9: one voice per resident, the fraud rules that put ratings on hold, and a bureau's decisions
 * on them — through the API, as residents and bureaus use it, on the hand-made fixtures.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, type AssessmentPolicy } from '@plsr/shared/scoring';
import { insertRating } from '../src/ratings/repository';
import { SCAN_ACTOR, scanRatings } from '../src/review/scan';
import { CODES, PASSWORD, ratingBody, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const bureau: Record<string, string> = {};
let clock = Date.parse('2026-06-15T02:00:00Z'); // 10:00 in Beijing

beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
  fx = await seedFixtures(app.db);
  for (const username of ['yuanzhou', 'xiji', 'guyuan']) {
    const r = await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } });
    bureau[username] = r.body.token;
  }
});
afterAll(() => app.close());

/** Moves the app's clock on by `minutes` (every test starts where the last one stopped, hours later). */
function tick(minutes: number): void {
  clock += minutes * 60_000;
  app.setNow(new Date(clock).toISOString());
}
beforeEach(() => tick(6 * 60));

const scan = () => scanRatings({ db: app.db, now: () => new Date(clock) });

let nextAddress = 1;
/** A resident on a new device, from their own address unless one is given. */
async function resident(address = `10.0.${nextAddress >> 8}.${nextAddress++ & 255}`): Promise<{ token: string; address: string }> {
  const r = await call(app, 'POST', '/api/auth/device', { json: { deviceId: `review-${randomUUID()}` }, headers: { 'x-forwarded-for': address } });
  expect(r.status).toBe(200);
  return { token: r.body.token, address };
}

async function rate(who: { token: string; address: string }, over: Record<string, unknown> = {}): Promise<{ id: number; status: string }> {
  const r = await call(app, 'POST', '/api/ratings', { token: who.token, json: ratingBody(fx, over), headers: { 'x-forwarded-for': who.address } });
  expect(r.status).toBeLessThan(300);
  return r.body;
}

const statuses = async (ids: number[]) =>
  (await app.db.rating.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, select: { status: true } })).map((r) => r.status);

async function yearEnd(region: string = CODES.yuanzhou): Promise<any> {
  const r = await call(app, 'GET', `/api/assessments/2026?region=${region}`, { token: bureau.guyuan });
  expect(r.status).toBe(200);
  return r.body;
}
const staffRow = (ye: any, staffId: number) => ye.staff.find((s: any) => s.staffId === staffId);

async function setPolicy(regionCode: string, change: (p: AssessmentPolicy) => AssessmentPolicy): Promise<void> {
  const policyJson = JSON.stringify(change(structuredClone(DEFAULT_POLICY)));
  await app.db.assessmentPolicy.upsert({
    where: { year_regionCode: { year: 2026, regionCode } },
    create: { year: 2026, regionCode, policyJson },
    update: { policyJson },
  });
}

/** The policy with every fraud rule off: for the tests of one voice alone. */
const rulesOff = (p: AssessmentPolicy): AssessmentPolicy => ({
  ...p,
  review: {
    staffBurst: { ...p.review.staffBurst, enabled: false },
    freshResidents: { ...p.review.freshResidents, enabled: false },
    addressVolume: { ...p.review.addressVolume, enabled: false },
    residentVolume: { ...p.review.residentVolume, enabled: false },
    outsideHours: { enabled: false },
  },
});

describe('one voice per resident', () => {
  it('when a resident rates one lawyer for three service days, back-dating the last, then only the latest service day counts; the others are shown as superseded', async () => {
    const before = staffRow(await yearEnd(), fx.staff.lawyerMa.id).ratings;
    const me = await resident();
    const a = await rate(me, { serviceDate: '2026-06-10', level: 2, reasonCode: 'slow' });
    const b = await rate(me, { serviceDate: '2026-06-14', level: 5 });
    const c = await rate(me, { serviceDate: '2026-06-05', level: 1, reasonCode: 'poor_attitude' });
    await scan();
    expect(await statuses([a.id, b.id, c.id])).toEqual(['superseded', 'valid', 'superseded']);
    expect(staffRow(await yearEnd(), fx.staff.lawyerMa.id).ratings).toBe(before + 1);
    const mine = await call(app, 'GET', '/api/me/ratings', { token: me.token });
    expect(Object.fromEntries(mine.body.ratings.map((r: any) => [r.serviceDate, r.status]))).toEqual({
      '2026-06-14': 'valid',
      '2026-06-10': 'superseded',
      '2026-06-05': 'superseded',
    });
  });

  it('when thirty back-dated ratings of one lawyer come from one device, then they count once', async () => {
    const before = staffRow(await yearEnd(), fx.staff.lawyerMa.id).ratings;
    const me = await resident();
    const today = new Date(clock + 8 * 3600_000).toISOString().slice(0, 10);
    const ids: number[] = [];
    for (let late = 0; late < 30; late++) {
      const day = new Date(Date.parse(`${today}T00:00:00Z`) - late * 86_400_000).toISOString().slice(0, 10);
      ids.push((await rate(me, { serviceDate: day })).id);
      tick(5);
    }
    await scan();
    // The device sent more than the resident-volume rule allows in a day: all thirty wait for a bureau.
    expect(await statuses(ids)).toEqual(Array(30).fill('flagged'));
    expect(staffRow(await yearEnd(), fx.staff.lawyerMa.id).ratings - before).toBe(0);
    // Cleared, they are one voice: the latest service day's.
    const r = await call(app, 'POST', '/api/review/decisions', {
      token: bureau.yuanzhou,
      json: { decision: 'clear', reason: '核实为同一人多次服务', ratingIds: ids },
    });
    expect(r.status).toBe(200);
    expect(r.body.ratings.filter((x: any) => x.status === 'valid')).toEqual([{ id: ids[0], status: 'valid' }]);
    expect(staffRow(await yearEnd(), fx.staff.lawyerMa.id).ratings - before).toBe(1);
  });

  it('when the fraud rules are off, then thirty back-dated ratings of one lawyer from one device count once as soon as they are scanned', async () => {
    await setPolicy(CODES.yuanzhou, rulesOff);
    try {
      const before = staffRow(await yearEnd(), fx.staff.lawyerMa.id).ratings;
      const me = await resident();
      const today = new Date(clock + 8 * 3600_000).toISOString().slice(0, 10);
      const ids: number[] = [];
      for (let late = 29; late >= 0; late--) {
        // Oldest first this time: each new one is the latest so far, and supersedes the one before.
        const day = new Date(Date.parse(`${today}T00:00:00Z`) - late * 86_400_000).toISOString().slice(0, 10);
        ids.push((await rate(me, { serviceDate: day })).id);
        tick(5);
      }
      await scan();
      expect(staffRow(await yearEnd(), fx.staff.lawyerMa.id).ratings - before).toBe(1);
      expect(await statuses(ids)).toEqual([...Array(29).fill('superseded'), 'valid']);
    } finally {
      await app.db.assessmentPolicy.deleteMany({});
    }
  });

  it('when a resident made a verified rating, then it counts beside their latest unverified one', async () => {
    await setPolicy(CODES.yuanzhou, rulesOff);
    try {
      const me = await resident();
      const first = await rate(me, { serviceDate: '2026-06-01', level: 3 });
      await app.db.rating.update({ where: { id: first.id }, data: { verified: true } });
      const later = await rate(me, { serviceDate: '2026-06-12' });
      const latest = await rate(me, { serviceDate: '2026-06-13' });
      await scan();
      expect(await statuses([first.id, later.id, latest.id])).toEqual(['valid', 'superseded', 'valid']);
    } finally {
      await app.db.assessmentPolicy.deleteMany({});
    }
  });

  it('when the policy of the county turns one voice off for the year, then every rating counts', async () => {
    await setPolicy(CODES.yuanzhou, (p) => ({ ...rulesOff(p), oneVoicePerResident: false }));
    try {
      const me = await resident();
      const a = await rate(me, { serviceDate: '2026-06-10' });
      const b = await rate(me, { serviceDate: '2026-06-11' });
      await scan();
      expect(await statuses([a.id, b.id])).toEqual(['valid', 'valid']);
    } finally {
      await app.db.assessmentPolicy.deleteMany({});
    }
  });
});

describe('fraud rules and a bureau’s decisions', () => {
  let held: number[] = [];
  let incidentId = 0;

  it('when twelve new residents rate one mediator within twelve minutes, then all twelve are held under one incident and not counted; the residents see them as submitted', async () => {
    const before = staffRow(await yearEnd(), fx.staff.mediatorWang.id);
    const made: { id: number; token: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const who = await resident();
      made.push({ id: (await rate(who, { staffId: fx.staff.mediatorWang.id, serviceType: 'mediation' })).id, token: who.token });
      tick(1);
    }
    const r = await scan();
    expect(r.flagged).toBe(12);
    held = made.map((m) => m.id);
    expect(await statuses(held)).toEqual(Array(12).fill('flagged'));
    expect(staffRow(await yearEnd(), fx.staff.mediatorWang.id).ratings).toBe(before.ratings);
    const mine = await call(app, 'GET', '/api/me/ratings', { token: made[0]!.token });
    expect(mine.body.ratings[0]).toMatchObject({ id: held[0], status: 'valid' });

    const list = await call(app, 'GET', `/api/review/incidents?region=${CODES.yuanzhou}`, { token: bureau.yuanzhou });
    expect(list.status).toBe(200);
    const incident = list.body.incidents.find((i: any) => i.staff?.id === fx.staff.mediatorWang.id);
    expect(incident).toMatchObject({
      rule: 'staff_burst',
      ruleLabel: '同一人员短时间内评价激增',
      staff: { name: '王建国', role: 'mediator' },
      evidence: { windowMinutes: 60, threshold: 10, observed: 12 },
      counts: { pending: 12, cleared: 0, excluded: 0 },
    });
    expect(incident.evidence.summary).toContain('1 小时内收到 12 条评价');
    expect(incident.ratings.map((x: any) => x.id)).toEqual(held);
    expect(new Set(incident.ratings.map((x: any) => x.rater)).size).toBe(12);
    expect(JSON.stringify(incident)).not.toMatch(/idHash|residentId|review-/);
    incidentId = incident.id;

    const flags = await app.db.auditLog.findMany({ where: { subject: { in: held.map((id) => `rating:${id}`) } }, orderBy: { id: 'asc' } });
    expect(flags).toHaveLength(12);
    expect(flags[0]).toMatchObject({ userId: null, username: SCAN_ACTOR, action: 'rating.flag', regionCode: CODES.yuanzhou });
    expect(flags[0]!.reason).toContain('同一人员短时间内评价激增:1 小时内收到');
    expect(JSON.parse(flags[0]!.afterJson!)).toEqual({ status: 'flagged', incidentId, rule: 'staff_burst' });
  });

  it('when another county lists or decides them, then it sees none and is refused', async () => {
    const other = await call(app, 'GET', `/api/review/incidents?region=${CODES.xiji}`, { token: bureau.xiji });
    expect(other.body.incidents.filter((i: any) => i.id === incidentId)).toEqual([]);
    const outside = await call(app, 'GET', `/api/review/incidents?region=${CODES.yuanzhou}`, { token: bureau.xiji });
    expect(outside.status).toBe(403);
    const audits = await app.db.auditLog.count();
    for (const json of [
      { decision: 'exclude', reason: '越权处理', ratingIds: [held[0]] },
      { decision: 'exclude', reason: '越权处理', incidentId },
    ]) {
      const r = await call(app, 'POST', '/api/review/decisions', { token: bureau.xiji, json });
      expect(r.status).toBe(403);
    }
    expect(await statuses(held)).toEqual(Array(12).fill('flagged'));
    expect(await app.db.auditLog.count()).toBe(audits);
  });

  it('when the county clears two and excludes the rest of the incident, then the two count, the rest never do, and each decision is audited', async () => {
    const before = staffRow(await yearEnd(), fx.staff.mediatorWang.id).ratings;
    const cleared = await call(app, 'POST', '/api/review/decisions', {
      token: bureau.yuanzhou,
      json: { decision: 'clear', reason: '电话回访核实为真实服务', ratingIds: held.slice(0, 2) },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ decision: 'clear', ratings: held.slice(0, 2).map((id) => ({ id, status: 'valid' })) });
    const excluded = await call(app, 'POST', '/api/review/decisions', {
      token: bureau.yuanzhou,
      json: { decision: 'exclude', reason: '集中刷评,核实无服务记录', incidentId },
    });
    expect(excluded.status).toBe(200);
    expect(excluded.body.ratings).toHaveLength(10);
    expect(await statuses(held)).toEqual([...Array(2).fill('valid'), ...Array(10).fill('excluded')]);
    expect(staffRow(await yearEnd(), fx.staff.mediatorWang.id).ratings).toBe(before + 2);

    const audit = await app.db.auditLog.findMany({
      where: { subject: { in: held.map((id) => `rating:${id}`) }, action: { not: 'rating.flag' } },
      orderBy: { id: 'asc' },
    });
    expect(audit).toHaveLength(12);
    expect(audit[0]).toMatchObject({ username: 'yuanzhou', action: 'rating.clear', regionCode: CODES.yuanzhou, reason: '电话回访核实为真实服务' });
    expect(audit[11]).toMatchObject({ username: 'yuanzhou', action: 'rating.exclude', reason: '集中刷评,核实无服务记录' });
    expect(JSON.parse(audit[11]!.beforeJson!)).toEqual({ status: 'flagged' });
    expect(JSON.parse(audit[11]!.afterJson!)).toEqual({ status: 'excluded', incidentId });

    const listed = await call(app, 'GET', `/api/review/incidents?region=${CODES.yuanzhou}&state=all`, { token: bureau.yuanzhou });
    expect(listed.body.incidents.find((i: any) => i.id === incidentId).counts).toEqual({ pending: 0, cleared: 2, excluded: 10 });
    const pending = await call(app, 'GET', `/api/review/incidents?region=${CODES.yuanzhou}`, { token: bureau.yuanzhou });
    expect(pending.body.incidents.find((i: any) => i.id === incidentId)).toBeUndefined();
  });

  it('when a decision names a rating not on hold, or one that does not exist, then it is refused and nothing changes', async () => {
    const audits = await app.db.auditLog.count();
    const again = await call(app, 'POST', '/api/review/decisions', {
      token: bureau.yuanzhou,
      json: { decision: 'clear', reason: '重复处理', ratingIds: [held[5]] },
    });
    expect(again.status).toBe(409);
    const mixed = await call(app, 'POST', '/api/review/decisions', {
      token: bureau.yuanzhou,
      json: { decision: 'clear', reason: '部分不存在', ratingIds: [held[0], 2147483000] },
    });
    expect(mixed.status).toBe(404);
    const none = await call(app, 'POST', '/api/review/decisions', {
      token: bureau.yuanzhou,
      json: { decision: 'clear', reason: '不存在', incidentId: 2147483000 },
    });
    expect(none.status).toBe(404);
    const bad = await call(app, 'POST', '/api/review/decisions', { token: bureau.yuanzhou, json: { decision: 'clear', reason: ' ', ratingIds: [held[0]] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('处理理由');
    expect(await app.db.auditLog.count()).toBe(audits);
    expect(await statuses(held)).toEqual([...Array(2).fill('valid'), ...Array(10).fill('excluded')]);
  });

  it('then the year-end after the exclusion equals the year-end computed as if the excluded ratings had never been made', async () => {
    const strip = (ye: any) => ({ ...ye, generatedAt: undefined });
    const withExcluded = strip(await yearEnd(CODES.city));
    const gone = held.slice(2);
    await app.db.ratingFlag.deleteMany({ where: { ratingId: { in: gone } } });
    await app.db.ratingSubmission.deleteMany({ where: { ratingId: { in: gone } } });
    await app.db.rating.deleteMany({ where: { id: { in: gone } } });
    expect(strip(await yearEnd(CODES.city))).toEqual(withExcluded);
  });
});

describe('the rules for addresses, residents and opening hours', () => {
  it('when one address sends more ratings than the policy allows in an hour, then they are held as one address incident', async () => {
    await setPolicy(CODES.yuanzhou, (p) => ({ ...p, review: { ...p.review, addressVolume: { enabled: true, windowMinutes: 60, minCount: 5 } } }));
    try {
      const ids: number[] = [];
      const staff = [fx.staff.lawyerMa.id, fx.staff.mediatorWang.id];
      for (let i = 0; i < 5; i++) {
        ids.push((await rate(await resident('172.16.5.5'), { staffId: staff[i % 2] })).id);
        tick(3);
      }
      await scan();
      expect(await statuses(ids)).toEqual(Array(5).fill('flagged'));
      const incident = await app.db.reviewIncident.findFirstOrThrow({ where: { rule: 'address_volume' }, orderBy: { id: 'desc' } });
      expect(incident.subject).toMatch(/^address:[0-9a-f]{16}$/);
      expect(incident.subject).not.toContain('172.16');
    } finally {
      await app.db.assessmentPolicy.deleteMany({});
    }
  });

  it('when fifty residents rate two people from one station’s Wi-Fi within an hour, then the address rule holds none (its default is twice that)', async () => {
    const ids: number[] = [];
    const staff = [fx.staff.lawyerMa.id, fx.staff.mediatorWang.id];
    for (let i = 0; i < 50; i++) {
      // Two staff members on duty, the residents split between them: 25 each, spread over the hour (a
      // market day; the per-person rules are raised below so that only the address rule is tried).
      ids.push((await rate(await resident('172.16.9.9'), { staffId: staff[i % 2] })).id);
      tick(1.2);
    }
    await setPolicy(CODES.yuanzhou, (p) => ({
      ...p,
      review: { ...p.review, staffBurst: { ...p.review.staffBurst, minCount: 30 }, freshResidents: { ...p.review.freshResidents, minCount: 30 } },
    }));
    try {
      await scan();
    } finally {
      await app.db.assessmentPolicy.deleteMany({});
    }
    expect((await statuses(ids)).filter((s) => s === 'flagged')).toEqual([]);
  });

  it('when one resident rates more people in a day than the policy allows, then those ratings are held', async () => {
    await setPolicy(CODES.yuanzhou, (p) => ({ ...p, review: { ...p.review, residentVolume: { enabled: true, windowMinutes: 1440, minCount: 3 } } }));
    try {
      const me = await resident();
      const ids = [
        (await rate(me, { staffId: fx.staff.lawyerMa.id })).id,
        (await rate(me, { staffId: fx.staff.mediatorWang.id })).id,
        (await rate(me, { stationCode: STATIONS.nanguan, staffId: fx.staff.lawyerLi.id })).id,
      ];
      await scan();
      expect(await statuses(ids)).toEqual(Array(3).fill('flagged'));
      const incident = await app.db.reviewIncident.findFirstOrThrow({ where: { rule: 'resident_volume' }, orderBy: { id: 'desc' } });
      expect(JSON.parse(incident.evidenceJson)).toMatchObject({ threshold: 3, observed: 3 });
    } finally {
      await app.db.assessmentPolicy.deleteMany({});
    }
  });

  it('when a station keeps weekday hours, then a rating for a Saturday and one made before opening on the day are held; one in hours is not', async () => {
    await app.db.station.update({ where: { code: STATIONS.nanguan }, data: { openingHours: '1-5 08:30-12:00,14:30-18:00' } });
    try {
      clock = Date.parse('2026-06-22T23:00:00Z'); // Tuesday 23 June, 07:00 in Beijing
      tick(0);
      const early = await rate(await resident(), { stationCode: STATIONS.nanguan, staffId: fx.staff.lawyerLi.id });
      const saturday = await rate(await resident(), { stationCode: STATIONS.nanguan, staffId: fx.staff.lawyerLi.id, serviceDate: '2026-06-20' });
      tick(180); // 10:00
      const inHours = await rate(await resident(), { stationCode: STATIONS.nanguan, staffId: fx.staff.lawyerLi.id });
      await scan();
      expect(await statuses([early.id, saturday.id, inHours.id])).toEqual(['flagged', 'flagged', 'valid']);
      const incident = await app.db.reviewIncident.findFirstOrThrow({ where: { rule: 'outside_hours' }, orderBy: { id: 'desc' } });
      expect(JSON.parse(incident.evidenceJson).summary).toContain('1-5 08:30-12:00,14:30-18:00');
    } finally {
      await app.db.station.update({ where: { code: STATIONS.nanguan }, data: { openingHours: null } });
    }
  });

  it('when ratings are recorded without a submission (an import), then the rules neither hold them nor count them', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await app.db.resident.create({ data: { idHash: `import-${randomUUID()}`, kind: 'device', createdAt: new Date(clock) } });
      ids.push(
        await insertRating(app.db, {
          residentId: r.id,
          stationId: fx.stations.jiqiang.id,
          staffId: fx.staff.mediatorZhang.id,
          serviceType: 'mediation',
          level: 5,
          raterType: 'individual',
          serviceDate: '2026-06-20',
          serviceYear: 2026,
          clientRequestId: randomUUID(),
          cityCode: CODES.city,
          countyCode: CODES.xiji,
          townshipCode: CODES.jiqiang,
        }),
      );
    }
    await scan();
    expect(await statuses(ids)).toEqual(Array(15).fill('valid'));
  });
});
