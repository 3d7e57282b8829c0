/** A station as residents reach it: its page data, its QR code, the short link on its poster, and the posters themselves. */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { stationPageHtml } from '../h5/station-page';
import { contentDisposition } from '../assessments/export';
import { addVillageRoom, updateStation } from './admin';
import { posterPdf } from './posters';
import { stationQrCode, viewStation } from './service';

export const stationHandlers: Pick<Handlers, 'station' | 'stationQrCode' | 'posterLink' | 'posters' | 'updateStation' | 'addVillageRoom'> = {
  updateStation: ({ deps, actor, params, body }) => updateStation(deps, actor, params.code, body),
  addVillageRoom: ({ deps, actor, body }) => addVillageRoom(deps, actor, body),
  station: ({ deps, params }) => viewStation(deps, params.code),
  stationQrCode: async ({ deps, params }) => {
    const qr = await stationQrCode(deps, params.code);
    return new Reply({ type: qr.type, body: qr.body, headers: { 'Cache-Control': 'public, max-age=86400' } });
  },
  /** The short link printed on posters: the H5 app's page with the station drawn in it (see h5/station-page.ts). */
  /** The posters to print and hang, as one PDF. */
  posters: async ({ deps, query }) => {
    const pdf = await posterPdf(deps, query.region, query.size);
    return new Reply({ type: 'application/pdf', body: pdf.body, headers: { 'Content-Disposition': contentDisposition(pdf.filename) } });
  },
  posterLink: async ({ deps, params, query }) =>
    new Reply({ type: 'html', body: await stationPageHtml(deps, params.code, query.sc), headers: { 'Cache-Control': 'no-cache' } }),
};
