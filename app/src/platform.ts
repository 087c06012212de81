/** Composition root: config -> services -> roles -> HTTP server. */
import { createLogger, loadConfig, type AsrEngine, type Config, type CreateLoggerOptions, type Logger } from '@tingzhen/voice-core';
import type { FastifyInstance } from 'fastify';
import { listenRoutes, useConsoleSessions } from '@tingzhen/console';
import { speechStatus } from '@tingzhen/speech';
import { listScripts } from '@tingzhen/dialog-engine';
import { openServices, type Services } from './services.js';
import { buildServer } from './server.js';
import { gatewaySecret } from './secrets.js';
import { VERSION } from './version.js';
import { startGatewayRole, type GatewayRole } from './roles/gateway.js';
import { startApiRole, startWorkerRole } from './roles/campaigns.js';

export interface RunningPlatform {
  url: string;
  config: Config;
  services: Services;
  server: FastifyInstance;
  log: Logger;
  /** One-time token that creates the first admin in the console (null once a user exists). */
  setupToken: string | null;
  close(): Promise<void>;
}

export { VERSION } from './version.js';

/**
 * What a test may put in place of a real part (the synthetic-patient suite: a scripted recogniser,
 * because no ASR model exists on these machines). Never set by `start`.
 */
export interface PlatformOverrides {
  /** The recogniser for a call's language (undefined: none for that language). */
  asrFor?: (lang: string) => AsrEngine | undefined;
  /** Where the log goes (default stdout): the log-privacy test reads it back. */
  logDestination?: NonNullable<CreateLoggerOptions['destination']>;
}

export async function startPlatform(env: Record<string, string | undefined>, overrides: PlatformOverrides = {}): Promise<RunningPlatform> {
  const config = loadConfig(env);
  const log = createLogger({ level: config.logLevel, name: 'tingzhen', ...(overrides.logDestination ? { destination: overrides.logDestination } : {}) });
  const services = await openServices(config, log);
  const has = (r: Config['roles'][number]) => config.roles.includes(r);
  // Shutdown order: the gateway drains (no new calls; the calls in progress end, up to
  // DRAIN_TIMEOUT_MS) while the worker stops claiming and waits for its dials; then HTTP stops (media
  // legs close), the scheduler, the engines, then the database and queue.
  const stops: { drain?: () => Promise<unknown>; worker?: () => Promise<void>; server?: () => Promise<void>; api?: () => Promise<void>; gateway?: () => Promise<void> } = {};
  let draining = false;
  const closeAll = async () => {
    draining = true;
    const first: Promise<unknown>[] = [];
    if (stops.drain) first.push(stops.drain());
    if (stops.worker) first.push(stops.worker());
    await Promise.all(first.map((p) => p.catch((err: unknown) => log.error({ err }, 'error while draining'))));
    for (const stop of [stops.server, stops.api, stops.gateway]) {
      if (stop) await stop().catch((err: unknown) => log.error({ err }, 'error while stopping'));
    }
    await services.close();
  };
  let server: FastifyInstance | undefined;
  let setupToken: string | null = null;
  let live: { monitor: GatewayRole['monitor']; relay: GatewayRole['relay'] } | undefined;
  try {
    const secret = await gatewaySecret(config);
    server = buildServer({ config, services, log, version: VERSION, speech: has('gateway') ? speechStatus : undefined, scriptLanguages: has('gateway') ? scriptLanguages() : undefined, draining: () => draining });
    const srv = server;
    stops.server = () => srv.close();
    if (has('gateway')) {
      const gw = await startGatewayRole(server, { config, log, authSecret: secret, pool: services.pool, queue: services.queue, env, asrFor: overrides.asrFor, scriptLanguages: scriptLanguages() });
      stops.gateway = () => gw.close();
      stops.drain = () => gw.drain(config.drainTimeoutMs);
      live = { monitor: gw.monitor, relay: gw.relay };
      // A gateway without the api role beside it (the supervisor's gateway process) serves live
      // listen-in itself: the front door sends /api/listen here, signed-in nurses only.
      if (!has('api')) {
        useConsoleSessions(server, services.pool);
        await server.register(listenRoutes, { pool: services.pool, monitor: gw.monitor, relay: gw.relay, logger: log });
      }
    }
    if (has('api')) {
      // Under the supervisor, the first-start token is the supervisor's (a restarted api role keeps it).
      const api = await startApiRole(server, { config, services, log, authSecret: secret, live, createSetupToken: !config.supervisedChild });
      stops.api = () => api.close();
      setupToken = api.setupToken;
    }
    await server.listen({ host: config.httpHost, port: config.httpPort });
    if (has('worker')) {
      const gatewayUrl = config.gatewayUrl ?? urlOf(server, config);
      const worker = startWorkerRole({ config, services, log, gatewayUrl, authSecret: secret });
      // Calls in progress finish (or are filed as failed and retried) before anything else stops.
      stops.worker = () => worker.close();
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  const url = urlOf(server, config);
  log.info({ url, database: services.databaseKind, queue: services.queueBackend, roles: config.roles }, 'tingzhen started');
  let closing: Promise<void> | undefined;
  return {
    url, config, services, server, log, setupToken,
    close() {
      closing ??= (async () => {
        log.info('shutting down');
        await closeAll();
        log.info('stopped');
      })();
      return closing;
    },
  };
}

/** The languages the built-in call scripts speak: each needs a voice and a recogniser. */
function scriptLanguages(): string[] {
  return [...new Set(listScripts().flatMap((s) => s.languages))].sort();
}

function urlOf(server: FastifyInstance, config: Config): string {
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.httpPort;
  return `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${port}`;
}
