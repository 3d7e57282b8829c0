/**
 * The rating form's state and its check. The check is the shared RatingInputSchema, the same one
 * the server parses with, so the message beside a field is the one the server would give.
 */
import { RatingInputSchema, type RatingInput } from '@plsr/shared/schemas';
import { beijingDate } from '@plsr/shared/time';
import { isBadReview, type BadReviewReason, type RaterType, type RatingDimension, type RatingLevel, type ServiceType } from '@plsr/shared/vocabulary';

export interface RatingForm {
  level?: RatingLevel;
  dimensions: Partial<Record<RatingDimension, RatingLevel>>;
  reasonCode?: BadReviewReason;
  reasonText: string;
  callbackPhone: string;
  comment: string;
  raterType?: RaterType;
}

/**
 * A new form: nothing rated (the national rule forbids a default rating), the rater 个人 (most are;
 * shown and changeable, it is who rates, not how).
 */
export const EMPTY_FORM: RatingForm = { raterType: 'individual', dimensions: {}, reasonText: '', callbackPhone: '', comment: '' };

export interface RatingTarget {
  clientRequestId: string;
  stationCode: string;
  staffId: number;
  serviceType: ServiceType;
  /** A worker's service code, and the day it was shown (the service date it proves). */
  serviceCode?: string;
  serviceDate?: string;
}

export type FieldErrors = Partial<Record<keyof RatingInput | 'form', string>>;

/** The body to send. Reason and phone go only with a 差评; empty texts are left out. */
export function ratingBody(target: RatingTarget, form: RatingForm, now: Date): Record<string, unknown> {
  const bad = form.level !== undefined && isBadReview(form.level);
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
  return {
    // Fixed now: a rating that waits offline until tomorrow still counts for the day of the service
    // (a service code's day, when it came with one).
    serviceDate: beijingDate(now),
    ...target,
    level: form.level,
    dimensions: Object.keys(form.dimensions).length > 0 ? form.dimensions : undefined,
    reasonCode: bad ? form.reasonCode : undefined,
    reasonText: bad ? text(form.reasonText) : undefined,
    callbackPhone: bad ? text(form.callbackPhone) : undefined,
    comment: text(form.comment),
    raterType: form.raterType,
  };
}

export function checkRating(body: Record<string, unknown>): { ok: true; input: RatingInput } | { ok: false; errors: FieldErrors } {
  const result = RatingInputSchema.safeParse(body);
  if (result.success) return { ok: true, input: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = (typeof issue.path[0] === 'string' ? issue.path[0] : 'form') as keyof FieldErrors;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Length as the schema counts it (UTF-16 units after trimming), so the counter and the check agree. */
export function lengthOf(text: string): number {
  return text.trim().length;
}
