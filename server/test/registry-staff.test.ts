/**
 * Issue 11, part 4 (staff and postings by hand): a county's stations, staff and postings in one read;
 * a person added, edited, marked 已离岗; a posting made and ended. Licence numbers stay unique per role,
 * nothing leaves the jurisdiction, every change is audited and a refused one writes nothing.
 */
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const token: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-06-15T04:00:00Z');
  fx = await seedFixtures(app.db);
  for (const username of ['yuanzhou', 'xiji', 'guyuan'])
    token[username] = (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token;
});
afterAll(() => app.close());

const as = (who: string) => ({
  get: (path: string) => call(app, 'GET', path, { token: token[who] }),
  post: (path: string, json: unknown) => call(app, 'POST', path, { token: token[who], json }),
  patch: (path: string, json: unknown) => call(app, 'PATCH', path, { token: token[who], json }),
});
const yuanzhou = as('yuanzhou');
const xiji = as('xiji');
const staffOnStation = async (code: string) => (await call(app, 'GET', `/api/stations/${code}`)).body.staff.map((s: { name: string }) => s.name).sort();
const writes = () => Promise.all([app.db.staff.count(), app.db.assignment.count(), app.db.auditLog.count()]);

describe('GET /api/registry', () => {
  it('lists a county’s stations (centre first, rooms after their workstation), townships, staff and their postings', async () => {
    const r = await yuanzhou.get(`/api/registry?county=${CODES.yuanzhou}`);
    expect(r.status).toBe(200);
    expect(r.body.county).toEqual({ code: CODES.yuanzhou, name: '原州区', level: 'county' });
    expect(r.body.townships.map((t: { code: string }) => t.code)).toEqual([CODES.nanguan, CODES.sanying]);
    expect(r.body.stations.map((s: { code: string }) => s.code)).toEqual([STATIONS.yuanzhouCentre, STATIONS.nanguan, STATIONS.sanying, STATIONS.dongyuan]);
    const ma = r.body.staff.find((s: { id: number }) => s.id === fx.staff.lawyerMa.id);
    expect(ma).toMatchObject({ name: '马文清', role: 'lawyer', status: 'active', countyCode: CODES.yuanzhou });
    expect(ma.assignments.map((a: { stationCode: string; toDate: string | null }) => [a.stationCode, a.toDate])).toEqual([
      [STATIONS.sanying, null],
      [STATIONS.dongyuan, null],
    ]);
    expect(r.body.staff.map((s: { countyCode: string }) => s.countyCode)).not.toContain(CODES.xiji);
  });

  it('is a county at a time, and only inside the jurisdiction', async () => {
    expect((await yuanzhou.get(`/api/registry?county=${CODES.xiji}`)).status).toBe(403);
    expect((await as('guyuan').get(`/api/registry?county=${CODES.xiji}`)).status).toBe(200);
    expect((await as('guyuan').get(`/api/registry?county=${CODES.city}`)).status).toBe(400);
    expect((await as('guyuan').get('/api/registry?county=640499')).status).toBe(404);
  });
});

describe('staff by hand', () => {
  it('adds a lawyer to 原州区, edits the licence, marks them 已离岗: each step audited, the station page follows', async () => {
    const made = await yuanzhou.post('/api/staff', {
      county: CODES.yuanzhou,
      name: ' 苏敏 ',
      role: 'lawyer',
      licenceNumber: '16404201810999999',
      organisation: '宁夏固原律师事务所',
    });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({
      id: expect.any(Number),
      name: '苏敏',
      role: 'lawyer',
      licenceNumber: '16404201810999999',
      organisation: '宁夏固原律师事务所',
      countyCode: CODES.yuanzhou,
      status: 'active',
      assignments: [],
    });
    const id = made.body.id as number;
    expect((await app.db.staff.findUniqueOrThrow({ where: { id } })).cityCode).toBe(CODES.city);

    const posted = await yuanzhou.post('/api/assignments', { staffId: id, station: STATIONS.nanguan, fromDate: '2026-06-01' });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({
      id: expect.any(Number),
      stationCode: STATIONS.nanguan,
      stationName: '南关街道公共法律服务工作站',
      fromDate: '2026-06-01',
      toDate: null,
    });
    expect(await staffOnStation(STATIONS.nanguan)).toContain('苏敏');

    const edited = await yuanzhou.patch(`/api/staff/${id}`, { licenceNumber: '16404201810888888', reason: '证号录错' });
    expect(edited.status).toBe(200);
    expect(edited.body.licenceNumber).toBe('16404201810888888');
    expect(edited.body.assignments).toHaveLength(1);

    expect((await yuanzhou.patch(`/api/staff/${id}`, { status: 'left', reason: '调离' })).body.status).toBe('left');
    expect(await staffOnStation(STATIONS.nanguan)).not.toContain('苏敏');

    const audit = await app.db.auditLog.findMany({ where: { subject: `staff:${id}` }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.username, a.regionCode, a.reason])).toEqual([
      ['staff.create', 'yuanzhou', CODES.yuanzhou, null],
      ['staff.update', 'yuanzhou', CODES.yuanzhou, '证号录错'],
      ['staff.update', 'yuanzhou', CODES.yuanzhou, '调离'],
    ]);
    expect(JSON.parse(audit[1]!.beforeJson!).licenceNumber).toBe('16404201810999999');
    expect(JSON.parse(audit[1]!.afterJson!).licenceNumber).toBe('16404201810888888');
    expect(JSON.parse(audit[2]!.afterJson!).status).toBe('left');
  });

  it('keeps a licence number unique per role: another lawyer’s is refused, a mediator may share digits', async () => {
    const before = await writes();
    const taken = fx.staff.lawyerLi.licenceNumber!;
    const clash = await yuanzhou.post('/api/staff', { county: CODES.yuanzhou, name: '重复', role: 'lawyer', licenceNumber: taken, organisation: '某所' });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain('李海燕');
    expect((await yuanzhou.patch(`/api/staff/${fx.staff.lawyerMa.id}`, { licenceNumber: taken, reason: '测试' })).status).toBe(409);
    expect(await writes()).toEqual(before);
    const mediator = await yuanzhou.post('/api/staff', {
      county: CODES.yuanzhou,
      name: '调解员甲',
      role: 'mediator',
      licenceNumber: taken,
      organisation: '三营镇人民调解委员会',
    });
    expect(mediator.status).toBe(201);
  });

  it('refuses another county’s person, a township or unknown county, and an edit without a reason (nothing written)', async () => {
    const before = await writes();
    expect((await xiji.patch(`/api/staff/${fx.staff.lawyerMa.id}`, { name: '马某', reason: '测试' })).status).toBe(403);
    expect((await xiji.post('/api/staff', { county: CODES.yuanzhou, name: '某', role: 'mediator', organisation: '某' })).status).toBe(403);
    expect((await yuanzhou.post('/api/staff', { county: CODES.sanying, name: '某', role: 'mediator', organisation: '某' })).status).toBe(400);
    expect((await yuanzhou.patch('/api/staff/999999', { name: '某', reason: '测试' })).status).toBe(404);
    expect((await yuanzhou.patch(`/api/staff/${fx.staff.lawyerMa.id}`, { name: '马某' })).status).toBe(400);
    expect((await yuanzhou.patch(`/api/staff/${fx.staff.lawyerMa.id}`, { reason: '没改什么' })).status).toBe(400);
    expect(await writes()).toEqual(before);
  });

  it('an edit that changes nothing answers the person as they are and writes no audit entry', async () => {
    const before = await writes();
    const r = await yuanzhou.patch(`/api/staff/${fx.staff.lawyerMa.id}`, { name: '马文清', reason: '核对' });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('马文清');
    expect(await writes()).toEqual(before);
  });
});

describe('postings by hand', () => {
  it('ends a posting on a date (the person leaves the station page after it), and reopens it', async () => {
    const staff = await yuanzhou.get(`/api/registry?county=${CODES.yuanzhou}`);
    const wang = staff.body.staff.find((s: { id: number }) => s.id === fx.staff.mediatorWang.id);
    const posting = wang.assignments[0];
    expect(await staffOnStation(STATIONS.sanying)).toContain('王建国');
    const ended = await yuanzhou.patch(`/api/assignments/${posting.id}`, { toDate: '2026-06-10', reason: '轮岗' });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ...posting, toDate: '2026-06-10' });
    expect(await staffOnStation(STATIONS.sanying)).not.toContain('王建国');
    expect((await yuanzhou.patch(`/api/assignments/${posting.id}`, { toDate: null, reason: '恢复' })).body.toDate).toBeNull();
    expect(await staffOnStation(STATIONS.sanying)).toContain('王建国');
    const audit = await app.db.auditLog.findMany({ where: { subject: `assignment:${posting.id}` }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.reason, a.beforeJson, a.afterJson])).toEqual([
      ['assignment.update', '轮岗', '{"toDate":null}', '{"toDate":"2026-06-10"}'],
      ['assignment.update', '恢复', '{"toDate":"2026-06-10"}', '{"toDate":null}'],
    ]);
  });

  it('refuses overlapping dates, a closed station, one who left, an end before the start, and other counties (nothing written)', async () => {
    const before = await writes();
    const ma = fx.staff.lawyerMa.id;
    expect((await yuanzhou.post('/api/assignments', { staffId: ma, station: STATIONS.sanying, fromDate: '2026-05-01' })).status).toBe(409);
    expect(
      (await yuanzhou.post('/api/assignments', { staffId: fx.staff.leftLawyer.id, station: STATIONS.sanying, fromDate: '2026-04-01', toDate: '2026-03-31' }))
        .status,
    ).toBe(400);
    expect((await yuanzhou.post('/api/assignments', { staffId: ma, station: STATIONS.jiqiang, fromDate: '2026-05-01' })).status).toBe(403);
    expect((await xiji.post('/api/assignments', { staffId: ma, station: STATIONS.jiqiang, fromDate: '2026-05-01' })).status).toBe(403);
    expect((await yuanzhou.post('/api/assignments', { staffId: 999999, station: STATIONS.sanying, fromDate: '2026-05-01' })).status).toBe(404);
    expect((await yuanzhou.post('/api/assignments', { staffId: ma, station: 'T640402999', fromDate: '2026-05-01' })).status).toBe(404);
    const ma2 = await app.db.assignment.findFirstOrThrow({ where: { staffId: ma } });
    expect((await yuanzhou.patch(`/api/assignments/${ma2.id}`, { toDate: '2025-12-31', reason: '测试' })).status).toBe(400);
    expect((await xiji.patch(`/api/assignments/${ma2.id}`, { toDate: '2026-12-31', reason: '测试' })).status).toBe(403);
    expect((await yuanzhou.patch('/api/assignments/999999', { toDate: '2026-12-31', reason: '测试' })).status).toBe(404);
    await app.db.station.update({ where: { code: STATIONS.nanguan }, data: { status: 'closed' } });
    try {
      expect((await yuanzhou.post('/api/assignments', { staffId: ma, station: STATIONS.nanguan, fromDate: '2026-05-01' })).status).toBe(409);
    } finally {
      await app.db.station.update({ where: { code: STATIONS.nanguan }, data: { status: 'active' } });
    }
    const left = await yuanzhou.post('/api/staff', { county: CODES.yuanzhou, name: '离岗者', role: 'mediator', organisation: '某' });
    await yuanzhou.patch(`/api/staff/${left.body.id}`, { status: 'left', reason: '调离' });
    const mid = await writes();
    expect((await yuanzhou.post('/api/assignments', { staffId: left.body.id, station: STATIONS.sanying, fromDate: '2026-05-01' })).status).toBe(409);
    expect(await writes()).toEqual(mid);
    expect(before[1]).toBe(mid[1]);
  });

  it('a later posting at the same station after the last one ended is fine, and audited with who and where', async () => {
    const r = await yuanzhou.post('/api/assignments', {
      staffId: fx.staff.leftLawyer.id,
      station: STATIONS.sanying,
      fromDate: '2026-04-01',
      toDate: '2026-12-31',
    });
    expect(r.status).toBe(201);
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { subject: `assignment:${r.body.id}` } });
    expect([audit.action, audit.regionCode, JSON.parse(audit.afterJson!)]).toEqual([
      'assignment.create',
      CODES.yuanzhou,
      { staffId: fx.staff.leftLawyer.id, staffName: '赵志刚', station: STATIONS.sanying, fromDate: '2026-04-01', toDate: '2026-12-31' },
    ]);
  });
});
