/** A station as the resident sees it after scanning its code (public, no login). */
import { RESIDENT_ROUTES } from '@plsr/shared/contract';
import { StationViewSchema, type StationView } from '@plsr/shared/schemas';
import { callRoute } from './http';

const cache = new Map<string, StationView>();

/**
 * H5, opened by a poster link: the station the server put in that page (see server/src/h5/station-page.ts),
 * parsed with the same schema as the API's answer. Taken once; later visits ask the server.
 */
function stationInPage(code: string): StationView | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
  const block = document.getElementById('station-data');
  if (!block) return undefined;
  block.remove();
  try {
    const parsed = StationViewSchema.safeParse(JSON.parse(block.textContent ?? ''));
    return parsed.success && parsed.data.code === code ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function fetchStation(code: string): Promise<StationView> {
  const data = stationInPage(code) ?? (await callRoute(RESIDENT_ROUTES.station, { params: { code } })).data;
  cache.set(code, data);
  return data;
}

/** The station page already loaded it; the rating page reuses it instead of asking again. */
export async function stationFor(code: string): Promise<StationView> {
  return cache.get(code) ?? fetchStation(code);
}

/** H5: the station the server drew in the page, shown until the app's own station page is ready. */
export function serverPreviewShown(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof document !== 'undefined' && Boolean(document.getElementById('station-preview')?.firstChild);
}

export function removeServerPreview(): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.getElementById('station-preview')?.remove();
}
