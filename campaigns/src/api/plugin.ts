/**
 * The campaigns REST API as one fastify plugin: `app.register(campaignsApi, { pool, scheduler })`.
 * Every route carries `config.roles`; an `authorize(request, roles)` option (the console issue's
 * auth) runs before each handler. Typed errors map to HTTP statuses; the OpenAPI document is at
 * GET /openapi.json.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import type pg from 'pg';
import { dataExceptionCode, fieldProblemsFromSchemaErrors, isTzError, type ErrorCode, type SchemaError } from '@tingzhen/voice-core';
import type { Scheduler } from '../dialing/scheduler.js';
import { patientRoutes } from './patients.js';
import { campaignRoutes } from './campaigns.js';
import { resultRoutes } from './results.js';
import { escalationRoutes } from './escalations.js';
import { inboundCallRoutes } from './inbound-calls.js';
import { scriptRoutes, type ScriptCatalog } from './scripts.js';
import { auditRoutes } from './audit.js';

export type Role = 'admin' | 'nurse' | 'doctor' | 'viewer' | 'system';

declare module 'fastify' {
  interface FastifyContextConfig { roles?: readonly Role[] }
}

export interface CampaignsApiOptions {
  pool: pg.Pool;
  scheduler: Scheduler;
  scripts?: ScriptCatalog;
  /** Throw (e.g. a TzError TZ_ERR_AUTH) to refuse; called with the route's roles. */
  authorize?: (request: FastifyRequest, roles: readonly Role[]) => void | Promise<void>;
  /** Who is acting, for the audit log. Defaults to the x-actor header or "anonymous". */
  actorOf?: (request: FastifyRequest) => string;
  /** Country for phone numbers written without a country code. */
  defaultCountry?: string;
  /** Serve the OpenAPI document (default true). */
  openapi?: boolean;
}

export interface ApiContext {
  pool: pg.Pool;
  scheduler: Scheduler;
  scripts: ScriptCatalog | undefined;
  actor: (request: FastifyRequest) => string;
  defaultCountry: string;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  TZ_ERR_VALIDATION: 400, TZ_ERR_SCRIPT_INVALID: 400, TZ_ERR_AUTH: 401, TZ_ERR_FORBIDDEN: 403, TZ_ERR_NOT_FOUND: 404, TZ_ERR_SCRIPT_NOT_FOUND: 404,
  TZ_ERR_CONFLICT: 409, TZ_ERR_ILLEGAL_TRANSITION: 409, TZ_ERR_DB: 503, TZ_ERR_QUEUE: 503,
};

// OpenAPI 3.1: its schemas are JSON Schema 2020-12, which TypeBox's output (exclusiveMinimum as a number) is.
const OPENAPI = { openapi: '3.1.0', info: { title: 'tingzhen API', version: '1' } };

/**
 * Collects the OpenAPI document (served by `campaignsApi` at /openapi.json) from every route
 * registered on `app` after this call: register it first in a composition, so that the console's
 * routes appear beside the campaigns API's.
 */
export async function collectOpenApi(app: FastifyInstance): Promise<void> {
  if (!app.hasDecorator('swagger')) await app.register(swagger, { openapi: OPENAPI });
}

export const campaignsApi: FastifyPluginAsync<CampaignsApiOptions> = async (app: FastifyInstance, opts) => {
  if (opts.openapi !== false) {
    // A composition that called collectOpenApi first keeps that document (all its routes); alone, this plugin's routes.
    await collectOpenApi(app);
    app.get('/openapi.json', { schema: { hide: true }, config: { roles: ['admin', 'nurse', 'doctor', 'viewer'] } }, async () => app.swagger());
  }
  // CSV as bytes: its encoding (UTF-8, GBK from Excel on Chinese Windows, UTF-16) is found by the import, not assumed.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  if (opts.authorize) {
    const authorize = opts.authorize;
    app.addHook('preHandler', async (request) => {
      await authorize(request, request.routeOptions.config.roles ?? ['admin']);
    });
  }
  app.setErrorHandler((err, request, reply) => {
    // A value PostgreSQL refused as malformed (SQLSTATE class 22, also inside TZ_ERR_DB) that the
    // schemas let through: the input's fault, so 400; logged at warn (the code, never the value)
    // so that the schema gap gets closed. Every other database error stays a server fault.
    const sqlstate = dataExceptionCode(err);
    if (sqlstate && (!isTzError(err) || err.code === 'TZ_ERR_DB')) {
      app.log.warn({ sqlstate, route: request.routeOptions.url }, 'campaigns api: the database refused a value');
      return reply.status(400).send({ error: { code: 'TZ_ERR_VALIDATION', message: 'Input failed validation', details: { problems: [{ field: '', code: 'malformed', problem: 'a value is malformed or out of range' }], sqlstate } } });
    }
    if (isTzError(err)) {
      const status = STATUS[err.code] ?? 500;
      return reply.status(status).send({ error: { code: err.code, message: err.message, details: status < 500 ? err.details : {} } });
    }
    const e = err as { validation?: SchemaError[]; validationContext?: string; statusCode?: number; message?: string };
    // Schema errors as field problems: the field's path and a problem code the console words in the user's language.
    if (e.validation) return reply.status(400).send({ error: { code: 'TZ_ERR_VALIDATION', message: 'Input failed validation', details: { problems: fieldProblemsFromSchemaErrors(e.validation, e.validationContext) } } });
    if (e.statusCode && e.statusCode < 500) return reply.status(e.statusCode).send({ error: { code: 'TZ_ERR_VALIDATION', message: e.message ?? 'Bad request', details: {} } });
    app.log.error({ err }, 'campaigns api error');
    return reply.status(500).send({ error: { code: 'TZ_ERR_INTERNAL', message: 'Internal error', details: {} } });
  });

  const ctx: ApiContext = {
    pool: opts.pool, scheduler: opts.scheduler, scripts: opts.scripts, defaultCountry: opts.defaultCountry ?? 'CN',
    actor: opts.actorOf ?? ((r) => { const h = r.headers['x-actor']; return typeof h === 'string' && h.length > 0 && h.length <= 100 ? h : 'anonymous'; }),
  };
  patientRoutes(app, ctx);
  campaignRoutes(app, ctx);
  resultRoutes(app, ctx);
  escalationRoutes(app, ctx);
  inboundCallRoutes(app, ctx);
  scriptRoutes(app, ctx);
  auditRoutes(app, ctx);
};
// Not wrapped in fastify-plugin on purpose: the error handler and parsers stay inside this plugin's scope.
