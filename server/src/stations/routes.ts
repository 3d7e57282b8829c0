/** A station as residents reach it: its page data, its QR code, and the short link on its poster. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { STATION_PAGE, stationQrCode, viewStation } from './service';

export const stationHandlers: Pick<Handlers, 'station' | 'stationQrCode' | 'posterLink'> = {
  station: ({ deps, params }) => viewStation(deps, params.code),
  stationQrCode: async ({ deps, params }) => {
    const qr = await stationQrCode(deps, params.code);
    return new Reply({ type: qr.type, body: qr.body, headers: { 'Cache-Control': 'public, max-age=86400' } });
  },
  /**
   * The short link printed on posters: opens the H5 station page. A damaged code goes there too
   * (encoded, cut short): the page tells a person what to do, a JSON error would not.
   */
  posterLink: ({ params }) => new Reply({ redirect: `/#/${STATION_PAGE}?code=${encodeURIComponent(params.code.slice(0, 64))}` }),
};
