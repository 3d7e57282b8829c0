/** Parsing at the edge: every route reads its input through one of these, never ctx.request.body raw. */
import type { z } from 'zod';
import { AppError } from './errors';

export function parse<S extends z.ZodType>(schema: S, input: unknown, what = '请求'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.fromZod(result.error, what);
  return result.data;
}
