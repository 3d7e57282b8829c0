/**
 * Every endpoint of the API, declared once. Adding an endpoint is one entry here and one handler in
 * the server (server/src/http/routes.ts maps each entry to its handler, and the type checker refuses
 * a missing one); the authorization-matrix test refuses an entry without its row.
 */
import { z } from 'zod';
import { HealthSchema } from '../schemas';
import { defineRoute, type RouteContract } from './define';
import { CONSOLE_ROUTES } from './console';
import { WORKER_ROUTES } from './worker';
import { SERVICE_CODE_ROUTES } from './service-code';
import { FOLLOW_UP_ROUTES } from './follow-up';
import { RESIDENT_ROUTES, STATION_PARAMS, anonymous } from './resident';

export const CONTRACT = {
  health: defineRoute({
    method: 'GET',
    path: '/api/health',
    summary: '健康检查 Health check',
    tag: 'system',
    access: anonymous,
    response: { status: 200, schema: HealthSchema, description: 'Up, database reachable' },
    errors: ['internal'],
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    summary: '本文档 This document',
    tag: 'system',
    access: anonymous,
    response: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'OpenAPI 3.0 document' },
    errors: [],
  }),
  wechatLogin: RESIDENT_ROUTES.wechatLogin,
  deviceLogin: RESIDENT_ROUTES.deviceLogin,
  passwordLogin: CONSOLE_ROUTES.passwordLogin,
  logout: CONSOLE_ROUTES.logout,
  changePassword: CONSOLE_ROUTES.changePassword,
  myAccount: CONSOLE_ROUTES.myAccount,
  station: RESIDENT_ROUTES.station,
  stationQrCode: defineRoute({
    method: 'GET',
    path: '/api/stations/:code/qrcode',
    summary: '站点二维码 QR code (SVG), or a mini-program code (PNG) when WeChat is configured',
    tag: 'stations',
    access: anonymous,
    params: STATION_PARAMS,
    labels: { params: '站点编码' },
    response: { status: 200, contentTypes: ['image/svg+xml', 'image/png'], description: 'Image' },
    errors: ['not_found', 'upstream_unavailable', 'rate_limited'],
  }),
  posterLink: defineRoute({
    method: 'GET',
    path: '/s/:code',
    summary:
      '海报短链接 The link on a station poster: the H5 app with the station (name, place, people) already in the page; a damaged or unknown code too (the app explains)',
    tag: 'stations',
    access: anonymous,
    params: z.object({ code: z.string() }),
    // A worker's service code (issue 12, part 5): the page opens the rating page with them chosen instead.
    query: z.object({ sc: z.string().optional() }),
    labels: { query: '查询参数' },
    response: {
      status: 200,
      contentTypes: ['text/html'],
      description: 'The H5 page, which moves itself to /#/pages/station/index?code=… (with a well-formed sc, to /#/pages/rate/index?code=…&sc=…)',
    },
    errors: [],
  }),
  submitRating: RESIDENT_ROUTES.submitRating,
  myRatings: RESIDENT_ROUTES.myRatings,
  rateFollowUp: FOLLOW_UP_ROUTES.rateFollowUp,
  assessment: CONSOLE_ROUTES.assessment,
  reviewIncidents: CONSOLE_ROUTES.reviewIncidents,
  reviewDecision: CONSOLE_ROUTES.reviewDecision,
  inspections: CONSOLE_ROUTES.inspections,
  recordInspection: CONSOLE_ROUTES.recordInspection,
  accounts: CONSOLE_ROUTES.accounts,
  createAccount: CONSOLE_ROUTES.createAccount,
  resetAccountPassword: CONSOLE_ROUTES.resetAccountPassword,
  setAccountStatus: CONSOLE_ROUTES.setAccountStatus,
  inspectionSamples: CONSOLE_ROUTES.inspectionSamples,
  drawInspectionSample: CONSOLE_ROUTES.drawInspectionSample,
  updateStation: CONSOLE_ROUTES.updateStation,
  addVillageRoom: CONSOLE_ROUTES.addVillageRoom,
  regions: CONSOLE_ROUTES.regions,
  posters: CONSOLE_ROUTES.posters,
  registryExport: CONSOLE_ROUTES.registryExport,
  registryTemplate: CONSOLE_ROUTES.registryTemplate,
  registryImport: CONSOLE_ROUTES.registryImport,
  registry: CONSOLE_ROUTES.registry,
  createStaff: CONSOLE_ROUTES.createStaff,
  updateStaff: CONSOLE_ROUTES.updateStaff,
  createAssignment: CONSOLE_ROUTES.createAssignment,
  updateAssignment: CONSOLE_ROUTES.updateAssignment,
  issueBindingCode: CONSOLE_ROUTES.issueBindingCode,
  bindWorker: WORKER_ROUTES.bindWorker,
  workerWechatLogin: WORKER_ROUTES.workerWechatLogin,
  workerRatings: WORKER_ROUTES.workerRatings,
  replyToRating: WORKER_ROUTES.replyToRating,
  appealRating: WORKER_ROUTES.appealRating,
  workerStations: WORKER_ROUTES.workerStations,
  workerPoster: WORKER_ROUTES.workerPoster,
  workerNotifications: WORKER_ROUTES.workerNotifications,
  readNotifications: WORKER_ROUTES.readNotifications,
  issueServiceCode: WORKER_ROUTES.issueServiceCode,
  serviceCode: SERVICE_CODE_ROUTES.serviceCode,
  appeals: CONSOLE_ROUTES.appeals,
  decideAppeal: CONSOLE_ROUTES.decideAppeal,
  cases: CONSOLE_ROUTES.cases,
  addCaseStep: CONSOLE_ROUTES.addCaseStep,
  caseCallbackPhone: CONSOLE_ROUTES.caseCallbackPhone,
  dashboard: CONSOLE_ROUTES.dashboard,
  policy: CONSOLE_ROUTES.policy,
  setPolicy: CONSOLE_ROUTES.setPolicy,
  previewPolicy: CONSOLE_ROUTES.previewPolicy,
  assessmentRuns: CONSOLE_ROUTES.assessmentRuns,
  assessmentRun: CONSOLE_ROUTES.assessmentRun,
  publishAssessment: CONSOLE_ROUTES.publishAssessment,
  auditLog: CONSOLE_ROUTES.auditLog,
} as const;

export type Contract = typeof CONTRACT;
export type RouteName = keyof Contract;
export const ROUTE_NAMES = Object.keys(CONTRACT) as RouteName[];

/** Every entry with its name, typed as the general contract shape (for the router, docs and tests). */
export const ROUTES: readonly { name: RouteName; route: RouteContract }[] = ROUTE_NAMES.map((name) => ({ name, route: CONTRACT[name] }));
