/**
 * Ratings on hold, made directly (as the review scan would leave them): for the authorization matrix,
 * the fuzzer and the decision tests, which need flagged ratings to decide on.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client';
import { insertRating } from '../../src/ratings/repository';

export interface HeldSet {
  incidentId: number;
  ratingIds: number[];
}

/** `count` ratings of the staff member at the station, each by a new resident, all on hold under one staff_burst incident. */
export async function holdRatings(
  db: Db,
  at: {
    station: { id: number; cityCode: string; countyCode: string; townshipCode: string | null };
    staffId: number;
    count: number;
    level?: number;
    serviceDate?: string;
  },
): Promise<HeldSet> {
  const serviceDate = at.serviceDate ?? '2026-06-15';
  const ratingIds: number[] = [];
  for (let i = 0; i < at.count; i++) {
    const resident = await db.resident.create({ data: { idHash: `held-${randomUUID()}`, kind: 'device' } });
    ratingIds.push(
      await insertRating(db, {
        residentId: resident.id,
        stationId: at.station.id,
        staffId: at.staffId,
        serviceType: 'consultation',
        level: at.level ?? 5,
        raterType: 'individual',
        serviceDate,
        serviceYear: Number(serviceDate.slice(0, 4)),
        clientRequestId: randomUUID(),
        cityCode: at.station.cityCode,
        countyCode: at.station.countyCode,
        townshipCode: at.station.townshipCode,
        status: 'flagged',
      }),
    );
  }
  const when = new Date(`${serviceDate}T02:00:00Z`);
  const incident = await db.reviewIncident.create({
    data: {
      rule: 'staff_burst',
      subject: `staff:${at.staffId}`,
      staffId: at.staffId,
      countyCode: at.station.countyCode,
      firstAt: when,
      lastAt: when,
      evidenceJson: JSON.stringify({ windowMinutes: 60, threshold: 10, observed: at.count, normalPerDay: 0, summary: `1 小时内收到 ${at.count} 条评价` }),
    },
  });
  await db.ratingFlag.createMany({ data: ratingIds.map((ratingId) => ({ ratingId, incidentId: incident.id })) });
  return { incidentId: incident.id, ratingIds };
}
