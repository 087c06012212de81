/**
 * Issue 20 item 1: a bot with no voice must not report healthy. `tingzhen start` (the composed
 * platform, one process) with no speech models at all:
 *   - and no espeak-ng either: every language the scripts speak is silent: /health answers 503
 *     `degraded` with each problem and its fix, and the start-up log says so in one line;
 *   - with espeak-ng: the bot speaks but hears only the keypad: 200 `degraded`, the ASR problems
 *     listed with the download command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { adminSql, OPS, OPS_TOKEN, PG_URL, startTestPlatform } from './test-platform.js';

const ENTRY = fileURLToPath(new URL('../bin/tingzhen.js', import.meta.url));
const emptyModels = mkdtempSync(join(tmpdir(), 'tz-no-models-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(emptyModels, { recursive: true, force: true })];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); }, 60_000);

interface Problem { language: string; kind: string; effect: string; fix: string }
interface Health { status: string; problems?: Problem[]; speech: { languages: Record<string, { asr: string; tts: string }> } }

describe('health tells a bot that cannot serve its calls', () => {
  it('no voice anywhere: 503 degraded with the fixes, and one start-up log line', async () => {
    const db = `tztest_health_speech_${process.pid}`;
    await adminSql(`CREATE DATABASE ${db}`);
    cleanups.push(() => adminSql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
    const dataDir = mkdtempSync(join(tmpdir(), 'tz-health-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const url = new URL(PG_URL);
    url.pathname = `/${db}`;
    const child: ChildProcess = spawn(process.execPath, [ENTRY, 'start', '--single-process'], {
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url.toString(), QUEUE_PREFIX: `tzhs${process.pid}`, HTTP_PORT: '0', LOG_LEVEL: 'info',
        TINGZHEN_DATA_DIR: dataDir, TINGZHEN_MODELS_DIR: emptyModels, ESPEAK_BINARY: '/nonexistent/espeak-ng', DRAIN_TIMEOUT_MS: '1000', OPS_TOKEN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    cleanups.push(() => new Promise<void>((r) => { if (child.exitCode !== null) return r(); child.once('exit', () => r()); child.kill('SIGTERM'); }));
    const until = Date.now() + 90_000;
    while (!/tingzhen is up: console and API at (\S+)/.test(out)) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`did not start: ${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = /tingzhen is up: console and API at (\S+)/.exec(out)![1]!;
    const res = await fetch(`${base}/health`, OPS);
    const h = (await res.json()) as Health;
    expect(res.status).toBe(503);
    expect(h.status).toBe('degraded');
    const kinds = (h.problems ?? []).map((p) => `${p.kind}:${p.language}`).sort();
    expect(kinds).toEqual(['asr:en', 'asr:zh', 'tts:en', 'tts:zh']);
    // Most serious first: the silent languages.
    expect(h.problems![0]!.kind).toBe('tts');
    for (const p of h.problems!) {
      if (p.kind === 'tts') {
        expect(p.effect).toContain('silent');
        expect(p.fix).toContain('apt-get install espeak-ng');
      } else {
        expect(p.effect).toContain('keypad');
        expect(p.fix).toMatch(/npx tingzhen models download \S+/);
      }
    }
    expect(h.speech.languages).toMatchObject({ zh: { asr: 'missing', tts: 'missing' }, en: { asr: 'missing', tts: 'missing' } });
    // The start-up log: one line that says it, with every problem and fix.
    const lines = out.split('\n').filter((l) => l.includes('SPEECH DEGRADED'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { degraded: string; level: number };
    expect(line.level).toBeGreaterThanOrEqual(40);
    expect(line.degraded).toContain('no voice for zh: calls in zh are silent (fix: install espeak-ng');
    expect(line.degraded).toContain('no speech recogniser for en');
  }, 120_000);

  it('espeak-ng but no recogniser: 200 degraded, keypad only, with the download command', async () => {
    const t = await startTestPlatform('healthasr', { TINGZHEN_MODELS_DIR: emptyModels, TINGZHEN_ROLES: 'api,gateway', TINGZHEN_SUPERVISE: 'false' });
    cleanups.push(() => t.dispose());
    const res = await fetch(`${t.platform.url}/health`, OPS);
    const h = (await res.json()) as Health;
    expect(res.status).toBe(200);
    expect(h.status).toBe('degraded');
    expect((h.problems ?? []).map((p) => `${p.kind}:${p.language}`).sort()).toEqual(['asr:en', 'asr:zh']);
    expect(h.problems!.find((p) => p.language === 'en')!.fix).toContain('npx tingzhen models download streaming-zipformer-en-2023-06-26 (or moonshine-base-en)');
    expect(h.speech.languages).toMatchObject({ zh: { tts: 'fallback', asr: 'missing' }, en: { tts: 'fallback', asr: 'missing' } });
  });
});
