/**
 * The route 我的评价 calls when a resident rates how the bureau followed up their 差评 (issue 13,
 * part 1), declared apart so that the resident's first page (resident.ts) does not load it.
 */
import { z } from 'zod';
import { RecordIdSchema } from '../schemas/common';
import { FixVerdictInputSchema, FollowUpSchema } from '../schemas/ratings';
import { defineRoute } from './define';

export const FOLLOW_UP_ROUTES = {
  rateFollowUp: defineRoute({
    method: 'POST',
    path: '/api/me/ratings/:id/follow-up',
    summary: '评价差评处理结果 The rater rates how the bureau followed up their 差评 (满意, 基本满意 or 不满意), once its case is closed; once',
    tag: 'ratings',
    access: { kind: 'resident' },
    params: z.object({ id: RecordIdSchema }),
    body: FixVerdictInputSchema,
    labels: { params: '评价编号', body: '处理结果评价' },
    response: { status: 200, schema: FollowUpSchema, description: 'The follow-up with the verdict' },
    errors: ['not_found', 'conflict'],
    private: true,
  }),
} as const;
