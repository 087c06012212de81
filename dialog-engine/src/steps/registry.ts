/** The closed set of step kinds. Adding a kind means adding a file and one line here. */
import { alertStep } from './alert.js';
import { askStep } from './ask.js';
import { branchStep } from './branch.js';
import { callbackStep } from './callback.js';
import { hangupStep } from './hangup.js';
import { saveStep } from './save.js';
import { sayStep } from './say.js';
import { transferStep } from './transfer.js';
import type { StepKind } from './types.js';

export const STEP_KINDS: Readonly<Record<string, StepKind>> = Object.freeze({
  say: sayStep,
  ask: askStep,
  branch: branchStep,
  save: saveStep,
  transfer: transferStep,
  alert: alertStep,
  callback: callbackStep,
  hangup: hangupStep,
});

export function stepKind(kind: string): StepKind | undefined {
  return Object.hasOwn(STEP_KINDS, kind) ? STEP_KINDS[kind] : undefined;
}
