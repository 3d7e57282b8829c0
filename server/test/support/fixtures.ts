/**
 * A small hand-made piece of 固原市 (real GB/T 2260 codes and names): 原州区 with two townships and a
 * village, 西吉县 with one township; a few staff assigned from 2026-01-01. Numbers in tests are
 * worked out against exactly this.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client';
import { hashPassword } from '../../src/auth/passwords';

export const CODES = {
  province: '64',
  city: '6404',
  yuanzhou: '640402',
  xiji: '640422',
  nanguan: '640402001',
  sanying: '640402100',
  dongyuan: '640402100200',
  jiqiang: '640422100',
  otherCity: '6401',
  xingqing: '640104',
} as const;

export const STATIONS = {
  yuanzhouCentre: 'C640402',
  nanguan: 'T640402001',
  sanying: 'T640402100',
  dongyuan: 'V640402100200',
  jiqiang: 'T640422100',
  xingqingCentre: 'C640104',
} as const;

export const PASSWORD = 'correct horse 2026';

export async function seedFixtures(db: Db) {
  const r = (code: string, name: string, level: string, parentCode: string | null) => ({
    code,
    name,
    level,
    parentCode,
    provinceCode: code.slice(0, 2),
    cityCode: code.length >= 4 ? code.slice(0, 4) : null,
    countyCode: code.length >= 6 ? code.slice(0, 6) : null,
    townshipCode: code.length >= 9 ? code.slice(0, 9) : null,
  });
  for (const region of [
    r('64', '宁夏回族自治区', 'province', null),
    r('6401', '银川市', 'city', '64'),
    r('6404', '固原市', 'city', '64'),
    r('640104', '兴庆区', 'county', '6401'),
    r('640402', '原州区', 'county', '6404'),
    r('640422', '西吉县', 'county', '6404'),
    r('640402001', '南关街道', 'township', '640402'),
    r('640402100', '三营镇', 'township', '640402'),
    r('640402100200', '东塬村委会', 'village', '640402100'),
    r('640422100', '吉强镇', 'township', '640422'),
  ]) {
    await db.region.create({ data: region });
  }
  const station = (code: string, name: string, tier: string, regionCode: string, townshipCode: string | null) =>
    db.station.create({ data: { code, name, tier, regionCode, cityCode: regionCode.slice(0, 4), countyCode: regionCode.slice(0, 6), townshipCode } });
  const s = {
    yuanzhouCentre: await station(STATIONS.yuanzhouCentre, '原州区公共法律服务中心', 'county_centre', CODES.yuanzhou, null),
    nanguan: await station(STATIONS.nanguan, '南关街道公共法律服务工作站', 'township_workstation', CODES.nanguan, CODES.nanguan),
    sanying: await station(STATIONS.sanying, '三营镇公共法律服务工作站', 'township_workstation', CODES.sanying, CODES.sanying),
    dongyuan: await station(STATIONS.dongyuan, '东塬村公共法律服务工作室', 'village_room', CODES.dongyuan, CODES.sanying),
    jiqiang: await station(STATIONS.jiqiang, '吉强镇公共法律服务工作站', 'township_workstation', CODES.jiqiang, CODES.jiqiang),
    xingqingCentre: await station(STATIONS.xingqingCentre, '兴庆区公共法律服务中心', 'county_centre', CODES.xingqing, null),
  };
  // Lawyers' licence numbers are unique (per role), as the registry import requires.
  let serial = 0;
  const person = (name: string, role: string, organisation: string, countyCode: string) =>
    db.staff.create({
      data: { name, role, organisation, countyCode, cityCode: countyCode.slice(0, 4), licenceNumber: role === 'lawyer' ? `1640420181000000${++serial}` : null },
    });
  const staff = {
    lawyerMa: await person('马文清', 'lawyer', '宁夏固原律师事务所', CODES.yuanzhou),
    lawyerLi: await person('李海燕', 'lawyer', '宁夏六盘山律师事务所', CODES.yuanzhou),
    mediatorWang: await person('王建国', 'mediator', '三营镇人民调解委员会', CODES.yuanzhou),
    mediatorZhang: await person('张秀英', 'mediator', '吉强镇人民调解委员会', CODES.xiji),
    leftLawyer: await person('赵志刚', 'lawyer', '宁夏固原律师事务所', CODES.yuanzhou),
    yinchuanLawyer: await person('刘洋', 'lawyer', '宁夏银川律师事务所', CODES.xingqing),
  };
  const assign = (staffId: number, stationId: number, fromDate = '2026-01-01', toDate: string | null = null) =>
    db.assignment.create({ data: { staffId, stationId, fromDate, toDate } });
  await assign(staff.lawyerMa.id, s.sanying.id);
  await assign(staff.lawyerMa.id, s.dongyuan.id);
  await assign(staff.lawyerLi.id, s.nanguan.id);
  await assign(staff.lawyerLi.id, s.yuanzhouCentre.id);
  await assign(staff.mediatorWang.id, s.sanying.id);
  await assign(staff.mediatorZhang.id, s.jiqiang.id);
  await assign(staff.leftLawyer.id, s.sanying.id, '2026-01-01', '2026-03-31');
  await assign(staff.yinchuanLawyer.id, s.xingqingCentre.id);

  const passwordHash = await hashPassword(PASSWORD);
  const users = {
    region: await db.user.create({ data: { username: 'ningxia', passwordHash, role: 'region', regionCode: CODES.province } }),
    guyuan: await db.user.create({ data: { username: 'guyuan', passwordHash, role: 'city', regionCode: CODES.city } }),
    yuanzhou: await db.user.create({ data: { username: 'yuanzhou', passwordHash, role: 'county', regionCode: CODES.yuanzhou } }),
    xiji: await db.user.create({ data: { username: 'xiji', passwordHash, role: 'county', regionCode: CODES.xiji } }),
  };
  return { stations: s, staff, users };
}

/** What a resident's phone sends for a new rating: 马文清 at 三营镇, 非常满意, 个人; `over` changes any field. */
export function ratingBody(fx: Awaited<ReturnType<typeof seedFixtures>>, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientRequestId: randomUUID(),
    stationCode: STATIONS.sanying,
    staffId: fx.staff.lawyerMa.id,
    serviceType: 'consultation',
    level: 5,
    raterType: 'individual',
    ...over,
  };
}
