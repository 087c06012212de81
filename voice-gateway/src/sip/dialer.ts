/**
 * The campaigns' `dial(request) -> outcome` contract (src/dial.ts) over SIP. The attempt's
 * outcome keeps carrier trouble apart from the callee's answer, because campaigns treat them
 * differently (a callee's "busy" is a business retry later; a trunk at capacity is an
 * infrastructure retry soon, and never counts against the patient):
 *
 *   reason            SIP final response (RFC 3261 section 21)            status
 *   busy              486 Busy Here, 600 Busy Everywhere                   failed
 *   declined          603 Decline                                          failed
 *   unavailable       480 Temporarily Unavailable                          no-answer
 *   no-answer         ring timeout (we CANCEL: 487), 408 Request Timeout   no-answer
 *   not-found         404, 410, 484, 604                                   failed
 *   media-rejected    488, 606                                             failed
 *   carrier-congestion 503 Service Unavailable, 500, 502, 504, 580        failed
 *   auth-required     401, 407 (no credentials configured)                 failed
 *   carrier-error     transport failure / no response / anything else      failed
 */
import { Inviter, SessionState, UserAgent } from 'sip.js';
import type { CallReport } from '../pipeline/types.js';
import type { PlaceCallRequest } from '../dial.js';
import { SipCallLeg } from './sip-call-leg.js';
import type { SipEndpoint } from './endpoint.js';

/** How long a CANCEL may take to end the INVITE (487), ms. */
const CANCEL_GRACE_MS = 4000;

export type SipDialReason =
  | 'busy' | 'declined' | 'unavailable' | 'no-answer' | 'not-found' | 'media-rejected' | 'carrier-congestion'
  | 'auth-required' | 'carrier-error';

export type SipDialOutcome =
  | { status: 'answered'; report: CallReport }
  | { status: 'no-answer' | 'failed'; reason: SipDialReason; sipStatus: number | null; /** Infrastructure fault: retry soon. */ carrierFault: boolean };

export interface SipDialRequest extends PlaceCallRequest {
  /** SIP URI of the callee (via a trunk: sip:+8610...@trunk-host:port). Patient data: never logged. */
  target: string;
  /** Extra headers (e.g. P-Asserted-Identity for the hospital's caller id, RFC 3325). */
  extraHeaders?: string[];
}

export function classifySipFailure(sipStatus: number | null, timedOut: boolean): { status: 'no-answer' | 'failed'; reason: SipDialReason; carrierFault: boolean } {
  if (timedOut || sipStatus === 408 || sipStatus === 487) return { status: 'no-answer', reason: 'no-answer', carrierFault: false };
  switch (sipStatus) {
    case 486: case 600: return { status: 'failed', reason: 'busy', carrierFault: false };
    case 603: return { status: 'failed', reason: 'declined', carrierFault: false };
    case 480: return { status: 'no-answer', reason: 'unavailable', carrierFault: false };
    case 404: case 410: case 484: case 604: return { status: 'failed', reason: 'not-found', carrierFault: false };
    case 488: case 606: return { status: 'failed', reason: 'media-rejected', carrierFault: false };
    case 500: case 502: case 503: case 504: case 580: return { status: 'failed', reason: 'carrier-congestion', carrierFault: true };
    case 401: case 407: return { status: 'failed', reason: 'auth-required', carrierFault: true };
    default: return { status: 'failed', reason: 'carrier-error', carrierFault: true };
  }
}

export interface SipDialerOptions {
  endpoint: SipEndpoint;
  runCall: (leg: SipCallLeg, request: SipDialRequest) => Promise<CallReport>;
}

export type SipDial = (request: SipDialRequest) => Promise<SipDialOutcome>;

/** One outbound SIP call attempt, up to the answer (see placeSipCall). */
export interface SipCallAttempt {
  target: string;
  /** Attempt id for logs (no patient data). */
  attemptId: string;
  ringTimeoutMs?: number;
  extraHeaders?: string[];
  /** Abort while ringing: CANCEL. */
  signal?: AbortSignal;
}

export type SipCallAttemptResult =
  | { status: 'answered'; leg: SipCallLeg }
  | { status: 'no-answer' | 'failed'; reason: SipDialReason; sipStatus: number | null; carrierFault: boolean };

/**
 * Place a call and wait for the answer: the answered leg (tracked by the endpoint, which gives it a
 * REFER fallback that bridges, see bridge.ts), or the classified failure. Used by the campaigns' dialer
 * and by the transfer bridge.
 */
export async function placeSipCall(ep: SipEndpoint, req: SipCallAttempt): Promise<SipCallAttemptResult> {
  const uri = UserAgent.makeURI(req.target);
  if (!uri) return { status: 'failed', reason: 'not-found', sipStatus: null, carrierFault: false };
  const inviter = new Inviter(ep.ua, uri, { extraHeaders: req.extraHeaders ?? [] });
  const leg = new SipCallLeg({ session: inviter, direction: 'outbound', logger: ep.log, clock: ep.opts.clock, mediaTimeoutMs: ep.opts.mediaTimeoutMs });
  ep.track(leg);
  let finalStatus: number | null = null;
  let timedOut = false;
  let gotResponse = false;
  let ringTimer: NodeJS.Timeout | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  // Ring timeout: CANCEL (RFC 3261 section 9.1) once the far end has answered anything; a far
  // end that never sent even 100 Trying is a carrier fault (nothing to cancel, section 9.1).
  // The CANCEL gets CANCEL_GRACE_MS to produce the 487 before we stop waiting.
  const giveUp = new Promise<'give-up'>((resolve) => {
    ringTimer = setTimeout(() => {
      timedOut = true;
      if (!gotResponse) {
        resolve('give-up');
        return;
      }
      if (inviter.state === SessionState.Establishing || inviter.state === SessionState.Initial) inviter.cancel().catch(() => resolve('give-up'));
      graceTimer = setTimeout(() => resolve('give-up'), CANCEL_GRACE_MS);
    }, req.ringTimeoutMs ?? 30_000);
  });
  const onAbort = () => void leg.hangup('normal');
  req.signal?.addEventListener('abort', onAbort, { once: true });
  let result: 'active' | 'give-up' | 'ended';
  try {
    await inviter.invite({
      requestDelegate: {
        onTrying: () => { gotResponse = true; },
        onProgress: () => { gotResponse = true; },
        onReject: (r) => { gotResponse = true; finalStatus = r.message.statusCode ?? null; },
      },
    });
    result = await Promise.race([leg.waitActive().then(() => 'active' as const), giveUp]);
  } catch {
    result = 'ended';
  } finally {
    clearTimeout(ringTimer);
    clearTimeout(graceTimer);
    req.signal?.removeEventListener('abort', onAbort);
  }
  if (result !== 'active') {
    leg.finish();
    const c = classifySipFailure(finalStatus, timedOut && gotResponse);
    ep.log.info({ attemptId: req.attemptId, reason: c.reason, sipStatus: finalStatus }, 'outbound sip call not answered');
    return { ...c, sipStatus: finalStatus };
  }
  return { status: 'answered', leg };
}

export function createSipDialer(opts: SipDialerOptions): SipDial {
  const ep = opts.endpoint;
  return async (req) => {
    const r = await placeSipCall(ep, req);
    if (r.status !== 'answered') return r;
    const leg = r.leg;
    req.onAnswered?.();
    const report = await opts.runCall(leg, req);
    if (leg.state !== 'closed') await leg.hangup('normal');
    return { status: 'answered', report };
  };
}
