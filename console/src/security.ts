/**
 * Security headers and cookies for the whole HTTP app (issue 16 item 3), registered by
 * `consolePlugin` on the root instance so the API beside it gets them too:
 *   - @fastify/helmet with a Content-Security-Policy the built console passes (scripts, styles and
 *     connections from its own origin only; media and workers also from blob: for the recordings
 *     player and the live listen-in player); no framing (clickjacking); no referrer;
 *   - Strict-Transport-Security only on requests that came over TLS (directly or through a proxy
 *     TRUST_PROXY names): an install served over plain HTTP on the ward network is not pinned;
 *   - `Cache-Control: no-store` on every /api and /v1 answer: they carry patient data (names,
 *     numbers, answers, transcripts) that must not stay in a shared workstation's cache;
 *   - @fastify/cookie parses cookies (replacing a hand-written parser).
 */
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';

/** The console's policy; `self` covers same-origin ws:/wss: (CSP Level 3). */
export const CONSOLE_CSP: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  mediaSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** One year, s: the usual HSTS lifetime once TLS is in place. */
const HSTS_MAX_AGE_S = 365 * 24 * 3600;
const NO_STORE = /^\/(api|v1)(\/|$|\?)/;

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP },
    // Over plain HTTP these would break the console (upgrade) or pin a host to TLS it may not have.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_S}`);
    if (NO_STORE.test(request.url)) reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return payload;
  });
}
