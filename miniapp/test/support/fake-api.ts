/**
 * The API as the mini-program sees it, in memory, for component tests: stations, device login,
 * and ratings that are idempotent on the client request id exactly as the server's are (a retry
 * with the same id gets the stored rating back, never a second one). The network can be cut
 * before a request reaches the server, or after the server stored it (the answer is lost).
 */
import type { OwnRating, ServiceCodeView, StationView } from '@plsr/shared/schemas';
import { taroMock } from './taro';

export const STATION: StationView = {
  code: 'T640402100',
  name: '三营镇公共法律服务工作站',
  tier: 'township_workstation',
  status: 'active',
  path: [
    { code: '6404', name: '固原市', level: 'city' },
    { code: '640402', name: '原州区', level: 'county' },
    { code: '640402100', name: '三营镇', level: 'township' },
  ],
  staff: [
    { id: 11, name: '马晓东', role: 'lawyer', organisation: '宁夏固原律师事务所' },
    { id: 12, name: '欧阳娜娜', role: 'mediator', organisation: '三营镇人民调解委员会' },
  ],
};

/** down: nothing reaches the server; lose-answer: a rating reaches it, its answer is lost. */
export type NetworkMode = 'up' | 'down' | 'lose-answer';

export interface FakeApi {
  /** Every request that reached the server, in order, with its Authorization header. */
  received: Array<{ method: string; path: string; body: unknown; authorization?: string }>;
  /** Ratings stored, keyed by client request id. */
  stored: Map<string, OwnRating>;
  network: NetworkMode;
  /** Served by GET /api/me/ratings in addition to those stored. */
  earlier: OwnRating[];
  /** Served by GET /api/stations/{code} for STATION's code (a test may change who is on duty). */
  station: StationView;
  /** Answer POST /api/ratings with this error instead of storing. */
  refuseWith?: { status: number; body: unknown };
  /** GET /api/service-codes/{code}: what each code names, or the error it gets (unknown codes: 404). */
  serviceCodes: Map<string, ServiceCodeView | { status: number; body: unknown }>;
}

export function ownRating(overrides: Partial<OwnRating> = {}): OwnRating {
  return {
    id: 1,
    clientRequestId: '00000000-0000-4000-8000-000000000000',
    station: { code: STATION.code, name: STATION.name },
    staff: { id: 11, name: '马晓东', role: 'lawyer' },
    serviceType: 'consultation',
    level: 4,
    dimensions: { attitude: null, competence: null, efficiency: null },
    reasonCode: null,
    reasonText: null,
    callbackPhone: null,
    comment: null,
    raterType: 'individual',
    serviceDate: '2026-11-20',
    status: 'valid',
    revision: 1,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    reply: null,
    followUp: null,
    ...overrides,
  };
}

export function installFakeApi(): FakeApi {
  const api: FakeApi = { received: [], stored: new Map(), network: 'up', earlier: [], station: STATION, serviceCodes: new Map() };
  let nextId = 100;

  taroMock.setRequestHandler(async ({ url, method = 'GET', data, header }) => {
    if (api.network === 'down') throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    // What goes over the wire: undefined fields do not exist there.
    api.received.push({
      method,
      path,
      body: data === undefined ? undefined : JSON.parse(JSON.stringify(data)),
      ...(header?.Authorization ? { authorization: header.Authorization } : {}),
    });
    const answer = (statusCode: number, body: unknown) => {
      if (api.network === 'lose-answer' && path === '/api/ratings') throw { errMsg: 'request:fail timeout' };
      return { statusCode, data: body };
    };

    const station = /^\/api\/stations\/([^/]+)$/.exec(path);
    if (method === 'GET' && station) {
      return station[1] === STATION.code ? answer(200, api.station) : answer(404, { code: 'not_found', message: '站点不存在' });
    }
    const serviceCode = /^\/api\/service-codes\/([^/]+)$/.exec(path);
    if (method === 'GET' && serviceCode) {
      const found = api.serviceCodes.get(serviceCode[1]!);
      if (!found) return answer(404, { code: 'not_found', message: '服务码无效,请直接扫站点的二维码评价' });
      return 'status' in found ? answer(found.status, found.body) : answer(200, found);
    }
    if (method === 'POST' && path === '/api/auth/wechat') {
      const { code } = data as { code: string };
      return code.startsWith('valid:')
        ? answer(200, { token: 'wechat-token', expiresAt: '2099-01-01T00:00:00.000Z', kind: 'resident' })
        : answer(401, { code: 'unauthorized', message: '微信登录凭证无效,请重试' });
    }
    if (method === 'POST' && path === '/api/auth/device') {
      return answer(200, { token: 'resident-token', expiresAt: '2099-01-01T00:00:00.000Z', kind: 'resident' });
    }
    if (method === 'POST' && path === '/api/ratings') {
      if (api.refuseWith) return answer(api.refuseWith.status, api.refuseWith.body);
      const input = data as Record<string, unknown> & { clientRequestId: string };
      const existing = api.stored.get(input.clientRequestId);
      if (existing) return answer(200, existing);
      const staff = STATION.staff.find((s) => s.id === input.staffId)!;
      const rating = ownRating({
        id: nextId++,
        clientRequestId: input.clientRequestId,
        staff: { id: staff.id, name: staff.name, role: staff.role },
        serviceType: input.serviceType as OwnRating['serviceType'],
        level: input.level as number,
        comment: (input.comment as string | undefined) ?? null,
        serviceDate: input.serviceDate as string,
        createdAt: new Date().toISOString(),
      });
      api.stored.set(input.clientRequestId, rating);
      return answer(201, rating);
    }
    const followUp = /^\/api\/me\/ratings\/(\d+)\/follow-up$/.exec(path);
    if (method === 'POST' && followUp) {
      const rating = api.earlier.find((r) => r.id === Number(followUp[1]));
      if (!rating?.followUp) return answer(404, { code: 'not_found', message: '没有找到这条评价的差评处理' });
      if (rating.followUp.verdict) return answer(409, { code: 'conflict', message: '您已经评价过处理结果' });
      rating.followUp = { ...rating.followUp, verdict: (data as { verdict: 'satisfied' | 'basic' | 'unsatisfied' }).verdict };
      return answer(200, rating.followUp);
    }
    if (method === 'GET' && path === '/api/me/ratings') {
      return answer(200, { ratings: [...api.earlier, ...api.stored.values()] });
    }
    return answer(404, { code: 'not_found', message: '接口不存在' });
  });
  return api;
}
