import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgresql']), version: z.string() });
export type Health = z.infer<typeof HealthSchema>;
