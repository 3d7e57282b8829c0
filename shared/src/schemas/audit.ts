/** The audit log as region and city bureaus read it: who changed what, when, before and after. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../vocabulary';
import { CalendarDateSchema, noNul, NUL_MESSAGE, RegionCodeSchema } from './common';

export const AUDIT_PAGE_SIZE = 50;

export const AuditQuerySchema = z.object({
  region: RegionCodeSchema,
  action: z.enum(AUDIT_ACTIONS, { error: '操作类型不正确' }).optional(),
  username: z
    .string()
    .max(64, { error: '用户名过长' })
    .refine(noNul, { error: `用户名${NUL_MESSAGE}` })
    .optional(),
  /** Beijing dates, both included. */
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
  /** Paging: entries older than this id (the previous page's nextBefore). */
  // A digit string turned into a number (not z.coerce: the console would bring every coercer into
  // the zod code the resident's pages share).
  before: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, { error: 'before 应为正整数' })
    .transform(Number)
    .optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  action: z.string(),
  /** Chinese label of the action (the action itself when it is not in the vocabulary). */
  actionLabel: z.string(),
  subject: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  reason: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
