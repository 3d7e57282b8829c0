/** A resident's ratings: submit one (created, edited the same day, or a replayed retry), list their own. */
import type { RouteName } from '@plsr/shared/contract';
import { bearer } from '../auth/guards';
import { tokenResident } from '../auth/sessions';
import { ratingAllowed, ratingCount } from '../limits/limits';
import type { EarlyCheck, Handlers } from '../http/router';
import { Reply } from '../http/router';
import { listOwnRatings, submitRating } from './service';

export const ratingHandlers: Pick<Handlers, 'submitRating' | 'myRatings'> = {
  submitRating: async ({ deps, ctx, actor, body }) => {
    // SQLite counts the limits in the rating's own write; PostgreSQL beside the session look-up when
    // the token names its resident (below), else here.
    const counted = ratingCount(deps, actor.residentId, ctx.ip);
    if (!counted && !(ctx.state as { ratingCounted?: boolean }).ratingCounted) await ratingAllowed(deps, actor.residentId, ctx.ip);
    const { rating, outcome } = await submitRating(deps, actor.residentId, body, ctx.ip, counted);
    return outcome === 'created' ? rating : new Reply({ status: 200, body: rating });
  },
  myRatings: async ({ deps, actor }) => ({ ratings: await listOwnRatings(deps, actor.residentId) }),
};

/** The rating limits of the resident the token names and of the address, while the session is read. */
export const ratingEarlyChecks: Partial<Record<RouteName, EarlyCheck>> = {
  submitRating: async (deps, ctx) => {
    const residentId = deps.config.provider === 'sqlite' ? null : tokenResident(deps, bearer(ctx));
    if (residentId === null) return;
    (ctx.state as { ratingCounted?: boolean }).ratingCounted = true;
    await ratingAllowed(deps, residentId, ctx.ip);
  },
};
