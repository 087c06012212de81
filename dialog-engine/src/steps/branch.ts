/** branch: the first case whose condition holds picks the next step; else `default`. */
import { Type } from '@sinclair/typebox';
import { ConditionSchema, DispositionSchema, StepId, baseStepFields, type Condition, type Disposition } from '../script/common.js';
import { evaluate } from './conditions.js';
import { addTags, raiseDisposition } from './effects.js';
import type { StepKind } from './types.js';

interface Case { when: Condition; next?: string; disposition?: Disposition; tags?: string[]; redFlag?: string }

export const branchStep: StepKind = {
  kind: 'branch',
  schema: Type.Object(
    {
      ...baseStepFields,
      kind: Type.Literal('branch'),
      cases: Type.Array(
        Type.Object(
          {
            when: ConditionSchema,
            next: Type.Optional(StepId),
            /** Take the red-flag path (stop, 120 / ED, alert, end) with this red-flag id. */
            redFlag: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$' })),
            /** Raise the call's disposition when this case is taken. */
            disposition: Type.Optional(DispositionSchema),
            tags: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9-]+$' }))),
          },
          { additionalProperties: false },
        ),
        { minItems: 1 },
      ),
      default: Type.Optional(StepId),
    },
    { additionalProperties: false },
  ),
  targets: (step) => [...(step.cases as Case[]).flatMap((c) => (c.next ? [c.next] : [])), ...(typeof step.default === 'string' ? [step.default] : [])],
  texts: () => [],
  needsNext: true,
  enter(ctx, step, state) {
    for (const c of step.cases as Case[]) {
      if (evaluate(c.when, state)) {
        raiseDisposition(state, c.disposition);
        addTags(state, c.tags);
        if (c.redFlag) return { actions: [], escalate: { kind: 'red-flag', redFlags: [c.redFlag] } };
        return { actions: [], goto: c.next ?? ctx.following(step) };
      }
    }
    return { actions: [], goto: typeof step.default === 'string' ? step.default : ctx.following(step) };
  },
};
