/** 验收: a bureau lists its township workstations with the year's inspections, and records one. */
import type { Handlers } from '../http/router';
import { listInspections, recordInspection } from './service';

export const inspectionHandlers: Pick<Handlers, 'inspections' | 'recordInspection'> = {
  inspections: ({ deps, params, query }) => listInspections(deps, params.year, query.region),
  recordInspection: ({ deps, actor, params, body }) => recordInspection(deps, actor, params.year, params.code, body),
};
