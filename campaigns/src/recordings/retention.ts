/**
 * Recording retention: call recordings are kept `retentionDays` days, then deleted by a sweep.
 *
 * A recording is `<dir>/<recording_ref>` for a call_results or inbound_calls row. A sweep deletes
 * the file of every row older than the retention whose recording is not yet marked deleted, then
 * marks the row (`recording_deleted_at`; `recording_ref` stays, so the console can say the
 * recording was deleted after N days) and writes one audit_log row, in one transaction per row.
 * The file goes first: a crash in between leaves a marked-less row whose file is already gone,
 * which the next sweep finds missing, counts as deleted and marks. Files in the directory that no
 * live row references (orphans: a call filed without its result, a restored backup) are deleted
 * once their mtime is older than the retention.
 *
 * Logs carry counts only: file names are call ids, and a path in an error message would be one.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve, dirname, basename } from 'node:path';
import type pg from 'pg';
import { TzError, type Logger } from '@tingzhen/voice-core';
import { withTx } from '../db/pool.js';
import { audit } from '../db/transitions.js';

const DAY_MS = 24 * 3600 * 1000;
/** Default time between sweeps, ms: deletion within the hour after the retention ends. */
export const RECORDING_SWEEP_INTERVAL_MS = 3600 * 1000;
/** Rows / file names handled per query (keeps one sweep's memory flat on a large backlog). */
const BATCH = 500;
/** A recording reference is a bare file name inside the recordings directory (as the console reads it). */
const BARE_NAME = /^[\w.-]+$/;
const ACTOR = 'system:retention';

/** The tables that hold a recording reference, and where each row's patient is (when known). */
const TABLES = [
  { table: 'call_results', patient: 'patient_id::text' },
  { table: 'inbound_calls', patient: 'NULL::text' },
] as const;
export type RecordingTable = (typeof TABLES)[number]['table'];

export interface SweepRecordingsOptions {
  pool: pg.Pool;
  /** The recordings directory. */
  dir: string;
  /** Days a recording is kept (config `recordingRetentionDays`). */
  retentionDays: number;
  /** The clock (tests move it); defaults to the wall clock. */
  now?: () => Date;
  log?: Logger;
}

export interface SweepReport {
  /** Rows whose recording was deleted (or found already gone) and marked. */
  deleted: number;
  /** Of `deleted`, rows whose file was not there any more. */
  missing: number;
  /** Rows whose reference is not a bare file name: nothing deleted, row left for a human. */
  refused: number;
  /** Rows (and orphan files) left as they were because the file could not be deleted (permissions, a directory...). */
  failed: number;
  /** Files no live row references, older than the retention, deleted. */
  orphans: number;
}

/** True when `ref` names a file directly inside the recordings directory (no path, no `..`). */
export function isBareRecordingRef(ref: string): boolean {
  return BARE_NAME.test(ref) && ref !== '.' && ref !== '..' && basename(ref) === ref;
}

/** Deletes a file; a file already gone counts as deleted. Returns whether it was missing. */
async function removeFile(path: string): Promise<{ missing: boolean }> {
  try {
    await unlink(path);
    return { missing: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    throw err;
  }
}

/** One sweep over both tables and the directory. Throws only when the database fails; file errors are counted. */
export async function sweepRecordings(opts: SweepRecordingsOptions): Promise<SweepReport> {
  if (!Number.isFinite(opts.retentionDays) || opts.retentionDays <= 0) throw new TzError('TZ_ERR_VALIDATION', { field: 'retentionDays' });
  const now = (opts.now ?? (() => new Date()))();
  const cutoff = new Date(now.getTime() - opts.retentionDays * DAY_MS);
  const dir = resolve(opts.dir);
  const report: SweepReport = { deleted: 0, missing: 0, refused: 0, failed: 0, orphans: 0 };
  const failCodes = new Set<string>();

  for (const { table, patient } of TABLES) {
    // Keyset over ids: refused and failed rows stay unmarked and must not be read again this sweep.
    let afterId = '0';
    for (;;) {
      const { rows } = await opts.pool.query<{ id: string; ref: string; patient_id: string | null; created_at: Date }>(
        `SELECT id::text, recording_ref AS ref, ${patient} AS patient_id, created_at FROM ${table}
         WHERE created_at < $1 AND recording_ref IS NOT NULL AND recording_deleted_at IS NULL AND id > $2::bigint
         ORDER BY id LIMIT ${BATCH}`,
        [cutoff, afterId]);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id;
      for (const row of rows) {
        if (!isBareRecordingRef(row.ref)) { report.refused++; continue; }
        const path = join(dir, row.ref);
        if (dirname(path) !== dir) { report.refused++; continue; }
        let missing: boolean;
        try {
          ({ missing } = await removeFile(path));
        } catch (err) {
          report.failed++;
          failCodes.add(errCode(err));
          continue;
        }
        const ageDays = Math.floor((now.getTime() - row.created_at.getTime()) / DAY_MS);
        const marked = await withTx(opts.pool, async (c) => {
          // Only the sweep that marks the row audits it (two api processes may sweep at once).
          const m = await c.query(`UPDATE ${table} SET recording_deleted_at = $2 WHERE id = $1 AND recording_deleted_at IS NULL`, [row.id, now]);
          if (m.rowCount !== 1) return false;
          await audit(c, { actor: ACTOR, action: 'delete', entity: 'recording', entityId: row.id, patientId: row.patient_id, details: { table, ageDays } });
          return true;
        });
        if (marked) { report.deleted++; if (missing) report.missing++; }
      }
    }
  }

  await sweepOrphans(opts.pool, dir, cutoff, now, report, failCodes);
  const counts = { ...report, failCodes: [...failCodes] };
  if (report.deleted + report.orphans + report.refused + report.failed > 0) opts.log?.info(counts, 'recording retention sweep');
  else opts.log?.debug(counts, 'recording retention sweep: nothing to delete');
  if (report.refused > 0) opts.log?.warn({ refused: report.refused }, 'recording references that are not bare file names were left alone');
  return report;
}

function errCode(err: unknown): string {
  return String((err as NodeJS.ErrnoException).code ?? 'unknown');
}

/** Deletes files in `dir` older than `cutoff` (mtime) that no row with a live recording references. */
async function sweepOrphans(pool: pg.Pool, dir: string, cutoff: Date, now: Date, report: SweepReport, failCodes: Set<string>): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return; // no recording made yet
    report.failed++;
    failCodes.add(errCode(err));
    return;
  }
  const old: { name: string; mtimeMs: number }[] = [];
  for (const name of names) {
    try {
      const s = await stat(join(dir, name));
      if (s.mtimeMs < cutoff.getTime()) old.push({ name, mtimeMs: s.mtimeMs });
    } catch { /* gone meanwhile */ }
  }
  for (let i = 0; i < old.length; i += BATCH) {
    const batch = old.slice(i, i + BATCH);
    // A row whose recording is marked deleted no longer keeps a file of that name.
    const { rows } = await pool.query<{ ref: string }>(
      `SELECT recording_ref AS ref FROM call_results WHERE recording_ref = ANY($1::text[]) AND recording_deleted_at IS NULL
       UNION SELECT recording_ref FROM inbound_calls WHERE recording_ref = ANY($1::text[]) AND recording_deleted_at IS NULL`,
      [batch.map((f) => f.name)]);
    const referenced = new Set(rows.map((r) => r.ref));
    for (const f of batch) {
      if (referenced.has(f.name)) continue;
      try {
        if ((await removeFile(join(dir, f.name))).missing) continue;
      } catch (err) {
        report.failed++;
        failCodes.add(errCode(err));
        continue;
      }
      report.orphans++;
      await audit(pool, { actor: ACTOR, action: 'delete', entity: 'recording', entityId: null, details: { table: null, orphan: true, file: f.name, ageDays: Math.floor((now.getTime() - f.mtimeMs) / DAY_MS) } });
    }
  }
}

export interface RecordingRetention {
  /** Stops the timer and waits for a sweep in progress. */
  close(): Promise<void>;
}

/** Sweeps at start, then every `intervalMs` (default 1 h), never two at once; the timer does not hold the process. */
export function startRecordingRetention(opts: SweepRecordingsOptions & { intervalMs?: number }): RecordingRetention {
  if (!Number.isFinite(opts.retentionDays) || opts.retentionDays <= 0) throw new TzError('TZ_ERR_VALIDATION', { field: 'retentionDays' });
  const intervalMs = opts.intervalMs ?? RECORDING_SWEEP_INTERVAL_MS;
  let running: Promise<void> | null = null;
  let closed = false;
  const tick = (): void => {
    if (running || closed) return;
    running = sweepRecordings(opts)
      .then(() => undefined)
      // The error's code only: a message could carry a path (a call id).
      .catch((err: unknown) => opts.log?.error({ code: (err as { code?: unknown }).code ?? 'unknown' }, 'recording retention sweep failed'))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
