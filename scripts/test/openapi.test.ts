import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApi } from '../src/openapi';

describe('docs/openapi.json', () => {
  it('is what the shared zod schemas generate today (run `npm run openapi` after changing them)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(renderOpenApi());
  });
});
