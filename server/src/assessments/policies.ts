/**
 * The policy of a year and region (issue 13, part 3): every number of the BRIEF's "Scores". The
 * region's account sets the region's, a city's account its city's (a city without its own follows
 * the region's, and the defaults apply where neither is set). A preview scores the year-end under a
 * draft beside the current policy and says what moves; it is the publish that policy would give. Once
 * a year-end of the year is published over the region (or inside it), its policy is fixed.
 */
import type { Assessment, PolicyInput, PolicyPreview, PolicyView } from '@plsr/shared/schemas';
import { AssessmentPolicySchema, type AssessmentPolicy } from '@plsr/shared/scoring';
import type { BureauUser } from '../auth/guards';
import { writeAudit } from '../audit/write';
import type { Db } from '../db/client';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { ancestorCodes } from '../regions/codes';
import { assessmentChanges, assessmentDigest } from './changes';
import { findRegion, policyFor } from './repository';
import { assertPolicyOwner, CHANGES_SHOWN, isPolicyOwner } from './runs';
import { assess, workstationBands } from './service';

/** Policies are set for the region and for cities: a county follows its city's. */
async function policyRegion(db: Db, code: string) {
  const region = await findRegion(db, code);
  if (!region) throw new AppError('not_found', `行政区划代码 ${code} 不存在`);
  if (region.level !== 'province' && region.level !== 'city') throw new AppError('bad_request', '考核政策按自治区或市设定,县(区)执行所在市的政策');
  return region;
}

/** The first published run that fixes the policy of this year and region: over it, or inside it. */
function fixingRun(db: Pick<Db, 'assessmentRun'>, year: number, code: string) {
  return db.assessmentRun.findFirst({
    where: { year, OR: [{ regionCode: { in: ancestorCodes(code, true) } }, { regionCode: { startsWith: code } }] },
    orderBy: { id: 'asc' },
  });
}

export async function viewPolicy(deps: Pick<AppDeps, 'db'>, user: BureauUser, year: number, code: string): Promise<PolicyView> {
  const region = await policyRegion(deps.db, code);
  const rows = await deps.db.assessmentPolicy.findMany({ where: { year, regionCode: { in: ancestorCodes(code, true) } }, select: { regionCode: true } });
  const nearest = rows.map((r) => r.regionCode).sort((a, b) => b.length - a.length)[0];
  const sourceRegion = nearest ? await findRegion(deps.db, nearest) : null;
  const fixed = await fixingRun(deps.db, year, code);
  const fixedScope = fixed ? await findRegion(deps.db, fixed.regionCode) : null;
  return {
    year,
    region: { code: region.code, name: region.name, level: region.level },
    policy: await policyFor(deps.db, year, code),
    source: sourceRegion ? { code: sourceRegion.code, name: sourceRegion.name } : null,
    fixed: fixed
      ? { scope: { code: fixed.regionCode, name: fixedScope?.name ?? fixed.regionCode }, revision: fixed.revision, publishedAt: fixed.createdAt.toISOString() }
      : null,
    editable: isPolicyOwner(user, code) && !fixed,
  };
}

/** Sets the region's own policy for the year; refused once a year-end over or inside it is published. Audited with both policies. */
export async function setPolicy(deps: Pick<AppDeps, 'db' | 'now'>, user: BureauUser, year: number, code: string, input: PolicyInput): Promise<PolicyView> {
  assertPolicyOwner(user, code, '设定考核政策');
  await policyRegion(deps.db, code);
  const at = deps.now();
  await deps.db.$transaction(async (tx) => {
    const fixed = await fixingRun(tx, year, code);
    if (fixed) throw new AppError('conflict', `${year} 年度的考核结果已发布(第 ${fixed.revision} 版),当年的考核政策不能再修改`);
    const before = await policyFor(tx, year, code);
    const policyJson = JSON.stringify(input.policy);
    await tx.assessmentPolicy.upsert({
      where: { year_regionCode: { year, regionCode: code } },
      create: { year, regionCode: code, policyJson, createdAt: at },
      update: { policyJson },
    });
    await writeAudit(tx, at, user, {
      action: 'policy.set',
      subject: `policy:${year}:${code}`,
      regionCode: code,
      reason: input.reason,
      before,
      after: input.policy,
    });
  });
  return viewPolicy(deps, user, year, code);
}

function side(a: Assessment): PolicyPreview['current'] {
  const count = <T>(rows: T[], test: (r: T) => boolean) => rows.filter(test).length;
  return {
    bulletin: a.bulletin,
    workstations: workstationBands(a.workstations),
    staff: {
      good: count(a.staff, (s) => s.band === 'good'),
      fair: count(a.staff, (s) => s.band === 'fair'),
      poor: count(a.staff, (s) => s.band === 'poor'),
      unbanded: count(a.staff, (s) => s.band === null),
    },
  };
}

/** The year-end now and under the draft, side by side, and every score, band and rank that moves. Writes nothing. */
export async function previewPolicy(
  deps: Pick<AppDeps, 'db' | 'now'>,
  user: BureauUser,
  year: number,
  code: string,
  draft: AssessmentPolicy,
): Promise<PolicyPreview> {
  assertPolicyOwner(user, code, '预览考核政策');
  await policyRegion(deps.db, code);
  const current = await assess(deps, user, year, code);
  const drafted = await assess(deps, user, year, code, { policy: AssessmentPolicySchema.parse(draft) });
  const changes = assessmentChanges(current, drafted);
  return {
    current: side(current),
    draft: side(drafted),
    changes: changes.slice(0, CHANGES_SHOWN),
    changeCount: changes.length,
    draftDigest: assessmentDigest(drafted),
  };
}
