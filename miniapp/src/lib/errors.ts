/** A refused request as a console form shows it: the server's Chinese message, or each field's. */
import { ApiError } from '../api/http';

export const messageOf = (e: unknown, fallback: string): string => (e instanceof ApiError ? e.message : fallback);

/** By field (the server's detail paths); what belongs to no field is `form` (the server's message and `then`). */
export const fieldErrorsOf = (e: unknown, fallback: string, then = ''): Record<string, string> =>
  e instanceof ApiError && e.details?.length
    ? Object.fromEntries(e.details.map((d) => [d.path, d.message]))
    : { form: e instanceof ApiError ? `${e.message}${then}` : fallback };

/** The server's message and each field's, once each, in one line (a form too small to place them by field). */
export const allMessagesOf = (e: unknown, fallback: string): string =>
  e instanceof ApiError ? [e.message, ...(e.details ?? []).map((d) => d.message)].filter((m, i, all) => all.indexOf(m) === i).join(';') : fallback;
