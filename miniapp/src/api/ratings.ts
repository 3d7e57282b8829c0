/** Ratings on the server: submit one, list the resident's own. */
import { OwnRatingListSchema, OwnRatingSchema, type OwnRating, type RatingInput } from '@plsr/shared/schemas';
import { apiRequest } from './http';
import { withSession } from './session';

export async function postRating(input: RatingInput): Promise<OwnRating> {
  return withSession(
    async (token) => (await apiRequest('/api/ratings', OwnRatingSchema, { method: 'POST', body: input, token })).data,
  );
}

export async function fetchMyRatings(): Promise<OwnRating[]> {
  const { ratings } = await withSession(
    async (token) => (await apiRequest('/api/me/ratings', OwnRatingListSchema, { token })).data,
  );
  return [...ratings].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
