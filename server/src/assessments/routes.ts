/** The year-end assessment of a region in the caller's jurisdiction, as JSON, CSV or xlsx. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { assessmentCsv, assessmentFilename, assessmentXlsx, contentDisposition } from './export';
import { assess } from './service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const assessmentHandlers: Pick<Handlers, 'assessment'> = {
  assessment: async ({ deps, actor, params, query }) => {
    const assessment = await assess(deps, actor, params.year, query.region);
    if (query.format === 'json') return assessment;
    const headers = { 'Content-Disposition': contentDisposition(assessmentFilename(assessment, query.format, query.table)) };
    return query.format === 'csv'
      ? new Reply({ type: 'text/csv; charset=utf-8', body: assessmentCsv(assessment, query.table), headers })
      : new Reply({ type: XLSX, body: await assessmentXlsx(assessment), headers });
  },
};
