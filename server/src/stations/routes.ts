/** A station as residents reach it: its page data, its QR code, and the short link on its poster. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { stationPageHtml } from '../h5/station-page';
import { stationQrCode, viewStation } from './service';

export const stationHandlers: Pick<Handlers, 'station' | 'stationQrCode' | 'posterLink'> = {
  station: ({ deps, params }) => viewStation(deps, params.code),
  stationQrCode: async ({ deps, params }) => {
    const qr = await stationQrCode(deps, params.code);
    return new Reply({ type: qr.type, body: qr.body, headers: { 'Cache-Control': 'public, max-age=86400' } });
  },
  /** The short link printed on posters: the H5 app's page with the station drawn in it (see h5/station-page.ts). */
  posterLink: async ({ deps, params }) => new Reply({ type: 'html', body: await stationPageHtml(deps, params.code), headers: { 'Cache-Control': 'no-cache' } }),
};
