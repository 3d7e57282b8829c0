/** Health check and the OpenAPI document. */
import type { Handlers } from '../http/router';
import { openApiDocument } from './openapi';

const VERSION = '0.1.0';

export const systemHandlers: Pick<Handlers, 'health' | 'openApi'> = {
  health: async ({ deps }) => {
    await deps.db.$queryRawUnsafe('SELECT 1');
    return { status: 'ok', database: deps.config.provider, version: VERSION };
  },
  openApi: () => openApiDocument(),
};
