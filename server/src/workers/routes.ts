/** The workers' side: a binding code from the bureau, the worker's binding and WeChat login, their ratings. */
import type { Handlers } from '../http/router';
import { bindWorker, issueBindingCode, workerWechatLogin } from './binding';
import { appealRating, decideAppeal, listAppeals, replyToRating } from './appeals';
import { workerRatings } from './ratings';

export const workerHandlers: Pick<
  Handlers,
  'issueBindingCode' | 'bindWorker' | 'workerWechatLogin' | 'workerRatings' | 'replyToRating' | 'appealRating' | 'appeals' | 'decideAppeal'
> = {
  issueBindingCode: ({ deps, actor, params }) => issueBindingCode(deps, actor, params.id),
  bindWorker: ({ deps, ctx, body }) => bindWorker(deps, body, ctx.ip),
  workerWechatLogin: ({ deps, ctx, body }) => workerWechatLogin(deps, body.code, ctx.ip),
  workerRatings: ({ deps, actor, query }) => workerRatings(deps, actor, query.year),
  replyToRating: ({ deps, actor, params, body }) => replyToRating(deps, actor, params.ref, body),
  appealRating: ({ deps, actor, params, body }) => appealRating(deps, actor, params.ref, body),
  appeals: async ({ deps, query }) => ({ appeals: await listAppeals(deps, query) }),
  decideAppeal: ({ deps, actor, params, body }) => decideAppeal(deps, actor, params.id, body),
};
