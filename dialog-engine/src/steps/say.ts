/** say: speak one prompt, then go on. */
import { Type } from '@sinclair/typebox';
import { LangText, baseStepFields } from '../script/common.js';
import type { StepKind } from './types.js';

export const sayStep: StepKind = {
  kind: 'say',
  schema: Type.Object({ ...baseStepFields, kind: Type.Literal('say'), text: LangText, bargeIn: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  targets: () => [],
  texts: (step) => [{ path: 'text', text: step.text as LangText }],
  needsNext: true,
  enter(ctx, step, state) {
    const text = ctx.render(step.text as LangText, state);
    state.lastSaid = [text];
    const bargeIn = (step.bargeIn as boolean | undefined) ?? ctx.script.flags.bargeIn ?? true;
    return { actions: [{ type: 'say', text, lang: ctx.lang, bargeIn, stepId: step.id }], goto: ctx.following(step) };
  },
};
