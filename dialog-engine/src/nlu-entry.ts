/**
 * A second, narrower entry of the package (`@tingzhen/dialog-engine/nlu`): the rule NLU and triage
 * without the script loader, runner and LLM client (and so without the YAML parser), for the
 * `tingzhen nlu` and `tingzhen triage` commands, which start once per use and should start fast.
 */
export { interpret, toWire, type NluRequest } from './nlu/index.js';
export { triage } from './clinical/index.js';
