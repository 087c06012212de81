/**
 * The synthetic-patient suite's harness: the composed platform as `npm start` runs it (all roles in
 * one process) on a database of its own and one bullmq backend, a SIPp trunk in front of it, a
 * nurse signed in through the console API, and the scripted recognisers speech answers use.
 * Everything it creates (database, Redis keys, temporary directory, SIPp processes) goes in close().
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { Redis } from 'ioredis';
import { FakeAsr } from '@tingzhen/voice-core/testing';
import { speechStatus } from '@tingzhen/speech';
import { startPlatform, type PlatformOverrides, type RunningPlatform } from '../../src/platform.js';
import { adminSql, MODELS_DIR, PG_URL } from '../test-platform.js';
import { freePort, mediaPort, startSipp, trunkScenario, writeWardSipYaml, type Line, type SippProcess } from './sipp-patients.js';

export { MODELS_DIR };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SECRET = 'synthetic-patients-secret-0123456789';
export const HOSPITAL = '听诊测试医院';
export const TRUNK = 'patients';
const PASSWORD = 'synthetic patients 2024!';
/** Longest one cleanup step may take, ms (the platform's close drains calls for DRAIN_TIMEOUT_MS first). */
const CLEANUP_STEP_MS = 20_000;

export type Backend = 'redis' | 'postgres';

/**
 * Scripted recognisers, one per speech call, handed out per language in the order they were armed
 * (the platform asks for a recogniser when a call's pipeline starts). Unarmed, a call gets none:
 * the keypad-only path, exactly as on a machine without an ASR model.
 */
export class ScriptedRecognisers {
  private readonly armed = new Map<string, FakeAsr[]>();
  readonly handedOut: { lang: string; asr: FakeAsr }[] = [];

  /** The next call in `lang` hears `text` for the first thing the patient says. */
  arm(lang: 'zh' | 'en', text: string): FakeAsr {
    // Finals only when the pipeline ends the turn (VAD) or the listen's own endpoint says so: the
    // default endpoint is far away, so nothing is decided while the bot is still talking.
    const asr = new FakeAsr({ utterances: [text], languages: [lang], endpoint: { silenceAfterSpeechMs: 60_000, maxUtteranceMs: 60_000 } });
    const q = this.armed.get(lang) ?? [];
    q.push(asr);
    this.armed.set(lang, q);
    return asr;
  }

  get pending(): number {
    return [...this.armed.values()].reduce((n, q) => n + q.length, 0);
  }

  readonly asrFor = (lang: string): FakeAsr | undefined => {
    const asr = this.armed.get(lang)?.shift();
    if (asr) this.handedOut.push({ lang, asr });
    return asr;
  };
}

/** The console API as a signed-in user sees it (cookie session). */
export class ConsoleApi {
  constructor(readonly base: string, private readonly cookie: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method, headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  }

  get<T>(path: string): Promise<T> { return this.request<T>('GET', path); }
  post<T>(path: string, body: unknown = {}): Promise<T> { return this.request<T>('POST', path, body); }

  async status(path: string): Promise<number> {
    const res = await fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
    await res.arrayBuffer();
    return res.status;
  }
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return String(res.headers.get('set-cookie')).split(';')[0]!;
}

/** The first admin (one-time setup token), then a nurse the admin creates; returns the nurse's session. */
async function nurseSession(platform: RunningPlatform): Promise<ConsoleApi> {
  const setup = await fetch(`${platform.url}/api/auth/setup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: platform.setupToken, username: 'admin', password: PASSWORD }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  const admin = new ConsoleApi(platform.url, await signIn(platform.url, 'admin'));
  await admin.post('/api/users', { username: 'nurse.li', password: PASSWORD, role: 'nurse', displayName: '李护士' });
  return new ConsoleApi(platform.url, await signIn(platform.url, 'nurse.li'));
}

/**
 * A fixed-offset zone where it is about noon now: today's calling window is open for hours, and
 * "tomorrow afternoon" is one unambiguous day ahead, whatever the hour the suite runs.
 */
export function middayZone(now = new Date()): string {
  const offset = ((12 - now.getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Local date and weekday in a zone. */
export function localDay(zone: string, at = new Date()): { date: string; weekday: (typeof DAYS)[number] } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return { date, weekday: DAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]! };
}

export interface SyntheticPlatform {
  backend: Backend;
  platform: RunningPlatform;
  nurse: ConsoleApi;
  recognisers: ScriptedRecognisers;
  pool: pg.Pool;
  dir: string;
  recordingsDir: string;
  zone: string;
  sipPort: number;
  trunk: SippProcess;
  close(): Promise<void>;
}

export interface SyntheticOptions {
  backend: Backend;
  /** The patients behind the trunk's numbers (their recordings written into `dir`). */
  lines: (dir: string) => Line[] | Promise<Line[]>;
  /** NURSE_LINE_URI (the trunk accepts the REFER to it). */
  nurseLine?: string;
  tag: string;
  /** LOG_LEVEL (default TZ_TEST_LOG or silent) and where the platform's log goes (the log-privacy test). */
  logLevel?: string;
  logDestination?: PlatformOverrides['logDestination'];
}

export async function startSyntheticPlatform(o: SyntheticOptions): Promise<SyntheticPlatform> {
  const id = `${o.tag}_${o.backend}_${randomBytes(3).toString('hex')}`;
  const db = `tzsyn_${id}`;
  const prefix = `tzsyn_${id}`;
  const dir = mkdtempSync(join(tmpdir(), 'tz-synthetic-'));
  const recordingsDir = join(dir, 'recordings');
  const zone = middayZone();
  const recognisers = new ScriptedRecognisers();
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  // Each step is bounded, so a call that never ends cannot keep SIPp, the database or the files around.
  const close = async () => {
    for (const c of cleanups.reverse()) await within(CLEANUP_STEP_MS, c()).catch((err: unknown) => console.error('synthetic cleanup failed', err));
  };
  try {
    await adminSql(`CREATE DATABASE ${db}`);
    cleanups.push(() => adminSql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
    if (o.backend === 'redis') cleanups.push(() => dropRedisKeys(prefix));
    const trunkPort = await freePort();
    const sipPort = await freePort();
    writeFileSync(join(dir, 'trunk.xml'), trunkScenario(await o.lines(dir)));
    const trunk = startSipp(dir, 'trunk', ['-sf', join(dir, 'trunk.xml'), '-t', 't1', '-i', '127.0.0.1', '-p', String(trunkPort), '-mp', String(await mediaPort()), ...(process.env.TZ_SIPP_TRACE ? ['-trace_msg'] : [])]);
    cleanups.push(() => trunk.stop());
    // RTP ports of our own, away from other suites' ranges.
    const rtpBase = 40000 + (process.pid % 100) * 200 + (o.backend === 'redis' ? 0 : 100);
    writeWardSipYaml(dir, { sipPort, rtpBase, rtpSpan: 98, trunkId: TRUNK, trunkPort, callerId: '+861088888888', hotlinePeer: true });
    const url = new URL(PG_URL);
    url.pathname = `/${db}`;
    const platform = await startPlatform({
      DATABASE_URL: url.toString(), ...(o.backend === 'redis' ? { REDIS_URL } : {}), QUEUE_PREFIX: prefix,
      HTTP_PORT: '0', LOG_LEVEL: o.logLevel ?? process.env.TZ_TEST_LOG ?? 'silent', TINGZHEN_MODELS_DIR: MODELS_DIR, TINGZHEN_DATA_DIR: dir,
      RECORDINGS_DIR: recordingsDir, GATEWAY_AUTH_SECRET: SECRET, SIP_CONFIG: join(dir, 'sip.yaml'),
      HOSPITAL_NAME: HOSPITAL, HOSPITAL_TIMEZONE: zone, DRAIN_TIMEOUT_MS: '5000', ...(o.nurseLine ? { NURSE_LINE_URI: o.nurseLine } : {}),
    }, { asrFor: recognisers.asrFor, ...(o.logDestination ? { logDestination: o.logDestination } : {}) });
    cleanups.push(() => platform.close());
    // The scripted patients' keys and words are timed with espeak-ng's voice (cast.ts, hotline.ts).
    const voices = speechStatus().engines.filter((e) => e.kind === 'tts');
    if (voices.some((e) => e.engine !== 'espeak-ng')) throw new Error(`the synthetic patients are timed for the espeak-ng voice; the platform speaks with ${voices.map((e) => `${e.language}: ${e.engine ?? e.state}`).join(', ')}`);
    const nurse = await nurseSession(platform);
    return { backend: o.backend, platform, nurse, recognisers, pool: platform.services.pool, dir, recordingsDir, zone, sipPort, trunk, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`still not done after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  try {
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length > 0) await r.del(...keys);
  } finally {
    await r.quit();
  }
}

/** Polls `probe` until it returns a value that is not undefined (or throws after timeoutMs). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000, everyMs = 250): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
