import Fastify from 'fastify';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { listScripts, loadScript } from '@tingzhen/dialog-engine';
import { campaignsApi, previewScriptText } from '../src/index.js';

describe('script preview: the happy-path conversation in text, by the real dialog engine', () => {
  it('renders both languages of the post-operative script as bot prompts, expectations and answers', () => {
    const text = previewScriptText(loadScript('post-op-followup'));
    const [zh, en] = text.split(/^=== /m).filter(Boolean) as [string, string];
    expect(zh).toMatch(/^术后随访 \(post-op-followup v1\) \[zh\] ===\nHappy path: outcome completed/);
    expect(en).toMatch(/^Post-operative follow-up \(post-op-followup v1\) \[en\] ===\nHappy path: outcome completed/);
    // Rendered prompts (templates filled with the fallbacks), not YAML.
    expect(en).toContain('BOT: Hello there, this is the automated voice assistant of the hospital.');
    expect(en).not.toContain('{{');
    expect(text).not.toMatch(/^\s*kind: /m);
    // The happy path: consent yes, no wound problem, no fever (so no temperature follow-up), no chest pain.
    const lines = en.split('\n');
    const answerAfter = (prompt: RegExp) => lines[lines.findIndex((l) => prompt.test(l)) + 2];
    expect(answerAfter(/^BOT: Is now a good time/)).toBe('PATIENT: yes');
    expect(lines[lines.findIndex((l) => /^BOT: Is now a good time/.test(l)) + 1]).toBe('     (expects yes-no; keys 1=yes, 2=no)');
    expect(answerAfter(/fever of 38 degrees/)).toBe('PATIENT: no');
    expect(en).not.toContain('What was the highest temperature?');
    expect(answerAfter(/chest pain/)).toBe('PATIENT: no');
    expect(zh).toContain('PATIENT: 是的');
    expect(lines.filter((l) => l.startsWith('BOT: ')).length).toBeGreaterThan(8);
  });

  it('finds a completed path without alerts for every built-in script and language', () => {
    for (const s of listScripts()) {
      const text = previewScriptText(loadScript(s.id));
      const heads = text.split('\n').filter((l) => l.startsWith('Happy path') || l.startsWith('No path'));
      expect(heads, s.id).toHaveLength(s.languages.length);
      for (const h of heads) expect(h, s.id).toMatch(/^Happy path: outcome completed/);
    }
  });

  it('is served as text/plain by GET /scripts/:id/preview; an unknown script is a 404', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://unused@127.0.0.1:1/none' });
    const app = Fastify();
    await app.register(campaignsApi, { pool, scheduler: {} as never, prefix: '/api' } as never);
    try {
      const r = await app.inject({ method: 'GET', url: '/api/scripts/satisfaction-survey/preview' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/plain');
      expect(r.body).toContain('=== Satisfaction survey (satisfaction-survey v1) [en] ===');
      expect(r.body).toContain('PATIENT: ');
      const missing = await app.inject({ method: 'GET', url: '/api/scripts/no-such-script/preview' });
      expect(missing.statusCode).toBe(404);
    } finally {
      await app.close();
      await pool.end();
    }
  });
});
