/**
 * One entry for every kind of station code. The station page may be opened by
 * - a mini-program code: `scene` = the station code (URI-encoded by WeChat),
 * - an ordinary QR code registered for the mini-program: `q` = the encoded poster URL
 *   (`https://…/s/T640402100`),
 * - a plain link in H5 (`/s/<code>` redirects to `#/pages/station/index?code=<code>`).
 * Neither platform decodes these for us (Taro's H5 router passes the raw query), so each is
 * decoded exactly once here, and the result is checked against the shared schema.
 */
import { StationCodeSchema } from '@plsr/shared/schemas';

export type StationCodeResult = { ok: true; code: string; source: 'scene' | 'q' | 'code' } | { ok: false; reason: 'missing' | 'malformed'; raw: string };

function decodeOnce(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The code inside a poster URL: `/s/<code>` or a `code=` query parameter. */
function codeFromUrl(url: string): string | undefined {
  const path = /\/s\/([^/?#&]+)/.exec(url);
  if (path?.[1]) return decodeOnce(path[1]);
  const query = /[?&#]code=([^&#]+)/.exec(url);
  return query?.[1] ? decodeOnce(query[1]) : undefined;
}

export function stationCodeFromParams(params: Record<string, string | undefined>): StationCodeResult {
  const candidates: Array<{ source: 'scene' | 'q' | 'code'; value: string | undefined }> = [];
  if (params.scene) candidates.push({ source: 'scene', value: decodeOnce(params.scene) });
  if (params.q) {
    const url = decodeOnce(params.q);
    candidates.push({ source: 'q', value: url === undefined ? undefined : codeFromUrl(url) });
  }
  if (params.code) candidates.push({ source: 'code', value: decodeOnce(params.code) });

  const first = candidates[0];
  if (!first) return { ok: false, reason: 'missing', raw: '' };
  const value = (first.value ?? '').trim().toUpperCase();
  if (!StationCodeSchema.safeParse(value).success) {
    return { ok: false, reason: 'malformed', raw: first.value ?? params[first.source] ?? '' };
  }
  return { ok: true, code: value, source: first.source };
}

/**
 * A worker's service code in an ordinary QR code's link (`q` = …/s/<station>?sc=<code>): the
 * mini-program's station page hands such a link to the rating page. (H5 never sees it here: the
 * server's page for that link opens the rating page itself.)
 */
export function serviceCodeFromParams(params: Record<string, string | undefined>): string | undefined {
  const url = params.q ? decodeOnce(params.q) : undefined;
  return url ? /[?&]sc=([A-Za-z0-9_-]{22})(?:[&#]|$)/.exec(url)?.[1] : undefined;
}
