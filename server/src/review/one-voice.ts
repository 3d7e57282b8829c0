/**
 * One voice per resident (BRIEF "Honest counting", docs/review.md): of a resident's unverified
 * ratings of one staff member in one year, the one for the latest service day counts and the earlier
 * ones are kept as `superseded`. Which one counts depends only on the service days, not on the order
 * the ratings arrived in, so a back-dated rating never outvotes a later one, and sending thirty of
 * them gives one voice. Verified ratings (made with a worker's one-time service code) always count;
 * ratings on hold, excluded or withdrawn take no part until a decision returns them. The count
 * triggers move the year-end's counts with every status changed here.
 */
import { chunks } from '../db/chunks';
import type { Prisma } from '../db/client';

type Tx = Pick<Prisma.TransactionClient, 'rating' | '$executeRaw'>;

/** A resident's ratings of one staff member in one year, and whether the year's policy gives them one voice. */
export interface VoiceGroup {
  residentId: number;
  staffId: number;
  year: number;
  oneVoice: boolean;
}

export const keyOf = (g: Pick<VoiceGroup, 'residentId' | 'staffId' | 'year'>) => `${g.residentId}:${g.staffId}:${g.year}`;

/** A rating that may carry its group's voice: unverified, valid or superseded. */
export interface Candidate {
  id: number;
  residentId: number;
  staffId: number;
  serviceYear: number;
  serviceDate: string;
  status: string;
}

/** The candidates of these groups' residents (by the unique (residentId, staffId, serviceDate) index). */
export async function candidatesOf(tx: Pick<Tx, 'rating'>, groups: readonly VoiceGroup[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const residents of chunks([...new Set(groups.map((g) => g.residentId))])) {
    out.push(
      ...(await tx.rating.findMany({
        where: { residentId: { in: residents }, verified: false, status: { in: ['valid', 'superseded'] } },
        select: { id: true, residentId: true, staffId: true, serviceYear: true, serviceDate: true, status: true },
      })),
    );
  }
  return out;
}

/**
 * Each group's one voice: the latest service day's rating valid, the others superseded; or, where
 * the policy has no one-voice rule, every one valid. Returns the ratings whose status must change.
 */
export function voiceChanges(candidates: readonly Candidate[], groups: readonly VoiceGroup[]): { toValid: number[]; toSuperseded: number[] } {
  const wanted = new Map(groups.map((g) => [keyOf(g), g]));
  const members = new Map<string, Candidate[]>();
  for (const r of candidates) {
    const key = keyOf({ residentId: r.residentId, staffId: r.staffId, year: r.serviceYear });
    if (wanted.has(key)) members.set(key, [...(members.get(key) ?? []), r]);
  }
  const toValid: number[] = [];
  const toSuperseded: number[] = [];
  for (const [key, list] of members) {
    const on = wanted.get(key)!.oneVoice;
    const latest = list.reduce((a, b) => (b.serviceDate > a.serviceDate ? b : a));
    for (const r of list) {
      const status = !on || r === latest ? 'valid' : 'superseded';
      if (r.status !== status) (status === 'valid' ? toValid : toSuperseded).push(r.id);
    }
  }
  return { toValid, toSuperseded };
}

/** Gives each group its one voice in the caller's transaction; returns how many ratings changed status. */
export async function deriveVoices(tx: Tx, groups: readonly VoiceGroup[]): Promise<number> {
  if (groups.length === 0) return 0;
  const { toValid, toSuperseded } = voiceChanges(await candidatesOf(tx, groups), groups);
  for (const part of chunks(toSuperseded)) await tx.rating.updateMany({ where: { id: { in: part } }, data: { status: 'superseded' } });
  for (const part of chunks(toValid)) await tx.rating.updateMany({ where: { id: { in: part } }, data: { status: 'valid' } });
  return toValid.length + toSuperseded.length;
}

/**
 * Every stored rating at once (ratings written in bulk: the demo, imports): each group's earlier
 * unverified valid ratings become superseded. The same statement as the migration that brought the rule.
 */
export async function supersedeEarlierVoices(tx: Pick<Prisma.TransactionClient, '$executeRaw'>): Promise<number> {
  return tx.$executeRaw`UPDATE "Rating" SET "status" = 'superseded'
    WHERE "status" = 'valid' AND "verified" = false AND EXISTS (
      SELECT 1 FROM "Rating" r WHERE r."residentId" = "Rating"."residentId" AND r."staffId" = "Rating"."staffId"
        AND r."serviceYear" = "Rating"."serviceYear" AND r."verified" = false AND r."status" = 'valid' AND r."serviceDate" > "Rating"."serviceDate")`;
}
