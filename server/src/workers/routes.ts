/**
 * The workers' side: a binding code from the bureau, the worker's binding and WeChat login, their ratings,
 * replies and appeals (and the bureau's decisions), their stations and posters, their service codes and notices.
 */
import type { Handlers } from '../http/router';
import { bindWorker, issueBindingCode, workerWechatLogin } from './binding';
import { appealRating, decideAppeal, listAppeals, replyToRating } from './appeals';
import { workerRatings } from './ratings';
import { workerPoster, workerStations } from './stations';
import { issueServiceCode, viewServiceCode } from './service-codes';
import { readNotifications, workerNotifications } from './notifications';
import { Reply } from '../http/router';
import { contentDisposition } from '../assessments/export';

export const workerHandlers: Pick<
  Handlers,
  | 'issueBindingCode'
  | 'bindWorker'
  | 'workerWechatLogin'
  | 'workerRatings'
  | 'replyToRating'
  | 'appealRating'
  | 'appeals'
  | 'decideAppeal'
  | 'issueServiceCode'
  | 'serviceCode'
  | 'workerStations'
  | 'workerPoster'
  | 'workerNotifications'
  | 'readNotifications'
> = {
  issueBindingCode: ({ deps, actor, params }) => issueBindingCode(deps, actor, params.id),
  bindWorker: ({ deps, ctx, body }) => bindWorker(deps, body, ctx.ip),
  workerWechatLogin: ({ deps, ctx, body }) => workerWechatLogin(deps, body.code, ctx.ip),
  workerRatings: ({ deps, actor, query }) => workerRatings(deps, actor, query.year),
  replyToRating: ({ deps, actor, params, body }) => replyToRating(deps, actor, params.ref, body),
  appealRating: ({ deps, actor, params, body }) => appealRating(deps, actor, params.ref, body),
  appeals: async ({ deps, query }) => ({ appeals: await listAppeals(deps, query) }),
  decideAppeal: ({ deps, actor, params, body }) => decideAppeal(deps, actor, params.id, body),
  workerStations: async ({ deps, actor }) => ({ stations: await workerStations(deps, actor) }),
  workerNotifications: ({ deps, actor }) => workerNotifications(deps, actor),
  readNotifications: ({ deps, actor, body }) => readNotifications(deps, actor, body.upTo),
  issueServiceCode: ({ deps, actor, body }) => issueServiceCode(deps, actor, body),
  serviceCode: ({ deps, params }) => viewServiceCode(deps, params.code),
  workerPoster: async ({ deps, actor, params, query }) => {
    const pdf = await workerPoster(deps, actor, params.code, query.size);
    return new Reply({ type: 'application/pdf', body: pdf.body, headers: { 'Content-Disposition': contentDisposition(pdf.filename) } });
  },
};
