/**
 * Serves the built H5 app (miniapp/dist-h5) at `/`, so the link on a station poster opens it in any
 * browser. File names under js/ and css/ carry a content hash and are cached for a year;
 * index.html is revalidated every time, so a new build reaches phones at once. The app uses the
 * hash router, so every page is index.html plus a #fragment: no fallback routing is needed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';
import type { AppState } from '../http/context';

const HASHED = /^\/(js|css|static)\//;
const YEAR_MS = 365 * 24 * 3600 * 1000;

const NOT_BUILT = `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>公共法律服务评价</title>
<p>评价页面还没有构建。请在项目目录运行 <code>npm run build:h5</code>(<code>npm start</code> 会自动构建),然后刷新本页。</p></html>`;

export function h5Static(distDir: string): Middleware<AppState> {
  const root = path.resolve(distDir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/') || ctx.path.startsWith('/s/')) {
      return next();
    }
    if (!existsSync(path.join(root, 'index.html'))) {
      if (ctx.path !== '/' && ctx.path !== '/index.html') return next();
      ctx.status = 503;
      ctx.type = 'html';
      ctx.body = NOT_BUILT;
      return;
    }
    const hashed = HASHED.test(ctx.path);
    try {
      await send(ctx, ctx.path, {
        root,
        index: 'index.html',
        maxage: hashed ? YEAR_MS : 0,
        immutable: hashed,
        // The build writes .br and .gz beside each file; send picks one the browser accepts.
        brotli: true,
        gzip: true,
        setHeaders: (res, file) => {
          res.setHeader('Vary', 'Accept-Encoding');
          if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      });
    } catch (error) {
      if ((error as { status?: number }).status === 404) return next();
      throw error;
    }
  };
}
