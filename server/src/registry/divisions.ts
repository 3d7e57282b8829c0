/**
 * Imports a province's divisions into Region and opens the service points the bulletin describes:
 * a 公共法律服务中心 per county, a 工作站 per township (乡镇/街道) and a 工作室 per village (村/社区).
 * Idempotent: it creates what is missing, corrects a renamed division, and leaves stations that
 * already exist as the bureau keeps them (their names may have been edited since).
 */
import { STATION_CODE_PREFIX, STATION_TIER_LABELS, type StationTier } from '@plsr/shared/vocabulary';
import type { Db } from '../db/client';
import { insertRows } from './bulk-insert';
import { readProvinceDivisions, type Division } from './china-division';

export interface ImportDivisionsResult {
  /** Regions and stations of the province after the import. */
  regions: number;
  stations: number;
  /** What this run added. */
  created: { regions: number; stations: number };
}

interface StationRow {
  code: string;
  name: string;
  tier: StationTier;
  regionCode: string;
  cityCode: string;
  countyCode: string;
  townshipCode: string | null;
}

/**
 * The everyday name of a village committee: 'X村村民委员会' → 'X村', 'X社区居民委员会' → 'X社区',
 * 'X居委会' → 'X社区'. Names without a committee suffix ('X社区', 'X生活区') stay as they are.
 */
export function villageShortName(official: string): string {
  const rules: Array<[suffix: string, ensure: string | null]> = [
    ['村民委员会', '村'],
    ['居民委员会', '社区'],
    ['村委会', '村'],
    ['居委会', '社区'],
    ['委员会', null],
  ];
  for (const [suffix, ensure] of rules) {
    if (!official.endsWith(suffix) || official.length === suffix.length) continue;
    const base = official.slice(0, -suffix.length);
    if (ensure === null || base.endsWith(ensure) || (ensure === '村' && /(嘎查|社区)$/.test(base))) return base;
    return base + ensure;
  }
  return official;
}

export function stationFor(d: Division): StationRow | null {
  const label = (tier: StationTier) => STATION_TIER_LABELS[tier];
  if (d.level === 'county' && d.cityCode) {
    const tier = 'county_centre';
    return {
      code: STATION_CODE_PREFIX[tier] + d.code,
      name: d.name + label(tier),
      tier,
      regionCode: d.code,
      cityCode: d.cityCode,
      countyCode: d.code,
      townshipCode: null,
    };
  }
  if (d.level === 'township' && d.cityCode && d.countyCode) {
    const tier = 'township_workstation';
    return {
      code: STATION_CODE_PREFIX[tier] + d.code,
      name: d.name + label(tier),
      tier,
      regionCode: d.code,
      cityCode: d.cityCode,
      countyCode: d.countyCode,
      townshipCode: d.code,
    };
  }
  if (d.level === 'village' && d.cityCode && d.countyCode && d.townshipCode) {
    const tier = 'village_room';
    return {
      code: STATION_CODE_PREFIX[tier] + d.code,
      name: villageShortName(d.name) + label(tier),
      tier,
      regionCode: d.code,
      cityCode: d.cityCode,
      countyCode: d.countyCode,
      townshipCode: d.townshipCode,
    };
  }
  return null;
}

const sameRegion = (a: Record<keyof Division, string | null>, b: Division) =>
  a.name === b.name &&
  a.level === b.level &&
  a.parentCode === b.parentCode &&
  a.cityCode === b.cityCode &&
  a.countyCode === b.countyCode &&
  a.townshipCode === b.townshipCode;

export async function importDivisions(db: Db, provinceCode: string, options: { log?: (msg: string) => void } = {}): Promise<ImportDivisionsResult> {
  const log = options.log ?? (() => undefined);
  const divisions = await readProvinceDivisions(provinceCode);
  const count = (level: Division['level']) => divisions.filter((d) => d.level === level).length;
  log(
    `${divisions[0]?.name} (${provinceCode}): ${count('city')} cities, ${count('county')} counties, ${count('township')} townships, ${count('village')} villages`,
  );
  const stations = divisions.map(stationFor).filter((s): s is StationRow => s !== null);
  const prefixes = Object.values(STATION_CODE_PREFIX).map((letter) => ({ code: { startsWith: letter + provinceCode } }));

  return db.$transaction(
    async (tx) => {
      const existing = new Map((await tx.region.findMany({ where: { provinceCode } })).map((r) => [r.code, r]));
      const missing = divisions.filter((d) => !existing.has(d.code));
      const changed = divisions.filter((d) => {
        const stored = existing.get(d.code);
        return stored !== undefined && !sameRegion(stored, d);
      });
      // Level by level, so that every parent is in place before its children.
      for (const level of ['province', 'city', 'county', 'township', 'village'] as const) {
        await insertRows(
          tx,
          'Region',
          missing.filter((d) => d.level === level).map((d) => ({ ...d })),
        );
      }
      for (const { code, ...fields } of changed) {
        await tx.region.update({ where: { code }, data: fields });
      }
      if (changed.length > 0) log(`updated ${changed.length} renamed or moved regions`);

      const existingStations = new Set((await tx.station.findMany({ where: { OR: prefixes }, select: { code: true } })).map((s) => s.code));
      const newStations = stations.filter((s) => !existingStations.has(s.code));
      const createdAt = new Date();
      await insertRows(
        tx,
        'Station',
        newStations.map((st) => ({ ...st, status: 'active', isDemo: false, createdAt })),
      );
      log(`created ${missing.length} regions and ${newStations.length} stations`);
      return {
        regions: existing.size + missing.length,
        stations: existingStations.size + newStations.length,
        created: { regions: missing.length, stations: newStations.length },
      };
    },
    { maxWait: 10_000, timeout: 300_000 },
  );
}
