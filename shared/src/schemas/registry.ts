/**
 * The registry in Excel (issue 11, part 4): a county's staff and who serves where, exported to xlsx,
 * edited by a clerk, and imported back. An import is checked first (a dry run lists every row's
 * problems in Chinese: sheet, row, column, what is wrong) and applies every row or none.
 */
import { z } from 'zod';
import { noNul, NUL_MESSAGE, RegionCodeSchema } from './common';

/** An xlsx file, base64 in JSON (about 3 MB of file: thousands of staff). */
export const REGISTRY_FILE_MAX_BASE64 = 4 * 1024 * 1024;
export const REGISTRY_IMPORT_BODY_LIMIT = '4200kb';

export const RegistryQuerySchema = z.object({ region: RegionCodeSchema });
export type RegistryQuery = z.infer<typeof RegistryQuerySchema>;

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
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容应为 base64 编码' })
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
