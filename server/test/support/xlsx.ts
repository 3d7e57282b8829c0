/** Reading a workbook back in tests. */
import ExcelJS from 'exceljs';

/** Every sheet's cell values, row by row (the zip around them carries timestamps, so bytes differ). */
export async function xlsxCells(xlsx: Buffer): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  book.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push(Array.isArray(row.values) ? row.values.slice(1) : []));
    out[sheet.name] = rows;
  });
  return out;
}

/** One sheet's rows after its header row, each keyed by the header (an empty cell: null). */
export async function xlsxRows(xlsx: Buffer, sheet: string): Promise<Record<string, unknown>[]> {
  const [head = [], ...rows] = (await xlsxCells(xlsx))[sheet] ?? [];
  const headers = head.map(String);
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? null])));
}
