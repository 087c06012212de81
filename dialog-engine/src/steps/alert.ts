/** alert: put the call on the nurse worklist with a priority, then go on. */
import { Type } from '@sinclair/typebox';
import { DispositionSchema, baseStepFields, type Disposition } from '../script/common.js';
import type { AlertPriority } from '../runner/types.js';
import { alertAction, raiseDisposition } from './effects.js';
import type { StepKind } from './types.js';

export const alertStep: StepKind = {
  kind: 'alert',
  schema: Type.Object(
    {
      ...baseStepFields,
      kind: Type.Literal('alert'),
      priority: Type.Union([Type.Literal('urgent'), Type.Literal('high'), Type.Literal('normal'), Type.Literal('low')]),
      reason: Type.String({ pattern: '^[a-z0-9-]+$' }),
      disposition: Type.Optional(DispositionSchema),
    },
    { additionalProperties: false },
  ),
  targets: () => [],
  texts: () => [],
  needsNext: true,
  enter(ctx, step, state) {
    raiseDisposition(state, step.disposition as Disposition | undefined);
    return { actions: [alertAction(state, step.reason as string, step.priority as AlertPriority)], goto: ctx.following(step) };
  },
};
