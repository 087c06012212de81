/**
 * What the app's health endpoint reports: which database and which queue backend are in use.
 */
import type pg from 'pg';
import type { QueueConnection } from './queue/connection.js';

export interface CampaignsHealth {
  ok: boolean;
  database: { ok: boolean; server?: string; schema?: string; error?: string };
  queue: { ok: boolean; backend: string; location: string; error?: string };
}

export async function health(pool: pg.Pool, connection: QueueConnection): Promise<CampaignsHealth> {
  const database: CampaignsHealth['database'] = { ok: false };
  try {
    const r = await pool.query<{ v: string; s: string }>("SELECT current_setting('server_version') AS v, current_schema() AS s");
    Object.assign(database, { ok: true, server: `PostgreSQL ${r.rows[0]!.v}`, schema: r.rows[0]!.s });
  } catch (err) {
    database.error = (err as Error).message;
  }
  const queue: CampaignsHealth['queue'] = { ok: false, backend: connection.backend, location: connection.location };
  try {
    await connection.queue('health').getJobCounts('waiting');
    queue.ok = true;
  } catch (err) {
    queue.error = (err as Error).message;
  }
  return { ok: database.ok && queue.ok, database, queue };
}
