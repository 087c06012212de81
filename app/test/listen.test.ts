/**
 * Live listen-in on the composed platform (api + gateway in one process): a signed caller reaches
 * the hotline script, a nurse starts monitoring through the console API and pulls the proxied
 * HTTP-FLV stream with ffmpeg (AAC, not silent), a viewer is refused, stopping ends the ffmpeg.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createUser } from '@tingzhen/console';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { startPlatform, type RunningPlatform } from '../src/platform.js';

const run = promisify(execFile);
const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? fileURLToPath(new URL('../../../shared/models', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'listen-in-platform-secret-0123456789';
const DB = `tztest_listen_${process.pid}`;
let platform: RunningPlatform;
let dataDir: string;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

async function signIn(username: string, password: string): Promise<string> {
  const res = await fetch(`${platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return String(res.headers.get('set-cookie')).split(';')[0]!;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tz-listen-'));
  await admin(`CREATE DATABASE ${DB}`);
  const url = new URL(PG_URL);
  url.pathname = `/${DB}`;
  platform = await startPlatform({
    DATABASE_URL: url.toString(), QUEUE_PREFIX: `tzlisten${process.pid}`, HTTP_PORT: '0', LOG_LEVEL: 'silent',
    TINGZHEN_MODELS_DIR: MODELS_DIR, TINGZHEN_DATA_DIR: dataDir, GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway',
  });
  await createUser(platform.services.pool, { username: 'nurse-l', password: 'listen-platform-1', role: 'nurse' });
  await createUser(platform.services.pool, { username: 'viewer-l', password: 'listen-platform-2', role: 'viewer' });
}, 120_000);
afterAll(async () => {
  await platform?.close();
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('live listen-in on the platform', () => {
  it('a nurse listens to a hotline call in progress through the console; a viewer cannot', async () => {
    const caller = new TestCaller({ url: `${platform.url.replace('http', 'ws')}/media/native?token=${signToken(SECRET, { ttlMs: 60_000 })}`, callId: 'CA-platform-listen', parameters: { lang: 'zh' } });
    await caller.connect();
    await caller.waitBotStart(30_000);
    const nurse = await signIn('nurse-l', 'listen-platform-1');
    const viewer = await signIn('viewer-l', 'listen-platform-2');
    expect((await fetch(`${platform.url}/api/listen/CA-platform-listen`, { method: 'POST', headers: { cookie: viewer } })).status).toBe(403);
    const calls = await (await fetch(`${platform.url}/api/listen/calls`, { headers: { cookie: nurse } })).json() as { calls: { callId: string }[] };
    expect(calls.calls.map((c) => c.callId)).toContain('CA-platform-listen');
    const res = await fetch(`${platform.url}/api/listen/CA-platform-listen`, { method: 'POST', headers: { cookie: nurse } });
    expect(res.status).toBe(200);
    const { playUrl } = await res.json() as { playUrl: string };
    await new Promise((r) => setTimeout(r, 800));
    const out = join(dataDir, 'listen.flv');
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-headers', `Cookie: ${nurse}\r\n`, '-probesize', '8192', '-analyzeduration', '500000', '-i', platform.url + playUrl, '-t', '3', '-c', 'copy', '-f', 'flv', out], { timeout: 20_000 });
    const probe = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', out]);
    expect(probe.stdout.trim()).toBe('aac');
    const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', out, '-f', 's16le', '-ac', '1', '-ar', '8000', 'pipe:1'], { encoding: 'buffer', maxBuffer: 64 << 20 });
    const s = new Int16Array(stdout.buffer, stdout.byteOffset, stdout.byteLength >> 1);
    let sum = 0;
    for (const v of s) sum += v * v;
    const db = 10 * Math.log10(sum / Math.max(1, s.length) / 1073741824 + 1e-12);
    console.log(`platform listen-in: ${(s.length / 8000).toFixed(2)} s at ${db.toFixed(1)} dBFS (the bot's espeak-ng disclosure)`);
    expect(db).toBeGreaterThan(-45);
    expect((await fetch(`${platform.url}/api/listen/CA-platform-listen`, { method: 'DELETE', headers: { cookie: nurse } })).status).toBe(200);
    caller.hangup();
  }, 90_000);
});
