/** Composition root: config -> services -> roles -> HTTP server. */
import { createLogger, loadConfig, type Config, type Logger } from '@tingzhen/voice-core';
import type { FastifyInstance } from 'fastify';
import { openServices, type Services } from './services.js';
import { buildServer } from './server.js';

export interface RunningPlatform {
  url: string;
  config: Config;
  services: Services;
  server: FastifyInstance;
  log: Logger;
  close(): Promise<void>;
}

export const VERSION = '0.1.0';

export async function startPlatform(env: Record<string, string | undefined>): Promise<RunningPlatform> {
  const config = loadConfig(env);
  const log = createLogger({ level: config.logLevel, name: 'tingzhen' });
  const services = await openServices(config, log);
  let server: FastifyInstance | undefined;
  try {
    server = await buildServer({ config, services, log, version: VERSION });
    await server.listen({ host: config.httpHost, port: config.httpPort });
  } catch (err) {
    await server?.close().catch(() => undefined);
    await services.close();
    throw err;
  }
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.httpPort;
  const url = `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${port}`;
  log.info({ url, database: services.databaseKind, queue: services.queueBackend, roles: config.roles }, 'tingzhen started');
  let closing: Promise<void> | undefined;
  const srv = server;
  return {
    url, config, services, server: srv, log,
    close() {
      closing ??= (async () => {
        log.info('shutting down');
        // Stop taking requests first, then let in-flight work finish, then stop the services.
        await srv.close();
        await services.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}
