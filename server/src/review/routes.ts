/** The review of ratings on hold: a bureau lists the incidents in its jurisdiction and decides. */
import type { Handlers } from '../http/router';
import { decide, listIncidents } from './service';

export const reviewHandlers: Pick<Handlers, 'reviewIncidents' | 'reviewDecision'> = {
  reviewIncidents: async ({ deps, query }) => ({ incidents: await listIncidents(deps, query) }),
  reviewDecision: async ({ deps, actor, body }) => decide(deps, actor, body),
};
