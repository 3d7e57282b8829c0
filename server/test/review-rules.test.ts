/** The fraud rules' pure parts: opening hours as a bureau writes them, and what each rule counts. */
import { DEFAULT_REVIEW_POLICY } from '@plsr/shared/scoring';
import { evaluate, parseOpeningHours, RecentRatings, type SeenRating } from '../src/review/rules';

describe('parseOpeningHours', () => {
  it('reads weekday groups with one or more periods each', () => {
    const h = parseOpeningHours('1-5 08:30-12:00,14:30-18:00; 6 09:00-12:00')!;
    expect([...h.days.keys()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(h.days.get(3)).toEqual([
      { from: 510, to: 720 },
      { from: 870, to: 1080 },
    ]);
    expect(h.days.get(6)).toEqual([{ from: 540, to: 720 }]);
  });

  it.each([
    ['', 'nothing'],
    ['周一至周五 8:30-18:00', 'Chinese words'],
    ['5-1 08:30-18:00', 'days backwards'],
    ['1-5 18:00-08:30', 'a period ending before it starts'],
    ['1-5 25:00-26:00', 'an hour past 23'],
    ['8 08:00-12:00', 'a day 8'],
    ['1-5 08:30-18:00;', 'an empty group'],
  ])('gives null (hours unknown, the rule off for the station) for %j (%s)', (text) => {
    expect(parseOpeningHours(text)).toBeNull();
  });
});

describe('evaluate', () => {
  const base = Date.parse('2026-06-16T02:00:00Z'); // a Tuesday, 10:00 in Beijing
  const rating = (n: number, over: Partial<SeenRating> = {}): SeenRating => ({
    id: n,
    residentId: 1000 + n,
    staffId: 7,
    stationId: 3,
    countyCode: '640402',
    serviceDate: '2026-06-16',
    ipHash: `ip${n}`,
    at: base + n * 60_000,
    residentAt: base - 86_400_000,
    ...over,
  });
  const context = { normalPerDay: () => 0, hoursOf: () => null };

  it('holds a burst once it reaches the threshold, every rating of the window with it, and on the next firing only the new one', () => {
    const recent = new RecentRatings();
    const fired: number[][] = [];
    for (let n = 1; n <= 11; n++) {
      const r = rating(n);
      recent.add(r);
      const f = evaluate(r, recent, DEFAULT_REVIEW_POLICY, context).filter((x) => x.rule === 'staff_burst');
      if (f.length) fired.push(f[0]!.ratingIds);
    }
    expect(fired).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11]]);
  });

  it('raises a busy person’s burst threshold with their normal rate', () => {
    const recent = new RecentRatings();
    const busy = { ...context, normalPerDay: () => 6 }; // 3 days × 6 = 18 an hour before it fires
    let fired = 0;
    for (let n = 1; n <= 17; n++) {
      const r = rating(n, { at: base + n * 1000 });
      recent.add(r);
      fired += evaluate(r, recent, DEFAULT_REVIEW_POLICY, busy).filter((x) => x.rule === 'staff_burst').length;
    }
    expect(fired).toBe(0);
  });

  it('does not count ratings that left the window', () => {
    const recent = new RecentRatings();
    let fired = 0;
    for (let n = 1; n <= 30; n++) {
      const r = rating(n, { at: base + n * 7 * 60_000 }); // one every 7 minutes: 8 or 9 an hour
      recent.add(r);
      fired += evaluate(r, recent, DEFAULT_REVIEW_POLICY, context).filter((x) => x.rule === 'staff_burst').length;
    }
    expect(fired).toBe(0);
  });

  it('holds a rating for a closed day and one made before opening on the day, not one in hours', () => {
    const hours = parseOpeningHours('1-5 08:30-18:00');
    const withHours = { ...context, hoursOf: () => hours };
    const rules = (r: SeenRating) => evaluate(r, new RecentRatings(), DEFAULT_REVIEW_POLICY, withHours).map((f) => f.rule);
    expect(rules(rating(0, { serviceDate: '2026-06-14' }))).toEqual(['outside_hours']); // a Sunday
    expect(rules(rating(0, { at: Date.parse('2026-06-15T23:00:00Z') }))).toEqual(['outside_hours']); // 07:00 on the 16th
    expect(rules(rating(0))).toEqual([]);
    // Rated the evening after the service, at home: not outside hours.
    expect(rules(rating(0, { at: Date.parse('2026-06-16T13:00:00Z') }))).toEqual([]);
  });
});
