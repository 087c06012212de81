/**
 * save: record a derived field, tags, a disposition (raised, never lowered) or a department for
 * the call record, then go on. `from` copies another step's typed answer.
 */
import { Type } from '@sinclair/typebox';
import { DispositionSchema, StepId, baseStepFields, type Disposition } from '../script/common.js';
import type { Action } from '../runner/types.js';
import { addTags, raiseDisposition } from './effects.js';
import type { StepKind } from './types.js';

export const saveStep: StepKind = {
  kind: 'save',
  schema: Type.Object(
    {
      ...baseStepFields,
      kind: Type.Literal('save'),
      field: Type.Optional(Type.String({ pattern: '^[a-z0-9_]+$' })),
      value: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
      from: Type.Optional(StepId),
      tags: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9-]+$' }))),
      disposition: Type.Optional(DispositionSchema),
      department: Type.Optional(Type.String({ minLength: 1 })),
    },
    { additionalProperties: false },
  ),
  targets: () => [],
  texts: () => [],
  needsNext: true,
  enter(ctx, step, state) {
    const actions: Action[] = [];
    raiseDisposition(state, step.disposition as Disposition | undefined);
    addTags(state, step.tags as string[] | undefined);
    if (typeof step.department === 'string' && state.department === null) state.department = step.department;
    if (typeof step.field === 'string') {
      const value = typeof step.from === 'string' ? (state.answers[step.from]?.value ?? null) : (step.value ?? null);
      state.saved[step.field] = value;
      actions.push({ type: 'save-answer', stepId: step.id, field: step.field, value });
    }
    return { actions, goto: ctx.following(step) };
  },
};
