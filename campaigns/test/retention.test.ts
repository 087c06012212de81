/**
 * Recording retention against the real PostgreSQL: old recordings of follow-up calls and hotline
 * calls are deleted, marked and audited; fresh ones stay; orphan files go by mtime; a reference
 * that is not a bare file name is refused; a missing file counts as deleted.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile, utimes, readdir, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@tingzhen/voice-core';
import { sweepRecordings, startRecordingRetention, isBareRecordingRef } from '../src/index.js';
import { makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const DAY_MS = 24 * 3600 * 1000;
const NOW = new Date('2030-06-01T12:00:00Z');
const RETENTION_DAYS = 90;
const daysAgo = (d: number): Date => new Date(NOW.getTime() - d * DAY_MS);
const now = (): Date => NOW;

let env: TestEnv;
let dir: string;
let outside: string;
let patientIds: string[];
let campaignId: string;
let contactIds: string[];
let seq = 0;

/** A log that keeps its lines, to check they carry counts only. */
function captureLog(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString()); cb(); } });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

async function recording(name: string, mtime?: Date): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, Buffer.from('RIFF....WAVEfmt '));
  if (mtime) await utimes(path, mtime, mtime);
  return path;
}

/** A call_results row (with its attempt) for patient `i`, filed `createdAt`. */
async function callResult(i: number, ref: string | null, createdAt: Date): Promise<string> {
  seq++;
  const a = await env.pool.query<{ id: string }>(
    `INSERT INTO call_attempts (contact_id, campaign_id, patient_id, seq, scheduled_for, state) VALUES ($1, $2, $3, $4, $5, 'answered') RETURNING id::text`,
    [contactIds[i], campaignId, patientIds[i], seq, createdAt]);
  const r = await env.pool.query<{ id: string }>(
    `INSERT INTO call_results (attempt_id, contact_id, campaign_id, patient_id, script_id, script_version, recording_ref, created_at)
     VALUES ($1, $2, $3, $4, 'post-discharge', '1', $5, $6) RETURNING id::text`,
    [a.rows[0]!.id, contactIds[i], campaignId, patientIds[i], ref, createdAt]);
  return r.rows[0]!.id;
}

async function inboundCall(callId: string, ref: string | null, createdAt: Date): Promise<string> {
  const r = await env.pool.query<{ id: string }>(
    `INSERT INTO inbound_calls (call_id, end_reason, recording_ref, created_at) VALUES ($1, 'completed', $2, $3) RETURNING id::text`,
    [callId, ref, createdAt]);
  return r.rows[0]!.id;
}

async function deletedAt(table: 'call_results' | 'inbound_calls', id: string): Promise<{ ref: string | null; deleted: Date | null }> {
  const r = await env.pool.query(`SELECT recording_ref AS ref, recording_deleted_at AS deleted FROM ${table} WHERE id = $1`, [id]);
  return r.rows[0];
}

async function audits(): Promise<{ actor: string; action: string; entity: string; entity_id: string | null; patient_id: string | null; details: Record<string, unknown> }[]> {
  return (await env.pool.query(`SELECT actor, action, entity, entity_id, patient_id::text, details FROM audit_log WHERE actor = 'system:retention' ORDER BY id`)).rows;
}

beforeAll(async () => {
  env = await makeEnv('postgres', 'retention');
  ({ campaignId, patientIds } = await seed(env, 3));
  contactIds = (await env.pool.query<{ id: string }>('SELECT id::text FROM contacts WHERE campaign_id = $1 ORDER BY patient_id', [campaignId])).rows.map((r) => r.id);
  dir = await mkdtemp(join(tmpdir(), 'tz-retention-'));
  outside = await mkdtemp(join(tmpdir(), 'tz-retention-outside-'));
});
afterAll(async () => {
  await env?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (outside) await rm(outside, { recursive: true, force: true });
});

describe('recording retention', () => {
  it('knows a bare file name from a path', () => {
    for (const ok of ['CA123.wav', 'call-1_2.wav', 'a.b.c']) expect(isBareRecordingRef(ok)).toBe(true);
    for (const bad of ['', '.', '..', '../x.wav', 'a/b.wav', '/etc/passwd', 'a\\b.wav', 'x.wav\0', '..\\x', ' x.wav']) expect(isBareRecordingRef(bad)).toBe(false);
  });

  it('deletes old recordings of both tables, keeps fresh ones, marks and audits each deletion', async () => {
    // Follow-up calls: one old, one just inside the retention, one old whose file is already gone,
    // one old without a recording.
    const oldFile = await recording('CA-old.wav', daysAgo(100));
    const freshFile = await recording('CA-fresh.wav', daysAgo(89));
    const oldResult = await callResult(0, 'CA-old.wav', daysAgo(100));
    const freshResult = await callResult(1, 'CA-fresh.wav', daysAgo(89));
    const missingResult = await callResult(2, 'CA-missing.wav', daysAgo(120));
    const noRecording = await callResult(0, null, daysAgo(200));
    // Hotline calls: one old, one fresh.
    const oldInFile = await recording('IN-old.wav', daysAgo(95));
    const freshInFile = await recording('IN-fresh.wav', daysAgo(1));
    const oldIn = await inboundCall('IN-old', 'IN-old.wav', daysAgo(95));
    const freshIn = await inboundCall('IN-fresh', 'IN-fresh.wav', daysAgo(1));
    // A traversal reference, pointing at a real old file outside the directory.
    const victim = join(outside, 'victim.wav');
    await writeFile(victim, 'keep me');
    const traversal = await inboundCall('IN-traversal', `../${outside.split('/').pop()}/victim.wav`, daysAgo(300));
    const absolute = await callResult(1, victim, daysAgo(300));
    // Orphans: an old one (no row) and a fresh one; an old file of a fresh row is not an orphan.
    const oldOrphan = await recording('orphan-old.wav', daysAgo(400));
    const freshOrphan = await recording('orphan-fresh.wav', daysAgo(10));
    const keptByRow = await recording('CA-kept.wav', daysAgo(500));
    const keptRow = await callResult(2, 'CA-kept.wav', daysAgo(5));
    // A directory in the recordings directory is never touched.
    await mkdir(join(dir, 'old-subdir'));
    await utimes(join(dir, 'old-subdir'), daysAgo(400), daysAgo(400));

    const { log, lines } = captureLog();
    const report = await sweepRecordings({ pool: env.pool, dir, retentionDays: RETENTION_DAYS, now, log });
    expect(report).toEqual({ deleted: 3, missing: 1, refused: 2, failed: 0, orphans: 1 });

    for (const gone of [oldFile, oldInFile, oldOrphan]) expect(existsSync(gone)).toBe(false);
    for (const kept of [freshFile, freshInFile, freshOrphan, keptByRow, victim]) expect(existsSync(kept)).toBe(true);
    expect(existsSync(join(dir, 'old-subdir'))).toBe(true);

    for (const [table, id, ref] of [['call_results', oldResult, 'CA-old.wav'], ['call_results', missingResult, 'CA-missing.wav'], ['inbound_calls', oldIn, 'IN-old.wav']] as const) {
      const row = await deletedAt(table, id);
      expect(row.ref).toBe(ref); // kept: the console says the recording was deleted after N days
      expect(row.deleted?.toISOString()).toBe(NOW.toISOString());
    }
    for (const [table, id] of [['call_results', freshResult], ['call_results', noRecording], ['inbound_calls', freshIn], ['inbound_calls', traversal], ['call_results', absolute], ['call_results', keptRow]] as const) {
      expect((await deletedAt(table, id)).deleted).toBeNull();
    }

    const a = await audits();
    expect(a).toHaveLength(4);
    expect(a.filter((r) => r.details.table === 'call_results')).toEqual(expect.arrayContaining([
      { actor: 'system:retention', action: 'delete', entity: 'recording', entity_id: oldResult, patient_id: patientIds[0], details: { table: 'call_results', ageDays: 100 } },
      { actor: 'system:retention', action: 'delete', entity: 'recording', entity_id: missingResult, patient_id: patientIds[2], details: { table: 'call_results', ageDays: 120 } },
    ]));
    expect(a.find((r) => r.details.table === 'inbound_calls')).toEqual(
      { actor: 'system:retention', action: 'delete', entity: 'recording', entity_id: oldIn, patient_id: null, details: { table: 'inbound_calls', ageDays: 95 } });
    expect(a.find((r) => r.details.orphan === true)).toMatchObject({ entity_id: null, patient_id: null, details: { table: null, file: 'orphan-old.wav', ageDays: 400 } });

    // Counts only in the log: no file name, call id or path.
    const out = lines.join('');
    expect(out).toContain('"deleted":3');
    for (const secret of ['CA-', 'IN-', 'orphan-', '.wav', dir, outside]) expect(out).not.toContain(secret);

    // A second sweep finds nothing more to do and audits nothing twice.
    const again = await sweepRecordings({ pool: env.pool, dir, retentionDays: RETENTION_DAYS, now });
    expect(again).toEqual({ deleted: 0, missing: 0, refused: 2, failed: 0, orphans: 0 });
    expect(await audits()).toHaveLength(4);
    expect((await readdir(dir)).sort()).toEqual(['CA-fresh.wav', 'CA-kept.wav', 'IN-fresh.wav', 'old-subdir', 'orphan-fresh.wav']);
  });

  it('runs at start and on its timer, and stops on close', async () => {
    const file = await recording('CA-timer.wav', daysAgo(91));
    const id = await callResult(1, 'CA-timer.wav', daysAgo(91));
    const retention = startRecordingRetention({ pool: env.pool, dir, retentionDays: RETENTION_DAYS, now, intervalMs: 50 });
    await waitFor(async () => (await deletedAt('call_results', id)).deleted !== null, 5_000, 20);
    expect(existsSync(file)).toBe(false);
    // A later recording is picked up by a later tick.
    const later = await recording('CA-timer-2.wav', daysAgo(91));
    const laterId = await callResult(2, 'CA-timer-2.wav', daysAgo(91));
    await waitFor(async () => (await deletedAt('call_results', laterId)).deleted !== null, 5_000, 20);
    expect(existsSync(later)).toBe(false);
    await retention.close();
    // Closed: nothing is swept any more.
    const after = await recording('CA-after-close.wav', daysAgo(91));
    await callResult(0, 'CA-after-close.wav', daysAgo(91));
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(after)).toBe(true);
  });

  it('a missing recordings directory is not an error', async () => {
    const report = await sweepRecordings({ pool: env.pool, dir: join(dir, 'does-not-exist'), retentionDays: 100_000, now });
    expect(report).toEqual({ deleted: 0, missing: 0, refused: 0, failed: 0, orphans: 0 });
  });

  it('refuses a retention that is not a positive number of days', async () => {
    await expect(sweepRecordings({ pool: env.pool, dir, retentionDays: 0, now })).rejects.toMatchObject({ code: 'TZ_ERR_VALIDATION' });
    expect(() => startRecordingRetention({ pool: env.pool, dir, retentionDays: Number.NaN })).toThrow();
  });
});
