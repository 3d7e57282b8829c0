/**
 * Every endpoint fed malformed input: bodies that are not JSON objects, wrong types and missing fields,
 * over-long and junk strings, unknown codes, wrong content types, bad tokens. Each must be refused with
 * a 4xx and a `{ code, message }` body in Chinese, and nothing may be written.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ErrorBodySchema } from '@plsr/shared/schemas';
import { STATUS_OF } from '../src/http/errors';
import { hashPassword } from '../src/auth/passwords';
import { ratingRef } from '../src/workers/ratings';
import { casesFor, closedFollowUps } from './support/cases';
import { holdRatings } from './support/review';
import { registryTemplate } from '../src/registry/import';
import { ROUTES, openApiPath, type RouteContract } from '@plsr/shared/contract';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';
import { PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { residentIdHash } from '../src/auth/secrets';
import { DEFAULT_POLICY } from '@plsr/shared/scoring';

const CHINESE = /[\u4e00-\u9fa5]/;
const LONG = 'x'.repeat(10_000);
/** Strings that try SQL, markup, templates, control characters and awkward Unicode. */
const JUNK = [
  "' OR '1'='1' --",
  'Robert"); DROP TABLE "Rating"; --',
  '1; SELECT * FROM "User" WHERE 1=1',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\u0000\u0001\u001f%00',
  '\u202e\u{1F4A3}\u{1F642} \uFDFD\u200b',
  '\uD800', // a lone surrogate
  '   ',
];
/** Junk a URL can carry (a lone surrogate cannot be percent-encoded), plus broken percent-escapes. */
const PATH_JUNK = [...JUNK.filter((j) => j !== '\uD800').map(encodeURIComponent), '%ED%A0%80', '%ZZ', '..%2F..%2Fetc%2Fpasswd'];

let app: TestApp;
let fake: FakeWechat;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const tokens = { resident: '', user: '', worker: '' };
let templateBase64 = '';
/** 马文清's posting at 三营镇. */
let maPosting = 0;
/** A counted rating of 李海燕 (the sweep's worker) by its ref, and a pending appeal of it. */
let liRef = '';
let pendingAppeal = 0;
const SWEEP_DEVICE = `sweep-${randomUUID()}`;
let sweepCase = 0;
let sweepCaseRating = 0;
/** A 差评 of the sweep's resident, its case closed. */
let sweepFollowUp = 0;

beforeAll(async () => {
  // WeChat against the fake, so a well-formed but bogus login code is judged by "WeChat" (40029 → 400).
  fake = await startFakeWechat();
  app = await startTestApp({ WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'test-secret', WECHAT_API_BASE: fake.url, WECHAT_TIMEOUT_MS: '1000' });
  fx = await seedFixtures(app.db);
  templateBase64 = (await registryTemplate()).body.toString('base64');
  maPosting = (await app.db.assignment.findFirstOrThrow({ where: { staffId: fx.staff.lawyerMa.id, stationId: fx.stations.sanying.id } })).id;
  const resident = await send({ method: 'POST', path: '/api/auth/device', json: { deviceId: SWEEP_DEVICE } });
  const user = await send({ method: 'POST', path: '/api/auth/password', json: { username: 'ningxia', password: PASSWORD } });
  expect([resident.status, user.status]).toEqual([200, 200]);
  tokens.resident = (resident.body as { token: string }).token;
  tokens.user = (user.body as { token: string }).token;
  await app.db.user.create({
    data: { username: 'sweep-worker', passwordHash: await hashPassword(PASSWORD), role: 'staff', regionCode: '640402', staffId: fx.staff.lawyerLi.id },
  });
  tokens.worker = (
    (await send({ method: 'POST', path: '/api/auth/password', json: { username: 'sweep-worker', password: PASSWORD } })).body as { token: string }
  ).token;
  const li = await holdRatings(app.db, { station: fx.stations.nanguan, staffId: fx.staff.lawyerLi.id, count: 2, serviceDate: '2026-06-14' });
  await app.db.rating.updateMany({ where: { id: { in: li.ratingIds } }, data: { status: 'valid' } });
  liRef = ratingRef(app.config.residentHashKey, li.ratingIds[0]!);
  pendingAppeal = (
    await app.db.appeal.create({
      data: { ratingId: li.ratingIds[1]!, staffId: fx.staff.lawyerLi.id, countyCode: '640402', reason: '清扫测试', createdAt: new Date() },
    })
  ).id;
  sweepCase = (await casesFor(app.db, [li.ratingIds[0]!], { phoneKey: app.config.phoneEncryptionKey }))[0]!;
  sweepCaseRating = li.ratingIds[0]!;
  const sweepResident = await app.db.resident.findUniqueOrThrow({ where: { idHash: residentIdHash(app.config.residentHashKey, 'device', SWEEP_DEVICE) } });
  sweepFollowUp = (await closedFollowUps(app.db, { residentId: sweepResident.id, station: fx.stations.nanguan, staffId: fx.staff.lawyerLi.id, count: 1 }))[0]!;
});
beforeEach(() => app.setNow('2026-06-15T04:00:00Z'));
afterAll(async () => {
  await app.close();
  await fake.close();
});

/** Made when the request is sent: the cases are listed before the fixtures exist. */
type Lazy<T> = T | (() => T);
const resolve = <T>(v: Lazy<T>): T => (typeof v === 'function' ? (v as () => T)() : v);

interface Request {
  method: string;
  /** Lazy when it names a fixture by its id. */
  path: Lazy<string>;
  /** Who calls: a resident or bureau token; `headers` can set another Authorization. */
  as?: keyof typeof tokens;
  json?: Lazy<unknown>;
  raw?: Lazy<string | Uint8Array<ArrayBuffer>>;
  headers?: Record<string, string>;
}

interface Case extends Request {
  name: string;
  /** The status the case must get (always a 4xx). */
  status: number;
}

async function send(req: Request): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (req.as) headers.authorization = `Bearer ${tokens[req.as]}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (req.json !== undefined) {
    body = JSON.stringify(resolve(req.json));
    headers['content-type'] = 'application/json';
  } else if (req.raw !== undefined) {
    body = resolve(req.raw);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, req.headers);
  for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
  const res = await fetch(app.url + resolve(req.path), { method: req.method, headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

const counts = async () => ({
  residents: await app.db.resident.count(),
  ratings: await app.db.rating.count(),
  submissions: await app.db.ratingSubmission.count(),
  users: await app.db.user.count(),
  inspections: JSON.stringify(await app.db.inspection.findMany({ orderBy: { id: 'asc' } })),
  audit: await app.db.auditLog.count(),
  staff: JSON.stringify(await app.db.staff.findMany({ orderBy: { id: 'asc' } })),
  samples: await app.db.inspectionSample.count(),
  stationRows: JSON.stringify(await app.db.station.findMany({ select: { name: true, status: true }, orderBy: { id: 'asc' } })),
  regions: await app.db.region.count(),
  assignments: JSON.stringify(await app.db.assignment.findMany({ orderBy: { id: 'asc' } })),
  sessions: await app.db.session.count(),
  passwords: (await app.db.user.findMany({ select: { passwordHash: true }, orderBy: { id: 'asc' } })).map((u) => u.passwordHash).join(),
});

/** Per JSON type, a value of every other type. */
const WRONG_TYPES = {
  string: [123, 0, true, null, [], ['x'], {}, { value: 'x' }],
  number: ['4', '', true, null, [], [4], {}, 4.5],
  object: ['good', 5, true, null, [], [{}], { beauty: 5 }, { attitude: '5' }],
  array: ['1', 1, true, null, {}, [], ['1'], [1.5], [{}], [0]],
  boolean: ['true', 'false', 1, 0, null, [], {}],
} as const;

interface Field {
  type: keyof typeof WRONG_TYPES;
  required: boolean;
  /** Free text: any string within the length limit is valid, so junk strings are not malformed here. */
  freeText?: boolean;
  /** Status for a well-formed string that is junk for this field (default 400). */
  junkStatus?: number;
  /** null is a value of its own here (an open-ended posting), not a wrong type. */
  nullable?: boolean;
}

interface BodyEndpoint {
  path: Lazy<string>;
  method?: 'POST' | 'PUT' | 'PATCH';
  as?: keyof typeof tokens;
  /** A body with one field at a time spoiled; never sent whole (it would write). */
  valid: () => Record<string, unknown>;
  fields: Record<string, Field>;
  /** Well-formed values that name something that does not exist. */
  unknown?: [string, Record<string, unknown>, number][];
  /** The route's own body limit in kB when it takes a file (16 otherwise): the 413 case goes past it. */
  limitKb?: number;
}

const CHANGE_PASSWORD: BodyEndpoint = {
  path: '/api/me/password',
  as: 'user',
  valid: () => ({ currentPassword: PASSWORD, newPassword: 'never sent 2026' }),
  fields: {
    // A well-formed wrong password is a validation error of that field (400), not a lost session.
    currentPassword: { type: 'string', required: true },
    newPassword: { type: 'string', required: true, freeText: true },
  },
};

const BODY_ENDPOINTS: BodyEndpoint[] = [
  {
    path: '/api/auth/wechat',
    valid: () => ({ code: 'valid:o-never-sent' }),
    // A well-formed junk code reaches WeChat, which rejects it (40029) → 400.
    fields: { code: { type: 'string', required: true } },
  },
  {
    path: '/api/auth/device',
    valid: () => ({ deviceId: 'never-sent-device-0001' }),
    fields: { deviceId: { type: 'string', required: true } },
  },
  {
    path: '/api/auth/password',
    valid: () => ({ username: 'yuanzhou', password: PASSWORD }),
    fields: {
      username: { type: 'string', required: true, junkStatus: 401 },
      password: { type: 'string', required: true, junkStatus: 401 },
    },
    unknown: [['an unknown user', { username: 'nobody-here' }, 401]],
  },
  {
    path: '/api/ratings',
    as: 'resident',
    valid: () => ({
      clientRequestId: randomUUID(),
      stationCode: STATIONS.sanying,
      staffId: fx.staff.lawyerMa.id,
      serviceType: 'consultation',
      level: 4,
      raterType: 'individual',
      dimensions: { attitude: 4 },
      comment: '很好',
      serviceDate: '2026-06-15',
    }),
    fields: {
      clientRequestId: { type: 'string', required: true },
      stationCode: { type: 'string', required: true },
      staffId: { type: 'number', required: true },
      serviceType: { type: 'string', required: true },
      level: { type: 'number', required: true },
      raterType: { type: 'string', required: true },
      dimensions: { type: 'object', required: false },
      reasonCode: { type: 'string', required: false },
      reasonText: { type: 'string', required: false, freeText: true },
      callbackPhone: { type: 'string', required: false },
      comment: { type: 'string', required: false, freeText: true },
      serviceDate: { type: 'string', required: false },
      serviceCode: { type: 'string', required: false },
    },
    unknown: [
      ['an unknown station', { stationCode: 'T999999999' }, 404],
      // PostgreSQL text cannot hold NUL: refused on both databases alike, never a 500.
      ['a comment holding NUL', { comment: '很好\u0000' }, 400],
      ['a reason text holding NUL', { reasonText: '\u0000' }, 400],
      ['an unknown staff member', { staffId: 999_999 }, 400],
      ['a staff member of another station', { staffId: -1 }, 400],
      ['a service code nobody issued', { serviceCode: 'A'.repeat(22) }, 404],
    ],
  },
];

function bodyCases(e: BodyEndpoint): Case[] {
  const base = { method: e.method ?? 'POST', path: e.path, as: e.as } as const;
  const valid = e.valid;
  const cases: Case[] = [
    { ...base, name: 'invalid JSON', raw: '{"broken": ', status: 400 },
    { ...base, name: 'a JSON array', raw: '[]', status: 400 },
    { ...base, name: 'an array holding the body', json: () => [valid()], status: 400 },
    { ...base, name: 'a JSON string', raw: '"hello"', status: 400 },
    { ...base, name: 'JSON null', raw: 'null', status: 400 },
    { ...base, name: 'a JSON number', raw: '42', status: 400 },
    { ...base, name: 'only whitespace', raw: '  \n ', status: 400 },
    { ...base, name: 'an empty body', raw: '', status: 400 },
    { ...base, name: 'a __proto__ key', raw: () => `{"__proto__": {"admin": true}, ${JSON.stringify(valid()).slice(1)}`, status: 400 },
    {
      ...base,
      name: `a body over ${e.limitKb ?? 16} KB`,
      json: () => ({ ...valid(), padding: 'x'.repeat(((e.limitKb ?? 16) + 4) * 1024) }),
      status: 413,
    },
    { ...base, name: 'JSON sent as text/plain', raw: () => JSON.stringify(valid()), headers: { 'content-type': 'text/plain' }, status: 400 },
    { ...base, name: 'a form body', raw: 'code=x&deviceId=y&username=z', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 400 },
    { ...base, name: 'no content type', raw: () => JSON.stringify(valid()), headers: { 'content-type': '' }, status: 400 },
    { ...base, name: 'gzip that does not inflate', raw: 'not gzip at all', headers: { 'content-encoding': 'gzip' }, status: 400 },
    { ...base, name: 'gzip of invalid JSON', raw: new Uint8Array(gzipSync('{"broken": ')), headers: { 'content-encoding': 'gzip' }, status: 400 },
  ];
  for (const [field, f] of Object.entries(e.fields)) {
    for (const wrong of WRONG_TYPES[f.type].filter((w) => !(f.nullable && w === null))) {
      cases.push({ ...base, name: `${field} = ${JSON.stringify(wrong)}`, json: () => ({ ...valid(), [field]: wrong }), status: 400 });
    }
    if (f.required) {
      const without = () => Object.fromEntries(Object.entries(valid()).filter(([k]) => k !== field));
      cases.push({ ...base, name: `no ${field}`, json: without, status: 400 });
    }
    if (f.type === 'string') {
      cases.push({ ...base, name: `${field} of 10,000 characters`, json: () => ({ ...valid(), [field]: LONG }), status: 400 });
      if (!f.freeText) {
        for (const junk of JUNK) {
          // NUL is refused at the edge (validate.ts) before any field's meaning is looked at.
          const status = junk.includes('\u0000') ? 400 : (f.junkStatus ?? 400);
          cases.push({ ...base, name: `${field} = ${JSON.stringify(junk)}`, json: () => ({ ...valid(), [field]: junk }), status });
        }
      }
    }
  }
  for (const [what, over, status] of e.unknown ?? []) {
    // -1 stands for 张秀英, who serves at 吉强镇, not at the station rated.
    const body = () => ({ ...valid(), ...over, ...(over.staffId === -1 ? { staffId: fx.staff.mediatorZhang.id } : {}) });
    cases.push({ ...base, name: what, json: body, status });
  }
  return cases;
}

const BAD_AUTHORIZATION: [string, Record<string, string>, number][] = [
  ['no token', {}, 401],
  ['a junk token', { authorization: 'Bearer x' }, 401],
  ['a three-part token', { authorization: 'Bearer a.b.c' }, 401],
  ['a 10,000-character token', { authorization: `Bearer ${LONG}` }, 401],
  ['Basic credentials', { authorization: 'Basic eWFuemhvdTpwYXNzd29yZA==' }, 401],
  ['an SQL-ish token', { authorization: `Bearer ' OR '1'='1` }, 401],
];

function authCases(method: string, path: Lazy<string>, own: keyof typeof tokens, json?: () => unknown): Case[] {
  const other = own === 'resident' ? 'user' : 'resident';
  return [
    ...BAD_AUTHORIZATION.map(([name, headers, status]) => ({ method, path, name, headers, status, json })),
    { method, path, name: `a ${other} token`, as: other, status: 403, json },
  ];
}

function stationCodeCases(suffix: string): Case[] {
  const path = (code: string) => `/api/stations/${code}${suffix}`;
  return [
    ...[
      ['lowercase', 't640402100'],
      ['too long', 'T6404021001234'],
      ['10,000 characters', 'T'.repeat(10_000)],
      ['a path escape', encodeURIComponent('../x')],
      ['spaces', encodeURIComponent('T640402 100')],
      ['a region code', '640402'],
    ].map(([name, code]) => ({ method: 'GET', path: path(code!), name: name!, status: 400 })),
    ...PATH_JUNK.map((code) => ({ method: 'GET', path: path(code), name: `code ${code}`, status: 400 })),
    { method: 'GET', path: path('T999999999'), name: 'an unknown station', status: 404 },
    { method: 'GET', path: path('V640402100299'), name: 'an unknown village room', status: 404 },
  ];
}

/** A `region` query parameter that is missing, malformed or given twice: 400 on every route that takes one. */
function regionCases(get: (name: string, query: string) => Case): Case[] {
  return [
    get('no region', ''),
    get('an empty region', '?region='),
    get('a malformed region', '?region=abc'),
    get('a 10,000-character region', `?region=${LONG}`),
    get('a region as an array', '?region[]=6404'),
    get('two regions', '?region=6404&region=6401'),
    ...PATH_JUNK.map((junk) => get(`region ${junk}`, `?region=${junk}`)),
  ];
}

function assessmentCases(): Case[] {
  const get = (name: string, query: string, status = 400, year = '2026'): Case => ({
    method: 'GET',
    path: `/api/assessments/${year}${query}`,
    name,
    as: 'user',
    status,
  });
  return [
    ...authCases('GET', '/api/assessments/2026?region=6404', 'user'),
    ...regionCases((name, query) => get(name, query)),
    get('a township region', '?region=640402100'),
    get('an unknown county', '?region=640499', 404),
    get('an unknown city', '?region=6499', 404),
    get('an unknown format', '?region=6404&format=pdf'),
    get('a 10,000-character format', `?region=6404&format=${LONG}`),
    get('an unknown table', '?region=6404&format=csv&table=secrets'),
    get('a 10,000-character table', `?region=6404&format=csv&table=${LONG}`),
    get('a word for a year', '?region=6404', 400, 'twenty'),
    get('a 10,000-digit year', '?region=6404', 400, '9'.repeat(10_000)),
    get('a year before 2018', '?region=6404', 400, '2017'),
    get('a year not begun', '?region=6404', 400, '2027'),
    get('a negative year', '?region=6404', 400, '-2026'),
    ...PATH_JUNK.map((junk) => get(`year ${junk}`, '?region=6404', 400, junk)),
  ];
}

/** A bureau's decision on ratings on hold (the region account: inside its jurisdiction, so only the input is wrong). */
const REVIEW_DECISION: BodyEndpoint = {
  path: '/api/review/decisions',
  as: 'user',
  valid: () => ({ decision: 'exclude', reason: '核实为刷评', ratingIds: [1] }),
  fields: {
    decision: { type: 'string', required: true },
    reason: { type: 'string', required: true, freeText: true },
    ratingIds: { type: 'array', required: true },
    incidentId: { type: 'number', required: false },
  },
  unknown: [
    ['an unknown rating', { ratingIds: [2147483000] }, 404],
    ['an unknown incident', { ratingIds: undefined, incidentId: 2147483000 }, 404],
    ['a reason of spaces', { reason: '   ' }, 400],
    ['both ratings and an incident', { incidentId: 1 }, 400],
    ['501 ratings', { ratingIds: Array.from({ length: 501 }, (_, i) => i + 1) }, 400],
  ],
};

const SCORES = { standardisation: 18, professionalism: 17.5, openness: 19, management: 16, informatisation: 15 };

/** A township workstation's inspection (the region account: inside its jurisdiction, so only the input is wrong). */
const RECORD_INSPECTION: BodyEndpoint = {
  method: 'PUT',
  path: `/api/stations/${STATIONS.sanying}/inspections/2026`,
  as: 'user',
  valid: () => ({ exempt: false, scores: SCORES, inspectedOn: '2026-06-01', notes: '台账齐全' }),
  fields: {
    scores: { type: 'object', required: false },
    inspectedOn: { type: 'string', required: true },
    notes: { type: 'string', required: false, freeText: true },
  },
  unknown: [
    ['exempt as a word', { exempt: 'no' }, 400],
    ['no exempt', { exempt: undefined }, 400],
    ['no scores', { scores: undefined }, 400],
    ['an aspect over 20', { scores: { ...SCORES, openness: 20.5 } }, 400],
    ['a negative aspect', { scores: { ...SCORES, management: -1 } }, 400],
    ['an aspect of 0.3 points', { scores: { ...SCORES, management: 10.3 } }, 400],
    ['an aspect missing', { scores: { ...SCORES, informatisation: undefined } }, 400],
    ['an unknown aspect', { scores: { ...SCORES, beauty: 5 } }, 400],
    ['exempt without a reason', { exempt: true, scores: undefined }, 400],
    ['exempt with a reason of spaces', { exempt: true, scores: undefined, exemptReason: '   ' }, 400],
    ['scores and an exempt reason', { exemptReason: '装修' }, 400],
    ['a date in another year', { inspectedOn: '2025-12-31' }, 400],
    ['a date that does not exist', { inspectedOn: '2026-02-30' }, 400],
    ['notes of 501 characters', { notes: '记'.repeat(501) }, 400],
    // PostgreSQL text cannot hold NUL: refused on both databases alike, never a 500.
    ['notes holding NUL', { notes: '台账\u0000' }, 400],
    ['an exempt reason holding NUL', { exempt: true, scores: undefined, exemptReason: '装修\u0000' }, 400],
  ],
};

/** 原州区's registry checked (a dry run: never written even when valid); the file is the import template. */
const REGISTRY_IMPORT: BodyEndpoint = {
  path: '/api/registry/import',
  as: 'user',
  valid: () => ({ region: '640402', dryRun: true, file: templateBase64 }),
  fields: {
    region: { type: 'string', required: true },
    dryRun: { type: 'boolean', required: true },
    file: { type: 'string', required: true },
  },
  unknown: [
    ['a file that is not a workbook', { file: Buffer.from('hello, not excel').toString('base64') }, 400],
    ['a township', { region: '640402100' }, 400],
    ['an unknown county', { region: '640499' }, 404],
    ['a file over 4 MB of base64 (under the body limit)', { file: 'A'.repeat(4 * 1024 * 1024 + 4) }, 400],
  ],
  limitKb: 4200,
};

/** A draw of 原州区's village rooms (never sent whole: it would draw). */
const DRAW_SAMPLE: BodyEndpoint = {
  path: '/api/inspections/2026/samples',
  as: 'user',
  valid: () => ({ county: '640402', size: 12, seed: '20261127' }),
  fields: {
    county: { type: 'string', required: true },
    size: { type: 'number', required: true },
    seed: { type: 'string', required: false, freeText: true },
  },
  unknown: [
    ['no rooms asked for', { size: 0 }, 400],
    ['101 rooms', { size: 101 }, 400],
    ['half a room', { size: 1.5 }, 400],
    ['a township', { county: '640402100' }, 400],
    ['a city', { county: '6404' }, 400],
    ['an unknown county', { county: '640499' }, 404],
    ['a seed of spaces', { seed: '   ' }, 400],
    ['a seed of 65 characters', { seed: '7'.repeat(65) }, 400],
    ['a seed holding NUL', { seed: '2026\u0000' }, 400],
  ],
};

/** 三营镇's workstation renamed (never sent whole). */
const UPDATE_STATION: BodyEndpoint = {
  method: 'PATCH',
  path: `/api/stations/${STATIONS.sanying}`,
  as: 'user',
  valid: () => ({ name: '三营镇公共法律服务工作站(新址)', status: 'suspended', reason: '搬迁' }),
  fields: {
    name: { type: 'string', required: false, freeText: true },
    status: { type: 'string', required: false },
    reason: { type: 'string', required: true, freeText: true },
  },
  unknown: [
    ['neither a name nor a status', { name: undefined, status: undefined }, 400],
    ['a name of 61 characters', { name: '站'.repeat(61) }, 400],
    ['a name holding NUL', { name: '站点\u0000' }, 400],
    ['a reason of spaces', { reason: '  ' }, 400],
  ],
};

/** A new village of 三营镇 with its room (never sent whole). */
const ADD_VILLAGE_ROOM: BodyEndpoint = {
  path: '/api/stations',
  as: 'user',
  valid: () => ({ village: '640402100299', villageName: '新庄村委会', reason: '新设行政村' }),
  fields: {
    village: { type: 'string', required: true },
    villageName: { type: 'string', required: false, freeText: true },
    reason: { type: 'string', required: true, freeText: true },
  },
  unknown: [
    ['a village under no township', { village: '640402999299' }, 400],
    ['a village that already has its room', { village: '640402100200' }, 409],
    ['a village name of 31 characters', { villageName: '村'.repeat(31) }, 400],
  ],
};

/** A lawyer added to 原州区 (never sent whole). */
const CREATE_STAFF: BodyEndpoint = {
  path: '/api/staff',
  as: 'user',
  valid: () => ({ county: '640402', name: '苏敏', role: 'lawyer', licenceNumber: '16404201810999999', organisation: '宁夏固原律师事务所' }),
  fields: {
    county: { type: 'string', required: true },
    name: { type: 'string', required: true, freeText: true },
    role: { type: 'string', required: true },
    licenceNumber: { type: 'string', required: false, freeText: true },
    organisation: { type: 'string', required: true, freeText: true },
  },
  unknown: [
    ['an unknown county', { county: '640499' }, 404],
    ['a township for a county', { county: '640402100' }, 400],
    ['another lawyer’s licence number', { licenceNumber: '16404201810000001' }, 409],
    ['a name of spaces', { name: '   ' }, 400],
    ['a name of 51 characters', { name: '名'.repeat(51) }, 400],
    ['an organisation of 101 characters', { organisation: '所'.repeat(101) }, 400],
    ['a licence number of 51 characters', { licenceNumber: '1'.repeat(51) }, 400],
    ['a name holding NUL', { name: '苏\u0000' }, 400],
  ],
};

/** 马文清 (the first fixture person) edited (never sent whole). */
const UPDATE_STAFF: BodyEndpoint = {
  method: 'PATCH',
  path: () => `/api/staff/${fx.staff.lawyerMa.id}`,
  as: 'user',
  valid: () => ({ name: '马文清', role: 'lawyer', licenceNumber: '16404201810999998', organisation: '宁夏固原律师事务所', status: 'left', reason: '调离' }),
  fields: {
    name: { type: 'string', required: false, freeText: true },
    role: { type: 'string', required: false },
    licenceNumber: { type: 'string', required: false, freeText: true },
    organisation: { type: 'string', required: false, freeText: true },
    status: { type: 'string', required: false },
    reason: { type: 'string', required: true, freeText: true },
  },
  unknown: [
    ['nothing to change', { name: undefined, role: undefined, licenceNumber: undefined, organisation: undefined, status: undefined }, 400],
    ['another lawyer’s licence number', { licenceNumber: '16404201810000002' }, 409],
    ['a reason of spaces', { reason: '  ' }, 400],
    ['an organisation holding NUL', { organisation: '所\u0000' }, 400],
  ],
};

/** 王建国 posted at 南关街道 (never sent whole). */
const CREATE_ASSIGNMENT: BodyEndpoint = {
  path: '/api/assignments',
  as: 'user',
  valid: () => ({ staffId: fx.staff.mediatorWang.id, station: STATIONS.nanguan, fromDate: '2026-07-01', toDate: '2026-12-31' }),
  fields: {
    staffId: { type: 'number', required: true },
    station: { type: 'string', required: true },
    fromDate: { type: 'string', required: true },
    toDate: { type: 'string', required: false, nullable: true },
  },
  unknown: [
    ['an unknown person', { staffId: 999_999 }, 404],
    ['a person id of 0', { staffId: 0 }, 400],
    ['an unknown station', { station: 'T640402999' }, 404],
    ['an end before the start', { toDate: '2026-06-30' }, 400],
    ['a 31st of February', { fromDate: '2026-02-31' }, 400],
    ['a posting that overlaps his own at 三营镇', { station: STATIONS.sanying }, 409],
  ],
};

/** 马文清's posting at 三营镇 ended (never sent whole). */
const UPDATE_ASSIGNMENT: BodyEndpoint = {
  method: 'PATCH',
  path: () => `/api/assignments/${maPosting}`,
  as: 'user',
  valid: () => ({ toDate: '2026-12-31', reason: '轮岗' }),
  fields: {
    toDate: { type: 'string', required: true, nullable: true },
    reason: { type: 'string', required: true, freeText: true },
  },
  unknown: [
    ['an end before the posting began', { toDate: '2025-12-31' }, 400],
    ['a reason holding NUL', { reason: '轮岗\u0000' }, 400],
  ],
};

function recordIdCases(method: 'PATCH' | 'POST', prefix: string, json?: () => Record<string, unknown>, suffix = ''): Case[] {
  const at = (name: string, id: string, status: number): Case => ({ method, path: `${prefix}/${id}${suffix}`, name, as: 'user', json, status });
  return [
    at('an unknown id', '999999', 404),
    at('id 0', '0', 400),
    at('a negative id', '-1', 400),
    at('a fractional id', '1.5', 400),
    at('a 10-digit id', '1234567890', 400),
    at('a word for an id', 'abc', 400),
    ...PATH_JUNK.map((junk) => at(`id ${junk}`, junk, 400)),
  ];
}

/** A worker binding a password with a code nobody issued (never a valid code: nothing is bound). */
const BIND: BodyEndpoint = {
  path: '/api/auth/bind',
  valid: () => ({ code: 'ABCD-EFGH', username: 'never-bound', password: 'never sent 2026' }),
  fields: {
    code: { type: 'string', required: true },
    wechatCode: { type: 'string', required: false },
    username: { type: 'string', required: false },
    password: { type: 'string', required: false, freeText: true },
  },
  unknown: [
    ['a code nobody issued', {}, 401],
    ['a code of 7 characters', { code: 'ABCD-EFG' }, 400],
    ['WeChat and a password at once', { wechatCode: 'valid:o-sweep' }, 400],
    ['neither WeChat nor a password', { username: undefined, password: undefined }, 400],
    ['a password of 7 characters', { password: '1234567' }, 400],
  ],
};

/** A worker's silent login, from a WeChat no worker has bound. */
const WORKER_WECHAT: BodyEndpoint = {
  path: '/api/auth/worker-wechat',
  valid: () => ({ code: 'valid:o-never-bound' }),
  // A well-formed junk code reaches WeChat, which rejects it (40029) → 400.
  fields: { code: { type: 'string', required: true } },
  unknown: [['a WeChat no worker has bound', {}, 401]],
};

/** 李海燕 replies to a rating of hers (never sent whole). */
const REPLY: BodyEndpoint = {
  method: 'PUT',
  path: () => `/api/worker/ratings/${liRef}/reply`,
  as: 'worker',
  valid: () => ({ text: '谢谢您的评价' }),
  fields: { text: { type: 'string', required: true, freeText: true } },
  unknown: [
    ['a reply of spaces', { text: '   ' }, 400],
    ['a reply of 301 characters', { text: '谢'.repeat(301) }, 400],
    ['a reply holding NUL', { text: '谢谢\u0000' }, 400],
  ],
};

/** 李海燕 appeals a rating of hers (never sent whole). */
const APPEAL: BodyEndpoint = {
  path: () => `/api/worker/ratings/${liRef}/appeal`,
  as: 'worker',
  valid: () => ({ reason: '当天本人不在该站点', evidence: '值班表' }),
  fields: {
    reason: { type: 'string', required: true, freeText: true },
    evidence: { type: 'string', required: false, freeText: true },
  },
  unknown: [
    ['a reason of 4 characters', { reason: '不是我的' }, 400],
    ['a reason of 501 characters', { reason: '因'.repeat(501) }, 400],
    ['evidence of 1,001 characters', { evidence: '证'.repeat(1001) }, 400],
  ],
};

/** 原州区's bureau decides 李海燕's pending appeal (the sweep's token is the region's; never sent whole). */
const DECIDE_APPEAL: BodyEndpoint = {
  path: () => `/api/appeals/${pendingAppeal}/decision`,
  as: 'user',
  valid: () => ({ decision: 'uphold', reason: '经核实' }),
  fields: {
    decision: { type: 'string', required: true },
    reason: { type: 'string', required: true, freeText: true },
  },
  unknown: [['a reason of spaces', { reason: '   ' }, 400]],
};

function refCases(method: 'PUT' | 'POST', suffix: string, json: () => Record<string, unknown>): Case[] {
  const at = (name: string, ref: string, status: number): Case => ({ method, path: `/api/worker/ratings/${ref}${suffix}`, name, as: 'worker', json, status });
  return [
    at('a ref of no rating of hers', 'f'.repeat(20), 404),
    at('a ref of 19 characters', 'f'.repeat(19), 400),
    at('a ref in capitals', 'F'.repeat(20), 400),
    at('a rating id for a ref', '1', 400),
    ...PATH_JUNK.map((junk) => at(`ref ${junk}`, junk, 400)),
  ];
}

/** 李海燕 asks for a service code at 南关街道, where she serves (never sent whole). */
const ISSUE_SERVICE_CODE: BodyEndpoint = {
  path: '/api/worker/service-codes',
  as: 'worker',
  valid: () => ({ station: STATIONS.nanguan, serviceType: 'consultation' }),
  fields: {
    station: { type: 'string', required: true },
    serviceType: { type: 'string', required: false },
  },
  unknown: [
    ['a station she does not serve at', { station: STATIONS.jiqiang }, 403],
    ['an unknown station', { station: 'T640402999' }, 404],
  ],
};

/** A step of a case at 南关街道 (原州区; the sweep's token is the region's; never sent whole). */
const CASE_STEP: BodyEndpoint = {
  path: () => `/api/cases/${sweepCase}/steps`,
  as: 'user',
  valid: () => ({ step: 'verify', note: '已电话核实' }),
  fields: {
    step: { type: 'string', required: true },
    note: { type: 'string', required: true, freeText: true },
  },
  unknown: [
    ['a note of one character', { note: '好' }, 400],
    ['a note of 1,001 characters', { note: '核'.repeat(1001) }, 400],
    ['the 回访 before the 核实', { step: 'callback' }, 409],
    ['a void step (the system’s)', { step: 'void' }, 400],
  ],
};

/** The region's policy for 2025 (the sweep's account is the region's, which sets it; never sent whole). */
const SET_POLICY: BodyEndpoint = {
  method: 'PUT',
  path: '/api/policies/2025?region=64',
  as: 'user',
  valid: () => ({ policy: DEFAULT_POLICY, reason: '清扫测试' }),
  fields: { policy: { type: 'object', required: true }, reason: { type: 'string', required: true, freeText: true } },
  unknown: [
    ['a band for 好 above 100', { policy: { ...DEFAULT_POLICY, bandGood: 101 } }, 400],
    ['a minimum sample of 0', { policy: { ...DEFAULT_POLICY, minRatings: 0 } }, 400],
    ['a policy without its points', { policy: { ...DEFAULT_POLICY, points: undefined } }, 400],
    ['a deadline of 0 working days', { policy: { ...DEFAULT_POLICY, caseDeadlineWorkingDays: 0 } }, 400],
    ['a reason of one character', { reason: '改' }, 400],
  ],
};

const PREVIEW_POLICY: BodyEndpoint = {
  path: '/api/policies/2025/preview?region=64',
  as: 'user',
  valid: () => ({ policy: DEFAULT_POLICY }),
  fields: { policy: { type: 'object', required: true } },
  unknown: [['a weight above 1', { policy: { ...DEFAULT_POLICY, inspectionWeight: 1.5 } }, 400]],
};

/** The region publishes its year-end (never sent whole: it would publish). */
const PUBLISH: BodyEndpoint = {
  path: '/api/assessment-runs',
  as: 'user',
  valid: () => ({ year: 2026, region: '64', reason: '清扫测试' }),
  fields: { year: { type: 'number', required: true }, region: { type: 'string', required: true }, reason: { type: 'string', required: false, freeText: true } },
  unknown: [
    ['a year before 2018', { year: 2017 }, 400],
    ['a year not begun', { year: 2027 }, 400],
    ['a county (the region publishes the region)', { region: '640402' }, 403],
    ['a region outside its jurisdiction', { region: '65' }, 403],
    ['a reason of one character', { reason: '改' }, 400],
  ],
};

/** The sweep's resident rates the fix of their own 差评 (never sent whole: a verdict is given once). */
const RATE_FOLLOW_UP: BodyEndpoint = {
  path: () => `/api/me/ratings/${sweepFollowUp}/follow-up`,
  as: 'resident',
  valid: () => ({ verdict: 'satisfied' }),
  fields: { verdict: { type: 'string', required: true } },
  unknown: [['a verdict that is none of the three', { verdict: 'good' }, 400]],
};

/** 李海燕 marks her notices read up to one. */
const READ_NOTIFICATIONS: BodyEndpoint = {
  path: '/api/worker/notifications/read',
  as: 'worker',
  valid: () => ({ upTo: 1 }),
  fields: { upTo: { type: 'number', required: true } },
  unknown: [
    ['a notice number of 0', { upTo: 0 }, 400],
    ['a notice number of 1.5', { upTo: 1.5 }, 400],
    ['a notice number past 32 bits', { upTo: 2 ** 31 }, 400],
  ],
};

/** A county account made by the region (the token's own): only the input is wrong. */
const CREATE_ACCOUNT: BodyEndpoint = {
  path: '/api/accounts',
  as: 'user',
  valid: () => ({ username: 'never-sent', role: 'county', region: '640402' }),
  fields: {
    username: { type: 'string', required: true },
    role: { type: 'string', required: true },
    region: { type: 'string', required: true },
  },
  unknown: [
    ['a name in use', { username: 'guyuan' }, 409],
    ['an unknown county', { region: '640499' }, 404],
    ['a township for a county', { region: '640402100' }, 400],
    ['a city for a county', { region: '6404' }, 400],
    ['a region account', { role: 'region', region: '64' }, 400],
    ['a name of 2 characters', { username: 'ab' }, 400],
    ['a name of 33 characters', { username: 'a'.repeat(33) }, 400],
    ['a name holding NUL', { username: 'abc\u0000' }, 400],
  ],
};

/** Disabling 西吉县's account (the region's token; never sent whole). */
const ACCOUNT_STATUS: BodyEndpoint = {
  method: 'PUT',
  path: '/api/accounts/xiji/status',
  as: 'user',
  valid: () => ({ disabled: true, reason: '人员调离' }),
  fields: {
    disabled: { type: 'boolean', required: true },
    reason: { type: 'string', required: true, freeText: true },
  },
  unknown: [
    ['a reason of spaces', { reason: '   ' }, 400],
    ['a reason of 201 characters', { reason: '因'.repeat(201) }, 400],
    ['a reason holding NUL', { reason: '调离\u0000' }, 400],
  ],
};

function accountCases(suffix: string, method: 'POST' | 'PUT', json?: () => Record<string, unknown>): Case[] {
  const at = (name: string, username: string, status: number): Case => ({ method, path: `/api/accounts/${username}${suffix}`, name, as: 'user', json, status });
  return [
    ...authCases(method, `/api/accounts/xiji${suffix}`, 'user', json),
    at('an unknown account', 'nobody-here', 404),
    at('the caller itself', 'ningxia', 409),
    at('a name of 65 characters', 'a'.repeat(65), 400),
    at('a 10,000-character name', LONG, 400),
    at('a name holding NUL', '%00', 400),
    at('a broken escape (kept as it is: nobody’s name)', '%ZZ', 404),
  ];
}

function accountListCases(): Case[] {
  const get = (name: string, query: string, status = 400): Case => ({ method: 'GET', path: `/api/accounts${query}`, name, as: 'user', status });
  return [...authCases('GET', '/api/accounts?region=6404', 'user'), ...regionCases(get), get('an unknown county', '?region=640499', 404)];
}

function auditCases(): Case[] {
  const get = (name: string, query: string, status = 400): Case => ({ method: 'GET', path: `/api/audit${query}`, name, as: 'user', status });
  return [
    ...authCases('GET', '/api/audit?region=6404', 'user'),
    ...regionCases(get),
    get('an unknown action', '?region=6404&action=rating.delete'),
    get('a date that does not exist', '?region=6404&from=2026-02-30'),
    get('a page cursor of 0', '?region=6404&before=0'),
    get('a page cursor that is a word', '?region=6404&before=last'),
    get('a name holding NUL', '?region=6404&username=%00'),
    get('a 10,000-character name', `?region=6404&username=${LONG}`),
  ];
}

function recordInspectionCases(): Case[] {
  const put = (name: string, path: string, status: number): Case => ({ method: 'PUT', path, name, as: 'user', json: RECORD_INSPECTION.valid, status });
  return [
    ...bodyCases(RECORD_INSPECTION),
    ...authCases('PUT', RECORD_INSPECTION.path, 'user', RECORD_INSPECTION.valid),
    put('an unknown station', '/api/stations/T999999999/inspections/2026', 404),
    put('a village room (not inspected for the year-end)', `/api/stations/${STATIONS.dongyuan}/inspections/2026`, 409),
    put('a malformed station code', '/api/stations/x1/inspections/2026', 400),
    put('a 10,000-character station code', `/api/stations/${LONG}/inspections/2026`, 400),
    put('a year before 2018', `/api/stations/${STATIONS.sanying}/inspections/2017`, 400),
    put('a word for a year', `/api/stations/${STATIONS.sanying}/inspections/twenty`, 400),
    ...PATH_JUNK.map((junk) => put(`station ${junk}`, `/api/stations/${junk}/inspections/2026`, 400)),
  ];
}

function inspectionListCases(): Case[] {
  const get = (name: string, query: string, status = 400, year = '2026'): Case => ({
    method: 'GET',
    path: `/api/inspections/${year}${query}`,
    name,
    as: 'user',
    status,
  });
  return [
    ...authCases('GET', '/api/inspections/2026?region=6404', 'user'),
    ...regionCases((name, query) => get(name, query)),
    get('an unknown county', '?region=640499', 404),
    get('a word for a year', '?region=6404', 400, 'twenty'),
    get('a year before 2018', '?region=6404', 400, '2017'),
    get('an unknown parameter', '?region=6404&table=secrets'),
  ];
}

function reviewIncidentCases(): Case[] {
  const get = (name: string, query: string, status = 400): Case => ({ method: 'GET', path: `/api/review/incidents${query}`, name, as: 'user', status });
  return [
    ...authCases('GET', '/api/review/incidents?region=6404', 'user'),
    ...regionCases(get),
    get('an unknown state', '?region=6404&state=closed'),
    get('a 10,000-character state', `?region=6404&state=${LONG}`),
  ];
}

const CASES: Record<string, Case[]> = {
  'POST /api/auth/wechat': bodyCases(BODY_ENDPOINTS[0]!),
  'POST /api/auth/device': bodyCases(BODY_ENDPOINTS[1]!),
  'POST /api/auth/password': bodyCases(BODY_ENDPOINTS[2]!),
  'POST /api/ratings': [...bodyCases(BODY_ENDPOINTS[3]!), ...authCases('POST', '/api/ratings', 'resident', () => BODY_ENDPOINTS[3]!.valid())],
  'GET /api/me/ratings': authCases('GET', '/api/me/ratings', 'resident'),
  'POST /api/me/password': [
    ...bodyCases(CHANGE_PASSWORD),
    ...authCases('POST', '/api/me/password', 'user', () => CHANGE_PASSWORD.valid()),
    {
      method: 'POST',
      path: '/api/me/password',
      name: 'a new password of 7 characters',
      as: 'user',
      json: () => ({ currentPassword: PASSWORD, newPassword: '1234567' }),
      status: 400,
    },
    {
      method: 'POST',
      path: '/api/me/password',
      name: 'the same password again',
      as: 'user',
      json: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
      status: 400,
    },
  ],
  'GET /api/me/account': authCases('GET', '/api/me/account', 'user'),
  // Any signed-in caller may log out: only a missing or broken token is refused.
  'POST /api/auth/logout': BAD_AUTHORIZATION.map(([name, headers, status]) => ({ method: 'POST', path: '/api/auth/logout', name, headers, status })),
  'GET /api/stations/{code}': stationCodeCases(''),
  'GET /api/stations/{code}/qrcode': stationCodeCases('/qrcode'),
  'GET /api/assessments/{year}': assessmentCases(),
  'GET /api/review/incidents': reviewIncidentCases(),
  'POST /api/review/decisions': [...bodyCases(REVIEW_DECISION), ...authCases('POST', '/api/review/decisions', 'user', () => REVIEW_DECISION.valid())],
  'GET /api/inspections/{year}': inspectionListCases(),
  'PUT /api/stations/{code}/inspections/{year}': recordInspectionCases(),
  'GET /api/accounts': accountListCases(),
  'POST /api/accounts': [...bodyCases(CREATE_ACCOUNT), ...authCases('POST', '/api/accounts', 'user', () => CREATE_ACCOUNT.valid())],
  'POST /api/accounts/{username}/password-reset': accountCases('/password-reset', 'POST'),
  'PUT /api/accounts/{username}/status': [...bodyCases(ACCOUNT_STATUS), ...accountCases('/status', 'PUT', () => ACCOUNT_STATUS.valid())],
  'GET /api/audit': auditCases(),
  'GET /api/inspections/{year}/samples': [
    ...authCases('GET', '/api/inspections/2026/samples?region=6404', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/inspections/2026/samples${query}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/inspections/twenty/samples?region=6404', name: 'a word for a year', as: 'user', status: 400 },
  ],
  'POST /api/inspections/{year}/samples': [
    ...bodyCases(DRAW_SAMPLE),
    ...authCases('POST', DRAW_SAMPLE.path, 'user', () => DRAW_SAMPLE.valid()),
    { method: 'POST', path: '/api/inspections/2017/samples', name: 'a year before 2018', as: 'user', json: () => DRAW_SAMPLE.valid(), status: 400 },
  ],
  'PATCH /api/stations/{code}': [
    ...bodyCases(UPDATE_STATION),
    ...authCases('PATCH', UPDATE_STATION.path, 'user', () => UPDATE_STATION.valid()),
    { method: 'PATCH', path: '/api/stations/T999999999', name: 'an unknown station', as: 'user', json: () => UPDATE_STATION.valid(), status: 404 },
    { method: 'PATCH', path: '/api/stations/x1', name: 'a malformed code', as: 'user', json: () => UPDATE_STATION.valid(), status: 400 },
  ],
  'POST /api/stations': [...bodyCases(ADD_VILLAGE_ROOM), ...authCases('POST', '/api/stations', 'user', () => ADD_VILLAGE_ROOM.valid())],
  'GET /api/regions': [
    ...authCases('GET', '/api/regions?parent=6404', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/regions${query.replaceAll('region', 'parent')}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/regions?parent=640499', name: 'an unknown county', as: 'user', status: 404 },
  ],
  'GET /api/posters': [
    ...authCases('GET', '/api/posters?region=640402', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/posters${query}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/posters?region=640402&size=A3', name: 'an A3 size', as: 'user', status: 400 },
    { method: 'GET', path: '/api/posters?region=6404', name: 'a whole city (a county or township at a time)', as: 'user', status: 400 },
    { method: 'GET', path: '/api/posters?region=640499', name: 'an unknown county', as: 'user', status: 404 },
  ],
  'POST /api/registry/import': [...bodyCases(REGISTRY_IMPORT), ...authCases('POST', '/api/registry/import', 'user', () => REGISTRY_IMPORT.valid())],
  'GET /api/registry/export': [
    ...authCases('GET', '/api/registry/export?region=640402', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/registry/export${query}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/registry/export?region=640499', name: 'an unknown county', as: 'user', status: 404 },
    { method: 'GET', path: '/api/registry/export?region=640402100', name: 'a township', as: 'user', status: 400 },
  ],
  'GET /api/registry/template': authCases('GET', '/api/registry/template', 'user'),
  'GET /api/registry': [
    ...authCases('GET', '/api/registry?county=640402', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/registry${query.replaceAll('region', 'county')}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/registry?county=640499', name: 'an unknown county', as: 'user', status: 404 },
    { method: 'GET', path: '/api/registry?county=6404', name: 'a city (a county at a time)', as: 'user', status: 400 },
  ],
  'POST /api/staff': [...bodyCases(CREATE_STAFF), ...authCases('POST', '/api/staff', 'user', () => CREATE_STAFF.valid())],
  'PATCH /api/staff/{id}': [
    ...bodyCases(UPDATE_STAFF),
    ...authCases('PATCH', UPDATE_STAFF.path, 'user', () => UPDATE_STAFF.valid()),
    ...recordIdCases('PATCH', '/api/staff', () => UPDATE_STAFF.valid()),
  ],
  'POST /api/assignments': [...bodyCases(CREATE_ASSIGNMENT), ...authCases('POST', '/api/assignments', 'user', () => CREATE_ASSIGNMENT.valid())],
  'POST /api/staff/{id}/binding-code': [
    ...authCases('POST', () => `/api/staff/${fx.staff.mediatorWang.id}/binding-code`, 'user'),
    ...recordIdCases('POST', '/api/staff', undefined, '/binding-code'),
  ],
  'POST /api/auth/bind': bodyCases(BIND),
  'POST /api/auth/worker-wechat': bodyCases(WORKER_WECHAT),
  'GET /api/worker/ratings': [
    ...authCases('GET', '/api/worker/ratings?year=2026', 'worker'),
    { method: 'GET', path: '/api/worker/ratings?year=2026', name: 'a bureau token', as: 'user', status: 403 },
    { method: 'GET', path: '/api/worker/ratings', name: 'no year', as: 'worker', status: 400 },
    { method: 'GET', path: '/api/worker/ratings?year=twenty', name: 'a word for a year', as: 'worker', status: 400 },
    { method: 'GET', path: '/api/worker/ratings?year=2017', name: 'a year before 2018', as: 'worker', status: 400 },
    { method: 'GET', path: `/api/worker/ratings?year=${LONG}`, name: 'a 10,000-character year', as: 'worker', status: 400 },
  ],
  'PUT /api/worker/ratings/{ref}/reply': [
    ...bodyCases(REPLY),
    ...authCases('PUT', REPLY.path, 'worker', () => REPLY.valid()),
    { method: 'PUT', path: REPLY.path, name: 'a bureau token', as: 'user', json: () => REPLY.valid(), status: 403 },
    ...refCases('PUT', '/reply', () => REPLY.valid()),
  ],
  'POST /api/worker/ratings/{ref}/appeal': [
    ...bodyCases(APPEAL),
    ...authCases('POST', APPEAL.path, 'worker', () => APPEAL.valid()),
    ...refCases('POST', '/appeal', () => APPEAL.valid()),
  ],
  'POST /api/worker/service-codes': [
    ...bodyCases(ISSUE_SERVICE_CODE),
    ...authCases('POST', '/api/worker/service-codes', 'worker', () => ISSUE_SERVICE_CODE.valid()),
  ],
  'GET /api/worker/notifications': [
    ...authCases('GET', '/api/worker/notifications', 'worker'),
    { method: 'GET', path: '/api/worker/notifications', name: 'a bureau token', as: 'user', status: 403 },
  ],
  'POST /api/worker/notifications/read': [
    ...bodyCases(READ_NOTIFICATIONS),
    ...authCases('POST', '/api/worker/notifications/read', 'worker', () => READ_NOTIFICATIONS.valid()),
    { method: 'POST', path: '/api/worker/notifications/read', name: 'a bureau token', as: 'user', json: () => ({ upTo: 1 }), status: 403 },
  ],
  'GET /api/service-codes/{code}': [
    { method: 'GET', path: `/api/service-codes/${'A'.repeat(22)}`, name: 'a code nobody issued', status: 404 },
    { method: 'GET', path: `/api/service-codes/${'A'.repeat(21)}`, name: 'a code of 21 characters', status: 400 },
    { method: 'GET', path: `/api/service-codes/${LONG}`, name: 'a 10,000-character code', status: 400 },
    ...PATH_JUNK.map((junk) => ({ method: 'GET', path: `/api/service-codes/${junk}`, name: `code ${junk}`, status: 400 })),
  ],
  'GET /api/worker/stations': [
    ...authCases('GET', '/api/worker/stations', 'worker'),
    { method: 'GET', path: '/api/worker/stations', name: 'a bureau token', as: 'user', status: 403 },
  ],
  'GET /api/worker/stations/{code}/poster': [
    ...authCases('GET', `/api/worker/stations/${STATIONS.nanguan}/poster`, 'worker'),
    { method: 'GET', path: `/api/worker/stations/${STATIONS.nanguan}/poster?size=A3`, name: 'an A3 size', as: 'worker', status: 400 },
    { method: 'GET', path: `/api/worker/stations/${STATIONS.jiqiang}/poster`, name: 'a station she does not serve at', as: 'worker', status: 404 },
    { method: 'GET', path: '/api/worker/stations/T999999999/poster', name: 'an unknown station', as: 'worker', status: 404 },
    { method: 'GET', path: '/api/worker/stations/x1/poster', name: 'a malformed code', as: 'worker', status: 400 },
  ],
  'GET /api/appeals': [
    ...authCases('GET', '/api/appeals?region=640402', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/appeals${query}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/appeals?region=640402&state=all', name: 'a state that is neither pending nor decided', as: 'user', status: 400 },
  ],
  'POST /api/appeals/{id}/decision': [
    ...bodyCases(DECIDE_APPEAL),
    ...authCases('POST', DECIDE_APPEAL.path, 'user', () => DECIDE_APPEAL.valid()),
    ...recordIdCases('POST', '/api/appeals', () => DECIDE_APPEAL.valid(), '/decision'),
  ],
  'GET /api/cases': [
    ...authCases('GET', '/api/cases?region=640402', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/cases${query}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/cases?region=640402&state=all', name: 'a state that is none of open, overdue, closed', as: 'user', status: 400 },
  ],
  'POST /api/cases/{id}/steps': [
    ...bodyCases(CASE_STEP),
    ...authCases('POST', CASE_STEP.path, 'user', () => CASE_STEP.valid()),
    ...recordIdCases('POST', '/api/cases', () => CASE_STEP.valid(), '/steps'),
  ],
  'GET /api/dashboard/{year}': [
    ...authCases('GET', '/api/dashboard/2026?region=64', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/dashboard/2026${query}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/dashboard/2026?region=640402100', name: 'a township region', as: 'user', status: 400 },
    { method: 'GET', path: '/api/dashboard/2026?region=6499', name: 'an unknown city', as: 'user', status: 404 },
    { method: 'GET', path: '/api/dashboard/2027?region=64', name: 'a year not begun', as: 'user', status: 400 },
    { method: 'GET', path: '/api/dashboard/twenty?region=64', name: 'a word for a year', as: 'user', status: 400 },
  ],
  'GET /api/policies/{year}': [
    ...authCases('GET', '/api/policies/2025?region=64', 'user'),
    ...regionCases((name, query) => ({ method: 'GET', path: `/api/policies/2025${query}`, name, as: 'user', status: 400 })),
    { method: 'GET', path: '/api/policies/2025?region=640402', name: 'a county (policies are per region and city)', as: 'user', status: 400 },
    { method: 'GET', path: '/api/policies/2025?region=6499', name: 'an unknown city', as: 'user', status: 404 },
    { method: 'GET', path: '/api/policies/twenty?region=64', name: 'a word for a year', as: 'user', status: 400 },
    { method: 'GET', path: '/api/policies/2017?region=64', name: 'a year before 2018', as: 'user', status: 400 },
  ],
  'PUT /api/policies/{year}': [
    ...bodyCases(SET_POLICY),
    ...authCases('PUT', SET_POLICY.path, 'user', () => SET_POLICY.valid()),
    {
      method: 'PUT',
      path: '/api/policies/2025?region=6404',
      name: 'a city’s (its own account sets it)',
      as: 'user',
      json: () => SET_POLICY.valid(),
      status: 403,
    },
    { method: 'PUT', path: '/api/policies/2025', name: 'no region', as: 'user', json: () => SET_POLICY.valid(), status: 400 },
  ],
  'POST /api/policies/{year}/preview': [
    ...bodyCases(PREVIEW_POLICY),
    ...authCases('POST', PREVIEW_POLICY.path, 'user', () => PREVIEW_POLICY.valid()),
    { method: 'POST', path: '/api/policies/2025/preview?region=6404', name: 'a city’s', as: 'user', json: () => PREVIEW_POLICY.valid(), status: 403 },
  ],
  'GET /api/assessment-runs': [
    ...authCases('GET', '/api/assessment-runs?year=2026&region=64', 'user'),
    ...regionCases((name, query) => ({
      method: 'GET',
      path: `/api/assessment-runs${query ? `${query}&year=2026` : '?year=2026'}`,
      name,
      as: 'user',
      status: 400,
    })),
    { method: 'GET', path: '/api/assessment-runs?region=64', name: 'no year', as: 'user', status: 400 },
    { method: 'GET', path: '/api/assessment-runs?region=64&year=20x6', name: 'a malformed year', as: 'user', status: 400 },
  ],
  'GET /api/assessment-runs/{id}': [
    ...authCases('GET', '/api/assessment-runs/1?region=64', 'user'),
    { method: 'GET', path: '/api/assessment-runs/999999?region=64', name: 'an unknown id', as: 'user', status: 404 },
    { method: 'GET', path: '/api/assessment-runs/0?region=64', name: 'id 0', as: 'user', status: 400 },
    { method: 'GET', path: '/api/assessment-runs/abc?region=64', name: 'a word for an id', as: 'user', status: 400 },
    { method: 'GET', path: '/api/assessment-runs/999999', name: 'no region', as: 'user', status: 400 },
    { method: 'GET', path: '/api/assessment-runs/999999?region=64&format=pdf', name: 'an unknown format', as: 'user', status: 400 },
    ...PATH_JUNK.map((junk) => ({ method: 'GET', path: `/api/assessment-runs/${junk}?region=64`, name: `id ${junk}`, as: 'user' as const, status: 400 })),
  ],
  'POST /api/assessment-runs': [...bodyCases(PUBLISH), ...authCases('POST', '/api/assessment-runs', 'user', () => PUBLISH.valid())],
  'POST /api/me/ratings/{id}/follow-up': [
    ...bodyCases(RATE_FOLLOW_UP),
    ...authCases('POST', RATE_FOLLOW_UP.path, 'resident', () => RATE_FOLLOW_UP.valid()),
    ...recordIdCases('POST', '/api/me/ratings', () => RATE_FOLLOW_UP.valid(), '/follow-up').map((c) => ({ ...c, as: 'resident' as const })),
    {
      method: 'POST',
      path: () => `/api/me/ratings/${sweepCaseRating}/follow-up`,
      name: 'another resident’s 差评',
      as: 'resident',
      json: () => RATE_FOLLOW_UP.valid(),
      status: 404,
    },
  ],
  'POST /api/cases/{id}/callback-phone': [
    ...authCases('POST', () => `/api/cases/${sweepCase}/callback-phone`, 'user'),
    // The sweep's token is the region's: the number is the county's only.
    { method: 'POST', path: () => `/api/cases/${sweepCase}/callback-phone`, name: 'a region account', as: 'user', status: 403 },
    ...recordIdCases('POST', '/api/cases', undefined, '/callback-phone'),
  ],
  'PATCH /api/assignments/{id}': [
    ...bodyCases(UPDATE_ASSIGNMENT),
    ...authCases('PATCH', UPDATE_ASSIGNMENT.path, 'user', () => UPDATE_ASSIGNMENT.valid()),
    ...recordIdCases('PATCH', '/api/assignments', () => UPDATE_ASSIGNMENT.valid()),
  ],
};

/** Endpoints that take no input at all: nothing can be malformed but the method (see below). */
const NO_INPUT = ['GET /api/health', 'GET /api/openapi.json', 'GET /s/{code}'];
const endpointOf = (r: RouteContract) => `${r.method} ${openApiPath(r.path)}`;
/** The token a route's own callers carry. */
const ownToken = (r: RouteContract): keyof typeof tokens | undefined =>
  r.access.kind === 'resident' ? 'resident' : r.access.kind === 'anonymous' ? undefined : 'user';

it('the sweep covers every documented endpoint', () => {
  const documented = ROUTES.map(({ route }) => endpointOf(route)).sort();
  expect([...Object.keys(CASES), ...NO_INPUT].sort()).toEqual(documented);
});

describe.each(Object.keys(CASES))('%s with malformed input', (endpoint) => {
  it.each(CASES[endpoint]!.map((c) => [c.name, c.status, c] as const))(
    'when it gets %s, then %i with {code, message} in Chinese and nothing is written',
    async (_name, _status, c) => {
      const before = await counts();
      const r = await send(c);
      expect({ status: r.status, body: r.body }).toEqual({ status: c.status, body: expect.anything() });
      const body = ErrorBodySchema.parse(r.body);
      expect(STATUS_OF[body.code]).toBe(r.status);
      expect(body.message).toMatch(CHINESE);
      expect(await counts()).toEqual(before);
    },
  );
});

/** The router names the allowed methods in Allow; the body has the shape of every other error. */
describe('a method an endpoint does not have', () => {
  it.each(ROUTES.map(({ route }) => [endpointOf(route), route] as const))(
    'when %s is called with another method, then 405 naming the allowed one, and nothing is written',
    async (_route, route) => {
      const path = route.path
        .replace(':code', STATIONS.sanying)
        .replace(':year', '2026')
        .replace(':username', 'xiji')
        .replace(':id', '1')
        .replace(':ref', 'f'.repeat(20));
      // A method no route of this path has (GET and POST /api/accounts share one).
      const taken = ROUTES.filter((r) => r.route.path === route.path).map((r) => r.route.method);
      const wrong = (['PUT', 'POST', 'PATCH'] as const).find((m) => !taken.includes(m))!;
      const before = await counts();
      const r = await send({ method: wrong, path, json: {}, as: ownToken(route) });
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toContain(route.method);
      expect(r.body).toMatchObject({ code: 'method_not_allowed', message: expect.stringContaining(wrong) });
      expect(await counts()).toEqual(before);
    },
  );
});

describe('an unknown API path', () => {
  it.each([
    ['GET', '/api/whatever'],
    ['POST', '/api/whatever'],
    ['GET', '/api/station'],
    ['GET', '/api/'],
    ['GET', '/api/auth/wechat/extra'],
    ['DELETE', `/api/ratings/${randomUUID()}`],
  ])('%s %s is 404 not_found in Chinese', async (method, path) => {
    const before = await counts();
    const r = await send({ method, path, json: method === 'GET' ? undefined : {} });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ code: 'not_found', message: expect.stringMatching(CHINESE) });
    expect(await counts()).toEqual(before);
  });
});
