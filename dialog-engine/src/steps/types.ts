/**
 * The contract of one step kind. The set of kinds is closed (registry.ts); each kind lives in its
 * own file with its schema, the step ids it can jump to (for lint), its texts (for lint), and what
 * it does when the runner enters it.
 */
import type { TSchema } from '@sinclair/typebox';
import type { Lang, LangText } from '../script/common.js';
import type { Action, Input, RunnerState, Step } from '../runner/types.js';
import type { Interpreter } from '../runner/interpreter.js';
import type { Script } from '../script/types.js';

export interface StepContext {
  script: Script;
  interpreter: Interpreter;
  lang: Lang;
  callDate?: string;
  /** Text in the call's language with {{...}} filled in. */
  render(text: LangText | undefined, state: RunnerState): string;
  /** The step a step goes to when it has no explicit `next`. */
  following(step: Step): string | null;
}

/** What entering (or feeding input to) a step did. */
export interface StepEffect {
  actions: Action[];
  /** Go on to this step now; null with wait=false means the script ends (runner hangs up). */
  goto?: string | null;
  /** Stop here and wait for input (ask) or an action result (transfer); or the call ended. */
  wait?: boolean;
  /** Hand control to the runner's shared handling (red-flag path, human, end of call). */
  escalate?: { kind: 'red-flag'; redFlags: string[] } | { kind: 'human'; reason: string } | { kind: 'no-response' };
}

export interface StepKind {
  kind: string;
  schema: TSchema;
  /** Step ids this step may jump to, besides its `next`. */
  targets(step: Step): string[];
  /** Texts (with their field path) that need every declared language. */
  texts(step: Step): { path: string; text: LangText }[];
  enter(ctx: StepContext, step: Step, state: RunnerState): StepEffect;
  /** Only for kinds that wait for caller input (ask). */
  onInput?(ctx: StepContext, step: Step, state: RunnerState, input: Input): StepEffect;
  /** True when this step may not be the last one reached (it needs a next). */
  needsNext: boolean;
}
