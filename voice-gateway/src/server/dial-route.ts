/**
 * POST /v1/dial: the campaigns `Dialer` contract over HTTP (campaigns/src/dialers/http.ts sends
 * the DialRequest as JSON and expects a CallOutcome back when the call ends). The request's
 * phone number is turned into a media target by `targetFor` (until SIP lands: the ws:// URL of a
 * test phone); the call runs through the WebSocket dialer and the pipeline. A call that cannot
 * be placed is an outcome (`failed`, `no_answer`), never an HTTP error, so the worker records it.
 * Patient data (phone, name) is never logged.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import type { Dial } from '../dial.js';
import type { CallReport } from '../pipeline/types.js';
import { checkCredentials, credentialsFromRequest, type GatewayAuthOptions } from './auth.js';

/** What the gateway reads of the campaigns DialRequest; other fields pass through untouched. */
export const HttpDialBody = Type.Object({
  attemptId: Type.String({ minLength: 1, maxLength: 200 }),
  phone: Type.String({ minLength: 1, maxLength: 64 }),
  scriptId: Type.Optional(Type.String()),
  /** The longest the call may last, ms; the gateway ends it after that. */
  maxCallMs: Type.Optional(Type.Integer({ minimum: 1000 })),
}, { additionalProperties: true });
export type HttpDialBody = Static<typeof HttpDialBody>;

/** campaigns CallOutcome, as JSON. */
export type HttpCallOutcome =
  | { kind: 'answered'; amd?: 'human' | 'machine' | 'uncertain'; result: Record<string, unknown> & { answers: Record<string, unknown> } }
  | { kind: 'no_answer' | 'failed'; reason?: string };

export interface DialRouteOptions {
  dial: Dial;
  /** Media target for this request (e.g. a test phone's ws:// URL), or null when unreachable. */
  targetFor: (body: HttpDialBody) => string | null;
  /** Time to wait for an answer, ms (default 30 s). */
  ringTimeoutMs?: number;
}

/** A finished call as the campaigns result (answers, disposition, transcript in its speaker names). */
export function callOutcomeFromReport(r: CallReport): HttpCallOutcome {
  return {
    kind: 'answered', amd: 'human',
    result: {
      answers: r.result?.answers ?? {},
      disposition: r.result?.disposition ?? null,
      redFlags: r.result?.redFlags ?? [],
      transcript: r.transcript.map((t) => ({ speaker: t.speaker === 'bot' ? 'bot' : 'patient', text: t.text, startMs: t.startMs, endMs: t.endMs, ...(t.confidence === undefined ? {} : { confidence: t.confidence }) })),
      recordingRef: r.recordingFile ?? null,
      durationMs: r.durationMs,
      hangupReason: r.endReason,
    },
  };
}

export const dialRoute: FastifyPluginAsync<DialRouteOptions & { auth: GatewayAuthOptions; logger?: Logger }> = async (app, opts) => {
  const log = opts.logger ?? createLogger({ name: 'dial-route' });
  app.post<{ Body: HttpDialBody }>('/v1/dial', { schema: { body: HttpDialBody } }, async (req, reply) => {
    const auth = checkCredentials(opts.auth, credentialsFromRequest(req.query as Record<string, unknown>, req.headers));
    if (!auth.ok) {
      log.warn({ problem: auth.problem }, 'dial request refused');
      return reply.code(401).send({ code: 'TZ_ERR_AUTH', problem: auth.problem });
    }
    const body = req.body;
    const target = opts.targetFor(body);
    if (!target) return { kind: 'failed', reason: 'no_route' } satisfies HttpCallOutcome;
    // The call ends when the worker goes away (it will retry per policy) or after maxCallMs.
    const ac = new AbortController();
    // (the response's 'close' before it finished = the client disconnected; the request's own
    // 'close' fires as soon as its body is read in Node >= 16, so it cannot tell.)
    const onGone = () => { if (!reply.raw.writableFinished) ac.abort(); };
    reply.raw.on('close', onGone);
    const limit = body.maxCallMs ? setTimeout(() => ac.abort(), body.maxCallMs) : null;
    try {
      const out = await opts.dial({ attemptId: body.attemptId, target, ringTimeoutMs: opts.ringTimeoutMs, signal: ac.signal });
      log.info({ attemptId: body.attemptId, status: out.status }, 'dial finished');
      if (out.status === 'answered') return callOutcomeFromReport(out.report);
      return { kind: out.status === 'no-answer' ? 'no_answer' : 'failed', reason: out.reason } satisfies HttpCallOutcome;
    } finally {
      if (limit) clearTimeout(limit);
      reply.raw.off('close', onGone);
    }
  });
};
