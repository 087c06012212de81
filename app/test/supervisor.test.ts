/**
 * `tingzhen start` as an operator runs it (no DATABASE_URL: the embedded PostgreSQL): a supervisor
 * with one child process per role. kill -9 of a role's process takes nothing else down:
 *   - the api role: /health says so, the front door answers 503 while it is away, it comes back
 *     and the first-start token printed at start still works (not replaced by the restart);
 *   - the gateway, mid-call: the console API keeps answering, /health shows the gateway restarting
 *     with the SIGKILL, it is back within seconds on the same port, and a new call goes through
 *     (media WebSocket and live listen-in, both through the front door);
 *   - the embedded PostgreSQL: the supervisor starts it again; the roles reconnect by themselves.
 * SIGTERM stops the supervisor and every role process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { freePort, MODELS_DIR, OPS, OPS_TOKEN } from './test-platform.js';

const ENTRY = fileURLToPath(new URL('../bin/tingzhen.js', import.meta.url));
const SECRET = 'supervisor-test-secret-0123456789';

interface RoleInfo { state: string; pid: number | null; restarts: number; lastExit: { signal: string | null } | null; health: { status: string } | null }
interface Health { status: string; problems?: { kind: string; language: string }[]; processes: Record<'api' | 'gateway' | 'worker', RoleInfo>; database: { kind: string; ok: boolean; process?: { state: string; restarts: number } }; speech?: unknown }

let sup: ChildProcess;
let url = '';
let setupToken = '';
let dataDir: string;
let out = '';
let audioSocketPort = 0;

async function health(): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${url}/health`, OPS);
  return { code: res.status, body: (await res.json()) as Health };
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Waits until every role is up and healthy, returns the health then. */
async function allUp(timeoutMs = 60_000): Promise<Health> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const h = await health().catch(() => null);
    if (h && h.code === 200) return h.body;
    if (Date.now() > until) throw new Error(`roles not back in time: ${JSON.stringify(h?.body.processes)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tz-supervisor-'));
  audioSocketPort = await freePort();
  sup = spawn(process.execPath, [ENTRY, 'start'], {
    env: {
      // An address of the operator's that is not the roles' loopback one (127.0.0.2 is loopback too on Linux).
      PATH: process.env.PATH, HOME: process.env.HOME, HTTP_HOST: '127.0.0.2', HTTP_PORT: '0', AUDIOSOCKET_PORT: String(audioSocketPort), LOG_LEVEL: 'warn', TINGZHEN_DATA_DIR: dataDir,
      TINGZHEN_MODELS_DIR: MODELS_DIR, EMBEDDED_PG_PORT: String(await freePort()), GATEWAY_AUTH_SECRET: SECRET, DRAIN_TIMEOUT_MS: '2000', OPS_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sup.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  sup.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const until = Date.now() + 150_000;
  while (!/tingzhen is up: console and API at (\S+)/.test(out)) {
    if (sup.exitCode !== null || Date.now() > until) throw new Error(`supervisor did not start: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  url = /tingzhen is up: console and API at (\S+)/.exec(out)![1]!;
  setupToken = /one-time setup token:\s+(\S+)/.exec(out)?.[1] ?? '';
}, 180_000);

afterAll(async () => {
  if (sup && sup.exitCode === null) {
    sup.kill('SIGTERM');
    await new Promise((r) => { const t = setTimeout(r, 30_000); sup.once('exit', () => { clearTimeout(t); r(undefined); }); });
    if (sup.exitCode === null) sup.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('tingzhen start: one process per role under a supervisor', () => {
  it('runs api, gateway and worker as separate processes and reports each on /health', async () => {
    const h = await allUp();
    // Serving (200); degraded only by what the speech models lack (these machines have espeak-ng
    // but may have no ASR model: keypad-only calls), and then it says so.
    const speechOk = h.problems === undefined;
    expect(h.status).toBe(speechOk ? 'ok' : 'degraded');
    for (const p of h.problems ?? []) expect(p.kind).toBe('asr');
    expect(h.database).toMatchObject({ kind: 'embedded', ok: true });
    expect(h.speech).toBeDefined();
    const pids = (['api', 'gateway', 'worker'] as const).map((r) => h.processes[r].pid);
    for (const r of ['api', 'worker'] as const) expect(h.processes[r]).toMatchObject({ state: 'up', restarts: 0, health: { status: 'ok' } });
    expect(h.processes.gateway).toMatchObject({ state: 'up', restarts: 0, health: { status: speechOk ? 'ok' : 'degraded' } });
    expect(new Set(pids).size).toBe(3);
    expect(pids).not.toContain(sup.pid);
    expect(setupToken).toMatch(/\S{16,}/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:/);
    // The gateway's own HTTP is on loopback behind the front door, but AudioSocket is where the operator said.
    await new Promise<void>((resolve, reject) => {
      const s = connect({ host: '127.0.0.2', port: audioSocketPort }, () => { s.destroy(); resolve(); });
      s.once('error', reject);
    });
  });

  it('kill -9 of the api role: 503 from the front door meanwhile, back with the same first-start token', async () => {
    const before = (await health()).body.processes.api.pid!;
    process.kill(before, 'SIGKILL');
    // While it is away the front door says so (never a hang), and /health names the role.
    const away = await fetch(`${url}/api/auth/setup`);
    expect(away.status).toBe(503);
    expect(((await away.json()) as { error: { code: string } }).error.code).toBe('TZ_ERR_UNAVAILABLE');
    const during = await health();
    expect(during.code).toBe(503);
    expect(during.body.processes.gateway.state).toBe('up');
    const back = await allUp(90_000);
    expect(back.processes.api).toMatchObject({ state: 'up', restarts: 1, lastExit: { signal: 'SIGKILL' } });
    expect(back.processes.api.pid).not.toBe(before);
    // The token printed at start still creates the first admin (the restart did not replace it).
    const res = await fetch(`${url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: setupToken, username: 'admin1', password: 'supervisor-admin-pw-1' }) });
    expect(res.status).toBe(201);
  }, 150_000);

  it('kill -9 of the gateway mid-call: the console keeps answering, the gateway is back within seconds and takes calls', async () => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin1', password: 'supervisor-admin-pw-1' }) });
    expect(login.status).toBe(200);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const ws = `${url.replace('http', 'ws')}/media/native?token=${signToken(SECRET, { ttlMs: 120_000 })}`;
    const caller = new TestCaller({ url: ws, callId: 'CA-supervisor-1', parameters: { lang: 'zh' } });
    await caller.connect();
    await caller.waitBotStart(30_000);
    // Live listen-in is served by the gateway process, through the front door, for a signed-in nurse.
    const live = (await (await fetch(`${url}/api/listen/calls`, { headers: { cookie } })).json()) as { calls: { callId: string }[] };
    expect(live.calls.length).toBe(1);

    const gw = (await health()).body.processes.gateway.pid!;
    const killedAt = Date.now();
    process.kill(gw, 'SIGKILL');
    await caller.waitClosed(10_000);
    // The API and console are another process: they answer while the gateway is down.
    const campaigns = await fetch(`${url}/api/campaigns`, { headers: { cookie } });
    expect(campaigns.status).toBe(200);
    const during = await health();
    expect(during.code).toBe(503);
    expect(during.body.processes.gateway.lastExit?.signal).toBe('SIGKILL');
    expect(['restarting', 'starting']).toContain(during.body.processes.gateway.state);
    expect(during.body.processes.api.state).toBe('up');
    expect(during.body.processes.worker.state).toBe('up');

    const back = await allUp(90_000);
    const recoveredMs = Date.now() - killedAt;
    expect(back.processes.gateway).toMatchObject({ state: 'up', restarts: 1 });
    expect(back.processes.gateway.pid).not.toBe(gw);
    expect(alive(gw)).toBe(false);
    // Seconds on an idle machine (about 8 s here: 1 s backoff, then the speech engines load); a loaded CI machine gets slack.
    expect(recoveredMs).toBeLessThan(60_000);
    // A new call goes through the restarted gateway.
    const again = new TestCaller({ url: ws, callId: 'CA-supervisor-2', parameters: { lang: 'zh' } });
    await again.connect();
    const first = await again.waitBotEnd(30_000);
    expect(first.samples.length).toBeGreaterThan(0);
    again.hangup();
    await again.waitClosed(10_000);
  }, 180_000);

  it('kill -9 of the embedded PostgreSQL: the supervisor starts it again and the console works again', async () => {
    const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(postmaster)).toBe(true);
    process.kill(postmaster, 'SIGKILL');
    await expect.poll(async () => (await health()).body.database.process?.restarts, { timeout: 10_000 }).toBe(1);
    const back = await allUp(90_000);
    expect(back.database).toMatchObject({ kind: 'embedded', ok: true, process: { state: 'up', restarts: 1, lastExit: { signal: 'SIGKILL' } } });
    // Sessions live in the database: the same sign-in works once it is back, and the roles never restarted.
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin1', password: 'supervisor-admin-pw-1' }) });
    expect(login.status).toBe(200);
    const campaigns = await fetch(`${url}/api/campaigns`, { headers: { cookie: String(login.headers.get('set-cookie')).split(';')[0]! } });
    expect(campaigns.status).toBe(200);
    expect(back.processes.api.restarts).toBe(1);
    expect(back.processes.worker.restarts).toBe(0);
  }, 150_000);

  it('SIGTERM stops the supervisor and every role process', async () => {
    const pids = Object.values((await health()).body.processes).map((p) => p.pid!);
    const exited = new Promise<number | null>((r) => sup.once('exit', (code) => r(code)));
    sup.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
  }, 60_000);
});
