/** Ratings on the server: submit one, list the resident's own, and the phone's copy of that list. */
import { RESIDENT_ROUTES } from '@plsr/shared/contract';
import { OwnRatingSchema, type OwnRating, type RatingInput } from '@plsr/shared/schemas';
import { z } from 'zod';
import { STORAGE_KEYS, readStored, writeStored } from '../lib/storage';
import { callRoute } from './http';
import { withSession } from './session';

export async function postRating(input: RatingInput): Promise<OwnRating> {
  return withSession(async (token) => (await callRoute(RESIDENT_ROUTES.submitRating, { body: input, token })).data);
}

export async function fetchMyRatings(): Promise<OwnRating[]> {
  const { ratings } = await withSession(async (token) => (await callRoute(RESIDENT_ROUTES.myRatings, { token })).data);
  return [...ratings].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The list as 我的评价 last loaded it, with what was sent since: shown at once, and offline. */
export function rememberedRatings(): OwnRating[] | undefined {
  return readStored(STORAGE_KEYS.myRatings, z.array(OwnRatingSchema));
}

export function rememberRatings(ratings: OwnRating[]): void {
  writeStored(STORAGE_KEYS.myRatings, ratings);
}

/** A rating the server just took (new, or the same day's one edited) goes to the top of the list. */
export function rememberRating(rating: OwnRating): void {
  rememberRatings([rating, ...(rememberedRatings() ?? []).filter((r) => r.id !== rating.id)]);
}
