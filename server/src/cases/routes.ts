/** 差评工单: a region's cases, a case's next step, the county's reading of the call-back number, and the rater's verdict on the fix. */
import type { Handlers } from '../http/router';
import { addCaseStep, caseCallbackPhone, listCases, rateFollowUp } from './service';

export const caseHandlers: Pick<Handlers, 'cases' | 'addCaseStep' | 'caseCallbackPhone' | 'rateFollowUp'> = {
  cases: ({ deps, query }) => listCases(deps, query),
  addCaseStep: ({ deps, actor, params, body }) => addCaseStep(deps, actor, params.id, body),
  caseCallbackPhone: ({ deps, actor, params }) => caseCallbackPhone(deps, actor, params.id),
  rateFollowUp: ({ deps, actor, params, body }) => rateFollowUp(deps, actor.residentId, params.id, body),
};
