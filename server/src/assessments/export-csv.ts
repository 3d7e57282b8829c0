/**
 * One assessment table as CSV for Excel: RFC 4180 quoting, CRLF, a UTF-8 BOM (without it Excel reads
 * the Chinese as the local code page), and no cell Excel would run as a formula — names come from
 * residents' and staff data.
 */
import type { Assessment } from '@plsr/shared/schemas';
import { roundScore } from '@plsr/shared/scoring';
import { TABLES, type AssessmentTable, type Cell, type ColumnKind } from './export-columns';

const BOM = '\uFEFF';
const CRLF = '\r\n';

export function assessmentCsv(a: Assessment, table: AssessmentTable): string {
  const spec = TABLES[table];
  const header = spec.columns.map((c) => csvField(c.header));
  const rows = spec.cells(a).map((cells) => cells.map((cell, i) => csvField(formatCell(cell, spec.columns[i]!.kind))));
  return BOM + [header, ...rows].map((fields) => fields.join(',') + CRLF).join('');
}

function formatCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return neutraliseFormula(cell);
  switch (kind) {
    case 'share':
      return `${roundScore(cell * 100).toFixed(1)}%`;
    case 'score':
      return String(roundScore(cell));
    default:
      return String(cell);
  }
}

/** OWASP's advice for CSV injection: a leading apostrophe makes Excel show the text instead of running it. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
