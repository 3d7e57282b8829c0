import { beijingDate, beijingDateTime, beijingDayStart, daysBetween, isCalendarDate, yearOfDate } from '../src/time';

describe('beijingDate', () => {
  it.each([
    ['2026-12-31T15:59:59.999Z', '2026-12-31'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'], // midnight in Beijing: the new assessment year
    ['2026-06-30T23:30:00.000Z', '2026-07-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
  ])('when the instant is %s, then the Beijing date is %s', (instant, date) => {
    expect(beijingDate(new Date(instant))).toBe(date);
  });
});

describe('calendar helpers', () => {
  it('counts whole days and reads the year of a date', () => {
    expect(daysBetween('2026-11-25', '2026-12-25')).toBe(30);
    expect(daysBetween('2026-11-25', '2026-11-24')).toBe(-1);
    expect(yearOfDate('2026-11-25')).toBe(2026);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
  ])('when the date is %s, then isCalendarDate is %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });
});

describe('beijingDate across the range of instants', () => {
  it('agrees with the date the zone database gives for Asia/Shanghai, hour by hour over four years', () => {
    const inZone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000 + 60_000) {
      expect(beijingDate(new Date(t))).toBe(inZone.format(new Date(t)));
    }
  });
});

describe('Beijing wall-clock time and day starts (the audit log)', () => {
  it('writes an instant as Beijing date and time to the minute', () => {
    expect(beijingDateTime(new Date('2026-06-15T04:00:00Z'))).toBe('2026-06-15 12:00');
    expect(beijingDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
  });

  it('gives the instant a Beijing day begins, and the next day’s with days = 1', () => {
    expect(beijingDayStart('2026-06-15').toISOString()).toBe('2026-06-14T16:00:00.000Z');
    expect(beijingDayStart('2026-12-31', 1).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingDate(beijingDayStart('2026-03-01'))).toBe('2026-03-01');
  });
});
