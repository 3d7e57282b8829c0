/** The workers' side: a binding code from the bureau, the worker's binding and WeChat login, their ratings. */
import type { Handlers } from '../http/router';
import { bindWorker, issueBindingCode, workerWechatLogin } from './binding';
import { workerRatings } from './ratings';

export const workerHandlers: Pick<Handlers, 'issueBindingCode' | 'bindWorker' | 'workerWechatLogin' | 'workerRatings'> = {
  issueBindingCode: ({ deps, actor, params }) => issueBindingCode(deps, actor, params.id),
  bindWorker: ({ deps, ctx, body }) => bindWorker(deps, body, ctx.ip),
  workerWechatLogin: ({ deps, ctx, body }) => workerWechatLogin(deps, body.code, ctx.ip),
  workerRatings: ({ deps, actor, query }) => workerRatings(deps, actor, query.year),
};
