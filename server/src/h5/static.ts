/**
 * Serves the built H5 app (miniapp/dist-h5) at `/`, so the link on a station poster opens it in any
 * browser. File names under js/ and css/ carry a content hash and are cached for a year;
 * index.html is revalidated every time, so a new build reaches phones at once. The app uses the
 * hash router, so every page is index.html plus a #fragment: no fallback routing is needed.
 *
 * A request path is checked here before @koa/send sees it, on the very text send will open (send
 * decodes `ctx.path` once with decodeURIComponent): one that does not decode, or holds a NUL, a
 * control character or a backslash, is a 400; one that would climb out of the build folder, or is
 * longer than any file the build writes, is a 404. Whatever send still refuses (4xx) stays a 4xx,
 * never a logged 500.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';
import type { AppState } from '../http/context';
import { stationPageLink } from '../stations/service';
import { AppError } from '../http/errors';

const HASHED = /^\/(js|css|static)\//;
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Far longer than any path the H5 build writes; PATH_MAX on Linux is 4096. */
const MAX_PATH_LENGTH = 1024;
// eslint-disable-next-line no-control-regex -- a request path holding a control character is refused
const MALFORMED = /[\u0000-\u001f\u007f\\]/;

export const NOT_BUILT = `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>公共法律服务评价</title>
<p>评价页面还没有构建。请在项目目录运行 <code>npm run build:h5</code>(<code>npm start</code> 会自动构建),然后刷新本页。</p></html>`;

export function h5Static(distDir: string): Middleware<AppState> {
  const root = path.resolve(distDir);
  return async (ctx, next) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && (ctx.path === '/s' || ctx.path.startsWith('/s/'))) {
      // A poster link the /s/:code route did not match (no code, or a code cut with a slash): the
      // station page says what to do with a damaged code, where a bare 404 would not.
      ctx.redirect(stationPageLink(ctx.path.slice(3)));
      return;
    }
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) {
      return next();
    }
    if (!existsSync(path.join(root, 'index.html'))) {
      if (ctx.path !== '/' && ctx.path !== '/index.html') return next();
      ctx.status = 503;
      ctx.type = 'html';
      ctx.body = NOT_BUILT;
      return;
    }
    refuseOutsideRoot(root, ctx.path);
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
      const status = (error as { status?: number }).status;
      if (status === 404) return next();
      // resolve-path's 400 (NUL, absolute) and 403 (climbs out): refused, as the check above would.
      if (status !== undefined && status >= 400 && status < 500) throw refusal(status === 400 ? 400 : 404);
      throw error;
    }
  };
}

/** Throws a 400 or 404 unless `rawPath`, decoded the way send decodes it, names a file under `root`. */
function refuseOutsideRoot(root: string, rawPath: string): void {
  if (rawPath.length > MAX_PATH_LENGTH) throw refusal(404);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw refusal(400);
  }
  if (MALFORMED.test(decoded)) throw refusal(400);
  if (decoded.split('/').includes('..')) throw refusal(404);
  const resolved = path.resolve(root, `.${path.posix.sep}${decoded}`);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) throw refusal(404);
}

function refusal(status: 400 | 404): AppError {
  return status === 400 ? new AppError('bad_request', '页面地址无效') : new AppError('not_found', '页面不存在');
}
