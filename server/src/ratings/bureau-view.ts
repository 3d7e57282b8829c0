/**
 * A rating as a bureau reads it beside an appeal or a 差评 case: what was said, of which service, on
 * which day, at which station, about whom; never who said it. One select and one mapping for both.
 */
import { BAD_REVIEW_REASONS, parseVocabulary, SERVICE_TYPES, STAFF_ROLES } from '@plsr/shared/vocabulary';

export const RATING_FOR_BUREAU = {
  level: true,
  reasonCode: true,
  reasonText: true,
  comment: true,
  serviceType: true,
  serviceDate: true,
  station: { select: { code: true, name: true } },
  staff: { select: { id: true, name: true, role: true, organisation: true } },
} as const;

type Row = {
  level: number;
  reasonCode: string | null;
  reasonText: string | null;
  comment: string | null;
  serviceType: string;
  serviceDate: string;
  station: { code: string; name: string };
  staff: { id: number; name: string; role: string; organisation: string };
};

/** The rating's own fields, its station, and the rated person, checked against the vocabulary. */
export function ratingForBureau(r: Row) {
  return {
    rating: {
      level: r.level,
      reasonCode: r.reasonCode === null ? null : parseVocabulary(BAD_REVIEW_REASONS, r.reasonCode, 'Rating reason'),
      reasonText: r.reasonText,
      comment: r.comment,
      serviceType: parseVocabulary(SERVICE_TYPES, r.serviceType, 'Rating service type'),
      serviceDate: r.serviceDate,
    },
    station: r.station,
    staff: { ...r.staff, role: parseVocabulary(STAFF_ROLES, r.staff.role, `Staff ${r.staff.id} role`) },
  };
}
