import Taro from '@tarojs/taro';
import type { RatingInput } from '@plsr/shared/schemas';
import { flushOutbox, outboxItems, startOutboxRetry } from '../src/api/outbox';
import { STORAGE_KEYS } from '../src/lib/storage';
import { installFakeApi, STATION } from './support/fake-api';
import { taroMock } from './support/taro';

const input = (clientRequestId: string): RatingInput => ({
  clientRequestId,
  stationCode: STATION.code,
  staffId: 11,
  serviceType: 'consultation',
  level: 4,
  raterType: 'individual',
  serviceDate: '2026-11-25',
});
const waiting = (id: string) => ({
  input: input(id),
  display: { stationName: STATION.name, staffName: '马晓东', staffRole: 'lawyer' },
  state: 'pending',
  queuedAt: '2026-11-25T03:00:00.000Z',
  attempts: 1,
});
const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';

/** Lets the retry that a launch or a reconnect starts in the background finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the outbox', () => {
  it('when the app launches with ratings left from last time, then it sends them, oldest first', async () => {
    const api = installFakeApi();
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([waiting(ID_A), waiting(ID_B)]));
    startOutboxRetry();
    await settle();
    await flushOutbox();
    expect([...api.stored.keys()]).toEqual([ID_A, ID_B]);
    expect(outboxItems()).toEqual([]);
  });

  it('when the network comes back, then waiting ratings are sent without the person doing anything', async () => {
    const api = installFakeApi();
    startOutboxRetry(); // registered once per app; this test file's earlier call already did
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([waiting(ID_A)]));
    taroMock.goOnline();
    await settle();
    await flushOutbox();
    expect([...api.stored.keys()]).toEqual([ID_A]);
  });

  it('stops at the first network failure and keeps the order', async () => {
    const api = installFakeApi();
    api.network = 'down';
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([waiting(ID_A), waiting(ID_B)]));
    expect(await flushOutbox()).toEqual({ sent: 0, waiting: 2 });
    expect(outboxItems().map((it) => [it.input.clientRequestId, it.attempts])).toEqual([
      [ID_A, 2],
      [ID_B, 1],
    ]);
  });

  it('when the server says too many just now (429), then the rating is kept for later, not marked refused', async () => {
    const api = installFakeApi();
    api.refuseWith = { status: 429, body: { code: 'rate_limited', message: '提交评价过于频繁,请稍后再试' } };
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([waiting(ID_A)]));
    expect(await flushOutbox()).toEqual({ sent: 0, waiting: 1 });
    expect(outboxItems()[0]).toMatchObject({ state: 'pending', attempts: 2 });
    api.refuseWith = undefined;
    await flushOutbox();
    expect([...api.stored.keys()]).toEqual([ID_A]);
  });

  it('when a stored item is damaged, then it is skipped and the others are still sent', async () => {
    const api = installFakeApi();
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([{ nonsense: true }, waiting(ID_B)]));
    await flushOutbox();
    expect([...api.stored.keys()]).toEqual([ID_B]);
  });
});

describe('silent login in the mini-program', () => {
  const previous = process.env.TARO_ENV;
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });
  afterEach(() => {
    process.env.TARO_ENV = previous;
  });

  it('when the login is refused, then a waiting rating is kept for later, not marked refused', async () => {
    const api = installFakeApi();
    jest.mocked(Taro.login).mockResolvedValueOnce({ code: 'expired', errMsg: 'login:ok' });
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([waiting(ID_A)]));
    expect(await flushOutbox()).toEqual({ sent: 0, waiting: 1 });
    expect(outboxItems()[0]).toMatchObject({ state: 'pending', attempts: 2 });
    await flushOutbox();
    expect([...api.stored.keys()]).toEqual([ID_A]);
  });

  it('exchanges the wx.login code at /api/auth/wechat and sends the rating with that session', async () => {
    const api = installFakeApi();
    taroMock.storage.set(STORAGE_KEYS.outbox, JSON.stringify([waiting(ID_A)]));
    await flushOutbox();
    expect(Taro.login).toHaveBeenCalled();
    expect(api.received.map((r) => r.path)).toEqual(['/api/auth/wechat', '/api/ratings']);
    expect(api.received[0]?.body).toEqual({ code: 'valid:test-openid' });
    expect(api.received[1]?.authorization).toBe('Bearer wechat-token');
  });
});
