/**
 * Live progress for the console: transitions NOTIFY `tz_progress_<schema>` with the campaign id
 * (sent at commit); this hub LISTENs once and re-emits `progress` events with the counters.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { campaignProgress, type Progress } from './repo/campaigns.js';

export interface ProgressHub extends EventEmitter {
  close(): Promise<void>;
}

export async function startProgressHub(pool: pg.Pool, databaseUrl: string, schema = 'public'): Promise<ProgressHub> {
  const hub = new EventEmitter() as ProgressHub;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`LISTEN tz_progress_${schema.replace(/[^a-z0-9_]/g, '')}`);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // Coalesce bursts (a bulk schedule sends thousands of notifications) into one read per campaign per 200 ms.
  client.on('notification', (n) => {
    if (!n.payload) return;
    pending.add(n.payload);
    timer ??= setTimeout(() => {
      timer = undefined;
      const ids = [...pending];
      pending.clear();
      for (const id of ids) {
        campaignProgress(pool, id).then((p: Progress) => hub.emit('progress', p)).catch((err: unknown) => hub.emit('error', err));
      }
    }, 200);
  });
  hub.close = async () => { if (timer) clearTimeout(timer); await client.end(); };
  return hub;
}
