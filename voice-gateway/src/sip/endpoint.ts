/**
 * tingzhen as a SIP endpoint: one sip.js UserAgent on our TCP/TLS transport (or one WebSocket
 * connection to the edge proxy, ws-transport.ts) and RTP media handler.
 * Inbound: INVITE -> (SDP pre-check: 488 / 400 / 415) -> 180 Ringing -> 200 OK after
 * `answerDelayMs` -> `onCall(leg)`; CANCEL during ringing ends the leg before it ever reaches the
 * pipeline. Outbound: see dialer.ts. Calls and RTP ports are tracked so nothing leaks.
 *
 * sip.js specifics handled here (measured, see issue 7): its Contact has no port, so we set the
 * listening port on the Contact URI ourselves; its transport has no destination, so our
 * transport routes (tcp-transport.ts); its response Via check (host must equal viaHost, no port)
 * is bypassed because our transport hands parsed messages straight to the user-agent core.
 */
import { Core, Registerer, RegistererState, SessionState, UserAgent, type Invitation } from 'sip.js';
import { createLogger, isTzError, TzError, type Logger } from '@tingzhen/voice-core';
import type { MediaClock } from '../legs/media-clock.js';
import { PortAllocator, type G711Codec, type JitterBufferOptions, type PortRange } from '../rtp/index.js';
import { rtpSdhFactory } from './rtp-sdh.js';
import { answerOffer, SdpOrigin } from './sdp.js';
import { DigestServer } from './digest.js';
import { SipCallLeg } from './sip-call-leg.js';
import { TcpSipTransport, type TcpTransportOptions } from './tcp-transport.js';
import { inspectRequest } from './uas-checks.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';
import { WsSipTransport, type WsTransportOptions } from './ws-transport.js';

export interface SipEndpointOptions {
  /** Where to accept SIP over TCP (port 0 = any free port). Omit to only place calls. */
  listen?: { host: string; port: number };
  /**
   * SIP over WebSocket (RFC 7118) instead: one connection to the edge proxy (Kamailio), which
   * carries everything (REGISTER there with `register()` to receive calls). Not with `listen`.
   * Via is SIP/2.0/WS (WSS), Contact `;transport=ws` on `publicHost` (default a random
   * `.invalid` host, RFC 7118 section 5.3).
   */
  websocket?: Omit<WsTransportOptions, 'logger'>;
  /** Host written in Via / Contact / From (how peers reach us). Defaults to listen.host. */
  publicHost?: string;
  /** Address written in SDP c= (where peers send RTP). Defaults to publicHost (over WebSocket: rtpBindHost, else 127.0.0.1). */
  mediaAddress?: string;
  rtpPorts: PortRange;
  /** Interface the RTP sockets bind to (default 0.0.0.0). */
  rtpBindHost?: string;
  codecs?: readonly G711Codec[];
  /** Contact / From user part. */
  userName?: string;
  /** SIP over TLS instead of TCP (see TcpTransportOptions.tls). */
  tls?: TcpTransportOptions['tls'];
  /**
   * Inbound TCP/TLS connections: partial-message timer, idle timer, per-source connection cap
   * (stream-limits.ts; validated at start, TZ_ERR_VALIDATION naming the field).
   */
  streams?: Partial<StreamLimits>;
  /** Peer allow-list on connection source address. */
  allowRemote?: (address: string) => boolean;
  /** Answered inbound calls. */
  onCall?: (leg: SipCallLeg) => void | Promise<void>;
  /** False while the gateway drains for shutdown: new INVITEs get 503 with Retry-After (RFC 3261 section 21.5.4). */
  accepting?: () => boolean;
  /** Ring this long (180) before answering, ms (default 0). */
  answerDelayMs?: number;
  /** Hang up an answered call when no RTP arrives for this long, ms (default 0 = never). */
  mediaTimeoutMs?: number;
  jitter?: JitterBufferOptions;
  /** Smallest session interval we accept (RFC 4028 Min-SE), s; default 90 (the RFC minimum). */
  minSessionExpiresS?: number;
  /** Challenge inbound INVITEs (401) and accept only valid digest credentials. */
  inboundAuth?: {
    realm: string;
    /** Password of a user name calling from `source` (undefined: unknown, or not from there). */
    credentials: (username: string, source?: string) => string | undefined;
    /** Whether calls from this source address must authenticate (default: all). Per-peer auth. */
    required?: (address: string) => boolean;
  };
  /** Digest credentials (RFC 2617, MD5 only in sip.js) answered to 401/407 on REGISTER and INVITE. */
  auth?: { username: string; password: string };
  clock?: MediaClock;
  logger?: Logger;
}

export class SipEndpoint {
  readonly ua: UserAgent;
  readonly transport: TcpSipTransport | WsSipTransport;
  readonly allocator: PortAllocator;
  readonly log: Logger;
  private readonly calls = new Set<SipCallLeg>();
  private readonly registerers: Registerer[] = [];
  private readonly digest: DigestServer | null;
  /** Request-URI user of new inbound calls by Call-ID, until the leg is created. */
  private readonly dialled = new Map<string, string>();

  private constructor(readonly opts: SipEndpointOptions) {
    this.log = opts.logger ?? createLogger({ name: 'sip' });
    this.digest = opts.inboundAuth ? new DigestServer(opts.inboundAuth) : null;
    this.allocator = new PortAllocator(opts.rtpPorts, opts.rtpBindHost ?? '0.0.0.0');
    const ws = opts.websocket;
    if (ws && opts.listen) throw new TzError('TZ_ERR_VALIDATION', { field: 'websocket', reason: 'websocket and listen are mutually exclusive' });
    const streams = resolveStreamLimits(opts.streams);
    // Over WebSocket nobody reaches us by address: Via / Contact get an .invalid host unless told
    // otherwise, the AOR (From, REGISTER To) the proxy's domain.
    const host = opts.publicHost ?? opts.listen?.host ?? (ws ? `${Math.random().toString(36).slice(2, 12)}.invalid` : '127.0.0.1');
    const aorHost = ws && !opts.publicHost ? wsHost(ws.url) : host;
    const mediaAddress = opts.mediaAddress ?? (ws && !opts.publicHost ? (opts.rtpBindHost && opts.rtpBindHost !== '0.0.0.0' ? opts.rtpBindHost : '127.0.0.1') : host);
    const transportOptions: TcpTransportOptions | WsTransportOptions = ws
      ? { ...ws, logger: this.log }
      : { listen: opts.listen, allowRemote: opts.allowRemote, tls: opts.tls, streams, logger: this.log };
    const sipLog = this.log;
    this.ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${opts.userName ?? 'tingzhen'}@${aorHost}`),
      viaHost: host,
      hackViaTcp: !ws, // over WebSocket the Via transport is the transport's protocol (WS / WSS)
      contactName: opts.userName ?? 'tingzhen',
      contactParams: { transport: ws ? 'ws' : opts.tls ? 'tls' : 'tcp' },
      transportConstructor: ws ? WsSipTransport : TcpSipTransport,
      transportOptions,
      sessionDescriptionHandlerFactory: rtpSdhFactory({
        allocator: this.allocator, mediaAddress, codecs: opts.codecs, jitter: opts.jitter, logger: this.log,
      }),
      userAgentString: 'tingzhen',
      ...(opts.auth ? { authorizationUsername: opts.auth.username, authorizationPassword: opts.auth.password } : {}),
      sendInitialProvisionalResponse: false, // we send 180 ourselves (after the SDP pre-check)
      logBuiltinEnabled: false,
      logLevel: 'warn',
      // sip.js messages can quote headers (numbers): keep only the category at debug level.
      logConnector: (level, category) => { if (level === 'error') sipLog.debug({ category }, 'sip.js reported an error'); },
      delegate: { onInvite: (inv) => this.onInvite(inv) },
    });
    this.transport = this.ua.transport as TcpSipTransport | WsSipTransport;
    this.transport.deliver = (m) => {
      if (m instanceof Core.IncomingRequestMessage) {
        // A gateway answers any dialled number, but sip.js 404s a Request-URI whose user is not
        // ours (RFC 3261 section 8.2.2.1 as it reads it): remember the dialled user and point
        // the Request-URI at our contact user before the core sees it.
        // In-dialog requests too: one for a dialog we do not know must get 481 (RFC 3261 section
        // 12.2.2), not the 404 sip.js gives a foreign Request-URI user first.
        if (m.ruri && m.ruri.user !== this.ua.contact.uri.user) {
          if (!m.toTag) this.dialled.set(m.callId, m.ruri.user ?? '');
          m.ruri.user = this.ua.contact.uri.user;
        }
        // RFC 3261 sections 8.2.2.3 / 8.2.3, which sip.js leaves undone (uas-checks.ts).
        const refusal = inspectRequest(m);
        if (refusal) {
          this.log.info({ status: refusal.statusCode, problem: refusal.problem, method: m.method }, 'sip request refused');
          this.ua.userAgentCore.replyStateless(m, { statusCode: refusal.statusCode, extraHeaders: refusal.extraHeaders });
          return;
        }
        this.ua.userAgentCore.receiveIncomingRequestFromTransport(m);
      }
      else this.ua.userAgentCore.receiveIncomingResponseFromTransport(m);
    };
    this.transport.liveCallIds = (callId) => [...this.calls].some((c) => c.info.callId === callId);
    if (this.transport instanceof WsSipTransport) this.transport.onReconnect = () => this.reRegister();
  }

  /**
   * After the WebSocket came back (the proxy restarted, or the connection dropped): the proxy's
   * binding points at the dead connection or is gone, so REGISTER again at once (a REGISTER
   * still waiting for its answer is retried when it settles).
   */
  private reRegister(): void {
    const again = (reg: Registerer, attempt: number): void => {
      if (reg.state === RegistererState.Terminated) return;
      try {
        reg.register().catch(() => {
          if (attempt < 30) setTimeout(() => again(reg, attempt + 1), 1000).unref();
          else this.log.warn('re-REGISTER after reconnect failed');
        });
      } catch {
        // disposed while stopping: nothing to refresh
      }
    };
    for (const reg of this.registerers) again(reg, 0);
    if (this.registerers.length > 0) this.log.info({ bindings: this.registerers.length }, 'sip websocket back: registering again');
  }

  static async start(opts: SipEndpointOptions): Promise<SipEndpoint> {
    const ep = new SipEndpoint(opts);
    await ep.ua.start();
    // Contact carries the real listening port (sip.js builds it from viaHost only).
    if (ep.transport.listenPort) ep.ua.contact.uri.port = ep.transport.listenPort;
    return ep;
  }

  /** The TCP port SIP listens on (0 when not listening, and over WebSocket). */
  get port(): number {
    return this.transport.listenPort;
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  /** Track a leg until it closes (also used by the dialer). */
  /** Follow a call leg until it closes; a failed REFER on it falls back to bridging the target in (bridge.ts). */
  track(leg: SipCallLeg): void {
    leg.referFallback ??= (target) => import('./bridge.js').then((b) => b.bridgeLegTo(this, leg, target));
    this.calls.add(leg);
    leg.on('state', (s) => {
      if (s === 'closed') {
        // The connection route stays until the transport's sweep (64 s idle): the BYE we just
        // queued, and the peer's answer to it, still travel on it.
        this.calls.delete(leg);
      }
    });
  }

  private onInvite(inv: Invitation): void {
    if (this.dialled.size > 10_000) this.dialled.clear(); // only rejected INVITEs stay: bound it
    if (this.opts.accepting && !this.opts.accepting()) {
      void inv.reject({ statusCode: 503, extraHeaders: [`Retry-After: ${DRAIN_RETRY_AFTER_S}`] }).catch(() => {});
      return;
    }
    // Require (420) and Accept (406) were inspected before the core (uas-checks.ts).
    const timer = sessionTimerOf(inv.request);
    const minSe = this.opts.minSessionExpiresS ?? 90;
    if (timer && timer.intervalS < minSe) {
      // RFC 4028 section 8.1 / 10: too short -> 422 with our Min-SE
      void inv.reject({ statusCode: 422, extraHeaders: [`Min-SE: ${minSe}`] }).catch(() => {});
      return;
    }
    const source = this.transport.remoteOf(inv.request.callId)?.address ?? '';
    if (this.digest && (this.opts.inboundAuth?.required?.(source) ?? true)) {
      const result = this.digest.verify('INVITE', inv.request.getHeader('authorization'), source);
      if (result !== 'ok') {
        if (result === 'invalid') this.log.warn({ callId: inv.request.callId }, 'inbound call with bad digest credentials');
        void inv.reject({ statusCode: 401, extraHeaders: [`WWW-Authenticate: ${this.digest.challenge(result === 'stale')}`] }).catch(() => {});
        return;
      }
    }
    const body = inv.request.body ?? '';
    if (body.length > 0) {
      const ct = (inv.request.getHeader('content-type') ?? '').toLowerCase();
      if (!ct.startsWith('application/sdp')) {
        void inv.reject({ statusCode: 415 }).catch(() => {});
        return;
      }
      try {
        answerOffer(body, { address: '0.0.0.0', port: 9, codecs: this.opts.codecs }, new SdpOrigin());
      } catch (err) {
        const status = isTzError(err, 'TZ_ERR_PROTOCOL') && typeof err.details.status === 'number' ? err.details.status : 400;
        this.log.info({ status, problem: isTzError(err) ? err.details.problem : 'unknown' }, 'inbound call refused: unusable SDP offer');
        void inv.reject({ statusCode: status }).catch(() => {});
        return;
      }
    }
    guardAckTimeout(inv, this.log);
    const leg = new SipCallLeg({ session: inv, direction: 'inbound', logger: this.log, clock: this.opts.clock, mediaTimeoutMs: this.opts.mediaTimeoutMs, sessionTimer: timer ?? undefined });
    const dialled = this.dialled.get(inv.request.callId);
    this.dialled.delete(inv.request.callId);
    if (dialled !== undefined) leg.info.parameters = { ...leg.info.parameters, requestUser: dialled };
    this.track(leg);
    void this.answer(inv, leg);
  }

  private async answer(inv: Invitation, leg: SipCallLeg): Promise<void> {
    try {
      await inv.progress({ statusCode: 180 });
      const delay = this.opts.answerDelayMs ?? 0;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (leg.state !== 'connecting') return; // CANCEL while ringing
      const t = leg.sessionTimer;
      // RFC 4028 section 9: the 2xx carries the interval and who refreshes; Require: timer only
      // when the caller supports it (else we refresh ourselves, refresher=uas).
      await inv.accept(t ? { extraHeaders: [`Session-Expires: ${t.intervalS};refresher=${t.refresher}`, ...(t.refresher === 'uac' ? ['Require: timer'] : [])] } : undefined);
      await leg.waitActive();
    } catch (err) {
      this.log.info({ callId: leg.info.callId, reason: isTzError(err) ? err.details.reason : 'answer-failed' }, 'inbound call ended before answer');
      leg.finish();
      return;
    }
    this.log.info({ callId: leg.info.callId }, 'inbound sip call answered');
    try {
      await this.opts.onCall?.(leg);
    } catch (err) {
      this.log.error({ callId: leg.info.callId, err: err instanceof Error ? err.message : 'unknown' }, 'call handler failed');
      await leg.hangup('error');
    }
  }

  /**
   * REGISTER our Contact at a registrar (RFC 3261 section 10), answering digest challenges with
   * `auth`. Resolves once registered (sip.js refreshes it before expiry); rejects with
   * TZ_ERR_SIP_REJECTED when refused or unanswered within timeoutMs.
   */
  async register(registrar: string, expiresS = 600, timeoutMs = 10_000): Promise<Registerer> {
    const uri = UserAgent.makeURI(registrar);
    if (!uri) throw new TzError('TZ_ERR_VALIDATION', { field: 'registrar', reason: 'not a SIP URI' });
    const reg = new Registerer(this.ua, { registrar: uri, expires: expiresS });
    this.registerers.push(reg);
    let status: number | null = null;
    const settled = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TzError('TZ_ERR_SIP_REJECTED', { method: 'REGISTER', reason: 'timeout' })), timeoutMs);
      reg.stateChange.addListener((st) => {
        if (st === RegistererState.Registered) { clearTimeout(timer); resolve(); }
        if (st === RegistererState.Unregistered || st === RegistererState.Terminated) {
          clearTimeout(timer);
          // sip.js changes state before it calls onReject: read the status on the next turn
          setImmediate(() => reject(new TzError('TZ_ERR_SIP_REJECTED', { method: 'REGISTER', status })));
        }
      });
    });
    await reg.register({ requestDelegate: { onReject: (r) => { status = r.message.statusCode ?? null; } } });
    await settled;
    return reg;
  }

  async stop(): Promise<void> {
    // Un-REGISTER on the way out, but do not wait for a registrar that is gone (64*T1).
    await Promise.race([Promise.all(this.registerers.map((r) => r.dispose().catch(() => {}))), new Promise((r) => setTimeout(r, 1000))]);
    for (const leg of [...this.calls]) await leg.hangup('normal');
    await this.ua.stop();
    await this.transport.dispose();
  }
}

/** Session-Expires of an INVITE (RFC 4028 section 4), with who refreshes. */
function sessionTimerOf(req: Core.IncomingRequestMessage): { intervalS: number; refresher: 'uac' | 'uas' } | null {
  const v = req.getHeader('session-expires') ?? req.getHeader('x');
  if (!v) return null;
  const m = /^\s*(\d{1,9})\s*(?:;(.*))?$/.exec(v);
  if (!m) return null;
  const supported = [...(req.getHeaders('supported') ?? []), ...(req.getHeaders('require') ?? [])].join(',').toLowerCase();
  const uacSupports = /(^|[\s,])timer([\s,]|$)/.test(supported);
  const asked = /refresher\s*=\s*(uac|uas)/i.exec(m[2] ?? '')?.[1]?.toLowerCase() as 'uac' | 'uas' | undefined;
  return { intervalS: Number(m[1]), refresher: uacSupports ? (asked ?? 'uac') : 'uas' };
}

function wsHost(url: string): string {
  try {
    const h = new URL(url).hostname;
    return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
  } catch {
    throw new TzError('TZ_ERR_VALIDATION', { field: 'websocket.url', reason: 'not a URL' });
  }
}

/**
 * sip.js 0.21 ends a session whose 2xx was never ACKed (RFC 3261 section 13.3.1.4) from a timer:
 * `Invitation.onAckTimeout` sends BYE and moves to Terminated. When the caller already hung up
 * (BYE before ACK; on UDP, a lost ACK then a BYE), the session is Terminated by then and the move
 * throws "Invalid state transition from Terminated to Terminated" out of the timer, which ends the
 * process. Here the timeout of an already ended session only lets the dialog go, and any other
 * throw from it is logged, never raised: one peer must not take the platform down.
 */
/** Retry-After on a 503 while draining, s: another gateway (or this one, restarted) takes it by then. */
const DRAIN_RETRY_AFTER_S = 30;

function guardAckTimeout(inv: Invitation, log: Logger): void {
  const s = inv as unknown as { onAckTimeout(): void; state: SessionState; dialog?: { dispose(): void } };
  const original = s.onAckTimeout.bind(s);
  s.onAckTimeout = () => {
    if (s.state === SessionState.Terminated) {
      try { s.dialog?.dispose(); } catch { /* already disposed */ }
      return;
    }
    try {
      original();
    } catch (err) {
      log.warn({ callId: inv.request.callId, err: err instanceof Error ? err.message : 'unknown' }, 'ACK timeout on an ending session');
    }
  };
}
