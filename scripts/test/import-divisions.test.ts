import { importDivisions, readProvinceDivisions, villageShortName } from '@plsr/server';
import { tempDb, type TempDb } from './support/temp-db';

describe('importDivisions', () => {
  let t: TempDb;
  let first: Awaited<ReturnType<typeof importDivisions>>;

  beforeAll(async () => {
    t = await tempDb('import');
    first = await importDivisions(t.db, '64');
  });
  afterAll(() => t.remove());

  it('when Ningxia (64) is imported, then it has 5 cities, 22 counties, 259 townships and 2,912 villages', async () => {
    const byLevel = await t.db.region.groupBy({ by: ['level'], _count: true });
    const counts = Object.fromEntries(byLevel.map((g) => [g.level, g._count]));
    expect(counts).toEqual({ province: 1, city: 5, county: 22, township: 259, village: 2912 });
    expect(first.created).toEqual({ regions: 3199, stations: 3193 });
    expect(first).toMatchObject({ regions: 3199, stations: 3193 });
  });

  it('then every county has a centre, every township a workstation and every village a room', async () => {
    const byTier = await t.db.station.groupBy({ by: ['tier'], _count: true });
    expect(Object.fromEntries(byTier.map((g) => [g.tier, g._count]))).toEqual({
      county_centre: 22,
      township_workstation: 259,
      village_room: 2912,
    });
  });

  it('then the workstation counts match the 2018 bulletin: 固原 65, 石嘴山 36', async () => {
    const count = (cityCode: string) => t.db.station.count({ where: { tier: 'township_workstation', cityCode } });
    expect(await count('6404')).toBe(65);
    expect(await count('6402')).toBe(36);
  });

  it('then ancestor codes are copied down to each village', async () => {
    const village = await t.db.region.findUniqueOrThrow({ where: { code: '640106006005' } });
    expect(village).toMatchObject({
      level: 'village',
      parentCode: '640106006',
      provinceCode: '64',
      cityCode: '6401',
      countyCode: '640106',
      townshipCode: '640106006',
    });
  });

  it('then stations are named and coded after their division', async () => {
    const byCode = async (code: string) => t.db.station.findUniqueOrThrow({ where: { code } });
    expect(await byCode('C640402')).toMatchObject({
      name: '原州区公共法律服务中心',
      tier: 'county_centre',
      townshipCode: null,
      countyCode: '640402',
      cityCode: '6404',
    });
    expect(await byCode('T640181201')).toMatchObject({ name: '白土岗乡公共法律服务工作站', townshipCode: '640181201', regionCode: '640181201' });
    // 阅海万家 is the room the bulletin mentions in 金凤区.
    expect(await byCode('V640106006005')).toMatchObject({ name: '阅海万家社区公共法律服务工作室', townshipCode: '640106006', countyCode: '640106' });
    const committees = await t.db.station.count({ where: { tier: 'village_room', name: { contains: '委员会' } } });
    expect(committees).toBe(0);
  });

  it('when the import runs again, then it creates nothing and changes nothing', async () => {
    const snapshot = async () => ({
      regions: await t.db.region.findMany({ orderBy: { code: 'asc' } }),
      stations: await t.db.station.findMany({ orderBy: { code: 'asc' } }),
    });
    const before = await snapshot();
    const again = await importDivisions(t.db, '64');
    expect(again).toEqual({ regions: 3199, stations: 3193, created: { regions: 0, stations: 0 } });
    expect(await snapshot()).toEqual(before);
  });

  it('when the province code is unknown, then it throws a clear error and writes nothing', async () => {
    await expect(importDivisions(t.db, '99')).rejects.toThrow(/未知的省级行政区划代码 "99".*unknown province code/);
    expect(await t.db.region.count({ where: { provinceCode: '99' } })).toBe(0);
  });
});

describe('villageShortName', () => {
  it.each([
    ['白墩村村民委员会', '白墩村'],
    ['桥西社区居民委员会', '桥西社区'],
    ['光华门村委会', '光华门村'],
    ['建设居委会', '建设社区'],
    ['阳光社区居委会', '阳光社区'],
    ['兴民村委员会', '兴民村'],
    ['阅海万家社区', '阅海万家社区'],
    ['周段头村', '周段头村'],
    ['金山林场生活区', '金山林场生活区'],
    ['乌兰嘎查村民委员会', '乌兰嘎查'],
  ])('%s → %s', (official, short) => {
    expect(villageShortName(official)).toBe(short);
  });
});

describe('readProvinceDivisions', () => {
  it('when a municipality is read, then its city-level rows 市辖区 and 县 are kept as they are', async () => {
    const divisions = await readProvinceDivisions('50');
    const cities = divisions.filter((d) => d.level === 'city').map((d) => [d.code, d.name]);
    expect(cities).toEqual([
      ['5001', '市辖区'],
      ['5002', '县'],
    ]);
    const county = divisions.find((d) => d.code === '500101');
    expect(county).toMatchObject({ name: '万州区', level: 'county', parentCode: '5001', cityCode: '5001' });
    expect(divisions.filter((d) => d.level === 'village').every((d) => d.code.startsWith('50') && d.townshipCode)).toBe(true);
  });
});
