/**
 * Live progress for the console: transitions NOTIFY `tz_progress_<schema>` with the campaign id
 * (sent at commit); this hub LISTENs once and re-emits `progress` events with the counters.
 * The LISTEN connection survives PostgreSQL going away: its loss is logged and it is opened again
 * (1 s, doubling up to 30 s) until the hub is closed; a progress read that fails is logged. Neither
 * may end the process (an 'error' on a client or emitter nobody listens to would).
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import { campaignProgress, type Progress } from './repo/campaigns.js';

export interface ProgressHub extends EventEmitter {
  close(): Promise<void>;
}

/** First wait before the LISTEN connection is opened again, ms; doubles per failure up to RECONNECT_MAX_MS. */
const RECONNECT_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

export async function startProgressHub(pool: pg.Pool, databaseUrl: string, schema = 'public', opts: { logger?: Logger; reconnectMs?: number } = {}): Promise<ProgressHub> {
  const log = opts.logger ?? createLogger({ name: 'campaigns.progress' });
  const hub = new EventEmitter() as ProgressHub;
  const channel = `tz_progress_${schema.replace(/[^a-z0-9_]/g, '')}`;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  let client: pg.Client | undefined;
  let failures = 0;

  // Coalesce bursts (a bulk schedule sends thousands of notifications) into one read per campaign per 200 ms.
  const onNotification = (n: pg.Notification) => {
    if (!n.payload) return;
    pending.add(n.payload);
    timer ??= setTimeout(() => {
      timer = undefined;
      const ids = [...pending];
      pending.clear();
      for (const id of ids) {
        campaignProgress(pool, id).then((p: Progress) => hub.emit('progress', p)).catch((err: unknown) => {
          if (hub.listenerCount('error') > 0) hub.emit('error', err);
          else log.warn({ err: { message: (err as Error).message }, campaignId: id }, 'campaign progress not read');
        });
      }
    }, 200);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    // Registered before connect: a connection that dies at any point is an event, never a throw.
    c.on('error', (err) => log.warn({ err: { message: err.message } }, 'progress LISTEN connection lost'));
    c.on('end', () => {
      if (client !== c) return;
      client = undefined;
      reconnectLater();
    });
    c.on('notification', onNotification);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      if (client === c) client = undefined;
      await c.end().catch(() => undefined);
      throw err;
    }
    if (failures > 0) log.info({ failures }, 'progress LISTEN connection open again');
    failures = 0;
  };

  function reconnectLater(): void {
    if (closed || retry) return;
    const delayMs = Math.min(RECONNECT_MAX_MS, (opts.reconnectMs ?? RECONNECT_MS) * 2 ** Math.min(failures, 10));
    failures++;
    retry = setTimeout(() => {
      retry = undefined;
      if (closed) return;
      connect().catch((err: unknown) => {
        log.warn({ err: { message: (err as Error).message }, failures }, 'progress LISTEN connection not opened; trying again');
        reconnectLater();
      });
    }, delayMs);
  }

  await connect();
  hub.close = async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    if (retry) clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end();
  };
  return hub;
}
