/** 差评 cases for tests that need many at once (the matrix, the fuzz): one per rating, waiting for 核实. */
import { encryptPhone } from '../../src/auth/secrets';
import type { Db } from '../../src/db/client';

export async function casesFor(db: Db, ratingIds: number[], options: { phoneKey: Buffer; phone?: string }): Promise<number[]> {
  const ids: number[] = [];
  for (const ratingId of ratingIds) {
    const r = await db.rating.update({
      where: { id: ratingId },
      data: { callbackPhoneEnc: encryptPhone(options.phoneKey, options.phone ?? '13900000000') },
      select: { countyCode: true, stationId: true, staffId: true, serviceDate: true },
    });
    const made = await db.badReviewCase.create({
      data: {
        ratingId,
        countyCode: r.countyCode,
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
