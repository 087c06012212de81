/**
 * CallLeg over a sip.js Session (inbound Invitation or outbound Inviter) with our RTP media.
 *
 * State: connecting (INVITE ringing / being placed) -> active (200 OK + ACK, media up)
 *        -> closing (we sent BYE) -> closed; connecting -> closed (CANCEL, reject, failure).
 * Caller audio: the jitter buffer's 20 ms frames (audio, concealment, silence) from the first
 * packet on, stamped on the leg's own media clock (frame count x 20 ms). DTMF: RFC 4733 from RTP
 * and SIP INFO (application/dtmf-relay, application/dtmf). Bot audio: Playout paced by the shared
 * media clock, one RTP packet per 20 ms frame.
 *
 * Transfer (`transfer(target)`): RFC 3515 REFER, followed to its end through the NOTIFY sipfrags
 * (RFC 3515 section 2.4.5). When the peer refuses it (405 / 501 / 403 ...), never answers it, or
 * reports a failed transfer in a NOTIFY, `referFallback` (set by SipEndpoint.track for every leg
 * it follows, inbound or outbound) bridges the target in with a second call (bridge.ts).
 *
 * Bridged (`bridged` true, see `setBridge`): the leg stays 'active' for the pipeline, but the
 * caller's frames and RFC 4733 digits go to the bridge instead of `audioIn` / 'dtmf' (the bot
 * hears nothing of the nurse conversation), and the bot is muted: the playout is cleared and
 * `play()` resolves at once without sending. The leg closes with the bridge (either side's BYE).
 *
 * Session timers (RFC 4028): see armSessionTimer; a peer's refresh may come as re-INVITE or as
 * UPDATE (sip.js answers UPDATE 405 itself: we take it out of the user-agent core for our dialogs).
 */
import { EventEmitter } from 'node:events';
import { Core, Info, NameAddrHeader, SessionState, UserAgent, type Invitation, type Inviter, type Session } from 'sip.js';
import {
  assertLegTransition, TzError, type AudioFrame, type CallLeg, type CallLegEvents, type CallLegInfo, type CallLegState,
  type HangupReason, type Logger,
} from '@tingzhen/voice-core';
import { AsyncQueue } from '../legs/async-queue.js';
import { Playout } from '../legs/playout.js';
import type { MediaClock } from '../legs/media-clock.js';
import type { RtpSessionStats } from '../rtp/index.js';
import type { RtpSessionDescriptionHandler } from './rtp-sdh.js';

export type SipCloseCause = 'remote-bye' | 'hangup' | 'cancelled' | 'rejected' | 'failed' | 'media-timeout' | 'session-timer'
  /** The call was handed over: REFER completed (NOTIFY 2xx), or the bridge ended from the far side. */
  | 'transferred';

/** Where a bridged leg's media goes (bridge.ts). */
export interface BridgeSink {
  frame(samples: Int16Array): void;
  dtmf?(digit: string): void;
}

/** How long a REFER may take, ms (SipCallLeg.referTimeouts). */
export interface ReferTimeouts {
  /** For the REFER's final response. */
  responseMs: number;
  /** After 202, for the first NOTIFY; none by then: a peer that does not report (taken as accepted). */
  firstNotifyMs: number;
  /** After the first NOTIFY, for the final sipfrag (the transfer target answering); then the fallback. */
  finalNotifyMs: number;
}

type ReferOutcome = { ok: true; how: 'notify' | 'accepted' | 'ended' } | { ok: false; status: number | null; reason: 'rejected' | 'timeout' | 'notify' | 'failed' };

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
  /** See SipCallLeg.referFallback. */
  referFallback?: (target: string) => Promise<unknown>;
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
  private timer: { intervalS: number; refresher: 'uac' | 'uas' } | undefined;
  private bridgeSink: BridgeSink | null = null;
  /** Session refreshes seen from the peer (re-INVITE or UPDATE) and sent by us. */
  readonly refreshes = { received: 0, sent: 0 };
  /**
   * When a REFER fails (refused, unanswered, NOTIFY with a non-2xx sipfrag): place a second call
   * to the target and bridge it in (resolve once bridged; reject when the target does not answer).
   */
  referFallback: ((target: string) => Promise<unknown>) | undefined;
  referTimeouts: ReferTimeouts = { responseMs: 8000, firstNotifyMs: 2000, finalNotifyMs: 30_000 };
  closeCause: SipCloseCause | null = null;
  /** Final SIP status of a failed outbound attempt / rejected inbound call. */
  finalStatus: number | null = null;

  constructor(private readonly opts: SipCallLegOptions) {
    super();
    this.log = opts.logger;
    this.timer = opts.sessionTimer ? { ...opts.sessionTimer } : undefined;
    this.referFallback = opts.referFallback;
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
      onInvite: (_req, _res, status) => {
        if (status >= 300) return;
        this.refreshes.received++;
        this.armSessionTimer();
      },
    };
    // The 2xx to a peer's refresh re-INVITE carries Session-Expires (RFC 4028 section 9): wrap
    // sip.js's own re-INVITE handling to add it (it builds the response with Contact only).
    const sess = opts.session as unknown as { onInviteRequest(r: Core.IncomingInviteRequest): void };
    const own = sess.onInviteRequest.bind(opts.session);
    sess.onInviteRequest = (r) => {
      this.adoptRefresh(r.message);
      const headers = this.refreshResponseHeaders(r.message);
      if (headers.length > 0) {
        const accept = r.accept.bind(r);
        r.accept = (o) => accept({ statusCode: 200, ...o, extraHeaders: [...(o?.extraHeaders ?? []), ...headers] });
      }
      own(r);
    };
  }

  get state(): CallLegState { return this._state; }
  get sessionTimer(): { intervalS: number; refresher: 'uac' | 'uas' } | undefined { return this.timer; }
  /** True while the leg's media is bridged to another call (the bot is out of it). */
  get bridged(): boolean { return this.bridgeSink !== null; }
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
      if (this.bridgeSink) {
        this.bridgeSink.frame(samples);
        return;
      }
      this.queue.push({ samples, sampleRate: 8000, startMs: this.framesIn++ * FRAME_MS });
    };
    sdh.onDtmf = (digit, durationMs) => {
      if (this.bridgeSink) this.bridgeSink.dtmf?.(digit);
      else if (this._state === 'active') this.emit('dtmf', { digit, atMs: this.framesIn * FRAME_MS, source: 'rfc4733', durationMs });
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
    const dialog = this.opts.session.dialog as Core.SessionDialog | undefined; // sip.js types it as its core Session interface
    if (dialog) onUpdateFor(dialog, (m) => this.onUpdate(m, dialog));
    for (const w of this.activeWaiters.splice(0)) w.resolve();
  }

  /**
   * RFC 4028 section 10: as refresher (uas) we re-INVITE at half the interval (with
   * Session-Expires, refresher=uac: we are the refresh's UAC); otherwise we expect the peer's
   * refresh (re-INVITE or UPDATE) and send BYE when none came by interval - min(32 s, interval/3).
   */
  private armSessionTimer(): void {
    const t = this.timer;
    if (!t || this._state !== 'active') return;
    if (this.sessionTimerHandle) clearTimeout(this.sessionTimerHandle);
    if (t.refresher === 'uas') {
      this.sessionTimerHandle = setTimeout(() => {
        this.refreshes.sent++;
        const extraHeaders = [`Session-Expires: ${t.intervalS};refresher=uac`, 'Supported: timer'];
        this.opts.session.invite({ requestOptions: { extraHeaders } }).then(() => this.armSessionTimer(), () => this.armSessionTimer());
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

  /**
   * A peer's refresh may change the interval or who refreshes (RFC 4028 section 9). In the peer's
   * refresh the peer is the UAC, as in its initial INVITE, so refresher=uac still means the peer.
   */
  private adoptRefresh(req: Core.IncomingRequestMessage): void {
    if (!this.timer) return;
    const m = /^\s*(\d{1,9})\s*(?:;(.*))?$/.exec(req.getHeader('session-expires') ?? req.getHeader('x') ?? '');
    if (!m) return;
    const intervalS = Number(m[1]);
    if (intervalS < 1) return;
    const asked = /refresher\s*=\s*(uac|uas)/i.exec(m[2] ?? '')?.[1]?.toLowerCase() as 'uac' | 'uas' | undefined;
    this.timer = { intervalS, refresher: asked ?? this.timer.refresher };
  }

  private refreshResponseHeaders(req: Core.IncomingRequestMessage): string[] {
    const t = this.timer;
    if (!t) return [];
    const supported = [...(req.getHeaders('supported') ?? []), ...(req.getHeaders('require') ?? []), ...(req.getHeaders('k') ?? [])].join(',').toLowerCase();
    const timerOk = /(^|[\s,])timer([\s,]|$)/.test(supported);
    return [`Session-Expires: ${t.intervalS};refresher=${t.refresher}`, ...(timerOk ? ['Require: timer'] : [])];
  }

  /**
   * In-dialog UPDATE (RFC 3311), the other RFC 4028 refresh: sip.js refuses the method (405), so
   * the user-agent core hands our dialogs' UPDATEs here. Dialog rules as for any in-dialog
   * request (CSeq order, target refresh); an SDP offer is answered by our media handler (488 when
   * unusable), a body-less UPDATE just refreshes.
   */
  private onUpdate(message: Core.IncomingRequestMessage, dialog: Core.SessionDialog): void {
    const d = dialog as unknown as { sequenceGuard(m: Core.IncomingRequestMessage): boolean; dialogState: { remoteSequenceNumber?: number; remoteTarget: Core.URI } };
    if (!d.sequenceGuard(message)) return; // 500 sent by sip.js
    d.dialogState.remoteSequenceNumber = message.cseq;
    const uas = new Core.InfoUserAgentServer(dialog, message); // a plain non-INVITE server transaction
    if (this._state !== 'active') {
      uas.reject({ statusCode: 481 });
      return;
    }
    try {
      const contact = message.parseHeader('contact');
      if (contact instanceof NameAddrHeader) d.dialogState.remoteTarget = contact.uri;
    } catch { /* keep the old target */ }
    const body = message.body ?? '';
    const answer = async (): Promise<Core.Body | undefined> => {
      if (body.length === 0) return undefined;
      const sdh = this.sdh;
      if (!sdh || !(message.getHeader('content-type') ?? '').toLowerCase().startsWith('application/sdp')) throw new Error('unusable body');
      await sdh.setDescription(body);
      const a = await sdh.getDescription();
      return { contentDisposition: 'session', contentType: a.contentType, content: a.body };
    };
    answer().then((b) => {
      this.adoptRefresh(message);
      uas.accept({ statusCode: 200, extraHeaders: this.refreshResponseHeaders(message), ...(b ? { body: b } : {}) });
      this.refreshes.received++;
      this.armSessionTimer();
    }, () => {
      void this.sdh?.rollbackDescription();
      uas.reject({ statusCode: 488 });
    }).catch(() => { /* the transaction ended meanwhile (transport gone): nothing to answer */ });
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
    if (this.bridgeSink) return Promise.resolve(); // the bot never speaks over a bridged call
    return this.playout.play(frames, signal);
  }

  /**
   * Bridge the leg's media (bridge.ts): caller frames and digits go to `sink` instead of the
   * pipeline, the bot's playout is dropped; `null` gives the media back (not used by the bridge,
   * which ends with the call).
   */
  setBridge(sink: BridgeSink | null): void {
    if (sink && this._state !== 'active') throw new TzError('TZ_ERR_CALL_LEG', { reason: 'not-active', state: this._state });
    this.bridgeSink = sink;
    if (sink) this.playout?.clear();
  }

  /** Send one 20 ms frame straight to RTP (the bridge's other side), bypassing the playout. */
  sendBridgeFrame(samples: Int16Array): void {
    if (this._state === 'active' && this.bridgeSink) this.sdh?.rtp?.sendFrame(samples);
  }

  clearPlayout(): void {
    this.playout?.clear();
  }

  /** Send a DTMF digit to the peer (RFC 4733). */
  sendDtmf(digit: string): boolean {
    return this._state === 'active' && (this.sdh?.sendDtmf(digit) ?? false);
  }

  /**
   * Blind transfer (RFC 3515 REFER) with a bridged fallback. Resolves when the call is handed over:
   * - the peer's NOTIFY reports the target answered (sipfrag 2xx): we then end our dialog with BYE
   *   (RFC 5589 section 6.1; closeCause 'transferred');
   * - the peer accepted (202) and ended the dialog itself, or never NOTIFYs (taken as accepted, the
   *   dialog stays up);
   * - otherwise (REFER refused, unanswered, NOTIFY with a non-2xx sipfrag, NOTIFYs stopping short
   *   of a final one) `referFallback` bridges the target in; resolves once it answers.
   * Rejects with TZ_ERR_SIP_REJECTED (details: the REFER's status and reason, the fallback's)
   * when neither worked; the call then stays up with the bot.
   */
  async transfer(target: string): Promise<void> {
    if (this._state !== 'active') throw new TzError('TZ_ERR_CALL_LEG', { reason: 'not-active' });
    if (this.bridgeSink) throw new TzError('TZ_ERR_CALL_LEG', { reason: 'bridged' });
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new TzError('TZ_ERR_VALIDATION', { field: 'target', reason: 'not a SIP URI' });
    const r = await this.refer(uri);
    if (r.ok) {
      this.log.info({ callId: this.info.callId, how: r.how }, 'REFER transfer done');
      if (r.how === 'notify' && this._state === 'active') {
        this.closeCause = 'transferred';
        // after the caller (the pipeline) has seen transfer() resolve
        setImmediate(() => void this.hangup('transfer'));
      }
      return;
    }
    this.log.info({ callId: this.info.callId, status: r.status, reason: r.reason, fallback: !!this.referFallback }, 'REFER transfer failed');
    const refused = { method: 'REFER', status: r.status, reason: r.reason };
    if (!this.referFallback || this._state !== 'active') throw new TzError('TZ_ERR_SIP_REJECTED', refused);
    try {
      await this.referFallback(target);
    } catch (err) {
      const d = err instanceof TzError ? err.details : {};
      throw new TzError('TZ_ERR_SIP_REJECTED', { ...refused, fallback: d.reason ?? 'failed', fallbackStatus: d.status ?? null });
    }
  }

  private refer(uri: NonNullable<ReturnType<typeof UserAgent.makeURI>>): Promise<ReferOutcome> {
    const to = this.referTimeouts;
    const session = this.opts.session;
    return new Promise<ReferOutcome>((resolve) => {
      let done = false;
      let gotNotify = false;
      let accepted = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms: number, f: () => ReferOutcome) => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(f()), ms);
        timer.unref();
      };
      const onState = (st: SessionState) => { if (st === SessionState.Terminated) finish(accepted ? { ok: true, how: 'ended' } : { ok: false, status: null, reason: 'failed' }); };
      const finish = (r: ReferOutcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        session.stateChange.removeListener(onState);
        resolve(r);
      };
      session.stateChange.addListener(onState);
      arm(to.responseMs, () => ({ ok: false, status: null, reason: 'timeout' }));
      session.refer(uri, {
        // RFC 3515 section 2.4.5: the NOTIFYs carry the transfer's progress as a sipfrag.
        onNotify: (n) => {
          void n.accept().catch(() => {});
          if (done) return;
          const status = sipfragStatus(n.request.body ?? '');
          if (status === null || status < 200) {
            gotNotify = true;
            if (accepted) arm(to.finalNotifyMs, () => ({ ok: false, status: null, reason: 'timeout' }));
            return;
          }
          finish(status < 300 ? { ok: true, how: 'notify' } : { ok: false, status, reason: 'notify' });
        },
        requestDelegate: {
          onAccept: () => {
            accepted = true;
            if (gotNotify) arm(to.finalNotifyMs, () => ({ ok: false, status: null, reason: 'timeout' }));
            else arm(to.firstNotifyMs, () => (gotNotify ? { ok: false, status: null, reason: 'timeout' } : { ok: true, how: 'accepted' }));
          },
          onReject: (r) => finish({ ok: false, status: r.message.statusCode ?? null, reason: 'rejected' }),
        },
      }).catch(() => finish({ ok: false, status: null, reason: 'failed' }));
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
    this.bridgeSink = null;
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

/** Status code of a message/sipfrag body ("SIP/2.0 503 Service Unavailable"), RFC 3420. */
export function sipfragStatus(body: string): number | null {
  const m = /^\s*SIP\/2\.0\s+(\d{3})\b/.exec(body);
  return m ? Number(m[1]) : null;
}

/**
 * sip.js answers UPDATE with 405 before any dialog sees it (the method is not in its list). Per
 * user-agent core, take in-dialog UPDATEs for dialogs we registered out of the core's request path.
 */
const updateRoutes = new WeakMap<Core.UserAgentCore, Map<string, (m: Core.IncomingRequestMessage) => void>>();

function onUpdateFor(dialog: Core.SessionDialog, handler: (m: Core.IncomingRequestMessage) => void): void {
  const core = dialog.userAgentCore;
  let routes = updateRoutes.get(core);
  if (!routes) {
    const table = new Map<string, (m: Core.IncomingRequestMessage) => void>();
    routes = table;
    updateRoutes.set(core, table);
    const receive = core.receiveIncomingRequestFromTransport.bind(core);
    core.receiveIncomingRequestFromTransport = (m) => {
      const h = m.method === 'UPDATE' && m.toTag ? table.get(m.callId + m.toTag + m.fromTag) : undefined;
      // a retransmission matches its server transaction inside sip.js: let it absorb it
      if (!h || !core.dialogs.has(m.callId + m.toTag + m.fromTag) || hasServerTransaction(core, m)) {
        receive(m);
        return;
      }
      try {
        h(m);
      } catch {
        core.replyStateless(m, { statusCode: 500 });
      }
    };
  }
  const id = dialog.id;
  routes.set(id, handler);
  const prune = routes;
  const dispose = dialog.dispose.bind(dialog);
  dialog.dispose = () => {
    prune.delete(id);
    dispose();
  };
}

/** A server transaction of this core already matches the request (branch, sent-by, method; RFC 3261 section 17.2.3). */
function hasServerTransaction(core: Core.UserAgentCore, m: Core.IncomingRequestMessage): boolean {
  for (const uas of core.userAgentServers.values()) {
    const r = uas.transaction.request;
    if (r.viaBranch === m.viaBranch && r.method === m.method && r.getHeader('via') === m.getHeader('via')) return true;
  }
  return false;
}
