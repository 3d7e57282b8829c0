/** 验收: a bureau lists its township workstations with the year's inspections, records one, and draws the year's sample of village rooms. */
import type { Handlers } from '../http/router';
import { drawInspectionSample, listInspectionSamples } from './sample';
import { listInspections, recordInspection } from './service';

export const inspectionHandlers: Pick<Handlers, 'inspections' | 'recordInspection' | 'inspectionSamples' | 'drawInspectionSample'> = {
  inspectionSamples: ({ deps, params, query }) => listInspectionSamples(deps, params.year, query.region),
  drawInspectionSample: ({ deps, actor, params, body }) => drawInspectionSample(deps, actor, params.year, body),
  inspections: ({ deps, params, query }) => listInspections(deps, params.year, query.region),
  recordInspection: ({ deps, actor, params, body }) => recordInspection(deps, actor, params.year, params.code, body),
};
