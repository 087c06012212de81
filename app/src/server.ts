/** The HTTP server: a `build(opts)` factory of fastify plugins; `start` only listens and closes. */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config, Logger } from '@tingzhen/voice-core';
import { speechProblems, type SpeechStatus } from '@tingzhen/speech';
import type { Services } from './services.js';
import { opsAuthorized, refuseWithoutOpsToken } from './ops-token.js';
import { roleTrustProxy } from './trust-proxy.js';

export interface BuildServerOptions {
  config: Config;
  services: Services;
  log: Logger;
  version: string;
  /** What the speech engines are (gateway role only). */
  speech?: () => SpeechStatus;
  /** The languages the call scripts speak (with `speech`: a language without a voice or recogniser degrades health). */
  scriptLanguages?: readonly string[];
  /** True once shutdown began: /health says `draining` (503) so balancers send nothing new. */
  draining?: () => boolean;
}

export function buildServer(opts: BuildServerOptions): FastifyInstance {
  // The client's address and protocol: from the proxies TRUST_PROXY names (a role process behind
  // the supervisor's front door: from the front door only).
  const app = Fastify({ loggerInstance: opts.log, logController: new LogController({ disableRequestLogging: true }), trustProxy: roleTrustProxy(opts.config) }) as unknown as FastifyInstance;
  // /metrics (served by the gateway plugin) only with the ops token.
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url === '/metrics' && refuseWithoutOpsToken(req, reply, opts.config.opsToken)) return reply;
    return undefined;
  });
  app.get('/health', async (req, reply) => {
    const h = await opts.services.health();
    const draining = opts.draining?.() === true;
    const speech = opts.speech?.();
    // A language the scripts speak with no voice makes its calls silent: not serving (503). One
    // with no recogniser still serves keypad answers: degraded, but up (200).
    const problems = speech ? speechProblems(speech, opts.scriptLanguages ?? []) : [];
    const ok = h.database.ok && h.queue.ok && !problems.some((p) => p.kind === 'tts');
    const status = draining ? 'draining' : ok && problems.length === 0 ? 'ok' : 'degraded';
    reply.code(ok && !draining ? 200 : 503).header('cache-control', 'no-store');
    // The public answer is the status only; the details with the ops token (OPS_TOKEN).
    if (!opsAuthorized(req, opts.config.opsToken)) return reply.send({ status });
    return reply.send({
      status,
      version: opts.version,
      roles: opts.config.roles,
      database: h.database,
      queue: h.queue,
      // Why the status is degraded, and the fix (each language a script needs that calls cannot fully serve).
      ...(problems.length > 0 ? { problems } : {}),
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
