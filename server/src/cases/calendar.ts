/**
 * The official calendar of a year as the `chinese-days` package knows it, as a snapshot to store with
 * the year's policy (shared/src/calendar.ts counts working days over snapshots). The package only
 * knows the years it ships data for: it calls 2027-01-01 a working day because it has no 2027 yet,
 * so a year is taken only when New Year's Day is a holiday in it; otherwise there is no calendar
 * for that year, and deadlines that run into it are marked 待核实.
 */
import { isHoliday, isWorkday } from 'chinese-days';
import type { CalendarYear } from '@plsr/shared/calendar';
import packageJson from 'chinese-days/package.json';

export const CALENDAR_SOURCE = `chinese-days ${packageJson.version}`;

export function packageCalendar(year: number): CalendarYear | null {
  if (!isHoliday(`${year}-01-01`)) return null;
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekend = new Date(t).getUTCDay() % 6 === 0;
    const working = isWorkday(date);
    if (!weekend && !working) holidays.push(date);
    if (weekend && working) workdays.push(date);
  }
  return { year, source: CALENDAR_SOURCE, holidays, workdays };
}
