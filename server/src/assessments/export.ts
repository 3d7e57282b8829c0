/**
 * The assessment as files a bureau clerk opens in Excel: CSV (one table per file) and xlsx (every
 * table plus notes), with a Chinese filename that survives the download.
 */
import type { Assessment } from '@plsr/shared/schemas';
import { ASSESSMENT_TABLES, TABLES, type AssessmentTable } from './export-columns';

export { assessmentCsv } from './export-csv';
export { assessmentXlsx } from './export-xlsx';
export { ASSESSMENT_TABLES, type AssessmentTable } from './export-columns';

export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * '2026年度_固原市_公共法律服务评价.xlsx'; a CSV holds one table: '2026年度_固原市_公共法律服务评价_人员.csv'.
 * A published revision says which: '2026年度_宁夏回族自治区_公共法律服务评价_第2版.xlsx'.
 * The table is ignored for xlsx, which always holds every table.
 */
export function assessmentFilename(a: Assessment, ext: 'csv' | 'xlsx', table?: string): string {
  const parts = [`${a.year}年度`, a.region.name, '公共法律服务评价', ...(a.publication ? [`第${a.publication.revision}版`] : [])];
  if (table && ext === 'csv') parts.push(isTable(table) ? TABLES[table].title : table);
  return `${parts.map(safeForFilename).join('_')}.${ext}`;
}

const isTable = (t: string): t is AssessmentTable => (ASSESSMENT_TABLES as readonly string[]).includes(t);

/** Characters Windows or a shell would refuse or misread in a filename. */
// eslint-disable-next-line no-control-regex -- control characters are among those a filename must not carry
const safeForFilename = (part: string) => part.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim();

/**
 * RFC 6266 with an RFC 5987 `filename*` for the Chinese name, and an ASCII `filename` for clients
 * that read only that one.
 */
export function contentDisposition(filename: string): string {
  return `attachment; filename="${asciiFallback(filename)}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/** Non-ASCII runs, quotes, backslashes and '%' (some browsers percent-decode `filename`) become '_'. */
function asciiFallback(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ''];
  const clean = (s: string) => s.replace(/[^\x20-\x7e]+|["\\%]/g, '_').replace(/_{2,}/g, '_');
  const asciiStem = clean(stem).replace(/^[_ ]+|[_ ]+$/g, '');
  return `${asciiStem || 'download'}${clean(ext)}`;
}

/** encodeURIComponent leaves ' ( ) * unescaped, but they are not attr-chars in RFC 5987. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
