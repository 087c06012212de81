/**
 * CallLeg over a sip.js Session (inbound Invitation or outbound Inviter) with our RTP media.
 *
 * State: connecting (INVITE ringing / being placed) -> active (200 OK + ACK, media up)
 *        -> closing (we sent BYE) -> closed; connecting -> closed (CANCEL, reject, failure).
 * Caller audio: the jitter buffer's 20 ms frames (audio, concealment, silence) from the first
 * packet on, stamped on the leg's own media clock (frame count x 20 ms). DTMF: RFC 4733 from RTP
 * and SIP INFO (application/dtmf-relay, application/dtmf). Bot audio: Playout paced by the shared
 * media clock, one RTP packet per 20 ms frame.
 */
import { EventEmitter } from 'node:events';
import { Info, SessionState, UserAgent, type Invitation, type Inviter, type Session } from 'sip.js';
import {
  assertLegTransition, TzError, type AudioFrame, type CallLeg, type CallLegEvents, type CallLegInfo, type CallLegState,
  type HangupReason, type Logger,
} from '@tingzhen/voice-core';
import { AsyncQueue } from '../legs/async-queue.js';
import { Playout } from '../legs/playout.js';
import type { MediaClock } from '../legs/media-clock.js';
import type { RtpSessionStats } from '../rtp/index.js';
import type { RtpSessionDescriptionHandler } from './rtp-sdh.js';

export type SipCloseCause = 'remote-bye' | 'hangup' | 'cancelled' | 'rejected' | 'failed' | 'media-timeout' | 'session-timer';

export interface SipCallLegOptions {
  session: Session;
  direction: 'inbound' | 'outbound';
  logger: Logger;
  clock?: MediaClock;
  /** Playout lead, frames (see Playout). */
  leadFrames?: number;
  /** Close when no RTP arrives for this long once active, ms (0 = never). */
  mediaTimeoutMs?: number;
  /** Negotiated session timer (RFC 4028): who refreshes, and the interval. */
  sessionTimer?: { intervalS: number; refresher: 'uac' | 'uas' };
}

const FRAME_MS = 20;

export class SipCallLeg extends EventEmitter implements CallLeg {
  private _state: CallLegState = 'connecting';
  readonly info: CallLegInfo;
  readonly sampleRate = 8000;
  private readonly queue = new AsyncQueue<AudioFrame>();
  private playout: Playout | null = null;
  private framesIn = 0;
  private readonly log: Logger;
  private readonly activeWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private mediaTimer: NodeJS.Timeout | null = null;
  private statsRef: RtpSessionStats | null = null;
  private sessionTimerHandle: NodeJS.Timeout | null = null;
  closeCause: SipCloseCause | null = null;
  /** Final SIP status of a failed outbound attempt / rejected inbound call. */
  finalStatus: number | null = null;

  constructor(private readonly opts: SipCallLegOptions) {
    super();
    this.log = opts.logger;
    const s = opts.session as Invitation | Inviter;
    const callId = 'callId' in s.request ? s.request.callId : s.id;
    this.info = {
      callId,
      direction: opts.direction,
      from: s.remoteIdentity?.uri?.user ?? undefined,
      to: s.localIdentity?.uri?.user ?? undefined,
      parameters: {},
    };
    if (opts.direction === 'outbound') {
      this.info.from = s.localIdentity?.uri?.user ?? undefined;
      this.info.to = s.remoteIdentity?.uri?.user ?? undefined;
    }
    opts.session.stateChange.addListener((st) => this.onSessionState(st));
    opts.session.delegate = {
      onInfo: (info: Info) => this.onInfo(info),
      // any re-INVITE from the peer refreshes the session (RFC 4028 section 10)
      onInvite: () => this.armSessionTimer(),
    };
  }

  get state(): CallLegState { return this._state; }
  get sessionTimer(): { intervalS: number; refresher: 'uac' | 'uas' } | undefined { return this.opts.sessionTimer; }
  get session(): Session { return this.opts.session; }
  get audioIn(): AsyncIterable<AudioFrame> { return this.queue; }
  get sdh(): RtpSessionDescriptionHandler | undefined {
    return this.opts.session.sessionDescriptionHandler as RtpSessionDescriptionHandler | undefined;
  }
  /** Media statistics (kept after the call ends). */
  get rtpStats(): RtpSessionStats | null {
    return this.statsRef ?? this.sdh?.rtp?.stats ?? null;
  }

  /** Resolves once the call is answered and media runs; rejects if it ends first. */
  waitActive(): Promise<void> {
    if (this._state === 'active') return Promise.resolve();
    if (this._state !== 'connecting') return Promise.reject(new TzError('TZ_ERR_CALL_LEG', { reason: this.closeCause ?? 'closed' }));
    return new Promise((resolve, reject) => this.activeWaiters.push({ resolve, reject }));
  }

  private onSessionState(st: SessionState): void {
    if (st === SessionState.Established) this.activate();
    else if (st === SessionState.Terminated) {
      this.closeCause ??= this._state === 'connecting' ? 'cancelled' : 'remote-bye';
      this.finish();
    }
  }

  private activate(): void {
    if (this._state !== 'connecting') return;
    const sdh = this.sdh;
    if (!sdh?.rtp) {
      this.log.warn({ callId: this.info.callId }, 'sip session established without media, hanging up');
      this.closeCause = 'failed';
      void this.hangup('error');
      return;
    }
    const rtp = sdh.rtp;
    this.statsRef = rtp.stats;
    sdh.onFrame = (samples) => {
      if (this._state !== 'active') return;
      this.queue.push({ samples, sampleRate: 8000, startMs: this.framesIn++ * FRAME_MS });
    };
    sdh.onDtmf = (digit, durationMs) => {
      if (this._state === 'active') this.emit('dtmf', { digit, atMs: this.framesIn * FRAME_MS, source: 'rfc4733', durationMs });
    };
    this.playout = new Playout({ sendFrame: (s) => rtp.sendFrame(s), afterItem: () => this.emit('mark', 'played') }, {
      sampleRate: 8000, leadFrames: this.opts.leadFrames, clock: this.opts.clock,
    });
    this.setState('active');
    if (this.opts.mediaTimeoutMs) {
      let lastCount = -1;
      this.mediaTimer = setInterval(() => {
        const n = rtp.stats.packetsReceived;
        if (n === lastCount && sdh.rtp?.localDirection !== 'inactive' && sdh.rtp?.localDirection !== 'sendonly') {
          this.closeCause = 'media-timeout';
          void this.hangup('timeout');
        }
        lastCount = n;
      }, this.opts.mediaTimeoutMs);
      this.mediaTimer.unref();
    }
    this.armSessionTimer();
    for (const w of this.activeWaiters.splice(0)) w.resolve();
  }

  /**
   * RFC 4028 section 10: as refresher (uas) we re-INVITE at half the interval; otherwise we
   * expect the peer's refresh and send BYE when none came by interval - min(32 s, interval/3).
   */
  private armSessionTimer(): void {
    const t = this.opts.sessionTimer;
    if (!t || this._state !== 'active') return;
    if (this.sessionTimerHandle) clearTimeout(this.sessionTimerHandle);
    if (t.refresher === 'uas') {
      this.sessionTimerHandle = setTimeout(() => {
        this.opts.session.invite().then(() => this.armSessionTimer(), () => this.armSessionTimer());
      }, (t.intervalS * 1000) / 2);
    } else {
      const waitMs = (t.intervalS - Math.min(32, t.intervalS / 3)) * 1000;
      this.sessionTimerHandle = setTimeout(() => {
        this.log.info({ callId: this.info.callId }, 'session timer expired without refresh, hanging up');
        this.closeCause = 'session-timer';
        void this.hangup('timeout');
      }, waitMs);
    }
    this.sessionTimerHandle.unref();
  }

  private onInfo(info: Info): void {
    const ct = (info.request.getHeader('content-type') ?? '').toLowerCase();
    const body = info.request.body ?? '';
    let digit: string | undefined;
    if (ct.startsWith('application/dtmf-relay')) digit = /signal\s*=\s*([0-9*#A-Da-d])/i.exec(body)?.[1];
    else if (ct.startsWith('application/dtmf')) digit = /^\s*([0-9*#A-Da-d])\s*$/.exec(body)?.[1];
    if (digit === undefined) {
      void info.reject({ statusCode: 415 }).catch(() => {});
      return;
    }
    void info.accept().catch(() => {});
    if (this._state === 'active') this.emit('dtmf', { digit: digit.toUpperCase(), atMs: this.framesIn * FRAME_MS, source: 'sip-info' });
  }

  play(frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>, signal?: AbortSignal): Promise<void> {
    if (this._state !== 'active' || !this.playout) return Promise.reject(new TzError('TZ_ERR_CALL_LEG', { reason: 'not-active', state: this._state }));
    return this.playout.play(frames, signal);
  }

  clearPlayout(): void {
    this.playout?.clear();
  }

  /** Send a DTMF digit to the peer (RFC 4733). */
  sendDtmf(digit: string): boolean {
    return this._state === 'active' && (this.sdh?.sendDtmf(digit) ?? false);
  }

  /** Blind transfer (RFC 3515 REFER): resolves when the peer accepts the REFER (202). */
  async transfer(target: string): Promise<void> {
    if (this._state !== 'active') throw new TzError('TZ_ERR_CALL_LEG', { reason: 'not-active' });
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new TzError('TZ_ERR_VALIDATION', { field: 'target', reason: 'not a SIP URI' });
    await new Promise<void>((resolve, reject) => {
      this.opts.session.refer(uri, {
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (r) => reject(new TzError('TZ_ERR_SIP_REJECTED', { status: r.message.statusCode, method: 'REFER' })),
        },
      }).catch(reject);
    });
  }

  async hangup(reason: HangupReason): Promise<void> {
    if (this._state === 'closed' || this._state === 'closing') return;
    this.closeCause ??= 'hangup';
    const s = this.opts.session;
    try {
      if (this._state === 'active') {
        this.setState('closing');
        this.playout?.close();
        // Not awaited: sip.js holds a BYE until the ACK of our 200 arrives (RFC 3261 section
        // 15: up to 64*T1 = 32 s); the leg closes now and the BYE follows in the background.
        if (s.state === SessionState.Established) s.bye().catch(() => {});
      } else if (s.state === SessionState.Initial || s.state === SessionState.Establishing) {
        if (this.opts.direction === 'inbound') await (s as Invitation).reject({ statusCode: reason === 'rejected' ? 603 : 480 });
        else await (s as Inviter).cancel();
      }
    } catch (err) {
      this.log.debug({ callId: this.info.callId, err: err instanceof Error ? err.message : 'unknown' }, 'sip hangup request failed');
    }
    this.finish();
  }

  /** Close without signalling (the session already ended). */
  finish(): void {
    if (this._state === 'closed') return;
    if (this.mediaTimer) clearInterval(this.mediaTimer);
    if (this.sessionTimerHandle) clearTimeout(this.sessionTimerHandle);
    this.playout?.close();
    this.queue.end();
    if (this.sdh) {
      this.sdh.onFrame = null;
      this.sdh.onDtmf = null;
    }
    this.setState('closed');
    for (const w of this.activeWaiters.splice(0)) w.reject(new TzError('TZ_ERR_CALL_LEG', { reason: this.closeCause ?? 'closed', status: this.finalStatus }));
    // sip.js closes the session description handler (and with it the RTP ports) on termination;
    // if the session is still up (e.g. BYE failed to send), close the media ourselves.
    if (this.opts.session.state !== SessionState.Terminated) this.sdh?.close();
  }

  private setState(to: CallLegState): void {
    assertLegTransition(this._state, to);
    this._state = to;
    this.emit('state', to);
  }

  override on<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): this {
    return super.on(event, listener);
  }
  override off<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): this {
    return super.off(event, listener);
  }
}
