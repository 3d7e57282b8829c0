import Router from '@koa/router';
import { RatingInputSchema } from '@plsr/shared/schemas';
import { requireResident } from '../auth/guards';
import type { AppState } from '../http/context';
import { parse } from '../http/validate';
import { listOwnRatings, submitRating } from './service';

export function ratingRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  router.post('/api/ratings', async (ctx) => {
    const { residentId } = requireResident(ctx);
    const input = parse(RatingInputSchema, ctx.request.body, '评价');
    const { rating, outcome } = await submitRating(ctx.state.deps, residentId, input);
    ctx.status = outcome === 'created' ? 201 : 200;
    ctx.body = rating;
  });
  router.get('/api/me/ratings', async (ctx) => {
    const { residentId } = requireResident(ctx);
    ctx.body = { ratings: await listOwnRatings(ctx.state.deps, residentId) };
  });
  return router;
}
