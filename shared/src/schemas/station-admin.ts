/**
 * Stations as the bureau console manages them: posters, the region pickers, renaming, suspending or
 * closing a station, and a new village's 工作室. A module of its own: stations.ts is loaded by the
 * resident's pages, and every schema built there would be carried by them too.
 */
import { z } from 'zod';
import { STATION_STATUSES, STATION_TIERS } from '../vocabulary';
import { noNul, NUL_MESSAGE, RegionCodeSchema, RegionRefSchema } from './common';

export const POSTER_SIZES = ['A4', 'A5'] as const;
export const PosterQuerySchema = z.object({
  /** A county (every station of it) or a township (its workstation and village rooms). */
  region: RegionCodeSchema,
  size: z.enum(POSTER_SIZES, { error: '纸张只能是 A4 或 A5' }).default('A4'),
});
export type PosterQuery = z.infer<typeof PosterQuerySchema>;

/** A region of the jurisdiction and the regions directly under it (cities, counties, townships), by code. */
export const RegionChildrenQuerySchema = z.object({ parent: RegionCodeSchema });
export const RegionChildrenSchema = z.object({ region: RegionRefSchema, children: z.array(RegionRefSchema) });
export type RegionChildren = z.infer<typeof RegionChildrenSchema>;

/** Why a bureau changes something: kept in the audit log. */
export const ReasonSchema = z
  .string({ error: '请填写原因' })
  .trim()
  .min(1, { error: '请填写原因' })
  .max(200, { error: '原因不能超过 200 字' })
  .refine(noNul, { error: `原因${NUL_MESSAGE}` });

/** Rename, suspend (暂停: no new posters, no ratings), close (撤销) or reopen a station; with a reason. */
export const StationUpdateSchema = z
  .strictObject({
    name: z
      .string({ error: '名称应为文字' })
      .trim()
      .min(2, { error: '名称至少 2 个字' })
      .max(60, { error: '名称不能超过 60 字' })
      .refine(noNul, { error: `名称${NUL_MESSAGE}` })
      .optional(),
    status: z.enum(STATION_STATUSES, { error: '状态只能是 active(在用)、suspended(暂停)或 closed(撤销)' }).optional(),
    reason: ReasonSchema,
  })
  .refine((u) => u.name !== undefined || u.status !== undefined, { error: '请填写新名称或新状态', path: ['name'] });
export type StationUpdate = z.infer<typeof StationUpdateSchema>;

/** A village (村/社区) added to a township, with its 工作室. */
export const NewVillageRoomSchema = z.strictObject({
  /** The village's 12-digit code, under its township's 9 digits. */
  village: z.string({ error: '请填写村(社区)代码' }).regex(/^\d{12}$/, { error: '村(社区)代码应为 12 位数字' }),
  /** The village's name as the division list writes it, e.g. 东塬村委会; null when the village is already in the list. */
  villageName: z
    .string({ error: '村(社区)名称应为文字' })
    .trim()
    .min(2, { error: '村(社区)名称至少 2 个字' })
    .max(30, { error: '村(社区)名称不能超过 30 字' })
    .refine(noNul, { error: `村(社区)名称${NUL_MESSAGE}` })
    .optional(),
  reason: ReasonSchema,
});
export type NewVillageRoom = z.infer<typeof NewVillageRoomSchema>;

/** A station as the bureau manages it. */
export const ManagedStationSchema = z.object({
  code: z.string(),
  name: z.string(),
  tier: z.enum(STATION_TIERS),
  status: z.enum(STATION_STATUSES),
  regionCode: z.string(),
  countyCode: z.string(),
  /** The township whose workstation score its ratings count towards (null: the county centre). */
  townshipCode: z.string().nullable(),
});
export type ManagedStation = z.infer<typeof ManagedStationSchema>;
