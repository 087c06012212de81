/**
 * The dial worker: one bullmq Worker per trunk queue. For each job it claims the attempt (the
 * dial-time re-check), dials through the Dialer contract, journals the outcome in the job, then
 * files it. bullmq's per-queue limiter caps calls per second on the trunk across all processes;
 * the campaign's calls-per-second slot and the claim's dial slots (database rows) cap each
 * campaign's rate and concurrency and each trunk's channels, across processes.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import { DelayedError, type Job, type Worker } from 'bullmq';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import { withTx } from '../db/pool.js';
import { appendEvent } from '../db/transitions.js';
import type { QueueConnection } from '../queue/connection.js';
import { claimAttempt, takeRateSlot, type Claim, type ClaimPolicy } from './claim.js';
import { enqueueAttempts, type DialJobData } from './enqueue.js';
import { expireAndReplace } from './lifecycle.js';
import { fileLateOutcome, recordOutcome } from './record.js';
import { queueNameFor } from './rows.js';
import { loadAttemptForFiling } from './gateway-filing.js';
import { interruptedAttemptBefore } from './checkpoints.js';
import { DEFAULT_TRUNKS, type CallOutcome, type Dialer, type TrunkConfig } from './types.js';

export interface StartWorkerOptions {
  pool: pg.Pool;
  connection: QueueConnection;
  dialer: Dialer;
  trunks?: Record<string, TrunkConfig>;
  /** Jobs this process runs at once per trunk queue. */
  concurrency?: number;
  dailyCapPerPatient?: number;
  /** Longest call, ms (the dial is aborted after it). */
  maxCallMs?: number;
  /** What a voicemail gets: hospital name and call-back number only (per patient: in their language). */
  voicemailMessage: string | ((patient: { language: string }) => string);
  /** bullmq lock duration and stalled-check interval, ms: how soon a dead worker's call is noticed. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  capacityRetryMs?: number;
  /** Delay before re-trying a patient who is on a call from another campaign, ms (default 30 s). */
  patientBusyRetryMs?: number;
  /** Lease taken with the claim, ms, when the dialer's gateway holds the calls it places (see ClaimPolicy). */
  claimLeaseMs?: number;
  inboundInUse?: (trunk: string) => number;
  /** Injectable clock (tests); defaults to the system clock. */
  now?: () => Date;
  logger?: Logger;
}

export interface DialWorker {
  readonly workers: readonly Worker[];
  /** Waits for calls in progress; `force` aborts them (they are filed as failed and retried). */
  close(opts?: { force?: boolean }): Promise<void>;
}

export function startWorker(opts: StartWorkerOptions): DialWorker {
  const log = opts.logger ?? createLogger({ name: 'campaigns.worker' });
  const now = opts.now ?? (() => new Date());
  const trunks = opts.trunks ?? DEFAULT_TRUNKS;
  const maxCallMs = opts.maxCallMs ?? 15 * 60_000;
  const closing = new AbortController();
  // Every call in progress listens on it (one per concurrent job): no leak, many listeners.
  setMaxListeners(0, closing.signal);
  const policy: ClaimPolicy = {
    now, trunks, dailyCapPerPatient: opts.dailyCapPerPatient ?? 2, inboundInUse: opts.inboundInUse, capacityRetryMs: opts.capacityRetryMs ?? 1000,
    patientBusyRetryMs: opts.patientBusyRetryMs, claimLeaseMs: opts.claimLeaseMs,
  };

  const process = async (job: Job<DialJobData>, token?: string): Promise<string> => {
    const { attemptId } = job.data;
    if (job.data.outcome && job.data.runToken) return finishJournaled(job.data);
    const runToken = randomUUID();
    // The campaign's calls-per-second slot comes first, in its own statement (see takeRateSlot).
    const rate = await takeRateSlot(opts.pool, job.data.campaignId, now());
    if (!rate.ok) {
      await job.moveToDelayed(Date.now() + rate.delayMs, token);
      throw new DelayedError();
    }
    let claim: Claim;
    try {
      claim = await withTx(opts.pool, (c) => claimAttempt(c, attemptId, runToken, policy));
    } catch (err) {
      // The patient went on a call from another campaign between the claim's read and its move.
      if ((err as { code?: string }).code !== '23505') throw err;
      claim = { action: 'defer', reason: 'patient_busy', delayMs: policy.patientBusyRetryMs ?? 30_000 };
    }
    if (claim.action === 'closed') {
      await enqueueAttempts(opts.connection, claim.followUps, now());
      return claim.reason;
    }
    if (claim.action === 'defer') {
      await job.moveToDelayed(Date.now() + claim.delayMs, token);
      throw new DelayedError();
    }
    const { campaign, attempt, patient, phone } = claim;
    // The retry of an interrupted call carries the answers it kept (the script resumes or restarts).
    const interruptedAttempt = await interruptedAttemptBefore(opts.pool, attempt).catch((err: unknown) => {
      log.warn({ err: { message: (err as Error).message }, attemptId }, 'answers of an interrupted call not looked up; the call starts over');
      return null;
    });
    const ac = new AbortController();
    const stop = () => ac.abort();
    closing.signal.addEventListener('abort', stop);
    const timer = setTimeout(stop, maxCallMs);
    let outcome: CallOutcome;
    try {
      outcome = await opts.dialer.dial({
        ...(interruptedAttempt ? { interruptedAttempt } : {}),
        attemptId, campaignId: campaign.id, phone, trunk: campaign.trunk, callerId: campaign.caller_id,
        scriptId: campaign.script_id, scriptVersion: campaign.script_version, scriptHash: campaign.script_hash,
        voicemailMessage: typeof opts.voicemailMessage === 'function' ? opts.voicemailMessage(patient) : opts.voicemailMessage, maxCallMs, signal: ac.signal, record: campaign.record_calls,
        patient: {
          id: patient.id, name: patient.name, language: patient.language || campaign.language, timezone: patient.timezone, department: patient.department,
          diagnosis: patient.diagnosis, dischargeDate: patient.discharge_date, customFields: patient.custom_fields,
        },
        onEvent: (kind, data) => {
          appendEvent(opts.pool, 'attempt', attemptId, campaign.id, kind, data).catch((err: unknown) => log.warn({ err, attemptId }, 'call event not stored'));
        },
      });
    } catch (err) {
      // The gateway died or refused: the call failed; the business retry policy decides what next.
      log.warn({ err, attemptId }, 'dial failed');
      outcome = { kind: 'failed', reason: 'dialer_error', carrierFault: true };
    } finally {
      clearTimeout(timer);
      closing.signal.removeEventListener('abort', stop);
    }
    // Journal first; if the job is gone (a re-run after an expired lock finished it), file anyway.
    await job.updateData({ ...job.data, outcome, runToken }).catch((err: unknown) => log.warn({ err, attemptId }, 'outcome not journaled in the job'));
    const filed = await withTx(opts.pool, (c) => recordOutcome(c, campaign, attempt, patient, outcome, now()));
    await enqueueAttempts(opts.connection, filed.followUps, now());
    return outcome.kind;
  };

  async function finishJournaled(data: DialJobData): Promise<string> {
    const filed = await withTx(opts.pool, async (c) => {
      const rows = await loadAttemptForFiling(c, data.attemptId);
      if (!rows || rows.attempt.run_token !== data.runToken) return { closed: false, followUps: [] };
      // Closed meanwhile as lost (this run's lock expired mid-call): the outcome is still filed, late.
      if (rows.attempt.state !== 'dialing') return fileLateOutcome(c, rows.campaign, data.attemptId, data.runToken, rows.patient, data.outcome!);
      return recordOutcome(c, rows.campaign, rows.attempt, rows.patient, data.outcome!, now());
    });
    await enqueueAttempts(opts.connection, filed.followUps, now());
    return `journaled:${data.outcome!.kind}`;
  }

  const workers = Object.entries(trunks).map(([name, trunk]) => {
    const w = opts.connection.worker<DialJobData, string>(queueNameFor(name), process, {
      concurrency: opts.concurrency ?? 8,
      limiter: { max: Math.max(1, Math.floor(trunk.callsPerSecond)), duration: 1000 },
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 3,
    });
    w.on('error', (err) => log.error({ err, trunk: name }, 'dial worker error'));
    w.on('failed', (job, err) => {
      if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
      // Out of infrastructure retries: the attempt expires and a fresh one is planned, so one bad
      // contact never blocks the rest.
      log.error({ err, attemptId: job.data.attemptId }, 'dial job failed for good');
      withTx(opts.pool, async (c) => {
        const rows = await loadAttemptForFiling(c, job.data.attemptId);
        if (!rows || rows.attempt.state !== 'queued') return [];
        return expireAndReplace(c, rows.campaign, rows.attempt, rows.patient.timezone, 'queue_failure', new Date(now().getTime() + 60_000));
      }).then((f) => enqueueAttempts(opts.connection, f, now())).catch((e: unknown) => log.error({ err: e }, 'could not close failed job'));
    });
    return w;
  });

  return {
    workers,
    async close(o = {}) {
      if (o.force) closing.abort();
      await Promise.all(workers.map((w) => w.close(o.force)));
    },
  };
}
