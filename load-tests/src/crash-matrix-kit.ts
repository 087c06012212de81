/**
 * The crash matrix: a campaign dialled by the platform's three roles as separate processes
 * (api, gateway, worker) on a PostgreSQL cluster and a redis-server of its own, through a SIPp
 * trunk, while one part is killed mid-campaign with calls up and started again 5 s later:
 *
 *   worker | gateway | api   kill -9 of that role's process
 *   redis                    kill -9 of redis-server (AOF, fsync every second)
 *   postgres                 `pg_ctl stop -m immediate` (a crash: recovery from the WAL at start)
 *   sigterm-gateway          SIGTERM to the gateway: it drains, its calls end and are filed; then it starts again
 *
 * What it reads back: results per patient, attempts and dials per contact against the campaign's
 * maximum, INVITEs, answers and BYEs per number from SIPp's log (a number rung again after an
 * answer), every contact's final state, how long dial slots stayed held by calls nobody carried
 * (and the worst such "orphan" age against the lease), how long until the calls in progress were
 * back at the campaign's concurrency, calls started per minute, and for the SIGTERM case whether
 * the calls in progress finished and were filed. `crashViolations` turns a report into the list of
 * broken invariants (the test asserts it is empty; the benchmark prints it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { addContacts, createPool, createQueueConnection, insertCampaign, insertPatient, migrate, startScheduler, withTx } from '@tingzhen/campaigns';
import { freeTcpPort, freeUdpRange, readText, startTrunk, trunkScenario, writeBenchSipYaml, writeKeysPcap, type Sipp } from './campaign-calls-kit.js';
import { AMD_SILENT_DECISION_MS, keyTimes } from './keypad-timing.js';
import { roleProcess, startPgCluster, startRedisServer, type PgCluster, type RedisServer, type Role, type RoleProcess } from './crash-services.js';

export type CrashKill = 'none' | 'worker' | 'gateway' | 'api' | 'redis' | 'postgres' | 'sigterm-gateway';
export type CrashBackend = 'redis' | 'postgres';
export const CRASH_KILLS: readonly CrashKill[] = ['worker', 'gateway', 'api', 'redis', 'postgres', 'sigterm-gateway'];

/** Sampling period of the monitor, ms. */
const SAMPLE_MS = 500;
/** A claimed call may go this long without a gateway lease (the claim commits, then the gateway takes the lease), ms. */
const CLAIM_TO_LEASE_MS = 3000;
/** Patients' keys: appointment reminder, "good time" 1 then "I will come" 1; the bot then confirms and hangs up. */
const KEYS = '11';
const KEY_GAP_MS = 1500;
/**
 * Names of the patients the kit enters (患者N), short and long: the first key comes once the
 * latest of their consent questions has been said. A greeting a second shorter still finds the
 * question listening (the key comes 1.5 s after it ends; it listens 6 s).
 */
const TIMED_NAMES = ['患者1', '患者88', '患者300'];
const HOSPITAL_NAME = '听诊测试医院';
/** Longer than any call: the bot hangs up first. */
const LINE_MS = 120_000;
const SCRIPT = 'appointment-reminder';

/** What lives for a whole matrix: the cluster, Redis, the patients' recordings. */
export interface CrashBed {
  dir: string;
  cluster: PgCluster;
  redis: RedisServer;
  keysPcap: string;
  modelsDir: string;
  baseEnv: Record<string, string | undefined>;
  close(): Promise<void>;
}

export async function startCrashBed(o: { dir: string; modelsDir: string; baseEnv: Record<string, string | undefined> }): Promise<CrashBed> {
  mkdirSync(o.dir, { recursive: true });
  const keysPcap = join(o.dir, 'keys.pcap');
  // Each key once its question has been asked, timed with the platform's voice (espeak-ng on these
  // machines: no neural voice is provisioned); the campaigns do not record.
  const tts = await EspeakTtsEngine.load({ logger: createLogger({ level: 'silent' }) });
  const keys = await keyTimes({ scriptId: SCRIPT, lang: 'zh', tts, names: TIMED_NAMES, hospitalName: HOSPITAL_NAME, recorded: false, botStartsAtMs: AMD_SILENT_DECISION_MS, gapMs: KEY_GAP_MS }, KEYS);
  writeKeysPcap(keysPcap, { keys, durationMs: LINE_MS });
  const cluster = await startPgCluster(join(o.dir, 'pg'));
  let redis: RedisServer;
  try {
    redis = await startRedisServer(join(o.dir, 'redis'));
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return {
    dir: o.dir, cluster, redis, keysPcap, modelsDir: o.modelsDir, baseEnv: o.baseEnv,
    async close() {
      await redis.stop().catch(() => undefined);
      await cluster.stop().catch(() => undefined);
    },
  };
}

export interface CrashCaseOptions {
  kill: CrashKill;
  backend: CrashBackend;
  patients: number;
  concurrency: number;
  /** Wait this long after the kill before starting the part again, ms (5 s). */
  restartAfterMs?: number;
  /** Kill once this share of contacts is final and calls are up at the campaign's concurrency; 0 (default): as soon as they are up. */
  killAtFraction?: number;
  maxAttempts?: number;
  /** Retry delays, minutes (failed, no answer, busy, voicemail). */
  retryMinutes?: number;
  deadlineMs?: number;
  callsPerSecond?: number;
  logLevel?: string;
  say?: (s: string) => void;
}

export interface Sample { tMs: number; dialing: number; leased: number; orphans: number; leftByKill: number; orphanAgeMs: number; final: number }

export interface CrashReport {
  kill: CrashKill;
  backend: CrashBackend;
  patients: number;
  concurrency: number;
  maxAttempts: number;
  completed: boolean;
  broke: string | null;
  wallMs: number;
  killAtMs: number | null;
  restartedAtMs: number | null;
  /** Calls in progress (leased by the gateway) when the kill came. */
  callsUpAtKill: number;
  contactStates: Record<string, number>;
  /** Per patient (index 0..N-1): filed results (all / complete: the call ran to its end / interrupted: cut by a crash), attempts, dials counted, INVITEs, answers, BYEs, rung after an answer / after a completed call. */
  perPatient: {
    results: number; complete: number; interrupted: number; attempts: number; dialsMade: number; invites: number; answers: number; byes: number;
    invitesAfterAnswer: number; invitesAfterBye: number; finalState: string;
  }[];
  /** Answered attempts with no call result row. */
  answeredWithoutResult: number;
  attemptStates: Record<string, number>;
  invitesHistogram: Record<number, number>;
  /** Ms from the kill until no attempt claimed before the part came back was held by a call nobody carries. */
  slotsBackMs: number | null;
  /** Longest time an attempt stayed dialing with no live lease (past the claim-to-lease grace), ms. */
  maxOrphanAgeMs: number;
  /** Ms from the kill until the calls in progress were back at min(concurrency, contacts left). */
  paceBackMs: number | null;
  /** Calls started per minute, minute by minute from the schedule (attempt started_at). */
  startsPerMinute: number[];
  /** SIGTERM case: calls in progress at the SIGTERM, how many were answered and filed complete, the gateway's exit code. */
  drain?: { inProgress: number; filedComplete: number; exitCode: number | null; drainMs: number };
  roleExits: string[];
  sippErrors: number;
  /** Times SIPp exited (a peer reset its TCP connection) and was started again. */
  trunkRestarts: number;
  samples: Sample[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const phoneOf = (tag: number, n: number) => `+86139${String(tag).padStart(4, '0')}${String(n).padStart(4, '0')}`;

async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  r.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/**
 * One case of the matrix, start to end: its own database, queue prefix, SIPp trunk and three role
 * processes; the kill; the wait for the campaign to complete; the read-back. Everything it started
 * is stopped and its database dropped before it returns, on failure too.
 */
export { crashSummary, crashViolations, ORPHAN_LIMIT_MS } from './crash-report.js';

export async function runCrashCase(bed: CrashBed, o: CrashCaseOptions): Promise<CrashReport> {
  const say = o.say ?? (() => undefined);
  const tag = randomBytes(3).toString('hex');
  const numTag = Number.parseInt(tag, 16) % 10_000;
  const name = `tzcrash_${o.kill.replace('-', '_')}_${o.backend}_${tag}`;
  const dir = join(bed.dir, name);
  mkdirSync(dir, { recursive: true });
  const maxAttempts = o.maxAttempts ?? 3;
  const restartAfterMs = o.restartAfterMs ?? 5000;
  const deadlineMs = o.deadlineMs ?? 10 * 60_000;
  const cleanups: (() => Promise<unknown>)[] = [];
  const admin = async (sql: string) => {
    const c = createPool(bed.cluster.url(), { max: 1 });
    try { await c.query(sql); } finally { await c.end(); }
  };
  await admin(`CREATE DATABASE ${name}`);
  cleanups.push(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  if (o.backend === 'redis') cleanups.push(() => dropRedisPrefix(bed.redis.url, name));
  const dbUrl = bed.cluster.url(name);
  const pool = createPool(dbUrl, { max: 3 });
  pool.on('error', () => undefined);
  cleanups.push(() => pool.end());
  try {
    await migrate(dbUrl);
    // The trunk. SIPp exits when a peer resets its TCP connection (a gateway that closes after its
    // drain): a carrier does not, so it is started again on the same port, logging into a new file.
    const trunkPort = await freeTcpPort();
    const scenarioFile = join(dir, 'trunk.xml');
    writeFileSync(scenarioFile, trunkScenario({ wellPcap: bed.keysPcap, redFlagPcap: bed.keysPcap, redFlagUser: 'x-none', byeTimeoutMs: LINE_MS + 30_000, logStages: true }));
    const sippMedia = await freeUdpRange(20_000 + (process.pid % 50) * 200, 4);
    const trunks: Sipp[] = [];
    const startSipp = async (): Promise<Sipp> => {
      const tdir = join(dir, `trunk-${trunks.length}`);
      mkdirSync(tdir, { recursive: true });
      const t = startTrunk({ dir: tdir, scenarioFile, port: trunkPort, mediaPort: sippMedia });
      trunks.push(t);
      cleanups.push(() => t.stop());
      await sleep(500);
      if (t.proc.exitCode !== null) throw new Error(`SIPp exited at start: ${t.stderr()}`);
      return t;
    };
    let trunk = await startSipp();

    // The roles.
    const sipPort = await freeTcpPort();
    const rtpCount = Math.max(80, o.concurrency * 8);
    const rtpBase = await freeUdpRange(32_000 + (process.pid % 50) * 300, rtpCount);
    const sipFile = writeBenchSipYaml(dir, { sipPort, rtpBase, rtpCount, trunkId: 'crash-trunk', trunkPort, concurrency: o.concurrency });
    const gatewayPort = await freeTcpPort();
    const common: Record<string, string> = {
      DATABASE_URL: dbUrl, ...(o.backend === 'redis' ? { REDIS_URL: bed.redis.url } : {}), QUEUE_PREFIX: name,
      GATEWAY_AUTH_SECRET: `crash-matrix-${name}-secret-0123456789`, TINGZHEN_DATA_DIR: join(dir, 'data'), TINGZHEN_MODELS_DIR: bed.modelsDir,
      LOG_LEVEL: o.logLevel ?? 'warn', SIP_CONFIG: sipFile, DRAIN_TIMEOUT_MS: String(LINE_MS), HOSPITAL_NAME: HOSPITAL_NAME,
    };
    const roles = {} as Record<Role, RoleProcess>;
    for (const role of ['gateway', 'api', 'worker'] as const) {
      const port = role === 'gateway' ? gatewayPort : await freeTcpPort();
      roles[role] = roleProcess(role, {
        port, baseEnv: bed.baseEnv, logFile: join(dir, `${role}.log`),
        // The api and worker log their start and stop (info): an unexpected exit can be read back.
        env: { ...common, ...(role === 'gateway' ? {} : { LOG_LEVEL: o.logLevel ?? 'info' }), ...(role === 'worker' ? { GATEWAY_URL: `http://127.0.0.1:${gatewayPort}` } : {}) },
      });
      cleanups.push(() => roles[role].stop());
    }
    say(`${name}: starting gateway, api, worker (${o.backend} queue)`);
    await Promise.all((['gateway', 'api', 'worker'] as const).map((role) => roles[role].start()));

    // Patients and campaign.
    const patientIds: string[] = [];
    for (let n = 1; n <= o.patients; n++) {
      const p = await insertPatient(pool, { mrn: `CRASH-${n}`, name: `患者${n}`, phones: [phoneOf(numTag, n)], language: 'zh-CN', consentStatus: 'granted', timezone: 'Asia/Shanghai' }, 'crash-matrix');
      patientIds.push(p.id);
    }
    const open = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00'] as [string, string]]]));
    const retry = o.retryMinutes ?? 0.1;
    const campaign = await insertCampaign(pool, {
      name: `crash ${o.kill}`, scriptId: SCRIPT, scriptVersion: '1', timezone: 'Asia/Shanghai', startDate: '2000-01-01', windows: open, maxAttempts,
      retryDelaysMinutes: { no_answer: retry, busy: retry, failed: retry, voicemail: retry }, requireConsent: true,
      concurrency: o.concurrency, callsPerSecond: o.callsPerSecond ?? 2, trunk: 'crash-trunk', recordCalls: false,
    }, 'crash-matrix');
    await withTx(pool, (c) => addContacts(c, campaign.id, patientIds));
    const connection = createQueueConnection({ redisUrl: o.backend === 'redis' ? bed.redis.url : undefined, databaseUrl: dbUrl, prefix: name, pgPoolMax: 2 });
    const scheduler = startScheduler({ pool, connection, reconcileIntervalMs: 0, leaseSweepIntervalMs: 0 });
    const t0 = Date.now();
    await scheduler.scheduleCampaign(campaign.id);
    await scheduler.close();
    await connection.close();
    say(`${name}: ${o.patients} patients scheduled, concurrency ${o.concurrency}`);

    // Watch, kill, restart, watch until completed.
    const samples: Sample[] = [];
    let killAt: number | null = null;
    let restartedAt: number | null = null;
    let drain: CrashReport['drain'];
    let completed = false;
    let broke: string | null = null;
    let killing: Promise<void> | null = null;
    let lastSay = 0;
    const roleExits: string[] = [];
    const expectedDown = new Set<Role>();
    const sample = async (): Promise<Sample | null> => {
      // An orphan: dialing, and nobody holds it (its lease lapsed, or none taken CLAIM_TO_LEASE_MS after the claim).
      // Those claimed before the part came back are the ones the kill left; later ones are passing gaps.
      const r = await pool.query<{ dialing: number; leased: number; orphans: number; left: number; age: number | null; final: number; state: string }>(
        `WITH o AS (SELECT a.started_at, EXTRACT(EPOCH FROM now() - COALESCE(a.lease_until, a.started_at + make_interval(secs => $2::double precision / 1000))) * 1000 AS age
                      FROM call_attempts a WHERE a.campaign_id = $1 AND a.state = 'dialing'
                       AND (a.lease_until < now() OR (a.lease_until IS NULL AND a.started_at < now() - make_interval(secs => $2::double precision / 1000))))
         SELECT (SELECT count(*)::int FROM call_attempts WHERE campaign_id = $1 AND state = 'dialing') AS dialing,
                (SELECT count(*)::int FROM call_attempts WHERE campaign_id = $1 AND state = 'dialing' AND lease_until > now()) AS leased,
                (SELECT count(*)::int FROM o) AS orphans,
                (SELECT count(*)::int FROM o WHERE o.started_at <= $3::timestamptz) AS left,
                (SELECT max(age)::float8 FROM o) AS age,
                (SELECT count(*)::int FROM contacts WHERE campaign_id = $1 AND state NOT IN ('pending', 'active')) AS final,
                (SELECT state FROM campaigns WHERE id = $1) AS state`,
        [campaign.id, CLAIM_TO_LEASE_MS, restartedAt === null ? 'infinity' : new Date(t0 + restartedAt)]);
      const row = r.rows[0]!;
      if (row.state === 'completed') completed = true;
      return { tMs: Date.now() - t0, dialing: row.dialing, leased: row.leased, orphans: row.orphans, leftByKill: row.left, orphanAgeMs: Math.round(row.age ?? 0), final: row.final };
    };
    let callsUpAtKill = 0;
    const killTarget = async (up: number) => {
      callsUpAtKill = up;
      killAt = Date.now() - t0;
      say(`${name}: ${o.kill} at ${(killAt / 1000).toFixed(1)} s`);
      if (o.kill === 'sigterm-gateway') {
        const held = await pool.query<{ id: string }>("SELECT id::text FROM call_attempts WHERE campaign_id = $1 AND state = 'dialing' AND lease_until > now()", [campaign.id]);
        expectedDown.add('gateway');
        const t1 = Date.now();
        const exitCode = await roles.gateway.terminate();
        const drainMs = Date.now() - t1;
        const filed = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM call_attempts a JOIN call_results r ON r.attempt_id = a.id
            WHERE a.id = ANY($1::bigint[]) AND a.state = 'answered' AND r.hangup_reason IS DISTINCT FROM 'error'`, [held.rows.map((h) => h.id)]);
        drain = { inProgress: held.rows.length, filedComplete: filed.rows[0]?.n ?? 0, exitCode, drainMs };
        say(`${name}: gateway drained in ${(drainMs / 1000).toFixed(1)} s (exit ${exitCode}); ${drain.filedComplete} of ${drain.inProgress} calls in progress filed complete`);
        await sleep(restartAfterMs);
        await roles.gateway.start();
        expectedDown.delete('gateway');
      } else if (o.kill === 'redis') {
        await bed.redis.kill();
        await sleep(restartAfterMs);
        await bed.redis.start();
      } else if (o.kill === 'postgres') {
        await bed.cluster.crash();
        await sleep(restartAfterMs);
        await bed.cluster.start();
      } else if (o.kill !== 'none') {
        expectedDown.add(o.kill);
        await roles[o.kill].kill();
        await sleep(restartAfterMs);
        await roles[o.kill].start();
        expectedDown.delete(o.kill);
      }
      restartedAt = Date.now() - t0;
      say(`${name}: back at ${(restartedAt / 1000).toFixed(1)} s`);
    };
    while (Date.now() - t0 < deadlineMs) {
      await sleep(SAMPLE_MS);
      for (const role of ['gateway', 'api', 'worker'] as const) {
        const p = roles[role].proc();
        if (p && !expectedDown.has(role) && (p.exitCode !== null || p.signalCode !== null)) {
          roleExits.push(`${role} exited (${p.exitCode ?? p.signalCode}) at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          broke ??= `the ${role} role exited by itself: ${readText(roles[role].logFile).slice(-1500)}`;
        }
      }
      if (broke) break;
      if (trunk.proc.exitCode !== null || trunk.proc.signalCode !== null) {
        say(`${name}: SIPp exited (${trunk.proc.exitCode ?? trunk.proc.signalCode}); starting it again`);
        trunk = await startSipp();
      }
      const s = await sample().catch(() => null);
      if (s) samples.push(s);
      if (s && killAt === null && o.kill !== 'none') {
        const due = s.final >= (o.killAtFraction ?? 0) * o.patients;
        if (due && s.leased >= Math.min(o.concurrency, o.patients - s.final)) killing = killTarget(s.leased);
      }
      if (killing && restartedAt === null) continue;
      if (completed && (o.kill === 'none' || restartedAt !== null)) break;
      if (Date.now() - lastSay > 60_000) {
        lastSay = Date.now();
        if (s) say(`${name}: ${(s.tMs / 60_000).toFixed(1)} min: ${s.final} of ${o.patients} contacts final, ${s.dialing} calls in progress`);
      }
    }
    if (killing) await killing;
    const wallMs = Date.now() - t0;
    if (!completed && !broke) broke = `not completed within ${deadlineMs / 1000} s`;
    // Let the last calls' BYEs reach the trunk log.
    await sleep(1000);

    // Read back.
    const perPatientRows = await pool.query<{ patient_id: string; results: number; complete: number; interrupted: number; attempts: number; dials_made: number; state: string }>(
      `SELECT ct.patient_id::text, ct.state, ct.dials_made,
              (SELECT count(*)::int FROM call_results r WHERE r.contact_id = ct.id) AS results,
              (SELECT count(*)::int FROM call_results r WHERE r.contact_id = ct.id AND r.hangup_reason IS DISTINCT FROM 'error') AS complete,
              (SELECT count(*)::int FROM call_results r WHERE r.contact_id = ct.id AND r.hangup_reason = 'error') AS interrupted,
              (SELECT count(*)::int FROM call_attempts a WHERE a.contact_id = ct.id AND a.started_at IS NOT NULL) AS attempts
         FROM contacts ct WHERE ct.campaign_id = $1`, [campaign.id]);
    const byPatient = new Map(perPatientRows.rows.map((r) => [r.patient_id, r]));
    const answeredWithoutResult = (await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_attempts a WHERE a.campaign_id = $1 AND a.state = 'answered' AND NOT EXISTS (SELECT 1 FROM call_results r WHERE r.attempt_id = a.id)`, [campaign.id])).rows[0]!.n;
    const attemptStates = Object.fromEntries((await pool.query<{ k: string; n: number }>(
      `SELECT state || COALESCE('/' || reason, '') AS k, count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 GROUP BY 1 ORDER BY 2 DESC`, [campaign.id])).rows.map((r) => [r.k, r.n]));
    const contactStates = Object.fromEntries((await pool.query<{ k: string; n: number }>(
      `SELECT state || COALESCE('/' || state_reason, '') AS k, count(*)::int AS n FROM contacts WHERE campaign_id = $1 GROUP BY 1 ORDER BY 2 DESC`, [campaign.id])).rows.map((r) => [r.k, r.n]));
    const starts = (await pool.query<{ m: number; n: number }>(
      `SELECT floor(EXTRACT(EPOCH FROM started_at - $2::timestamptz) / 60)::int AS m, count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 AND started_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [campaign.id, new Date(t0)])).rows;
    const startsPerMinute: number[] = [];
    for (const s of starts) if (s.m >= 0) { while (startsPerMinute.length <= s.m) startsPerMinute.push(0); startsPerMinute[s.m] = s.n; }

    // The trunk's view, in the order things happened per number.
    await trunk.stop();
    const trunkLog = trunks.map((t) => readText(t.logFile)).join('\n');
    const stages = new Map<string, { invites: number; answers: number; byes: number; afterAnswer: number; afterBye: number }>();
    for (const m of trunkLog.matchAll(/^(INVITE|ANSWERED|BYE) (\S+) /gm)) {
      const st = stages.get(m[2]!) ?? { invites: 0, answers: 0, byes: 0, afterAnswer: 0, afterBye: 0 };
      if (m[1] === 'INVITE') {
        if (st.answers > 0) st.afterAnswer++;
        if (st.byes > 0) st.afterBye++;
        st.invites++;
      } else if (m[1] === 'ANSWERED') st.answers++;
      else st.byes++;
      stages.set(m[2]!, st);
    }
    const perPatient = patientIds.map((id, i) => {
      const r = byPatient.get(id);
      const st = stages.get(phoneOf(numTag, i + 1)) ?? { invites: 0, answers: 0, byes: 0, afterAnswer: 0, afterBye: 0 };
      return {
        results: r?.results ?? 0, complete: r?.complete ?? 0, interrupted: r?.interrupted ?? 0, attempts: r?.attempts ?? 0, dialsMade: r?.dials_made ?? 0,
        invites: st.invites, answers: st.answers, byes: st.byes, invitesAfterAnswer: st.afterAnswer, invitesAfterBye: st.afterBye, finalState: r?.state ?? 'missing',
      };
    });
    const invitesHistogram: Record<number, number> = {};
    for (const p of perPatient) invitesHistogram[p.invites] = (invitesHistogram[p.invites] ?? 0) + 1;

    // Slots and pace, from the samples after the kill.
    let slotsBackMs: number | null = null;
    let paceBackMs: number | null = null;
    let maxOrphanAgeMs = 0;
    if (killAt !== null) {
      const after = samples.filter((s) => s.tMs >= killAt!);
      const lastOrphan = [...after].reverse().find((s) => s.leftByKill > 0);
      slotsBackMs = lastOrphan ? lastOrphan.tMs + SAMPLE_MS - killAt : 0;
      maxOrphanAgeMs = Math.max(0, ...samples.map((s) => s.orphanAgeMs));
      const back = after.find((s) => restartedAt !== null && s.tMs >= restartedAt && s.dialing >= Math.min(o.concurrency, o.patients - s.final));
      paceBackMs = back ? back.tMs - killAt : completed ? wallMs - killAt : null;
    }
    const sippErrors = trunks.map((t) => readText(t.errorFile)).join('\n').split('\n').filter((l) => /error|unexpected|timeout|aborted/i.test(l)).length;
    return {
      kill: o.kill, backend: o.backend, patients: o.patients, concurrency: o.concurrency, maxAttempts, completed, broke, wallMs,
      killAtMs: killAt, restartedAtMs: restartedAt, callsUpAtKill, contactStates, perPatient, answeredWithoutResult, attemptStates, invitesHistogram,
      slotsBackMs, maxOrphanAgeMs, paceBackMs, startsPerMinute, ...(drain ? { drain } : {}), roleExits, sippErrors, trunkRestarts: trunks.length - 1, samples,
    };
  } finally {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => say(`${name}: cleanup step failed: ${(err as Error).message}`));
  }
}
