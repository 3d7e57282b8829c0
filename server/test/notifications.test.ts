/**
 * Issue 12, part 6: workers' notices. A day's new ratings become one notice per worker the day after
 * (never the minute a resident rates: that would say who it was), an appeal decision one at once; each
 * is in the worker's in-app list and goes out as a WeChat subscribe message through the project's own
 * client, against the fake WeChat server: sent; 43101 (not subscribed) leaves it in-app only; 47003
 * (a value over the template's limits) marks it failed; a token WeChat rejects (40001) is renewed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { decryptPhone, encryptPhone } from '../src/auth/secrets';
import { deliverNotifications, notifyNewRatings, phrase, thing } from '../src/workers/notifications';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';
import { PASSWORD, ratingBody, seedFixtures } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

const TEMPLATE_RATING = 'tpl-new-rating';
const TEMPLATE_APPEAL = 'tpl-appeal';

let app: TestApp;
let fake: FakeWechat;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
let clerk = '';
let ma = '';

beforeAll(async () => {
  fake = await startFakeWechat();
  app = await startTestApp({
    WECHAT_APP_ID: 'wx-test-app',
    WECHAT_APP_SECRET: 'test-secret',
    WECHAT_API_BASE: fake.url,
    WECHAT_TEMPLATE_NEW_RATING: TEMPLATE_RATING,
    WECHAT_TEMPLATE_APPEAL_DECIDED: TEMPLATE_APPEAL,
  });
  app.setNow('2026-06-15T04:00:00Z');
  fx = await seedFixtures(app.db);
  clerk = (await call(app, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } })).body.token;
  // 马文清 binds his WeChat (openid o-ma) with the code his bureau gave him.
  const code = (await call(app, 'POST', `/api/staff/${fx.staff.lawyerMa.id}/binding-code`, { token: clerk })).body.code;
  ma = (await call(app, 'POST', '/api/auth/bind', { json: { code, wechatCode: 'valid:o-ma' } })).body.token;
  // The notifier starts where the ratings are now: the fixtures' past is not announced.
  await job();
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

const job = async () => {
  await notifyNewRatings(app.deps);
  return deliverNotifications(app.deps);
};
const rate = async (over: Record<string, unknown>) => {
  const resident = (await call(app, 'POST', '/api/auth/device', { json: { deviceId: `notify-${randomUUID()}` } })).body.token;
  const r = await call(app, 'POST', '/api/ratings', { token: resident, json: ratingBody(fx, over) });
  expect(r.status).toBe(201);
  return r.body.id as number;
};
/** A notice of 马文清's waiting to be sent, with these template values. */
const waiting = (values: Record<string, string>) =>
  app.db.notification.create({
    data: {
      staffId: fx.staff.lawyerMa.id,
      kind: 'new_rating',
      text: '测试',
      createdAt: new Date(),
      wechatState: 'pending',
      wechatData: JSON.stringify(values),
    },
  });
const list = async (token = ma) => (await call(app, 'GET', '/api/worker/notifications', { token })).body;
const states = async () =>
  (await app.db.notification.findMany({ orderBy: { id: 'asc' }, select: { kind: true, wechatState: true, wechatError: true } })).map((n) => [
    n.kind,
    n.wechatState,
  ]);

describe('subscribe-message values', () => {
  it('a thing is cut to 20 characters, a phrase is at most five Chinese characters', () => {
    expect(thing('三营镇公共法律服务工作站')).toBe('三营镇公共法律服务工作站');
    expect(thing('一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect([...thing('一二三四五六七八九十一二三四五六七八九十一')]).toHaveLength(20);
    expect(phrase('申诉不成立')).toBe('申诉不成立');
    expect(() => phrase('申诉已经成立了')).toThrow();
  });
});

describe('notices', () => {
  it('keeps the bound worker’s openid encrypted, never in the clear', async () => {
    const user = await app.db.user.findFirstOrThrow({ where: { staffId: fx.staff.lawyerMa.id } });
    expect(user.wechatOpenIdEnc).toMatch(/^v1:/);
    expect(JSON.stringify(user)).not.toContain('o-ma');
  });

  it('counts a day’s new ratings into one notice the next day, sent as a subscribe message to the worker who allowed it', async () => {
    await rate({ level: 5 });
    await rate({ level: 5 });
    await rate({ level: 2, reasonCode: 'poor_attitude' });
    // The same day: nothing yet, whatever the job runs.
    await job();
    expect((await list()).notifications).toEqual([]);

    // Five minutes after midnight: the day is not counted until ratings of its last moment have committed.
    app.setNow('2026-06-15T16:05:00Z');
    await job();
    expect((await list()).notifications).toEqual([]);
    fake.subscribe('o-ma', TEMPLATE_RATING, 1);
    app.setNow('2026-06-15T16:11:00Z'); // 00:11 on 16 June in Beijing
    expect(await job()).toBe(1);
    const mine = await list();
    expect(mine).toEqual({
      unread: 1,
      notifications: [
        {
          id: expect.any(Number),
          kind: 'new_rating',
          text: '6月15日收到 3 条新评价:非常满意 2 条,不满意 1 条',
          createdAt: '2026-06-15T16:11:00.000Z',
          read: false,
        },
      ],
      subscribeTemplateIds: [TEMPLATE_RATING, TEMPLATE_APPEAL],
    });
    expect(fake.messages).toEqual([
      {
        touser: 'o-ma',
        templateId: TEMPLATE_RATING,
        page: 'staff/pages/ratings/index',
        data: { thing1: '收到 3 条新评价', date2: '2026-06-15', thing3: '非常满意 2 条,不满意 1 条' },
      },
    ]);
    // Once: the job again finds nothing new.
    expect(await job()).toBe(0);
    expect(await states()).toEqual([['new_rating', 'sent']]);
    // Another worker sees none of it.
    const other = await call(app, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } });
    expect((await call(app, 'GET', '/api/worker/notifications', { token: other.body.token })).status).toBe(403);
  });

  it('when the worker has not subscribed (43101), then the notice stays in the app only', async () => {
    await rate({ level: 4 });
    app.setNow('2026-06-16T16:11:00Z');
    expect(await job()).toBe(0);
    const last = await app.db.notification.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ wechatState: 'not_subscribed', wechatError: '对方没有订阅这条消息,或订阅次数已用完' });
    expect((await list()).unread).toBe(2);
  });

  it('when WeChat rejects the token (40001), then the client renews it and sends; an appeal decision is told at once', async () => {
    const ratingId = await rate({ level: 3 });
    const ref = (await call(app, 'GET', '/api/worker/ratings?year=2026', { token: ma })).body.ratings.find(
      (r: { level: number; serviceDate: string }) => r.level === 3 && r.serviceDate === '2026-06-17',
    ).ref;
    expect((await call(app, 'POST', `/api/worker/ratings/${ref}/appeal`, { token: ma, json: { reason: '这位群众办的不是我的业务' } })).status).toBe(201);
    const appealId = (await app.db.appeal.findFirstOrThrow({ where: { ratingId } })).id;
    const decided = await call(app, 'POST', `/api/appeals/${appealId}/decision`, {
      token: clerk,
      json: { decision: 'reject', reason: '经核实确为本人办理的法律咨询业务无误' },
    });
    expect(decided.status).toBe(200);
    fake.subscribe('o-ma', TEMPLATE_APPEAL, 1);
    fake.expireTokens();
    const before = fake.messages.length;
    // The rating of the 17th is told tomorrow; the decision now.
    expect(await deliverNotifications(app.deps)).toBe(1);
    expect(fake.messages.slice(before)).toEqual([
      {
        touser: 'o-ma',
        templateId: TEMPLATE_APPEAL,
        page: 'staff/pages/ratings/index',
        data: { phrase1: '申诉不成立', thing2: '经核实确为本人办理的法律咨询业务无误', time3: '2026-06-17 00:11' },
      },
    ]);
    const tokenRequests = fake.requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send').map((r) => r.query.access_token);
    expect(new Set(tokenRequests.slice(-2)).size).toBe(2);
    expect((await list()).notifications[0]).toMatchObject({
      kind: 'appeal_decided',
      text: '您对 2026-06-17 那条评价的申诉:申诉不成立(经核实确为本人办理的法律咨询业务无误)',
    });
  });

  it('when a value breaks the template’s limits (47003), then the notice is marked failed with the reason; the list still has it', async () => {
    const n = await waiting({ thing1: '超'.repeat(21) });
    fake.subscribe('o-ma', TEMPLATE_RATING, 1);
    await deliverNotifications(app.deps);
    expect(await app.db.notification.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({
      wechatState: 'failed',
      wechatError: '订阅消息的内容不符合模板要求(字段长度或格式)(微信错误码 47003)',
    });
  });

  it('when the openid was kept under a key since replaced, then the notice stays in-app and says so; the next WeChat login keeps it again', async () => {
    const user = await app.db.user.findFirstOrThrow({ where: { staffId: fx.staff.lawyerMa.id } });
    await app.db.user.update({ where: { id: user.id }, data: { wechatOpenIdEnc: encryptPhone(randomBytes(32), 'o-ma') } });
    const n = await waiting({ thing1: '收到 1 条新评价' });
    await deliverNotifications(app.deps);
    expect(await app.db.notification.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({
      wechatState: 'no_wechat',
      wechatError: expect.stringContaining('无法解密'),
    });
    expect((await call(app, 'POST', '/api/auth/worker-wechat', { json: { code: 'valid:o-ma:second-login' } })).status).toBe(200);
    const again = await app.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(decryptPhone(app.config.phoneEncryptionKey, again.wechatOpenIdEnc!)).toBe('o-ma');
  });

  it('are marked read up to the newest the worker saw, their own only', async () => {
    const { notifications } = await list();
    const newest = notifications[0].id;
    const r = await call(app, 'POST', '/api/worker/notifications/read', { token: ma, json: { upTo: newest } });
    expect(r.body).toEqual({ unread: 0 });
    expect((await list()).notifications.every((n: { read: boolean }) => n.read)).toBe(true);
  });
});
