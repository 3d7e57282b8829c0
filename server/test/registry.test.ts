/**
 * Issue 11, part 4: the registry in Excel. A county exports its staff and assignments, a clerk edits
 * the file, the import checks it (every problem: sheet, row, column, in Chinese) and applies all of it
 * or nothing; an unchanged export imports as a no-op; every change is audited. Through the API, on
 * the hand-made fixtures, with real xlsx files written and read by exceljs.
 */
import ExcelJS from 'exceljs';
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const token: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-06-15T04:00:00Z');
  fx = await seedFixtures(app.db);
  for (const username of ['yuanzhou', 'xiji', 'guyuan']) {
    token[username] = (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token;
  }
});
afterAll(() => app.close());

async function download(path: string, who = 'yuanzhou'): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${token[who]}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

async function workbookOf(file: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

const rowsOf = (wb: ExcelJS.Workbook, sheet: string): string[][] => {
  const out: string[][] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))));
  return out;
};

async function fileOf(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const importFile = (file: string, dryRun: boolean, who = 'yuanzhou', region: string = CODES.yuanzhou) =>
  call(app, 'POST', '/api/registry/import', { token: token[who], json: { region, dryRun, file } });

/** Everything an import could change. */
const state = async () => ({
  staff: JSON.stringify(await app.db.staff.findMany({ orderBy: { id: 'asc' } })),
  assignments: JSON.stringify(await app.db.assignment.findMany({ orderBy: { id: 'asc' } })),
  audit: await app.db.auditLog.count(),
});

describe('registry export and import (服务人员名册)', () => {
  it('exports a county’s staff and their assignments there, in the sheets the import reads', async () => {
    const r = await download(`/api/registry/export?region=${CODES.yuanzhou}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(r.headers.get('content-disposition')!)).toContain('原州区服务人员名册.xlsx');
    const wb = await workbookOf(r.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['服务人员', '派驻', '说明']);
    const staff = rowsOf(wb, '服务人员');
    expect(staff[0]).toEqual(['人员编号', '姓名', '类别', '执业证号', '执业机构或单位', '所属县(区)代码', '状态']);
    expect(staff.slice(1).map((s) => s[1])).toEqual(['马文清', '李海燕', '王建国', '赵志刚']);
    expect(staff[1]).toEqual([String(fx.staff.lawyerMa.id), '马文清', '律师', '16404201810000001', '宁夏固原律师事务所', '640402', '在岗']);
    const posts = rowsOf(wb, '派驻');
    expect(posts.slice(1)).toContainEqual([String(fx.staff.leftLawyer.id), '赵志刚', STATIONS.sanying, '三营镇公共法律服务工作站', '2026-01-01', '2026-03-31']);
    expect(posts).toHaveLength(1 + 6);
    // 西吉县 sees none of it.
    expect((await download(`/api/registry/export?region=${CODES.yuanzhou}`, 'xiji')).status).toBe(403);
  });

  it('imports an unchanged export as a no-op: nothing written, nothing audited', async () => {
    const file = (await download(`/api/registry/export?region=${CODES.yuanzhou}`)).body.toString('base64');
    const before = await state();
    const dry = await importFile(file, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      applied: false,
      problems: [],
      staff: { created: 0, updated: 0, unchanged: 4 },
      assignments: { created: 0, updated: 0, unchanged: 6 },
    });
    const applied = await importFile(file, false);
    expect(applied.body).toMatchObject({ applied: true, staff: { created: 0, updated: 0, unchanged: 4 } });
    expect(await state()).toEqual(before);
  });

  it('reports every bad row (sheet, row, column, in Chinese) and, applied, refuses the whole file and changes nothing', async () => {
    const wb = await workbookOf((await download(`/api/registry/export?region=${CODES.yuanzhou}`)).body);
    const staff = wb.getWorksheet('服务人员')!;
    staff.addRow(['新1', '杨小红', '人民调解员', '', '三营镇人民调解委员会', '640402', '在岗']); // good
    staff.addRow(['新2', '', '律师', '16404201810000001', '宁夏固原律师事务所', '640422', '休假']); // no name, licence taken, 西吉县, bad status
    staff.addRow(['新3', '周明', '警察', '', '某单位', '640402', '']); // unknown role
    staff.getRow(2).getCell(2).value = '马文清(改)'; // an edit of an existing person: fine on its own
    const posts = wb.getWorksheet('派驻')!;
    posts.addRow(['新1', '杨小红', STATIONS.sanying, '', '2026-07-01', '']); // good
    posts.addRow(['新1', '杨小红', STATIONS.jiqiang, '', '2026-07-01', '']); // 吉强镇 is in 西吉县
    posts.addRow(['新9', '', STATIONS.sanying, '', '2026/7/1', '2026-06-01']); // unknown person, bad date
    const file = await fileOf(wb);
    const before = await state();

    const dry = await importFile(file, true);
    expect(dry.status).toBe(200);
    expect(dry.body.applied).toBe(false);
    expect(dry.body.problems).toEqual([
      { sheet: '服务人员', row: 7, column: '姓名', message: '请填写姓名' },
      { sheet: '服务人员', row: 7, column: '所属县(区)代码', message: '640422 不是本辖区内的县(区)代码' },
      { sheet: '服务人员', row: 7, column: '状态', message: '状态应为:在岗、已离岗' },
      { sheet: '服务人员', row: 7, column: '执业证号', message: `执业证号 16404201810000001 与第 2 行重复` },
      { sheet: '服务人员', row: 8, column: '类别', message: '类别应为:律师、人民调解员、公证员、法律援助工作者、基层法律服务工作者' },
      { sheet: '派驻', row: 9, column: '站点编码', message: `站点 ${STATIONS.jiqiang} 不在本辖区内` },
      { sheet: '派驻', row: 10, column: '人员编号', message: '人员编号 新9 不在“服务人员”表中,也不在本辖区名册中' },
      { sheet: '派驻', row: 10, column: '开始日期', message: '开始日期 2026/7/1 应为 YYYY-MM-DD' },
    ]);

    const applied = await importFile(file, false);
    expect(applied.status).toBe(400);
    expect(applied.body.code).toBe('validation_failed');
    expect(applied.body.message).toBe('文件有 8 处问题,未导入任何一行');
    expect(applied.body.details[0]).toEqual({ path: '服务人员!7 姓名', message: '服务人员 第 7 行 姓名:请填写姓名' });
    expect(await state()).toEqual(before);
  });

  it('applies a fixed file whole: the new person, the edit and the new assignment, each audited', async () => {
    const wb = await workbookOf((await download(`/api/registry/export?region=${CODES.yuanzhou}`)).body);
    wb.getWorksheet('服务人员')!.addRow(['新1', '杨小红', '人民调解员', '', '三营镇人民调解委员会', '640402', '在岗']);
    wb.getWorksheet('服务人员')!.getRow(2).getCell(5).value = '宁夏固原第二律师事务所';
    wb.getWorksheet('派驻')!.addRow(['新1', '杨小红', STATIONS.sanying, '', '2026-07-01', '']);
    // 李海燕 leaves 南关街道's workstation at the end of June.
    const posts = wb.getWorksheet('派驻')!;
    posts.eachRow((row) => {
      if (row.getCell(1).value === String(fx.staff.lawyerLi.id) && row.getCell(3).value === STATIONS.nanguan) row.getCell(6).value = '2026-06-30';
    });
    const file = await fileOf(wb);
    const dry = await importFile(file, true);
    expect(dry.body).toMatchObject({ problems: [], staff: { created: 1, updated: 1, unchanged: 3 }, assignments: { created: 1, updated: 1, unchanged: 5 } });
    const audits = await app.db.auditLog.count();
    const applied = await importFile(file, false);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, staff: { created: 1, updated: 1 }, assignments: { created: 1, updated: 1 } });

    const yang = await app.db.staff.findFirstOrThrow({ where: { name: '杨小红' }, include: { assignments: { include: { station: true } } } });
    expect(yang).toMatchObject({ role: 'mediator', countyCode: '640402', cityCode: '6404', status: 'active', licenceNumber: null });
    expect(yang.assignments.map((a) => [a.station.code, a.fromDate, a.toDate])).toEqual([[STATIONS.sanying, '2026-07-01', null]]);
    expect((await app.db.staff.findUniqueOrThrow({ where: { id: fx.staff.lawyerMa.id } })).organisation).toBe('宁夏固原第二律师事务所');
    const li = await app.db.assignment.findFirstOrThrow({ where: { staffId: fx.staff.lawyerLi.id, station: { code: STATIONS.nanguan } } });
    expect(li.toDate).toBe('2026-06-30');
    const entries = await app.db.auditLog.findMany({ where: { id: { gt: 0 } }, orderBy: { id: 'asc' }, skip: audits });
    expect(entries.map((e) => e.action)).toEqual(['staff.create', 'staff.update', 'assignment.create', 'assignment.update']);
    expect(entries.every((e) => e.username === 'yuanzhou' && e.reason === '名册导入' && e.regionCode === '640402')).toBe(true);
    expect(JSON.parse(entries[1]!.beforeJson!)).toMatchObject({ organisation: '宁夏固原律师事务所' });
    // The station page shows the new mediator from the day she starts.
    app.setNow('2026-07-02T04:00:00Z');
    const station = await call(app, 'GET', `/api/stations/${STATIONS.sanying}`);
    expect(station.body.staff.map((s: { name: string }) => s.name)).toContain('杨小红');
    app.setNow('2026-06-15T04:00:00Z');
  });

  it('refuses what is not a registry workbook, and a region outside the jurisdiction', async () => {
    const notXlsx = await importFile(Buffer.from('这不是 Excel').toString('base64'), true);
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.message).toBe('无法读取文件:请上传 Excel(.xlsx)文件');
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['a', 'b']);
    const wrong = await importFile(await fileOf(other), true);
    expect(wrong.body.problems.map((p: { message: string }) => p.message)).toEqual([
      '缺少工作表“服务人员”(请使用导出的名册或导入模板)',
      '缺少工作表“派驻”(请使用导出的名册或导入模板)',
    ]);
    expect((await importFile(await fileOf(other), true, 'yuanzhou', CODES.xiji)).status).toBe(403);
    expect((await importFile(await fileOf(other), true, 'yuanzhou', CODES.sanying)).status).toBe(400);
  });

  it('gives a template with the headers and the instructions, and no one’s data', async () => {
    const r = await download('/api/registry/template', 'xiji');
    expect(r.status).toBe(200);
    const wb = await workbookOf(r.body);
    expect(rowsOf(wb, '服务人员')).toHaveLength(1);
    expect(rowsOf(wb, '派驻')).toHaveLength(1);
    expect(rowsOf(wb, '说明').map((r) => r[0])).toContain('派驻');
    // The template, filled in and imported by 西吉县.
    wb.getWorksheet('服务人员')!.addRow(['新1', '马兰', '基层法律服务工作者', 'J640422001', '吉强镇法律服务所', '640422', '']);
    wb.getWorksheet('派驻')!.addRow(['新1', '', STATIONS.jiqiang, '', '2026-06-01', '']);
    const applied = await importFile(await fileOf(wb), false, 'xiji', CODES.xiji);
    expect(applied.body).toMatchObject({ applied: true, staff: { created: 1 }, assignments: { created: 1 } });
  });
});
