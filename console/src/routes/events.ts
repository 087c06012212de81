/**
 * GET /api/events: server-sent events (WHATWG HTML "Server-sent events") for the console.
 *   event: progress  data: { campaignId, state, contacts, attempts }   (from the campaigns progress hub)
 *   event: worklist  data: { open, latestId }                          (the escalations table changed)
 *   event: overdue   data: { ids }                                     (open high-priority items unclaimed too long)
 * One poller per process, running only while a client listens; its reads are small and indexed.
 */
import type { EventEmitter } from 'node:events';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type pg from 'pg';
import type { Logger } from '@tingzhen/voice-core';
import { authorize } from '../auth/guard.js';

export interface EventsOptions {
  pool: pg.Pool;
  progressHub?: EventEmitter;
  escalateAfterMinutes: number;
  /** Called once per escalation that became overdue (page a supervisor, for example). */
  onOverdue?: (ids: string[]) => void;
  pollIntervalMs?: number;
  logger?: Logger;
}

// Priority 1-2 are the urgent ones (campaigns: 1 = most urgent).
const HIGH_PRIORITY_MAX = 2;
// Console test calls never count on the worklist (they are never filed there; filtered anyway).
const NOT_TEST_CALL = 'NOT EXISTS (SELECT 1 FROM inbound_calls i WHERE i.id = e.inbound_call_id AND i.is_test)';
// Keep idle proxies from closing the stream: a comment line every 15 s.
const HEARTBEAT_MS = 15_000;

export function eventRoutes(app: FastifyInstance, opts: EventsOptions): void {
  const clients = new Set<FastifyReply>();
  const send = (event: string, data: unknown): void => {
    const chunk = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of clients) c.raw.write(chunk);
  };
  const onProgress = (p: unknown): void => send('progress', p);
  opts.progressHub?.on('progress', onProgress);

  let lastKey = '';
  const warned = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  const lastProgress = new Map<string, string>();
  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    try {
      const r = await opts.pool.query<{ open: number; latestId: string | null; changed: string | null }>(`SELECT count(*) FILTER (WHERE e.state = 'open')::int AS open,
        max(e.id)::text AS "latestId", max(e.updated_at)::text AS changed FROM escalations e WHERE ${NOT_TEST_CALL}`);
      const row = r.rows[0]!;
      const key = `${row.open}|${row.latestId}|${row.changed}`;
      if (key !== lastKey) { lastKey = key; send('worklist', { open: row.open, latestId: row.latestId }); }
      const overdue = await opts.pool.query<{ id: string }>(`SELECT e.id::text FROM escalations e WHERE e.state = 'open' AND e.priority <= $1
        AND e.created_at < now() - make_interval(mins => $2) AND ${NOT_TEST_CALL} ORDER BY e.priority, e.created_at LIMIT 100`, [HIGH_PRIORITY_MAX, opts.escalateAfterMinutes]);
      const fresh = overdue.rows.map((x) => x.id).filter((id) => !warned.has(id));
      if (fresh.length > 0) {
        for (const id of fresh) warned.add(id);
        opts.logger?.warn({ count: fresh.length }, 'unclaimed high-priority escalations overdue');
        opts.onOverdue?.(fresh);
      }
      if (overdue.rows.length > 0) send('overdue', { ids: overdue.rows.map((x) => x.id) });
      if (!opts.progressHub) {
        // No hub (no LISTEN connection): read the counters of live campaigns instead (a counter may span several rows: sum them).
        const live = await opts.pool.query<{ id: string; state: string; counters: Record<string, number> | null }>(`SELECT c.id::text, c.state,
          (SELECT jsonb_object_agg(name, total) FROM (SELECT name, sum(value) AS total FROM campaign_counters k WHERE k.campaign_id = c.id GROUP BY name) s) AS counters
          FROM campaigns c WHERE c.state IN ('scheduled', 'running', 'paused') OR c.updated_at > now() - interval '1 minute'`);
        for (const c of live.rows) {
          const contacts: Record<string, number> = {};
          const attempts: Record<string, number> = {};
          for (const [k, v] of Object.entries(c.counters ?? {})) {
            const [kind, state] = k.split('.');
            if (kind === 'contact') contacts[state!] = Number(v);
            else if (kind === 'attempt') attempts[state!] = Number(v);
          }
          const p = { campaignId: c.id, state: c.state, contacts, attempts };
          const s = JSON.stringify(p);
          if (lastProgress.get(c.id) !== s) { lastProgress.set(c.id, s); send('progress', p); }
        }
      }
    } catch (err) {
      opts.logger?.error({ err }, 'console events poll failed');
    } finally {
      polling = false;
    }
  };
  const heartbeat = setInterval(() => { for (const c of clients) c.raw.write(': ping\n\n'); }, HEARTBEAT_MS);
  heartbeat.unref();

  app.get('/api/events', { preHandler: async (req) => authorize(req, ['admin', 'nurse', 'viewer']) }, async (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    reply.raw.write('retry: 3000\n\n');
    clients.add(reply);
    lastKey = ''; // a new listener gets the current worklist state at once
    lastProgress.clear();
    timer ??= setInterval(() => { void poll(); }, opts.pollIntervalMs ?? 1000);
    void poll();
    req.raw.on('close', () => {
      clients.delete(reply);
      if (clients.size === 0 && timer) { clearInterval(timer); timer = undefined; }
    });
  });

  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    if (timer) clearInterval(timer);
    opts.progressHub?.off('progress', onProgress);
    for (const c of clients) c.raw.end();
    clients.clear();
  });
}
