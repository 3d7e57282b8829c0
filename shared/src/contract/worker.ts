/**
 * The routes the workers' pages (the mini-program's staff/ subpackage) call, declared apart so that
 * the subpackage loads only these and their schemas, as the console does with console.ts.
 */
import {
  AccountSessionSchema,
  AppealInputSchema,
  BindInputSchema,
  RatingRefParamsSchema,
  ReplyInputSchema,
  ReplySchema,
  WechatLoginInputSchema,
  WorkerAppealSchema,
  WorkerRatingsQuerySchema,
  WorkerRatingsSchema,
} from '../schemas';
import { defineRoute } from './define';
import { anonymous } from './resident';

export const WORKER_ROUTES = {
  bindWorker: defineRoute({
    method: 'POST',
    path: '/api/auth/bind',
    summary:
      '绑定 A worker binds with the one-time code their bureau issued: their WeChat (wechatCode from wx.login) or, in a browser, a username and password of their choosing',
    tag: 'auth',
    access: anonymous,
    body: BindInputSchema,
    labels: { body: '绑定' },
    response: { status: 200, schema: AccountSessionSchema, description: 'The worker’s session (kind staff)' },
    errors: ['unauthorized', 'forbidden', 'conflict', 'rate_limited', 'not_configured', 'upstream_unavailable'],
    private: true,
  }),
  workerWechatLogin: defineRoute({
    method: 'POST',
    path: '/api/auth/worker-wechat',
    summary: '服务人员微信登录 The silent login of a worker whose WeChat is bound',
    tag: 'auth',
    access: anonymous,
    body: WechatLoginInputSchema,
    labels: { body: '登录' },
    response: { status: 200, schema: AccountSessionSchema, description: 'The worker’s session (kind staff)' },
    errors: ['unauthorized', 'forbidden', 'rate_limited', 'not_configured', 'upstream_unavailable'],
    private: true,
  }),
  workerRatings: defineRoute({
    method: 'GET',
    path: '/api/worker/ratings',
    summary:
      '我的评价(服务人员) The signed-in worker’s ratings of a year: the year-end’s score for them, by month, level and dimension, and each rating without anything that tells who rated',
    tag: 'worker',
    access: { kind: 'staff' },
    query: WorkerRatingsQuerySchema,
    labels: { query: '查询参数' },
    response: { status: 200, schema: WorkerRatingsSchema, description: 'Summary and ratings' },
    errors: ['not_found'],
    private: true,
  }),
  replyToRating: defineRoute({
    method: 'PUT',
    path: '/api/worker/ratings/:ref/reply',
    summary: '回复评价 The worker’s one reply to a rating of theirs (editable for a day); the resident reads it under 我的评价',
    tag: 'worker',
    access: { kind: 'staff' },
    params: RatingRefParamsSchema,
    body: ReplyInputSchema,
    labels: { params: '评价编号', body: '回复' },
    response: { status: 200, schema: ReplySchema, description: 'The reply as kept' },
    errors: ['not_found', 'conflict'],
    private: true,
  }),
  appealRating: defineRoute({
    method: 'POST',
    path: '/api/worker/ratings/:ref/appeal',
    summary: '申诉 The worker appeals a counted rating of theirs, once, within the policy’s window (default 30 days); the county bureau decides',
    tag: 'worker',
    access: { kind: 'staff' },
    params: RatingRefParamsSchema,
    body: AppealInputSchema,
    labels: { params: '评价编号', body: '申诉' },
    response: { status: 201, schema: WorkerAppealSchema, description: 'The appeal, pending' },
    errors: ['not_found', 'conflict'],
    private: true,
  }),
} as const;
