/** callback: ask the dialer to call this patient again later, then go on. */
import { Type } from '@sinclair/typebox';
import { baseStepFields } from '../script/common.js';
import type { StepKind } from './types.js';

export const callbackStep: StepKind = {
  kind: 'callback',
  schema: Type.Object(
    {
      ...baseStepFields,
      kind: Type.Literal('callback'),
      /** Minutes from now; the dialer still respects calling windows. */
      delayMinutes: Type.Integer({ minimum: 1, maximum: 60 * 24 * 30 }),
      reason: Type.String({ pattern: '^[a-z0-9-]+$' }),
    },
    { additionalProperties: false },
  ),
  targets: () => [],
  texts: () => [],
  needsNext: true,
  enter(ctx, step) {
    return { actions: [{ type: 'schedule-callback', delayMinutes: step.delayMinutes as number, reason: step.reason as string }], goto: ctx.following(step) };
  },
};
