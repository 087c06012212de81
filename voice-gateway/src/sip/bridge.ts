/**
 * Two-call bridge, the fallback when a REFER blind transfer fails (issue 7): tingzhen calls the
 * transfer target (a nurse line) on the same endpoint and, once it answers, connects the two
 * calls' media, the bot out of it.
 *
 * Media: each leg's decoded 20 ms frames (the jitter buffer's output: audio, concealment or
 * silence, every media-clock tick) are sent as RTP on the other leg, re-encoded for its codec,
 * so PCMU and PCMA sides meet and each side keeps its own SSRC / sequence / timestamps; RFC 4733
 * digits are passed on as digits. One jitter buffer of delay each way (20-200 ms, adaptive).
 * While bridged the legs stay 'active' but their audio no longer reaches `audioIn` and the bot's
 * playout is muted (SipCallLeg.setBridge).
 *
 * Ends: either side's BYE (or our hangup of either leg) hangs up the other; the side we hang up
 * because the far side left closes with closeCause 'transferred'.
 */
import { TzError, type Logger } from '@tingzhen/voice-core';
import { placeSipCall } from './dialer.js';
import type { SipCallLeg } from './sip-call-leg.js';
import type { SipEndpoint } from './endpoint.js';

export interface BridgeOptions {
  /** Give up on the target after this long ringing, ms (default 30 s; CANCEL). */
  ringTimeoutMs?: number;
  /** Extra headers on the INVITE to the target. */
  extraHeaders?: string[];
}

export class SipBridge {
  /** Frames passed a -> b and b -> a. */
  readonly frames = { aToB: 0, bToA: 0 };
  /** Resolves when both legs are closed. */
  readonly ended: Promise<void>;

  constructor(readonly a: SipCallLeg, readonly b: SipCallLeg, private readonly log: Logger) {
    a.setBridge({ frame: (s) => { this.frames.aToB++; b.sendBridgeFrame(s); }, dtmf: (d) => { b.sendDtmf(d); } });
    b.setBridge({ frame: (s) => { this.frames.bToA++; a.sendBridgeFrame(s); }, dtmf: (d) => { a.sendDtmf(d); } });
    const closed = (leg: SipCallLeg) => new Promise<void>((resolve) => {
      if (leg.state === 'closed') resolve();
      else leg.on('state', (s) => { if (s === 'closed') resolve(); });
    });
    const follow = (gone: SipCallLeg, other: SipCallLeg) => gone.on('state', (s) => {
      if (s !== 'closing' && s !== 'closed') return;
      if (other.state === 'active') {
        other.closeCause ??= 'transferred';
        void other.hangup('normal');
      }
    });
    follow(a, b);
    follow(b, a);
    if (a.state !== 'active' || b.state !== 'active') this.stop();
    this.ended = Promise.all([closed(a), closed(b)]).then(() => {
      this.log.info({ callId: a.info.callId, bridgedCallId: b.info.callId, aToB: this.frames.aToB, bToA: this.frames.bToA }, 'bridge ended');
    });
  }

  /** Hang up both calls. */
  stop(): void {
    void this.a.hangup('normal');
    void this.b.hangup('normal');
  }
}

/**
 * Call `target` from `ep` and bridge it to `leg` once it answers. Rejects with
 * TZ_ERR_SIP_REJECTED (details: method INVITE, the SIP status, the dial reason: busy, no-answer,
 * declined...) when the target does not answer; `leg` is untouched then. If `leg` ends while the
 * target rings, the attempt is cancelled.
 */
export async function bridgeLegTo(ep: SipEndpoint, leg: SipCallLeg, target: string, opts: BridgeOptions = {}): Promise<SipBridge> {
  if (leg.state !== 'active') throw new TzError('TZ_ERR_CALL_LEG', { reason: 'not-active', state: leg.state });
  const abort = new AbortController();
  const onState = (s: string) => { if (s === 'closing' || s === 'closed') abort.abort(); };
  leg.on('state', onState);
  let r: Awaited<ReturnType<typeof placeSipCall>>;
  try {
    r = await placeSipCall(ep, { target, attemptId: `bridge-${leg.info.callId}`, ringTimeoutMs: opts.ringTimeoutMs ?? 30_000, extraHeaders: opts.extraHeaders, signal: abort.signal });
  } finally {
    leg.off('state', onState);
  }
  if (r.status !== 'answered') {
    throw new TzError('TZ_ERR_SIP_REJECTED', { method: 'INVITE', status: r.sipStatus, reason: abort.signal.aborted ? 'caller-left' : r.reason });
  }
  if (leg.state !== 'active') {
    await r.leg.hangup('normal');
    throw new TzError('TZ_ERR_CALL_LEG', { reason: 'caller-left' });
  }
  const bridge = new SipBridge(leg, r.leg, ep.log);
  ep.log.info({ callId: leg.info.callId, bridgedCallId: r.leg.info.callId }, 'transfer target bridged in');
  return bridge;
}
