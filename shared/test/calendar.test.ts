/**
 * Working days on the Chinese calendar (issue 13, part 2), against a calendar written here by hand
 * from the State Council's notice on the 2026 holidays (国办发明电〔2025〕7号, 2025-11-04), for the
 * dates a case opened in September meets: 中秋节 9月25日(周五)至27日放假; 国庆节 10月1日至7日放假,
 * 9月20日(周日)、10月10日(周六)上班.
 */
import { addWorkingDays, calendarChanges, isWorkingDay, type CalendarYear } from '../src/calendar';

const NOTICE_2026: CalendarYear = {
  year: 2026,
  source: '国办发明电〔2025〕7号 (by hand, autumn only)',
  // Monday–Friday days off: 中秋 9/25 (Fri); 国庆 10/1 (Thu), 10/2 (Fri), 10/5 (Mon), 10/6 (Tue), 10/7 (Wed).
  holidays: ['2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  // Weekend days worked: 9/20 (Sun), 10/10 (Sat).
  workdays: ['2026-09-20', '2026-10-10'],
};
const only2026 = new Map([[2026, NOTICE_2026]]);

describe('addWorkingDays', () => {
  it('counts 15 working days across 中秋 and 国庆 2026 with their make-up days, as worked out by hand', () => {
    // Opened Friday 18 September. Working: 9/20 (Sun, make-up) 1, 9/21–9/24 2–5, 9/25 off (中秋),
    // 9/28–9/30 6–8, 10/1–10/7 off, 10/8–10/9 9–10, 10/10 (Sat, make-up) 11, 10/12–10/15 12–15.
    expect(addWorkingDays('2026-09-18', 15, only2026)).toEqual({ date: '2026-10-15', provisional: false, uncoveredYears: [] });
    // One working day after the eve of 国庆 is the day after the holiday.
    expect(addWorkingDays('2026-09-30', 1, only2026).date).toBe('2026-10-08');
    // The make-up Saturday counts; the ordinary Saturday after it does not.
    expect(addWorkingDays('2026-10-09', 1, only2026).date).toBe('2026-10-10');
    expect(addWorkingDays('2026-10-10', 1, only2026).date).toBe('2026-10-12');
  });

  it('when the count runs into a year no calendar covers, then it counts weekdays there and marks the deadline 待核实', () => {
    // Sunday 20 December: 12/21–12/25 1–5, 12/28–12/31 6–9, then 2027 (uncovered) as weekdays:
    // 1/1 (Fri) 10 — a holiday in fact, which is why the result is marked — 1/4–1/8 11–15.
    expect(addWorkingDays('2026-12-20', 15, only2026)).toEqual({ date: '2027-01-08', provisional: true, uncoveredYears: [2027] });
    expect(addWorkingDays('2026-12-20', 9, only2026)).toEqual({ date: '2026-12-31', provisional: false, uncoveredYears: [] });
  });

  it('refuses what is not a date or a count', () => {
    expect(() => addWorkingDays('2026-9-18', 15, only2026)).toThrow();
    expect(() => addWorkingDays('2026-09-18', 0, only2026)).toThrow();
    expect(() => addWorkingDays('2026-09-18', 1.5, only2026)).toThrow();
  });
});

describe('isWorkingDay', () => {
  it('tells holidays, make-up days and ordinary days apart, and says when it only guessed', () => {
    expect(isWorkingDay('2026-10-05', only2026)).toEqual({ working: false, covered: true });
    expect(isWorkingDay('2026-09-20', only2026)).toEqual({ working: true, covered: true });
    expect(isWorkingDay('2026-09-19', only2026)).toEqual({ working: false, covered: true });
    expect(isWorkingDay('2027-01-01', only2026)).toEqual({ working: true, covered: false });
  });
});

describe('calendarChanges', () => {
  it('reports the dates a newer calendar of the year changes, and nothing when it is the same', () => {
    expect(calendarChanges(NOTICE_2026, { ...NOTICE_2026, source: 'again' })).toEqual([]);
    const moved = { ...NOTICE_2026, holidays: [...NOTICE_2026.holidays, '2026-10-08'], workdays: ['2026-09-20'] };
    expect(calendarChanges(NOTICE_2026, moved)).toEqual([
      { date: '2026-10-08', was: 'working', now: 'off' },
      { date: '2026-10-10', was: 'working', now: 'off' },
    ]);
    expect(() => calendarChanges(NOTICE_2026, { ...NOTICE_2026, year: 2027 })).toThrow();
  });
});
