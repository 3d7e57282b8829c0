import { Workbook, type Worksheet } from 'exceljs';
import { AssessmentSchema, type Assessment } from '@plsr/shared/schemas';
import { DEFAULT_POLICY } from '@plsr/shared/scoring';
import { assessmentCsv, assessmentFilename, assessmentXlsx, contentDisposition } from '../src/assessments/export';

const region = (code: string, name: string) => ({ code, name });
const guyuan = region('640400', '固原市');
const yuanzhou = region('640402', '原州区');
const ratings = { ratings: 40, meanPoints: 88.25, satisfactionRate: 0.935, topTwoShare: 0.8, badReviews: 1, casesDue: 1, casesOnTime: 1, casesOnTimeShare: 1 };
const noRatings = {
  ratings: 0,
  meanPoints: null,
  satisfactionRate: null,
  topTwoShare: null,
  badReviews: 0,
  casesDue: 0,
  casesOnTime: 0,
  casesOnTimeShare: null,
};
const CITY_BULLETIN = '经验收,全市2个乡镇(街道)公共法律服务工作站综合评分在86分(好)以上的1个,暂不参评1个。';
const COUNTY_BULLETIN = '经验收,全区2个乡镇(街道)公共法律服务工作站综合评分在86分(好)以上的1个,暂不参评1个。';

const assessment: Assessment = AssessmentSchema.parse({
  year: 2026,
  region: { ...guyuan, level: 'city' },
  generatedAt: '2026-12-31T10:00:00.000Z',
  policy: DEFAULT_POLICY,
  bulletin: CITY_BULLETIN,
  totals: { ratings: 47, workstations: 2, staff: 2 },
  workstations: [
    {
      stationCode: 'T640402100',
      stationName: '三营镇"示范",工作站',
      township: region('640402100', '三营镇'),
      county: yuanzhou,
      city: guyuan,
      ...ratings,
      ratingScore: 87.9,
      inspectionTotal: 92,
      total: 90.4,
      band: 'good',
      status: 'scored',
      exemptReason: null,
    },
    {
      stationCode: 'T640402200',
      stationName: '开城镇公共法律服务工作站',
      township: region('640402200', '开城镇'),
      county: yuanzhou,
      city: guyuan,
      ...noRatings,
      ratingScore: null,
      inspectionTotal: null,
      total: null,
      band: null,
      status: 'exempt',
      exemptReason: '新建未满一年',
    },
  ],
  staff: [
    {
      staffId: 1,
      name: "=cmd|' /C calc'!A0",
      role: 'lawyer',
      organisation: '宁夏某律师事务所',
      licenceNumber: '16401201810123456',
      county: yuanzhou,
      city: guyuan,
      ...ratings,
      prior: 84.5,
      score: 87.6,
      band: 'good',
      status: 'scored',
      rank: 1,
    },
    {
      staffId: 2,
      name: '马明',
      role: 'mediator',
      organisation: '三营镇人民调解委员会',
      licenceNumber: null,
      county: yuanzhou,
      city: guyuan,
      ...{ ratings: 3, meanPoints: 80, satisfactionRate: 1, topTwoShare: 0.6667, badReviews: 0, casesDue: 0, casesOnTime: 0, casesOnTimeShare: null },
      prior: 82,
      score: null,
      band: null,
      status: 'insufficient',
      rank: 2,
    },
  ],
  counties: [
    {
      region: { ...yuanzhou, level: 'county' },
      workstations: 2,
      good: 1,
      fair: 0,
      poor: 0,
      exempt: 1,
      uninspected: 0,
      unscored: 0,
      meanTotal: 90.4,
      ratings: 47,
      bulletin: COUNTY_BULLETIN,
    },
  ],
  cities: [
    {
      region: { ...guyuan, level: 'city' },
      workstations: 2,
      good: 1,
      fair: 0,
      poor: 0,
      exempt: 1,
      uninspected: 0,
      unscored: 0,
      meanTotal: 90.4,
      ratings: 47,
      bulletin: CITY_BULLETIN,
    },
  ],
});

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** Rows as header → value maps. */
function csvTable(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
}

describe('assessmentCsv', () => {
  it('starts with a UTF-8 BOM, ends every line with CRLF and has Chinese headers', () => {
    const csv = assessmentCsv(assessment, 'workstations');
    expect(csv.startsWith('\uFEFF市,区县,乡镇(街道),工作站,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '').includes('\n')).toBe(false);
    const header = parseCsv(csv.slice(1))[0];
    expect(header).toEqual(expect.arrayContaining(['评价数', '满意率', '综合评分', '等次', '状态']));
  });

  it('quotes a name holding a comma and a quote, doubling the quote', () => {
    const csv = assessmentCsv(assessment, 'workstations');
    expect(csv).toContain(',"三营镇""示范"",工作站",');
    expect(csvTable(csv)[0]!['工作站']).toBe('三营镇"示范",工作站');
  });

  it('when a name starts like a formula, then it gets a leading apostrophe', () => {
    const staff = csvTable(assessmentCsv(assessment, 'staff'));
    expect(staff[0]!['姓名']).toBe("'=cmd|' /C calc'!A0");
    expect(staff[1]!['姓名']).toBe('马明');
  });

  it('renders shares as percentages, scores as plain numbers, nulls as empty and words in Chinese', () => {
    const [scored, exempt] = csvTable(assessmentCsv(assessment, 'workstations'));
    expect(scored).toMatchObject({ 满意率: '93.5%', 非常满意及满意占比: '80.0%', 综合评分: '90.4', 评价数: '40' });
    expect(scored).toMatchObject({ 等次: '好', 状态: '已验收', 评价平均分: '88.3' });
    expect(exempt).toMatchObject({ 满意率: '', 综合评分: '', 等次: '', 状态: '暂不参评', 暂不参评原因: '新建未满一年' });
    const [, insufficient] = csvTable(assessmentCsv(assessment, 'staff'));
    expect(insufficient).toMatchObject({ 人员类别: '人民调解员', 状态: '样本不足', 非常满意及满意占比: '66.7%', 得分: '' });
  });

  it('lists county rollups, then city rollups, with their level', () => {
    const rows = csvTable(assessmentCsv(assessment, 'counties'));
    expect(rows.map((r) => [r['层级'], r['行政区划']])).toEqual([
      ['县(区)', '原州区'],
      ['市', '固原市'],
    ]);
    expect(rows[1]!['通报']).toBe(CITY_BULLETIN);
  });
});

describe('assessmentXlsx', () => {
  let wb: Workbook;
  beforeAll(async () => {
    const buffer = await assessmentXlsx(assessment);
    expect(Buffer.isBuffer(buffer)).toBe(true);
    wb = new Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  });
  const sheet = (name: string): Worksheet => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  };
  const headers = (ws: Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
  const cellUnder = (ws: Worksheet, row: number, header: string) => ws.getRow(row).getCell(headers(ws).indexOf(header) + 1);

  it('has the four sheets in order, made by 公共法律服务评价', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['乡镇(街道)工作站', '人员', '区县汇总', '说明']);
    expect(wb.creator).toBe('公共法律服务评价');
  });

  it('freezes a bold header row with an autofilter on every table sheet', () => {
    for (const name of ['乡镇(街道)工作站', '人员', '区县汇总']) {
      const ws = sheet(name);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.autoFilter).toBeTruthy();
    }
  });

  it('has one row per workstation, staff member and rollup, with typed, formatted cells', () => {
    const stations = sheet('乡镇(街道)工作站');
    expect(stations.rowCount).toBe(1 + 2);
    expect(sheet('人员').rowCount).toBe(1 + 2);
    expect(sheet('区县汇总').rowCount).toBe(1 + 2);

    const total = cellUnder(stations, 2, '综合评分');
    expect(total.value).toBe(90.4);
    expect(total.numFmt).toBe('0.0');
    const share = cellUnder(stations, 2, '满意率');
    expect(share.value).toBe(0.935);
    expect(share.numFmt).toBe('0.0%');
    expect(cellUnder(stations, 2, '工作站').value).toBe('三营镇"示范",工作站');
    expect(cellUnder(stations, 3, '综合评分').value).toBeNull();
    expect(cellUnder(stations, 3, '状态').value).toBe('暂不参评');
    expect(cellUnder(sheet('人员'), 2, '执业证号').value).toBe('16401201810123456');
  });

  it('gives names wider columns than counts, even before there are rows to fit', async () => {
    const empty = new Workbook();
    await empty.xlsx.load((await assessmentXlsx({ ...assessment, workstations: [] })) as unknown as ArrayBuffer);
    for (const stations of [sheet('乡镇(街道)工作站'), empty.getWorksheet('乡镇(街道)工作站')!]) {
      const width = (header: string) => stations.getColumn(headers(stations).indexOf(header) + 1).width ?? 0;
      expect(width('工作站')).toBeGreaterThanOrEqual(24);
      expect(width('工作站')).toBeGreaterThan(width('评价数'));
    }
  });

  it('when there are no rollup rows (a county has no city row), then 区县汇总 still has its header', async () => {
    const empty = new Workbook();
    await empty.xlsx.load((await assessmentXlsx({ ...assessment, counties: [], cities: [] })) as unknown as ArrayBuffer);
    const ws = empty.getWorksheet('区县汇总')!;
    expect(ws.rowCount).toBe(1);
    expect(headers(ws)).toEqual(headers(sheet('区县汇总')));
    expect(parseCsv(assessmentCsv({ ...assessment, counties: [], cities: [] }, 'counties').slice(1))).toEqual([headers(sheet('区县汇总'))]);
  });

  it('puts each rollup bulletin in the last, wide, wrapped column of 区县汇总', () => {
    const ws = sheet('区县汇总');
    expect(headers(ws).at(-1)).toBe('通报');
    const last = ws.getRow(3).getCell(headers(ws).length);
    expect(last.value).toBe(CITY_BULLETIN);
    expect(last.alignment?.wrapText).toBe(true);
    expect(ws.getColumn(headers(ws).length).width).toBeGreaterThanOrEqual(60);
    expect(ws.getRow(2).getCell(1).value).toBe('县(区)');
  });

  it('explains scope, year, bulletin and policy on 说明', () => {
    const notes = new Map<string, unknown>();
    sheet('说明').eachRow((row) => notes.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(notes.get('年度')).toBe(2026);
    expect(String(notes.get('范围'))).toContain('固原市');
    expect(notes.get('生成时间')).toBe('2026-12-31 18:00(北京时间)');
    expect(notes.get('通报')).toBe(CITY_BULLETIN);
    expect(notes.get('每级分值')).toBe('非常满意 100,满意 80,基本满意 60,不满意 30,非常不满意 0');
    expect(notes.get('先验权重 m')).toBe(10);
    expect(notes.get('最少评价数')).toBe(5);
    expect([notes.get('验收权重'), notes.get('评价权重')]).toEqual([0.6, 0.4]);
    expect([notes.get('好 分数线'), notes.get('中 分数线')]).toEqual([86, 60]);
  });
});

describe('assessmentFilename and contentDisposition', () => {
  it('names the file by year, scope and, for a one-table CSV, the table', () => {
    expect(assessmentFilename(assessment, 'xlsx')).toBe('2026年度_固原市_公共法律服务评价.xlsx');
    expect(assessmentFilename(assessment, 'xlsx', 'workstations')).toBe('2026年度_固原市_公共法律服务评价.xlsx');
    expect(assessmentFilename(assessment, 'csv', 'staff')).toBe('2026年度_固原市_公共法律服务评价_人员.csv');
  });

  it('gives an ASCII fallback and a percent-encoded UTF-8 name (parentheses included)', () => {
    const name = assessmentFilename(assessment, 'csv', 'workstations');
    const header = contentDisposition(name);
    const match = /^attachment; filename="([\x20-\x7e]+)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
    expect(match).not.toBeNull();
    expect(match![1]).not.toMatch(/["\\%]/);
    expect(match![1]!.endsWith('.csv')).toBe(true);
    expect(decodeURIComponent(match![2]!)).toBe('2026年度_固原市_公共法律服务评价_乡镇(街道)工作站.csv');
    expect(match![2]).toContain('%28');
  });
});
