/**
 * The page a poster link (/s/<code>) opens: the built H5 app's index.html with the station already
 * in it, drawn by the server (its kind, name and place, in the app's own classes) and its data for
 * the app (the same StationView GET /api/stations/<code> answers). On a slow rural connection the
 * name shows as soon as the page arrives, and the app needs no second round trip to start; before,
 * a redirect, the scripts and an API call came first (4.7 s on slow 3G). A script in the build
 * moves the address to the station page's own (/#/pages/station/index?code=…), as the redirect
 * did. A damaged or unknown code gets the page without a station: the app explains it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { placeOf, SERVICE_CODE_PATTERN, StationCodeSchema, type StationView } from '@plsr/shared/schemas';
import { STATION_TIER_LABELS } from '@plsr/shared/vocabulary';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { serviceCodeLink, stationPageLink, viewStation } from '../stations/service';
import { NOT_BUILT } from './static';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside a <script> block: nothing in it can close the block. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

function preview(station: StationView | null, link: string): string {
  const card = station
    ? `<div class="card"><span class="station__tier">${escapeHtml(STATION_TIER_LABELS[station.tier])}</span>` +
      `<h1 class="station__name">${escapeHtml(station.name)}</h1>` +
      `<span class="station__place">${escapeHtml(placeOf(station.path))}</span></div>` +
      '<p class="muted centre" role="status">正在加载…</p>'
    : '';
  const data = station ? `<script type="application/json" id="station-data">${scriptJson(station)}</script>` : '';
  return `<div id="station-preview" class="page" data-link="${escapeHtml(link)}">${card}</div>${data}`;
}

async function stationOrNull(deps: Pick<AppDeps, 'db' | 'now'>, rawCode: string): Promise<StationView | null> {
  if (!StationCodeSchema.safeParse(rawCode).success) return null;
  try {
    return await viewStation(deps, rawCode);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

/**
 * With a worker's service code (`sc`, issue 12 part 5) the link opens the rating page with the worker
 * and the service chosen, which reads the code itself; a malformed `sc` is ignored (the station page).
 */
export async function stationPageHtml(deps: Pick<AppDeps, 'db' | 'now' | 'config'>, rawCode: string, serviceCode?: string): Promise<string> {
  const withCode = serviceCode !== undefined && SERVICE_CODE_PATTERN.test(serviceCode) && StationCodeSchema.safeParse(rawCode).success;
  const [station, index] = await Promise.all([
    withCode ? null : stationOrNull(deps, rawCode),
    readFile(path.resolve(deps.config.h5DistDir, 'index.html'), 'utf8').catch(() => null),
  ]);
  const shown = preview(station, withCode ? serviceCodeLink(rawCode, serviceCode) : stationPageLink(rawCode));
  // Not built (a developer's checkout): the station, and how to build the app.
  if (index === null) return NOT_BUILT.replace('<p>', `${shown}<p>`);
  return index.replace('<div id="app">', `${shown}<div id="app">`);
}
