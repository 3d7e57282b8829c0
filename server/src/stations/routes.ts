import Router from '@koa/router';
import { StationCodeSchema } from '@plsr/shared/schemas';
import type { AppState } from '../http/context';
import { parse } from '../http/validate';
import { STATION_PAGE, stationQrCode, viewStation } from './service';

export function stationRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/api/stations/:code', async (ctx) => {
    ctx.body = await viewStation(ctx.state.deps, parse(StationCodeSchema, ctx.params.code, '站点编码'));
  });
  router.get('/api/stations/:code/qrcode', async (ctx) => {
    const qr = await stationQrCode(ctx.state.deps, parse(StationCodeSchema, ctx.params.code, '站点编码'));
    ctx.type = qr.type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = qr.body;
  });
  /**
   * The short link printed on posters: opens the H5 station page. A damaged code goes there too
   * (encoded, cut short): the page tells a person what to do, a JSON error would not.
   */
  router.get('/s/:code', async (ctx) => {
    const code = (ctx.params.code ?? '').slice(0, 64);
    ctx.redirect(`/#/${STATION_PAGE}?code=${encodeURIComponent(code)}`);
  });
  return router;
}
