/** 差评工单: a region's cases, a case's next step, and the county's reading of the call-back number. */
import type { Handlers } from '../http/router';
import { addCaseStep, caseCallbackPhone, listCases } from './service';

export const caseHandlers: Pick<Handlers, 'cases' | 'addCaseStep' | 'caseCallbackPhone'> = {
  cases: async ({ deps, query }) => ({ cases: await listCases(deps, query) }),
  addCaseStep: ({ deps, actor, params, body }) => addCaseStep(deps, actor, params.id, body),
  caseCallbackPhone: ({ deps, actor, params }) => caseCallbackPhone(deps, actor, params.id),
};
