/** The rater's verdict on how the bureau followed up their 差评 (issue 13, part 1): only 我的评价 loads this. */
import { FOLLOW_UP_ROUTES } from '@plsr/shared/contract';
import type { FixVerdict } from '@plsr/shared/vocabulary';
import type { FollowUp } from '@plsr/shared/schemas';
import { callRoute } from './http';
import { withSession } from './session';

export async function rateFollowUp(ratingId: number, verdict: FixVerdict): Promise<FollowUp> {
  return withSession(async (token) => (await callRoute(FOLLOW_UP_ROUTES.rateFollowUp, { params: { id: ratingId }, body: { verdict }, token })).data);
}
