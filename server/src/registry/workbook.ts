/**
 * The registry's Excel layout, written and read in one place so that an exported file imports back
 * unchanged: a 服务人员 sheet (one row per person), a 派驻 sheet (who serves where, from/to) and a 说明
 * sheet that explains both. A new person gets a 人员编号 the clerk makes up, starting with 新 (新1,
 * 新2…), so the 派驻 sheet can name them before the import gives them a number.
 */
import { Workbook, type Cell, type Worksheet } from 'exceljs';
import { STAFF_ROLES, STAFF_ROLE_LABELS, STAFF_STATUS_LABELS, STAFF_STATUSES, type StaffRole, type StaffStatus } from '@plsr/shared/vocabulary';
import { WORKBOOK_CREATOR } from '../assessments/export-xlsx';

export const STAFF_SHEET = '服务人员';
export const ASSIGNMENT_SHEET = '派驻';
export const NOTES_SHEET = '说明';

export const STAFF_COLUMNS = ['人员编号', '姓名', '类别', '执业证号', '执业机构或单位', '所属县(区)代码', '状态'] as const;
export const ASSIGNMENT_COLUMNS = ['人员编号', '姓名(核对用)', '站点编码', '站点名称(核对用)', '开始日期', '结束日期'] as const;

export interface StaffLine {
  /** Excel's row number. */
  row: number;
  key: string;
  name: string;
  role: string;
  licence: string;
  organisation: string;
  county: string;
  status: string;
}

export interface AssignmentLine {
  row: number;
  key: string;
  stationCode: string;
  from: string;
  to: string;
}

export interface RegistryRows {
  staff: { id: number; name: string; role: StaffRole; licenceNumber: string | null; organisation: string; countyCode: string; status: StaffStatus }[];
  assignments: { staffId: number; staffName: string; stationCode: string; stationName: string; fromDate: string; toDate: string | null }[];
}

const NOTES: [string, string][] = [
  ['用途', '本文件是服务人员名册和派驻安排。可以在 Excel 中修改后,在“司法局工作台 → 服务人员名册”导入;导入前会先检查,有任何一行有误则整批不导入。'],
  ['服务人员', '每人一行。人员编号由系统给出,请勿修改;新增人员的人员编号请填写以“新”开头的临时编号(如 新1、新2),以便在“派驻”表中引用。'],
  ['类别', `填写:${STAFF_ROLES.map((r) => STAFF_ROLE_LABELS[r]).join('、')}。`],
  ['执业证号', '律师、公证员、基层法律服务工作者等填写执业证号;同一类别内不能重复。人民调解员等没有执业证的可留空。'],
  ['所属县(区)代码', '6 位行政区划代码,如 原州区 640402。只能是本辖区内的县(区)。'],
  ['状态', `填写:${STAFF_STATUSES.map((s) => STAFF_STATUS_LABELS[s]).join('、')}。离岗人员保留在名册中,历年评价不受影响。`],
  [
    '派驻',
    '每条派驻一行:人员编号、站点编码、开始日期(YYYY-MM-DD),结束日期可留空(仍在派驻)。结束派驻请填写结束日期;导入不会删除已有的派驻记录。姓名和站点名称仅供核对,导入时不读取。',
  ],
];

function styleHeader(ws: Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
}

/** The registry as a workbook; with no rows it is the import template. */
export async function registryXlsx(rows: RegistryRows): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = WORKBOOK_CREATOR;
  const staff = wb.addWorksheet(STAFF_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  staff.columns = STAFF_COLUMNS.map((header, i) => ({ header, width: [10, 10, 16, 22, 30, 16, 8][i] }));
  styleHeader(staff);
  for (const s of rows.staff) {
    staff.addRow([String(s.id), s.name, STAFF_ROLE_LABELS[s.role], s.licenceNumber ?? '', s.organisation, s.countyCode, STAFF_STATUS_LABELS[s.status]]);
  }
  const posts = wb.addWorksheet(ASSIGNMENT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  posts.columns = ASSIGNMENT_COLUMNS.map((header, i) => ({ header, width: [10, 10, 16, 36, 12, 12][i] }));
  styleHeader(posts);
  for (const a of rows.assignments) posts.addRow([String(a.staffId), a.staffName, a.stationCode, a.stationName, a.fromDate, a.toDate ?? '']);
  // Codes and dates stay text: Excel would otherwise turn 640402 into a number and 2026-01-01 into a date.
  for (const ws of [staff, posts]) {
    ws.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
    for (let c = 1; c <= ws.columnCount; c++) ws.getColumn(c).numFmt = '@';
  }
  const notes = wb.addWorksheet(NOTES_SHEET);
  notes.columns = [
    { header: '项目', width: 16 },
    { header: '说明', width: 100 },
  ];
  styleHeader(notes);
  for (const line of NOTES) notes.addRow(line).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell as the text a person typed: numbers without a decimal tail, dates as YYYY-MM-DD, rich text joined. */
export function cellText(cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // Excel stores a typed date as a day number; exceljs reads it as midnight UTC of that day.
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result).trim();
    return '';
  }
  return String(v).trim();
}

export class WorkbookUnreadable extends Error {}

/** The two sheets' rows as text; blank rows are skipped (a clerk's trailing empty lines). */
export async function readRegistryXlsx(
  file: Buffer,
): Promise<{ staff: StaffLine[]; assignments: AssignmentLine[]; missingSheets: string[]; headerProblems: { sheet: string; message: string }[] }> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookUnreadable('无法读取文件:请上传 Excel(.xlsx)文件');
  }
  const missingSheets: string[] = [];
  const headerProblems: { sheet: string; message: string }[] = [];
  const rowsOf = (name: string, columns: readonly string[]): { row: number; cells: string[] }[] => {
    const ws = wb.getWorksheet(name);
    if (!ws) {
      missingSheets.push(name);
      return [];
    }
    const header = columns.map((_, i) => cellText(ws.getRow(1).getCell(i + 1)));
    const wrong = columns.filter((c, i) => header[i] !== c);
    if (wrong.length) {
      headerProblems.push({ sheet: name, message: `表头应为:${columns.join('、')}(请使用导出的名册或导入模板)` });
      return [];
    }
    const out: { row: number; cells: string[] }[] = [];
    ws.eachRow((row, number) => {
      if (number === 1) return;
      const cells = columns.map((_, i) => cellText(row.getCell(i + 1)));
      if (cells.some((c) => c !== '')) out.push({ row: number, cells });
    });
    return out;
  };
  const staff = rowsOf(STAFF_SHEET, STAFF_COLUMNS).map(({ row, cells: [key, name, role, licence, organisation, county, status] }) => ({
    row,
    key: key!,
    name: name!,
    role: role!,
    licence: licence!,
    organisation: organisation!,
    county: county!,
    status: status!,
  }));
  const assignments = rowsOf(ASSIGNMENT_SHEET, ASSIGNMENT_COLUMNS).map(({ row, cells: [key, , stationCode, , from, to] }) => ({
    row,
    key: key!,
    stationCode: stationCode!,
    from: from!,
    to: to!,
  }));
  return { staff, assignments, missingSheets, headerProblems };
}
