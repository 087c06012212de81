/** The HTTP server: a `build(opts)` factory of fastify plugins; `start` only listens and closes. */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config, Logger } from '@tingzhen/voice-core';
import type { SpeechStatus } from '@tingzhen/speech';
import type { Services } from './services.js';

export interface BuildServerOptions {
  config: Config;
  services: Services;
  log: Logger;
  version: string;
  /** What the speech engines are (gateway role only). */
  speech?: () => SpeechStatus;
  /** True once shutdown began: /health says `draining` (503) so balancers send nothing new. */
  draining?: () => boolean;
}

export function buildServer(opts: BuildServerOptions): FastifyInstance {
  // A role process behind the supervisor's front door (loopback) takes the caller's address from it.
  const app = Fastify({ loggerInstance: opts.log, logController: new LogController({ disableRequestLogging: true }), trustProxy: opts.config.supervisedChild ? '127.0.0.1' : false }) as unknown as FastifyInstance;
  app.get('/health', async (_req, reply) => {
    const h = await opts.services.health();
    const ok = h.database.ok && h.queue.ok;
    const draining = opts.draining?.() === true;
    const speech = opts.speech?.();
    return reply.code(ok && !draining ? 200 : 503).send({
      status: draining ? 'draining' : ok ? 'ok' : 'degraded',
      version: opts.version,
      roles: opts.config.roles,
      database: h.database,
      queue: h.queue,
      ...(speech ? {
        speech: {
          degraded: speech.degraded,
          fallbackInUse: speech.engines.some((e) => e.state === 'fallback'),
          engines: speech.engines,
          // What a call in each language gets: its own recogniser and voice, or which fallback.
          languages: Object.fromEntries([...new Set(speech.engines.filter((e) => e.language !== '*').map((e) => e.language))].map((lang) => [lang, {
            asr: speech.engines.find((e) => e.kind === 'asr' && e.language === lang)?.state ?? 'missing',
            tts: speech.engines.find((e) => e.kind === 'tts' && e.language === lang)?.state ?? 'missing',
          }])),
        },
      } : {}),
    });
  });
  return app;
}
