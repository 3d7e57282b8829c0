/**
 * The year-end assessment of a region in the caller's jurisdiction, as JSON, CSV or xlsx: run in the
 * export pool's worker threads when the server has one (export-pool.ts), inline otherwise. Its
 * published revisions (read the same way), publishing one, and the year's policy with its preview.
 */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { catchUp } from '../review/scan';
import { contentDisposition } from './export';
import { runExportJob, type ExportJob } from './export-job';
import { dashboard } from './dashboard';
import { previewPolicy, setPolicy, viewPolicy } from './policies';
import { listRuns, publishRun } from './runs';
import { AppError } from '../http/errors';

export const assessmentHandlers: Pick<
  Handlers,
  'assessment' | 'dashboard' | 'assessmentRun' | 'assessmentRuns' | 'publishAssessment' | 'policy' | 'setPolicy' | 'previewPolicy'
> = {
  assessment: async ({ deps, actor, params, query }) => {
    // Nothing a fraud rule would hold, and no earlier voice of a resident, is counted: scan what is left first.
    await catchUp(deps);
    const { userId, role, regionCode } = actor;
    const { region, format, table } = query;
    const job: ExportJob = { user: { userId, role, regionCode }, year: params.year, region, format, table, now: deps.now().toISOString() };
    const file = deps.exportPool ? await deps.exportPool.run(job) : await runExportJob(deps.db, job);
    const headers = file.filename ? { 'Content-Disposition': contentDisposition(file.filename) } : undefined;
    return new Reply({ type: file.type, body: file.body, headers });
  },
  assessmentRun: async ({ deps, actor, params, query }) => {
    const { userId, role, regionCode } = actor;
    const { region, format, table } = query;
    const run = await deps.db.assessmentRun.findUnique({ where: { id: params.id }, select: { year: true } });
    if (!run) throw new AppError('not_found', `考核结果版本 ${params.id} 不存在`);
    const job: ExportJob = { user: { userId, role, regionCode }, year: run.year, region, format, table, now: deps.now().toISOString(), runId: params.id };
    const file = deps.exportPool ? await deps.exportPool.run(job) : await runExportJob(deps.db, job);
    const headers = file.filename ? { 'Content-Disposition': contentDisposition(file.filename) } : undefined;
    return new Reply({ type: file.type, body: file.body, headers });
  },
  dashboard: async ({ deps, actor, params, query }) => {
    await catchUp(deps);
    return dashboard(deps, actor, params.year, query.region);
  },
  assessmentRuns: async ({ deps, query }) => ({ runs: await listRuns(deps.db, query.year, query.region) }),
  publishAssessment: async ({ deps, actor, body }) => {
    // As the year-end screen does: what a fraud rule would hold is held before anything is frozen.
    await catchUp(deps);
    return publishRun(deps, actor, body);
  },
  policy: ({ deps, actor, params, query }) => viewPolicy(deps, actor, params.year, query.region),
  setPolicy: ({ deps, actor, params, query, body }) => setPolicy(deps, actor, params.year, query.region, body),
  previewPolicy: async ({ deps, actor, params, query, body }) => {
    await catchUp(deps);
    return previewPolicy(deps, actor, params.year, query.region, body.policy);
  },
};
