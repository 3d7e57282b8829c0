/** The edge's parse: a schema's own message first; then any string holding NUL, wherever it sits, is a 400. */
import { z } from 'zod';
import { AppError } from '../src/http/errors';
import { parse } from '../src/http/validate';

const schema = z.object({ name: z.string(), tags: z.array(z.string()).optional(), extra: z.record(z.string(), z.string()).optional() });
const refusal = (input: unknown) => {
  try {
    parse(schema, input, '请求');
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  return null;
};

describe('parse', () => {
  it('returns the parsed input when every string can be stored', () => {
    expect(parse(schema, { name: '王建国', tags: ['调解'] })).toEqual({ name: '王建国', tags: ['调解'] });
  });

  it('refuses NUL in a field that has no check of its own, naming where it is', () => {
    expect(refusal({ name: 'a\u0000b' })).toEqual({
      code: 'validation_failed',
      message: '请求含有无法保存的字符',
      details: [{ path: 'name', message: '含有无法保存的字符' }],
    });
    expect(refusal({ name: 'ok', tags: ['x', '\u0000'] })?.details).toEqual([{ path: 'tags.1', message: '含有无法保存的字符' }]);
    expect(refusal({ name: 'ok', extra: { 'k\u0000': 'v' } })?.details).toEqual([{ path: 'extra.k\u0000', message: '含有无法保存的字符' }]);
  });

  it('lets a field’s own check speak first', () => {
    const own = z.object({ name: z.string().refine((s) => !s.includes('\u0000'), { error: '姓名含有无法保存的字符' }) });
    expect(() => parse(own, { name: '\u0000' })).toThrow('姓名');
  });
});
