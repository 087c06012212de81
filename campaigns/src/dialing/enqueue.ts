/**
 * Adding dial jobs. Job id = attempt id (prefixed), so enqueueing twice is a no-op. Jobs are added
 * after the transaction that created their attempts has committed; if the process dies in between,
 * the scheduler's reconcile pass finds queued attempts without a job and adds them.
 */
import type { JobsOptions } from 'bullmq';
import type { QueueConnection } from '../queue/connection.js';
import { jobIdFor, queueNameFor, type FollowUp } from './rows.js';
import type { CallOutcome } from './types.js';

export interface DialJobData {
  attemptId: string;
  campaignId: string;
  /** Written just before the outcome is filed, so a crash after the call loses nothing. */
  outcome?: CallOutcome;
  runToken?: string;
}

/** Infrastructure retries only (a database or queue fault before or after a call). */
export const DIAL_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: 1000,
};

const BULK = 1000;

export async function enqueueAttempts(conn: QueueConnection, followUps: readonly FollowUp[], now: Date): Promise<void> {
  const byTrunk = new Map<string, FollowUp[]>();
  for (const f of followUps) {
    const list = byTrunk.get(f.trunk) ?? [];
    list.push(f);
    byTrunk.set(f.trunk, list);
  }
  for (const [trunk, list] of byTrunk) {
    const queue = conn.queue<DialJobData>(queueNameFor(trunk));
    for (let i = 0; i < list.length; i += BULK) {
      await queue.addBulk(list.slice(i, i + BULK).map((f) => ({
        name: 'dial',
        data: { attemptId: f.attemptId, campaignId: f.campaignId },
        opts: { ...DIAL_JOB_OPTIONS, jobId: jobIdFor(f.attemptId), delay: Math.max(0, f.runAt.getTime() - now.getTime()) },
      })));
    }
  }
}
