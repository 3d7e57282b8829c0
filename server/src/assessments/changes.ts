/**
 * What differs between two year-ends of the same scope and year: two published revisions (what a
 * correction changed), or the current policy's and a draft's (what a policy change would move). Row by
 * row — a workstation by its code, a person by their id, a county or city by its code — figure by
 * figure; and a digest of a year-end that two equal computations share whatever their time.
 */
import { createHash } from 'node:crypto';
import type { Assessment, RunChange } from '@plsr/shared/schemas';
import type { RunChangeField } from '@plsr/shared/vocabulary';

type Figure = string | number | null;
interface Keyed {
  key: string;
  name: string;
  county: string;
  figures: Partial<Record<RunChangeField, Figure>>;
}

const workstations = (a: Assessment): Keyed[] =>
  a.workstations.map((w) => ({
    key: w.stationCode,
    name: w.stationName,
    county: w.county.code,
    figures: {
      ratings: w.ratings,
      inspectionTotal: w.inspectionTotal,
      ratingScore: w.ratingScore,
      total: w.total,
      band: w.band,
      status: w.status,
      casesDue: w.casesDue,
      casesOnTime: w.casesOnTime,
    },
  }));

const staff = (a: Assessment): Keyed[] =>
  a.staff.map((s) => ({
    key: String(s.staffId),
    name: s.name,
    county: s.county.code,
    figures: { ratings: s.ratings, score: s.score, band: s.band, rank: s.rank, status: s.status, casesDue: s.casesDue, casesOnTime: s.casesOnTime },
  }));

/** The counties' and cities' rollups, and the scope's own (a province's is in neither list). */
function regions(a: Assessment): Keyed[] {
  const rows = [...a.cities, ...a.counties].map((r) => ({
    key: r.region.code,
    name: r.region.name,
    county: r.region.code,
    figures: { ratings: r.ratings, bulletin: r.bulletin },
  }));
  if (!rows.some((r) => r.key === a.region.code)) {
    rows.push({ key: a.region.code, name: a.region.name, county: a.region.code, figures: { ratings: a.totals.ratings, bulletin: a.bulletin } });
  }
  return rows;
}

function diff(kind: RunChange['kind'], before: Keyed[], after: Keyed[]): RunChange[] {
  const was = new Map(before.map((r) => [r.key, r]));
  const now = new Map(after.map((r) => [r.key, r]));
  const out: RunChange[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const b = was.get(key);
    const a = now.get(key);
    const row = (a ?? b)!;
    const base = { kind, key, name: row.name, county: row.county };
    if (!b || !a) {
      out.push({ ...base, field: 'row', before: b ? '列入' : null, after: a ? '列入' : null });
      continue;
    }
    for (const field of Object.keys(a.figures) as RunChangeField[]) {
      const x = b.figures[field] ?? null;
      const y = a.figures[field] ?? null;
      if (x !== y) out.push({ ...base, field, before: x, after: y });
    }
  }
  return out;
}

/** Every figure that differs, workstations first, then people, then the counties' and cities' rollups. */
export function assessmentChanges(before: Assessment, after: Assessment): RunChange[] {
  return [
    ...diff('workstation', workstations(before), workstations(after)),
    ...diff('staff', staff(before), staff(after)),
    ...diff('region', regions(before), regions(after)),
  ];
}

/** sha256 of a year-end without its time and its publication: the same policy and inputs give the same digest. */
export function assessmentDigest(a: Assessment): string {
  const { generatedAt: _time, publication: _publication, ...result } = a;
  return createHash('sha256').update(JSON.stringify(result)).digest('hex');
}
