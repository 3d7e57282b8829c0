/**
 * A submission's hash is stored with it and compared when the phone sends it again (a retry after a
 * lost answer): the same input must hash the same across releases, or a retry after an upgrade would be
 * refused as "another rating under the same request id". The values below were computed by the first
 * release's hash (keys ordered with localeCompare).
 */
import { RatingInputSchema } from '@plsr/shared/schemas';
import { hashInput } from '../src/ratings/service';

const full = RatingInputSchema.parse({
  stationCode: 'S6401040011',
  staffId: 12,
  serviceType: 'mediation',
  level: 2,
  dimensions: { efficiency: 2, attitude: 1, competence: 3 },
  reasonCode: 'slow',
  reasonText: '等了很久',
  callbackPhone: '13800138000',
  comment: '希望改进',
  raterType: 'organisation',
  serviceDate: '2026-11-20',
  clientRequestId: '6f1c2a4e-0d7b-4c55-9a3e-1b2c3d4e5f60',
});

describe('the submission hash', () => {
  it('is the hash the first release stored, for a submission with every field', () => {
    expect(hashInput(full)).toBe('8e796a9217cfe7bd9f47632a5a1905fad4758f81dbccf68d8b3540154a8b5268');
  });

  it('leaves out fields sent as undefined, and does not depend on the order keys were sent in', () => {
    const { comment, dimensions, ...rest } = full;
    void comment;
    void dimensions;
    const reordered = Object.fromEntries(Object.entries({ ...rest, comment: undefined }).reverse()) as unknown as typeof full;
    expect(hashInput(reordered)).toBe('6e76fbd55bf983e2ca2c41b13545960f54ec7e8c3ff5e4ea25936e4589bb11eb');
    expect(hashInput({ ...full, comment: '另一条意见' })).not.toBe(hashInput(full));
  });
});
