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
    const r = checkScriptText(text);
    return { ok: r.issues.length === 0, issues: r.issues.map((i) => formatIssue(i)) };
  },
  async preview(id) {
    let script: ReturnType<typeof loadScript>;
    try { script = loadScript(id); } catch (err) { throw new TzError('TZ_ERR_SCRIPT_NOT_FOUND', { id }, { cause: err }); }
    return previewScriptText(script);
  },
};

export function scriptRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const catalog = ctx.scripts ?? dialogEngineCatalog;
  const t = { tags: ['scripts'] };
  app.get('/scripts', { schema: t, config: { roles: ['admin', 'nurse', 'doctor', 'viewer'] } }, async () => ({ items: await catalog.list() }));
  app.post('/scripts/lint', { schema: { ...t, body: Type.Object({ yaml: Type.String({ minLength: 1, maxLength: 1_000_000 }) }, { additionalProperties: false }) }, config: { roles: ['admin', 'nurse'] } },
    async (req) => catalog.lint((req.body as { yaml: string }).yaml));
  app.get('/scripts/:id/preview', { schema: { ...t, params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }) }) }, config: { roles: ['admin', 'nurse', 'doctor', 'viewer'] } },
    async (req, reply) => reply.type('text/plain; charset=utf-8').send(await catalog.preview((req.params as { id: string }).id)));
}
