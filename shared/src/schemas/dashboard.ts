/**
 * The bureau's dashboard (issue 13, part 5): a year and region at a glance, every figure from the kept
 * counts (the year-end's own computation, the monthly counts, and the small tables of cases, held
 * ratings and appeals), so it opens fast at province scale.
 */
import { z } from 'zod';
import { BANDS, REGION_LEVELS, STAFF_ROLES } from '../vocabulary';
import { RegionCodeSchema } from './common';

export const DashboardQuerySchema = z.object({ region: RegionCodeSchema });

export const DashboardSchema = z.object({
  year: z.number().int(),
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }),
  bulletin: z.string(),
  /** Workstations per band, as the bulletin counts them. */
  workstations: z.object({ good: z.number().int(), fair: z.number().int(), poor: z.number().int(), exempt: z.number().int(), unscored: z.number().int() }),
  /** Counted ratings per month (1–12) and the share of them 一般 or better. */
  months: z.array(z.object({ month: z.number().int(), ratings: z.number().int(), satisfactionRate: z.number().nullable() })),
  ratings: z.number().int(),
  satisfactionRate: z.number().nullable(),
  /** The five lowest-scoring banded workstations and staff (lowest first). */
  lowestWorkstations: z.array(z.object({ stationCode: z.string(), stationName: z.string(), county: z.string(), total: z.number(), band: z.enum(BANDS) })),
  lowestStaff: z.array(
    z.object({ staffId: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES), organisation: z.string(), score: z.number(), band: z.enum(BANDS) }),
  ),
  /** 差评 cases opened in the year: open (of which overdue) and closed (on time or late). */
  cases: z.object({ open: z.number().int(), overdue: z.number().int(), closedOnTime: z.number().int(), closedLate: z.number().int() }),
  /** Ratings on hold waiting for a bureau's decision, and workers' appeals waiting. */
  flaggedWaiting: z.number().int(),
  appealsWaiting: z.number().int(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
