/**
 * GET /api/labels/scripts/:id and /api/labels/users (fastify inject, real PostgreSQL): a script's
 * title, questions and choice labels in zh and en come from the dialog engine's loader; bad or
 * unknown ids get a clear error; viewers are refused; staff are named by display name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScript } from '@tingzhen/dialog-engine';
import { createAdminUser, createUser } from '@tingzhen/console';
import { makeConsoleEnv, signIn, type ConsoleEnv } from './console-helpers.js';

const PASSWORD = 'labels-test-password-1';

describe('console labels API', () => {
  let env: ConsoleEnv;
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    env = await makeConsoleEnv('labels');
    await createAdminUser(env.pool, { username: 'chief', password: PASSWORD, displayName: '护士长' });
    await createUser(env.pool, { username: 'nurse.b', password: PASSWORD, role: 'nurse' });
    await createUser(env.pool, { username: 'viewer1', password: PASSWORD, role: 'viewer' });
    admin = await signIn(env.app, 'chief', PASSWORD);
    viewer = await signIn(env.app, 'viewer1', PASSWORD);
  }, 60_000);
  afterAll(async () => { await env?.close(); });

  const get = (url: string, cookie = admin) => env.app.inject({ method: 'GET', url, headers: { cookie } });

  it("gives every ask step's question and choices in both languages, in the script's order", async () => {
    const res = await get('/api/labels/scripts/triage-hotline');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ id: string; title: { zh: string; en: string }; steps: Record<string, { question: { zh: string; en: string }; expect: string | null; choices: Record<string, { zh: string; en: string }> }> }>();
    const script = loadScript('triage-hotline');
    expect(body.title).toEqual(script.title);
    const asks = script.steps.filter((s) => s.kind === 'ask');
    expect(Object.keys(body.steps).slice(0, asks.length)).toEqual(asks.map((s) => s.id));
    for (const s of asks) {
      const prompt = s.prompt as { zh: string; en: string };
      expect(body.steps[s.id]!.question.zh).toBe(prompt.zh.replace(/\{\{[^}]*\}\}/g, '…').replace(/\s+/g, ' ').trim());
      expect(body.steps[s.id]!.question.en).toBe(prompt.en.replace(/\{\{[^}]*\}\}/g, '…').replace(/\s+/g, ' ').trim());
      expect(body.steps[s.id]!.expect).toBe(s.expect);
    }
    expect(body.steps.complaint!.choices.chest).toEqual({ zh: '胸痛', en: 'chest pain' });
    // A value the script files itself, with no question: named by its field.
    expect(body.steps.disposition_source).toEqual({ question: { zh: 'disposition_source', en: 'disposition_source' }, expect: null, choices: {} });
    // Per-call values in a prompt read as an ellipsis, never as template code.
    expect(JSON.stringify((await get('/api/labels/scripts/post-op-followup')).json())).not.toContain('{{');
  });

  it('answers a clear error for an unknown or malformed script id, and refuses viewers', async () => {
    const unknown = await get('/api/labels/scripts/no-such-script');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'TZ_ERR_NOT_FOUND', details: { entity: 'script', id: 'no-such-script' } });
    const bad = await get('/api/labels/scripts/..%2Fetc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('TZ_ERR_VALIDATION');
    expect((await get('/api/labels/scripts/triage-hotline', viewer)).statusCode).toBe(403);
    expect((await get('/api/labels/users', viewer)).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/labels/users' })).statusCode).toBe(401);
  });

  it('names staff by display name, or by username when they have none', async () => {
    const res = await get('/api/labels/users');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ users: { 'user:chief': '护士长', 'user:nurse.b': 'nurse.b', 'user:viewer1': 'viewer1' } });
  });
});
