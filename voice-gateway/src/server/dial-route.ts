/**
 * POST /v1/dial: the campaigns `Dialer` contract over HTTP (campaigns/src/dialers/http.ts sends
 * the PlaceCallRequest as JSON and expects a CallOutcome back when the call ends). The request's
 * phone number is turned into a media target by `targetFor` (until SIP lands: the ws:// URL of a
 * test phone); the call runs through the WebSocket dialer and the pipeline. A call that cannot
 * be placed is an outcome (`failed`, `no_answer`), never an HTTP error, so the worker records it.
 * Patient data (phone, name) is never logged.
 *
 * Only a `dial` token opens it (the worker signs one per request, for that request's attempt):
 * media and test-call tokens and peers get 403, a token for another attempt too. Then, before
 * anything rings, `admit` (the composition root wires campaigns' `admitGatewayDial`) checks the
 * request against the database itself (defence in depth: the attempt is being dialled, the number
 * is its own, do-not-call, consent, calling windows) and writes the audit row of the call.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { callResultFromReport, createLogger, DialRequestSchema, type CallOutcome, type CallReport, type DialRequestWire, type Logger } from '@tingzhen/voice-core';
import type { Dial } from '../dial.js';
import { checkCredentials, credentialsFromRequest, type AuthResult, type GatewayAuthOptions } from './auth.js';

/** The request body: the campaigns PlaceCallRequest as it travels (voice-core contracts/dial.ts). */
export const HttpDialBody = DialRequestSchema;
export type HttpDialBody = DialRequestWire;

/** The campaigns CallOutcome, as JSON. */
export type HttpCallOutcome = CallOutcome;

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
  /** False while the gateway drains for shutdown: no new call is placed (a carrier-side failure, retried soon). */
  accepting?: () => boolean;
  /**
   * The gateway files what it owns: `hold` is called when the call is placed (a lease on the
   * attempt, renewed while the call lasts) and `file` with the outcome when it ends, before the
   * reply. With them, the worker going away no longer ends the call: it runs to its own end.
   */
  /**
   * The gateway's own check of a dial before it rings anyone (defence in depth), which also writes
   * the audit row of the call it places; a refusal answers 403 with the reason (the worker files a
   * carrier-side failure and its next claim sees why). Unset: no check (a gateway without a database).
   */
  admit?: (body: HttpDialBody, who: { principal: string }) => Promise<{ ok: true } | { ok: false; reason: string }>;
  owner?: {
    /** Resolves true when this gateway now holds the attempt (a campaign attempt that is dialing). */
    hold(attemptId: string): Promise<boolean>;
    release(attemptId: string): void;
    file(attemptId: string, outcome: CallOutcome): Promise<unknown>;
  };
}

/**
 * A call that was not answered, as the campaigns outcome: the callee's busy / decline is `busy`
 * (retry later), a number that does not exist is `rejected` (the contact is unreachable), the
 * rest is `no_answer` or `failed`; `carrierFault` marks failures of the carrier or of our side.
 */
export function callOutcomeFromFailure(out: { status: 'no-answer' | 'failed'; reason: string; sipStatus?: number | null; carrierFault?: boolean }): CallOutcome {
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
 * What the pipeline reads of the campaigns request, as leg parameters (kept in this process,
 * never sent to the callee): script, language, the patient record (JSON) for the script's
 * templates, whether the campaign records, the voicemail message, `amd: '1'` when
 * answering-machine detection is on (by default whenever there is a message to leave) and, for the
 * retry of an interrupted call, the answers it kept (`interruptedAttempt`, JSON).
 */
export function callParametersOf(body: HttpDialBody): Record<string, string> {
  const p: Record<string, string> = { attemptId: body.attemptId, campaignId: body.campaignId, script: body.scriptId, record: body.record === false ? '0' : '1' };
  if (body.patient.language) p.lang = body.patient.language;
  p.patient = JSON.stringify(body.patient);
  const message = body.voicemailMessage.trim();
  if (message) p.voicemailMessage = message;
  if (body.amd ?? message !== '') p.amd = '1';
  // The retry of an interrupted call: the answers it kept, for the script to resume or restart.
  if (body.interruptedAttempt) p.interruptedAttempt = JSON.stringify(body.interruptedAttempt);
  return p;
}

/**
 * A finished call as the campaigns outcome: a machine (AMD) is `voicemail` (retried per the
 * campaign's policy); anything else is `answered` with the call's whole result (callResultFromReport)
 * and the AMD verdict when detection ran ('uncertain' is a person: only a confident 'machine' is one).
 */
export function callOutcomeFromReport(r: CallReport): CallOutcome {
  if (r.amd?.verdict === 'machine') return { kind: 'voicemail', messageLeft: r.voicemail?.messageLeft ?? false, durationMs: r.durationMs, recordingRef: r.recordingFile ?? null };
  return { kind: 'answered', ...(r.amd ? { amd: r.amd.verdict } : {}), result: callResultFromReport(r) };
}

export const dialRoute: FastifyPluginAsync<DialRouteOptions & { auth: GatewayAuthOptions; logger?: Logger }> = async (app, opts) => {
  const log = opts.logger ?? createLogger({ name: 'dial-route' });
  const principals = new WeakMap<FastifyRequest, Extract<AuthResult, { ok: true }>>();
  // Credentials are checked before the body is read: an unauthenticated caller learns nothing of the contract.
  const authorize = async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = checkCredentials(opts.auth, credentialsFromRequest(req.query as Record<string, unknown>, req.headers));
    if (!auth.ok) {
      log.warn({ problem: auth.problem }, 'dial request refused');
      return reply.code(401).send({ code: 'TZ_ERR_AUTH', problem: auth.problem });
    }
    // Only the worker's dial token places calls: a media or test-call token, or a media peer, never does.
    if (auth.kind !== 'dial' && auth.kind !== 'unauthenticated') {
      log.warn({ problem: 'wrong-token-kind', kind: auth.kind }, 'dial request refused');
      return reply.code(403).send({ code: 'TZ_ERR_FORBIDDEN', problem: 'wrong-token-kind' });
    }
    principals.set(req, auth);
    return undefined;
  };
  app.post<{ Body: HttpDialBody }>('/v1/dial', { onRequest: authorize, schema: { body: HttpDialBody } }, async (req, reply) => {
    const body = req.body;
    const who = principals.get(req)!;
    // A dial token is good for the one attempt it was signed for.
    if (who.claims && who.claims.attemptId !== body.attemptId) {
      log.warn({ problem: 'token-for-another-attempt', attemptId: body.attemptId }, 'dial request refused');
      return reply.code(403).send({ code: 'TZ_ERR_FORBIDDEN', problem: 'token-for-another-attempt' });
    }
    if (opts.accepting && !opts.accepting()) return { kind: 'failed', reason: 'gateway_draining', carrierFault: true } satisfies CallOutcome;
    const route = opts.targetFor(body);
    if (!route) return { kind: 'failed', reason: 'no_route', carrierFault: true } satisfies CallOutcome;
    if (typeof route === 'object' && 'refuse' in route) return { kind: 'failed', reason: route.refuse, ...(route.carrierFault ? { carrierFault: true } : {}) } satisfies CallOutcome;
    const target: DialTarget = typeof route === 'string' ? { target: route } : route;
    if (opts.admit) {
      // Fails closed: a check that cannot run (database unreachable) places no call; the worker retries soon.
      const admitted = await opts.admit(body, { principal: who.principal }).catch((err: unknown) => {
        log.error({ attemptId: body.attemptId, err: { message: (err as Error).message } }, 'dial check failed: no call placed');
        return null;
      });
      if (!admitted) return { kind: 'failed', reason: 'gateway_check_unavailable', carrierFault: true } satisfies CallOutcome;
      if (!admitted.ok) {
        log.warn({ problem: admitted.reason, attemptId: body.attemptId }, 'dial request refused by the gateway\'s own check');
        return reply.code(403).send({ code: 'TZ_ERR_FORBIDDEN', problem: admitted.reason });
      }
    }
    // The call ends after maxCallMs; and, unless this gateway files the call itself, when the
    // worker goes away (it will retry per policy).
    const ac = new AbortController();
    const owner = opts.owner;
    // (the response's 'close' before it finished = the client disconnected; the request's own
    // 'close' fires as soon as its body is read in Node >= 16, so it cannot tell.)
    const onGone = () => {
      if (reply.raw.writableFinished) return;
      if (owner) log.warn({ attemptId: body.attemptId }, 'the worker went away; the call goes on and this gateway files it');
      else ac.abort();
    };
    reply.raw.on('close', onGone);
    const limit = body.maxCallMs ? setTimeout(() => ac.abort(), body.maxCallMs) : null;
    const held = owner ? await owner.hold(body.attemptId).catch((err: unknown) => { log.warn({ attemptId: body.attemptId, err: { message: (err as Error).message } }, 'call lease not taken'); return false; }) : false;
    // A call this gateway holds is answered to the worker as soon as the callee picks up
    // ('accepted'): the worker is free at once, and the outcome is filed here when the call ends.
    let answered!: () => void;
    const pickedUp = new Promise<void>((r) => { answered = r; });
    const call = (async () => {
      try {
        const out = await opts.dial({
          attemptId: body.attemptId, target: target.target, extraHeaders: target.extraHeaders,
          ringTimeoutMs: target.ringTimeoutMs ?? opts.ringTimeoutMs, parameters: callParametersOf(body), signal: ac.signal, onAnswered: answered,
        });
        log.info({ attemptId: body.attemptId, status: out.status, reason: out.status === 'answered' ? undefined : out.reason, amd: out.status === 'answered' ? out.report.amd?.verdict : undefined }, 'dial finished');
        const outcome = out.status === 'answered' ? callOutcomeFromReport(out.report) : callOutcomeFromFailure(out);
        if (owner) {
          // Filed here first; a worker reading the same outcome then finds it done (idempotent).
          await owner.file(body.attemptId, outcome).catch((err: unknown) => log.error({ attemptId: body.attemptId, err: { message: (err as Error).message } }, 'call outcome not filed by the gateway'));
        }
        return outcome;
      } finally {
        if (limit) clearTimeout(limit);
        owner?.release(body.attemptId);
      }
    })();
    try {
      if (held) {
        const first = await Promise.race([call, pickedUp.then(() => 'accepted' as const)]);
        if (first === 'accepted') {
          void call.catch(() => undefined);
          return { kind: 'accepted' } satisfies CallOutcome;
        }
        return first;
      }
      return await call;
    } finally {
      reply.raw.off('close', onGone);
    }
  });
};
