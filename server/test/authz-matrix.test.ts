/**
 * The authorization matrix: every route of the contract × every kind of caller → the status it gets.
 * The table below is the access policy in one readable place; a route of the contract without its
 * row (or its probe request) fails this file, so no endpoint ships without an access rule written
 * down here. Object-level checks follow: a resident never reaches another's rating, a county never
 * reaches another county's data through any parameter.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ROUTE_NAMES, type RouteName } from '@plsr/shared/contract';
import { hashPassword } from '../src/auth/passwords';
import { registryTemplate } from '../src/registry/import';
import { ratingRef } from '../src/workers/ratings';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { holdRatings, type HeldSet } from './support/review';
import { casesFor, closedFollowUps } from './support/cases';
import { call, startTestApp, type TestApp } from './support/harness';
import { residentIdHash } from '../src/auth/secrets';
import { DEFAULT_POLICY } from '@plsr/shared/scoring';

const ACTORS = ['anon', 'resA', 'resB', 'staffA', 'staffB', 'countyIn', 'countyOut', 'city', 'region', 'initial', 'disabled', 'deleted'] as const;
type ActorName = (typeof ACTORS)[number];

/**
 * countyIn is 原州区 (640402), whose data the probes ask for; countyOut is 西吉县 (640422), city 固原市,
 * region 宁夏. initial: a county account of 原州区 still on its initial password (only its own account
 * routes and logout until it changes it); disabled: a bureau account disabled after it logged in;
 * deleted: one deleted after.
 * changePassword is probed with a wrong current password: 400 means the caller got past the access
 * rule (the real change is tested in sessions.test.ts).
 */
// prettier-ignore
const MATRIX: Record<RouteName, string> = {
  //                     anon resA resB stfA stfB cIn  cOut city reg  init dis  del
  health:               '200  200  200  200  200  200  200  200  200  200  200  200',
  openApi:              '200  200  200  200  200  200  200  200  200  200  200  200',
  wechatLogin:          '200  200  200  200  200  200  200  200  200  200  200  200',
  deviceLogin:          '200  200  200  200  200  200  200  200  200  200  200  200',
  passwordLogin:        '200  200  200  200  200  200  200  200  200  200  200  200',
  logout:               '401  204  204  204  204  204  204  204  204  204  401  401',
  changePassword:       '401  403  403  400  400  400  400  400  400  400  401  401',
  myAccount:            '401  403  403  200  200  200  200  200  200  200  401  401',
  station:              '200  200  200  200  200  200  200  200  200  200  200  200',
  stationQrCode:        '200  200  200  200  200  200  200  200  200  200  200  200',
  posterLink:           '200  200  200  200  200  200  200  200  200  200  200  200',
  submitRating:         '401  201  201  403  403  403  403  403  403  403  401  401',
  myRatings:            '401  200  200  403  403  403  403  403  403  403  401  401',
  assessment:           '401  403  403  403  403  200  403  200  200  403  401  401',
  reviewIncidents:      '401  403  403  403  403  200  403  200  200  403  401  401',
  reviewDecision:       '401  403  403  403  403  200  403  200  200  403  401  401',
  inspections:          '401  403  403  403  403  200  403  200  200  403  401  401',
  recordInspection:     '401  403  403  403  403  200  403  200  200  403  401  401',
  accounts:             '401  403  403  403  403  200  403  200  200  403  401  401',
  createAccount:        '401  403  403  403  403  403  403  403  201  403  401  401',
  resetAccountPassword: '401  403  403  403  403  403  403  403  200  403  401  401',
  setAccountStatus:     '401  403  403  403  403  403  403  403  200  403  401  401',
  auditLog:             '401  403  403  403  403  403  403  200  200  403  401  401',
  inspectionSamples:    '401  403  403  403  403  200  403  200  200  403  401  401',
  drawInspectionSample: '401  403  403  403  403  201  403  201  201  403  401  401',
  updateStation:        '401  403  403  403  403  200  403  200  200  403  401  401',
  addVillageRoom:       '401  403  403  403  403  201  403  201  201  403  401  401',
  regions:              '401  403  403  403  403  200  403  200  200  403  401  401',
  posters:              '401  403  403  403  403  200  403  200  200  403  401  401',
  registryExport:       '401  403  403  403  403  200  403  200  200  403  401  401',
  registryTemplate:     '401  403  403  403  403  200  200  200  200  403  401  401',
  registryImport:       '401  403  403  403  403  200  403  200  200  403  401  401',
  registry:             '401  403  403  403  403  200  403  200  200  403  401  401',
  createStaff:          '401  403  403  403  403  201  403  201  201  403  401  401',
  updateStaff:          '401  403  403  403  403  200  403  200  200  403  401  401',
  createAssignment:     '401  403  403  403  403  201  403  201  201  403  401  401',
  updateAssignment:     '401  403  403  403  403  200  403  200  200  403  401  401',
  issueBindingCode:     '401  403  403  403  403  201  403  201  201  403  401  401',
  bindWorker:           '200  200  200  200  200  200  200  200  200  200  200  200',
  workerWechatLogin:    '200  200  200  200  200  200  200  200  200  200  200  200',
  workerRatings:        '401  403  403  200  200  403  403  403  403  403  401  401',
  replyToRating:        '401  403  403  200  404  403  403  403  403  403  401  401',
  appealRating:         '401  403  403  201  404  403  403  403  403  403  401  401',
  appeals:              '401  403  403  403  403  200  403  200  200  403  401  401',
  decideAppeal:         '401  403  403  403  403  200  403  200  200  403  401  401',
  cases:                '401  403  403  403  403  200  403  200  200  403  401  401',
  addCaseStep:          '401  403  403  403  403  200  403  200  200  403  401  401',
  // The call-back number is the county's only: the city and the region above it are refused too.
  caseCallbackPhone:    '401  403  403  403  403  200  403  403  403  403  401  401',
  rateFollowUp:         '401  200  404  403  403  403  403  403  403  403  401  401',
  dashboard:            '401  403  403  403  403  200  403  200  200  403  401  401',
  policy:               '401  403  403  403  403  403  403  200  200  403  401  401',
  setPolicy:            '401  403  403  403  403  403  403  200  403  403  401  401',
  previewPolicy:        '401  403  403  403  403  403  403  200  403  403  401  401',
  assessmentRuns:       '401  403  403  403  403  200  403  200  200  403  401  401',
  assessmentRun:        '401  403  403  403  403  200  403  200  200  403  401  401',
  publishAssessment:    '401  403  403  403  403  403  403  201  403  403  401  401',
  workerStations:       '401  403  403  200  200  403  403  403  403  403  401  401',
  workerPoster:         '401  403  403  200  404  403  403  403  403  403  401  401',
  issueServiceCode:     '401  403  403  201  403  403  403  403  403  403  401  401',
  workerNotifications:  '401  403  403  200  200  403  403  403  403  403  401  401',
  readNotifications:    '401  403  403  200  200  403  403  403  403  403  401  401',
  serviceCode:          '200  200  200  200  200  200  200  200  200  200  200  200',
};

interface Probe {
  method: string;
  path: string;
  json?: unknown;
}

let app: TestApp;
let fake: FakeWechat;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const tokens = new Map<ActorName, string>();
let codeCounter = 0;
let held: HeldSet;
let heldUsed = 0;

/** One request per route that a permitted caller would make; each call makes a fresh one. */
let inspectionDay = 0;
let accountCounter = 0;
let sampleYear = 0;
let renames = 0;
let villages = 0;
let templateBase64 = '';
let maPosting = 0;
/** Binding codes of 刘洋 written straight to the database (issuing one voids the last), one per bind probe. */
const BIND_CODES = [...'ABCDEFGHJKMNPQRS'].map((c) => `MTRXQ2${c}3`);
let binds = 0;
const MATRIX_SERVICE_CODE = 'MatrixServiceCode00001';
/** Counted ratings of 马文清 (a ref each, for replies and appeals) and pending appeals of others of his, made in beforeAll. */
let replyRefs: string[] = [];
let appealRefs: string[] = [];
let pendingAppeals: number[] = [];
let openCaseIds: number[] = [];
let followUpRatingIds: number[] = [];
let provinceRun = 0;
let followUps = 0;
let caseSteps = 0;
let replies = 0;
let appealsMade = 0;
let decisions = 0;
let workerLogins = 0;
let statusFlips = 0;
let staffEdits = 0;
let postings = 0;
let postingEnds = 0;
/** The n-th day from 2040-01-01 on a 28-day month: distinct, valid dates for one-day postings. */
const nthDay = (n: number) =>
  `${2040 + Math.floor(n / 336)}-${String((Math.floor(n / 28) % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;

const PROBES: Record<RouteName, () => Probe> = {
  health: () => ({ method: 'GET', path: '/api/health' }),
  openApi: () => ({ method: 'GET', path: '/api/openapi.json' }),
  wechatLogin: () => ({ method: 'POST', path: '/api/auth/wechat', json: { code: `valid:o-matrix-${++codeCounter}` } }),
  deviceLogin: () => ({ method: 'POST', path: '/api/auth/device', json: { deviceId: `matrix-device-${randomUUID()}` } }),
  passwordLogin: () => ({ method: 'POST', path: '/api/auth/password', json: { username: 'guyuan', password: PASSWORD } }),
  logout: () => ({ method: 'POST', path: '/api/auth/logout' }),
  changePassword: () => ({ method: 'POST', path: '/api/me/password', json: { currentPassword: 'not the password', newPassword: 'a new password 2026' } }),
  myAccount: () => ({ method: 'GET', path: '/api/me/account' }),
  station: () => ({ method: 'GET', path: `/api/stations/${STATIONS.sanying}` }),
  stationQrCode: () => ({ method: 'GET', path: `/api/stations/${STATIONS.sanying}/qrcode` }),
  posterLink: () => ({ method: 'GET', path: `/s/${STATIONS.sanying}` }),
  submitRating: () => ({
    method: 'POST',
    path: '/api/ratings',
    json: {
      clientRequestId: randomUUID(),
      stationCode: STATIONS.sanying,
      staffId: fx.staff.lawyerMa.id,
      serviceType: 'consultation',
      level: 4,
      raterType: 'individual',
    },
  }),
  myRatings: () => ({ method: 'GET', path: '/api/me/ratings' }),
  assessment: () => ({ method: 'GET', path: `/api/assessments/2026?region=${CODES.yuanzhou}` }),
  reviewIncidents: () => ({ method: 'GET', path: `/api/review/incidents?region=${CODES.yuanzhou}` }),
  // A rating on hold in 原州区, a new one each time: countyOut (西吉县) is refused it by the object-level check.
  reviewDecision: () => ({
    method: 'POST',
    path: '/api/review/decisions',
    json: { decision: 'clear', reason: '核实为真实服务', ratingIds: [held.ratingIds[heldUsed++]] },
  }),
  inspections: () => ({ method: 'GET', path: `/api/inspections/2026?region=${CODES.yuanzhou}` }),
  // 三营镇's workstation is in 原州区: countyOut (西吉县) is refused it by the object-level check.
  recordInspection: () => ({
    method: 'PUT',
    path: `/api/stations/${STATIONS.sanying}/inspections/2026`,
    json: {
      exempt: false,
      scores: { standardisation: 18, professionalism: 17, openness: 19, management: 16, informatisation: 15 },
      inspectedOn: `2026-05-${String((++inspectionDay % 28) + 1).padStart(2, '0')}`,
    },
  }),
  accounts: () => ({ method: 'GET', path: `/api/accounts?region=${CODES.yuanzhou}` }),
  createAccount: () => ({
    method: 'POST',
    path: '/api/accounts',
    json: { username: `matrix-new-${++accountCounter}`, role: 'county', region: CODES.yuanzhou },
  }),
  // Accounts of 原州区 made for the probes: the region's bureau may change them, nobody else.
  resetAccountPassword: () => ({ method: 'POST', path: '/api/accounts/reset-target/password-reset' }),
  setAccountStatus: () => ({ method: 'PUT', path: '/api/accounts/status-target/status', json: { disabled: ++statusFlips % 2 === 1, reason: '矩阵测试' } }),
  auditLog: () => ({ method: 'GET', path: `/api/audit?region=${CODES.yuanzhou}` }),
  inspectionSamples: () => ({ method: 'GET', path: `/api/inspections/2026/samples?region=${CODES.yuanzhou}` }),
  // A year of its own each time (one sample per county and year): 原州区 has one village room to draw.
  drawInspectionSample: () => ({
    method: 'POST',
    path: `/api/inspections/${2030 + ++sampleYear}/samples`,
    json: { county: CODES.yuanzhou, size: 1, seed: 'matrix' },
  }),
  // 南关街道's workstation is in 原州区, renamed back and forth: countyOut (西吉县) is refused by the object-level check.
  updateStation: () => ({
    method: 'PATCH',
    path: `/api/stations/${STATIONS.nanguan}`,
    json: { name: `南关街道公共法律服务工作站${++renames}`, reason: '矩阵测试' },
  }),
  // A new village of 三营镇 each time.
  addVillageRoom: () => ({
    method: 'POST',
    path: '/api/stations',
    json: { village: `640402100${300 + ++villages}`, villageName: '矩阵村委会', reason: '矩阵测试' },
  }),
  regions: () => ({ method: 'GET', path: `/api/regions?parent=${CODES.yuanzhou}` }),
  posters: () => ({ method: 'GET', path: `/api/posters?region=${CODES.sanying}&size=A5` }),
  registryExport: () => ({ method: 'GET', path: `/api/registry/export?region=${CODES.yuanzhou}` }),
  registryTemplate: () => ({ method: 'GET', path: '/api/registry/template' }),
  // A dry run of the template for 原州区: countyOut (西吉县) is refused by the jurisdiction rule.
  registryImport: () => ({ method: 'POST', path: '/api/registry/import', json: { region: CODES.yuanzhou, dryRun: true, file: templateBase64 } }),
  registry: () => ({ method: 'GET', path: `/api/registry?county=${CODES.yuanzhou}` }),
  // A mediator of 原州区 each time (no licence to clash): countyOut (西吉县) is refused by the jurisdiction rule.
  createStaff: () => ({
    method: 'POST',
    path: '/api/staff',
    json: { county: CODES.yuanzhou, name: '矩阵调解员', role: 'mediator', organisation: '三营镇人民调解委员会' },
  }),
  // 马文清 of 原州区, his organisation renamed back and forth: countyOut is refused by the object-level check.
  updateStaff: () => ({
    method: 'PATCH',
    path: `/api/staff/${fx.staff.lawyerMa.id}`,
    json: { organisation: `宁夏固原律师事务所${++staffEdits}`, reason: '矩阵测试' },
  }),
  // 李海燕 at 三营镇 for one day, a day of its own each time (postings of one person at one station never overlap).
  createAssignment: () => {
    const day = nthDay(++postings);
    return { method: 'POST', path: '/api/assignments', json: { staffId: fx.staff.lawyerLi.id, station: STATIONS.sanying, fromDate: day, toDate: day } };
  },
  // 马文清's posting at 三营镇, its end moved each time: countyOut is refused by the object-level check.
  updateAssignment: () => ({ method: 'PATCH', path: `/api/assignments/${maPosting}`, json: { toDate: nthDay(++postingEnds + 5000), reason: '矩阵测试' } }),
  // 王建国 of 原州区: countyOut (西吉县) is refused by the object-level check.
  issueBindingCode: () => ({ method: 'POST', path: `/api/staff/${fx.staff.mediatorWang.id}/binding-code` }),
  // Anyone may bind who holds a code (the code is the credential): a fresh one of 刘洋's each time.
  bindWorker: () => ({ method: 'POST', path: '/api/auth/bind', json: { code: BIND_CODES[binds++], username: 'matrix-liu', password: 'matrix password 2026' } }),
  // 刘洋's WeChat, bound in beforeAll: a new wx.login code of it each time.
  workerWechatLogin: () => ({ method: 'POST', path: '/api/auth/worker-wechat', json: { code: `valid:o-matrix-liu:${++workerLogins}` } }),
  workerRatings: () => ({ method: 'GET', path: '/api/worker/ratings?year=2026' }),
  // 马文清's rating: staffB (张秀英) finds no rating of hers by that ref.
  replyToRating: () => ({ method: 'PUT', path: `/api/worker/ratings/${replyRefs[replies++ % replyRefs.length]}/reply`, json: { text: '谢谢您的评价' } }),
  appealRating: () => ({ method: 'POST', path: `/api/worker/ratings/${appealRefs[appealsMade++]}/appeal`, json: { reason: '矩阵测试的申诉理由' } }),
  appeals: () => ({ method: 'GET', path: `/api/appeals?region=${CODES.yuanzhou}` }),
  // A pending appeal of 原州区 each time: countyOut (西吉县) is refused by the object-level check.
  decideAppeal: () => ({ method: 'POST', path: `/api/appeals/${pendingAppeals[decisions++]}/decision`, json: { decision: 'reject', reason: '矩阵测试' } }),
  cases: () => ({ method: 'GET', path: `/api/cases?region=${CODES.yuanzhou}` }),
  // A fresh case (原州区, waiting for 核实) for every actor: a step taken cannot be taken again.
  addCaseStep: () => ({ method: 'POST', path: `/api/cases/${openCaseIds[caseSteps++]}/steps`, json: { step: 'verify', note: '矩阵测试' } }),
  caseCallbackPhone: () => ({ method: 'POST', path: `/api/cases/${openCaseIds[0]}/callback-phone` }),
  // Resident A's 差评, each with its case closed: A rates the fix once each; B is told there is none.
  // 固原市's policy is its city's and the region's to read, its city's alone to set (2025: the year no probe publishes).
  dashboard: () => ({ method: 'GET', path: `/api/dashboard/2026?region=${CODES.yuanzhou}` }),
  policy: () => ({ method: 'GET', path: `/api/policies/2025?region=${CODES.city}` }),
  setPolicy: () => ({ method: 'PUT', path: `/api/policies/2025?region=${CODES.city}`, json: { policy: DEFAULT_POLICY, reason: '矩阵测试' } }),
  previewPolicy: () => ({ method: 'POST', path: `/api/policies/2025/preview?region=${CODES.city}`, json: { policy: { ...DEFAULT_POLICY, bandGood: 90 } } }),
  // The region's 2026 year-end, published in the set-up: read over 原州区.
  assessmentRuns: () => ({ method: 'GET', path: `/api/assessment-runs?year=2026&region=${CODES.yuanzhou}` }),
  assessmentRun: () => ({ method: 'GET', path: `/api/assessment-runs/${provinceRun}?region=${CODES.yuanzhou}` }),
  // 固原市's own 2026 year-end: its city's account alone publishes it (once: the first revision needs no reason).
  publishAssessment: () => ({ method: 'POST', path: '/api/assessment-runs', json: { year: 2026, region: CODES.city } }),
  rateFollowUp: () => ({ method: 'POST', path: `/api/me/ratings/${followUpRatingIds[followUps++]}/follow-up`, json: { verdict: 'basic' } }),
  workerStations: () => ({ method: 'GET', path: '/api/worker/stations' }),
  // 马文清 serves at 三营镇; staffB (张秀英) does not.
  workerPoster: () => ({ method: 'GET', path: `/api/worker/stations/${STATIONS.sanying}/poster?size=A5` }),
  // 马文清 serves at 三营镇 today; 张秀英 does not.
  issueServiceCode: () => ({ method: 'POST', path: '/api/worker/service-codes', json: { station: STATIONS.sanying } }),
  workerNotifications: () => ({ method: 'GET', path: '/api/worker/notifications' }),
  readNotifications: () => ({ method: 'POST', path: '/api/worker/notifications/read', json: { upTo: 1 } }),
  // A code of 马文清's written in beforeAll: reading it does not use it up.
  serviceCode: () => ({ method: 'GET', path: `/api/service-codes/${MATRIX_SERVICE_CODE}` }),
};

const expected = (route: RouteName): Record<ActorName, number> => {
  const cells = MATRIX[route].trim().split(/\s+/).map(Number);
  if (cells.length !== ACTORS.length) throw new Error(`MATRIX.${route} has ${cells.length} cells, not ${ACTORS.length}`);
  return Object.fromEntries(ACTORS.map((a, i) => [a, cells[i]!])) as Record<ActorName, number>;
};

async function login(username: string, password = PASSWORD): Promise<string> {
  const r = await call(app, 'POST', '/api/auth/password', { json: { username, password } });
  expect(r.status).toBe(200);
  return r.body.token as string;
}

/** Residents A and B each keep their device; every login on it is the same resident, with a new session. */
const DEVICES = { resA: `matrix-a-${randomUUID()}`, resB: `matrix-b-${randomUUID()}` };

async function residentToken(who: keyof typeof DEVICES): Promise<string> {
  const r = await call(app, 'POST', '/api/auth/device', { json: { deviceId: DEVICES[who] } });
  expect(r.status).toBe(200);
  return r.body.token as string;
}

/** A fresh token for the actor (logout ends the one it is given, so every cell gets its own). */
async function tokenFor(actor: ActorName): Promise<string | undefined> {
  if (actor === 'anon') return undefined;
  if (actor === 'resA' || actor === 'resB') return residentToken(actor);
  const username = {
    staffA: 'staff-ma',
    staffB: 'staff-zhang',
    countyIn: 'yuanzhou',
    countyOut: 'xiji',
    city: 'guyuan',
    region: 'ningxia',
    initial: 'initial-pw',
  }[actor as string];
  if (username) return login(username);
  return tokens.get(actor);
}

/** As harness.call, but a redirect is an answer to look at, not to follow. */
async function send(probe: Probe, token: string | undefined): Promise<{ status: number; body: { code?: string } }> {
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(probe.json ? { 'content-type': 'application/json' } : {}),
  };
  const res = await fetch(app.url + probe.path, {
    method: probe.method,
    headers,
    body: probe.json ? JSON.stringify(probe.json) : undefined,
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : {} };
}

beforeAll(async () => {
  fake = await startFakeWechat();
  app = await startTestApp({ WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'test-secret', WECHAT_API_BASE: fake.url });
  fx = await seedFixtures(app.db);
  held = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: ACTORS.length + 2 });
  templateBase64 = (await registryTemplate()).body.toString('base64');
  maPosting = (await app.db.assignment.findFirstOrThrow({ where: { staffId: fx.staff.lawyerMa.id, stationId: fx.stations.sanying.id } })).id;
  const liu = fx.staff.yinchuanLawyer.id;
  const codeRow = (code: string) => ({
    codeHash: createHash('sha256').update(code).digest('hex'),
    staffId: liu,
    issuedBy: 'ningxia',
    issuedAt: new Date('2026-06-01T00:00:00Z'),
    expiresAt: new Date('2099-01-01T00:00:00Z'),
  });
  await app.db.serviceCode.create({
    data: {
      codeHash: createHash('sha256').update(MATRIX_SERVICE_CODE).digest('hex'),
      staffId: fx.staff.lawyerMa.id,
      stationId: fx.stations.sanying.id,
      issuedAt: new Date('2026-06-01T00:00:00Z'),
      expiresAt: new Date('2099-01-01T00:00:00Z'),
    },
  });
  const counted = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: 45, serviceDate: '2026-06-14' });
  await app.db.rating.updateMany({ where: { id: { in: counted.ratingIds } }, data: { status: 'valid' } });
  const refs = counted.ratingIds.map((id) => ratingRef(app.config.residentHashKey, id));
  replyRefs = refs.slice(0, 15);
  appealRefs = refs.slice(15, 30);
  pendingAppeals = [];
  for (const ratingId of counted.ratingIds.slice(30)) {
    const appeal = await app.db.appeal.create({
      data: { ratingId, staffId: fx.staff.lawyerMa.id, countyCode: CODES.yuanzhou, reason: '矩阵测试', createdAt: new Date() },
    });
    pendingAppeals.push(appeal.id);
  }
  const bad = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: ACTORS.length + 2, serviceDate: '2026-06-12' });
  openCaseIds = await casesFor(app.db, bad.ratingIds, { phoneKey: app.config.phoneEncryptionKey });
  await residentToken('resA');
  const residentA = await app.db.resident.findUniqueOrThrow({ where: { idHash: residentIdHash(app.config.residentHashKey, 'device', DEVICES.resA) } });
  followUpRatingIds = await closedFollowUps(app.db, {
    residentId: residentA.id,
    station: fx.stations.sanying,
    staffId: fx.staff.lawyerMa.id,
    count: ACTORS.length + 2,
  });
  const published = await call(app, 'POST', '/api/assessment-runs', { token: await login('ningxia'), json: { year: 2026, region: CODES.province } });
  expect(published.status).toBe(201);
  provinceRun = published.body.id;
  await app.db.staffBindingCode.createMany({ data: [...BIND_CODES, 'WECHAT22'].map(codeRow) });
  expect((await call(app, 'POST', '/api/auth/bind', { json: { code: 'WECHAT22', wechatCode: 'valid:o-matrix-liu:0' } })).status).toBe(200);
  const passwordHash = await hashPassword(PASSWORD);
  await app.db.user.create({ data: { username: 'staff-ma', passwordHash, role: 'staff', regionCode: CODES.yuanzhou, staffId: fx.staff.lawyerMa.id } });
  await app.db.user.create({ data: { username: 'staff-zhang', passwordHash, role: 'staff', regionCode: CODES.xiji, staffId: fx.staff.mediatorZhang.id } });
  await app.db.user.create({ data: { username: 'initial-pw', passwordHash, role: 'county', regionCode: CODES.yuanzhou, mustChangePassword: true } });
  await app.db.user.create({ data: { username: 'reset-target', passwordHash, role: 'county', regionCode: CODES.yuanzhou } });
  await app.db.user.create({ data: { username: 'status-target', passwordHash, role: 'county', regionCode: CODES.yuanzhou } });
  await app.db.user.create({ data: { username: 'to-disable', passwordHash, role: 'county', regionCode: CODES.yuanzhou } });
  await app.db.user.create({ data: { username: 'to-delete', passwordHash, role: 'county', regionCode: CODES.yuanzhou } });
  tokens.set('disabled', await login('to-disable'));
  tokens.set('deleted', await login('to-delete'));
  await app.db.user.update({ where: { username: 'to-disable' }, data: { disabledAt: new Date() } });
  await app.db.user.delete({ where: { username: 'to-delete' } });
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

it('has one row and one probe for every route of the contract, and nothing else', () => {
  expect(Object.keys(MATRIX).sort()).toEqual([...ROUTE_NAMES].sort());
  expect(Object.keys(PROBES).sort()).toEqual([...ROUTE_NAMES].sort());
  for (const route of ROUTE_NAMES) expect(() => expected(route)).not.toThrow();
});

describe.each(ROUTE_NAMES.map((r) => [r]))('%s', (route) => {
  it.each(ACTORS.map((a) => [a, expected(route)[a]] as const))('as %s answers %i', async (actor, status) => {
    const r = await send(PROBES[route](), await tokenFor(actor));
    expect({ actor, status: r.status }).toEqual({ actor, status });
    if (status === 401) expect(r.body.code).toBe('unauthorized');
    if (status === 403) expect(r.body.code).toBe('forbidden');
  });
});

describe('object-level checks', () => {
  it('when resident A has rated, then resident B neither lists nor edits that rating', async () => {
    const a = await residentToken('resA');
    const b = await residentToken('resB');
    const body = { ...(PROBES.submitRating().json as object), staffId: fx.staff.mediatorWang.id, level: 2, reasonCode: 'slow', callbackPhone: '13812345678' };
    const made = await call(app, 'POST', '/api/ratings', { token: a, json: body });
    expect(made.status).toBe(201);
    const listB = await call(app, 'GET', '/api/me/ratings', { token: b });
    expect(listB.body.ratings.map((r: { id: number }) => r.id)).not.toContain(made.body.id);
    // B replaying A's request id with A's body makes B's own rating; A's stays as it was.
    const replay = await call(app, 'POST', '/api/ratings', { token: b, json: { ...body, level: 5, reasonCode: undefined, callbackPhone: undefined } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).not.toBe(made.body.id);
    const listA = await call(app, 'GET', '/api/me/ratings', { token: a });
    expect(listA.body.ratings.find((r: { id: number }) => r.id === made.body.id)).toMatchObject({ level: 2, callbackPhone: '138****5678' });
  });

  it.each([
    ['the region', CODES.province, 403],
    ['its city', CODES.city, 403],
    ['another county of its city', CODES.xiji, 403],
    ['a township of another county', CODES.jiqiang, 403],
    ['another city', CODES.otherCity, 403],
    ['a county of another city', CODES.xingqing, 403],
    ['its own county', CODES.yuanzhou, 200],
    ['a township of its own county (year-ends are per county and above)', CODES.sanying, 400],
  ])('when a county asks for the year-end of %s (%s), then %i', async (_what, region, status) => {
    const token = await login('yuanzhou');
    for (const format of ['json', 'csv', 'xlsx']) {
      const r = await call(app, 'GET', `/api/assessments/2026?region=${region}&format=${format}`, { token });
      expect({ format, status: r.status }).toEqual({ format, status });
    }
  });

  it('when a worker asks for the year-end of their own county, then 403: workers see their own ratings only', async () => {
    const r = await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token: await login('staff-ma') });
    expect(r.status).toBe(403);
  });
});
