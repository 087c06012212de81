/**
 * Campaign-calls benchmark: a post-op follow-up campaign of N patients, dialled by the composed
 * platform itself (`node app/bin/tingzhen.js start`, all roles in one process, as an operator runs
 * it) through its SIP trunk, which is one SIPp UAS for the whole run. Every patient answers with
 * keys (RFC 4733 in a pcap SIPp plays after the answer): "recovering well" 1222#1222, and every
 * 10th patient "red flag" 1222#121 (sudden trouble breathing: the bot gives the 120 advice and
 * hangs up). The keys follow dialog-engine/scripts/post-op-followup.yaml: consent 1, wound 2,
 * fever 2, pain 2#, mobility 1, calf 2, breath 2 (1: red flag), drain 2; nobody speaks, so
 * answering-machine detection says "uncertain" after ~2.5 s and the script runs. A key during the
 * greeting answers nothing, so the first key comes once the consent question has been said
 * (keypad-timing.ts: the greeting as the runner words it, timed with the espeak-ng voice the
 * platform speaks with here), then one key every 1.5 s.
 *
 * The bench creates a database (tzbench_<pid>), a queue prefix, a temporary directory with the SIP
 * file and the pcaps; seeds the patients and the campaign with @tingzhen/campaigns, schedules it,
 * and waits until the campaign is completed (or --deadline-minutes). Then it prints wall time,
 * calls per minute, results and their typed answers, dispositions, the worklist against what the
 * keys should produce, attempts per patient, INVITEs per number as the trunk saw them and the turn
 * gaps (the gateway's /metrics histogram). Nothing is asserted: exit 0 with the figures, 1 only
 * when the run itself broke (the platform or SIPp would not start or died). Everything it created
 * is removed at the end (the platform gets SIGTERM and drains first).
 *
 *   npx tsx load-tests/src/bench-campaign-calls.ts [--patients 300] [--concurrency 10] [--backend redis|postgres]
 *     [--deadline-minutes M] [--calls-per-second 2] [--retry-minutes 1] [--no-record] [--keep]
 *     [--database postgres://postgres@127.0.0.1:5432/postgres] [--redis redis://127.0.0.1:6379] [--models DIR]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createLogger } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import {
  addContacts, campaignProgress, createPool, createQueueConnection, insertCampaign, insertPatient, startScheduler, withTx,
} from '@tingzhen/campaigns';
import {
  cpuWithChildrenMs, freeTcpPort, freeUdpRange, histogramQuantiles, invitesPerNumber, percentile, readText, startTrunk, trunkScenario, writeBenchSipYaml, writeKeysPcap, type Sipp,
} from './campaign-calls-kit.js';
import { AMD_SILENT_DECISION_MS, keyTimes } from './keypad-timing.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..', '..');
const { values } = parseArgs({ options: {
  patients: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '10' }, backend: { type: 'string', default: 'redis' },
  'deadline-minutes': { type: 'string' }, 'calls-per-second': { type: 'string', default: '2' }, 'retry-minutes': { type: 'string', default: '1' },
  'no-record': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false },
  database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' }, redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
  models: { type: 'string' },
} });
const N = Number(values.patients);
const CONCURRENCY = Number(values.concurrency);
const BACKEND = values.backend === 'postgres' ? 'postgres' : 'redis';
// eslint-disable-next-line no-restricted-properties -- a benchmark script, like a test, finds the models itself
const MODELS_DIR = resolve(values.models ?? process.env.TINGZHEN_MODELS_DIR ?? join(ROOT, '..', 'shared', 'models'));
/** Calls take about a minute each; twice that per wave of `concurrency` calls, plus start-up. */
const DEADLINE_MS = Number(values['deadline-minutes'] ?? Math.max(15, Math.ceil(N / CONCURRENCY) * 2 + 10)) * 60_000;

/** Between two keys once the first question has been answered, ms. */
const KEY_GAP_MS = 1500;
/** Names of the patients (患者N), short and long: the first key comes once the latest of their consent questions has been said. */
const timedNames = (n: number) => [...new Set(['患者1', `患者${Math.min(n, 88)}`, `患者${n}`])];
/** The platform's default HOSPITAL_NAME (the bench sets none): the greeting says it. */
const HOSPITAL_NAME = '医院随访中心';
/** Length of the patients' recordings, ms: longer than any call, so the bot hangs up first. */
const LINE_MS = 90_000;
const KEYS_WELL = '1222#1222';
const KEYS_RED_FLAG = '1222#121';
/** Every 10th patient (numbers ending in 0) has the red flag; the trunk tells them apart by the Request-URI. */
const isRedFlag = (n: number) => n % 10 === 0;
const phoneOf = (n: number) => `+86138${10_000_000 + n}`;
/** What the keys answer, per step: the typed values the runner files (yes-no {answer}, scale {value}). */
const EXPECTED_WELL: Record<string, unknown> = {
  consent: { answer: 'yes' }, wound: { answer: 'no' }, fever: { answer: 'no' }, pain: { value: 2 }, mobility: { answer: 'yes' }, calf: { answer: 'no' }, breath: { answer: 'no' }, drain: { answer: 'no' },
};
const EXPECTED_RED_FLAG: Record<string, unknown> = { ...EXPECTED_WELL, breath: { answer: 'yes' } };
delete EXPECTED_RED_FLAG.drain;
/** Longest the platform may take to drain and stop on SIGTERM, ms. */
const DRAIN_TIMEOUT_MS = 30_000;
const TAG = `tzbench_${process.pid}`;

const cleanups: { what: string; run: () => Promise<unknown> }[] = [];
const t = () => new Date().toISOString().slice(11, 19);
const say = (s: string) => console.log(`[${t()}] ${s}`);

async function admin(sql: string): Promise<void> {
  const c = createPool(values.database, { max: 1 });
  try { await c.query(sql); } finally { await c.end(); }
}

async function dropRedisKeys(url: string, prefix: string): Promise<number> {
  const r = new Redis(url);
  let n = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) n += await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await r.quit();
  }
  return n;
}

interface Platform { proc: ChildProcess; url: string; logFile: string; exited: Promise<number | null>; stop(): Promise<number | null> }

/** /metrics and the details of /health need the ops token (OPS_TOKEN). */
const BENCH_OPS_TOKEN = `bench-ops-token-${process.pid}-0123456789`;
const OPS_HEADERS = { authorization: `Bearer ${BENCH_OPS_TOKEN}` };

/** `node app/bin/tingzhen.js start` with `env`; resolves once GET /health answers 200. */
async function startPlatform(env: Record<string, string>, httpPort: number, logFile: string): Promise<Platform> {
  // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and HOME; the platform's own settings are replaced below
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of ['REDIS_URL', 'TINGZHEN_ROLES', 'NURSE_LINE_URI', 'RECORDINGS_DIR', 'HTTP_HOST', 'AUDIOSOCKET_PORT', 'LLM_BASE_URL', 'LLM_MODEL', 'LLM_API_KEY']) delete base[k];
  const out = createWriteStream(logFile);
  const proc = spawn(process.execPath, [join(ROOT, 'app', 'bin', 'tingzhen.js'), 'start'], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.pipe(out, { end: false });
  proc.stderr.pipe(out, { end: false });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code, signal) => r(code ?? (signal ? 128 : null))));
  const url = `http://127.0.0.1:${httpPort}`;
  const until = Date.now() + 180_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the platform exited (${proc.exitCode}) before /health answered:\n${readText(logFile).slice(-3000)}`);
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > until) {
      proc.kill('SIGKILL');
      throw new Error(`/health did not answer within 180 s:\n${readText(logFile).slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    proc, url, logFile, exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const kill = setTimeout(() => proc.kill('SIGKILL'), DRAIN_TIMEOUT_MS + 30_000);
        await exited;
        clearTimeout(kill);
      }
      out.end();
      return exited;
    },
  };
}

function histogram<T>(xs: T[], key: (x: T) => string): string {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
}

function dirBytes(dir: string): number {
  try { return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0); } catch { return 0; }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface ResultRow {
  patient_id: string; phone: string; answers: Record<string, { type?: string; value?: unknown; via?: string }>; disposition: string | null;
  red_flags: string[]; outcome: string | null; hangup_reason: string | null; duration_ms: number | null; amd: string | null;
  transcript: { speaker: string; text: string; startMs: number; endMs: number; via?: string }[];
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tz-bench-campaign-'));
  cleanups.push({ what: 'temporary directory', run: async () => { if (!values.keep) rmSync(dir, { recursive: true, force: true }); } });
  const db = TAG;
  await admin(`CREATE DATABASE ${db}`);
  cleanups.push({ what: `database ${db} (and the PostgreSQL queue schema in it)`, run: () => admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`) });
  if (BACKEND === 'redis') cleanups.push({ what: `Redis keys ${TAG}:*`, run: () => dropRedisKeys(values.redis, TAG) });
  const dbUrl = new URL(values.database);
  dbUrl.pathname = `/${db}`;

  // The trunk: SIPp on a TCP port, its media on a free even UDP pair.
  const trunkPort = await freeTcpPort();
  const sippMedia = await freeUdpRange(16_000 + (process.pid % 500) * 4, 4);
  const wellPcap = join(dir, 'keys-well.pcap');
  const redFlagPcap = join(dir, 'keys-red-flag.pcap');
  const timing = { scriptId: 'post-op-followup', lang: 'zh' as const, tts: await EspeakTtsEngine.load({ logger: createLogger({ level: 'silent' }) }), names: timedNames(N), hospitalName: HOSPITAL_NAME, recorded: !values['no-record'], botStartsAtMs: AMD_SILENT_DECISION_MS, gapMs: KEY_GAP_MS };
  writeKeysPcap(wellPcap, { keys: await keyTimes(timing, KEYS_WELL), durationMs: LINE_MS });
  writeKeysPcap(redFlagPcap, { keys: await keyTimes(timing, KEYS_RED_FLAG), durationMs: LINE_MS });
  const scenarioFile = join(dir, 'trunk.xml');
  writeFileSync(scenarioFile, trunkScenario({ wellPcap, redFlagPcap, redFlagUser: '[^@;>]*0', byeTimeoutMs: 600_000 }));
  const trunk: Sipp = startTrunk({ dir, scenarioFile, port: trunkPort, mediaPort: sippMedia });
  cleanups.push({ what: 'SIPp trunk', run: () => trunk.stop() });
  await new Promise((r) => setTimeout(r, 700));
  if (trunk.proc.exitCode !== null) throw new Error(`SIPp exited at start: ${trunk.stderr()}`);

  // The platform: SIP over TCP, one trunk (the SIPp UAS) with channels for the campaign's
  // concurrency after the inbound reserve (20 %, app/src/roles/sip-routes.ts).
  const sipPort = await freeTcpPort();
  const httpPort = await freeTcpPort();
  const rtpCount = Math.max(200, CONCURRENCY * 8);
  const rtpBase = await freeUdpRange(30_000 + (process.pid % 100) * 300, rtpCount);
  const sipFile = writeBenchSipYaml(dir, { sipPort, rtpBase, rtpCount, trunkId: 'bench-trunk', trunkPort, concurrency: CONCURRENCY });
  const dataDir = join(dir, 'data');
  say(`starting the platform (${BACKEND} queue, database ${db}, SIP ${sipPort}, trunk ${trunkPort}, RTP ${rtpBase}-${rtpBase + rtpCount - 1})`);
  const platform = await startPlatform({
    DATABASE_URL: dbUrl.toString(), ...(BACKEND === 'redis' ? { REDIS_URL: values.redis } : {}), QUEUE_PREFIX: TAG, HTTP_PORT: String(httpPort),
    GATEWAY_AUTH_SECRET: `bench-campaign-calls-${process.pid}-secret`, TINGZHEN_DATA_DIR: dataDir, TINGZHEN_MODELS_DIR: MODELS_DIR, LOG_LEVEL: 'warn',
    SIP_CONFIG: sipFile, DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS), OPS_TOKEN: BENCH_OPS_TOKEN,
  }, httpPort, join(dir, 'platform.log'));
  cleanups.push({ what: 'platform (SIGTERM, drain)', run: () => platform.stop() });
  const health = await fetch(`${platform.url}/health`, { headers: OPS_HEADERS }).then((r) => r.json() as Promise<Record<string, unknown>>);
  say(`platform up: /health ${JSON.stringify(health).slice(0, 400)}`);

  // Patients and the campaign, as the campaigns package writes them (the platform migrated the database).
  const pool = createPool(dbUrl.toString(), { max: 4 });
  cleanups.push({ what: 'bench pool', run: () => pool.end() });
  const patientIds: string[] = [];
  const byPatient = new Map<string, { n: number; phone: string; redFlag: boolean }>();
  const discharge = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  for (let n = 1; n <= N; n++) {
    const p = await insertPatient(pool, {
      mrn: `BENCH-${n}`, name: `患者${n}`, phones: [phoneOf(n)], language: 'zh-CN', consentStatus: 'granted', timezone: 'Asia/Shanghai',
      department: '普外科', diagnosis: '腹腔镜胆囊切除术后', dischargeDate: discharge,
    }, 'bench');
    patientIds.push(p.id);
    byPatient.set(p.id, { n, phone: p.phones[0]!, redFlag: isRedFlag(n) });
  }
  const open = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00'] as [string, string]]]));
  const retry = Number(values['retry-minutes']);
  const campaign = await insertCampaign(pool, {
    name: `bench ${N} patients`, scriptId: 'post-op-followup', scriptVersion: '1', timezone: 'Asia/Shanghai', startDate: '2000-01-01', windows: open,
    maxAttempts: 3, retryDelaysMinutes: { no_answer: retry, busy: retry, failed: retry, voicemail: retry }, requireConsent: true,
    concurrency: CONCURRENCY, callsPerSecond: Number(values['calls-per-second']), trunk: 'bench-trunk', recordCalls: !values['no-record'],
  }, 'bench');
  await withTx(pool, (c) => addContacts(c, campaign.id, patientIds));
  const connection = createQueueConnection({ redisUrl: BACKEND === 'redis' ? values.redis : undefined, databaseUrl: dbUrl.toString(), prefix: TAG, pgPoolMax: 2 });
  const scheduler = startScheduler({ pool, connection, reconcileIntervalMs: 0, leaseSweepIntervalMs: 0 });
  const cpu0 = { platform: cpuWithChildrenMs(platform.proc.pid!), trunk: cpuWithChildrenMs(trunk.proc.pid!) };
  const t0 = performance.now();
  const enqueued = await scheduler.scheduleCampaign(campaign.id);
  await scheduler.close();
  await connection.close();
  say(`seeded ${N} patients (${N / 10 | 0} with the red flag), campaign ${campaign.id} scheduled: ${enqueued} attempts queued; concurrency ${CONCURRENCY}, deadline ${DEADLINE_MS / 60_000} min`);

  // Wait for the campaign to complete, the platform and the trunk staying up.
  let broke: string | null = null;
  let completed = false;
  let lastPrint = 0;
  let peakActive = 0;
  let progress = await campaignProgress(pool, campaign.id);
  while (performance.now() - t0 < DEADLINE_MS) {
    await new Promise((r) => setTimeout(r, 2000));
    if (platform.proc.exitCode !== null || platform.proc.signalCode !== null) { broke = `the platform exited (${platform.proc.exitCode ?? platform.proc.signalCode})`; break; }
    if (trunk.proc.exitCode !== null || trunk.proc.signalCode !== null) { broke = `SIPp exited (${trunk.proc.exitCode ?? trunk.proc.signalCode}): ${trunk.stderr().slice(-1000)}`; break; }
    progress = await campaignProgress(pool, campaign.id);
    const active = /^tingzhen_active_calls (\S+)/m.exec(await fetch(`${platform.url}/metrics`, { signal: AbortSignal.timeout(5000), headers: OPS_HEADERS }).then((r) => r.text(), () => ''))?.[1];
    if (active !== undefined) peakActive = Math.max(peakActive, Number(active));
    if (progress.state === 'completed') { completed = true; break; }
    if (performance.now() - lastPrint > 60_000) {
      lastPrint = performance.now();
      say(`${((performance.now() - t0) / 60_000).toFixed(1)} min: campaign ${progress.state}; contacts ${JSON.stringify(progress.contacts)}; attempts ${JSON.stringify(progress.attempts)}`);
    }
  }
  const wallMs = performance.now() - t0;
  const cpuMs = { platform: cpuWithChildrenMs(platform.proc.pid!) - cpu0.platform, trunk: cpuWithChildrenMs(trunk.proc.pid!) - cpu0.trunk };
  say(completed ? `campaign completed after ${(wallMs / 60_000).toFixed(1)} min` : `campaign NOT completed (${broke ?? 'deadline reached'}) after ${(wallMs / 60_000).toFixed(1)} min`);

  // What the platform filed.
  const results = (await pool.query<ResultRow>(`SELECT r.patient_id::text, p.phones[1] AS phone, r.answers, r.disposition, r.red_flags, r.outcome, r.hangup_reason, r.duration_ms, r.amd, r.transcript
    FROM call_results r JOIN patients p ON p.id = r.patient_id WHERE r.campaign_id = $1`, [campaign.id])).rows;
  const escalations = (await pool.query<{ patient_id: string; reason: string; priority: number; red_flags: string[] }>(
    'SELECT patient_id::text, reason, priority, red_flags FROM escalations WHERE campaign_id = $1', [campaign.id])).rows;
  const attempts = (await pool.query<{ patient_id: string; n: number }>('SELECT patient_id::text, count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 GROUP BY 1', [campaign.id])).rows;
  const attemptStates = (await pool.query<{ state: string; reason: string | null; n: number }>(
    'SELECT state, reason, count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 GROUP BY 1, 2 ORDER BY 3 DESC', [campaign.id])).rows;
  const contactStates = (await pool.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM contacts WHERE campaign_id = $1 GROUP BY 1 ORDER BY 2 DESC', [campaign.id])).rows;
  const metrics = await fetch(`${platform.url}/metrics`, { signal: AbortSignal.timeout(10_000), headers: OPS_HEADERS }).then((r) => (r.ok ? r.text() : ''), () => '');

  // Stop the platform (drains) and the trunk, then read the trunk's INVITE log.
  const platformExit = await platform.stop();
  await trunk.stop();
  const invites = invitesPerNumber(readText(trunk.logFile));
  const sippErrors = readText(trunk.errorFile).split('\n').filter((l) => /error|unexpected|timeout|aborted/i.test(l));
  const platformLog = readText(platform.logFile).split('\n').filter((l) => l.startsWith('{'));
  const logLevels = platformLog.map((l) => { try { return JSON.parse(l) as { level?: number | string; msg?: string; problem?: string }; } catch { return {}; } });

  // Per patient: one result, answers typed and as keyed, the worklist as the keys imply, one INVITE.
  const resultsOf = new Map<string, ResultRow[]>();
  for (const r of results) resultsOf.set(r.patient_id, [...(resultsOf.get(r.patient_id) ?? []), r]);
  const escOf = new Map<string, typeof escalations>();
  for (const e of escalations) escOf.set(e.patient_id, [...(escOf.get(e.patient_id) ?? []), e]);
  let typedComplete = 0;
  let asKeyed = 0;
  const problems: string[] = [];
  for (const [id, p] of byPatient) {
    const rs = resultsOf.get(id) ?? [];
    if (rs.length !== 1) problems.push(`${p.phone}: ${rs.length} results`);
    const r = rs[0];
    const expected = p.redFlag ? EXPECTED_RED_FLAG : EXPECTED_WELL;
    if (r) {
      const entries = Object.entries(r.answers);
      const typed = entries.length > 0 && entries.every(([, a]) => typeof a.type === 'string' && a.value !== undefined && a.via === 'dtmf');
      const all = Object.keys(expected).every((k) => r.answers[k] !== undefined);
      if (typed && all) typedComplete++;
      if (Object.keys(expected).length === entries.length && Object.entries(expected).every(([k, v]) => sameJson(r.answers[k]?.value, v))) asKeyed++;
      else if (problems.length < 40) problems.push(`${p.phone}${p.redFlag ? ' (red flag)' : ''}: answers ${JSON.stringify(Object.fromEntries(entries.map(([k, a]) => [k, a.value])))} outcome ${r.outcome} ended ${r.hangup_reason}`);
    }
    const es = escOf.get(id) ?? [];
    const wantP1 = p.redFlag ? 1 : 0;
    const p1 = es.filter((e) => e.priority === 1 && e.reason === 'red_flag').length;
    if (p1 !== wantP1 || es.length !== wantP1) problems.push(`${p.phone}${p.redFlag ? ' (red flag)' : ''}: worklist ${JSON.stringify(es.map((e) => `P${e.priority} ${e.reason}`))}`);
    const inv = invites.get(p.phone) ?? 0;
    if (inv !== 1) problems.push(`${p.phone}: ${inv} INVITEs at the trunk`);
  }
  const redFlagPatients = [...byPatient.values()].filter((p) => p.redFlag).length;
  const perPatientAttempts = attempts.map((a) => a.n);
  const inviteCounts = [...invites.values()];
  const durationsOf = (red: boolean) => results.filter((r) => byPatient.get(r.patient_id)?.redFlag === red).map((r) => (r.duration_ms ?? 0) / 1000);
  const gap = histogramQuantiles(metrics, 'tingzhen_turn_gap_seconds', [0.5, 0.95, 0.99]);
  const underruns = /^tingzhen_playout_underruns_total(?:\{[^}]*\})? (\S+)/m.exec(metrics)?.[1] ?? '?';
  const minutes = wallMs / 60_000;

  console.log(`\n=== campaign calls: ${N} patients, concurrency ${CONCURRENCY}, ${BACKEND} queue, ${completed ? 'completed' : `NOT completed (${broke ?? 'deadline'})`} ===`);
  console.log(`wall time (schedule -> completed): ${minutes.toFixed(1)} min; calls per minute: ${(results.length / minutes).toFixed(2)} (results), ${(inviteCounts.reduce((a, b) => a + b, 0) / minutes).toFixed(2)} (INVITEs)`);
  console.log(`campaign: ${progress.state}; contacts: ${contactStates.map((c) => `${c.state} ${c.n}`).join(', ')}`);
  console.log(`attempts: ${attemptStates.map((a) => `${a.state}${a.reason ? `/${a.reason}` : ''} ${a.n}`).join(', ')}`);
  console.log(`calls in progress at the gateway (sampled every 2 s): peak ${peakActive} (campaign concurrency ${CONCURRENCY})`);
  console.log(`CPU (user + system, with reaped children such as espeak-ng) over the run: platform ${(cpuMs.platform / 1000).toFixed(0)} s = ${((cpuMs.platform / wallMs) * 100).toFixed(0)} % of one core, ${(cpuMs.platform / Math.max(1, results.length) / 1000).toFixed(2)} s per call; SIPp ${(cpuMs.trunk / 1000).toFixed(0)} s`);
  console.log(`attempts per patient: max ${Math.max(0, ...perPatientAttempts)}, patients with > 1: ${perPatientAttempts.filter((n) => n > 1).length}, patients with none: ${N - attempts.length}`);
  console.log(`results (call_results rows): ${results.length} for ${resultsOf.size} patients of ${N}; typed answers for every question (type, value, via dtmf): ${typedComplete}; answers exactly as keyed: ${asKeyed}`);
  for (const red of [false, true]) {
    const d = durationsOf(red);
    console.log(`call duration (filed), ${red ? 'red flag' : 'recovering well'}, s: p50 ${percentile(d, 50).toFixed(1)}  p95 ${percentile(d, 95).toFixed(1)}  max ${Math.max(0, ...d).toFixed(1)} (${d.length} calls)`);
  }
  console.log(`dispositions: ${histogram(results, (r) => r.disposition ?? 'none')}`);
  console.log(`outcomes: ${histogram(results, (r) => r.outcome ?? 'none')}; ended: ${histogram(results, (r) => r.hangup_reason ?? 'none')}; AMD: ${histogram(results, (r) => r.amd ?? 'none')}`);
  console.log(`worklist: ${histogram(escalations, (e) => `P${e.priority} ${e.reason}`)} (expected: P1 red_flag ${redFlagPatients}, nothing else)`);
  console.log(`INVITEs at the trunk: ${inviteCounts.reduce((a, b) => a + b, 0)} to ${invites.size} numbers; max per number ${Math.max(0, ...inviteCounts)}; numbers with > 1: ${[...invites].filter(([, c]) => c > 1).map(([p, c]) => `${p} x${c}`).join(', ') || 'none'}; patients never rung: ${[...byPatient.values()].filter((p) => !invites.has(p.phone)).length}`);
  console.log(`turn gaps (gateway histogram, bucket upper bounds): ${gap.count} turns, mean ${gap.count ? ((gap.sum / gap.count) * 1000).toFixed(0) : '-'} ms, p50 <= ${gap.q[0.5]! * 1000} ms, p95 <= ${gap.q[0.95]! * 1000} ms, p99 <= ${gap.q[0.99]! * 1000} ms; playout underruns ${underruns}`);
  console.log(`recordings: ${(dirBytes(join(dataDir, 'recordings')) / 1e6).toFixed(0)} MB; SIPp error-log lines: ${sippErrors.length}; platform log lines (warn+): ${logLevels.length} (${histogram(logLevels, (l) => String(l.msg ?? l.problem ?? '?')).slice(0, 400)}); platform exit code ${platformExit}`);
  if (problems.length > 0) console.log(`per-patient differences from what the keys imply (${problems.length}, first 40):\n  ${problems.slice(0, 40).join('\n  ')}`);
  if (values.keep) {
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ results, escalations, attemptStates, metrics }, null, 1));
    console.log(`kept ${dir} (results.json: the filed results and worklist)`);
  }
  return broke ? 1 : 0;
}

/** Runs every cleanup once, last registered first (the platform drains before its database goes). */
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.reverse()) {
      await c.run().catch((err: unknown) => console.error(`cleanup of ${c.what} failed:`, err));
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`${sig}: cleaning up`);
    void cleanUp().then(() => process.exit(130));
  });
}

let code = 1;
try {
  code = await main();
} catch (err) {
  if (cleaning) console.error('interrupted');
  else console.error('the run broke:', err);
  code = 1;
} finally {
  await cleanUp();
}
process.exit(code);
