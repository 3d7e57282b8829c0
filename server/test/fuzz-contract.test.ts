/**
 * Fuzzing every route of the contract with fast-check: valid requests mutated (a field dropped, a
 * value of any JSON type or a junk string put in, an unknown key added, the whole body replaced by
 * any JSON or by text), fuzzed path parameters and queries, and every kind of Authorization header.
 * Whatever comes in: never a 5xx, an error is always `{ code, message }` with a code the route may
 * answer, and a rejected request writes nothing (row counts, password hashes and revocations compared).
 *
 * FUZZ_RUNS sets the cases per route (default 150 in `npm test`; `npm run fuzz` runs 3,000); FUZZ_SEED
 * replays a run. The seed is printed at the start of every run and by fast-check on a failure.
 */
import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ROUTES, ROUTE_NAMES, errorsOf, type RouteContract, type RouteName } from '@plsr/shared/contract';
import { ErrorBodySchema, type ErrorCode } from '@plsr/shared/schemas';
import { STATUS_OF } from '../src/http/errors';
import { hashPassword } from '../src/auth/passwords';
import { residentIdHash } from '../src/auth/secrets';
import { exportRegistry } from '../src/registry/import';
import { ratingRef } from '../src/workers/ratings';
import { holdRatings, type HeldSet } from './support/review';
import { casesFor, closedFollowUps } from './support/cases';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';
import { DEFAULT_POLICY } from '@plsr/shared/scoring';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
process.stderr.write(`fuzz-contract: ${RUNS} cases per route × ${ROUTE_NAMES.length} routes, seed ${SEED} (replay: FUZZ_SEED=${SEED})\n`);

let app: TestApp;
let fake: FakeWechat;
let fx: Awaited<ReturnType<typeof seedFixtures>>;

type TokenKind = 'resident' | 'bureau' | 'region' | 'county' | 'staff';
const tokens: Record<TokenKind, string> = { resident: '', bureau: '', region: '', county: '', staff: '' };
let held: HeldSet;
let registryFile = '';
/** Refs of 李海燕's counted ratings; pending appeals of 马文清's. */
let liRefs: string[] = [];
let appealsUsed = 0;
let fuzzAppeals: number[] = [];
let decisionsUsed = 0;
let fuzzCases: number[] = [];
let caseStepsUsed = 0;
/** Binding codes of 刘洋, one per bind case. */
let bindCodes: string[] = [];
let bindsUsed = 0;
const FUZZ_SERVICE_CODE = 'FuzzServiceCode0000001';
/** The fuzz's resident: one device, so a new session after a logout is the same resident (whose 差评 have closed cases). */
const FUZZ_DEVICE = `fuzz-resident-${randomUUID()}`;
let followUpRatings: number[] = [];
/** The region's 2026 year-end, published in the set-up. */
let fuzzRun = 0;
let followUpsUsed = 0;
/** 王建国's posting at 三营镇. */
let wangPosting = 0;
let heldUsed = 0;
/** bureau: a city's clerk; region: the region's, who manages accounts; county: 原州区's (a case's call-back number is its alone); target: the account they manage. */
const ACCOUNTS = { bureau: 'fuzz-clerk', region: 'fuzz-region', county: 'fuzz-county', staff: 'fuzz-worker' } as const;

/** A request a permitted caller would make, per route; the fuzzer mutates it. */
interface Sample {
  as?: TokenKind;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: () => Record<string, unknown>;
}
const SAMPLES: Record<RouteName, Sample> = {
  health: {},
  openApi: {},
  wechatLogin: { body: () => ({ code: `valid:o-fuzz-${randomUUID()}` }) },
  deviceLogin: { body: () => ({ deviceId: `fuzz-device-${randomUUID()}` }) },
  passwordLogin: { body: () => ({ username: 'guyuan', password: PASSWORD }) },
  logout: { as: 'resident' },
  changePassword: { as: 'bureau', body: () => ({ currentPassword: PASSWORD, newPassword: 'fuzzed new password' }) },
  myAccount: { as: 'staff' },
  station: { params: { code: STATIONS.sanying } },
  stationQrCode: { params: { code: STATIONS.nanguan } },
  posterLink: { params: { code: STATIONS.sanying }, query: { sc: FUZZ_SERVICE_CODE } },
  submitRating: {
    as: 'resident',
    body: () => ({
      clientRequestId: randomUUID(),
      stationCode: STATIONS.sanying,
      staffId: fx.staff.lawyerMa.id,
      serviceType: 'consultation',
      level: 2,
      reasonCode: 'slow',
      raterType: 'individual',
      comment: '一般',
    }),
  },
  myRatings: { as: 'resident' },
  assessment: { as: 'bureau', params: { year: '2026' }, query: { region: CODES.city, format: 'json', table: 'staff' } },
  // 固原市's clerk (a city account): its city's policy for 2025, the year nothing is published.
  dashboard: { as: 'bureau', params: { year: '2026' }, query: { region: CODES.city } },
  policy: { as: 'bureau', params: { year: '2025' }, query: { region: CODES.city } },
  setPolicy: { as: 'bureau', params: { year: '2025' }, query: { region: CODES.city }, body: () => ({ policy: DEFAULT_POLICY, reason: '模糊测试' }) },
  previewPolicy: { as: 'bureau', params: { year: '2025' }, query: { region: CODES.city }, body: () => ({ policy: { ...DEFAULT_POLICY, minRatings: 3 } }) },
  assessmentRuns: { as: 'bureau', query: { year: '2026', region: CODES.city } },
  assessmentRun: {
    as: 'bureau',
    params: {
      get id() {
        return String(fuzzRun);
      },
    },
    query: { region: CODES.yuanzhou, format: 'json' },
  },
  // Its 2026 year-end: the first publish goes in, a repeat with nothing changed is a 409 that writes nothing.
  publishAssessment: { as: 'bureau', body: () => ({ year: 2026, region: CODES.city, reason: '模糊测试的修订' }) },
  reviewIncidents: { as: 'bureau', query: { region: CODES.city, state: 'pending' } },
  // Each sample names the next rating on hold; once decided, a repeat is a 409 that changes nothing.
  reviewDecision: {
    as: 'bureau',
    body: () => ({ decision: 'exclude', reason: '核实为刷票', ratingIds: [held.ratingIds[heldUsed++ % held.ratingIds.length]] }),
  },
  inspections: { as: 'bureau', params: { year: '2026' }, query: { region: CODES.yuanzhou } },
  recordInspection: {
    as: 'bureau',
    params: { year: '2026', code: STATIONS.sanying },
    body: () => ({
      exempt: false,
      scores: { standardisation: 18, professionalism: 17.5, openness: 19, management: 16, informatisation: 15 },
      inspectedOn: '2026-06-01',
      notes: '台账齐全',
    }),
  },
  accounts: { as: 'bureau', query: { region: CODES.yuanzhou } },
  createAccount: { as: 'region', body: () => ({ username: `fuzz-${randomUUID().slice(0, 8)}`, role: 'county', region: CODES.yuanzhou }) },
  resetAccountPassword: { as: 'region', params: { username: 'fuzz-target' } },
  setAccountStatus: { as: 'region', params: { username: 'fuzz-target' }, body: () => ({ disabled: Math.random() < 0.5, reason: '模糊测试' }) },
  inspectionSamples: { as: 'bureau', params: { year: '2026' }, query: { region: CODES.yuanzhou } },
  drawInspectionSample: { as: 'bureau', params: { year: '2026' }, body: () => ({ county: CODES.yuanzhou, size: 1, seed: '20261127' }) },
  updateStation: {
    as: 'bureau',
    params: { code: STATIONS.nanguan },
    body: () => ({ name: `南关街道公共法律服务工作站`, status: 'active', reason: '模糊测试' }),
  },
  addVillageRoom: {
    as: 'bureau',
    body: () => ({ village: `640402100${String(Math.floor(Math.random() * 700) + 300)}`, villageName: '模糊村委会', reason: '模糊测试' }),
  },
  regions: { as: 'bureau', query: { parent: CODES.city } },
  posters: { as: 'bureau', query: { region: CODES.sanying, size: 'A5' } },
  registryExport: { as: 'bureau', query: { region: CODES.yuanzhou } },
  registryTemplate: { as: 'bureau' },
  // The export of 原州区, checked (a dry run): valid, so the fuzzer also reaches past the first checks.
  registryImport: { as: 'bureau', body: () => ({ region: CODES.yuanzhou, dryRun: true, file: registryFile }) },
  auditLog: { as: 'bureau', query: { region: CODES.yuanzhou, action: 'inspection.record', from: '2026-01-01', to: '2026-12-31' } },
  registry: { as: 'bureau', query: { county: CODES.yuanzhou } },
  createStaff: {
    as: 'bureau',
    body: () => ({ county: CODES.yuanzhou, name: '模糊调解员', role: 'mediator', licenceNumber: '', organisation: '三营镇人民调解委员会' }),
  },
  // Ids are read when the case is made (the fixtures are seeded in beforeAll).
  updateStaff: {
    as: 'bureau',
    params: {
      get id() {
        return String(fx.staff.mediatorWang.id);
      },
    },
    body: () => ({ organisation: '三营镇人民调解委员会', status: 'active', reason: '模糊测试' }),
  },
  // One-day postings of 王建国 at 南关街道 on random days: a repeated day is a 409 that writes nothing.
  createAssignment: {
    as: 'bureau',
    body: () => {
      const day = `2050-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 10)}`;
      return { staffId: fx.staff.mediatorWang.id, station: STATIONS.nanguan, fromDate: day, toDate: day };
    },
  },
  updateAssignment: {
    as: 'bureau',
    params: {
      get id() {
        return String(wangPosting);
      },
    },
    body: () => ({ toDate: '2099-12-31', reason: '模糊测试' }),
  },
  issueBindingCode: {
    as: 'bureau',
    params: {
      get id() {
        return String(fx.staff.mediatorWang.id);
      },
    },
  },
  // A fresh code of 刘洋's each case (written in beforeAll): a bind uses its code up.
  bindWorker: { body: () => ({ code: bindCodes[bindsUsed++ % bindCodes.length], username: 'fuzz-liu', password: 'fuzz password 2026' }) },
  workerWechatLogin: { body: () => ({ code: `valid:o-fuzz-liu:${randomUUID()}` }) },
  workerRatings: { as: 'staff', query: { year: '2026' } },
  // 李海燕's (the fuzz worker's) counted ratings, made in beforeAll: a reply to the first; an appeal of the next each case.
  replyToRating: {
    as: 'staff',
    params: {
      get ref() {
        return liRefs[0]!;
      },
    },
    body: () => ({ text: '谢谢您的评价' }),
  },
  appealRating: {
    as: 'staff',
    params: {
      get ref() {
        return liRefs[1 + (appealsUsed++ % (liRefs.length - 1))]!;
      },
    },
    body: () => ({ reason: '模糊测试的申诉理由', evidence: '值班表' }),
  },
  appeals: { as: 'bureau', query: { region: CODES.yuanzhou, state: 'pending' } },
  cases: { as: 'bureau', query: { region: CODES.yuanzhou, state: 'open' } },
  addCaseStep: {
    as: 'bureau',
    params: {
      get id() {
        return String(fuzzCases[caseStepsUsed++ % fuzzCases.length]);
      },
    },
    body: () => ({ step: 'verify', note: '模糊测试的核实情况' }),
  },
  rateFollowUp: {
    as: 'resident',
    params: {
      get id() {
        return String(followUpRatings[followUpsUsed++ % followUpRatings.length]);
      },
    },
    body: () => ({ verdict: 'satisfied' }),
  },
  caseCallbackPhone: {
    as: 'county',
    params: {
      get id() {
        return String(fuzzCases[0]);
      },
    },
  },
  workerStations: { as: 'staff' },
  workerPoster: { as: 'staff', params: { code: STATIONS.nanguan }, query: { size: 'A5' } },
  issueServiceCode: { as: 'staff', body: () => ({ station: STATIONS.nanguan, serviceType: 'consultation' }) },
  workerNotifications: { as: 'staff' },
  readNotifications: { as: 'staff', body: () => ({ upTo: 1 }) },
  serviceCode: { params: { code: FUZZ_SERVICE_CODE } },
  decideAppeal: {
    as: 'bureau',
    params: {
      get id() {
        return String(fuzzAppeals[decisionsUsed++ % fuzzAppeals.length]);
      },
    },
    body: () => ({ decision: 'reject', reason: '模糊测试' }),
  },
};

const JUNK = [
  "' OR '1'='1' --",
  '<script>alert(1)</script>',
  '${7*7}',
  '\u0000',
  '\u202e\u{1F4A3}',
  '../../etc/passwd',
  '%00',
  '',
  ' ',
  '-1',
  '1e309',
  'null',
  '[]',
  '{}',
  'x'.repeat(5000),
];
const junkString = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...JUNK), fc.integer().map(String));
const anyJson = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkString, { maxLength: 3 }),
  fc.dictionary(junkString, junkString, { maxKeys: 3 }),
);

interface FuzzRequest {
  path: string;
  auth: string | null;
  contentType: string | null;
  body: string | undefined;
}

/**
 * A URL component that may be broken on purpose; never a raw '/', '?', '#' or a bare '.' or '..' segment
 * (which fetch resolves away): those would change the route rather than fuzz it.
 */
const urlPart = fc.oneof(
  junkString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))).map((s) => (s === '.' || s === '..' ? `${s}x` : s)),
  fc.constantFrom('%', '%ZZ', '%E0%A4%A', '..x', '%2e%2e%2f', '%2F', '%00'),
);

function pathArb(route: RouteContract, sample: Sample): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const valid = names.map((n) => encodeURIComponent(sample.params?.[n] ?? 'x'));
  // Half the time the sample's own path, whatever the number of parameters: each one broken on its
  // own would leave a route with two (a station and a year) a valid path only a quarter of the time.
  const params = fc.oneof(fc.constant(valid), fc.tuple(...valid.map((v) => fc.oneof(fc.constant(v), urlPart))));
  const queryKeys = Object.keys(sample.query ?? {});
  const query = route.query
    ? fc.oneof(
        fc.constant(sample.query ?? {}),
        fc.tuple(fc.constantFrom(...queryKeys), urlPart).map(([k, v]) => ({ ...sample.query, [k]: v })),
        fc.constantFrom(...queryKeys).map((k) => Object.fromEntries(Object.entries(sample.query ?? {}).filter(([key]) => key !== k))),
        fc.dictionary(fc.constantFrom(...queryKeys, 'extra', 'region[]'), urlPart, { maxKeys: 4 }),
      )
    : fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom('x', 'region', 'format'), urlPart, { maxKeys: 2 }));
  return fc.tuple(params, query).map(([values, q]) => {
    let i = 0;
    const path = route.path.replace(/:([A-Za-z]+)/g, () => values[i++] ?? '');
    const qs = Object.entries(q)
      .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
      .join('&');
    return qs ? `${path}?${qs}` : path;
  });
}

function bodyArb(sample: Sample): fc.Arbitrary<string | undefined> {
  const make = sample.body;
  if (!make) return fc.constant(undefined);
  const keys = Object.keys(make());
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null).map(() => JSON.stringify(make())) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...keys), anyJson).map(([k, v]) => JSON.stringify({ ...make(), [k]: v })) },
    { weight: 2, arbitrary: fc.constantFrom(...keys).map((k) => JSON.stringify({ ...make(), [k]: undefined })) },
    { weight: 1, arbitrary: fc.tuple(junkString, anyJson).map(([k, v]) => JSON.stringify({ ...make(), [k]: v })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: junkString },
  );
}

function requestArb(route: RouteContract, sample: Sample): fc.Arbitrary<FuzzRequest> {
  const own = sample.as ? `Bearer ${tokens[sample.as]}` : null;
  const auth = fc.oneof(
    { weight: 4, arbitrary: fc.constant(own) },
    { weight: 1, arbitrary: fc.constantFrom<TokenKind>('resident', 'bureau', 'region', 'staff').map((k) => `Bearer ${tokens[k]}`) },
    { weight: 1, arbitrary: fc.constantFrom(null, 'Bearer', 'Bearer x.y', 'Basic Zm9vOmJhcg==', `Bearer ${'a'.repeat(3000)}`) },
    { weight: 1, arbitrary: junkString.map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, '')}`) },
  );
  const contentType = route.body
    ? fc.oneof(
        { weight: 5, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom(null, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1') },
      )
    : fc.constant(null);
  const mutated = fc.record({ path: pathArb(route, sample), auth, contentType, body: route.method === 'GET' ? fc.constant(undefined) : bodyArb(sample) });
  // One request in ten is the sample itself: a route whose path, query and body are each mutated would
  // otherwise see a valid request one time in fifty, and sometimes none in a run.
  const whole = fc.constant(null).map(() => ({
    path: pathOf(route, sample),
    auth: own,
    contentType: route.body ? 'application/json' : null,
    body: route.method === 'GET' || !sample.body ? undefined : JSON.stringify(sample.body()),
  }));
  return fc.oneof({ weight: 1, arbitrary: whole }, { weight: 9, arbitrary: mutated });
}

/** The sample's own path and query. */
function pathOf(route: RouteContract, sample: Sample): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, n: string) => encodeURIComponent(sample.params?.[n] ?? 'x'));
  const qs = Object.entries(sample.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

/**
 * What a rejected request must leave as it was. Read thousands of times a run, so its reads go out
 * together: one wait for the database instead of one per read, one after another.
 */
async function snapshot() {
  const db = app.db;
  const parts = {
    residents: db.resident.count(),
    ratings: db.rating.count(),
    ratingEdits: db.rating.aggregate({ _sum: { revision: true } }).then((a) => a._sum.revision ?? 0),
    submissions: db.ratingSubmission.count(),
    sessions: db.session.count(),
    revoked: db.session.count({ where: { revokedAt: { not: null } } }),
    users: db.user
      .findMany({ select: { username: true, passwordHash: true, disabledAt: true, mustChangePassword: true }, orderBy: { id: 'asc' } })
      .then((users) => users.map((u) => `${u.username}${u.passwordHash}${u.disabledAt?.getTime() ?? ''}${u.mustChangePassword}`).join()),
    stations: db.station.count(),
    statuses: db.rating
      .groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } })
      .then((groups) => groups.map((g) => `${g.status}:${g._count}`).join()),
    audit: db.auditLog.count(),
    runs: db.assessmentRun.count(),
    policies: db.assessmentPolicy.findMany({ select: { year: true, regionCode: true, policyJson: true }, orderBy: { id: 'asc' } }).then(JSON.stringify),
    inspections: db.inspection.findMany({ orderBy: { id: 'asc' } }).then(JSON.stringify),
    staff: db.staff.findMany({ orderBy: { id: 'asc' } }).then(JSON.stringify),
    samples: db.inspectionSample.count(),
    stationRows: db.station.findMany({ select: { code: true, name: true, status: true }, orderBy: { id: 'asc' } }).then(JSON.stringify),
    regions: db.region.count(),
    assignments: db.assignment.findMany({ orderBy: { id: 'asc' } }).then(JSON.stringify),
    replies: db.ratingReply.findMany({ orderBy: { ratingId: 'asc' } }).then(JSON.stringify),
    serviceCodes: db.serviceCode.findMany({ select: { id: true, usedAt: true }, orderBy: { id: 'asc' } }).then(JSON.stringify),
    appeals: db.appeal.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }).then(JSON.stringify),
    cases: db.badReviewCase.findMany({ select: { id: true, status: true, closedOn: true, fixVerdict: true }, orderBy: { id: 'asc' } }).then(JSON.stringify),
    caseSteps: db.caseStep.count(),
    notifications: db.notification.count(),
    incidents: db.reviewIncident.count(),
    flags: db.ratingFlag.count(),
    calendars: db.calendarSnapshot.count(),
    bindingCodes: db.staffBindingCode
      .findMany({ select: { id: true, usedAt: true }, orderBy: { id: 'asc' } })
      .then((codes) => codes.map((c) => `${c.id}${c.usedAt?.getTime() ?? ''}`).join()),
  };
  return Object.fromEntries(await Promise.all(Object.entries(parts).map(async ([name, part]) => [name, await part] as const)));
}

/** Logout and a password change end sessions the next cases need: make new ones when they did (each token checked at once). */
async function refreshTokens(): Promise<void> {
  const account = async (kind: Exclude<TokenKind, 'resident'>) => {
    const r = await call(app, 'GET', '/api/me/account', { token: tokens[kind] });
    if (r.status === 200) return;
    await app.db.user.update({ where: { username: ACCOUNTS[kind] }, data: { passwordHash: await hashPassword(PASSWORD) } });
    const login = await call(app, 'POST', '/api/auth/password', { json: { username: ACCOUNTS[kind], password: PASSWORD } });
    tokens[kind] = login.body.token;
  };
  const resident = async () => {
    const r = await call(app, 'GET', '/api/me/ratings', { token: tokens.resident });
    if (r.status !== 200) tokens.resident = (await call(app, 'POST', '/api/auth/device', { json: { deviceId: FUZZ_DEVICE } })).body.token;
  };
  await Promise.all([...(['bureau', 'region', 'county', 'staff'] as const).map(account), resident()]);
}

beforeAll(async () => {
  fake = await startFakeWechat();
  app = await startTestApp({ WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'test-secret', WECHAT_API_BASE: fake.url, WECHAT_TIMEOUT_MS: '1000' });
  fx = await seedFixtures(app.db);
  held = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.mediatorWang.id, count: 40 });
  const passwordHash = await hashPassword(PASSWORD);
  await app.db.user.create({ data: { username: ACCOUNTS.bureau, passwordHash, role: 'city', regionCode: CODES.city } });
  await app.db.user.create({ data: { username: ACCOUNTS.region, passwordHash, role: 'region', regionCode: CODES.province } });
  await app.db.user.create({ data: { username: 'fuzz-target', passwordHash, role: 'county', regionCode: CODES.yuanzhou } });
  await app.db.user.create({ data: { username: ACCOUNTS.county, passwordHash, role: 'county', regionCode: CODES.yuanzhou } });
  await app.db.user.create({ data: { username: ACCOUNTS.staff, passwordHash, role: 'staff', regionCode: CODES.yuanzhou, staffId: fx.staff.lawyerLi.id } });
  registryFile = (await exportRegistry({ db: app.db }, CODES.yuanzhou)).body.toString('base64');
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  bindCodes = Array.from(
    { length: RUNS + 20 },
    (_, i) => `FZ${[0, 1, 2, 3, 4, 5].map((k) => alphabet[Math.floor(i / alphabet.length ** k) % alphabet.length]).join('')}`,
  );
  await app.db.staffBindingCode.createMany({
    data: [...bindCodes, 'FUZZWX23'].map((code) => ({
      codeHash: createHash('sha256').update(code).digest('hex'),
      staffId: fx.staff.yinchuanLawyer.id,
      issuedBy: 'fuzz',
      issuedAt: new Date('2026-06-01T00:00:00Z'),
      expiresAt: new Date('2099-01-01T00:00:00Z'),
    })),
  });
  expect((await call(app, 'POST', '/api/auth/bind', { json: { code: 'FUZZWX23', wechatCode: 'valid:o-fuzz-liu:bind' } })).status).toBe(200);
  await app.db.serviceCode.create({
    data: {
      codeHash: createHash('sha256').update(FUZZ_SERVICE_CODE).digest('hex'),
      staffId: fx.staff.lawyerLi.id,
      stationId: fx.stations.nanguan.id,
      issuedAt: new Date('2026-06-01T00:00:00Z'),
      expiresAt: new Date('2099-01-01T00:00:00Z'),
    },
  });
  const li = await holdRatings(app.db, { station: fx.stations.nanguan, staffId: fx.staff.lawyerLi.id, count: RUNS + 20, serviceDate: '2026-06-14' });
  await app.db.rating.updateMany({ where: { id: { in: li.ratingIds } }, data: { status: 'valid' } });
  liRefs = li.ratingIds.map((id) => ratingRef(app.config.residentHashKey, id));
  const ma = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: RUNS + 20, serviceDate: '2026-06-13' });
  fuzzAppeals = [];
  for (const ratingId of ma.ratingIds)
    fuzzAppeals.push(
      (await app.db.appeal.create({ data: { ratingId, staffId: fx.staff.lawyerMa.id, countyCode: CODES.yuanzhou, reason: '模糊测试', createdAt: new Date() } }))
        .id,
    );
  fuzzCases = await casesFor(app.db, ma.ratingIds, { phoneKey: app.config.phoneEncryptionKey });
  tokens.resident = (await call(app, 'POST', '/api/auth/device', { json: { deviceId: FUZZ_DEVICE } })).body.token;
  const fuzzResident = await app.db.resident.findUniqueOrThrow({ where: { idHash: residentIdHash(app.config.residentHashKey, 'device', FUZZ_DEVICE) } });
  followUpRatings = await closedFollowUps(app.db, { residentId: fuzzResident.id, station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: 20 });
  const regionToken = (await call(app, 'POST', '/api/auth/password', { json: { username: ACCOUNTS.region, password: PASSWORD } })).body.token;
  fuzzRun = (await call(app, 'POST', '/api/assessment-runs', { token: regionToken, json: { year: 2026, region: CODES.province } })).body.id;
  wangPosting = (await app.db.assignment.findFirstOrThrow({ where: { staffId: fx.staff.mediatorWang.id, stationId: fx.stations.sanying.id } })).id;
  tokens.bureau = 'expired';
  tokens.region = 'expired';
  tokens.county = 'expired';
  tokens.staff = 'expired';
  await refreshTokens();
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

it('has a sample request for every route of the contract', () => {
  expect(Object.keys(SAMPLES).sort()).toEqual([...ROUTE_NAMES].sort());
});

describe.each(ROUTES.map(({ name, route }, i) => [name, route, i] as const))('fuzzing %s', (name, route, index) => {
  it(`never answers 5xx, always answers errors it declares, and writes nothing when it refuses (${RUNS} cases)`, async () => {
    // Paths are fuzzed too: a fuzzed path may name no route at all (404) or fail Koa's own decoding.
    // …or another route's path, which answers 405 for this method (/api/stations/ is POST /api/stations).
    const allowed = new Set<ErrorCode>([...errorsOf(route), 'not_found', 'bad_request', 'method_not_allowed']);
    let answered2xx = 0;
    // A refused case's snapshot after, found equal to its snapshot before, is the next case's before:
    // nothing writes between two cases. After a 2xx (and refreshTokens) the next case reads its own.
    let unchanged: Awaited<ReturnType<typeof snapshot>> | null = null;
    await fc.assert(
      fc.asyncProperty(
        fc.constant(null).chain(() => requestArb(route, SAMPLES[name])),
        async (req) => {
          const before = unchanged ?? (await snapshot());
          unchanged = null;
          const headers: Record<string, string> = {};
          if (req.auth) headers.authorization = req.auth;
          if (req.contentType) headers['content-type'] = req.contentType;
          const res = await fetch(app.url + req.path, { method: route.method, headers, body: req.body, redirect: 'manual' });
          const text = await res.text();
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            const body = ErrorBodySchema.parse(JSON.parse(text));
            expect(STATUS_OF[body.code]).toBe(res.status);
            expect({ code: body.code, allowed: allowed.has(body.code) }).toEqual({ code: body.code, allowed: true });
            const after = await snapshot();
            expect(after).toEqual(before);
            unchanged = after;
          } else {
            answered2xx += 1;
            await refreshTokens();
          }
        },
      ),
      { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
    );
    // The mutations keep some requests valid: a fuzzer that only ever hits the first check proves little.
    if (RUNS >= 100) expect(answered2xx).toBeGreaterThan(0);
  });
});
