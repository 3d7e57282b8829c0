/** A resident's ratings: submit one (created, edited the same day, or a replayed retry), list their own. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { listOwnRatings, submitRating } from './service';

export const ratingHandlers: Pick<Handlers, 'submitRating' | 'myRatings'> = {
  submitRating: async ({ deps, actor, body }) => {
    const { rating, outcome } = await submitRating(deps, actor.residentId, body);
    return outcome === 'created' ? rating : new Reply({ status: 200, body: rating });
  },
  myRatings: async ({ deps, actor }) => ({ ratings: await listOwnRatings(deps, actor.residentId) }),
};
