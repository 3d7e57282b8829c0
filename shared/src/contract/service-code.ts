/**
 * The one route the rating page calls when a worker's service code opened it (issue 12, part 5),
 * declared apart: the resident's first page (resident.ts) does not load it, and the rating page
 * loads no worker route with it.
 */
import { ServiceCodeParamsSchema, ServiceCodeViewSchema } from '../schemas';
import { defineRoute } from './define';
import { anonymous } from './resident';

export const SERVICE_CODE_ROUTES = {
  serviceCode: defineRoute({
    method: 'GET',
    path: '/api/service-codes/:code',
    summary: '服务码内容 Who served the resident, where and what, from a service code (unused and unexpired)',
    tag: 'ratings',
    access: anonymous,
    params: ServiceCodeParamsSchema,
    labels: { params: '服务码' },
    response: { status: 200, schema: ServiceCodeViewSchema, description: 'Station, worker and service' },
    errors: ['not_found', 'conflict'],
    private: true,
  }),
} as const;
