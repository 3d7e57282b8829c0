/**
 * Beijing time. The assessment year is the calendar year in Asia/Shanghai, whatever the server's
 * own time zone, so every date the product reasons about goes through here.
 */
export const BEIJING = 'Asia/Shanghai';
/** Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving). */
const BEIJING_OFFSET_HOURS = 8;

/**
 * The Beijing calendar date (YYYY-MM-DD) of an instant. A fixed offset rather than the time-zone
 * database: the mini-program's JavaScript engines do not all carry Intl time zones, and both the
 * phone and the server must agree on the day a service happened.
 */
export function beijingDate(instant: Date): string {
  // Plain arithmetic rather than dayjs: every rating asks, and this costs a twentieth.
  return new Date(instant.getTime() + BEIJING_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

/** Beijing wall-clock time of an instant, to the minute: 2026-06-15 12:00. */
export function beijingDateTime(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a Beijing date (YYYY-MM-DD) begins, `days` later. */
export function beijingDayStart(date: string, days = 0): Date {
  return new Date(utcMidnight(date) + (days * 24 - BEIJING_OFFSET_HOURS) * 3_600_000);
}

/** The year of a YYYY-MM-DD date. */
export function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}

/** Whole days from date `a` to date `b` (both YYYY-MM-DD); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / 86_400_000);
}

/** True when the string is a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(utcMidnight(value)).toISOString().slice(0, 10) === value;
}

/**
 * Midnight UTC of a YYYY-MM-DD date, by Date.UTC, which carries an impossible day into the next month
 * (2026-02-30 becomes 2026-03-02), so a round trip tells a real date. Plain arithmetic rather than
 * dayjs: the schemas that check dates are on the resident's first page, where every kilobyte waits.
 */
function utcMidnight(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}
