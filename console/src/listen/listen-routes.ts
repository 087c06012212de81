/**
 * Live listen-in routes (issue "Nurse console": a nurse listens to a call in progress). Clinical
 * roles only, every start and stop audited:
 *   GET    /api/listen/calls           calls in progress that can be monitored
 *   POST   /api/listen/:callId         start (or join) monitoring; returns a signed, expiring play URL
 *   DELETE /api/listen/:callId         stop monitoring (its ffmpeg exits)
 *   GET    /api/listen/stream/:name.flv?sign=...  the live HTTP-FLV stream, proxied from the
 *          loopback relay; the signature and its expiry are checked here first (403 when bad:
 *          node-media-server itself answers a bad one with 200 and an empty body), and again by the relay
 * The monitor is the voice gateway's MonitorHub, stated structurally so the console does not
 * depend on the gateway.
 */
import http from 'node:http';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { TzError, createLogger, isTzError, type Logger } from '@tingzhen/voice-core';
import { audit as writeAudit } from '@tingzhen/campaigns';
import { actorOf, authorize } from '../auth/guard.js';

export interface LiveMonitor {
  liveCalls(): string[];
  isMonitoring(callId: string): boolean;
  start(callId: string): { streamName: string; sign: string; expiresAtS: number };
  stop(callId: string): Promise<boolean>;
  /** Whether a player may have a stream: a valid unexpired signature (`bad-sign`: 403) of a stream being monitored (`not-live`: 404). */
  playAccess(streamName: string, sign: string): 'ok' | 'bad-sign' | 'not-live';
}

export interface ListenRoutesOptions {
  pool: pg.Pool;
  monitor: LiveMonitor;
  /** The relay's HTTP-FLV listener (loopback). */
  relay: { host: string; httpPort: number };
  logger?: Logger;
}

const CLINICAL = ['admin', 'nurse'] as const;
const CALL_ID = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' });

export const listenRoutes: FastifyPluginAsync<ListenRoutesOptions> = async (app: FastifyInstance, opts) => {
  const log = opts.logger ?? createLogger({ name: 'console-listen' });
  const audit = (actor: string, action: 'listen' | 'listen-stop', callId: string) => writeAudit(opts.pool, { actor, action, entity: 'live-call', entityId: callId });
  app.setErrorHandler((err, _req, reply) => {
    if (isTzError(err)) {
      const status = err.code === 'TZ_ERR_FORBIDDEN' ? 403 : err.code === 'TZ_ERR_AUTH' ? 401 : err.code === 'TZ_ERR_NOT_FOUND' ? 404
        : err.code === 'TZ_ERR_CONFLICT' ? 409 : err.code === 'TZ_ERR_VALIDATION' ? 400 : 500;
      if (status === 500) log.error({ code: err.code }, 'listen route failed');
      return reply.status(status).send({ error: { code: err.code, message: err.message, details: status < 500 ? err.details : {} } });
    }
    const e = err as { validation?: unknown; statusCode?: number; message?: string };
    if (e.validation || (e.statusCode && e.statusCode < 500)) return reply.status(400).send({ error: { code: 'TZ_ERR_VALIDATION', message: 'Input failed validation', details: {} } });
    log.error({ err: { message: e.message } }, 'listen route failed');
    return reply.status(500).send({ error: { code: 'TZ_ERR_INTERNAL', message: 'Internal error', details: {} } });
  });
  const guard = { preHandler: async (req: Parameters<typeof authorize>[0]) => authorize(req, CLINICAL) };

  app.get('/api/listen/calls', guard, async (_req, reply) => {
    reply.header('cache-control', 'private, no-store');
    return { calls: opts.monitor.liveCalls().map((callId) => ({ callId, monitoring: opts.monitor.isMonitoring(callId) })) };
  });

  app.post('/api/listen/:callId', { ...guard, schema: { params: Type.Object({ callId: CALL_ID }) } }, async (req, reply) => {
    const { callId } = req.params as { callId: string };
    const t = opts.monitor.start(callId);
    await audit(actorOf(req), 'listen', callId);
    reply.header('cache-control', 'private, no-store');
    return { callId, playUrl: `/api/listen/stream/${t.streamName}.flv?sign=${encodeURIComponent(t.sign)}`, expiresAt: new Date(t.expiresAtS * 1000).toISOString() };
  });

  app.delete('/api/listen/:callId', { ...guard, schema: { params: Type.Object({ callId: CALL_ID }) } }, async (req) => {
    const { callId } = req.params as { callId: string };
    const stopped = await opts.monitor.stop(callId);
    if (!stopped) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'monitored call' });
    await audit(actorOf(req), 'listen-stop', callId);
    return { callId, stopped };
  });

  app.get('/api/listen/stream/:file', {
    ...guard,
    schema: {
      params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}\\.flv$' }) }),
      querystring: Type.Object({ sign: Type.String({ pattern: '^[0-9]{1,12}-[0-9a-f]{32}$' }) }),
    },
  }, (req, reply) => {
    const { file } = req.params as { file: string };
    const { sign } = req.query as { sign: string };
    const access = opts.monitor.playAccess(file.slice(0, -'.flv'.length), sign);
    if (access === 'bad-sign') throw new TzError('TZ_ERR_FORBIDDEN', { problem: 'bad or expired stream signature' });
    if (access === 'not-live') throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'live stream' });
    const upstream = http.get({ host: opts.relay.host, port: opts.relay.httpPort, path: `/live/${file}?sign=${sign}` });
    upstream.once('error', () => { if (!reply.sent) void reply.status(502).send({ error: { code: 'TZ_ERR_INTERNAL', message: 'Relay unavailable', details: {} } }); });
    upstream.once('response', (res) => {
      req.raw.once('close', () => res.destroy());
      void reply.status(res.statusCode === 200 ? 200 : 502).type('video/x-flv').header('cache-control', 'private, no-store').send(res);
    });
    return reply;
  });
};
