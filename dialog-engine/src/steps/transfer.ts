/**
 * transfer: hand the caller to a human (nurse desk). A clinical transfer (D3, "nurse now") that
 * nobody answers falls back to D2 (go to the emergency department); the runner handles that on
 * the transfer's action-done.
 */
import { Type } from '@sinclair/typebox';
import { DispositionSchema, LangText, baseStepFields, type Disposition } from '../script/common.js';
import type { Action } from '../runner/types.js';
import { dispositionRank, raiseDisposition } from './effects.js';
import type { StepKind } from './types.js';

export const transferStep: StepKind = {
  kind: 'transfer',
  schema: Type.Object(
    {
      ...baseStepFields,
      kind: Type.Literal('transfer'),
      text: LangText,
      reason: Type.String({ pattern: '^[a-z0-9-]+$' }),
      disposition: Type.Optional(DispositionSchema),
    },
    { additionalProperties: false },
  ),
  targets: () => [],
  texts: (step) => [{ path: 'text', text: step.text as LangText }],
  needsNext: false,
  enter(ctx, step, state) {
    raiseDisposition(state, step.disposition as Disposition | undefined);
    const text = ctx.render(step.text as LangText, state);
    const clinical = state.disposition !== null && dispositionRank(state.disposition) <= 3;
    state.transfer = { reason: step.reason as string, clinical };
    state.phase = 'transferring';
    const t: Action = { type: 'transfer', reason: step.reason as string };
    if (state.disposition) t.disposition = state.disposition;
    return { actions: [{ type: 'say', text, lang: ctx.lang, bargeIn: false, stepId: step.id }, t], wait: true };
  },
};
