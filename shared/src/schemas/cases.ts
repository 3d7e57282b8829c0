/**
 * 差评工单 as the bureaus handle them (issue 13, part 1): each case with its rating (never the
 * resident), its deadline on the Chinese calendar (待核实 when it ran into a year with no calendar),
 * whether it is overdue or was closed on time, and its steps (who, when, what). The call-back number
 * is not in it: the county asks for it (POST …/callback-phone), and that is audited.
 */
import { z } from 'zod';
import { BAD_REVIEW_REASONS, CASE_STATUSES, CASE_STEPS, FIX_VERDICTS, SERVICE_TYPES, STAFF_ROLES } from '../vocabulary';
import { noNul, NUL_MESSAGE, RegionCodeSchema } from './common';

export const CaseQuerySchema = z.object({
  region: RegionCodeSchema,
  /** open: not yet closed, the soonest due first; overdue: open and past due; closed: the latest closed or void. */
  state: z.enum(['open', 'overdue', 'closed'], { error: 'state 只能是 open(办理中)、overdue(已超期)或 closed(已办结)' }).default('open'),
});
export type CaseQuery = z.infer<typeof CaseQuerySchema>;

export const CaseSchema = z.object({
  id: z.number().int(),
  status: z.enum(CASE_STATUSES),
  openedOn: z.string(),
  dueOn: z.string(),
  /** The deadline ran into a year the calendar does not cover yet: counted as weekdays there (待核实). */
  dueProvisional: z.boolean(),
  overdue: z.boolean(),
  closedOn: z.string().nullable(),
  /** Closed by its deadline (null while open, and for a void case). */
  onTime: z.boolean().nullable(),
  /** The rater's verdict on the follow-up, once closed (满意, 基本满意, 不满意), if they gave one. */
  fixVerdict: z.enum(FIX_VERDICTS).nullable(),
  county: z.object({ code: z.string(), name: z.string() }),
  station: z.object({ code: z.string(), name: z.string() }),
  staff: z.object({ id: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES), organisation: z.string() }),
  rating: z.object({
    level: z.number().int(),
    reasonCode: z.enum(BAD_REVIEW_REASONS).nullable(),
    reasonText: z.string().nullable(),
    comment: z.string().nullable(),
    serviceType: z.enum(SERVICE_TYPES),
    serviceDate: z.string(),
    /** The resident left a number for a call back (the county may ask for it). */
    hasCallbackPhone: z.boolean(),
  }),
  steps: z.array(z.object({ step: z.enum(CASE_STEPS), note: z.string(), by: z.string(), at: z.string() })),
});
export type Case = z.infer<typeof CaseSchema>;
/** At most CASES_SHOWN cases (the soonest due, or the latest closed), with how many there are in all and how many of the open ones are overdue. */
export const CaseListSchema = z.object({ cases: z.array(CaseSchema), total: z.number().int(), overdue: z.number().int() });
export const CASES_SHOWN = 200;

export const CaseStepInputSchema = z.strictObject({
  step: z.enum(['verify', 'rectify', 'explain', 'callback'], { error: 'step 只能是 verify(核实)、rectify(整改)、explain(解释说明)或 callback(回访)' }),
  note: z
    .string({ error: '请填写办理情况' })
    .trim()
    .min(2, { error: '请写明办理情况(至少 2 个字)' })
    .max(1000, { error: '办理情况不能超过 1000 字' })
    .refine(noNul, { error: `办理情况${NUL_MESSAGE}` }),
});
export type CaseStepInput = z.infer<typeof CaseStepInputSchema>;

export const CaseCallbackPhoneSchema = z.object({ phone: z.string() });
export type CaseList = z.infer<typeof CaseListSchema>;
