/** `npm run openapi`: writes docs/openapi.json from the shared zod schemas (the same document /api/openapi.json serves). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '@plsr/server';

export const OPENAPI_FILE = join(__dirname, '..', '..', 'docs', 'openapi.json');

export function renderOpenApi(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, renderOpenApi());
  console.log(`wrote ${OPENAPI_FILE}`);
}
