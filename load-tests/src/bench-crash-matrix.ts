/**
 * Crash-matrix benchmark: one campaign (appointment reminders answered with RFC 4733 keys) dialled
 * by the three roles as separate processes on a PostgreSQL cluster and a redis-server this script
 * starts itself, through a SIPp trunk; once the given share of contacts is done and calls are up,
 * one part is killed (kill -9; PostgreSQL: immediate stop) and started again after 5 s (see
 * crash-matrix-kit.ts). Prints results, results missing for answered calls, patients rung again
 * after an answer, attempts and dials per contact against the cap, INVITEs per number (SIPp),
 * every contact's final state, time until dial slots were back and until the calls in progress
 * were back at the campaign's concurrency, calls started per minute, wall time; then the broken
 * invariants, if any. Nothing is asserted: exit 0 with the figures, 1 when the run itself broke.
 *
 *   npx tsx load-tests/src/bench-crash-matrix.ts [--patients 300] [--concurrency 10] [--kill worker|gateway|api|redis|postgres|sigterm-gateway|none]
 *     [--backend redis|postgres] [--kill-at 0.3] [--restart-after-ms 5000] [--retry-minutes 1] [--deadline-minutes M] [--models DIR] [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crashSummary, crashViolations, runCrashCase, startCrashBed, type CrashBackend, type CrashKill, CRASH_KILLS } from './crash-matrix-kit.js';
import { ROOT } from './crash-services.js';

const { values } = parseArgs({ options: {
  patients: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '10' }, kill: { type: 'string', default: 'worker' },
  backend: { type: 'string', default: 'redis' }, 'kill-at': { type: 'string', default: '0.3' }, 'restart-after-ms': { type: 'string', default: '5000' },
  'retry-minutes': { type: 'string', default: '1' }, 'deadline-minutes': { type: 'string' }, models: { type: 'string' }, keep: { type: 'boolean', default: false },
  'log-level': { type: 'string', default: 'warn' },
} });
const kill = values.kill as CrashKill;
if (kill !== 'none' && !CRASH_KILLS.includes(kill)) {
  console.error(`--kill must be one of ${CRASH_KILLS.join(', ')}, none`);
  process.exit(2);
}
const backend: CrashBackend = values.backend === 'postgres' ? 'postgres' : 'redis';
const N = Number(values.patients);
const concurrency = Number(values.concurrency);
// eslint-disable-next-line no-restricted-properties -- a benchmark script, like a test, finds the models itself and hands its PATH and HOME to the roles
const env = process.env;
const modelsDir = values.models ?? env.TINGZHEN_MODELS_DIR ?? join(ROOT, '..', 'shared', 'models');
/** Calls take ~30 s; four times that per wave of `concurrency` calls, plus start-up. */
const deadlineMs = Number(values['deadline-minutes'] ?? Math.max(10, Math.ceil(N / concurrency) * 1 + 10)) * 60_000;
const say = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

const dir = mkdtempSync(join(tmpdir(), 'tz-crash-bench-'));
let code = 1;
const bed = await startCrashBed({ dir, modelsDir, baseEnv: env });
const stop = () => { void bed.close().then(() => { if (!values.keep) rmSync(dir, { recursive: true, force: true }); process.exit(130); }); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  say(`crash matrix bench: ${N} patients, concurrency ${concurrency}, kill ${kill} at ${values['kill-at']} of the contacts done, ${backend} queue; PostgreSQL :${bed.cluster.port}, Redis :${bed.redis.port}`);
  const r = await runCrashCase(bed, {
    kill, backend, patients: N, concurrency, killAtFraction: Number(values['kill-at']), restartAfterMs: Number(values['restart-after-ms']),
    retryMinutes: Number(values['retry-minutes']), deadlineMs, logLevel: values['log-level'], say,
  });
  const sum = (f: (p: (typeof r.perPatient)[number]) => number) => r.perPatient.reduce((n, p) => n + f(p), 0);
  console.log(`\n=== crash matrix: kill ${kill}, ${backend} queue, ${N} patients, concurrency ${concurrency}: ${r.completed ? 'completed' : 'NOT completed'} ===`);
  console.log(`wall time (schedule -> completed): ${(r.wallMs / 60_000).toFixed(1)} min; kill at ${((r.killAtMs ?? 0) / 1000).toFixed(1)} s, back at ${((r.restartedAtMs ?? 0) / 1000).toFixed(1)} s`);
  console.log(`results: ${sum((p) => p.results)} rows (complete ${sum((p) => p.complete)}, interrupted ${sum((p) => p.interrupted)}); patients with exactly one complete result: ${r.perPatient.filter((p) => p.complete === 1).length} of ${N}`);
  console.log(`answered attempts without a result: ${r.answeredWithoutResult}; calls answered at the trunk without a result: ${sum((p) => Math.max(0, p.answers - p.results))}`);
  console.log(`patients rung again after an answer: ${r.perPatient.filter((p) => p.invitesAfterAnswer > 0).length}; after a call the platform ended (its BYE): ${r.perPatient.filter((p) => p.invitesAfterBye > 0).length}`);
  console.log(`attempts started per contact: max ${Math.max(0, ...r.perPatient.map((p) => p.attempts))}; dials counted per contact: max ${Math.max(0, ...r.perPatient.map((p) => p.dialsMade))} (cap ${r.maxAttempts})`);
  console.log(`INVITEs per number (SIPp): ${Object.entries(r.invitesHistogram).map(([k, n]) => `${n} numbers x${k}`).join(', ')}; total ${sum((p) => p.invites)}`);
  console.log(`contacts: ${JSON.stringify(r.contactStates)}`);
  console.log(`attempts: ${JSON.stringify(r.attemptStates)}`);
  console.log(`dial slots back ${r.slotsBackMs === null ? '-' : (r.slotsBackMs / 1000).toFixed(1)} s after the kill; longest an attempt stayed dialing with nobody holding it: ${(r.maxOrphanAgeMs / 1000).toFixed(1)} s`);
  console.log(`pace (calls in progress at the campaign's concurrency) back ${r.paceBackMs === null ? 'never' : `${(r.paceBackMs / 1000).toFixed(1)} s`} after the kill; calls started per minute: ${r.startsPerMinute.join(' ')}`);
  if (r.drain) console.log(`SIGTERM drain: ${r.drain.filedComplete} of ${r.drain.inProgress} calls in progress filed complete; gateway exit ${r.drain.exitCode} after ${(r.drain.drainMs / 1000).toFixed(1)} s`);
  console.log(`SIPp error-log lines: ${r.sippErrors}`);
  const v = crashViolations(r);
  console.log(v.length === 0 ? 'invariants: all hold' : `invariants broken (${v.length}):\n  ${v.slice(0, 40).join('\n  ')}`);
  console.log(`summary: ${crashSummary(r)}`);
  code = r.broke && !r.completed ? 1 : 0;
} catch (err) {
  console.error('the run broke:', err);
} finally {
  await bed.close();
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
