/** hangup: an optional closing prompt, then end the call with an outcome. */
import { Type } from '@sinclair/typebox';
import { LangText, baseStepFields } from '../script/common.js';
import type { Action, Outcome } from '../runner/types.js';
import { endCall } from './effects.js';
import type { StepKind } from './types.js';

const OUTCOMES = ['completed', 'declined', 'no-response', 'wrong-person', 'call-later', 'opted-out'] as const;

export const hangupStep: StepKind = {
  kind: 'hangup',
  schema: Type.Object(
    {
      ...baseStepFields,
      kind: Type.Literal('hangup'),
      text: Type.Optional(LangText),
      outcome: Type.Optional(Type.Union(OUTCOMES.map((o) => Type.Literal(o)))),
    },
    { additionalProperties: false },
  ),
  targets: () => [],
  texts: (step) => (step.text ? [{ path: 'text', text: step.text }] : []),
  needsNext: false,
  enter(ctx, step, state) {
    const actions: Action[] = [];
    if (step.text) {
      const text = ctx.render(step.text, state);
      actions.push({ type: 'say', text, lang: ctx.lang, bargeIn: false, stepId: step.id });
    }
    actions.push(...endCall(state, 'script-end', (step.outcome as Outcome | undefined) ?? 'completed'));
    return { actions, wait: true };
  },
};
