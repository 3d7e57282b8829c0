import Router from '@koa/router';
import { AssessmentQuerySchema, YearSchema } from '@plsr/shared/schemas';
import { requireBureauUser } from '../auth/guards';
import type { AppState } from '../http/context';
import { parse } from '../http/validate';
import { assessmentCsv, assessmentFilename, assessmentXlsx, contentDisposition } from './export';
import { assess } from './service';

export function assessmentRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/api/assessments/:year', async (ctx) => {
    const user = requireBureauUser(ctx);
    const year = parse(YearSchema, ctx.params.year, '年份');
    const query = parse(AssessmentQuerySchema, ctx.query, '查询参数');
    const assessment = await assess(ctx.state.deps, user, year, query.region);
    if (query.format === 'json') {
      ctx.body = assessment;
      return;
    }
    const filename = assessmentFilename(assessment, query.format, query.table);
    ctx.set('Content-Disposition', contentDisposition(filename));
    if (query.format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = assessmentCsv(assessment, query.table);
    } else {
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.body = await assessmentXlsx(assessment);
    }
  });
  return router;
}
