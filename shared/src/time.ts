/**
 * Beijing time. The assessment year is the calendar year in Asia/Shanghai, whatever the server's
 * own time zone, so every date the product reasons about goes through here.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

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

/** The year of a YYYY-MM-DD date. */
export function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}

/** Whole days from date `a` to date `b` (both YYYY-MM-DD); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}

/** True when the string is a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return dayjs.utc(value).format('YYYY-MM-DD') === value;
}
