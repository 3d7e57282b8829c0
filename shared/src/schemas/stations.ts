/** A station as the resident's phone sees it after scanning its code. */
import { z } from 'zod';
import { STAFF_ROLES, STATION_STATUSES, STATION_TIERS } from '../vocabulary';
import { RegionRefSchema, type RegionRef } from './common';

export const PublicStaffSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  organisation: z.string(),
});
export type PublicStaff = z.infer<typeof PublicStaffSchema>;

export const StationViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  tier: z.enum(STATION_TIERS),
  status: z.enum(STATION_STATUSES),
  /** From the city down to the station's own township or village: 市 › 县(区) › 乡镇(街道) › 村(社区). */
  path: z.array(RegionRefSchema),
  staff: z.array(PublicStaffSchema),
});
export type StationView = z.infer<typeof StationViewSchema>;

/**
 * A station's place as residents read it: 市 › 县(区) › 乡镇(街道) › 村(社区). The app and the page the
 * server draws for a poster link say it the same way.
 */
export function placeOf(path: readonly RegionRef[]): string {
  return path.map((r) => r.name).join(' › ');
}
