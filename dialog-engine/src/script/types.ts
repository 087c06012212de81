import type { ScriptHeader } from './schema.js';
import type { Step } from '../runner/types.js';

/** A validated script: the header plus steps checked against their kind's schema. */
export type Script = Omit<ScriptHeader, 'steps'> & { steps: Step[] };
