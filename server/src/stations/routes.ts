/** A station as residents reach it: its page data, its QR code, and the short link on its poster. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { stationPageLink, stationQrCode, viewStation } from './service';

export const stationHandlers: Pick<Handlers, 'station' | 'stationQrCode' | 'posterLink'> = {
  station: ({ deps, params }) => viewStation(deps, params.code),
  stationQrCode: async ({ deps, params }) => {
    const qr = await stationQrCode(deps, params.code);
    return new Reply({ type: qr.type, body: qr.body, headers: { 'Cache-Control': 'public, max-age=86400' } });
  },
  /** The short link printed on posters: opens the H5 station page. */
  posterLink: ({ params }) => new Reply({ redirect: stationPageLink(params.code) }),
};
