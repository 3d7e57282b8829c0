/**
 * One error type for everything a request can fail on, with a fixed set of codes, a code→status map
 * and a Chinese message that is safe to show to the person.
 */
import type { ErrorCode } from '@plsr/shared/schemas';
import type { ZodError } from 'zod';

export const STATUS_OF: Record<ErrorCode, number> = {
  validation_failed: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  method_not_allowed: 405,
  payload_too_large: 413,
  rate_limited: 429,
  upstream_unavailable: 503,
  not_configured: 503,
  server_busy: 503,
  internal: 500,
};

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** rate_limited: when to come back (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS_OF[this.code];
  }

  static fromZod(error: ZodError, what = '请求'): AppError {
    const details = error.issues.slice(0, 20).map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    const first = details[0];
    const message = first ? `${what}有误:${first.path ? `${first.path} ` : ''}${first.message}` : `${what}有误`;
    return new AppError('validation_failed', message, details);
  }
}
