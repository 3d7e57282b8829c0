/**
 * The OpenAPI 3.0 document, generated from the shared zod schemas (z.toJSONSchema), served at
 * /api/openapi.json and written to docs/openapi.json by `npm run openapi`. The route table below is
 * the list of endpoints; a test checks it against the routes the app really has.
 */
import { z } from 'zod';
import {
  AssessmentQuerySchema,
  AssessmentSchema,
  DeviceLoginInputSchema,
  ErrorBodySchema,
  HealthSchema,
  OwnRatingListSchema,
  OwnRatingSchema,
  PasswordLoginInputSchema,
  RatingInputSchema,
  ResidentSessionSchema,
  StationViewSchema,
  UserSessionSchema,
  WechatLoginInputSchema,
} from '@plsr/shared/schemas';

interface RouteDoc {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  auth?: 'resident' | 'user';
  params?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: number; schema?: z.ZodType; contentTypes?: string[]; description: string };
  errors: number[];
}

export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/health', summary: '健康检查 Health check', tag: 'system', ok: { status: 200, schema: HealthSchema, description: 'Up, database reachable' }, errors: [500] },
  { method: 'get', path: '/api/openapi.json', summary: '本文档 This document', tag: 'system', ok: { status: 200, description: 'OpenAPI 3.0 document' }, errors: [] },
  { method: 'post', path: '/api/auth/wechat', summary: '微信登录 Resident login with a wx.login code', tag: 'auth', body: WechatLoginInputSchema, ok: { status: 200, schema: ResidentSessionSchema, description: 'Resident session' }, errors: [400, 403, 429, 503] },
  { method: 'post', path: '/api/auth/device', summary: '网页(H5)登录 Resident login by device id, when enabled', tag: 'auth', body: DeviceLoginInputSchema, ok: { status: 200, schema: ResidentSessionSchema, description: 'Resident session' }, errors: [400, 403] },
  { method: 'post', path: '/api/auth/password', summary: '司法局账号登录 Bureau login', tag: 'auth', body: PasswordLoginInputSchema, ok: { status: 200, schema: UserSessionSchema, description: 'User session' }, errors: [400, 401] },
  { method: 'get', path: '/api/stations/{code}', summary: '站点及在岗人员 Station, its place and who serves there today', tag: 'stations', params: { code: 'Station code (QR scene), e.g. T640402001' }, ok: { status: 200, schema: StationViewSchema, description: 'Station' }, errors: [400, 404] },
  { method: 'get', path: '/api/stations/{code}/qrcode', summary: '站点二维码 QR code (SVG), or a mini-program code (PNG) when WeChat is configured', tag: 'stations', params: { code: 'Station code' }, ok: { status: 200, contentTypes: ['image/svg+xml', 'image/png'], description: 'Image' }, errors: [400, 404, 503] },
  { method: 'post', path: '/api/ratings', summary: '提交评价 Rate a staff member; idempotent on clientRequestId; a second rating of the same person the same day edits the first', tag: 'ratings', auth: 'resident', body: RatingInputSchema, ok: { status: 201, schema: OwnRatingSchema, description: 'Created (200 when it edited the same day’s rating or replayed a retry)' }, errors: [400, 401, 403, 404, 409, 413] },
  { method: 'get', path: '/api/me/ratings', summary: '我的评价 My ratings, newest first', tag: 'ratings', auth: 'resident', ok: { status: 200, schema: OwnRatingListSchema, description: 'Ratings' }, errors: [401, 403] },
  { method: 'get', path: '/api/assessments/{year}', summary: '年终考核 Year-end scores of a region (JSON, CSV or xlsx)', tag: 'assessments', auth: 'user', params: { year: 'Calendar year (Asia/Shanghai)' }, query: AssessmentQuerySchema, ok: { status: 200, schema: AssessmentSchema, contentTypes: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], description: 'Assessment' }, errors: [400, 401, 403, 404] },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });

const ERROR_TEXT: Record<number, string> = {
  400: '输入有误 Invalid input', 401: '未登录或登录失效 Not logged in', 403: '无权限 Forbidden', 404: '不存在 Not found',
  409: '冲突 Conflict', 413: '请求过大 Payload too large', 429: '过于频繁 Rate limited', 500: '服务器错误 Internal error', 503: '上游不可用或未配置 Upstream unavailable',
};

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const parameters = [
      ...Object.entries(r.params ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
      ...Object.entries((jsonSchema(r.query ?? z.object({}), 'input').properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: ((jsonSchema(r.query!, 'input').required as string[] | undefined) ?? []).includes(name),
        schema,
      })),
    ];
    const okContent = Object.fromEntries(
      (r.ok.contentTypes ?? (r.ok.schema ? ['application/json'] : [])).map((t) => [t, t === 'application/json' && r.ok.schema ? { schema: jsonSchema(r.ok.schema, 'output') } : {}]),
    );
    paths[r.path] = {
      ...paths[r.path],
      [r.method]: {
        summary: r.summary,
        tags: [r.tag],
        ...(r.auth ? { security: [{ bearer: [] }], description: `Requires a ${r.auth} token (Authorization: Bearer …).` } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
        responses: {
          [r.ok.status]: { description: r.ok.description, ...(Object.keys(okContent).length ? { content: okContent } : {}) },
          ...Object.fromEntries(r.errors.map((s) => [s, { $ref: `#/components/responses/E${s}` }])),
        },
      },
    };
  }
  const usedErrors = [...new Set(ROUTES.flatMap((r) => r.errors))].sort();
  return {
    openapi: '3.0.3',
    info: {
      title: '公共法律服务评价 API',
      version: '0.1.0',
      description: 'Residents rate public legal services; bureaus pull year-end scores. Errors are always {code, message, details?} with a Chinese message safe to show.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(ErrorBodySchema, 'output') },
      responses: Object.fromEntries(
        usedErrors.map((s) => [`E${s}`, { description: ERROR_TEXT[s] ?? String(s), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
      ),
    },
  };
}
