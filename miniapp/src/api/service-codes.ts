/**
 * A worker's service code (issue 12, part 5), as the rating page reads it from its link: who served
 * the resident, where, what, and on which day. Only the rating page loads this, not the station page.
 */
import { SERVICE_CODE_ROUTES } from '@plsr/shared/contract';
import { USUAL_SERVICE_OF_ROLE } from '@plsr/shared/vocabulary';
import type { RatingTarget } from '../lib/use-rating-submit';
import { callRoute } from './http';

/** The rating's target with its proof; `serviceChosen` false when the worker left the service to the resident. */
export async function serviceCodeTarget(code: string): Promise<RatingTarget & { serviceChosen: boolean }> {
  const { data } = await callRoute(SERVICE_CODE_ROUTES.serviceCode, { params: { code } });
  return {
    stationCode: data.stationCode,
    stationName: data.stationName,
    staff: data.staff,
    serviceType: data.serviceType ?? USUAL_SERVICE_OF_ROLE[data.staff.role],
    serviceChosen: data.serviceType !== null,
    proof: { serviceCode: code, serviceDate: data.serviceDate },
  };
}
