/**
 * A worker's service code as the resident's rating page reads it (issue 12, part 5): apart from
 * worker.ts, so that the rating page loads these two schemas and none of the workers' own.
 */
import { z } from 'zod';
import { SERVICE_TYPES } from '../vocabulary';
import { PublicStaffSchema } from './stations';

/** 128 random bits, base64url: what a link's `sc` carries. */
export const SERVICE_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const ServiceCodeParamsSchema = z.object({ code: z.string({ error: '缺少服务码' }).regex(SERVICE_CODE_PATTERN, { error: '服务码无效' }) });

/**
 * What a resident's phone learns from a service code: who served them, where, what, and on which day
 * (the rating's service date is the day the code was shown, whenever the resident sends it).
 */
export const ServiceCodeViewSchema = z.object({
  stationCode: z.string(),
  stationName: z.string(),
  staff: PublicStaffSchema,
  serviceType: z.enum(SERVICE_TYPES).nullable(),
  serviceDate: z.string(),
  expiresAt: z.string(),
});
export type ServiceCodeView = z.infer<typeof ServiceCodeViewSchema>;
