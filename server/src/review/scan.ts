/**
 * The review scan: reads every new rating once, in id order, a few seconds after it was written,
 * off the rating's own path (a resident's submission does not wait for it). For each it
 * - runs the fraud rules (./rules.ts) against the ratings of the hours before, and puts the ratings a
 *   rule names on hold (`flagged`), each linked to the incident that explains why;
 * - gives the resident's ratings of that staff member that year their one voice (./one-voice.ts).
 * Its cursor (ScanCursor "review") moves in the same transaction as what it wrote, so a rating is
 * scanned exactly once whichever process scans; a process that finds the cursor moved by another
 * reloads the hours it remembers. The year-end scans what is left before it counts (catchUp).
 */
import { DEFAULT_REVIEW_POLICY, type AssessmentPolicy } from '@plsr/shared/scoring';
import { yearOfDate, beijingDate } from '@plsr/shared/time';
import { REVIEW_RULE_LABELS, type ReviewRule } from '@plsr/shared/vocabulary';
import { policyFor } from '../assessments/repository';
import type { Db } from '../db/client';
import { deriveVoices, type VoiceGroup } from './one-voice';
import { evaluate, longestWindowMinutes, parseOpeningHours, RecentRatings, type Evidence, type OpeningHours, type SeenRating } from './rules';

const CURSOR = 'review';
/** Who the audit log names for what the scan holds. */
export const SCAN_ACTOR = '系统核查(review scan)';
/** Ratings per scan transaction; also bounds every IN list it sends (SQLite's adapter takes 999 parameters). */
const BATCH = 500;
const MINUTE = 60_000;

type ScanDeps = { db: Db; now: () => Date };

interface ScanState {
  /** The cursor this process's memory stands at; -1: reload first. */
  lastId: number;
  recent: RecentRatings;
  /** Ratings in `recent` already on hold or reviewed: a rule never holds a rating twice. */
  held: Set<number>;
  /** The latest rating time seen: the memory keeps the longest window before it. */
  latestAt: number;
  running: Promise<ScanResult> | null;
}

export interface ScanResult {
  scanned: number;
  flagged: number;
  /** Ratings whose status one voice per resident changed (superseded, or valid again). */
  revoiced: number;
}

const states = new WeakMap<Db, ScanState>();

function stateOf(db: Db): ScanState {
  let s = states.get(db);
  if (!s) states.set(db, (s = { lastId: -1, recent: new RecentRatings(), held: new Set(), latestAt: 0, running: null }));
  return s;
}

/** Another process moved the cursor while this one scanned: nothing was written; reload and go on. */
class CursorMoved extends Error {}

/** The rules' memory: the longest window of the default policy, or of any policy stricter than it… */
const MEMORY_MS = longestWindowMinutes(DEFAULT_REVIEW_POLICY) * MINUTE;
/**
 * …and at most this many ratings read back when a process starts scanning (a province's busiest day
 * is a few thousand; ratings written in bulk with one time, like the bench's, would otherwise be read
 * back whole). Ratings scanned since are remembered for the whole window.
 */
const RELOAD_MAX = 20_000;
/** The most ratings remembered while scanning (a day of a province at ten times its busiest). */
const MEMORY_MAX = 100_000;

const SEEN_SELECT = {
  id: true,
  residentId: true,
  staffId: true,
  stationId: true,
  countyCode: true,
  serviceDate: true,
  serviceYear: true,
  status: true,
  verified: true,
  ipHash: true,
  bodyHash: true,
  createdAt: true,
  resident: { select: { createdAt: true } },
} as const;

type Row = {
  id: number;
  residentId: number;
  staffId: number;
  stationId: number;
  countyCode: string;
  serviceDate: string;
  serviceYear: number;
  status: string;
  verified: boolean;
  ipHash: string | null;
  bodyHash: string | null;
  createdAt: Date;
  resident: { createdAt: Date };
};

const seen = (r: Row): SeenRating => ({
  id: r.id,
  residentId: r.residentId,
  staffId: r.staffId,
  stationId: r.stationId,
  countyCode: r.countyCode,
  serviceDate: r.serviceDate,
  ipHash: r.ipHash,
  at: r.createdAt.getTime(),
  residentAt: r.resident.createdAt.getTime(),
});

/**
 * Scans the ratings written since the last scan, `batch` at a time, until none is left or `maxBatches`
 * were done. One scan at a time per process: a second caller waits for the running one, then scans
 * what is left.
 */
export async function scanRatings(deps: ScanDeps, options: { batch?: number; maxBatches?: number } = {}): Promise<ScanResult> {
  const state = stateOf(deps.db);
  while (state.running) await state.running.catch(() => undefined);
  const run = (async () => {
    const total: ScanResult = { scanned: 0, flagged: 0, revoiced: 0 };
    for (let n = 0; n < (options.maxBatches ?? Infinity); n++) {
      let r: ScanResult;
      try {
        r = await scanBatch(deps, state, options.batch ?? BATCH);
      } catch (error) {
        state.lastId = -1;
        if (error instanceof CursorMoved) continue;
        throw error;
      }
      total.scanned += r.scanned;
      total.flagged += r.flagged;
      total.revoiced += r.revoiced;
      if (r.scanned === 0) break;
    }
    return total;
  })();
  state.running = run;
  try {
    return await run;
  } finally {
    state.running = null;
  }
}

async function readCursor(db: Db): Promise<number> {
  const row = await db.scanCursor.upsert({ where: { name: CURSOR }, create: { name: CURSOR, lastRatingId: 0 }, update: {}, select: { lastRatingId: true } });
  return row.lastRatingId;
}

/** The ratings of the last hours up to the cursor, read backwards by id until they are older than the memory. */
async function reload(db: Db, state: ScanState, cursor: number): Promise<void> {
  state.recent = new RecentRatings();
  state.held = new Set();
  state.latestAt = 0;
  const rows: Row[] = [];
  let below = cursor + 1;
  for (;;) {
    const page: Row[] = await db.rating.findMany({ where: { id: { lt: below } }, orderBy: { id: 'desc' }, take: 1000, select: SEEN_SELECT });
    if (page.length === 0) break;
    if (rows.length === 0) state.latestAt = page[0]!.createdAt.getTime();
    const since = state.latestAt - MEMORY_MS;
    const inside = page.filter((r) => r.createdAt.getTime() >= since);
    rows.push(...inside.filter((r) => r.bodyHash !== null));
    if (inside.length === 0 || page.length < 1000 || rows.length >= RELOAD_MAX) break;
    below = page[page.length - 1]!.id;
  }
  rows.reverse();
  for (const r of rows) state.recent.add(seen(r));
  for (const r of rows) if (r.status !== 'valid' && r.status !== 'superseded') state.held.add(r.id);
  for (let i = 0; i < rows.length; i += BATCH) {
    const ids = rows.slice(i, i + BATCH).map((r) => r.id);
    for (const f of await db.ratingFlag.findMany({ where: { ratingId: { in: ids } }, select: { ratingId: true } })) state.held.add(f.ratingId);
  }
  state.lastId = cursor;
}

/** One incident to write: a rule's firings on one subject in this batch, merged. */
interface IncidentDraft {
  rule: ReviewRule;
  subject: string;
  staffId: number | null;
  windowMinutes: number;
  countyCode: string;
  firstAt: number;
  lastAt: number;
  evidence: Evidence;
  ratingIds: number[];
}

async function scanBatch(deps: ScanDeps, state: ScanState, batch: number): Promise<ScanResult> {
  const { db } = deps;
  const cursor = await readCursor(db);
  const rows: Row[] = await db.rating.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: batch, select: SEEN_SELECT });
  if (rows.length === 0) return { scanned: 0, flagged: 0, revoiced: 0 };
  // Another process scanned since this one last did (or this one never has): remember its hours first.
  if (state.lastId !== cursor) await reload(db, state, cursor);

  const policies = await policiesOf(db, rows);
  const normal = await normalRates(db, rows, deps.now());
  const hours = await openingHours(db, rows);
  const context = { normalPerDay: (id: number) => normal.get(id) ?? 0, hoursOf: (id: number) => hours.get(id) ?? null };

  const incidents = new Map<string, IncidentDraft>();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const countyOf = (id: number) => byId.get(id)?.countyCode;
  for (const row of rows) {
    // The rules read what residents sent; a rating recorded without a submission (an import) is the
    // recording bureau's own, and neither fires nor feeds them.
    if (row.bodyHash === null) continue;
    const r = seen(row);
    state.recent.add(r);
    state.latestAt = Math.max(state.latestAt, r.at);
    if (row.status !== 'valid' && row.status !== 'superseded') state.held.add(row.id);
    const policy = policies.get(policyKey(row))!;
    for (const f of evaluate(r, state.recent, policy.review, context)) {
      const fresh = f.ratingIds.filter((id) => !state.held.has(id));
      if (fresh.length === 0) continue;
      for (const id of fresh) state.held.add(id);
      const key = `${f.rule} ${f.subject}`;
      const draft = incidents.get(key);
      if (draft) {
        draft.ratingIds.push(...fresh);
        draft.lastAt = r.at;
        if (f.evidence.observed >= draft.evidence.observed) draft.evidence = f.evidence;
      } else {
        const first = Math.min(...fresh.map((id) => state.recent.find(id)?.at ?? r.at));
        incidents.set(key, { ...f, countyCode: countyOf(fresh[0]!) ?? r.countyCode, firstAt: first, lastAt: r.at, ratingIds: fresh });
      }
    }
  }
  state.recent.forgetBefore(state.latestAt - MEMORY_MS, MEMORY_MAX);
  for (const id of state.held) if (!state.recent.find(id)) state.held.delete(id);

  const heldNow = new Set([...incidents.values()].flatMap((i) => i.ratingIds));
  const groups = new Map<string, VoiceGroup>();
  for (const row of rows) {
    if (row.verified || heldNow.has(row.id) || (row.status !== 'valid' && row.status !== 'superseded')) continue;
    groups.set(`${row.residentId}:${row.staffId}:${row.serviceYear}`, { residentId: row.residentId, staffId: row.staffId, year: row.serviceYear });
  }
  const groupCounty = new Map(rows.map((r) => [`${r.residentId}:${r.staffId}:${r.serviceYear}`, policyKey(r)]));

  const last = rows[rows.length - 1]!.id;
  const now = deps.now();
  const result = await db.$transaction(async (tx) => {
    let flagged = 0;
    for (const d of incidents.values()) {
      const open = await tx.reviewIncident.findFirst({
        where: { rule: d.rule, subject: d.subject, lastAt: { gte: new Date(d.firstAt - d.windowMinutes * MINUTE) } },
        orderBy: { lastAt: 'desc' },
        select: { id: true, evidenceJson: true },
      });
      const evidence = open && (JSON.parse(open.evidenceJson) as Evidence).observed > d.evidence.observed ? open.evidenceJson : JSON.stringify(d.evidence);
      const incident = open
        ? await tx.reviewIncident.update({ where: { id: open.id }, data: { lastAt: new Date(d.lastAt), evidenceJson: evidence }, select: { id: true } })
        : await tx.reviewIncident.create({
            data: {
              rule: d.rule,
              subject: d.subject,
              staffId: d.staffId,
              countyCode: d.countyCode,
              firstAt: new Date(d.firstAt),
              lastAt: new Date(d.lastAt),
              evidenceJson: evidence,
            },
            select: { id: true },
          });
      // Only ratings still counted or superseded go on hold (not one a decision or an appeal took out meanwhile).
      for (let i = 0; i < d.ratingIds.length; i += BATCH) {
        const holdable = await tx.rating.findMany({
          where: { id: { in: d.ratingIds.slice(i, i + BATCH) }, status: { in: ['valid', 'superseded'] } },
          select: { id: true, status: true, countyCode: true },
        });
        const ids = holdable.map((h) => h.id);
        if (ids.length === 0) continue;
        await tx.rating.updateMany({ where: { id: { in: ids } }, data: { status: 'flagged' } });
        await tx.ratingFlag.createMany({ data: ids.map((ratingId) => ({ ratingId, incidentId: incident.id })) });
        // Audited like a bureau's decision: by the scan, with the rule's evidence as the reason.
        await tx.auditLog.createMany({
          data: holdable.map((h) => ({
            at: now,
            userId: null,
            username: SCAN_ACTOR,
            action: 'rating.flag',
            subject: `rating:${h.id}`,
            regionCode: h.countyCode,
            reason: `${REVIEW_RULE_LABELS[d.rule]}:${d.evidence.summary}`,
            beforeJson: JSON.stringify({ status: h.status }),
            afterJson: JSON.stringify({ status: 'flagged', incidentId: incident.id, rule: d.rule }),
          })),
        });
        flagged += ids.length;
      }
    }
    const revoiced = await deriveVoices(
      tx,
      [...groups.values()],
      (g) => policies.get(groupCounty.get(`${g.residentId}:${g.staffId}:${g.year}`)!)!.oneVoicePerResident,
    );
    const moved = await tx.scanCursor.updateMany({ where: { name: CURSOR, lastRatingId: cursor }, data: { lastRatingId: last } });
    if (moved.count !== 1) throw new CursorMoved();
    return { scanned: rows.length, flagged, revoiced };
  });
  state.lastId = last;
  return result;
}

const policyKey = (r: { serviceYear: number; countyCode: string }) => `${r.serviceYear} ${r.countyCode}`;

/** The policy of each (year, county) in the batch. */
async function policiesOf(db: Db, rows: Row[]): Promise<Map<string, AssessmentPolicy>> {
  const out = new Map<string, AssessmentPolicy>();
  for (const r of rows) {
    const key = policyKey(r);
    if (!out.has(key)) out.set(key, await policyFor(db, r.serviceYear, r.countyCode));
  }
  return out;
}

/**
 * Each staff member's counted ratings per day over the three calendar months before this one (from the
 * kept counts, so ratings on hold do not raise it).
 */
async function normalRates(db: Db, rows: Row[], now: Date): Promise<Map<number, number>> {
  const today = beijingDate(now);
  const year = yearOfDate(today);
  const month = Number(today.slice(5, 7));
  const months = [1, 2, 3].map((k) => {
    const m = month - k;
    return m >= 1 ? { year, month: m } : { year: year - 1, month: m + 12 };
  });
  const days = months.reduce((sum, m) => sum + new Date(Date.UTC(m.year, m.month, 0)).getUTCDate(), 0);
  const staffIds = [...new Set(rows.map((r) => r.staffId))];
  const counts = await db.ratingCountByStaff.groupBy({
    by: ['staffId'],
    where: { staffId: { in: staffIds }, OR: months.map((m) => ({ year: m.year, month: m.month })) },
    _sum: { count: true },
  });
  return new Map(counts.map((c) => [c.staffId, (c._sum.count ?? 0) / days]));
}

async function openingHours(db: Db, rows: Row[]): Promise<Map<number, OpeningHours | null>> {
  const stations = await db.station.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.stationId))] } }, select: { id: true, openingHours: true } });
  return new Map(stations.map((s) => [s.id, parseOpeningHours(s.openingHours)]));
}

/**
 * Before a year-end counts: scans whatever is left, so that no rating a rule would hold is counted.
 * A backlog larger than `maxBatches` × 500 (the scan stopped for long) is left to the timer.
 */
export async function catchUp(deps: ScanDeps, maxBatches = 100): Promise<ScanResult> {
  return scanRatings(deps, { maxBatches });
}
