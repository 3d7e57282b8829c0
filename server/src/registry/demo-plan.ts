/**
 * Who the demo people are and where they serve, and how each workstation fared at inspection —
 * worked out in memory from the imported stations before anything is written. Per county centre a
 * legal-aid worker and a notary; per township workstation 1–2 people's mediators and a grassroots
 * legal service worker; and "一村(社区)一法律顾问": every village room gets a lawyer, each lawyer
 * advising a few village rooms of one township and also sitting at its workstation.
 */
import { INSPECTION_ASPECTS, type InspectionAspect, type StaffRole, type StationTier } from '@plsr/shared/vocabulary';
import { EXEMPT_REASONS, firmNames, personName, type Random } from './demo-random';

export interface DemoStation {
  id: number;
  code: string;
  tier: StationTier;
  regionCode: string;
  /** The division's own name: county, township or village. */
  regionName: string;
  cityCode: string;
  countyCode: string;
  townshipCode: string | null;
}

/** How well someone serves, from +1 (better than most) to −3 (a standing source of 差评). */
export type Temper = 1 | 0 | -1 | -2 | -3;

export interface PlannedStaff {
  name: string;
  role: StaffRole;
  licenceNumber: string | null;
  organisation: string;
  countyCode: string;
  cityCode: string;
  /** Where they serve, and how much of their work happens at each post. */
  posts: Array<{ station: DemoStation; weight: number }>;
  temper: Temper;
  /** Relative number of ratings this person gets. */
  activity: number;
}

export interface PlannedInspection {
  station: DemoStation;
  aspects: Record<InspectionAspect, number> | null;
  exemptReason: string | null;
  inspectedOn: string;
}

// prettier-ignore
const TEMPERS: Record<'poor' | 'usual' | 'good', ReadonlyArray<readonly [Temper, number]>> = {
  poor: [[1, 15], [0, 52], [-1, 20], [-2, 8], [-3, 5]],
  usual: [[1, 26], [0, 56], [-1, 12], [-2, 4], [-3, 2]],
  good: [[1, 35], [0, 53], [-1, 8], [-2, 3], [-3, 1]],
};

/** Base rate of ratings per person, by role (a notary or legal-aid worker serves a whole county). */
const ROLE_ACTIVITY: Record<StaffRole, number> = {
  lawyer: 1,
  mediator: 1.1,
  grassroots_legal_worker: 0.8,
  legal_aid_worker: 1.6,
  notary: 1.6,
};

/** A plausible 17-digit licence number: city code, first year of practice, kind, sex, serial. */
function licenceNumber(random: Random, cityCode: string, kind: 1 | 2, year: number): string {
  const since = random.int(Math.max(1995, year - 25), year - 1);
  return `${cityCode.padEnd(4, '0').slice(0, 4)}${since}${kind}${random.int(0, 1)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

function groupSizes(random: Random, total: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    const size = left <= 6 ? left : random.int(3, 5);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

export function planInspectionQuality(random: Random, townships: DemoStation[]): Map<string, number> {
  // Mean aspect score of each workstation, 14.5–20 (most around 17.3): about half end up 好, half 中.
  return new Map(townships.map((t) => [t.code, 14.5 + 5.6 * ((random.next() + random.next()) / 2)]));
}

export function planStaff(
  random: Random,
  options: { stations: DemoStation[]; provinceShort: string; year: number; quality: Map<string, number> },
): PlannedStaff[] {
  const { stations, provinceShort, year, quality } = options;
  const byTier = (tier: StationTier) => stations.filter((s) => s.tier === tier);
  const person = (role: StaffRole, organisation: string, at: DemoStation, temperOf: keyof typeof TEMPERS) => ({
    name: personName(random),
    role,
    licenceNumber: role === 'lawyer' ? licenceNumber(random, at.cityCode, 1, year) : role === 'notary' ? licenceNumber(random, at.cityCode, 2, year) : null,
    organisation,
    countyCode: at.countyCode,
    cityCode: at.cityCode,
    temper: random.weighted(TEMPERS[temperOf]),
    activity: ROLE_ACTIVITY[role] * (0.4 + 1.2 * random.next()),
  });
  const staff: PlannedStaff[] = [];

  for (const centre of byTier('county_centre')) {
    staff.push({ ...person('legal_aid_worker', `${centre.regionName}法律援助中心(演示)`, centre, 'usual'), posts: [{ station: centre, weight: 1 }] });
    staff.push({ ...person('notary', `${centre.regionName}公证处(演示)`, centre, 'usual'), posts: [{ station: centre, weight: 1 }] });
  }

  const workstations = byTier('township_workstation');
  const firmsByCity = new Map<string, string[]>();
  const cities = [...new Set(workstations.map((w) => w.cityCode))];
  const allFirms = firmNames(random, provinceShort, cities.length * 4);
  cities.forEach((city, i) => firmsByCity.set(city, allFirms.slice(i * 4, i * 4 + 4)));
  const roomsByTownship = new Map<string, DemoStation[]>();
  for (const room of byTier('village_room')) {
    const list = roomsByTownship.get(room.townshipCode ?? '') ?? [];
    list.push(room);
    roomsByTownship.set(room.townshipCode ?? '', list);
  }

  for (const ws of workstations) {
    const q = quality.get(ws.code) ?? 17;
    const temperOf = q < 15.5 ? 'poor' : q > 18.5 ? 'good' : 'usual';
    const here = [{ station: ws, weight: 1 }];
    for (let i = random.int(1, 2); i > 0; i -= 1) {
      staff.push({ ...person('mediator', `${ws.regionName}人民调解委员会(演示)`, ws, temperOf), posts: here });
    }
    staff.push({ ...person('grassroots_legal_worker', `${ws.regionName}法律服务所(演示)`, ws, temperOf), posts: here });

    const rooms = roomsByTownship.get(ws.townshipCode ?? '') ?? [];
    const cityFirms = firmsByCity.get(ws.cityCode) ?? [];
    const firms = cityFirms.length > 0 ? cityFirms : allFirms;
    let start = 0;
    for (const size of groupSizes(random, rooms.length)) {
      const advised = rooms.slice(start, start + size);
      start += size;
      // Most of a village legal adviser's work is in the villages; some at the workstation's duty desk.
      const posts = [...advised.map((station) => ({ station, weight: 1 })), { station: ws, weight: 0.4 * size }];
      const lawyer = person('lawyer', random.pick(firms), ws, temperOf);
      staff.push({ ...lawyer, activity: lawyer.activity * (0.6 + 0.1 * size), posts });
    }
  }
  return staff;
}

/** Workstations per city marked 暂不参评: two in a city with ten or more, one in a smaller one. */
const exemptCount = (n: number) => (n >= 10 ? 2 : n >= 4 ? 1 : 0);
const ASPECT_BIAS: Record<InspectionAspect, number> = {
  standardisation: 0.4,
  professionalism: 0.2,
  openness: 0.3,
  management: 0,
  informatisation: -0.9,
};

/** ≈85% of workstations inspected on the five aspects (12–20 each), ~2 per city exempt, the rest not yet. */
export function planInspections(
  random: Random,
  options: { townships: DemoStation[]; quality: Map<string, number>; year: number; today: string },
): PlannedInspection[] {
  const { townships, quality, year, today } = options;
  // In October and November, as in the bulletin; never after today.
  const inspectedOn = () => {
    const date = new Date(Date.UTC(year, 9, 8 + random.int(0, 53))).toISOString().slice(0, 10);
    return date > today ? today : date;
  };
  const out: PlannedInspection[] = [];
  for (const city of [...new Set(townships.map((t) => t.cityCode))]) {
    const inCity = townships.filter((t) => t.cityCode === city);
    const shuffled = inCity
      .map((t) => ({ t, key: random.next() }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.t);
    const exempt = exemptCount(inCity.length);
    const inspected = Math.min(inCity.length - exempt, Math.round(0.85 * inCity.length));
    shuffled.forEach((station, i) => {
      if (i < exempt) {
        out.push({ station, aspects: null, exemptReason: random.pick(EXEMPT_REASONS), inspectedOn: inspectedOn() });
      } else if (i < exempt + inspected) {
        const q = quality.get(station.code) ?? 17;
        const score = (aspect: InspectionAspect) => Math.min(20, Math.max(12, Math.round(2 * (q + ASPECT_BIAS[aspect] + (random.next() - 0.5) * 3)) / 2));
        out.push({
          station,
          aspects: Object.fromEntries(INSPECTION_ASPECTS.map((a) => [a, score(a)])) as Record<InspectionAspect, number>,
          exemptReason: null,
          inspectedOn: inspectedOn(),
        });
      }
    });
  }
  return out.sort((a, b) => a.station.code.localeCompare(b.station.code));
}
