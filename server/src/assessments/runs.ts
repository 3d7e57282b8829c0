/**
 * Publishing the year-end (issue 13, part 4). The region publishes the region's, a city its own: the
 * year-end as computed now is frozen as an AssessmentRun with its policy, the inputs' counts and the
 * calendars its deadlines used. Nothing ever changes a run (database triggers refuse it); a later
 * correction — an upheld appeal, a late inspection — is published as the next revision, with its
 * reason and what changed from the one before. Every revision stays readable, as JSON or the files,
 * for the published scope or any county or city inside it.
 */
import type { Assessment, AssessmentRun, PublishInput, RunChange, RunInputs } from '@plsr/shared/schemas';
import { AssessmentSchema, RunChangeSchema, RunInputsSchema } from '@plsr/shared/schemas';
import { AssessmentPolicySchema } from '@plsr/shared/scoring';
import { REGION_LEVELS, parseVocabulary } from '@plsr/shared/vocabulary';
import type { BureauUser } from '../auth/guards';
import { writeAudit } from '../audit/write';
import type { Db } from '../db/client';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { ancestorCodes } from '../regions/codes';
import { assessmentChanges, assessmentDigest } from './changes';
import { findRegion } from './repository';
import { assess } from './service';

/** How many changes a run or a preview lists (the count says how many in all). */
export const CHANGES_SHOWN = 200;

/** The region's account publishes (and sets the policy of) the region, a city's account its city; no one else. */
export function isPolicyOwner(user: BureauUser, regionCode: string): boolean {
  return user.regionCode === regionCode && ((user.role === 'region' && regionCode.length === 2) || (user.role === 'city' && regionCode.length === 4));
}

export function assertPolicyOwner(user: BureauUser, regionCode: string, what: string): void {
  if (!isPolicyOwner(user, regionCode)) throw new AppError('forbidden', `${what}由自治区司法厅(全区)或市司法局(本市)办理`);
}

export async function publishRun(deps: Pick<AppDeps, 'db' | 'now'>, user: BureauUser, input: PublishInput): Promise<AssessmentRun> {
  assertPolicyOwner(user, input.region, '发布年终考核结果');
  const at = deps.now();
  const result = await assess(deps, user, input.year, input.region);
  const digest = assessmentDigest(result);
  const previous = await deps.db.assessmentRun.findFirst({ where: { year: input.year, regionCode: input.region }, orderBy: { revision: 'desc' } });
  if (previous && !input.reason) throw new AppError('bad_request', `${input.year} 年度已发布第 ${previous.revision} 版,发布修订版须写明原因`);
  if (previous?.digest === digest) {
    throw new AppError('conflict', `与已发布的第 ${previous.revision} 版相比没有任何变化,无需发布修订版`);
  }
  const changes = previous ? assessmentChanges(AssessmentSchema.parse(JSON.parse(previous.resultJson)), result) : [];
  const inputs = await runInputs(deps.db, result);
  const { username } = await deps.db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { username: true } });
  const revision = (previous?.revision ?? 0) + 1;
  const row = await deps.db
    .$transaction(async (tx) => {
      const made = await tx.assessmentRun.create({
        data: {
          year: input.year,
          regionCode: input.region,
          revision,
          reason: input.reason ?? null,
          policyJson: JSON.stringify(result.policy),
          inputsJson: JSON.stringify(inputs),
          resultJson: JSON.stringify(result),
          digest,
          changesJson: JSON.stringify(changes),
          ratingCount: result.totals.ratings,
          createdBy: username,
          createdAt: at,
        },
      });
      await writeAudit(tx, at, user, {
        action: 'assessment.publish',
        subject: `assessment:${input.year}:${input.region}`,
        regionCode: input.region,
        reason: input.reason,
        after: { revision, digest, ratings: result.totals.ratings, changes: changes.length },
      });
      return made;
    })
    .catch((error: unknown) => {
      // Two publishers at once: the unique (year, region, revision) lets one in.
      if ((error as { code?: string }).code === 'P2002') throw new AppError('conflict', '刚刚有人发布了同一年度的结果,请刷新后再看');
      throw error;
    });
  return (await runViews(deps.db, [row]))[0]!;
}

/** What the published year-end counted, from its result and the tables beside it; the calendars whole. */
async function runInputs(db: Db, a: Assessment): Promise<RunInputs & { calendarSnapshots: unknown[] }> {
  const snapshots = await db.calendarSnapshot.findMany({ where: { year: { in: [a.year, a.year + 1] } }, orderBy: { year: 'asc' } });
  const appealsUpheld = await db.appeal.count({ where: { status: 'upheld', countyCode: { startsWith: a.region.code }, rating: { serviceYear: a.year } } });
  const sum = (f: (s: Assessment['staff'][number]) => number) => a.staff.reduce((n, s) => n + f(s), 0);
  return {
    ratings: a.totals.ratings,
    workstations: a.workstations.length,
    inspected: a.workstations.filter((w) => w.inspectionTotal !== null).length,
    exempt: a.workstations.filter((w) => w.status === 'exempt').length,
    staff: a.staff.length,
    casesDue: sum((s) => s.casesDue),
    casesOnTime: sum((s) => s.casesOnTime),
    appealsUpheld,
    calendars: snapshots.map((s) => ({ year: s.year, source: s.source })),
    calendarSnapshots: snapshots.map((s) => ({ year: s.year, source: s.source, json: s.json })),
  };
}

type RunRow = NonNullable<Awaited<ReturnType<Db['assessmentRun']['findFirst']>>>;

async function runViews(db: Db, rows: RunRow[]): Promise<AssessmentRun[]> {
  const scopes = await db.region.findMany({
    where: { code: { in: [...new Set(rows.map((r) => r.regionCode))] } },
    select: { code: true, name: true, level: true },
  });
  const scopeOf = new Map(
    scopes.map((s) => [s.code, { code: s.code, name: s.name, level: parseVocabulary(REGION_LEVELS, s.level, `region ${s.code} level`) }]),
  );
  return rows.map((r) => {
    const changes = RunChangeSchema.array().parse(JSON.parse(r.changesJson));
    return {
      id: r.id,
      year: r.year,
      scope: scopeOf.get(r.regionCode) ?? { code: r.regionCode, name: r.regionCode, level: 'province' },
      revision: r.revision,
      reason: r.reason,
      publishedBy: r.createdBy,
      publishedAt: r.createdAt.toISOString(),
      digest: r.digest,
      inputs: RunInputsSchema.parse(JSON.parse(r.inputsJson)),
      changes: changes.slice(0, CHANGES_SHOWN),
      changeCount: changes.length,
    };
  });
}

/** The revisions published for the year whose scope holds the region (the region's own, its city's, the province's), newest first. */
export async function listRuns(db: Db, year: number, regionCode: string): Promise<AssessmentRun[]> {
  const rows = await db.assessmentRun.findMany({
    where: { year, regionCode: { in: ancestorCodes(regionCode, true) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const runs = await runViews(db, rows);
  // Seen from a county or city inside the scope: the changes there.
  return runs.map((run) => {
    if (regionCode === run.scope.code) return run;
    const mine = JSON.parse(rows.find((r) => r.id === run.id)!.changesJson) as RunChange[];
    const inside = mine.filter((c) => c.county.startsWith(regionCode));
    return { ...run, changes: inside.slice(0, CHANGES_SHOWN), changeCount: inside.length };
  });
}

/** A published revision, for its scope or a county or city inside it: the frozen result, with which revision it is. */
export async function runAssessment(db: Db, id: number, regionCode: string | undefined): Promise<Assessment> {
  const row = await db.assessmentRun.findUnique({ where: { id } });
  if (!row) throw new AppError('not_found', `考核结果版本 ${id} 不存在`);
  const region = regionCode ?? row.regionCode;
  if (!region.startsWith(row.regionCode)) throw new AppError('bad_request', `第 ${row.revision} 版的范围不包含行政区划 ${region}`);
  const frozen = AssessmentSchema.parse(JSON.parse(row.resultJson));
  // The policy as stored, checked against today's schema: a run that no longer reads fails loudly.
  AssessmentPolicySchema.parse(JSON.parse(row.policyJson));
  const narrowed = await narrow(db, frozen, region);
  return {
    ...narrowed,
    publication: {
      runId: row.id,
      revision: row.revision,
      reason: row.reason,
      publishedAt: row.createdAt.toISOString(),
      publishedBy: row.createdBy,
      scope: { code: frozen.region.code, name: frozen.region.name },
    },
  };
}

/** The part of a year-end inside a county or city of its scope, with that region's own bulletin and totals. */
async function narrow(db: Db, a: Assessment, code: string): Promise<Assessment> {
  if (code === a.region.code) return a;
  const row = [...a.cities, ...a.counties].find((r) => r.region.code === code);
  if (!row) {
    const found = await findRegion(db, code);
    throw new AppError('bad_request', `已发布的结果按省(区)、市、县(区)汇总,不含${found ? found.name : code}这一级`);
  }
  const workstations = a.workstations.filter((w) => w.county.code.startsWith(code));
  const staff = a.staff.filter((s) => s.county.code.startsWith(code));
  return {
    ...a,
    region: row.region,
    bulletin: row.bulletin,
    totals: { ratings: row.ratings, workstations: workstations.length, staff: staff.length },
    workstations,
    staff,
    counties: a.counties.filter((c) => c.region.code.startsWith(code)),
    cities: row.region.level === 'city' ? [row] : [],
  };
}
