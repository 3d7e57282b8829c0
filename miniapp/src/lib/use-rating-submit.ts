/**
 * Sending a rating from a page: the shared check first (the message beside a field is the server's
 * own), then the privacy notice if it was never accepted (accepting it carries on with the same
 * submission: the tap is not lost), then the outbox, which keeps it on the phone until the server
 * has it. The thanks page says whether it was sent or waits for the network.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { PublicStaff } from '@plsr/shared/schemas';
import type { ServiceType } from '@plsr/shared/vocabulary';
import { ApiError } from '../api/http';
import { submitRating } from '../api/outbox';
import { newUuid } from './ids';
import { privacyAccepted } from './privacy';
import { checkRating, ratingBody, type FieldErrors, type RatingForm } from './rating-form';

export type RatingTarget = {
  stationCode: string;
  stationName: string;
  staff: PublicStaff;
  serviceType: ServiceType;
  /** Opened with a worker's service code (api/service-codes.ts): the rating is a proven visit. */
  proof?: { serviceCode: string; serviceDate: string };
};

export function useRatingSubmit(askPrivacy: () => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [clientRequestId, setClientRequestId] = useState(newUuid);

  const body = (target: RatingTarget, form: RatingForm) =>
    ratingBody(
      { clientRequestId, stationCode: target.stationCode, staffId: target.staff.id, serviceType: target.serviceType, ...target.proof },
      form,
      new Date(),
    );

  /** After the first attempt, messages follow the person's corrections as they make them. */
  const recheck = (target: RatingTarget, form: RatingForm) => {
    if (!tried) return;
    const check = checkRating(body(target, form));
    setErrors(check.ok ? {} : check.errors);
  };

  const submit = async (target: RatingTarget, form: RatingForm) => {
    if (sending) return;
    setTried(true);
    const check = checkRating(body(target, form));
    if (!check.ok) {
      setErrors({ ...check.errors, form: '请按红字提示补充或修改' });
      return;
    }
    if (!privacyAccepted()) {
      askPrivacy();
      return;
    }
    setErrors({});
    setSending(true);
    try {
      const display = { stationName: target.stationName, staffName: target.staff.name, staffRole: target.staff.role };
      const result = await submitRating(check.input, display);
      const query = `level=${check.input.level}&staff=${encodeURIComponent(target.staff.name)}`;
      void Taro.redirectTo({ url: `/pages/thanks/index?${query}&queued=${result.outcome === 'queued' ? 1 : 0}` });
    } catch (error) {
      // The server refused it: say why, let the person correct it, and send it as a new submission.
      const message = error instanceof ApiError ? error.message : '提交失败,请重试';
      const fields: FieldErrors = {};
      if (error instanceof ApiError) {
        for (const d of error.details ?? []) fields[d.path.split('.')[0] as keyof FieldErrors] ??= d.message;
      }
      setErrors({ ...fields, form: message });
      setClientRequestId(newUuid());
    } finally {
      setSending(false);
    }
  };

  return { errors, sending, recheck, submit };
}
