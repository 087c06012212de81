/**
 * `consolePlugin`: the nurses' console on a fastify app. Registers (not encapsulated, so the auth
 * decorator reaches the campaigns API registered beside it):
 *   /api/auth/{login,logout,me,setup}, /api/users (admins), /api/events (SSE), /api/testcall,
 *   /api/labels/{scripts/:id,users} (words for script steps and staff),
 *   and the built single-page app at / with history fallback.
 * Pass `authorize` and `actorOf` from this package to `campaignsApi` to protect its routes.
 */
import type { EventEmitter } from 'node:events';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { createHash } from 'node:crypto';
import { createLogger, dataExceptionCode, fieldProblemsFromSchemaErrors, isTzError, type Logger, type SchemaError } from '@tingzhen/voice-core';
import { audit } from '@tingzhen/campaigns';
import { actorOf, authorize, currentUser } from './auth/guard.js';
import type { LoginLimits } from './auth/store.js';
import type { SessionUser } from './auth/roles.js';
import { authRoutes } from './routes/auth.js';
import { eventRoutes } from './routes/events.js';
import { spaRoutes } from './routes/spa.js';
import { recordingRoutes } from './routes/recordings.js';
import { labelRoutes } from './routes/labels.js';
import { registerSecurity } from './security.js';

export interface ConsolePluginOptions {
  pool: pg.Pool;
  /** Session lifetime, sliding (default 8 h: one shift). */
  sessionTtlMs?: number;
  /** A setup token chosen by the operator (config); used only while no user exists. */
  setupToken?: string;
  logger?: Logger;
  /** Open priority-1/2 worklist items unclaimed this long are flagged overdue (default 15). */
  escalateAfterMinutes?: number;
  /** Campaigns' `startProgressHub(...)`; without it progress is polled from the counters table. */
  progressHub?: EventEmitter;
  onOverdue?: (ids: string[]) => void;
  /**
   * Enables the browser test phone: returns a signed gateway token of kind `testcall` (voice-gateway
   * `signToken`) for this user, good for one media stream of `dialect` running `scriptId` in
   * `lang`, and never for dialing out.
   */
  testCallToken?: (user: SessionUser, call: { scriptId: string; lang: string; dialect: string }) => string;
  /** Media route the test phone connects to (default /media/native). */
  testCallPath?: string;
  loginLimits?: LoginLimits;
  /**
   * Maps a call's `recording_ref` to a file path (inside the recordings directory), or null.
   * Enables GET /api/recordings/:resultId and /api/recordings/inbound/:inboundCallId (audited).
   * Without it the call pages show the reference only.
   */
  recordingFile?: (ref: string) => string | null;
  /** RECORDINGS_ENCRYPTION_KEY: decrypts recordings encrypted at rest on playback. */
  recordingKey?: Buffer;
  /** Where the built SPA lives (default console/dist). */
  distDir?: string;
}

const HOURS_8_MS = 8 * 3600_000;

const inner: FastifyPluginAsync<ConsolePluginOptions> = async (app, opts) => {
  const log = opts.logger ?? createLogger({ name: 'console' });
  app.setErrorHandler((err, _req, reply) => {
    // A value PostgreSQL refused as malformed (SQLSTATE class 22, also inside TZ_ERR_DB): the input's fault.
    const sqlstate = dataExceptionCode(err);
    if (sqlstate && (!isTzError(err) || err.code === 'TZ_ERR_DB')) {
      log.warn({ sqlstate }, 'console route: the database refused a value');
      return reply.status(400).send({ error: { code: 'TZ_ERR_VALIDATION', message: 'Input failed validation', details: { problems: [{ field: '', code: 'malformed', problem: 'a value is malformed or out of range' }], sqlstate } } });
    }
    if (isTzError(err)) {
      const reason = (err.details as { reason?: string }).reason;
      const status = err.code === 'TZ_ERR_FORBIDDEN' ? 403 : err.code === 'TZ_ERR_AUTH' ? (reason === 'rate_limited' ? 429 : 401)
        : err.code === 'TZ_ERR_VALIDATION' ? 400 : err.code === 'TZ_ERR_NOT_FOUND' ? 404 : err.code === 'TZ_ERR_CONFLICT' ? 409 : 500;
      if (status === 500) log.error({ code: err.code }, 'console route failed');
      const retryAfterMs = (err.details as { retryAfterMs?: unknown }).retryAfterMs;
      if (status === 429 && typeof retryAfterMs === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      return reply.status(status).send({ error: { code: err.code, message: err.message, details: status < 500 ? err.details : {} } });
    }
    const e = err as { validation?: SchemaError[]; validationContext?: string; statusCode?: number; message?: string };
    // Schema errors as field problems: the field's path and a problem code the console words in the user's language.
    if (e.validation) return reply.status(400).send({ error: { code: 'TZ_ERR_VALIDATION', message: 'Input failed validation', details: { problems: fieldProblemsFromSchemaErrors(e.validation, e.validationContext) } } });
    if (e.statusCode && e.statusCode < 500) return reply.status(e.statusCode).send({ error: { code: 'TZ_ERR_VALIDATION', message: e.message ?? 'Bad request', details: {} } });
    log.error({ err: { message: e.message } }, 'console route failed');
    return reply.status(500).send({ error: { code: 'TZ_ERR_INTERNAL', message: 'Internal error', details: {} } });
  });
  const escalateAfterMinutes = opts.escalateAfterMinutes ?? 15;
  authRoutes(app, { pool: opts.pool, sessionTtlMs: opts.sessionTtlMs ?? HOURS_8_MS, escalateAfterMinutes, testCall: !!opts.testCallToken, recordings: !!opts.recordingFile, ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}) });
  eventRoutes(app, { pool: opts.pool, escalateAfterMinutes, logger: log, ...(opts.progressHub ? { progressHub: opts.progressHub } : {}), ...(opts.onOverdue ? { onOverdue: opts.onOverdue } : {}) });
  app.post('/api/testcall', {
    schema: { body: Type.Object({ scriptId: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }), language: Type.Optional(Type.String({ pattern: '^[A-Za-z-]{2,16}$' })) }, { additionalProperties: false }) },
    preHandler: async (req) => authorize(req, ['admin', 'nurse']),
  }, async (req, reply) => {
    if (!opts.testCallToken) return reply.status(404).send({ error: { code: 'TZ_ERR_NOT_FOUND', message: 'Not found', details: { problem: 'test calls are not enabled' } } });
    const user = (await currentUser(req))!;
    const b = req.body as { scriptId: string; language?: string };
    const path = opts.testCallPath ?? '/media/native';
    const lang = (b.language ?? 'zh-CN').startsWith('en') ? 'en' : 'zh';
    const dialect = path.slice(path.lastIndexOf('/') + 1);
    const token = opts.testCallToken(user, { scriptId: b.scriptId, lang, dialect });
    // A test call is audited when its (one-stream, never-dialling) token is issued.
    await audit(opts.pool, { actor: actorOf(req), action: 'testcall', entity: 'script', entityId: b.scriptId, details: { lang, dialect } });
    reply.header('cache-control', 'no-store');
    return { path, token, parameters: { script: b.scriptId, lang, tzStats: '1' } };
  });
  labelRoutes(app, opts.pool);
  if (opts.recordingFile) recordingRoutes(app, opts.pool, opts.recordingFile, opts.recordingKey);
  await spaRoutes(app, opts.distDir);
};

/**
 * Console sign-in checks (`authorize`) on a server that does not serve the console itself: a
 * gateway in its own process serving live listen-in behind the supervisor's front door.
 */
export function useConsoleSessions(app: FastifyInstance, pool: ConsolePluginOptions['pool'], sessionTtlMs = HOURS_8_MS): void {
  app.decorate('tzConsoleAuth', { pool, sessionTtlMs });
}

export const consolePlugin: FastifyPluginAsync<ConsolePluginOptions> = async (app: FastifyInstance, opts) => {
  const sessionTtlMs = opts.sessionTtlMs ?? HOURS_8_MS;
  useConsoleSessions(app, opts.pool, sessionTtlMs);
  await registerSecurity(app);
  if (opts.setupToken) {
    // Register the operator's token (hashed) while nobody can sign in yet.
    await opts.pool.query(`INSERT INTO console_setup_tokens (token_hash, expires_at) SELECT $1, now() + interval '30 days'
      WHERE NOT EXISTS (SELECT 1 FROM console_users) ON CONFLICT (token_hash) DO NOTHING`, [createHash('sha256').update(opts.setupToken).digest('hex')]);
  }
  await app.register(inner, opts);
};
// Not encapsulated (fastify-plugin's convention without the dependency): the decorator must be visible to campaignsApi.
(consolePlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
