/**
 * The year-end assessment a bureau pulls: township workstation scores, staff scores, county and city
 * rollups with their bulletin sentences. JSON here; the CSV and xlsx files carry the same rows.
 */
import { z } from 'zod';
import { ASSESSMENT_FORMATS, BANDS, REGION_LEVELS, STAFF_ROLES, STAFF_ROW_STATUSES, WORKSTATION_ROW_STATUSES } from '../vocabulary';
import { AssessmentPolicySchema } from '../scoring/policy';
import { RegionCodeSchema } from './common';

export const ASSESSMENT_CSV_TABLES = ['workstations', 'staff', 'counties'] as const;

export const AssessmentQuerySchema = z.object({
  region: RegionCodeSchema,
  format: z.enum(ASSESSMENT_FORMATS, { error: 'format 只能是 json、csv 或 xlsx' }).default('json'),
  /** Which table a CSV carries (one table per CSV file). */
  table: z.enum(ASSESSMENT_CSV_TABLES, { error: 'table 只能是 workstations、staff 或 counties' }).default('workstations'),
});
export type AssessmentQuery = z.infer<typeof AssessmentQuerySchema>;

const share = z.number().min(0).max(1).nullable();
const ratingFigures = {
  ratings: z.number().int(),
  meanPoints: z.number().nullable(),
  satisfactionRate: share,
  topTwoShare: share,
  badReviews: z.number().int(),
  /** 差评 cases of the year due by now (closed, or open past their deadline; void ones left out). */
  casesDue: z.number().int(),
  casesOnTime: z.number().int(),
  /** casesOnTime / casesDue; null when none was due. */
  casesOnTimeShare: share,
};

export const WorkstationRowSchema = z.object({
  stationCode: z.string(),
  stationName: z.string(),
  township: z.object({ code: z.string(), name: z.string() }),
  county: z.object({ code: z.string(), name: z.string() }),
  city: z.object({ code: z.string(), name: z.string() }),
  ...ratingFigures,
  ratingScore: z.number().nullable(),
  inspectionTotal: z.number().nullable(),
  total: z.number().nullable(),
  band: z.enum(BANDS).nullable(),
  status: z.enum(WORKSTATION_ROW_STATUSES),
  exemptReason: z.string().nullable(),
});
export type WorkstationRow = z.infer<typeof WorkstationRowSchema>;

export const StaffRowSchema = z.object({
  staffId: z.number().int(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  organisation: z.string(),
  licenceNumber: z.string().nullable(),
  county: z.object({ code: z.string(), name: z.string() }),
  city: z.object({ code: z.string(), name: z.string() }),
  ...ratingFigures,
  prior: z.number().nullable(),
  score: z.number().nullable(),
  band: z.enum(BANDS).nullable(),
  status: z.enum(STAFF_ROW_STATUSES),
  rank: z.number().int(),
});
export type StaffRow = z.infer<typeof StaffRowSchema>;

export const RollupRowSchema = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }),
  workstations: z.number().int(),
  good: z.number().int(),
  fair: z.number().int(),
  poor: z.number().int(),
  exempt: z.number().int(),
  uninspected: z.number().int(),
  unscored: z.number().int(),
  meanTotal: z.number().nullable(),
  ratings: z.number().int(),
  bulletin: z.string(),
});
export type RollupRow = z.infer<typeof RollupRowSchema>;

/** Which published revision a year-end is (null: computed now, not published). */
export const PublicationSchema = z.object({
  runId: z.number().int(),
  revision: z.number().int(),
  reason: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  /** The published scope (this view may be a county or city inside it). */
  scope: z.object({ code: z.string(), name: z.string() }),
});
export type Publication = z.infer<typeof PublicationSchema>;

export const AssessmentSchema = z.object({
  year: z.number().int(),
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }),
  generatedAt: z.string(),
  policy: AssessmentPolicySchema,
  /** The scope's own bulletin sentence. */
  bulletin: z.string(),
  totals: z.object({ ratings: z.number().int(), workstations: z.number().int(), staff: z.number().int() }),
  workstations: z.array(WorkstationRowSchema),
  staff: z.array(StaffRowSchema),
  counties: z.array(RollupRowSchema),
  cities: z.array(RollupRowSchema),
  publication: PublicationSchema.nullable().default(null),
});
export type Assessment = z.infer<typeof AssessmentSchema>;
