/**
 * The routes the resident's mini-program calls, declared here so that its first page loads only
 * these and their schemas (routes.ts gathers them with the rest into CONTRACT, in its order).
 */
import { z } from 'zod';
import {
  DeviceLoginInputSchema,
  OwnRatingListSchema,
  OwnRatingSchema,
  RatingInputSchema,
  ResidentSessionSchema,
  StationCodeSchema,
  StationViewSchema,
  WechatLoginInputSchema,
} from '../schemas';
import { defineRoute } from './define';

export const anonymous = { kind: 'anonymous' } as const;
export const STATION_PARAMS = z.object({ code: StationCodeSchema });

export const RESIDENT_ROUTES = {
  wechatLogin: defineRoute({
    method: 'POST',
    path: '/api/auth/wechat',
    summary: '微信登录 Resident login with a wx.login code',
    tag: 'auth',
    access: anonymous,
    body: WechatLoginInputSchema,
    response: { status: 200, schema: ResidentSessionSchema, description: 'Resident session' },
    errors: ['forbidden', 'rate_limited', 'upstream_unavailable', 'not_configured'],
  }),
  deviceLogin: defineRoute({
    method: 'POST',
    path: '/api/auth/device',
    summary: '网页(H5)登录 Resident login by device id, when enabled',
    tag: 'auth',
    access: anonymous,
    body: DeviceLoginInputSchema,
    response: { status: 200, schema: ResidentSessionSchema, description: 'Resident session' },
    errors: ['forbidden', 'rate_limited'],
  }),
  station: defineRoute({
    method: 'GET',
    path: '/api/stations/:code',
    summary: '站点及在岗人员 Station, its place and who serves there today',
    tag: 'stations',
    access: anonymous,
    params: STATION_PARAMS,
    labels: { params: '站点编码' },
    response: { status: 200, schema: StationViewSchema, description: 'Station' },
    errors: ['not_found'],
  }),
  submitRating: defineRoute({
    method: 'POST',
    path: '/api/ratings',
    summary: '提交评价 Rate a staff member; idempotent on clientRequestId; a second rating of the same person the same day edits the first',
    tag: 'ratings',
    access: { kind: 'resident' },
    body: RatingInputSchema,
    labels: { body: '评价' },
    response: { status: 201, schema: OwnRatingSchema, description: 'Created (200 when it edited the same day’s rating or replayed a retry)' },
    errors: ['not_found', 'conflict', 'rate_limited'],
    private: true,
  }),
  myRatings: defineRoute({
    method: 'GET',
    path: '/api/me/ratings',
    summary: '我的评价 My ratings, newest first',
    tag: 'ratings',
    access: { kind: 'resident' },
    response: { status: 200, schema: OwnRatingListSchema, description: 'Ratings' },
    errors: [],
    private: true,
  }),
};
