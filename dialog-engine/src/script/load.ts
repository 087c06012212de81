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
import { formatIssue, type ScriptIssue } from './issues.js';
import type { Script } from './types.js';

export const BUILTIN_SCRIPTS_DIR = fileURLToPath(new URL('../../scripts/', import.meta.url));

export interface ScriptInfo { id: string; version: number; title: LangText; languages: string[]; file: string }

/** Parse, schema-check and lint YAML text; `script` is null when there is any issue. */
export function checkScriptText(text: string, file = '<script>'): { script: Script | null; issues: ScriptIssue[] } {
  const parsed = parseScriptText(text, file);
  if (!parsed.script) return { script: null, issues: parsed.issues };
  const issues = lint(parsed.script, { file, locate: parsed.locate });
  return { script: issues.some((i) => i.severity !== 'warning') ? null : parsed.script, issues };
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
