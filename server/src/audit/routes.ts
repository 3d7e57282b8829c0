/** 审计日志: region and city bureaus read who changed what in their jurisdiction. */
import type { Handlers } from '../http/router';
import { auditPage } from './service';

export const auditHandlers: Pick<Handlers, 'auditLog'> = {
  auditLog: ({ deps, actor, query }) => auditPage(deps, actor, query),
};
