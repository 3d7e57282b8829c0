/**
 * What a resident sees after scanning a station's code: the station, where it is
 * (市 › 县(区) › 乡镇(街道) › 村(社区)), and who serves there today. Also the code to post on its wall.
 */
import QRCode from 'qrcode';
import type { RegionRef, StationView } from '@plsr/shared/schemas';
import { beijingDate } from '@plsr/shared/time';
import { AppError } from '../http/errors';
import { ancestorCodes } from '../regions/codes';
import type { AppDeps } from '../http/context';
import type { Db } from '../db/client';
import { findRegions, findStaffServingOn, findStationByCode, registryVersion } from './repository';

/** The mini-program page every kind of station code opens. */
export const STATION_PAGE = 'pages/station/index';

/**
 * Where a poster link sends a browser: the H5 station page with the code as given. A damaged code
 * goes there too (cut short): the page tells a person what to do, a JSON error would not.
 */
export const stationPageLink = (code: string): string => `/#/${STATION_PAGE}?code=${encodeURIComponent(code.slice(0, 64))}`;

/** Where a service code's link sends a browser: the rating page, which reads the code (both already checked). */
export const serviceCodeLink = (code: string, serviceCode: string): string => `/#/pages/rate/index?code=${code}&sc=${serviceCode}`;

export async function getStationOrThrow(deps: Pick<AppDeps, 'db'>, code: string) {
  const station = await findStationByCode(deps.db, code);
  if (!station) throw new AppError('not_found', `站点 ${code} 不存在,请核对二维码或联系工作人员`);
  return station;
}

/**
 * Station views already built, per database client: a station changes a few times a year and is read
 * at every scan. Each read asks the database for the registry's version (one small query) and throws
 * the views away when it moved, so a change made by any process shows at the next scan.
 */
const viewCaches = new WeakMap<Db, { version: number; views: Map<string, StationView> }>();
/** Every station of a province, for a day: far more than Ningxia's ~3,000. Past it, start again. */
const MAX_CACHED_VIEWS = 20_000;

export async function viewStation(deps: Pick<AppDeps, 'db' | 'now'>, code: string): Promise<StationView> {
  const version = await registryVersion(deps.db);
  let cache = viewCaches.get(deps.db);
  if (!cache || cache.version !== version || cache.views.size >= MAX_CACHED_VIEWS) {
    cache = { version, views: new Map() };
    viewCaches.set(deps.db, cache);
  }
  const today = beijingDate(deps.now());
  const key = `${today} ${code}`;
  const cached = cache.views.get(key);
  if (cached) return cached;
  const view = await buildStationView(deps, code, today);
  // Kept only under the version read before building it: a change in between makes it stale at once.
  cache.views.set(key, view);
  return view;
}

async function buildStationView(deps: Pick<AppDeps, 'db'>, code: string, today: string): Promise<StationView> {
  const station = await getStationOrThrow(deps, code);
  const r = station.region;
  // From the city down: the province is left out, every resident knows it.
  const ancestors = await findRegions(
    deps.db,
    ancestorCodes(r.code).filter((c) => c.length >= 4),
  );
  const path: RegionRef[] = [...ancestors, r].sort((a, b) => a.code.length - b.code.length).map((x) => ({ code: x.code, name: x.name, level: x.level }));
  const staff = await findStaffServingOn(deps.db, station.id, today);
  return {
    code: station.code,
    name: station.name,
    tier: station.tier,
    status: station.status,
    path,
    staff: staff.map((s) => ({ id: s.id, name: s.name, role: s.role, organisation: s.organisation })),
  };
}

/** The link an ordinary QR code carries; WeChat opens the mini-program for it, a browser the H5 app. */
export function stationLink(deps: AppDeps, code: string): string {
  return `${deps.config.publicBaseUrl}/s/${code}`;
}

/** The station's mini-program code (PNG) from WeChat, opening its page; WeChat must be configured. */
export function miniProgramCode(deps: AppDeps, code: string): Promise<Buffer> {
  return deps.wechat!.getUnlimitedQRCode({
    scene: code,
    page: STATION_PAGE,
    envVersion: deps.config.wechatEnvVersion,
    checkPath: deps.config.wechatEnvVersion === 'release',
  });
}

export async function stationQrCode(deps: AppDeps, code: string): Promise<{ type: string; body: Buffer | string }> {
  const station = await getStationOrThrow(deps, code);
  if (deps.wechat) return { type: 'image/png', body: await miniProgramCode(deps, station.code) };
  const svg = await QRCode.toString(stationLink(deps, station.code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { type: 'image/svg+xml', body: svg };
}
