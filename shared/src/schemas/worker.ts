/**
 * The workers' side (issue 12): a bureau's one-time binding code, the worker binding their WeChat (or
 * an H5 password) with it, and their own ratings. A module of its own: the resident's pages load
 * stations.ts and ratings.ts, and every schema built there would be carried by them too.
 *
 * What a worker sees of a rating, and why (BRIEF: "never who rated and nothing that singles a rater
 * out"): level, dimensions, reason, comment, service type, station and service date. Never the
 * resident, the rater type (a company at a village room is one of very few), the time of day, the
 * rating's id or its place in the order of submission (a worker who served two people that morning
 * could tell them apart), nor whether it came through a service code (a worker knows whom they
 * showed a code to). A rating is named by `ref`, an opaque keyed hash, and the list is ordered by
 * service date and then by ref, which carries no order.
 */
import { z } from 'zod';
import {
  APPEAL_STATUSES,
  BAD_REVIEW_REASONS,
  NOTIFICATION_KINDS,
  BANDS,
  SERVICE_TYPES,
  STAFF_ROLES,
  STAFF_ROW_STATUSES,
  STATION_STATUSES,
  STATION_TIERS,
} from '../vocabulary';
import { noNul, NUL_MESSAGE, StationCodeSchema } from './common';
import { RatingDimensionsSchema } from './ratings';
import { POSTER_SIZES } from './station-admin';
import { NEW_PASSWORD_MAX, NEW_PASSWORD_MIN, UsernameSchema } from './accounts';

/** 8 characters of BINDING_CODE_ALPHABET, shown as two groups of four (K7QX-M3RT). */
export const BINDING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Issued by the bureau for one person: shown once, works once, until it expires. */
export const BindingCodeSchema = z.object({
  code: z.string(),
  expiresAt: z.string(),
  staff: z.object({ id: z.number().int(), name: z.string() }),
});
export type BindingCode = z.infer<typeof BindingCodeSchema>;

/**
 * The worker binds: in the mini-program with `wechatCode` (wx.login); in a browser by choosing a
 * username and a password. Case, spaces and the dash of the code do not matter.
 */
export const BindInputSchema = z
  .strictObject({
    code: z.string({ error: '请填写绑定码' }).regex(/^\s*[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}\s*$/, { error: '绑定码为 8 位字母和数字,如 K7QX-M3RT' }),
    wechatCode: z.string({ error: '缺少微信登录凭证 code' }).min(1, { error: '缺少微信登录凭证 code' }).max(128, { error: '微信登录凭证过长' }).optional(),
    username: UsernameSchema.optional(),
    password: z
      .string({ error: '请设置密码' })
      .min(NEW_PASSWORD_MIN, { error: `密码至少 ${NEW_PASSWORD_MIN} 位` })
      .max(NEW_PASSWORD_MAX, { error: `密码不能超过 ${NEW_PASSWORD_MAX} 位` })
      .optional(),
  })
  .refine((b) => (b.wechatCode !== undefined) !== (b.username !== undefined && b.password !== undefined), {
    error: '在微信中绑定,或设置用户名和密码,二者选一',
    path: ['username'],
  });
export type BindInput = z.infer<typeof BindInputSchema>;

export const WorkerRatingsQuerySchema = z.object({
  year: z
    .string({ error: '年份应为四位数字' })
    .regex(/^\d{4}$/, { error: '年份应为四位数字' })
    .transform(Number)
    .pipe(z.number().min(2018, { error: '年份不能早于 2018' }).max(2100, { error: '年份不能晚于 2100' })),
});

const dimension = z.object({ mean: z.number().nullable(), ratings: z.number().int() });

export const ReplySchema = z.object({ text: z.string(), createdAt: z.string(), editableUntil: z.string() });
export type Reply = z.infer<typeof ReplySchema>;

/** The worker's appeal of a rating as they see it, with the bureau's answer. */
export const WorkerAppealSchema = z.object({
  status: z.enum(APPEAL_STATUSES),
  reason: z.string(),
  evidence: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type WorkerAppeal = z.infer<typeof WorkerAppealSchema>;

/** One rating as the rated worker sees it (see the module's comment for what is left out). */
export const WorkerRatingSchema = z.object({
  /** Opaque, stable: names the rating for a reply or an appeal. */
  ref: z.string(),
  level: z.number().int(),
  dimensions: RatingDimensionsSchema,
  reasonCode: z.enum(BAD_REVIEW_REASONS).nullable(),
  reasonText: z.string().nullable(),
  comment: z.string().nullable(),
  serviceType: z.enum(SERVICE_TYPES),
  station: z.object({ code: z.string(), name: z.string() }),
  serviceDate: z.string(),
  /** false: excluded by the bureau (an upheld appeal, or judged not genuine); kept, never counted. */
  counted: z.boolean(),
  /** The worker's reply, which the resident reads under 我的评价; editable until editableUntil. */
  reply: ReplySchema.nullable(),
  /** The worker's appeal of it and its outcome. */
  appeal: WorkerAppealSchema.nullable(),
  /** The last moment an appeal may be made (the policy's window); null: no longer, or not this one. */
  appealableUntil: z.string().nullable(),
});
export type WorkerRating = z.infer<typeof WorkerRatingSchema>;

export const WorkerRatingsSchema = z.object({
  year: z.number().int(),
  staff: z.object({ id: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES) }),
  /** The year-end's own row for this person, computed by the same function (scoreStaff). */
  summary: z.object({
    ratings: z.number().int(),
    score: z.number().nullable(),
    band: z.enum(BANDS).nullable(),
    status: z.enum(STAFF_ROW_STATUSES),
    meanPoints: z.number().nullable(),
    satisfactionRate: z.number().nullable(),
    badReviews: z.number().int(),
    /** The city's mean for the role (C), against which a small sample is weighed. */
    prior: z.number().nullable(),
    /** Fewer counted ratings than this: 样本不足. */
    minRatings: z.number().int(),
  }),
  /** Counted ratings per month, January first. */
  months: z.array(z.object({ month: z.number().int(), ratings: z.number().int(), meanPoints: z.number().nullable() })),
  /** Counted ratings per level, 5 (非常满意) first. */
  levels: z.array(z.object({ level: z.number().int(), ratings: z.number().int() })),
  dimensions: z.object({ attitude: dimension, competence: dimension, efficiency: dimension }),
  /** Counted and excluded ratings of the year, newest service date first. */
  ratings: z.array(WorkerRatingSchema),
});
export type WorkerRatings = z.infer<typeof WorkerRatingsSchema>;

/** A rating's ref in a path. */
export const RatingRefParamsSchema = z.object({ ref: z.string({ error: '缺少评价编号' }).regex(/^[0-9a-f]{20}$/, { error: '评价编号格式不正确' }) });

export const REPLY_MAX = 300;
export const ReplyInputSchema = z.strictObject({
  text: z
    .string({ error: '请填写回复' })
    .trim()
    .min(1, { error: '请填写回复' })
    .max(REPLY_MAX, { error: `回复不能超过 ${REPLY_MAX} 字` })
    .refine(noNul, { error: `回复${NUL_MESSAGE}` }),
});
export type ReplyInput = z.infer<typeof ReplyInputSchema>;

export const APPEAL_REASON_MAX = 500;
export const APPEAL_EVIDENCE_MAX = 1000;
export const AppealInputSchema = z.strictObject({
  reason: z
    .string({ error: '请填写申诉理由' })
    .trim()
    .min(5, { error: '申诉理由至少 5 个字' })
    .max(APPEAL_REASON_MAX, { error: `申诉理由不能超过 ${APPEAL_REASON_MAX} 字` })
    .refine(noNul, { error: `申诉理由${NUL_MESSAGE}` }),
  /** What supports it, as text (e.g. 当日值班记录显示本人不在岗). */
  evidence: z
    .string({ error: '证据说明应为文字' })
    .trim()
    .max(APPEAL_EVIDENCE_MAX, { error: `证据说明不能超过 ${APPEAL_EVIDENCE_MAX} 字` })
    .refine(noNul, { error: `证据说明${NUL_MESSAGE}` })
    .optional(),
});
export type AppealInput = z.infer<typeof AppealInputSchema>;

/** A station the worker serves at (now or from a later date), for 我的站点: its code and poster. */
export const WorkerStationSchema = z.object({
  code: z.string(),
  name: z.string(),
  tier: z.enum(STATION_TIERS),
  status: z.enum(STATION_STATUSES),
  /** County and township, e.g. 原州区 三营镇. */
  place: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});
export type WorkerStation = z.infer<typeof WorkerStationSchema>;
export const WorkerStationListSchema = z.object({ stations: z.array(WorkerStationSchema) });

export const WorkerPosterParamsSchema = z.object({ code: StationCodeSchema });
export const WorkerPosterQuerySchema = z.object({ size: z.enum(POSTER_SIZES, { error: '纸张只能是 A4 或 A5' }).default('A4') });

/** A service code asked for by the worker, for someone just served at one of their stations. */
export const ServiceCodeInputSchema = z.strictObject({
  station: StationCodeSchema,
  /** The service given, chosen for the resident; omitted: they choose it. */
  serviceType: z.enum(SERVICE_TYPES, { error: '服务事项无效' }).optional(),
});
export type ServiceCodeInput = z.infer<typeof ServiceCodeInputSchema>;

/** Shown once on the worker's phone as a QR of `link` (or printed on a slip). */
export const ServiceCodeSchema = z.object({
  code: z.string(),
  link: z.string(),
  /** The link as a QR image (data:image/png;base64,…), for the worker's phone to show. */
  qr: z.string(),
  expiresAt: z.string(),
  station: z.object({ code: z.string(), name: z.string() }),
  serviceType: z.enum(SERVICE_TYPES).nullable(),
});
export type ServiceCode = z.infer<typeof ServiceCodeSchema>;

/** A worker's notices, newest first (the latest 50), and the templates the mini-program asks them to allow. */
export const WorkerNotificationsSchema = z.object({
  unread: z.number().int(),
  notifications: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(NOTIFICATION_KINDS),
      text: z.string(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
  /** For wx.requestSubscribeMessage; empty when the operator configured no template (in-app only). */
  subscribeTemplateIds: z.array(z.string()),
});
export type WorkerNotifications = z.infer<typeof WorkerNotificationsSchema>;

export const NotificationsReadInputSchema = z.strictObject({
  /** Every notice up to this id (the newest the worker saw) is read. */
  upTo: z
    .number({ error: '请给出已读到的通知' })
    .int({ error: '通知编号无效' })
    .min(1, { error: '通知编号无效' })
    .max(2_147_483_647, { error: '通知编号无效' }),
});
export const NotificationsReadSchema = z.object({ unread: z.number().int() });
