/**
 * The outermost middleware: turns anything thrown into `{ code, message, details? }` with a Chinese
 * message, hides the internals of a 500, and logs each request (never its body: it may hold
 * personal data).
 */
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError } from './errors';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Errors raised by Koa and its body parser before a route runs. */
function fromHttpError(err: HttpishError): AppError | null {
  const status = err.status ?? err.statusCode;
  if (status === 413 || err.type === 'entity.too.large') return new AppError('payload_too_large', '请求内容过大');
  if (status === 415) return new AppError('bad_request', '请以 JSON 格式提交 (Content-Type: application/json)');
  if (err.type === 'entity.parse.failed' || (status === 400 && err.expose)) {
    return new AppError('bad_request', '请求内容不是有效的 JSON');
  }
  if (status === 400 && err.type === 'encoding.unsupported') return new AppError('bad_request', '不支持的请求编码');
  return null;
}

/**
 * What the body parser's failures mean to the caller: anything it throws while reading a request body
 * that is not a server fault (a truncated or non-object JSON text, which co-body raises as a bare
 * SyntaxError; a compressed body that does not inflate) is the client's bad request, never a 500.
 */
export function bodyParseError(thrown: unknown): unknown {
  const err = thrown as HttpishError;
  const status = err.status ?? err.statusCode;
  if (status !== undefined && status >= 500) return thrown;
  return fromHttpError(err) ?? new AppError('bad_request', '请求内容不是有效的 JSON');
}

export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
      if (ctx.path.startsWith('/api/') && ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('not_found', '接口不存在');
      }
      if (ctx.status === 405 && ctx.body === undefined) {
        // The router set the Allow header; answer in the same shape as every other error.
        throw new AppError('method_not_allowed', `该接口不支持 ${ctx.method} 请求`);
      }
    } catch (thrown) {
      const err = thrown instanceof AppError ? thrown : fromHttpError(thrown as HttpishError);
      if (err) {
        ctx.status = err.status;
        if (err.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(err.retryAfterSeconds));
        ctx.body = { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
      } else {
        logger.error({ err: thrown, method: ctx.method, path: ctx.path }, 'unhandled error');
        ctx.status = 500;
        ctx.body = { code: 'internal', message: '服务器内部错误,请稍后再试' };
      }
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}
