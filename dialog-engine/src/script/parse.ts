/**
 * YAML -> validated Script, keeping source positions so every error says file:line and field.
 * The header is checked against its schema; then every step against the schema of its kind.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from 'yaml';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { ScriptHeaderSchema } from './schema.js';
import { STEP_KINDS, stepKind } from '../steps/registry.js';
import type { Script } from './types.js';
import { isNearMiss, type IssueCode, type Locate, type ScriptIssue } from './issues.js';

export interface ParsedScript {
  script: Script | null;
  issues: ScriptIssue[];
  locate: Locate;
  /** The YAML as data, also when it failed the schema (the structural checks still run on it). */
  data?: unknown;
}

function segments(path: string): (string | number)[] {
  return path.split('/').filter((s) => s.length > 0).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function pos(lc: LineCounter, offset: number): { line: number; column: number } {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

function locator(doc: Document | null, lc: LineCounter): Locate {
  return (path) => {
    if (!doc) return { line: 0, column: 0 };
    const segs = segments(path);
    // Walk down as far as the path exists; a missing field points at its parent.
    for (let n = segs.length; n >= 0; n--) {
      const node = doc.getIn(segs.slice(0, n), true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) {
        // For an existing map key prefer the key's own position.
        if (n > 0 && n === segs.length) {
          const parent = doc.getIn(segs.slice(0, n - 1), true) as Node | undefined;
          if (isMap(parent)) {
            const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === segs[n - 1]);
            const k = pair?.key as Node | undefined;
            if (k?.range) return pos(lc, k.range[0]);
          }
        }
        return pos(lc, node.range[0]);
      }
    }
    return { line: 1, column: 1 };
  };
}

export function schemaIssues(schema: TSchema, value: unknown, prefix: string, file: string, locate: Locate): ScriptIssue[] {
  const seen = new Set<string>();
  const out: ScriptIssue[] = [];
  for (const e of Value.Errors(schema, value)) {
    const path = (prefix + e.path).replace(/^\//, '');
    if (seen.has(path)) continue;
    seen.add(path);
    const code: IssueCode = e.message === 'Unexpected property' ? 'unknown-field' : 'schema';
    const message = code === 'unknown-field' ? `unknown field "${path.split('/').pop()}"` : (oneOfMessage(e.schema, e.value) ?? e.message);
    out.push({ file, ...locate(path), path, code, message });
  }
  // One typo in a field name is one problem: "unknown field promt" and "prompt is required" at the
  // same place become one line that names both.
  const required = out.filter((i) => i.code === 'schema' && i.message === 'Expected required property');
  const dropped = new Set<ScriptIssue>();
  for (const u of out.filter((i) => i.code === 'unknown-field')) {
    const parent = u.path.split('/').slice(0, -1).join('/');
    const name = u.path.split('/').pop() ?? '';
    const r = required.find((x) => !dropped.has(x) && x.path.split('/').slice(0, -1).join('/') === parent && isNearMiss(name, x.path.split('/').pop() ?? ''));
    if (!r) continue;
    dropped.add(r);
    u.message += ` (did you mean "${r.path.split('/').pop() ?? ''}"? it is required and missing)`;
  }
  return out.filter((i) => !dropped.has(i));
}

/** A choice among fixed words (a union of literals) says which words are allowed, not "Expected union value". */
function oneOfMessage(schema: TSchema, value: unknown): string | null {
  const options = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (!options || options.length === 0 || !options.every((o) => typeof o.const === 'string')) return null;
  return `must be one of ${options.map((o) => `"${String(o.const)}"`).join(', ')} (got ${JSON.stringify(value)})`;
}

/** Parse and schema-check YAML text. The script is null when anything failed. */
export function parseScriptText(text: string, file = '<script>'): ParsedScript {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const at = pos(lc, e.pos[0]);
      return { file, line: at.line, column: at.column, path: '', code: 'yaml-syntax' as const, message: `${e.code}: ${e.message.split('\n')[0] ?? ''}` };
    });
    return { script: null, issues, locate: locator(null, lc) };
  }
  const locate = locator(doc, lc);
  // An empty document, or aliases that expand too far or point nowhere, is a YAML problem of the file, not a crash.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] ?? '' : 'unreadable YAML';
    return { script: null, issues: [{ file, line: 1, column: 1, path: '', code: 'yaml-syntax', message: `aliases: ${message}` }], locate };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const what = data === null || data === undefined ? 'the document is empty' : `the document is ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}, not a script (a mapping with id, lang and steps)`;
    return { script: null, issues: [{ file, line: 1, column: 1, path: '', code: 'yaml-syntax', message: what }], locate, data };
  }
  const issues = schemaIssues(ScriptHeaderSchema, data, '', file, locate);
  const steps = (data as { steps?: unknown }).steps;
  if (Array.isArray(steps) && isSeq(doc.get('steps', true))) {
    steps.forEach((s: unknown, i) => {
      const kind = (s as { kind?: unknown } | null)?.kind;
      if (typeof kind !== 'string') return; // already reported by the header schema
      const k = stepKind(kind);
      if (!k) {
        const near = Object.keys(STEP_KINDS).find((k) => isNearMiss(kind, k));
        issues.push({ file, ...locate(`steps/${i}/kind`), path: `steps/${i}/kind`, code: 'unknown-kind', message: `unknown step kind "${kind}"${near ? ` (did you mean "${near}"?)` : ` (one of ${Object.keys(STEP_KINDS).join(', ')})`}` });
        return;
      }
      issues.push(...schemaIssues(k.schema, s, `/steps/${i}`, file, locate));
    });
  }
  return { script: issues.length === 0 ? (data as Script) : null, issues, locate, data };
}
