/**
 * The calendar snapshot taken from `chinese-days` (issue 13, part 2): it agrees with the State
 * Council's 2026 notice, a year the package has no data for gives no calendar (2027 today, whose
 * New Year's Day the package calls a working day), and counting over the snapshot gives what the
 * package's own findWorkday gives wherever the package knows the year.
 */
import { findWorkday } from 'chinese-days';
import { addWorkingDays } from '@plsr/shared/calendar';
import { CALENDAR_SOURCE, packageCalendar } from '../src/cases/calendar';

describe('packageCalendar', () => {
  const y2026 = packageCalendar(2026)!;
  const calendars = new Map([[2026, y2026]]);

  it('holds the 2026 notice: 元旦, 春节, 劳动节, 中秋 and 国庆 off on weekdays, their make-up weekend days worked', () => {
    expect(y2026.source).toBe(CALENDAR_SOURCE);
    expect(y2026.holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-23', '2026-05-01', '2026-05-05', '2026-09-25']));
    expect(y2026.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']));
    expect(y2026.workdays).toEqual(expect.arrayContaining(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']));
    // Only weekdays are holidays and only weekend days are make-up days.
    for (const d of y2026.holidays) expect([1, 2, 3, 4, 5]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    for (const d of y2026.workdays) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
  });

  it('gives no calendar for a year the package does not know', () => {
    expect(packageCalendar(2027)).toBeNull();
  });

  it('counts as the package does, for every start in 2026 and 1–30 working days that stay in 2026', () => {
    let compared = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2026, 11, 1); t += 86_400_000) {
      const start = new Date(t).toISOString().slice(0, 10);
      for (let n = 1; n <= 30; n++) {
        const ours = addWorkingDays(start, n, calendars);
        if (!ours.date.startsWith('2026')) continue;
        expect([start, n, ours.date]).toEqual([start, n, findWorkday(n, start)]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(9000);
  });
});
