/**
 * The routes the bureau console (the mini-program's bureau/ subpackage) calls, declared here so that
 * it loads only these and their schemas (routes.ts gathers them with the rest into CONTRACT, in its
 * order). Every schema the console builds also shapes the zod code the resident's main package
 * carries: the whole contract would add ten kilobytes to it.
 */
import { z } from 'zod';
import {
  AccountSchema,
  AccountSessionSchema,
  AssessmentQuerySchema,
  AssessmentSchema,
  ChangePasswordInputSchema,
  InspectedStationSchema,
  InspectionInputSchema,
  InspectionListSchema,
  InspectionQuerySchema,
  PasswordLoginInputSchema,
  StationCodeSchema,
  YearSchema,
} from '../schemas';
import { defineRoute } from './define';
import { anonymous } from './resident';

export const CONSOLE_ROUTES = {
  passwordLogin: defineRoute({
    method: 'POST',
    path: '/api/auth/password',
    summary: '账号登录 Bureau or worker login with a password',
    tag: 'auth',
    access: anonymous,
    body: PasswordLoginInputSchema,
    response: { status: 200, schema: AccountSessionSchema, description: 'Bureau (kind user) or worker (kind staff) session' },
    errors: ['unauthorized', 'forbidden', 'rate_limited'],
    private: true,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    summary: '退出登录 Log out: this token is refused from now on',
    tag: 'auth',
    access: { kind: 'session' },
    response: { status: 204, description: 'Logged out' },
    errors: [],
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/me/password',
    summary: '修改密码 Change my password: every session of the account ends, a new one is returned',
    tag: 'auth',
    access: { kind: 'account' },
    body: ChangePasswordInputSchema,
    labels: { body: '修改密码' },
    response: { status: 200, schema: AccountSessionSchema, description: 'A new session; every older token is refused' },
    errors: [],
    private: true,
  }),
  myAccount: defineRoute({
    method: 'GET',
    path: '/api/me/account',
    summary: '我的账号 The signed-in bureau or worker account',
    tag: 'auth',
    access: { kind: 'account' },
    response: { status: 200, schema: AccountSchema, description: 'Account' },
    errors: [],
    private: true,
  }),
  assessment: defineRoute({
    method: 'GET',
    path: '/api/assessments/:year',
    summary: '年终考核 Year-end scores of a region (JSON, CSV or xlsx)',
    tag: 'assessments',
    access: { kind: 'bureau', jurisdiction: { in: 'query', key: 'region' } },
    params: z.object({ year: YearSchema }),
    query: AssessmentQuerySchema,
    labels: { params: '年份', query: '查询参数' },
    response: {
      status: 200,
      schema: AssessmentSchema,
      contentTypes: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      description: 'Assessment',
    },
    errors: ['bad_request', 'not_found', 'server_busy'],
    private: true,
  }),
  inspections: defineRoute({
    method: 'GET',
    path: '/api/inspections/:year',
    summary: '验收记录 The township workstations of a region with the year’s inspection of each (null: 未验收)',
    tag: 'inspections',
    access: { kind: 'bureau', jurisdiction: { in: 'query', key: 'region' } },
    params: z.object({ year: YearSchema }),
    query: InspectionQuerySchema,
    labels: { params: '年份', query: '查询参数' },
    response: { status: 200, schema: InspectionListSchema, description: 'Stations and their inspections' },
    errors: ['not_found'],
    private: true,
  }),
  recordInspection: defineRoute({
    method: 'PUT',
    path: '/api/stations/:code/inspections/:year',
    summary: '录入验收 Record or correct a township workstation’s inspection for the year (five aspects, or 暂不参评 with a reason); audited',
    tag: 'inspections',
    access: { kind: 'bureau' },
    params: z.object({ code: StationCodeSchema, year: YearSchema }),
    body: InspectionInputSchema,
    labels: { params: '站点和年份', body: '验收' },
    response: { status: 200, schema: InspectedStationSchema, description: 'The station with its inspection as recorded' },
    errors: ['not_found', 'conflict'],
    private: true,
  }),
} as const;
