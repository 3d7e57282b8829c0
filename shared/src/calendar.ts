/**
 * Working days on the Chinese calendar (issue 13, part 2): a 差评 case's deadline is a number of
 * working days, counted with the State Council's official holidays and make-up working days (调休).
 *
 * A year's calendar is data, not a live lookup: a snapshot of what the State Council announced
 * (server/src/cases/calendar.ts takes it from the `chinese-days` package and stores it with the
 * year's policy), so a deadline computed today is the deadline computed after the package is upgraded.
 * A year nobody has a snapshot of (the notice for it is not out yet) counts plain weekdays, and the
 * result says so: such a deadline is 待核实, never trusted.
 */
import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One year's official calendar: the weekdays that are off, and the weekend days that are worked. */
export const CalendarYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Where it came from, e.g. "chinese-days 1.5.7". */
  source: z.string(),
  /** Monday–Friday dates that are official holidays (假日). */
  holidays: z.array(z.string().regex(DATE)),
  /** Saturday and Sunday dates that are working days (调休上班). */
  workdays: z.array(z.string().regex(DATE)),
});
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

/** The calendars known, by year; a year missing here is not covered. */
export type Calendars = ReadonlyMap<number, CalendarYear>;

export interface WorkingDayResult {
  /** The deadline, YYYY-MM-DD (Beijing). */
  date: string;
  /** The count crossed a year no calendar covers: counted as plain weekdays there, to be checked (待核实). */
  provisional: boolean;
  /** Those years. */
  uncoveredYears: number[];
}

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Lookups built once per calendar. */
const sets = new WeakMap<CalendarYear, { holidays: Set<string>; workdays: Set<string> }>();
function setsOf(calendar: CalendarYear) {
  let found = sets.get(calendar);
  if (!found) {
    found = { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) };
    sets.set(calendar, found);
  }
  return found;
}

/** Whether `date` is a working day; `covered` false when no calendar knows its year (then: Monday–Friday). */
export function isWorkingDay(date: string, calendars: Calendars): { working: boolean; covered: boolean } {
  const weekday = dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6;
  const calendar = calendars.get(Number(date.slice(0, 4)));
  if (!calendar) return { working: weekday, covered: false };
  const { holidays, workdays } = setsOf(calendar);
  return { working: weekday ? !holidays.has(date) : workdays.has(date), covered: true };
}

/**
 * The `n`-th working day after `start` (the start day itself is not counted): a case opened on a
 * Friday with a deadline of 1 working day is due the next Monday, or later when that is a holiday.
 */
export function addWorkingDays(start: string, n: number, calendars: Calendars): WorkingDayResult {
  if (!DATE.test(start)) throw new Error(`addWorkingDays: not a date: ${start}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`addWorkingDays: not a number of days: ${n}`);
  const uncovered = new Set<number>();
  let date = start;
  for (let left = n; left > 0;) {
    date = nextDay(date);
    const day = isWorkingDay(date, calendars);
    if (!day.covered) uncovered.add(Number(date.slice(0, 4)));
    if (day.working) left--;
  }
  return { date, provisional: uncovered.size > 0, uncoveredYears: [...uncovered].sort() };
}

/**
 * What changed between a stored calendar and a newer one of the same year (a package upgrade): the
 * dates whose status differs. Reported to a person, never applied to a stored deadline by itself.
 */
export function calendarChanges(stored: CalendarYear, current: CalendarYear): { date: string; was: 'working' | 'off'; now: 'working' | 'off' }[] {
  if (stored.year !== current.year) throw new Error(`calendarChanges: ${stored.year} against ${current.year}`);
  const before = new Map([[stored.year, stored]]);
  const after = new Map([[current.year, current]]);
  const dates = new Set([...stored.holidays, ...stored.workdays, ...current.holidays, ...current.workdays]);
  return [...dates]
    .sort()
    .map((date) => ({ date, was: isWorkingDay(date, before).working, now: isWorkingDay(date, after).working }))
    .filter((d) => d.was !== d.now)
    .map(({ date, was, now }) => ({ date, was: was ? 'working' : 'off', now: now ? 'working' : 'off' }));
}
