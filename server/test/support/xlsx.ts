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
