/**
 * 差评工单 (issue 13, part 1): every rating of level 1–2 opens a case, owned by the county of its
 * station and due `caseDeadlineWorkingDays` working days (the year's policy, default 15) after the day
 * the rating was made, counted on the Chinese calendar (shared/src/calendar.ts). A job opens them
 * (server.ts, beside the notifier), so the rating's own write is untouched; a case is dated by its
 * rating, not by when the job ran. A case whose rating has been excluded (an upheld appeal, a review
 * decision) is closed as void.
 *
 * Calendars: a year's is snapshotted from chinese-days the first time a deadline needs it and kept
 * (CalendarSnapshot), so upgrading the package never moves a deadline by itself; `calendarDrift` says
 * what an upgrade would change. A year the package has no data for is not snapshotted: deadlines that
 * run into it are counted as weekdays there and marked 待核实 (dueProvisional).
 */
import { addWorkingDays, calendarChanges, CalendarYearSchema, type CalendarYear } from '@plsr/shared/calendar';
import { beijingDate, yearOfDate } from '@plsr/shared/time';
import { isBadReview, RATING_LEVELS, parseVocabulary } from '@plsr/shared/vocabulary';
import { policyFor } from '../assessments/repository';
import type { Db, Prisma } from '../db/client';
import { chunks } from '../db/chunks';
import { readCursor } from '../db/cursors';
import { packageCalendar } from './calendar';

export const CASES_CURSOR = 'cases';
/** A year's calendar, and the next year's: a deadline opened in December runs into January. */
const YEARS_AHEAD = 1;

/** The stored calendars of these years, snapshotting from the package the ones not stored yet (when it knows them). */
export async function calendarsFor(db: Db, years: number[], now: Date): Promise<Map<number, CalendarYear>> {
  const wanted = [...new Set(years)];
  const stored = await db.calendarSnapshot.findMany({ where: { year: { in: wanted } } });
  const calendars = new Map(stored.map((s) => [s.year, CalendarYearSchema.parse(JSON.parse(s.json))]));
  for (const year of wanted.filter((y) => !calendars.has(y))) {
    const taken = packageCalendar(year);
    if (!taken) continue;
    // Two processes at once: the first one's snapshot is the one kept and used.
    await db.calendarSnapshot.upsert({ where: { year }, create: { year, source: taken.source, json: JSON.stringify(taken), takenAt: now }, update: {} });
    const kept = await db.calendarSnapshot.findUniqueOrThrow({ where: { year } });
    calendars.set(year, CalendarYearSchema.parse(JSON.parse(kept.json)));
  }
  return calendars;
}

/** What the installed chinese-days would change in the stored calendars: reported, never applied. */
export async function calendarDrift(db: Db): Promise<{ year: number; stored: string; current: string; changes: ReturnType<typeof calendarChanges> }[]> {
  const stored = await db.calendarSnapshot.findMany({ orderBy: { year: 'asc' } });
  return stored.flatMap((s) => {
    const kept = CalendarYearSchema.parse(JSON.parse(s.json));
    const current = packageCalendar(s.year);
    if (!current) return [];
    const changes = calendarChanges(kept, current);
    return changes.length ? [{ year: s.year, stored: kept.source, current: current.source, changes }] : [];
  });
}

/** Opens the cases of the bad ratings written since the cursor: up to `maxBatches` of `batch` ratings read; how many opened. */
export async function openCases(deps: { db: Db; now: () => Date }, options: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  let opened = 0;
  for (let n = 0; n < (options.maxBatches ?? 20); n++) {
    const r = await openBatch(deps, options.batch ?? 2000);
    opened += r.opened;
    if (!r.more) break;
    // Let the requests that queued meanwhile go first.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return opened;
}

async function openBatch(deps: { db: Db; now: () => Date }, batch: number): Promise<{ opened: number; more: boolean }> {
  const { db } = deps;
  const cursor = await readCursor(db, CASES_CURSOR);
  const read = await db.rating.findMany({
    where: { id: { gt: cursor } },
    orderBy: { id: 'asc' },
    take: batch,
    select: { id: true, level: true, status: true, createdAt: true, staffId: true, stationId: true, countyCode: true, townshipCode: true },
  });
  if (read.length === 0) return { opened: 0, more: false };
  // A rating already excluded (a decision faster than this job) gets no case, nor one that has its case already.
  const candidates = read.filter((r) => r.status !== 'excluded' && isBadReview(parseVocabulary(RATING_LEVELS, r.level, `rating ${r.id} level`)));
  const existing = new Set<number>();
  for (const part of chunks(candidates.map((r) => r.id))) {
    for (const c of await db.badReviewCase.findMany({ where: { ratingId: { in: part } }, select: { ratingId: true } })) existing.add(c.ratingId);
  }
  const bad = candidates.filter((r) => !existing.has(r.id));
  const at = deps.now();
  const days = bad.map((r) => beijingDate(r.createdAt));
  const calendars = await calendarsFor(
    db,
    days.flatMap((d) => Array.from({ length: YEARS_AHEAD + 1 }, (_, i) => yearOfDate(d) + i)),
    at,
  );
  const deadlines = new Map<string, number>();
  const rows: Prisma.BadReviewCaseCreateManyInput[] = [];
  for (const [i, r] of bad.entries()) {
    const openedOn = days[i]!;
    const key = `${yearOfDate(openedOn)} ${r.countyCode}`;
    if (!deadlines.has(key)) deadlines.set(key, (await policyFor(db, yearOfDate(openedOn), r.countyCode)).caseDeadlineWorkingDays);
    const due = addWorkingDays(openedOn, deadlines.get(key)!, calendars);
    rows.push({
      ratingId: r.id,
      countyCode: r.countyCode,
      townshipCode: r.townshipCode,
      stationId: r.stationId,
      staffId: r.staffId,
      openedOn,
      dueOn: due.date,
      dueProvisional: due.provisional,
      createdAt: at,
    });
  }
  const last = read[read.length - 1]!.id;
  const opened = await db.$transaction(async (tx) => {
    // Only the job that moves the cursor writes: two at once cannot open a case twice.
    const moved = await tx.scanCursor.updateMany({ where: { name: CASES_CURSOR, lastRatingId: cursor }, data: { lastRatingId: last } });
    if (moved.count !== 1 || rows.length === 0) return 0;
    return (await tx.badReviewCase.createMany({ data: rows })).count;
  });
  return { opened, more: read.length === batch };
}

/** Closes as void the open cases of these ratings, in the transaction that excluded them (`tx`); how many. */
export async function voidCases(tx: Pick<Db, 'badReviewCase' | 'caseStep'>, ratingIds: readonly number[], at: Date, note: string): Promise<number> {
  let voided = 0;
  for (const part of chunks(ratingIds)) {
    const open = await tx.badReviewCase.findMany({ where: { ratingId: { in: part }, status: { notIn: DONE } }, select: { id: true } });
    for (const c of open) {
      // A case a clerk closed meanwhile stays closed.
      const moved = await tx.badReviewCase.updateMany({
        where: { id: c.id, status: { notIn: DONE } },
        data: { status: 'void', closedAt: at, closedOn: beijingDate(at) },
      });
      if (moved.count !== 1) continue;
      await tx.caseStep.create({ data: { caseId: c.id, step: 'void', note, by: 'system', at } });
      voided++;
    }
  }
  return voided;
}

/**
 * Closes as void the open cases whose rating is excluded: the decisions void their cases themselves,
 * this catches a case the job opened from a rating read just before its exclusion committed.
 */
export async function voidExcludedCases(deps: { db: Db; now: () => Date }): Promise<number> {
  const cases = await deps.db.badReviewCase.findMany({ where: { status: { notIn: DONE }, rating: { status: 'excluded' } }, select: { ratingId: true } });
  if (cases.length === 0) return 0;
  return deps.db.$transaction((tx) =>
    voidCases(
      tx,
      cases.map((c) => c.ratingId),
      deps.now(),
      VOID_NOTE.excluded,
    ),
  );
}

const DONE = ['closed', 'void'];

/** Why a case was voided, as its step says. */
export const VOID_NOTE = {
  appeal: '申诉成立,评价已剔除,工单作废',
  review: '经核查评价已剔除,工单作废',
  excluded: '评价已剔除(申诉成立或审核剔除),工单作废',
} as const;
