/**
 * Issue 12, parts 3 and 4: a worker replies to a rating (the resident reads it; editable for a day)
 * and appeals one (once, within the window); the county of the rating's station upholds or rejects
 * it. An upheld appeal changes the year-end exactly as excluding that rating does: the figures before
 * and after are worked out here by hand.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/passwords';
import { CODES, PASSWORD, ratingBody, seedFixtures } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const token: Record<string, string> = {};
/** The residents' tokens by the level they gave 马文清. */
const raters: { level: number; token: string }[] = [];

const NOW = '2026-06-15T04:00:00Z';
const LEVELS = [5, 5, 4, 5, 1, 5];

beforeAll(async () => {
  app = await startTestApp();
  app.setNow(NOW);
  fx = await seedFixtures(app.db);
  const passwordHash = await hashPassword(PASSWORD);
  await app.db.user.create({ data: { username: 'staff-ma', passwordHash, role: 'staff', regionCode: CODES.yuanzhou, staffId: fx.staff.lawyerMa.id } });
  await app.db.user.create({ data: { username: 'staff-li', passwordHash, role: 'staff', regionCode: CODES.yuanzhou, staffId: fx.staff.lawyerLi.id } });
  for (const username of ['yuanzhou', 'xiji', 'staff-ma', 'staff-li'])
    token[username] = (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token;
  for (const level of LEVELS) {
    const resident = (await call(app, 'POST', '/api/auth/device', { json: { deviceId: `appeal-test-${randomUUID()}` } })).body.token;
    const body = ratingBody(fx, { level, ...(level <= 2 ? { reasonCode: 'poor_attitude', comment: '态度恶劣' } : {}) });
    expect((await call(app, 'POST', '/api/ratings', { token: resident, json: body })).status).toBe(201);
    raters.push({ level, token: resident });
  }
});
afterAll(() => app.close());

const mine = async (who = 'staff-ma') => (await call(app, 'GET', '/api/worker/ratings?year=2026', { token: token[who] })).body;
const refOf = async (level: number) => (await mine()).ratings.find((r: { level: number }) => r.level === level).ref as string;
const maRow = async () =>
  (await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token: token.yuanzhou })).body.staff.find(
    (s: { staffId: number }) => s.staffId === fx.staff.lawyerMa.id,
  );

describe('a reply', () => {
  it('reaches the resident under 我的评价, may be edited for a day, and not after', async () => {
    const ref = await refOf(4);
    const put = (text: string) => call(app, 'PUT', `/api/worker/ratings/${ref}/reply`, { token: token['staff-ma'], json: { text } });
    const r = await put('谢谢您的评价,下次会讲得更清楚');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ text: '谢谢您的评价,下次会讲得更清楚', createdAt: '2026-06-15T04:00:00.000Z', editableUntil: '2026-06-16T04:00:00.000Z' });
    const resident = raters.find((x) => x.level === 4)!.token;
    const own = (await call(app, 'GET', '/api/me/ratings', { token: resident })).body.ratings[0];
    expect(own.reply).toEqual({ text: '谢谢您的评价,下次会讲得更清楚', at: '2026-06-15T04:00:00.000Z' });

    app.setNow('2026-06-16T03:59:00Z');
    expect((await put('谢谢您的评价')).body.text).toBe('谢谢您的评价');
    app.setNow('2026-06-16T04:00:00Z');
    const late = await put('再改一次');
    expect([late.status, late.body.message]).toEqual([409, '回复发出一天后不能再修改']);
    app.setNow(NOW);
    expect((await call(app, 'GET', '/api/me/ratings', { token: resident })).body.ratings[0].reply.text).toBe('谢谢您的评价');
    expect((await mine()).ratings.find((x: { ref: string }) => x.ref === ref).reply.text).toBe('谢谢您的评价');
  });

  it('is only for the worker’s own ratings: another worker gets 404 for the same ref', async () => {
    const ref = await refOf(4);
    const r = await call(app, 'PUT', `/api/worker/ratings/${ref}/reply`, { token: token['staff-li'], json: { text: '不是我的' } });
    expect(r.status).toBe(404);
    expect(await app.db.ratingReply.count()).toBe(1);
  });
});

describe('an appeal', () => {
  it('upheld, takes the rating out of every score exactly as excluding it does; rejected, changes nothing', async () => {
    // Before: 100, 100, 80, 100, 0, 100 → mean 80.0; 马文清 is the only rated lawyer of 固原市, so the
    // prior C is his own mean and the Bayesian score is 80.0 (中), one 差评.
    expect(await maRow()).toMatchObject({ ratings: 6, meanPoints: 80, score: 80, band: 'fair', badReviews: 1, status: 'scored' });

    const bad = await refOf(1);
    const appeal = await call(app, 'POST', `/api/worker/ratings/${bad}/appeal`, {
      token: token['staff-ma'],
      json: { reason: '当天本人在县中心值班,没有在三营镇服务', evidence: '县中心 6 月 15 日值班表' },
    });
    expect(appeal.status).toBe(201);
    expect(appeal.body).toMatchObject({ status: 'pending', decidedAt: null });
    expect((await call(app, 'POST', `/api/worker/ratings/${bad}/appeal`, { token: token['staff-ma'], json: { reason: '再申诉一次试试' } })).status).toBe(409);

    const pending = (await call(app, 'GET', `/api/appeals?region=${CODES.yuanzhou}`, { token: token.yuanzhou })).body.appeals;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      status: 'pending',
      reason: '当天本人在县中心值班,没有在三营镇服务',
      evidence: '县中心 6 月 15 日值班表',
      county: { code: CODES.yuanzhou, name: '原州区' },
      staff: { name: '马文清', role: 'lawyer' },
      rating: { level: 1, comment: '态度恶劣', reasonCode: 'poor_attitude', status: 'valid' },
    });
    expect((await call(app, 'GET', `/api/appeals?region=${CODES.xiji}`, { token: token.xiji })).body.appeals).toEqual([]);
    const id = pending[0].id as number;
    expect((await call(app, 'POST', `/api/appeals/${id}/decision`, { token: token.xiji, json: { decision: 'uphold', reason: '越权' } })).status).toBe(403);

    const decided = await call(app, 'POST', `/api/appeals/${id}/decision`, {
      token: token.yuanzhou,
      json: { decision: 'uphold', reason: '经核实当日本人不在岗' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'upheld', decidedBy: 'yuanzhou', decisionReason: '经核实当日本人不在岗', rating: { status: 'excluded' } });
    // After: 100, 100, 80, 100, 100 → mean 96.0, prior his own mean → 96.0 (好), no 差评.
    expect(await maRow()).toMatchObject({ ratings: 5, meanPoints: 96, score: 96, band: 'good', badReviews: 0 });
    const seen = (await mine()).ratings.find((r: { ref: string }) => r.ref === bad);
    expect(seen).toMatchObject({ counted: false, appeal: { status: 'upheld', decisionReason: '经核实当日本人不在岗' }, appealableUntil: null });
    expect((await call(app, 'POST', `/api/appeals/${id}/decision`, { token: token.yuanzhou, json: { decision: 'reject', reason: '重复处理' } })).status).toBe(
      409,
    );
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { action: 'appeal.uphold' } });
    expect([audit.username, audit.regionCode, audit.reason, audit.beforeJson]).toEqual([
      'yuanzhou',
      CODES.yuanzhou,
      '经核实当日本人不在岗',
      '{"status":"valid"}',
    ]);

    // Rejected: the rating stays counted, the year-end as it was.
    const four = await refOf(4);
    await call(app, 'POST', `/api/worker/ratings/${four}/appeal`, { token: token['staff-ma'], json: { reason: '评价人服务后才来站里' } });
    const second = (await call(app, 'GET', `/api/appeals?region=${CODES.city}`, { token: token.yuanzhou })).status;
    expect(second).toBe(403);
    const next = (await call(app, 'GET', `/api/appeals?region=${CODES.yuanzhou}`, { token: token.yuanzhou })).body.appeals[0];
    const rejected = await call(app, 'POST', `/api/appeals/${next.id}/decision`, { token: token.yuanzhou, json: { decision: 'reject', reason: '无证据' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', rating: { status: 'valid' } });
    expect(await maRow()).toMatchObject({ ratings: 5, score: 96 });
    const decidedList = (await call(app, 'GET', `/api/appeals?region=${CODES.yuanzhou}&state=decided`, { token: token.yuanzhou })).body.appeals;
    expect(decidedList.map((a: { status: string }) => a.status)).toEqual(['rejected', 'upheld']);
  });

  it('is refused after the window (30 days from the rating), and for a rating not counted', async () => {
    const five = (await mine()).ratings.find((r: { level: number; appeal: unknown }) => r.level === 5 && !r.appeal);
    expect(five.appealableUntil).toBe('2026-07-15T04:00:00.000Z');
    app.setNow('2026-07-15T04:00:00Z');
    try {
      // A month on, the worker signs in again (sessions do not last that long).
      const fresh = (await call(app, 'POST', '/api/auth/password', { json: { username: 'staff-ma', password: PASSWORD } })).body.token;
      const late = await call(app, 'POST', `/api/worker/ratings/${five.ref}/appeal`, { token: fresh, json: { reason: '超过期限的申诉' } });
      expect([late.status, late.body.message]).toEqual([409, '已超过申诉期限(评价后 30 天内)']);
    } finally {
      app.setNow(NOW);
    }
    const excluded = await refOf(1);
    expect((await call(app, 'POST', `/api/worker/ratings/${excluded}/appeal`, { token: token['staff-ma'], json: { reason: '再来一次申诉' } })).status).toBe(
      409,
    );
    expect(await app.db.appeal.count()).toBe(2);
  });
});
