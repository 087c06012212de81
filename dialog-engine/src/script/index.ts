export { LANGS, DISPOSITIONS, EXPECTS, type LangText, type Disposition, type Expect, type Condition } from './common.js';
export type { Script } from './types.js';
export { type ScriptIssue, type IssueCode, formatIssue } from './issues.js';
export { parseScriptText, type ParsedScript } from './parse.js';
export { lint, type LintOptions } from './lint.js';
export { scriptHash } from './hash.js';
export { renderTemplate, templateRefs } from './template.js';
export {
  listScripts, loadScript, loadScriptFile, loadScriptText, checkScriptText, checkScriptFile,
  BUILTIN_SCRIPTS_DIR, type ScriptInfo,
} from './load.js';
