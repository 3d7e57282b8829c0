/**
 * A bureau's review of the ratings the fraud rules put on hold: the incidents in its jurisdiction,
 * and its decisions. Clearing a rating makes it count (valid, or superseded if the same resident has
 * a later voice for that person); excluding it keeps it, never counted. Each decision is one audit
 * record per rating (who, when, what, why), written in the transaction that changes the rating.
 */
import { createHmac } from 'node:crypto';
import type { HeldRating, ReviewDecisionInput, ReviewDecisionResult, ReviewIncident, ReviewIncidentQuery } from '@plsr/shared/schemas';
import { parseVocabulary, RATING_STATUSES, REVIEW_RULE_LABELS, REVIEW_RULES, SERVICE_TYPES, STAFF_ROLES } from '@plsr/shared/vocabulary';
import { policyFor } from '../assessments/repository';
import type { BureauUser } from '../auth/guards';
import { writeAudits } from '../audit/write';
import type { AppDeps } from '../http/context';
import { chunks } from '../db/chunks';
import { AppError } from '../http/errors';
import { deriveVoices, type VoiceGroup } from './one-voice';
import { voidCases, VOID_NOTE } from '../cases/open';

const MINUTE = 60_000;
const INCIDENTS_SHOWN = 100;
const RATINGS_SHOWN = 1000;

export async function listIncidents(deps: AppDeps, query: ReviewIncidentQuery): Promise<ReviewIncident[]> {
  const inRegion = { countyCode: { startsWith: query.region } };
  // The incidents holding ratings of the region: by the ratings, so an incident that began in
  // another county is listed to each county it reached.
  const incidents = await deps.db.reviewIncident.findMany({
    where: { flags: { some: { rating: { ...inRegion, ...(query.state === 'pending' ? { status: 'flagged' } : {}) } } } },
    orderBy: [{ lastAt: 'desc' }, { id: 'desc' }],
    take: INCIDENTS_SHOWN,
  });
  const staffIds = incidents.map((i) => i.staffId).filter((id): id is number => id !== null);
  const staff = new Map(
    (await deps.db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true, role: true } })).map((s) => [s.id, s]),
  );
  const out: ReviewIncident[] = [];
  for (const incident of incidents) {
    const flags = await deps.db.ratingFlag.findMany({
      where: { incidentId: incident.id, rating: inRegion },
      orderBy: { ratingId: 'asc' },
      take: RATINGS_SHOWN,
      select: {
        rating: {
          select: {
            id: true,
            level: true,
            serviceType: true,
            serviceDate: true,
            createdAt: true,
            status: true,
            residentId: true,
            resident: { select: { createdAt: true } },
            station: { select: { code: true, name: true } },
            staff: { select: { id: true, name: true, role: true } },
          },
        },
      },
    });
    const ratings: HeldRating[] = flags.map(({ rating: r }) => ({
      id: r.id,
      staff: { ...r.staff, role: parseVocabulary(STAFF_ROLES, r.staff.role, `Staff ${r.staff.id} role`) },
      station: r.station,
      serviceType: parseVocabulary(SERVICE_TYPES, r.serviceType, `Rating ${r.id} serviceType`),
      level: r.level,
      serviceDate: r.serviceDate,
      createdAt: r.createdAt.toISOString(),
      status: parseVocabulary(RATING_STATUSES, r.status, `Rating ${r.id} status`),
      rater: raterPseudonym(deps, incident.id, r.residentId),
      raterAgeMinutes: Math.max(0, Math.floor((r.createdAt.getTime() - r.resident.createdAt.getTime()) / MINUTE)),
    }));
    const count = (s: string) => ratings.filter((r) => r.status === s).length;
    const person = incident.staffId === null ? undefined : staff.get(incident.staffId);
    out.push({
      id: incident.id,
      rule: parseVocabulary(REVIEW_RULES, incident.rule, `ReviewIncident ${incident.id} rule`),
      ruleLabel: REVIEW_RULE_LABELS[parseVocabulary(REVIEW_RULES, incident.rule, `ReviewIncident ${incident.id} rule`)],
      staff: person ? { ...person, role: parseVocabulary(STAFF_ROLES, person.role, `Staff ${person.id} role`) } : null,
      firstAt: incident.firstAt.toISOString(),
      lastAt: incident.lastAt.toISOString(),
      evidence: JSON.parse(incident.evidenceJson) as ReviewIncident['evidence'],
      counts: { pending: count('flagged'), cleared: ratings.length - count('flagged') - count('excluded'), excluded: count('excluded') },
      ratings,
    });
  }
  return out;
}

/**
 * 评价人 + four hex characters, keyed by the incident: the same rater reads the same within an
 * incident (a bureau sees that forty ratings came from one device) and cannot be followed across
 * incidents or traced back to a resident.
 */
function raterPseudonym(deps: AppDeps, incidentId: number, residentId: number): string {
  const tag = createHmac('sha256', deps.config.residentHashKey).update(`rater:${incidentId}:${residentId}`).digest('hex').slice(0, 6).toUpperCase();
  return `评价人 ${tag}`;
}

export async function decide(deps: AppDeps, user: BureauUser, input: ReviewDecisionInput): Promise<ReviewDecisionResult> {
  const inJurisdiction = { countyCode: { startsWith: user.regionCode } };
  return deps.db.$transaction(async (tx) => {
    let ids: number[];
    if (input.incidentId !== undefined) {
      const incident = await tx.reviewIncident.findUnique({ where: { id: input.incidentId }, select: { id: true } });
      if (!incident) throw new AppError('not_found', `核查事件 ${input.incidentId} 不存在`);
      const flags = await tx.ratingFlag.findMany({
        where: { incidentId: incident.id, rating: { status: 'flagged' } },
        select: { rating: { select: { id: true, countyCode: true } } },
      });
      const mine = flags.filter((f) => f.rating.countyCode.startsWith(user.regionCode));
      if (flags.length > 0 && mine.length === 0) throw new AppError('forbidden', '无权处理本辖区以外的评价');
      if (mine.length === 0) throw new AppError('conflict', '该事件已没有待核查的评价');
      ids = mine.map((f) => f.rating.id);
    } else {
      ids = [...new Set(input.ratingIds)];
    }
    const ratings = [];
    for (const part of chunks(ids)) {
      ratings.push(
        ...(await tx.rating.findMany({
          where: { id: { in: part } },
          select: { id: true, status: true, countyCode: true, residentId: true, staffId: true, serviceYear: true, verified: true },
        })),
      );
    }
    const found = new Map(ratings.map((r) => [r.id, r]));
    for (const id of ids) {
      const r = found.get(id);
      if (!r) throw new AppError('not_found', `评价 ${id} 不存在`);
      if (!r.countyCode.startsWith(user.regionCode)) throw new AppError('forbidden', '无权处理本辖区以外的评价');
    }
    for (const id of ids) {
      if (found.get(id)!.status !== 'flagged') throw new AppError('conflict', `评价 ${id} 不在待核查状态,未作任何处理`);
    }
    const status = input.decision === 'clear' ? 'valid' : 'excluded';
    for (const part of chunks(ids)) await tx.rating.updateMany({ where: { id: { in: part }, ...inJurisdiction, status: 'flagged' }, data: { status } });
    if (status === 'excluded') await voidCases(tx, ids, deps.now(), VOID_NOTE.review);
    if (input.decision === 'clear') {
      // Each cleared rating's group, under the policy of its year and county (read once per pair).
      const policies = new Map<string, boolean>();
      const groups: VoiceGroup[] = [];
      for (const r of ratings) {
        if (r.verified) continue;
        const key = `${r.serviceYear} ${r.countyCode}`;
        if (!policies.has(key)) policies.set(key, (await policyFor(tx, r.serviceYear, r.countyCode)).oneVoicePerResident);
        groups.push({ residentId: r.residentId, staffId: r.staffId, year: r.serviceYear, oneVoice: policies.get(key)! });
      }
      await deriveVoices(tx, groups);
    }
    const after = [];
    for (const part of chunks([...ids].sort((a, b) => a - b))) {
      after.push(...(await tx.rating.findMany({ where: { id: { in: part } }, select: { id: true, status: true }, orderBy: { id: 'asc' } })));
    }
    await writeAudits(
      tx,
      deps.now(),
      user,
      after.map((r) => ({
        action: `rating.${input.decision}`,
        subject: `rating:${r.id}`,
        regionCode: found.get(r.id)!.countyCode,
        reason: input.reason,
        before: { status: 'flagged' },
        after: { status: r.status, ...(input.incidentId !== undefined ? { incidentId: input.incidentId } : {}) },
      })),
    );
    return {
      decision: input.decision,
      ratings: after.map((r) => ({ id: r.id, status: parseVocabulary(RATING_STATUSES, r.status, `Rating ${r.id} status`) })),
    };
  });
}
