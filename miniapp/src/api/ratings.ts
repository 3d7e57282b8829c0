/** Ratings on the server: submit one, list the resident's own. */
import { CONTRACT } from '@plsr/shared/contract';
import type { OwnRating, RatingInput } from '@plsr/shared/schemas';
import { callRoute } from './http';
import { withSession } from './session';

export async function postRating(input: RatingInput): Promise<OwnRating> {
  return withSession(async (token) => (await callRoute(CONTRACT.submitRating, { body: input, token })).data);
}

export async function fetchMyRatings(): Promise<OwnRating[]> {
  const { ratings } = await withSession(async (token) => (await callRoute(CONTRACT.myRatings, { token })).data);
  return [...ratings].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
