/**
 * The api role (the nurses' console with sign-in and roles, the campaigns REST API under /api and
 * the scheduler, the "clock") and the worker role (dials through the gateway's `dial` contract
 * over HTTP, to this process or a gateway elsewhere).
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadSipConfigFile } from '@tingzhen/sip-config';
import { campaignTrunks } from './sip-routes.js';
import { CALL_LEASE_MS, campaignsApi, collectOpenApi, HttpDialer, startProgressHub, startRecordingRetention, startScheduler, startWorker, type DialWorker, type Scheduler } from '@tingzhen/campaigns';
import { actorOf, authorize, consolePlugin, ensureSetupToken, listenRoutes, type LiveMonitor } from '@tingzhen/console';
import { signToken } from '@tingzhen/voice-gateway';
import type { Config, Logger } from '@tingzhen/voice-core';
import type { Services } from '../services.js';
import { guardInputs } from '../input-guard.js';
import { recordingsAtRest } from '../recordings-at-rest.js';

/**
 * Lifetime of the worker's token for the gateway's dial route, ms: one is signed per dial request,
 * for that request's attempt only, and sent at once; the margin covers clock skew between the
 * worker's and the gateway's machines (the gateway refuses dial tokens living over 5 min).
 */
const DIAL_TOKEN_TTL_MS = 120_000;
/** Lifetime of a browser test-call token, ms: enough to connect (it opens one stream). */
const TEST_CALL_TOKEN_TTL_MS = 60_000;
/** A recording reference is a bare file name inside the recordings directory. */
const RECORDING_REF = /^\w[\w.-]*$/;

export interface ApiRole {
  scheduler: Scheduler;
  /** Printed once at the first start, while no user exists: creates the first admin. */
  setupToken: string | null;
  close(): Promise<void>;
}

export async function startApiRole(app: FastifyInstance, opts: { config: Config; services: Services; log: Logger; authSecret: string; live?: { monitor: LiveMonitor; relay: { host: string; httpPort: number } }; createSetupToken?: boolean }): Promise<ApiRole> {
  const { config, services, log } = opts;
  const scheduler = startScheduler({ pool: services.pool, connection: services.queue, logger: log });
  const hub = await startProgressHub(services.pool, services.databaseUrl);
  const recordings = await recordingsAtRest(config, log);
  const recordingsDir = recordings.dir;
  // Bad text and numbers answer 400 on every route registered from here on (before the database).
  guardInputs(app);
  // The OpenAPI document (GET /api/openapi.json) covers every route registered from here on.
  await collectOpenApi(app);
  // The console decorates the root instance (sessions) so that `authorize` works on every route.
  await app.register(consolePlugin, {
    pool: services.pool, progressHub: hub, logger: log,
    // Media only, one stream, one script: the gateway refuses it on /v1/dial and files its call as a test.
    testCallToken: (user, call) => signToken(opts.authSecret, { kind: 'testcall', ttlMs: TEST_CALL_TOKEN_TTL_MS, sub: user.username, script: call.scriptId, lang: call.lang, dialect: call.dialect }),
    recordingFile: (ref) => (RECORDING_REF.test(ref) ? join(recordingsDir, ref) : null),
    ...(recordings.key ? { recordingKey: recordings.key } : {}),
  });
  // Live listen-in, when the gateway runs in this process.
  if (opts.live) await app.register(listenRoutes, { pool: services.pool, monitor: opts.live.monitor, relay: opts.live.relay, logger: log });
  await app.register(campaignsApi, { pool: services.pool, scheduler, prefix: '/api', authorize, actorOf, defaultCountry: config.defaultCountry } as never);
  const setupToken = opts.createSetupToken === false ? null : await ensureSetupToken(services.pool);
  // Recordings older than RECORDING_RETENTION_DAYS are deleted (audited), in the directory the console reads.
  const retention = startRecordingRetention({ pool: services.pool, dir: recordingsDir, retentionDays: config.recordingRetentionDays, log });
  return {
    scheduler, setupToken,
    async close() {
      await retention.close();
      await scheduler.close();
      await hub.close();
    },
  };
}

export function voicemailMessage(config: Config, language = 'zh-CN'): string {
  // No health information on a machine: hospital name and call-back number only, in the patient's language.
  if (language.toLowerCase().startsWith('en')) {
    return config.hospitalCallbackNumber ? `This is ${config.hospitalName}. Please call us back at ${config.hospitalCallbackNumber}.` : `This is ${config.hospitalName}. Please call us back.`;
  }
  return config.hospitalCallbackNumber ? `${config.hospitalName}，请回电 ${config.hospitalCallbackNumber}。` : `${config.hospitalName}来电，请回电。`;
}

export function startWorkerRole(opts: { config: Config; services: Services; log: Logger; gatewayUrl: string; authSecret: string }): DialWorker {
  // A fresh dial token per request, good for that attempt only (never a long-lived credential).
  const dialer = new HttpDialer({ gatewayUrl: opts.gatewayUrl, token: ({ attemptId }) => signToken(opts.authSecret, { kind: 'dial', ttlMs: DIAL_TOKEN_TTL_MS, sub: 'worker', attemptId }) });
  // The trunks' channel and call-rate limits come from the SIP file when there is one.
  const trunks = opts.config.sipConfigFile ? campaignTrunks(loadSipConfigFile(opts.config.sipConfigFile)) : undefined;
  // The gateway holds the lease of each call it places (the claim takes the first one, so a worker
  // that dies before the gateway has the call leaves nothing stuck).
  return startWorker({ pool: opts.services.pool, connection: opts.services.queue, dialer, voicemailMessage: (patient) => voicemailMessage(opts.config, patient.language), logger: opts.log, trunks, claimLeaseMs: CALL_LEASE_MS });
}
