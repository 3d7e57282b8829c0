/**
 * 站点管理: a bureau renames a station of its jurisdiction, suspends it (暂停: ratings and new posters
 * stop), closes it (撤销) or reopens it; and adds a village (村/社区) to a township with its 工作室 when
 * the division list does not have it yet (or gives an existing village its missing room). Audited.
 */
import type { ManagedStation, NewVillageRoom, StationUpdate } from '@plsr/shared/schemas';
import { parseVocabulary, STATION_STATUSES, STATION_TIERS } from '@plsr/shared/vocabulary';
import { assertWithinJurisdiction, type BureauUser } from '../auth/guards';
import { writeAudit } from '../audit/write';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { stationFor } from '../registry/divisions';

const SELECT = { id: true, code: true, name: true, tier: true, status: true, regionCode: true, countyCode: true, townshipCode: true } as const;
type Row = { code: string; name: string; tier: string; status: string; regionCode: string; countyCode: string; townshipCode: string | null };

const view = (s: Row): ManagedStation => ({
  code: s.code,
  name: s.name,
  tier: parseVocabulary(STATION_TIERS, s.tier, `Station ${s.code} tier`),
  status: parseVocabulary(STATION_STATUSES, s.status, `Station ${s.code} status`),
  regionCode: s.regionCode,
  countyCode: s.countyCode,
  townshipCode: s.townshipCode,
});

export async function updateStation(deps: AppDeps, user: BureauUser, code: string, input: StationUpdate): Promise<ManagedStation> {
  const station = await deps.db.station.findUnique({ where: { code }, select: SELECT });
  if (!station) throw new AppError('not_found', `站点 ${code} 不存在`);
  assertWithinJurisdiction(user, station.countyCode);
  const after = { name: input.name ?? station.name, status: input.status ?? station.status };
  if (after.name === station.name && after.status === station.status) return view(station);
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.station.update({ where: { code }, data: after, select: SELECT });
    await writeAudit(tx, deps.now(), user, {
      action: 'station.update',
      subject: `station:${code}`,
      regionCode: station.countyCode,
      reason: input.reason,
      before: { name: station.name, status: station.status },
      after,
    });
    return row;
  });
  return view(updated);
}

export async function addVillageRoom(deps: AppDeps, user: BureauUser, input: NewVillageRoom): Promise<ManagedStation> {
  const townshipCode = input.village.slice(0, 9);
  const township = await deps.db.region.findUnique({ where: { code: townshipCode } });
  if (!township || township.level !== 'township') {
    throw new AppError('validation_failed', `村(社区)代码的前 9 位 ${townshipCode} 不是已有的乡镇(街道)`, [
      { path: 'village', message: '前 9 位应为所属乡镇(街道)的代码' },
    ]);
  }
  assertWithinJurisdiction(user, townshipCode);
  const created = await deps.db.$transaction(async (tx) => {
    let village = await tx.region.findUnique({ where: { code: input.village } });
    if (!village) {
      if (!input.villageName) throw new AppError('validation_failed', '新增的村(社区)请填写名称', [{ path: 'villageName', message: '请填写村(社区)名称' }]);
      village = await tx.region.create({
        data: {
          code: input.village,
          name: input.villageName,
          level: 'village',
          parentCode: townshipCode,
          provinceCode: township.provinceCode,
          cityCode: township.cityCode,
          countyCode: township.countyCode,
          townshipCode,
        },
      });
    }
    const row = stationFor({ ...village, level: 'village' });
    if (!row) throw new Error(`village ${village.code} lacks its city, county or township code`);
    if (await tx.station.findUnique({ where: { code: row.code }, select: { id: true } }))
      throw new AppError('conflict', `${village.name}已有工作室(${row.code})`);
    const station = await tx.station.create({ data: { ...row, createdAt: deps.now() }, select: SELECT });
    await writeAudit(tx, deps.now(), user, {
      action: 'station.create',
      subject: `station:${station.code}`,
      regionCode: station.countyCode,
      reason: input.reason,
      after: { code: station.code, name: station.name, village: village.code, villageName: village.name },
    });
    return station;
  });
  return view(created);
}
