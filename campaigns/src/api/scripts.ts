/**
 * Scripts as the API sees them: list, lint and a text preview (the happy-path conversation). The dialog engine does the work;
 * this file only adapts it (id, version, hash strings cross the boundary).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { TzError } from '@tingzhen/voice-core';
import { checkScriptText, formatIssue, listScripts, loadScript, scriptHash } from '@tingzhen/dialog-engine';
import type { ApiContext } from './plugin.js';
import { previewScriptText } from './preview.js';

export interface ScriptSummary { id: string; version: string; hash: string; languages: string[]; title: unknown }
export interface ScriptCatalog {
  list(): Promise<ScriptSummary[]>;
  lint(yamlText: string): Promise<{ ok: boolean; issues: string[] }>;
  preview(id: string): Promise<string>;
}

export const dialogEngineCatalog: ScriptCatalog = {
  async list() {
    return listScripts().map((s) => ({ id: s.id, version: String(s.version), hash: scriptHash(loadScript(s.id)), languages: s.languages, title: s.title }));
  },
  async lint(text) {
    // What the script reader cannot take answers 400 naming the field (the dialog engine's reader
    // throws on these rather than reporting them as issues).
    if (isEmptyYaml(text)) throw yamlProblem('is empty: a call script is a YAML mapping (id, languages, steps...)');
    let r: ReturnType<typeof checkScriptText>;
    try {
      r = checkScriptText(text);
    } catch (err) {
      // The yaml library's resource-exhaustion guard (too many alias expansions) and unknown anchors.
      if (err instanceof ReferenceError && /alias|anchor/i.test(err.message)) throw yamlProblem('has aliases that expand too far or name no anchor', err);
      throw err;
    }
    // The engine reports aliases it will not expand as a yaml-syntax issue: the route names the field.
    if (r.issues.some((i) => i.code === 'yaml-syntax' && i.message.startsWith('aliases:'))) throw yamlProblem('has aliases that expand too far or name no anchor');
    return { ok: r.issues.length === 0, issues: r.issues.map((i) => formatIssue(i)) };
  },
  async preview(id) {
    let script: ReturnType<typeof loadScript>;
    try { script = loadScript(id); } catch (err) { throw new TzError('TZ_ERR_SCRIPT_NOT_FOUND', { id }, { cause: err }); }
    return previewScriptText(script);
  },
};

/** Longest script text the lint route takes, characters (the largest built-in script is about 16 000). */
export const MAX_SCRIPT_CHARS = 262_144;

function yamlProblem(problem: string, cause?: unknown): TzError {
  return new TzError('TZ_ERR_VALIDATION', { problems: [{ field: 'yaml', code: 'bad_script', problem }] }, cause === undefined ? {} : { cause });
}

/** A YAML text whose document is null: nothing but blanks, comments and document markers, or a bare null. */
function isEmptyYaml(text: string): boolean {
  const content = text.replace(/^\uFEFF/, '').split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && line !== '---' && line !== '...');
  return content.length === 0 || (content.length === 1 && /^(~|null|Null|NULL|---\s+(~|null|Null|NULL))$/.test(content[0]!));
}

export function scriptRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const catalog = ctx.scripts ?? dialogEngineCatalog;
  const t = { tags: ['scripts'] };
  app.get('/scripts', { schema: t, config: { roles: ['admin', 'nurse', 'doctor', 'viewer'] } }, async () => ({ items: await catalog.list() }));
  app.post('/scripts/lint', { schema: { ...t, body: Type.Object({ yaml: Type.String({ minLength: 1, maxLength: MAX_SCRIPT_CHARS }) }, { additionalProperties: false }) }, config: { roles: ['admin', 'nurse'] } },
    async (req) => catalog.lint((req.body as { yaml: string }).yaml));
  app.get('/scripts/:id/preview', { schema: { ...t, params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }) }) }, config: { roles: ['admin', 'nurse', 'doctor', 'viewer'] } },
    async (req, reply) => reply.type('text/plain; charset=utf-8').send(await catalog.preview((req.params as { id: string }).id)));
}
