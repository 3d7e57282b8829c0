/** 差评 cases for tests that need many at once (the matrix, the fuzz). */
import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import { encryptPhone } from '../../src/auth/secrets';
import type { Db } from '../../src/db/client';
import { insertRating } from '../../src/ratings/repository';

/** One case per rating, waiting for 核实. */
export async function casesFor(db: Db, ratingIds: number[], options: { phoneKey: Buffer; phone?: string }): Promise<number[]> {
  const ids: number[] = [];
  for (const ratingId of ratingIds) {
    const r = await db.rating.update({
      where: { id: ratingId },
      data: { callbackPhoneEnc: encryptPhone(options.phoneKey, options.phone ?? '13900000000') },
      select: { countyCode: true, townshipCode: true, stationId: true, staffId: true, serviceDate: true },
    });
    const made = await db.badReviewCase.create({
      data: {
        ratingId,
        countyCode: r.countyCode,
        townshipCode: r.townshipCode,
        stationId: r.stationId,
        staffId: r.staffId,
        openedOn: r.serviceDate,
        dueOn: '2099-12-31',
        createdAt: new Date(),
      },
    });
    ids.push(made.id);
  }
  return ids;
}

/**
 * `count` 差评 of one resident, each on its own day, each with its case closed on time after a 整改
 * (the note `resolution`): for the tests of the rater's verdict on the fix. Their rating ids.
 */
export async function closedFollowUps(
  db: Db,
  at: { residentId: number; station: { id: number; cityCode: string; countyCode: string; townshipCode: string | null }; staffId: number; count: number },
  resolution = '已约谈工作人员并当面说明',
): Promise<number[]> {
  const ratingIds: number[] = [];
  for (let i = 0; i < at.count; i++) {
    const serviceDate = dayjs('2026-03-01').add(i, 'day').format('YYYY-MM-DD');
    const ratingId = await insertRating(db, {
      residentId: at.residentId,
      stationId: at.station.id,
      staffId: at.staffId,
      serviceType: 'consultation',
      level: 2,
      raterType: 'individual',
      serviceDate,
      serviceYear: 2026,
      clientRequestId: randomUUID(),
      cityCode: at.station.cityCode,
      countyCode: at.station.countyCode,
      townshipCode: at.station.townshipCode,
      status: 'valid',
    });
    const at0 = new Date(`${serviceDate}T02:00:00Z`);
    await db.badReviewCase.create({
      data: {
        ratingId,
        countyCode: at.station.countyCode,
        townshipCode: at.station.townshipCode,
        stationId: at.station.id,
        staffId: at.staffId,
        openedOn: serviceDate,
        dueOn: '2026-12-31',
        status: 'closed',
        closedAt: at0,
        closedOn: serviceDate,
        onTime: true,
        createdAt: at0,
        steps: { create: [{ step: 'rectify', note: resolution, by: 'test', at: at0 }] },
      },
    });
    ratingIds.push(ratingId);
  }
  return ratingIds;
}
