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
import { chunks } from '../db/chunks';
import { sqliteTogether, type Db } from '../db/client';
import { readCursor } from '../db/cursors';
import { Prisma } from '../generated/sqlite/client';
import { candidatesOf, keyOf, voiceChanges, type VoiceGroup } from './one-voice';
import { evaluate, longestWindowMinutes, parseOpeningHours, RecentRatings, type Evidence, type OpeningHours, type SeenRating } from './rules';

const CURSOR = 'review';
/** Who the audit log names for what the scan holds. */
export const SCAN_ACTOR = '系统核查(review scan)';
/**
 * Ratings per scan transaction: small, because on SQLite a transaction holds the one write lock and
 * the residents' ratings wait for it; between batches the scan lets them through.
 */
const BATCH = 100;
/** Rows per multi-row INSERT (nine values a row stays under 999). */
const ROWS_PER_INSERT = 100;
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
  /** Ratings per transaction now: BATCH, halved while transactions run long. */
  batch: number;
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
  if (!s) states.set(db, (s = { lastId: -1, recent: new RecentRatings(), held: new Set(), latestAt: 0, running: null, batch: BATCH }));
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

type Row = Prisma.RatingGetPayload<{ select: typeof SEEN_SELECT }>;

/** Still counted or superseded: a rule may hold it, one voice may move it. Any other status is a decision already made. */
const undecided = (status: string) => status === 'valid' || status === 'superseded';

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
        r = await scanBatch(deps, state, options.batch ?? state.batch);
      } catch (error) {
        state.lastId = -1;
        if (error instanceof CursorMoved || (error as { cause?: unknown }).cause instanceof CursorMoved) continue;
        throw error;
      }
      total.scanned += r.scanned;
      total.flagged += r.flagged;
      total.revoiced += r.revoiced;
      if (r.scanned === 0) break;
      // Let the requests (and their writes) that queued during the batch go first.
      await new Promise((resolve) => setImmediate(resolve));
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

/** The ratings of the last hours up to the cursor, read backwards by id until they are older than the memory. */
async function reload(db: Db, state: ScanState, cursor: number): Promise<void> {
  state.recent = new RecentRatings();
  state.held = new Set();
  state.latestAt = 0;
  const rows: Row[] = [];
  let below = cursor + 1;
  let read = 0;
  for (;;) {
    const page: Row[] = await db.rating.findMany({ where: { id: { lt: below } }, orderBy: { id: 'desc' }, take: 1000, select: SEEN_SELECT });
    if (page.length === 0) break;
    if (state.latestAt === 0) state.latestAt = page[0]!.createdAt.getTime();
    const since = state.latestAt - MEMORY_MS;
    const inside = page.filter((r) => r.createdAt.getTime() >= since);
    rows.push(...inside.filter((r) => r.bodyHash !== null));
    read += page.length;
    if (inside.length === 0 || page.length < 1000 || read >= RELOAD_MAX) break;
    below = page[page.length - 1]!.id;
  }
  rows.reverse();
  for (const r of rows) state.recent.add(seen(r));
  for (const r of rows) if (!undecided(r.status)) state.held.add(r.id);
  for (const part of chunks(rows.map((r) => r.id))) {
    for (const f of await db.ratingFlag.findMany({ where: { ratingId: { in: part } }, select: { ratingId: true } })) state.held.add(f.ratingId);
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
  const cursor = await readCursor(db, CURSOR);
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
    if (!undecided(row.status)) state.held.add(row.id);
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
  if (state.recent.forgetBefore(state.latestAt - MEMORY_MS, MEMORY_MAX)) {
    for (const id of state.held) if (!state.recent.find(id)) state.held.delete(id);
  }

  const heldNow = new Set([...incidents.values()].flatMap((i) => i.ratingIds));
  const groups = new Map<string, VoiceGroup>();
  for (const row of rows) {
    if (row.verified || heldNow.has(row.id) || !undecided(row.status)) continue;
    const group = { residentId: row.residentId, staffId: row.staffId, year: row.serviceYear };
    groups.set(keyOf(group), { ...group, oneVoice: policies.get(policyKey(row))!.oneVoicePerResident });
  }

  const last = rows[rows.length - 1]!.id;
  const now = deps.now();
  // The incidents these firings extend, read before the transaction (one query), to keep it short.
  const drafts = [...incidents.values()];
  const recentIncidents = drafts.length
    ? await db.reviewIncident.findMany({
        where: {
          OR: drafts.map((d) => ({ rule: d.rule, subject: d.subject })),
          lastAt: { gte: new Date(Math.min(...drafts.map((d) => d.firstAt - d.windowMinutes * MINUTE))) },
        },
        orderBy: { lastAt: 'desc' },
        select: { id: true, rule: true, subject: true, lastAt: true, evidenceJson: true },
      })
    : [];
  const openOf = (d: IncidentDraft) =>
    recentIncidents.find((i) => i.rule === d.rule && i.subject === d.subject && i.lastAt.getTime() >= d.firstAt - d.windowMinutes * MINUTE);

  // What the write needs, read before it: the held ratings' statuses now (for the audit), and the
  // voices that change.
  const before = new Map<number, string>();
  const heldIds = drafts.flatMap((d) => d.ratingIds);
  for (const part of chunks(heldIds)) {
    for (const r of await db.rating.findMany({ where: { id: { in: part } }, select: { id: true, status: true } })) before.set(r.id, r.status);
  }
  const voiceGroups = [...groups.values()];
  const voices = voiceGroups.length ? voiceChanges(await candidatesOf(db, voiceGroups), voiceGroups) : { toValid: [], toSuperseded: [] };

  const started = performance.now();
  const result = await runWrites(db, () => scanWrites({ cursor, last, scanned: rows.length, now, drafts, openOf, before, voices }));
  state.lastId = last;
  // On SQLite the transaction held the one write lock: keep each near 10 ms (a flood writes much per rating).
  const took = performance.now() - started;
  if (took > 20) state.batch = Math.max(10, state.batch >> 1);
  else if (took < 5) state.batch = Math.min(BATCH, state.batch * 2);
  return result;
}

type Rows = Record<string, unknown>[];
/** Statements that depend on each other's rows: each yielded, its rows sent back (runWrites). */
type Writes<T> = Generator<Prisma.Sql, T, Rows>;

/**
 * Everything one scan batch decided, as statements: the cursor first (another process moved it:
 * nothing is written), the incidents, the holds with their flags and audit records, the voices.
 * Each hold and voice change is guarded by the status it expects, so a decision that came meanwhile
 * is never overwritten.
 */
function* scanWrites(w: {
  cursor: number;
  last: number;
  scanned: number;
  now: Date;
  drafts: IncidentDraft[];
  openOf: (d: IncidentDraft) => { id: number; evidenceJson: string } | undefined;
  before: Map<number, string>;
  voices: { toValid: number[]; toSuperseded: number[] };
}): Writes<{ scanned: number; flagged: number; revoiced: number }> {
  const moved = yield Prisma.sql`UPDATE "ScanCursor" SET "lastRatingId" = ${w.last} WHERE "name" = ${CURSOR} AND "lastRatingId" = ${w.cursor} RETURNING "name"`;
  if (moved.length !== 1) throw new CursorMoved();
  const heldBy = new Map<number, { incidentId: number; draft: IncidentDraft }>();
  for (const d of w.drafts) {
    const open = w.openOf(d);
    let incidentId: number;
    if (open) {
      const evidence = (JSON.parse(open.evidenceJson) as Evidence).observed > d.evidence.observed ? open.evidenceJson : JSON.stringify(d.evidence);
      yield Prisma.sql`UPDATE "ReviewIncident" SET "lastAt" = ${new Date(d.lastAt)}, "evidenceJson" = ${evidence}, "updatedAt" = ${w.now} WHERE "id" = ${open.id}`;
      incidentId = open.id;
    } else {
      const rows =
        yield Prisma.sql`INSERT INTO "ReviewIncident" ("rule", "subject", "staffId", "countyCode", "firstAt", "lastAt", "evidenceJson", "createdAt", "updatedAt")
        VALUES (${d.rule}, ${d.subject}, ${d.staffId}, ${d.countyCode}, ${new Date(d.firstAt)}, ${new Date(d.lastAt)}, ${JSON.stringify(d.evidence)}, ${w.now}, ${w.now})
        RETURNING "id"`;
      incidentId = Number(rows[0]!.id);
    }
    for (const id of d.ratingIds) heldBy.set(id, { incidentId, draft: d });
  }
  // Only ratings still counted or superseded go on hold (not one a decision or an appeal took out meanwhile).
  let flagged = 0;
  for (const part of chunks([...heldBy.keys()], ROWS_PER_INSERT)) {
    // updatedAt is left as the resident's last edit (我的评价 lists by it): the audit log says when the scan acted.
    const held = yield Prisma.sql`UPDATE "Rating" SET "status" = 'flagged'
      WHERE "id" IN (${Prisma.join(part)}) AND "status" IN ('valid', 'superseded') RETURNING "id", "countyCode"`;
    if (held.length === 0) continue;
    const rows = held.map((h) => ({ id: Number(h.id), countyCode: String(h.countyCode), ...heldBy.get(Number(h.id))! }));
    yield Prisma.sql`INSERT INTO "RatingFlag" ("ratingId", "incidentId", "createdAt") VALUES ${Prisma.join(rows.map((r) => Prisma.sql`(${r.id}, ${r.incidentId}, ${w.now})`))}`;
    // Audited like a bureau's decision: by the scan, with the rule's evidence as the reason.
    yield Prisma.sql`INSERT INTO "AuditLog" ("at", "userId", "username", "action", "subject", "regionCode", "reason", "beforeJson", "afterJson")
      VALUES ${Prisma.join(
        rows.map(
          (r) =>
            Prisma.sql`(${w.now}, ${null}, ${SCAN_ACTOR}, 'rating.flag', ${`rating:${r.id}`}, ${r.countyCode}, ${`${REVIEW_RULE_LABELS[r.draft.rule]}:${r.draft.evidence.summary}`},
              ${JSON.stringify({ status: w.before.get(r.id) ?? 'valid' })}, ${JSON.stringify({ status: 'flagged', incidentId: r.incidentId, rule: r.draft.rule })})`,
        ),
      )}`;
    flagged += rows.length;
  }
  let revoiced = 0;
  for (const [to, from, list] of [
    ['superseded', 'valid', w.voices.toSuperseded],
    ['valid', 'superseded', w.voices.toValid],
  ] as const) {
    for (const part of chunks(list)) {
      const changed = yield Prisma.sql`UPDATE "Rating" SET "status" = ${to}
        WHERE "id" IN (${Prisma.join(part)}) AND "status" = ${from} RETURNING "id"`;
      revoiced += changed.length;
    }
  }
  return { scanned: w.scanned, flagged, revoiced };
}

/**
 * Runs the statements of `writes` as one transaction. SQLite: synchronously, as one write of the
 * adapter's group commit inside a savepoint, so the one write lock is held for the statements only
 * and never across a turn of the event loop (requests keep flowing); PostgreSQL: an ordinary transaction.
 */
async function runWrites<T>(db: Db, writes: () => Writes<T>): Promise<T> {
  const together = sqliteTogether(db);
  if (together) {
    return together((run) => {
      run('SAVEPOINT review_scan', []);
      try {
        const g = writes();
        let next = g.next();
        while (!next.done) next = g.next(run(next.value.sql, next.value.values));
        run('RELEASE review_scan', []);
        return next.value;
      } catch (error) {
        run('ROLLBACK TO review_scan', []);
        run('RELEASE review_scan', []);
        throw error;
      }
    });
  }
  return db.$transaction(async (tx) => {
    const g = writes();
    let next = g.next();
    while (!next.done) next = g.next(await tx.$queryRaw<Rows>(next.value));
    return next.value;
  });
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
 * Before a year-end counts: scans whatever is left, however much, so that no rating a rule would hold
 * and no earlier voice is counted. Normally a few seconds' worth; after the scan stopped for long, the
 * year-end waits for it rather than count what nobody has looked at.
 */
export async function catchUp(deps: ScanDeps): Promise<ScanResult> {
  return scanRatings(deps);
}
