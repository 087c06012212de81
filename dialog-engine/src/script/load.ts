/**
 * Loading scripts: built-in ones from dialog-engine/scripts/*.yaml, or any file. A script with
 * schema or lint errors never loads; the error carries every issue with file:line and field.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { TzError } from '@tingzhen/voice-core';
import type { LangText } from './common.js';
import { lint } from './lint.js';
import { parseScriptText } from './parse.js';
import { formatIssue, sortIssues, type ScriptIssue } from './issues.js';
import type { Script } from './types.js';

export const BUILTIN_SCRIPTS_DIR = fileURLToPath(new URL('../../scripts/', import.meta.url));

export interface ScriptInfo { id: string; version: number; title: LangText; languages: string[]; file: string }

/**
 * Parse, schema-check and lint YAML text; `script` is null when there is any issue. Every
 * independent problem is reported once, most useful first: a schema error in one step does not
 * hide the structural checks of the others (they run on what parsed), and problems that only
 * follow from another one are folded into it.
 */
export function checkScriptText(text: string, file = '<script>'): { script: Script | null; issues: ScriptIssue[] } {
  const parsed = parseScriptText(text, file);
  if (parsed.script) {
    const issues = sortIssues(lint(parsed.script, { file, locate: parsed.locate }));
    return { script: issues.some((i) => i.severity !== 'warning') ? null : parsed.script, issues };
  }
  return { script: null, issues: sortIssues([...parsed.issues, ...lintDespiteSchema(parsed, file)]) };
}

/**
 * The structural checks on a script that failed its schema, where its shape allows (languages and
 * steps are lists, each step has an id and a kind). Nothing is said again about a step or field
 * the schema already reported.
 */
function lintDespiteSchema(parsed: ReturnType<typeof parseScriptText>, file: string): ScriptIssue[] {
  const d = parsed.data as Partial<Script> | null | undefined;
  if (!d || typeof d !== 'object' || !Array.isArray(d.languages) || !Array.isArray(d.steps) || typeof d.flags !== 'object' || d.flags === null) return [];
  if (!d.steps.every((s) => s !== null && typeof s === 'object' && typeof s.id === 'string' && typeof s.kind === 'string')) return [];
  if (!d.languages.every((l) => typeof l === 'string')) return [];
  const reported = parsed.issues.map((i) => i.path);
  // A step with a schema problem is reported by the schema only; so is a header field.
  const covered = (path: string) => reported.some((r) => r !== '' && (path === r || path.startsWith(`${r}/`) || (/^steps\/\d+/.test(r) && path.startsWith(`${/^steps\/\d+/.exec(r)![0]}/`)) || path === /^steps\/\d+/.exec(r)?.[0]));
  try {
    return lint(d as Script, { file, locate: parsed.locate }).filter((i) => !covered(i.path));
  } catch {
    return []; // a shape the checks cannot read: the schema's issues say what to fix first
  }
}

export function checkScriptFile(path: string): { script: Script | null; issues: ScriptIssue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TzError('TZ_ERR_SCRIPT_NOT_FOUND', { file: path }, { cause });
  }
  return checkScriptText(text, path);
}

export function loadScriptText(text: string, file = '<script>'): Script {
  const { script, issues } = checkScriptText(text, file);
  if (!script) throw new TzError('TZ_ERR_SCRIPT_INVALID', { file, issues, summary: issues.slice(0, 5).map(formatIssue) });
  return script;
}

export function loadScriptFile(path: string): Script {
  const { script, issues } = checkScriptFile(path);
  if (!script) throw new TzError('TZ_ERR_SCRIPT_INVALID', { file: path, issues, summary: issues.slice(0, 5).map(formatIssue) });
  return script;
}

function builtinFiles(): string[] {
  return readdirSync(BUILTIN_SCRIPTS_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(BUILTIN_SCRIPTS_DIR, f));
}

const cache = new Map<string, Script>();

/** The built-in scripts (id, version, title, languages, file). */
export function listScripts(): ScriptInfo[] {
  return builtinFiles().map((file) => {
    const s = loadScriptFile(file);
    return { id: s.id, version: s.version, title: s.title, languages: [...s.languages], file };
  });
}

/** A built-in script by id. */
export function loadScript(id: string): Script {
  const hit = cache.get(id);
  if (hit) return hit;
  for (const file of builtinFiles()) {
    const s = loadScriptFile(file);
    cache.set(s.id, s);
    if (s.id === id) return s;
  }
  throw new TzError('TZ_ERR_SCRIPT_NOT_FOUND', { scriptId: id });
}
