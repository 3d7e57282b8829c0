/**
 * The registry in Excel (issue 11, part 4): a county's staff and who serves where, exported to xlsx,
 * edited by a clerk, and imported back. An import is checked first (a dry run lists every row's
 * problems in Chinese: sheet, row, column, what is wrong) and applies every row or none.
 */
import { z } from 'zod';
import { STAFF_ROLES, STAFF_STATUSES } from '../vocabulary';
import { CalendarDateSchema, noNul, NUL_MESSAGE, RegionCodeSchema, RegionRefSchema, StationCodeSchema } from './common';
import { ManagedStationSchema, ReasonSchema } from './station-admin';

/** An xlsx file, base64 in JSON (about 3 MB of file: thousands of staff). */
export const REGISTRY_FILE_MAX_BASE64 = 4 * 1024 * 1024;
export const REGISTRY_IMPORT_BODY_LIMIT = '4200kb';

export const RegistryQuerySchema = z.object({ region: RegionCodeSchema });
export type RegistryQuery = z.infer<typeof RegistryQuerySchema>;

/**
 * Base64 without a backtracking pattern: /^[A-Za-z0-9+/]+={0,2}$/ over a 4 MB text keeps one backtrack
 * entry per character, and a busy process can run out of regexp stack there (a 500, seen in CI).
 */
function isBase64(text: string): boolean {
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  return body.length > 0 && !/[^A-Za-z0-9+/]/.test(body);
}

export const RegistryImportInputSchema = z.strictObject({
  /** The county (or city, region) whose registry the file edits: every row must lie inside it. */
  region: RegionCodeSchema,
  /** true: check and report only; false: apply every row, or none when any row is wrong. */
  dryRun: z.boolean({ error: 'dryRun 应为 true(仅检查)或 false(导入)' }),
  /** The .xlsx file, base64. */
  file: z
    .string({ error: '请选择要导入的 Excel 文件' })
    .min(1, { error: '请选择要导入的 Excel 文件' })
    .max(REGISTRY_FILE_MAX_BASE64, { error: '文件过大(最大约 3 MB),请分批导入' })
    .refine(isBase64, { error: '文件内容应为 base64 编码' })
    .refine(noNul, { error: `文件${NUL_MESSAGE}` }),
});
export type RegistryImportInput = z.infer<typeof RegistryImportInputSchema>;

/** One problem of one cell (or row) of the file. */
export const RegistryProblemSchema = z.object({
  sheet: z.string(),
  /** The row number as Excel shows it (the header is row 1). */
  row: z.number().int(),
  /** The column's header, or null for the whole row. */
  column: z.string().nullable(),
  message: z.string(),
});
export type RegistryProblem = z.infer<typeof RegistryProblemSchema>;

const counts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const RegistryImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** Whether the changes were written (never with a problem, never on a dry run). */
  applied: z.boolean(),
  problems: z.array(RegistryProblemSchema),
  staff: counts,
  assignments: counts,
});
export type RegistryImportReport = z.infer<typeof RegistryImportReportSchema>;

/** The longest name, licence number and organisation the registry keeps (the form and the import alike). */
export const STAFF_NAME_MAX = 50;
export const STAFF_LICENCE_MAX = 50;
export const STAFF_ORGANISATION_MAX = 100;

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 字` })
    .refine(noNul, { error: `${label}${NUL_MESSAGE}` });

const role = z.enum(STAFF_ROLES, { error: '类别应为 lawyer、mediator、notary、legal_aid_worker 或 grassroots_legal_worker' });
/** Empty: none (a mediator or grassroots worker has no licence). */
const licence = z
  .string({ error: '执业证号应为文字' })
  .trim()
  .max(STAFF_LICENCE_MAX, { error: `执业证号不能超过 ${STAFF_LICENCE_MAX} 个字符` })
  .refine(noNul, { error: `执业证号${NUL_MESSAGE}` });

/** GET /api/registry: one county's stations, staff and postings (a city or the region picks a county first). */
export const RegistryListQuerySchema = z.object({ county: RegionCodeSchema });

export const RegistryAssignmentSchema = z.object({
  id: z.number().int(),
  stationCode: z.string(),
  stationName: z.string(),
  fromDate: z.string(),
  /** null: still serving there. */
  toDate: z.string().nullable(),
});
export type RegistryAssignment = z.infer<typeof RegistryAssignmentSchema>;

export const RegistryStaffSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  licenceNumber: z.string().nullable(),
  organisation: z.string(),
  countyCode: z.string(),
  status: z.enum(STAFF_STATUSES),
  /** Every posting, the earliest first. */
  assignments: z.array(RegistryAssignmentSchema),
});
export type RegistryStaff = z.infer<typeof RegistryStaffSchema>;

export const RegistryListSchema = z.object({
  county: RegionRefSchema,
  townships: z.array(RegionRefSchema),
  /** The county centre, then each township's workstation and village rooms, by code. */
  stations: z.array(ManagedStationSchema),
  /** The people the county's bureau keeps in its registry, by id. */
  staff: z.array(RegistryStaffSchema),
});
export type RegistryList = z.infer<typeof RegistryListSchema>;

/** A person added to a county's registry by hand (the import does the same for many). */
export const NewStaffInputSchema = z.strictObject({
  county: RegionCodeSchema,
  name: text('姓名', STAFF_NAME_MAX),
  role,
  licenceNumber: licence.optional(),
  organisation: text('执业机构或单位', STAFF_ORGANISATION_MAX),
});
export type NewStaffInput = z.infer<typeof NewStaffInputSchema>;

/** Edit a person (a licence number of "" removes it), or mark them 已离岗 (left); with a reason. */
export const StaffUpdateSchema = z
  .strictObject({
    name: text('姓名', STAFF_NAME_MAX).optional(),
    role: role.optional(),
    licenceNumber: licence.optional(),
    organisation: text('执业机构或单位', STAFF_ORGANISATION_MAX).optional(),
    status: z.enum(STAFF_STATUSES, { error: '状态只能是 active(在岗)或 left(已离岗)' }).optional(),
    reason: ReasonSchema,
  })
  .refine((u) => [u.name, u.role, u.licenceNumber, u.organisation, u.status].some((v) => v !== undefined), {
    error: '请填写要修改的内容',
    path: ['name'],
  });
export type StaffUpdate = z.infer<typeof StaffUpdateSchema>;

/** Who serves where from when (to: null, still serving). */
export const NewAssignmentInputSchema = z
  .strictObject({
    staffId: z.number({ error: '请选择服务人员' }).int({ error: '人员编号应为整数' }).positive({ error: '人员编号应为正整数' }),
    station: StationCodeSchema,
    fromDate: CalendarDateSchema,
    toDate: CalendarDateSchema.nullable().optional(),
  })
  .refine((a) => !a.toDate || a.toDate >= a.fromDate, { error: '结束日期不能早于开始日期', path: ['toDate'] });
export type NewAssignmentInput = z.infer<typeof NewAssignmentInputSchema>;

/** End a posting on a date (结束派驻), or reopen it (null); with a reason. */
export const AssignmentUpdateSchema = z.strictObject({
  toDate: CalendarDateSchema.nullable(),
  reason: ReasonSchema,
});
export type AssignmentUpdate = z.infer<typeof AssignmentUpdateSchema>;
