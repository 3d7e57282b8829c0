/**
 * The village rooms drawn for 验收 (the bulletin's "抽取的12个村(社区)工作室"), reproducibly: each
 * room's rank is SHA-256 of "<seed>:<station code>" (hex), the lowest ranks are drawn. Anyone with the
 * seed and the list of rooms can draw again and get the same list; a different seed gives another.
 * One sample per county and year: drawing again is refused, so no one can draw until they like it.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Sample, SampleInput, SampleList } from '@plsr/shared/schemas';
import { assertWithinJurisdiction, type BureauUser } from '../auth/guards';
import { writeAudit } from '../audit/write';
import type { Db } from '../db/client';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { INSPECTION_SELECT, stationViews } from './service';

/** The `size` codes of lowest rank under `seed`, in rank order (all of them when there are fewer). */
export function drawSample(codes: readonly string[], seed: string, size: number): string[] {
  const rank = (code: string) => createHash('sha256').update(`${seed}:${code}`, 'utf8').digest('hex');
  return [...new Set(codes)]
    .map((code) => ({ code, rank: rank(code) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, size)
    .map((r) => r.code);
}

type SampleRow = { year: number; countyCode: string; seed: string; size: number; stationCodes: string; population: number; drawnAt: Date; drawnBy: string };

async function sampleViews(db: Db, rows: SampleRow[]): Promise<Sample[]> {
  if (rows.length === 0) return [];
  const codes = rows.flatMap((r) => JSON.parse(r.stationCodes) as string[]);
  const year = rows[0]!.year;
  const stations = await db.station.findMany({
    where: { code: { in: codes } },
    select: { code: true, name: true, tier: true, countyCode: true, townshipCode: true, inspections: { where: { year }, select: INSPECTION_SELECT } },
  });
  const views = new Map((await stationViews(db, stations)).map((v) => [v.code, v]));
  const counties = new Map(
    (await db.region.findMany({ where: { code: { in: rows.map((r) => r.countyCode) } }, select: { code: true, name: true } })).map((c) => [c.code, c.name]),
  );
  return rows.map((r) => ({
    year: r.year,
    county: { code: r.countyCode, name: counties.get(r.countyCode) ?? r.countyCode },
    seed: r.seed,
    size: r.size,
    population: r.population,
    drawnAt: r.drawnAt.toISOString(),
    drawnBy: r.drawnBy,
    stations: (JSON.parse(r.stationCodes) as string[]).map((code) => {
      const view = views.get(code);
      if (!view) throw new Error(`sampled station ${code} is missing`);
      return view;
    }),
  }));
}

/** Draws the year's sample of a county's open village rooms and keeps the seed and the list. */
export async function drawInspectionSample(deps: AppDeps, user: BureauUser, year: number, input: SampleInput): Promise<Sample> {
  const county = await deps.db.region.findUnique({ where: { code: input.county }, select: { code: true, level: true } });
  if (!county) throw new AppError('not_found', `行政区划 ${input.county} 不存在`);
  assertWithinJurisdiction(user, county.code);
  if (county.level !== 'county') throw new AppError('validation_failed', '按县(区)抽取村(社区)工作室', [{ path: 'county', message: '请选择一个县(区)' }]);
  const rooms = await deps.db.station.findMany({
    where: { tier: 'village_room', countyCode: county.code, status: { not: 'closed' } },
    select: { code: true },
    orderBy: { code: 'asc' },
  });
  if (rooms.length === 0) throw new AppError('conflict', '该县(区)没有可抽取的村(社区)工作室');
  const seed = input.seed ?? String(randomInt(10_000_000, 100_000_000));
  const drawn = drawSample(
    rooms.map((r) => r.code),
    seed,
    input.size,
  );
  const row = await deps.db.$transaction(async (tx) => {
    if (await tx.inspectionSample.findUnique({ where: { year_countyCode: { year, countyCode: county.code } }, select: { id: true } })) {
      throw new AppError('conflict', `${year} 年已抽取过该县(区)的村(社区)工作室,不能重新抽取`);
    }
    const { username } = await tx.user.findUniqueOrThrow({ where: { id: user.userId }, select: { username: true } });
    const created = await tx.inspectionSample.create({
      data: {
        year,
        countyCode: county.code,
        seed,
        size: input.size,
        stationCodes: JSON.stringify(drawn),
        population: rooms.length,
        drawnAt: deps.now(),
        drawnBy: username,
      },
    });
    await writeAudit(tx, deps.now(), user, {
      action: 'inspection.sample',
      subject: `sample:${county.code}:${year}`,
      regionCode: county.code,
      after: { seed, size: input.size, population: rooms.length, stations: drawn },
    });
    return created;
  });
  return (await sampleViews(deps.db, [row]))[0]!;
}

/** The year's samples of the counties inside `region`. */
export async function listInspectionSamples(deps: Pick<AppDeps, 'db'>, year: number, region: string): Promise<SampleList> {
  const rows = await deps.db.inspectionSample.findMany({ where: { year, countyCode: { startsWith: region } }, orderBy: { countyCode: 'asc' } });
  return { year, samples: await sampleViews(deps.db, rows) };
}

/** Whether a village room is in its county's sample for the year (then it may be inspected). */
export async function isSampled(db: Db, year: number, countyCode: string, code: string): Promise<boolean> {
  const sample = await db.inspectionSample.findUnique({ where: { year_countyCode: { year, countyCode } }, select: { stationCodes: true } });
  return sample ? (JSON.parse(sample.stationCodes) as string[]).includes(code) : false;
}
