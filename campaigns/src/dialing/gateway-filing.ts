/**
 * The gateway files what it owns: the process that carries a campaign call holds a short lease on
 * its attempt while the call lasts, and files the call's outcome itself when it ends (the same
 * filing the worker does, keyed by the attempt id, idempotent). A worker that dies mid-call loses
 * nothing: the re-run of its job sees the live lease and leaves the call alone, and the gateway's
 * filing lands whether or not the worker is there to read the reply. A gateway that dies stops
 * renewing; the scheduler's lease sweep closes the attempt as lost within seconds.
 */
import type pg from 'pg';
import { createLogger, type CallOutcome, type Logger } from '@tingzhen/voice-core';
import { withTx } from '../db/pool.js';
import type { QueueConnection } from '../queue/connection.js';
import { enqueueAttempts } from './enqueue.js';
import { fileLateOutcome, recordOutcome } from './record.js';
import { CAMPAIGN_COLUMNS, PATIENT_COLUMNS, type AttemptRow, type CampaignRow, type PatientRow } from './rows.js';

/** A lease lasts this long without renewal, ms: how soon a dead gateway's calls are noticed. */
export const CALL_LEASE_MS = 15_000;
/** The holder renews its leases this often, ms (three chances per lease). */
export const CALL_LEASE_RENEW_MS = 5_000;

/** The attempt with its campaign and patient, locked, for filing an outcome. */
export async function loadAttemptForFiling(c: pg.PoolClient, attemptId: string): Promise<{ attempt: AttemptRow; campaign: CampaignRow; patient: PatientRow } | null> {
  const a = await c.query<AttemptRow>(`SELECT id::text, contact_id::text, campaign_id::text, patient_id::text, seq, state, scheduled_for, window_end_at,
    run_token, trunk, started_at FROM call_attempts WHERE id = $1 FOR UPDATE`, [attemptId]);
  const attempt = a.rows[0];
  if (!attempt) return null;
  const campaign = (await c.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [attempt.campaign_id])).rows[0]!;
  const patient = (await c.query<PatientRow>(`SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.id = $1`, [attempt.patient_id])).rows[0]!;
  return { attempt, campaign, patient };
}

export type GatewayFiling = 'filed' | 'filed-late' | 'already-filed' | 'no-such-attempt';

/** How long the gateway keeps trying to file a call while the database (or queue) is away, ms. */
export const FILING_RETRY_MS = 5 * 60_000;
/** First wait between two tries, ms; doubles up to FILING_RETRY_MAX_STEP_MS. */
const FILING_RETRY_STEP_MS = 500;
const FILING_RETRY_MAX_STEP_MS = 10_000;

/**
 * Whether a database or queue error is the server being away or restarting (worth trying again)
 * rather than something about the call: PostgreSQL connection exceptions (SQLSTATE class 08),
 * shutdown and start-up (57P01-57P03), too many connections, serialization and deadlock; sockets
 * refused or reset; pg's "Connection terminated".
 */
export function isTransientDbError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '40001', '40P01'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN'].includes(code)) return true;
  const m = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i.test(m);
}

/**
 * Files a call's outcome from the gateway that carried it. An attempt still dialing is closed with
 * it (retries, worklist, do-not-call as the worker would); one closed meanwhile as lost gets the
 * outcome attached late (an answered call cancels the retry the close planned); one already filed
 * (by the worker, or by this same call before) is left as it is.
 *
 * The gateway is the only one that has the outcome (the worker was answered 'accepted'), so a
 * database or queue that is away when the call ends (restarting) is waited for: the filing is
 * tried again, backing off, for up to `retryForMs` (the caller keeps the call's lease meanwhile).
 * Filing is idempotent, so a try whose commit was in fact done is harmless to repeat.
 */
export async function fileFromGateway(pool: pg.Pool, connection: QueueConnection, attemptId: string, outcome: CallOutcome, now?: Date,
  opts: { retryForMs?: number; logger?: Logger } = {}): Promise<GatewayFiling> {
  if (!/^[1-9][0-9]{0,18}$/.test(attemptId)) return 'no-such-attempt';
  const until = Date.now() + (opts.retryForMs ?? FILING_RETRY_MS);
  const retrying = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (let step = FILING_RETRY_STEP_MS; ; step = Math.min(FILING_RETRY_MAX_STEP_MS, step * 2)) {
      try {
        return await fn();
      } catch (err) {
        if (!isTransientDbError(err) || Date.now() + step > until) throw err;
        opts.logger?.warn({ attemptId, err: { message: (err as Error).message }, retryInMs: step }, `${what} failed; trying again`);
        await new Promise((r) => setTimeout(r, step));
      }
    }
  };
  const r = await retrying('call filing', () => withTx(pool, async (c) => {
    const at = now ?? new Date();
    const rows = await loadAttemptForFiling(c, attemptId);
    if (!rows) return { state: 'no-such-attempt' as const, followUps: [], at };
    if (rows.attempt.state === 'dialing') {
      const filed = await recordOutcome(c, rows.campaign, rows.attempt, rows.patient, outcome, at);
      return { state: 'filed' as const, followUps: filed.followUps, at };
    }
    if (!rows.attempt.run_token) return { state: 'already-filed' as const, followUps: [], at };
    const late = await fileLateOutcome(c, rows.campaign, attemptId, rows.attempt.run_token, rows.patient, outcome);
    return { state: late.late ? 'filed-late' as const : 'already-filed' as const, followUps: late.followUps, at };
  }));
  // Committed: only the retry's job is left to add (a lost one is re-added by the reconcile pass).
  await retrying('retry enqueue', () => enqueueAttempts(connection, r.followUps, r.at));
  return r.state;
}

export interface LeaseKeeper {
  /** Start holding an attempt's call (renewed until released); false when no dialing attempt has that id. */
  hold(attemptId: string): Promise<boolean>;
  release(attemptId: string): void;
  close(): void;
}

/** Holds the leases of the calls this process carries, renewing them in one statement. */
export function startLeaseKeeper(pool: pg.Pool, holder: string, opts: { leaseMs?: number; renewMs?: number; logger?: Logger } = {}): LeaseKeeper {
  const log = opts.logger ?? createLogger({ name: 'campaigns.leases' });
  const leaseMs = opts.leaseMs ?? CALL_LEASE_MS;
  const held = new Set<string>();
  const renew = async (ids: string[], skipLocked: boolean): Promise<number> => {
    if (ids.length === 0) return 0;
    // The periodic renewal skips a row another transaction holds locked (its call being filed or
    // closed right now) instead of waiting: one slow transaction must not hold up every other call.
    const r = await pool.query(`UPDATE call_attempts SET lease_until = now() + make_interval(secs => $2::double precision / 1000), lease_holder = $3
      WHERE id IN (SELECT id FROM call_attempts WHERE id = ANY($1::bigint[]) AND state = 'dialing' FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''})`, [ids, leaseMs, holder]);
    return r.rowCount ?? 0;
  };
  const timer = setInterval(() => {
    renew([...held], true).catch((err: unknown) => log.warn({ err: { message: (err as Error).message }, calls: held.size }, 'call leases not renewed'));
  }, opts.renewMs ?? CALL_LEASE_RENEW_MS);
  timer.unref();
  return {
    async hold(attemptId) {
      if (!/^[1-9][0-9]{0,18}$/.test(attemptId)) return false;
      held.add(attemptId);
      const n = await renew([attemptId], false);
      if (n === 0) held.delete(attemptId);
      return n > 0;
    },
    release(attemptId) {
      held.delete(attemptId);
    },
    close() {
      clearInterval(timer);
      held.clear();
    },
  };
}
