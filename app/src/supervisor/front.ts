/**
 * The supervisor's front door on the public port: it answers /health itself (each role's state and
 * restarts, so it still answers while a role is down) and forwards the rest to the role that serves
 * it, each on its own loopback port:
 *   - the gateway: media WebSockets (/media/*), POST /v1/dial, /metrics and live listen-in (/api/listen/*);
 *   - the api role: everything else (console, /api, /setup...).
 * A role that is down or restarting gets 503 with a clear message, never a hang; the other role
 * keeps serving. The proxy is @fastify/http-proxy (maintained by the fastify team): HTTP through
 * undici and WebSocket frames through `ws`, with the caller's address passed as X-Forwarded-For.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import type { IncomingHttpHeaders } from 'node:http';
import type { ClientOptions } from 'ws';
import type { Logger } from '@tingzhen/voice-core';
import { SUBPROTOCOLS } from '@tingzhen/voice-gateway';
import type { RoleName, RoleStatus } from './role-process.js';
import type { DatabaseStatus } from './database-keeper.js';
import { opsAuthorized, refuseWithoutOpsToken } from '../ops-token.js';
import type { TrustProxy } from '../trust-proxy.js';

/** Largest WebSocket message forwarded, bytes (the gateway's own limit). */
const MAX_WS_PAYLOAD_BYTES = 256 * 1024;
/** How long /health waits for a role's own /health, ms. */
const ROLE_HEALTH_TIMEOUT_MS = 2500;

/** Paths the gateway serves (the rest goes to the api role). */
export const GATEWAY_PREFIXES = ['/media', '/v1', '/metrics', '/api/listen'] as const;

export interface FrontOptions {
  log: Logger;
  version: string;
  /** The roles this platform runs, and where each listens (loopback URL; the worker's serves only /health). */
  upstreams: Partial<Record<RoleName, string>>;
  statuses: () => RoleStatus[];
  /** The database the roles share (the role processes only see a URL). */
  databaseKind: 'embedded' | 'external';
  /** The embedded server's state, restarts and last exit (when the supervisor runs one). */
  embeddedDatabase?: () => DatabaseStatus;
  /** True once shutdown began. */
  draining: () => boolean;
  /** TRUST_PROXY (fastify's option): whose X-Forwarded-For / -Proto the front door believes. */
  trustProxy?: TrustProxy;
  /** OPS_TOKEN: /metrics and the details of /health need it; the roles get the same one. */
  opsToken?: string;
}

/** Headers a proxied request must not carry on: hop-by-hop, and the WebSocket handshake's own. */
const NOT_FORWARDED = new Set(['host', 'connection', 'upgrade', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'proxy-authorization', 'proxy-connection']);

function forwardedHeaders(headers: IncomingHttpHeaders, ip: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || NOT_FORWARDED.has(k) || k.startsWith('sec-websocket-')) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  out['x-forwarded-for'] = ip;
  return out;
}

/** What the front door resolved (against TRUST_PROXY) goes to the role: the client address and the protocol. */
function clientHeaders(req: FastifyRequest): Record<string, string> {
  return { 'x-forwarded-for': req.ip, 'x-forwarded-proto': req.protocol };
}

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>;

/** The caller's address goes along; a role that is down answers 503 with a clear message. */
function replyOptions(role: RoleName): ReplyOptions {
  return {
    rewriteRequestHeaders: (req, headers) => ({ ...headers, ...clientHeaders(req as FastifyRequest) }),
    onError: (reply) => {
      if (reply.sent) return;
      void reply.code(503).header('retry-after', '5').send({ error: { code: 'TZ_ERR_UNAVAILABLE', message: `The ${role} role is not running right now (it is being restarted). Try again in a few seconds.`, details: { role } } });
    },
  };
}

export async function buildFront(opts: FrontOptions): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: opts.log, logController: new LogController({ disableRequestLogging: true }), trustProxy: opts.trustProxy ?? false }) as unknown as FastifyInstance;
  // /metrics only with the ops token (the gateway checks it too).
  app.addHook('onRequest', async (req, reply) => {
    if ((req.url === '/metrics' || req.url.startsWith('/metrics?')) && refuseWithoutOpsToken(req, reply, opts.opsToken)) return reply;
    return undefined;
  });

  app.get('/health', async (req, reply) => {
    const statuses = opts.statuses();
    const reports = await Promise.all(statuses.map((s) => roleHealth(opts.upstreams[s.role], s, opts.opsToken)));
    // Each role: its process (state, pid, restarts, last exit) and what its own /health says.
    const byRole = Object.fromEntries(statuses.map((s, i) => {
      const h = reports[i];
      return [s.role, { ...s, health: h ? { status: h.status, ...(h.error !== undefined ? { error: h.error } : {}) } : null }] as const;
    }));
    // What the roles report of the shared parts: database and queue (any role), speech (the gateway).
    const got = reports.filter((h): h is Record<string, unknown> => h !== null);
    const first = (key: string) => got.find((h) => h[key] !== undefined)?.[key];
    // Serving: every role up and answering 200 (a role may be degraded yet serving: keypad-only speech).
    const ok = statuses.every((s) => s.state === 'up') && got.length === statuses.length && got.every((h) => h.httpStatus === 200)
      && (opts.embeddedDatabase?.().state ?? 'up') === 'up';
    const draining = opts.draining();
    const problems = first('problems');
    const status = draining ? 'draining' : ok && got.every((h) => h.status === 'ok') ? 'ok' : 'degraded';
    reply.code(ok && !draining ? 200 : 503).header('cache-control', 'no-store');
    // The public answer is the status only; the details with the ops token (OPS_TOKEN).
    if (!opsAuthorized(req, opts.opsToken)) return reply.send({ status });
    return reply.send({
      status,
      version: opts.version,
      roles: statuses.map((s) => s.role),
      supervisor: { pid: process.pid, uptimeS: Math.round(process.uptime()) },
      processes: byRole,
      database: { ...(first('database') as object | undefined), kind: opts.databaseKind, ...(opts.embeddedDatabase ? { process: opts.embeddedDatabase() } : {}) },
      queue: first('queue'),
      ...(problems !== undefined ? { problems } : {}),
      ...(first('speech') !== undefined ? { speech: first('speech') } : {}),
    });
  });

  const gateway = opts.upstreams.gateway;
  if (gateway) {
    for (const prefix of GATEWAY_PREFIXES) {
      const proxy: FastifyHttpProxyOptions = {
        upstream: gateway, prefix, rewritePrefix: prefix,
        replyOptions: replyOptions('gateway'),
        undici: { bodyTimeout: 0 },
      };
      if (prefix !== '/media') {
        await app.register(httpProxy, proxy);
        continue;
      }
      // Media WebSockets: the caller's headers (token, peer secret) go along; @fastify/http-proxy
      // calls rewriteRequestHeaders(headers, request) on the upstream leg (not in its typings).
      const wsClientOptions = { maxPayload: MAX_WS_PAYLOAD_BYTES, rewriteRequestHeaders: (_h: Record<string, string>, req: FastifyRequest) => forwardedHeaders(req.headers, req.ip) } as ClientOptions;
      await app.register(httpProxy, {
        ...proxy,
        websocket: true,
        wsServerOptions: {
          maxPayload: MAX_WS_PAYLOAD_BYTES,
          // The same choice the gateway makes, so the one it gets offered is one it speaks.
          handleProtocols: (protocols: Set<string>) => { for (const p of protocols) if (SUBPROTOCOLS[p]) return p; return false; },
        },
        wsClientOptions,
      });
    }
  }
  const api = opts.upstreams.api;
  if (api) {
    const proxy: FastifyHttpProxyOptions = {
      upstream: api, prefix: '/',
      replyOptions: replyOptions('api'),
      // Server-sent events and recordings stream for as long as they last.
      undici: { bodyTimeout: 0 },
    };
    await app.register(httpProxy, proxy);
  }
  return app;
}

async function roleHealth(url: string | undefined, s: RoleStatus, opsToken: string | undefined): Promise<Record<string, unknown> | null> {
  if (!url || s.state !== 'up') return null;
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(ROLE_HEALTH_TIMEOUT_MS), headers: opsToken ? { authorization: `Bearer ${opsToken}` } : {} });
    const body = (await res.json()) as Record<string, unknown>;
    return { ...body, httpStatus: res.status };
  } catch (err) {
    return { status: 'unreachable', error: (err as Error).message };
  }
}
