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
  /** What an answering machine gets: hospital name and call-back number only, never health information. */
  voicemailMessage: Type.Optional(Type.String({ maxLength: 500 })),
  /** Answering-machine detection: default on when there is a voicemail message; false turns it off. */
  amd: Type.Optional(Type.Boolean()),
}, { additionalProperties: true });
export type HttpDialBody = Static<typeof HttpDialBody>;

/** campaigns CallOutcome, as JSON. */
export type HttpCallOutcome =
  | { kind: 'answered'; amd?: 'human' | 'machine' | 'uncertain'; result: Record<string, unknown> & { answers: Record<string, unknown> } }
  | { kind: 'voicemail'; messageLeft: boolean; durationMs?: number }
  | { kind: 'no_answer' | 'busy' | 'failed' | 'rejected'; reason?: string; sipCode?: number; carrierFault?: boolean };

/** Where and how to place one call: a media target plus what the route needs to say on the wire. */
export interface DialTarget {
  /** ws:// URL of a test phone, or the callee's SIP URI through a trunk. */
  target: string;
  /** Extra SIP headers (P-Asserted-Identity for the caller id). */
  extraHeaders?: string[];
  ringTimeoutMs?: number;
}

export interface DialRouteOptions {
  dial: Dial;
  /**
   * Media target for this request (a test phone's ws:// URL, a SIP URI through a trunk), or null
   * when no route reaches it, or a refusal with its reason (a trunk at its call limit).
   */
  targetFor: (body: HttpDialBody) => string | DialTarget | null | { refuse: string; carrierFault: boolean };
  /** Time to wait for an answer, ms (default 30 s). */
  ringTimeoutMs?: number;
}

/**
 * A call that was not answered, as the campaigns outcome: the callee's busy / decline is `busy`
 * (retry later), a number that does not exist is `rejected` (the contact is unreachable), the
 * rest is `no_answer` or `failed`; `carrierFault` marks failures of the carrier or of our side.
 */
export function callOutcomeFromFailure(out: { status: 'no-answer' | 'failed'; reason: string; sipStatus?: number | null; carrierFault?: boolean }): HttpCallOutcome {
  const kind = out.status === 'no-answer' ? 'no_answer'
    : out.reason === 'busy' || out.reason === 'declined' ? 'busy'
      : out.reason === 'not-found' ? 'rejected'
        : 'failed';
  return {
    kind, reason: out.reason,
    ...(typeof out.sipStatus === 'number' ? { sipCode: out.sipStatus } : {}),
    ...(out.carrierFault ? { carrierFault: true } : {}),
  };
}

/**
 * What the pipeline reads of the campaigns request (leg parameters: script, language, greeting
 * name; the voicemail message and `amd: '1'` when answering-machine detection is on: by default
 * whenever there is a message to leave, `amd: false` in the body turns it off).
 */
export function callParametersOf(body: HttpDialBody): Record<string, string> {
  const b = body as HttpDialBody & { patient?: { name?: unknown; language?: unknown }; campaignId?: unknown };
  const p: Record<string, string> = { attemptId: body.attemptId };
  if (body.scriptId) p.script = body.scriptId;
  if (typeof b.campaignId === 'string') p.campaignId = b.campaignId;
  if (typeof b.patient?.name === 'string' && b.patient.name) p.patientName = b.patient.name;
  if (typeof b.patient?.language === 'string' && b.patient.language) p.lang = b.patient.language;
  const message = body.voicemailMessage?.trim() ?? '';
  if (message) p.voicemailMessage = message;
  if (body.amd ?? message !== '') p.amd = '1';
  return p;
}

/**
 * A finished call as the campaigns outcome: a machine (AMD) is `voicemail` (retried per the
 * campaign's policy); anything else is `answered` with the script's result and the AMD verdict
 * when detection ran ('uncertain' is a person: only a confident 'machine' is a machine).
 */
export function callOutcomeFromReport(r: CallReport): HttpCallOutcome {
  if (r.amd?.verdict === 'machine') return { kind: 'voicemail', messageLeft: r.voicemail?.messageLeft ?? false, durationMs: r.durationMs };
  return {
    kind: 'answered', ...(r.amd ? { amd: r.amd.verdict } : {}),
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
    const route = opts.targetFor(body);
    if (!route) return { kind: 'failed', reason: 'no_route', carrierFault: true } satisfies HttpCallOutcome;
    if (typeof route === 'object' && 'refuse' in route) return { kind: 'failed', reason: route.refuse, ...(route.carrierFault ? { carrierFault: true } : {}) } satisfies HttpCallOutcome;
    const target: DialTarget = typeof route === 'string' ? { target: route } : route;
    // The call ends when the worker goes away (it will retry per policy) or after maxCallMs.
    const ac = new AbortController();
    // (the response's 'close' before it finished = the client disconnected; the request's own
    // 'close' fires as soon as its body is read in Node >= 16, so it cannot tell.)
    const onGone = () => { if (!reply.raw.writableFinished) ac.abort(); };
    reply.raw.on('close', onGone);
    const limit = body.maxCallMs ? setTimeout(() => ac.abort(), body.maxCallMs) : null;
    try {
      const out = await opts.dial({
        attemptId: body.attemptId, target: target.target, extraHeaders: target.extraHeaders,
        ringTimeoutMs: target.ringTimeoutMs ?? opts.ringTimeoutMs, parameters: callParametersOf(body), signal: ac.signal,
      });
      log.info({ attemptId: body.attemptId, status: out.status, reason: out.status === 'answered' ? undefined : out.reason, amd: out.status === 'answered' ? out.report.amd?.verdict : undefined }, 'dial finished');
      if (out.status === 'answered') return callOutcomeFromReport(out.report);
      return callOutcomeFromFailure(out);
    } finally {
      if (limit) clearTimeout(limit);
      reply.raw.off('close', onGone);
    }
  });
};
