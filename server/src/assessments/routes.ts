/**
 * The year-end assessment of a region in the caller's jurisdiction, as JSON, CSV or xlsx: run in the
 * export pool's worker threads when the server has one (export-pool.ts), inline otherwise.
 */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { catchUp } from '../review/scan';
import { contentDisposition } from './export';
import { runExportJob, type ExportJob } from './export-job';

export const assessmentHandlers: Pick<Handlers, 'assessment'> = {
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
};
