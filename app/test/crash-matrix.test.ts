/**
 * The crash matrix (issue "Crash-safe calls"): a small campaign dialled by the three roles as
 * separate processes (`tingzhen start --roles api|gateway|worker`) on a PostgreSQL cluster and a
 * redis-server the suite starts itself, through a SIPp trunk, while one part is killed with calls
 * up and started again 5 s later: kill -9 of the worker, the gateway, the api role, Redis, and a
 * crash-restart of PostgreSQL, on both bullmq backends where the queue is involved (Redis only on
 * the Redis backend); and SIGTERM to a gateway with calls in progress. Each case asserts the
 * invariants: every answered call has a result; nobody is rung again after an answer (after a
 * call the platform ended, even when the gateway carrying it died); dials and INVITEs within the
 * campaign's maximum; every contact final; no dial slot held by a call nobody carries beyond the
 * lease time; calls back at the campaign's concurrency within a minute; the calls in progress on
 * a gateway that gets SIGTERM finish and are filed. The harness is load-tests' crash-matrix kit
 * (the 300-patient benchmark runs the same cases: `npm run bench:crash-matrix -w load-tests`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashSummary, crashViolations, runCrashCase, startCrashBed, type CrashBackend, type CrashBed, type CrashKill } from '@tingzhen/load-tests/crash-matrix';
import { MODELS_DIR } from './test-platform.js';

const CASES: [CrashKill, CrashBackend][] = [
  ['worker', 'redis'], ['worker', 'postgres'],
  ['gateway', 'redis'], ['gateway', 'postgres'],
  ['api', 'redis'], ['api', 'postgres'],
  ['redis', 'redis'],
  ['postgres', 'redis'], ['postgres', 'postgres'],
  ['sigterm-gateway', 'redis'],
];

/**
 * Per case: 6 patients, 4 calls at once (two waves of ~30 s calls: the keys come once the consent
 * question has been said, after a 15 s greeting), retries after 6 s. A killed gateway's calls are
 * rung again, a third wave: those cases took about 145 s, so the deadline leaves room over that.
 */
const PATIENTS = 6;
const CONCURRENCY = 4;
const CASE_DEADLINE_MS = 210_000;

describe('crash matrix: roles as processes, one part killed mid-campaign', () => {
  let dir: string;
  let bed: CrashBed;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tz-crash-matrix-'));
    bed = await startCrashBed({ dir, modelsDir: MODELS_DIR, baseEnv: process.env });
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.each(CASES)('%s killed, %s queue: every answered call filed once, nobody rung again, slots and pace back', async (kill, backend) => {
    const r = await runCrashCase(bed, { kill, backend, patients: PATIENTS, concurrency: CONCURRENCY, retryMinutes: 0.1, deadlineMs: CASE_DEADLINE_MS });
    console.log(crashSummary(r));
    expect(crashViolations(r)).toEqual([]);
    // The kill came with calls up, and the campaign went on after it.
    expect(r.killAtMs).not.toBeNull();
    expect(r.perPatient.every((p) => p.finalState === 'completed')).toBe(true);
  }, CASE_DEADLINE_MS + 60_000);
});
