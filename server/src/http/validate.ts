/** Parsing at the edge: every route reads its input through one of these, never ctx.request.body raw. */
import type { z } from 'zod';
import { NUL_MESSAGE } from '@plsr/shared/schemas';
import { AppError } from './errors';

/** The path of the first string (value or key) holding NUL, which PostgreSQL text cannot store; null: none. */
function nulAt(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulAt(v, [...path, String(i)]);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k];
      const found = nulAt(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The schema's output, or a 400 naming what is wrong. A field's own check says it in its words; any
 * string a schema lets through with NUL in it is refused here, so that no field can forget to.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = '请求'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.fromZod(result.error, what);
  const nul = nulAt(result.data);
  if (nul) throw new AppError('validation_failed', `${what}${NUL_MESSAGE}`, [{ path: nul.join('.'), message: NUL_MESSAGE }]);
  return result.data;
}
