/**
 * The whole assessment as one xlsx workbook: a sheet per table (the columns of export-columns.ts) and
 * a 说明 sheet with the scope, the bulletin and the policy, so a printed or forwarded file explains
 * itself. Numbers stay numbers (with display formats), so clerks can sort, filter and sum.
 */
import { Workbook, type Worksheet } from 'exceljs';
import type { Assessment } from '@plsr/shared/schemas';
import { BEIJING } from '@plsr/shared/time';
import { RATING_LEVELS, RATING_LEVEL_LABELS, REGION_LEVEL_LABELS } from '@plsr/shared/vocabulary';
import { TABLES, type Cell, type ColumnKind, type TableSpec } from './export-columns';

export const WORKBOOK_CREATOR = '公共法律服务评价';
export const NOTES_SHEET = '说明';

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = { score: '0.0', share: '0.0%' };
const PARAGRAPH_WIDTH = 90;
const MAX_WIDTH = 40;

export async function assessmentXlsx(a: Assessment): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = WORKBOOK_CREATOR;
  const generated = new Date(a.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;

  for (const table of [TABLES.workstations, TABLES.staff, TABLES.counties]) addTableSheet(wb, table, a);
  addNotesSheet(wb, a);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addTableSheet(wb: Workbook, table: TableSpec, a: Assessment): void {
  const ws = wb.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows = table.cells(a);
  ws.columns = table.columns.map((c, i) => ({
    header: c.header,
    width: c.kind === 'paragraph' ? PARAGRAPH_WIDTH : fitWidth([c.header, ...rows.map((r) => shown(r[i] ?? null, c.kind))], c.minWidth),
  }));
  styleHeader(ws);
  for (const cells of rows) {
    const row = ws.addRow(cells.map((cell) => cell ?? undefined));
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const numFmt = NUMBER_FORMATS[c.kind];
      if (numFmt && typeof cell.value === 'number') cell.numFmt = numFmt;
      cell.alignment = c.kind === 'paragraph' ? { wrapText: true, vertical: 'top' } : { vertical: 'top' };
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: table.columns.length } };
}

function addNotesSheet(wb: Workbook, a: Assessment): void {
  const ws = wb.addWorksheet(NOTES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '项目', width: 16 },
    { header: '内容', width: PARAGRAPH_WIDTH },
  ];
  styleHeader(ws);
  const p = a.policy;
  const notes: [string, string | number][] = [
    ['范围', `${a.region.name}(${REGION_LEVEL_LABELS[a.region.level]},行政区划代码 ${a.region.code})`],
    ['年度', a.year],
    [
      '版本',
      a.publication
        ? `第 ${a.publication.revision} 版,${beijingDateTime(a.publication.publishedAt)} 由 ${a.publication.publishedBy} 发布${a.publication.reason ? `,原因:${a.publication.reason}` : ''}`
        : '实时计算,未发布',
    ],
    ['生成时间', beijingDateTime(a.generatedAt)],
    ['通报', a.bulletin],
    ['评价总数', a.totals.ratings],
    ['工作站数', a.totals.workstations],
    ['人员数', a.totals.staff],
    ['每级分值', RATING_LEVELS.map((level) => `${RATING_LEVEL_LABELS[level]} ${p.points[level]}`).join(',')],
    ['先验权重 m', p.priorWeight],
    ['最少评价数', p.minRatings],
    ['验收权重', p.inspectionWeight],
    ['评价权重', p.ratingWeight],
    ['好 分数线', p.bandGood],
    ['中 分数线', p.bandFair],
    ['人员得分', `(n·R + m·C)/(n + m):R 为本人评价平均分,n 为评价数,C 为同市同类人员平均分;评价少于${p.minRatings}条为样本不足,不评等次`],
    ['工作站综合评分', `${p.inspectionWeight} × 验收得分 + ${p.ratingWeight} × 评价得分;未验收的仅按评价得分计`],
    ['等次', `${p.bandGood}分以上为好,${p.bandFair}分以上为中,其余为差`],
  ];
  for (const [item, content] of notes) {
    ws.addRow([item, content]).getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  }
}

function styleHeader(ws: Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
}

/** What the cell shows, for sizing its column. */
function shown(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (kind === 'share') return `${(cell * 100).toFixed(1)}%`;
  return kind === 'score' ? cell.toFixed(1) : String(cell);
}

/** Excel column widths count narrow characters; a CJK character takes two. */
function fitWidth(texts: string[], minWidth = 8): number {
  const widest = Math.max(...texts.map((t) => [...t].reduce((w, ch) => w + (ch.codePointAt(0)! > 0x2e7f ? 2 : 1), 0)));
  return Math.min(MAX_WIDTH, Math.max(minWidth, widest + 2));
}

function beijingDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: BEIJING,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}(北京时间)`;
}
