/**
 * A call cut by a gateway crash, and its retry (issue "Crash-safe calls": keeps what the patient
 * said, filed as interrupted, the retry resumes or starts over as the script declares, never
 * silently). The composed platform with its roles split: api and worker here, the gateway in a
 * process of its own behind a SIPp trunk. A nurse runs a satisfaction survey (the built-in script
 * that declares `onInterrupted: resume`); the patient answers three questions with keys, then the
 * gateway is killed (SIGKILL) mid-call. Its lease runs out, the attempt is closed as lost and filed
 * from its checkpoint as interrupted; the retry, through a new gateway, asks consent again, tells
 * the patient it continues the earlier call, asks only what is left, and the nurse sees one result
 * with both halves, each answer naming the call it came from.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEXTS } from '@tingzhen/dialog-engine';
import { createLogger, type InterruptedAttempt } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { AMD_SILENT_DECISION_MS, keyTimes } from '@tingzhen/load-tests/keypad-timing';
import { startPlatform, type RunningPlatform } from '../../src/platform.js';
import { adminSql, MODELS_DIR, PG_URL } from '../test-platform.js';
import { ConsoleApi, HOSPITAL, localDay, middayZone, SECRET, TRUNK, waitFor } from './harness.js';
import { freePort, mediaPort, startSipp, trunkScenario, writePatientPcap, writeWardSipYaml, type SippProcess } from './sipp-patients.js';
import { botLines, type ResultDto } from './ward.js';

const GATEWAY = fileURLToPath(new URL('./fixtures/gateway-process.ts', import.meta.url));
const PASSWORD = 'synthetic patients 2024!';
/** The cut call's number and the retry's (an attempt dials the patient's phones in turn). */
const FIRST_PHONE = '+8613900000901';
const RETRY_PHONE = '+8613900000902';
const PATIENT_NAME = '林小梅';
/** Keys of the cut call: consent, overall 9, the doctor explained things (then the gateway dies). */
const FIRST_KEYS = '19#1';
/**
 * Keys of the retry: consent; then, once the notice (not interruptible) and the waiting-time
 * question have been said, the waiting time (2: acceptable) and no suggestion (1). A key that came
 * while the notice still played would answer nothing (the question after it not asked yet).
 */
const RETRY_KEYS = '121';
/** What the cut call keeps, as the retry's dial request carries it (the runner words the retry's notice from it). */
const CUT_ANSWERS: InterruptedAttempt = {
  attemptId: 'cut',
  answers: {
    consent: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
    overall: { expect: 'scale-0-10', value: { value: 9 }, via: 'dtmf' },
    explained: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
  },
};

interface Gateway { proc: ChildProcess; exited: Promise<void> }

describe('a call cut by a gateway crash, and its retry (satisfaction survey: onInterrupted resume)', () => {
  const id = randomBytes(3).toString('hex');
  const db = `tzsyn_cut_${id}`;
  const dir = mkdtempSync(join(tmpdir(), 'tz-interrupted-'));
  let databaseUrl: string;
  let trunk: SippProcess;
  let platform: RunningPlatform;
  let nurse: ConsoleApi;
  let gatewayEnv: Record<string, string>;
  let gateway: Gateway | undefined;
  const zone = middayZone();

  async function startGateway(): Promise<Gateway> {
    const proc = spawn(process.execPath, ['--import', 'tsx', GATEWAY], { env: { ...process.env, ...gatewayEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => { if (d.toString().includes('up ')) resolve(); });
      void exited.then(() => reject(new Error(`gateway process exited: ${err}`)));
    });
    return { proc, exited };
  }

  beforeAll(async () => {
    await adminSql(`CREATE DATABASE ${db}`);
    const url = new URL(PG_URL);
    url.pathname = `/${db}`;
    databaseUrl = url.toString();
    // Each key once its question has been asked: timed from the prompts as the platform's voice
    // (espeak-ng here) says them; the campaign records (its greeting says so).
    const tts = await EspeakTtsEngine.load({ logger: createLogger({ level: 'silent' }) });
    const timing = { scriptId: 'satisfaction-survey', lang: 'zh' as const, tts, names: [PATIENT_NAME], hospitalName: HOSPITAL, recorded: true, botStartsAtMs: AMD_SILENT_DECISION_MS, gapMs: 1500 };
    const line = (name: string, keys: { digit: string; atMs: number }[]) => {
      const path = join(dir, `${name}.pcap`);
      writePatientPcap(path, { durationMs: 120_000, keys });
      return path;
    };
    const trunkPort = await freePort();
    const sipPort = await freePort();
    writeFileSync(join(dir, 'trunk.xml'), trunkScenario([
      { phone: FIRST_PHONE, behaviour: { kind: 'answer', pcap: line('first', await keyTimes(timing, FIRST_KEYS)) } },
      { phone: RETRY_PHONE, behaviour: { kind: 'answer', pcap: line('retry', await keyTimes({ ...timing, interrupted: CUT_ANSWERS }, RETRY_KEYS)) } },
    ]));
    trunk = startSipp(dir, 'trunk', ['-sf', join(dir, 'trunk.xml'), '-t', 't1', '-i', '127.0.0.1', '-p', String(trunkPort), '-mp', String(await mediaPort())]);
    const rtpBase = 30000 + (process.pid % 100) * 40;
    writeWardSipYaml(dir, { sipPort, rtpBase, rtpSpan: 38, trunkId: TRUNK, trunkPort });
    const gatewayPort = await freePort();
    const common = {
      DATABASE_URL: databaseUrl, QUEUE_PREFIX: `tzsyncut${id}`, LOG_LEVEL: process.env.TZ_TEST_LOG ?? 'silent', TINGZHEN_MODELS_DIR: MODELS_DIR,
      TINGZHEN_DATA_DIR: dir, RECORDINGS_DIR: join(dir, 'recordings'), GATEWAY_AUTH_SECRET: SECRET, SIP_CONFIG: join(dir, 'sip.yaml'),
      HOSPITAL_NAME: HOSPITAL, HOSPITAL_TIMEZONE: zone, DRAIN_TIMEOUT_MS: '2000',
    };
    gatewayEnv = { ...common, TINGZHEN_ROLES: 'gateway', HTTP_HOST: '127.0.0.1', HTTP_PORT: String(gatewayPort) };
    gateway = await startGateway();
    platform = await startPlatform({ ...common, TINGZHEN_ROLES: 'api,worker', HTTP_PORT: '0', GATEWAY_URL: `http://127.0.0.1:${gatewayPort}` });
    const setup = await fetch(`${platform.url}/api/auth/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: platform.setupToken, username: 'admin', password: PASSWORD }),
    });
    expect(setup.status).toBe(201);
    const signIn = async (username: string) => {
      const res = await fetch(`${platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      return String(res.headers.get('set-cookie')).split(';')[0]!;
    };
    const admin = new ConsoleApi(platform.url, await signIn('admin'));
    await admin.post('/api/users', { username: 'nurse.zhou', password: PASSWORD, role: 'nurse', displayName: '周护士' });
    nurse = new ConsoleApi(platform.url, await signIn('nurse.zhou'));
  }, 120_000);

  afterAll(async () => {
    if (gateway && gateway.proc.exitCode === null) { gateway.proc.kill('SIGKILL'); await gateway.exited; }
    await platform?.close().catch(() => undefined);
    await trunk?.stop();
    await adminSql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('the cut call is filed as interrupted with its answers; the retry resumes (consent again, the patient told) and the nurse sees both halves', async () => {
    const patient = await nurse.post<{ id: string }>('/api/patients', {
      mrn: `SYN-CUT-${id}`, name: PATIENT_NAME, phones: [FIRST_PHONE, RETRY_PHONE], language: 'zh-CN', consentStatus: 'granted',
      department: '普外科', dischargeDate: localDay(zone).date,
    });
    const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    const campaign = await nurse.post<{ id: string }>('/api/campaigns', {
      name: '出院满意度调查', scriptId: 'satisfaction-survey', scriptVersion: '1', timezone: zone, startDate: localDay(zone).date, windows: everyDay,
      maxAttempts: 3, requireConsent: true, concurrency: 2, callsPerSecond: 2, trunk: TRUNK, retryDelaysMinutes: { failed: 0, no_answer: 0, busy: 0, voicemail: 0 },
    });
    await nurse.post(`/api/campaigns/${campaign.id}/contacts`, { patientIds: [patient.id] });
    await nurse.post(`/api/campaigns/${campaign.id}/schedule`);

    // Three answers are checkpointed; then the gateway process dies mid-call.
    const pool = platform.services.pool;
    const cutAttempt = await waitFor('the third answer checkpointed', async () => {
      const r = await pool.query<{ attempt_id: string }>(`SELECT attempt_id::text FROM call_checkpoints WHERE report->'result'->'answers' ? 'explained'`);
      return r.rows[0]?.attempt_id;
    }, 60_000, 100);
    gateway!.proc.kill('SIGKILL');
    await gateway!.exited;
    gateway = await startGateway();

    const [cut, retry] = await waitFor('the retry\'s result', async () => {
      const list = await nurse.get<{ items: (ResultDto & Record<string, unknown>)[] }>(`/api/results?patientId=${patient.id}`);
      return list.items.length === 2 ? list.items : undefined;
    }, 150_000, 500);
    // The cut call: what the patient said before the crash, marked interrupted, on the worklist.
    expect(cut).toMatchObject({ attempt_id: cutAttempt, interrupted: true, hangup_reason: 'error', resumed_from: null, restarted_after: null });
    expect(Object.keys(cut!.answers).sort()).toEqual(['consent', 'explained', 'overall']);
    const attempts = await pool.query<{ id: string; seq: number; state: string; reason: string | null }>('SELECT id::text, seq, state, reason FROM call_attempts WHERE patient_id = $1 ORDER BY id', [patient.id]);
    expect(attempts.rows).toEqual([
      { id: cutAttempt, seq: 1, state: 'failed', reason: 'stale_dial' },
      expect.objectContaining({ seq: 2, state: 'answered' }),
    ]);

    // The retry: resumed from the cut call; the nurse sees every answer, each with where it came from.
    const full = await nurse.get<ResultDto & Record<string, unknown>>(`/api/results/${retry!.id}`);
    expect(full).toMatchObject({ outcome: 'completed', interrupted: false, resumed_from: cutAttempt, restarted_after: null, carried_answers: ['overall', 'explained'] });
    expect(full.answers).toEqual({
      consent: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
      overall: { type: 'scale-0-10', value: { value: 9 }, via: 'dtmf', fromAttemptId: cutAttempt },
      explained: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf', fromAttemptId: cutAttempt },
      waiting: { type: 'choice', value: { choice: 'ok', text: 'ok' }, via: 'dtmf' },
      suggestion: { type: 'free-text', value: { choice: 'none', text: 'none' }, via: 'dtmf' },
    });
    // Never silent to the patient either: consent answered again in this call (after the
    // greeting, as on any call), then the notice, then only what was left.
    const bot = botLines(full);
    const notice = bot.indexOf(DEFAULT_TEXTS.resumed.zh);
    expect(notice, bot.join('\n')).toBeGreaterThan(0);
    expect(bot[notice + 1]).toContain('等候时间');
    expect(bot.join('')).not.toContain('打几分');
    expect(full.transcript!.filter((t) => t.via === 'dtmf').map((t) => t.text).join('')).toBe('121');
  }, 240_000);
});
