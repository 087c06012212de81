/**
 * Checkpoints of calls in progress (table call_checkpoints): the gateway saves the call so far as
 * each answer comes, keeps the checkpoints of its live calls fresh, and removes one when the call
 * is filed. What a crash leaves behind is filed by `recoverCheckpoint` (a campaign call closed as
 * lost) and `recoverStaleHotlineCalls` (a hotline call whose gateway stopped touching it): the
 * answers already given are kept, the call is marked interrupted, and a nurse sees it.
 */
import type pg from 'pg';
import { createLogger, dialogAnswerFromFiled, type CallReport, type DialogAnswer, type FiledAnswer, type InterruptedAttempt, type Logger } from '@tingzhen/voice-core';
import { fileInboundCall } from '../inbound.js';

/** A live call's checkpoint is touched this often, ms. */
export const CHECKPOINT_TOUCH_MS = 5_000;
/** A hotline checkpoint untouched this long belongs to a dead gateway, ms. */
export const CHECKPOINT_STALE_MS = 30_000;

/** A campaign call is keyed by its attempt, a hotline call by its call id. */
export function checkpointKey(call: { callId?: string; attemptId?: string }): string {
  return call.attemptId && /^[1-9][0-9]{0,18}$/.test(call.attemptId) ? `attempt:${call.attemptId}` : `call:${call.callId ?? ''}`;
}

export interface CheckpointStore {
  /** Save the call so far (latest wins; writes of one call never overlap). */
  save(report: CallReport): void;
  /** The call was filed: its checkpoint goes (a campaign call by its attempt id, a hotline call by its call id). */
  remove(call: { callId?: string; attemptId?: string }): Promise<void>;
  close(): void;
}

export function startCheckpointStore(pool: pg.Pool, holder: string, opts: { touchMs?: number; logger?: Logger } = {}): CheckpointStore {
  const log = opts.logger ?? createLogger({ name: 'campaigns.checkpoints' });
  const live = new Map<string, { writing: Promise<void>; next: CallReport | null }>();
  const write = async (key: string, report: CallReport) => {
    const attemptId = key.startsWith('attempt:') ? key.slice(8) : null;
    await pool.query(
      `INSERT INTO call_checkpoints (call_key, attempt_id, report, holder, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (call_key) DO UPDATE SET report = EXCLUDED.report, holder = EXCLUDED.holder, updated_at = now()`,
      [key, attemptId, JSON.stringify(report), holder]);
  };
  const pump = (key: string) => {
    const slot = live.get(key);
    if (!slot?.next) return;
    const report = slot.next;
    slot.next = null;
    slot.writing = write(key, report).catch((err: unknown) => {
      // A foreign-key miss (an attempt id that is not ours) or a database hiccup: the call goes on.
      log.warn({ callId: report.callId, err: { message: (err as Error).message } }, 'checkpoint not saved');
    }).then(() => pump(key));
  };
  const timer = setInterval(() => {
    const keys = [...live.keys()];
    if (keys.length > 0) pool.query('UPDATE call_checkpoints SET updated_at = now() WHERE call_key = ANY($1)', [keys]).catch(() => undefined);
  }, opts.touchMs ?? CHECKPOINT_TOUCH_MS);
  timer.unref();
  return {
    save(report) {
      const key = checkpointKey(report);
      let slot = live.get(key);
      if (!slot) { slot = { writing: Promise.resolve(), next: null }; live.set(key, slot); }
      const idle = slot.next === null;
      slot.next = report;
      if (idle) void slot.writing.then(() => pump(key));
    },
    async remove(report) {
      const key = checkpointKey(report);
      const slot = live.get(key);
      live.delete(key);
      if (slot) { slot.next = null; await slot.writing; }
      await pool.query('DELETE FROM call_checkpoints WHERE call_key = $1', [key]);
    },
    close() {
      clearInterval(timer);
      live.clear();
    },
  };
}

/** The checkpoint of a campaign attempt, if its gateway saved one (inside the caller's transaction). */
export async function takeAttemptCheckpoint(db: pg.ClientBase, attemptId: string): Promise<CallReport | null> {
  const r = await db.query<{ report: CallReport }>('DELETE FROM call_checkpoints WHERE call_key = $1 RETURNING report', [`attempt:${attemptId}`]);
  return r.rows[0]?.report ?? null;
}

/** Hotline calls whose gateway stopped touching their checkpoint: filed as interrupted (a worklist item), checkpoint removed. */
export async function recoverStaleHotlineCalls(pool: pg.Pool, staleMs = CHECKPOINT_STALE_MS): Promise<number> {
  const stale = await pool.query<{ call_key: string; report: CallReport }>(
    `SELECT call_key, report FROM call_checkpoints WHERE attempt_id IS NULL AND call_key LIKE 'call:%' AND updated_at < now() - make_interval(secs => $1::double precision / 1000) LIMIT 200`, [staleMs]);
  for (const row of stale.rows) {
    await fileInboundCall(pool, interrupted(row.report));
    await pool.query('DELETE FROM call_checkpoints WHERE call_key = $1', [row.call_key]);
  }
  return stale.rowCount ?? 0;
}

/** The fault a call filed from its checkpoint carries (its gateway was lost mid-call). */
export const CALL_INTERRUPTED = 'TZ_ERR_CALL_INTERRUPTED';

/** A checkpoint as the report of a call its gateway lost: ended by a platform fault. */
export function interrupted(report: CallReport): CallReport {
  return { ...report, endReason: 'error', fault: report.fault ?? { code: CALL_INTERRUPTED, stage: 'gateway' } };
}

/**
 * What the retry of an interrupted call carries: when the contact's last filed call before this
 * attempt was interrupted, its attempt and the answers it kept (already merged with any it had
 * carried itself, each with its own attempt), for the dial request; else null.
 */
export async function interruptedAttemptBefore(db: pg.Pool | pg.ClientBase, attempt: { id: string; contact_id: string }): Promise<InterruptedAttempt | null> {
  const r = await db.query<{ attempt_id: string; interrupted: boolean; answers: Record<string, FiledAnswer> }>(
    'SELECT attempt_id::text, interrupted, answers FROM call_results WHERE contact_id = $1 AND attempt_id < $2 ORDER BY attempt_id DESC LIMIT 1',
    [attempt.contact_id, attempt.id]);
  const last = r.rows[0];
  if (!last?.interrupted) return null;
  const answers: Record<string, DialogAnswer> = {};
  for (const [stepId, filed] of Object.entries(last.answers)) {
    const a = dialogAnswerFromFiled(filed);
    if (a) answers[stepId] = a;
  }
  return { attemptId: last.attempt_id, answers };
}
