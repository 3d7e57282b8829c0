/**
 * The fraud rules, as pure functions over the ratings of the last hours (docs/review.md). Each rule
 * looks at one new rating in the light of the ratings before it and, when its threshold is reached,
 * fires: it names the subject (a staff member, an address, a resident, a station), the ratings to put
 * on hold, and the evidence a bureau reads. The scan (./scan.ts) feeds them and writes what they decide.
 */
import type { ReviewPolicy } from '@plsr/shared/scoring';
import type { ReviewRule } from '@plsr/shared/vocabulary';

/** What the rules know of a rating. Times are ms since the epoch. */
export interface SeenRating {
  id: number;
  residentId: number;
  staffId: number;
  stationId: number;
  countyCode: string;
  serviceDate: string;
  /** Keyed hash of the address it came from; null for ratings made before addresses were kept. */
  ipHash: string | null;
  at: number;
  /** When the resident who made it first logged in. */
  residentAt: number;
}

export interface Firing {
  rule: ReviewRule;
  /** "staff:12", "address:…", "resident:77", "station:5" */
  subject: string;
  staffId: number | null;
  /** How long an incident of this rule stays open to more firings on the same subject. */
  windowMinutes: number;
  /** The ratings this firing puts on hold (the scan leaves out those already reviewed or on hold). */
  ratingIds: number[];
  evidence: Evidence;
}

/** What a bureau reads: the rule's window and threshold against what it saw, and a sentence saying so. */
export interface Evidence {
  windowMinutes: number;
  threshold: number;
  observed: number;
  /** The staff member's counted ratings per day over the three months before (burst, fresh residents). */
  normalPerDay?: number;
  residentAgeMinutes?: number;
  openingHours?: string;
  summary: string;
}

/** The recent ratings, indexed the ways the rules ask: by staff member, address and resident. */
export class RecentRatings {
  private readonly byStaff = new Map<number, SeenRating[]>();
  private readonly byAddress = new Map<string, SeenRating[]>();
  private readonly byResident = new Map<number, SeenRating[]>();
  private readonly byId = new Map<number, SeenRating>();
  private all: SeenRating[] = [];
  /** Per rule and subject, the last rating id a firing took. */
  private readonly marks = new Map<string, number>();

  add(r: SeenRating): void {
    this.all.push(r);
    this.byId.set(r.id, r);
    push(this.byStaff, r.staffId, r);
    if (r.ipHash) push(this.byAddress, r.ipHash, r);
    push(this.byResident, r.residentId, r);
  }

  /**
   * Forgets the ratings made before `since` (older than every rule's window), and the oldest beyond
   * `keepAtMost` (a flood is remembered for its latest part, which is what the rules count; trimmed a
   * fifth below the cap at a time). Returns whether it forgot any.
   */
  forgetBefore(since: number, keepAtMost = Infinity): boolean {
    const over = this.all.length > keepAtMost * 1.2;
    if (this.all.length === 0 || (this.all[0]!.at >= since && !over)) return false;
    const ms = over ? Math.max(since, this.all[this.all.length - keepAtMost]!.at) : since;
    for (const r of this.all) if (r.at < ms) this.byId.delete(r.id);
    this.all = this.all.filter((r) => r.at >= ms);
    for (const map of [this.byStaff, this.byAddress, this.byResident] as Map<unknown, SeenRating[]>[]) {
      for (const [k, list] of map) {
        if (list[0]!.at >= ms) continue;
        const kept = list.filter((r) => r.at >= ms);
        if (kept.length === 0) map.delete(k);
        else map.set(k, kept);
      }
    }
    // A mark below every rating remembered marks nothing any more.
    const oldest = this.all[0]?.id ?? Infinity;
    for (const [k, id] of this.marks) if (id < oldest) this.marks.delete(k);
    return true;
  }

  find(id: number): SeenRating | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.all.length;
  }

  staff(id: number, from: number, to: number): Window {
    return windowOf(this.byStaff.get(id), from, to);
  }
  address(hash: string, from: number, to: number): Window {
    return windowOf(this.byAddress.get(hash), from, to);
  }
  resident(id: number, from: number, to: number): Window {
    return windowOf(this.byResident.get(id), from, to);
  }

  /**
   * The ids in the window after the last ones this rule took on this subject, and marks them taken:
   * a rule firing again on a subject hands on only what came since, not the whole window again.
   */
  takeNew(key: string, w: Window, only: (r: SeenRating) => boolean = () => true): number[] {
    const after = this.marks.get(key) ?? 0;
    const out: number[] = [];
    for (let i = firstAbove(w.list, w.hi, after, w.lo); i < w.hi; i++) if (only(w.list[i]!)) out.push(w.list[i]!.id);
    if (w.hi > w.lo) this.marks.set(key, Math.max(after, w.list[w.hi - 1]!.id));
    return out;
  }
}

/** The ratings of one subject from `lo` to `hi` (exclusive) of its list: counted without copying. */
export interface Window {
  list: readonly SeenRating[];
  lo: number;
  hi: number;
}

const EMPTY: readonly SeenRating[] = [];

function push<K>(map: Map<K, SeenRating[]>, key: K, r: SeenRating): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

/** The part of a list (in the order the ratings were written, so by time) with from < at ≤ to; binary searched. */
function windowOf(list: readonly SeenRating[] | undefined, from: number, to: number): Window {
  if (!list) return { list: EMPTY, lo: 0, hi: 0 };
  return { list, lo: firstAt(list, (r) => r.at > from), hi: firstAt(list, (r) => r.at > to) };
}

/** The first index whose rating passes `pass` (which holds from some index on). */
function firstAt(list: readonly SeenRating[], pass: (r: SeenRating) => boolean, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pass(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first index in [lo, hi) whose id is above `id` (ids grow along a list). */
function firstAbove(list: readonly SeenRating[], hi: number, id: number, lo: number): number {
  return firstAt(list, (r) => r.id > id, lo, hi);
}

/** The longest window of the policy's rules: how far back the scan must remember. */
export function longestWindowMinutes(p: ReviewPolicy): number {
  return Math.max(p.staffBurst.windowMinutes, p.freshResidents.windowMinutes, p.addressVolume.windowMinutes, p.residentVolume.windowMinutes, 24 * 60);
}

/** What the rules need to know beyond the ratings: normal rates and opening hours. */
export interface RuleContext {
  /** Counted ratings per day of a staff member over the three months before. */
  normalPerDay(staffId: number): number;
  /** The station's opening hours, parsed; null when unknown. */
  hoursOf(stationId: number): OpeningHours | null;
}

const MINUTE = 60_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
const windowText = (m: number) => (m % 1440 === 0 ? `${m / 1440} 天` : m % 60 === 0 ? `${m / 60} 小时` : `${m} 分钟`);

/** Every rule that fires on `r`, a rating just added to `recent`. */
export function evaluate(r: SeenRating, recent: RecentRatings, policy: ReviewPolicy, context: RuleContext): Firing[] {
  const out: Firing[] = [];
  const staffThreshold = (minCount: number, normalDays: number) => {
    const normal = context.normalPerDay(r.staffId);
    return { normal, threshold: Math.max(minCount, Math.ceil(normalDays * normal)) };
  };

  const burst = policy.staffBurst;
  if (burst.enabled) {
    const w = recent.staff(r.staffId, r.at - burst.windowMinutes * MINUTE, r.at);
    const count = w.hi - w.lo;
    if (count >= burst.minCount) {
      const { normal, threshold } = staffThreshold(burst.minCount, burst.normalDays);
      if (count >= threshold) {
        out.push({
          rule: 'staff_burst',
          subject: `staff:${r.staffId}`,
          staffId: r.staffId,
          windowMinutes: burst.windowMinutes,
          ratingIds: recent.takeNew(`staff_burst ${r.staffId}`, w),
          evidence: {
            windowMinutes: burst.windowMinutes,
            threshold,
            observed: count,
            normalPerDay: round1(normal),
            summary: `${windowText(burst.windowMinutes)}内收到 ${count} 条评价(阈值 ${threshold} 条;此前三个月平均每天 ${round1(normal)} 条)`,
          },
        });
      }
    }
  }

  const fresh = policy.freshResidents;
  if (fresh.enabled) {
    const age = fresh.residentAgeMinutes * MINUTE;
    const isFresh = (x: SeenRating) => x.at - x.residentAt <= age;
    const w = recent.staff(r.staffId, r.at - fresh.windowMinutes * MINUTE, r.at);
    let count = 0;
    for (let i = w.lo; i < w.hi; i++) if (isFresh(w.list[i]!)) count++;
    if (count >= fresh.minCount) {
      const { normal, threshold } = staffThreshold(fresh.minCount, fresh.normalDays);
      if (count >= threshold) {
        out.push({
          rule: 'fresh_residents',
          subject: `staff:${r.staffId}`,
          staffId: r.staffId,
          windowMinutes: fresh.windowMinutes,
          ratingIds: recent.takeNew(`fresh_residents ${r.staffId}`, w, isFresh),
          evidence: {
            windowMinutes: fresh.windowMinutes,
            threshold,
            observed: count,
            normalPerDay: round1(normal),
            residentAgeMinutes: fresh.residentAgeMinutes,
            summary: `${windowText(fresh.windowMinutes)}内 ${count} 条评价来自注册不到 ${fresh.residentAgeMinutes} 分钟的用户(阈值 ${threshold} 条)`,
          },
        });
      }
    }
  }

  const address = policy.addressVolume;
  if (address.enabled && r.ipHash) {
    const w = recent.address(r.ipHash, r.at - address.windowMinutes * MINUTE, r.at);
    const count = w.hi - w.lo;
    if (count >= address.minCount) {
      out.push({
        rule: 'address_volume',
        subject: `address:${r.ipHash}`,
        staffId: null,
        windowMinutes: address.windowMinutes,
        ratingIds: recent.takeNew(`address_volume ${r.ipHash}`, w),
        evidence: {
          windowMinutes: address.windowMinutes,
          threshold: address.minCount,
          observed: count,
          summary: `同一网络地址${windowText(address.windowMinutes)}内提交 ${count} 条评价(阈值 ${address.minCount} 条)`,
        },
      });
    }
  }

  const resident = policy.residentVolume;
  if (resident.enabled) {
    const w = recent.resident(r.residentId, r.at - resident.windowMinutes * MINUTE, r.at);
    const count = w.hi - w.lo;
    if (count >= resident.minCount) {
      out.push({
        rule: 'resident_volume',
        subject: `resident:${r.residentId}`,
        staffId: null,
        windowMinutes: resident.windowMinutes,
        ratingIds: recent.takeNew(`resident_volume ${r.residentId}`, w),
        evidence: {
          windowMinutes: resident.windowMinutes,
          threshold: resident.minCount,
          observed: count,
          summary: `同一用户(设备)${windowText(resident.windowMinutes)}内提交 ${count} 条评价(阈值 ${resident.minCount} 条)`,
        },
      });
    }
  }

  const hours = policy.outsideHours.enabled ? context.hoursOf(r.stationId) : null;
  const why = hours ? outsideHours(hours, r) : null;
  if (hours && why) {
    out.push({
      rule: 'outside_hours',
      subject: `station:${r.stationId}`,
      staffId: null,
      windowMinutes: 24 * 60,
      ratingIds: [r.id],
      evidence: { windowMinutes: 24 * 60, threshold: 1, observed: 1, openingHours: hours.text, summary: `${why}(服务时间 ${hours.text})` },
    });
  }
  return out;
}

/** Opening hours: ISO weekdays (1 Monday … 7 Sunday) each with its open periods in minutes of the day. */
export interface OpeningHours {
  text: string;
  days: Map<number, { from: number; to: number }[]>;
}

const HOURS_GROUP = /^([1-7])(?:-([1-7]))?\s+(\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*)$/;

/**
 * Parses "1-5 08:30-12:00,14:30-18:00; 6 09:00-12:00" (weekdays, then times in Beijing time; groups
 * separated by ';'). Null for text it cannot read: the rule then treats the hours as unknown.
 */
export function parseOpeningHours(text: string | null): OpeningHours | null {
  if (!text?.trim()) return null;
  const days = new Map<number, { from: number; to: number }[]>();
  for (const group of text.split(';').map((g) => g.trim())) {
    const m = HOURS_GROUP.exec(group);
    if (!m) return null;
    const first = Number(m[1]);
    const last = Number(m[2] ?? m[1]);
    if (last < first) return null;
    const periods = m[3]!.split(',').map((p) => {
      const [a, b] = p.split('-') as [string, string];
      return { from: minuteOf(a), to: minuteOf(b) };
    });
    if (periods.some((p) => Number.isNaN(p.from) || Number.isNaN(p.to) || p.to <= p.from)) return null;
    for (let d = first; d <= last; d++) days.set(d, [...(days.get(d) ?? []), ...periods]);
  }
  return { text: text.trim(), days };
}

function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h < 24 && m < 60 ? h * 60 + m : NaN;
}

const BEIJING = 8 * 60 * MINUTE;

/** Why the rating is outside the station's hours, or null: a closed weekday, or rated the same day before it opened. */
function outsideHours(hours: OpeningHours, r: SeenRating): string | null {
  const weekday = ((new Date(`${r.serviceDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const periods = hours.days.get(weekday);
  if (!periods) return `服务日期 ${r.serviceDate} 站点不开放`;
  const local = new Date(r.at + BEIJING);
  if (local.toISOString().slice(0, 10) !== r.serviceDate) return null;
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const opens = Math.min(...periods.map((p) => p.from));
  return minute < opens ? `服务当天开门之前(${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')})即已评价` : null;
}
