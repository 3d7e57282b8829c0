/** A station as the resident sees it after scanning its code (public, no login). */
import { CONTRACT } from '@plsr/shared/contract';
import type { StationView } from '@plsr/shared/schemas';
import { callRoute } from './http';

const cache = new Map<string, StationView>();

export async function fetchStation(code: string): Promise<StationView> {
  const { data } = await callRoute(CONTRACT.station, { params: { code } });
  cache.set(code, data);
  return data;
}

/** The station page already loaded it; the rating page reuses it instead of asking again. */
export async function stationFor(code: string): Promise<StationView> {
  return cache.get(code) ?? fetchStation(code);
}
