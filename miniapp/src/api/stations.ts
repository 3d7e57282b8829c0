/** A station as the resident sees it after scanning its code (public, no login). */
import { StationViewSchema, type StationView } from '@plsr/shared/schemas';
import { apiRequest } from './http';

const cache = new Map<string, StationView>();

export async function fetchStation(code: string): Promise<StationView> {
  const { data } = await apiRequest(`/api/stations/${encodeURIComponent(code)}`, StationViewSchema);
  cache.set(code, data);
  return data;
}

/** The station page already loaded it; the rating page reuses it instead of asking again. */
export async function stationFor(code: string): Promise<StationView> {
  return cache.get(code) ?? fetchStation(code);
}
