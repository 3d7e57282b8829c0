/**
 * The demo ratings: a realistic year so far. Levels spread about 55% 5, 30% 4, 9% 3, 4% 2, 2% 1,
 * skewed per person by their temper, so that the year-end shows 好, 中 and 差; service types fit
 * the role; every 差评 carries a reason; one rating per resident per person per day.
 */
import { isBadReview, type BadReviewReason, type RaterType, type RatingLevel, type ServiceType, type StaffRole } from '@plsr/shared/vocabulary';
import type { DemoStation, PlannedStaff, Temper } from './demo-plan';
import { COMMENTS, REASON_TEXTS, demoUuid, type Random } from './demo-random';

export interface PlannedRating {
  staffIndex: number;
  residentIndex: number;
  station: DemoStation;
  serviceType: ServiceType;
  level: RatingLevel;
  attitude: number | null;
  competence: number | null;
  efficiency: number | null;
  reasonCode: BadReviewReason | null;
  reasonText: string | null;
  comment: string | null;
  raterType: RaterType;
  serviceDate: string;
  clientRequestId: string;
  createdAt: Date;
}

/** Percentages of levels 5, 4, 3, 2, 1 by temper. */
const LEVELS: Record<Temper, readonly number[]> = {
  1: [72, 22, 4, 1.5, 0.5],
  0: [58, 31, 8, 2.3, 0.7],
  [-1]: [35, 38, 15, 8, 4],
  [-2]: [15, 30, 22, 18, 15],
  [-3]: [5, 15, 20, 30, 30],
};

const SERVICES: Record<StaffRole, ReadonlyArray<readonly [ServiceType, number]>> = {
  lawyer: [
    ['consultation', 55],
    ['lawyer_service', 25],
    ['document_drafting', 20],
  ],
  mediator: [
    ['mediation', 70],
    ['consultation', 30],
  ],
  notary: [['notarization', 1]],
  legal_aid_worker: [
    ['legal_aid', 70],
    ['consultation', 30],
  ],
  grassroots_legal_worker: [
    ['consultation', 45],
    ['document_drafting', 30],
    ['mediation', 25],
  ],
};

const REASONS: ReadonlyArray<readonly [BadReviewReason, number]> = [
  ['poor_attitude', 25],
  ['not_solved', 25],
  ['slow', 20],
  ['unprofessional', 15],
  ['absent', 8],
  ['asked_for_fees', 2],
  ['other', 5],
];

/** The YYYY-MM-DD date `offset` days after January 1 of `year`. */
function dayOfYear(year: number, offset: number): string {
  return new Date(Date.UTC(year, 0, 1 + offset)).toISOString().slice(0, 10);
}

/** Picks indexes in proportion to their weights, by binary search over the running totals. */
function weightedIndex(weights: number[]): (random: Random) => number {
  const totals: number[] = [];
  let sum = 0;
  for (const w of weights) totals.push((sum += w));
  return (random) => {
    const r = random.next() * sum;
    let lo = 0;
    let hi = totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((totals[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

export function planRatings(random: Random, options: { staff: PlannedStaff[]; count: number; residents: number; year: number; days: number }): PlannedRating[] {
  const { staff, count, residents, year, days } = options;
  const pickStaff = weightedIndex(staff.map((s) => s.activity));
  const taken = new Set<string>();
  const out: PlannedRating[] = [];
  let attempts = 0;
  while (out.length < count && attempts < count * 20) {
    attempts += 1;
    const staffIndex = pickStaff(random);
    const person = staff[staffIndex];
    if (!person) continue;
    const post = person.posts[random.weighted(person.posts.map((p, i) => [i, p.weight] as const))];
    if (!post) continue;
    const serviceDate = dayOfYear(year, random.int(0, days - 1));
    const residentIndex = random.int(0, residents - 1);
    const key = `${residentIndex}|${staffIndex}|${serviceDate}`;
    if (taken.has(key)) continue;
    taken.add(key);

    const level = random.weighted(([5, 4, 3, 2, 1] as const).map((l, i) => [l, LEVELS[person.temper][i] ?? 0] as const));
    const dimension = () =>
      Math.min(
        5,
        Math.max(
          1,
          level +
            random.weighted([
              [0, 70],
              [-1, 15],
              [1, 15],
            ] as const),
        ),
      );
    const withDimensions = random.chance(0.5);
    const bad = isBadReview(level);
    const reasonCode = bad ? random.weighted(REASONS) : null;
    const mood = bad ? 'bad' : level === 3 ? 'fair' : 'good';
    const minute = random.int(8 * 60 + 30, 18 * 60);
    out.push({
      staffIndex,
      residentIndex,
      station: post.station,
      serviceType: random.weighted(SERVICES[person.role]),
      level,
      attitude: withDimensions ? dimension() : null,
      competence: withDimensions ? dimension() : null,
      efficiency: withDimensions ? dimension() : null,
      reasonCode,
      reasonText: reasonCode && random.chance(0.35) ? random.pick(REASON_TEXTS[reasonCode]) : null,
      comment: random.chance(0.2) ? random.pick(COMMENTS[mood]) : null,
      raterType: random.chance(person.role === 'lawyer' || person.role === 'notary' ? 0.1 : 0.05) ? 'organisation' : 'individual',
      serviceDate,
      clientRequestId: demoUuid(random),
      createdAt: new Date(`${serviceDate}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`),
    });
  }
  return out;
}
