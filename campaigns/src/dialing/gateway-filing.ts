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

/**
 * Files a call's outcome from the gateway that carried it. An attempt still dialing is closed with
 * it (retries, worklist, do-not-call as the worker would); one closed meanwhile as lost gets the
 * outcome attached late (an answered call cancels the retry the close planned); one already filed
 * (by the worker, or by this same call before) is left as it is.
 */
export async function fileFromGateway(pool: pg.Pool, connection: QueueConnection, attemptId: string, outcome: CallOutcome, now: Date = new Date()): Promise<GatewayFiling> {
  if (!/^[1-9][0-9]{0,18}$/.test(attemptId)) return 'no-such-attempt';
  const r = await withTx(pool, async (c) => {
    const rows = await loadAttemptForFiling(c, attemptId);
    if (!rows) return { state: 'no-such-attempt' as const, followUps: [] };
    if (rows.attempt.state === 'dialing') {
      const filed = await recordOutcome(c, rows.campaign, rows.attempt, rows.patient, outcome, now);
      return { state: 'filed' as const, followUps: filed.followUps };
    }
    if (!rows.attempt.run_token) return { state: 'already-filed' as const, followUps: [] };
    const late = await fileLateOutcome(c, rows.campaign, attemptId, rows.attempt.run_token, rows.patient, outcome);
    return { state: late.late ? 'filed-late' as const : 'already-filed' as const, followUps: late.followUps };
  });
  await enqueueAttempts(connection, r.followUps, now);
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
  const renew = async (ids: string[]): Promise<number> => {
    if (ids.length === 0) return 0;
    const r = await pool.query(`UPDATE call_attempts SET lease_until = now() + make_interval(secs => $2::double precision / 1000), lease_holder = $3
      WHERE id = ANY($1::bigint[]) AND state = 'dialing'`, [ids, leaseMs, holder]);
    return r.rowCount ?? 0;
  };
  const timer = setInterval(() => {
    renew([...held]).catch((err: unknown) => log.warn({ err: { message: (err as Error).message }, calls: held.size }, 'call leases not renewed'));
  }, opts.renewMs ?? CALL_LEASE_RENEW_MS);
  timer.unref();
  return {
    async hold(attemptId) {
      if (!/^[1-9][0-9]{0,18}$/.test(attemptId)) return false;
      held.add(attemptId);
      const n = await renew([attemptId]);
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
