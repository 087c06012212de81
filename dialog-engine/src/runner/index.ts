export { createRunner, type Runner, type RunnerOptions, type StartOptions } from './runner.js';
export type { Interpreter, InterpretRequest } from './interpreter.js';
export type { Action, Input, RunnerState, CallResult, CallContext, Answer, Outcome, AlertPriority, TriageSnapshot, ContinuationState } from './types.js';
export { DEFAULT_ON_INTERRUPTED } from './continuation.js';
export { RED_FLAG_DISPOSITION, RED_FLAG_INSTRUCTION, DEFAULT_TEXTS } from './texts.js';
export { callRedFlagDisposition, BUSY_CALLBACK_DELAY_MINUTES, HUMAN_CALLBACK_DELAY_MINUTES } from './interrupts.js';
export { rulesInterpreter } from './rules.js';
export { basicInterpreter } from './basic-interpreter.js';
