/**
 * A CallLeg over any byte transport (WebSocket, TCP) and any wire codec. The codec turns bytes
 * into events; this class owns the leg state machine, the caller-audio queue, playout pacing,
 * timeouts (no start, stalled media) and closing with a reason. It never throws into the
 * transport: malformed input closes the leg with reason 'protocol' and is logged without data.
 */
import { EventEmitter } from 'node:events';
import {
  assertLegTransition, TzError, isTzError, type AudioFrame, type CallLeg, type CallLegEvents, type CallLegInfo,
  type CallLegState, type HangupReason, type Logger,
} from '@tingzhen/voice-core';
import type { InboundEvent, WireCodec, WireMessage } from '../codecs/types.js';
import { AsyncQueue } from './async-queue.js';
import { Playout } from './playout.js';
import { Rechunker } from './rechunker.js';
import type { MediaClock } from './media-clock.js';

export interface WireTransport {
  send(msg: WireMessage): void;
  /** Close the transport; `reason` is short ASCII (RFC 6455 section 7.4 limits it to 123 bytes). */
  close(code: number, reason: string): void;
}

export interface WireLegOptions {
  codec: WireCodec;
  transport: WireTransport;
  logger: Logger;
  /** Close if no start event arrives within this time, ms. */
  startTimeoutMs?: number;
  /** Close if no media arrives for this long once started, ms. */
  stallTimeoutMs?: number;
  /** Frames sent ahead of real time. */
  leadFrames?: number;
  clock?: MediaClock;
  /**
   * Called on the start event before the leg turns active; throw TZ_ERR_AUTH to refuse. May return
   * parameters that win over the stream's own (a test-call token's script and language).
   */
  onStart?: (parameters: Record<string, string>) => Record<string, string> | undefined | void;
  /** Call parameters from outside the stream (the URL query), for dialects whose start carries none; the start's own win. */
  defaultParameters?: Record<string, string>;
  /** Call parameters that win over the stream's own (what the credentials allow: a test call's script). */
  forcedParameters?: Record<string, string>;
  /** Sample rates the pipeline accepts. */
  allowedSampleRates?: readonly number[];
}

/** Close codes, RFC 6455 section 7.4.1. */
export const CLOSE = { normal: 1000, goingAway: 1001, protocol: 1002, unsupported: 1003, policy: 1008, internal: 1011 } as const;

export type CloseCause = 'normal' | 'remote' | 'protocol' | 'auth' | 'start-timeout' | 'stall-timeout' | 'transport' | 'hangup';

export class WireCallLeg extends EventEmitter implements CallLeg {
  private _state: CallLegState = 'connecting';
  private _info: CallLegInfo = { callId: 'pending', direction: 'inbound' };
  private _rate = 8000;
  private readonly queue = new AsyncQueue<AudioFrame>();
  private rechunker: Rechunker | null = null;
  private playout: Playout | null = null;
  private readonly codec: WireCodec;
  private readonly transport: WireTransport;
  private readonly log: Logger;
  private startTimer: NodeJS.Timeout | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  private markSeq = 0;
  private paused = false;
  private readonly startWaiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  /** Why the leg closed; 'remote' / 'transport' before a normal end count as dropped calls. */
  closeCause: CloseCause | null = null;

  constructor(private readonly opts: WireLegOptions) {
    super();
    this.codec = opts.codec;
    this.transport = opts.transport;
    this.log = opts.logger;
    this.startTimer = setTimeout(() => this.fail('start-timeout', CLOSE.policy, 'no start event'), opts.startTimeoutMs ?? 5000);
  }

  get info(): CallLegInfo { return this._info; }
  get state(): CallLegState { return this._state; }
  get sampleRate(): number { return this._rate; }
  get audioIn(): AsyncIterable<AudioFrame> { return this.queue; }
  get dialect(): string { return this.codec.dialect; }
  get underruns(): number { return this.playout?.underruns ?? 0; }
  /** Loudest bot frame sent within windowMs (dBFS), for echo rejection. */
  botPeakDb(windowMs: number): number {
    return this.playout ? this.playout.recentPeakDb(performance.now(), windowMs) : -Infinity;
  }
  get playing(): boolean { return this.playout?.busy ?? false; }

  /** Resolves when the leg is active (start received), rejects if it closes first. */
  waitActive(): Promise<void> {
    if (this._state === 'active') return Promise.resolve();
    if (this._state !== 'connecting') return Promise.reject(new TzError('TZ_ERR_CALL_LEG', { reason: this.closeCause ?? 'closed' }));
    return new Promise((resolve, reject) => this.startWaiters.push({ resolve, reject }));
  }

  /** Feed bytes from the transport. Never throws. */
  receive(data: Buffer, isBinary: boolean): void {
    if (this._state === 'closed' || this._state === 'closing') return;
    let events: InboundEvent[];
    try {
      events = this.codec.decode(data, isBinary);
    } catch (err) {
      const problem = isTzError(err) && typeof err.details.problem === 'string' ? err.details.problem : 'decode-failed';
      this.log.warn({ callId: this._info.callId, dialect: this.codec.dialect, problem }, 'malformed media stream message, closing');
      this.fail('protocol', problem === 'unsupported-media-format' ? CLOSE.unsupported : CLOSE.protocol, problem);
      return;
    }
    for (const ev of events) this.handle(ev);
  }

  private handle(ev: InboundEvent): void {
    switch (ev.type) {
      case 'start': {
        if (this._state !== 'connecting') return; // duplicate start: ignore
        if (this.opts.allowedSampleRates && !this.opts.allowedSampleRates.includes(ev.sampleRate)) {
          this.fail('protocol', CLOSE.unsupported, 'unsupported sample rate');
          return;
        }
        let forced = this.opts.forcedParameters;
        try {
          const fromStart = this.opts.onStart?.(ev.parameters);
          if (fromStart) forced = { ...forced, ...fromStart };
        } catch (err) {
          const auth = isTzError(err, 'TZ_ERR_AUTH');
          this.log.warn({ dialect: this.codec.dialect, code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' }, 'media stream refused at start');
          this.fail(auth ? 'auth' : 'protocol', CLOSE.policy, auth ? 'unauthorized' : 'refused');
          return;
        }
        this._info = this.opts.defaultParameters || forced ? { ...ev.info, parameters: { ...this.opts.defaultParameters, ...ev.info.parameters, ...forced } } : ev.info;
        this._rate = ev.sampleRate;
        this.rechunker = new Rechunker(ev.sampleRate);
        this.playout = new Playout({
          sendFrame: (s) => { if (!this.paused) this.sendAll(this.codec.encodeAudio(s)); },
          afterItem: () => this.sendAll(this.codec.encodeMark(`tz-${++this.markSeq}`)),
        }, { sampleRate: ev.sampleRate, leadFrames: this.opts.leadFrames, clock: this.opts.clock });
        if (this.startTimer) clearTimeout(this.startTimer);
        this.startTimer = null;
        this.setState('active');
        this.sendAll(this.codec.encodeAnswer());
        this.armStall();
        for (const w of this.startWaiters.splice(0)) w.resolve();
        return;
      }
      case 'audio':
        if (this._state !== 'active' || !this.rechunker) return;
        this.armStall();
        for (const f of this.rechunker.push(ev.samples)) this.queue.push(f);
        return;
      case 'dtmf':
        if (this._state === 'active') this.emit('dtmf', { digit: ev.digit, atMs: this.rechunker?.nowMs ?? 0, source: 'protocol', ...(ev.durationMs !== undefined ? { durationMs: ev.durationMs } : {}) });
        return;
      case 'mark':
        this.emit('mark', ev.name);
        return;
      case 'flow':
        this.paused = ev.paused;
        return;
      case 'stop':
        this.closeCause ??= 'remote';
        this.finish(CLOSE.normal, 'stop');
        return;
    }
  }

  private armStall(): void {
    if (this.stallTimer) this.stallTimer.refresh();
    else this.stallTimer = setTimeout(() => this.fail('stall-timeout', CLOSE.policy, 'media stalled'), this.opts.stallTimeoutMs ?? 10_000);
  }

  /** The transport closed under us (socket end / error). */
  transportClosed(): void {
    if (this._state === 'closed') return;
    this.closeCause ??= 'transport';
    this.finish(null, '');
  }

  private fail(cause: CloseCause, code: number, reason: string): void {
    if (this._state === 'closed') return;
    this.closeCause ??= cause;
    this.log.info({ callId: this._info.callId, dialect: this.codec.dialect, cause }, 'call leg closed');
    this.finish(code, reason);
  }

  private finish(code: number | null, reason: string): void {
    if (this._state === 'closed') return;
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.startTimer = this.stallTimer = null;
    this.playout?.close();
    if (this.rechunker) for (const f of this.rechunker.flush()) this.queue.push(f);
    this.queue.end();
    this.setState('closed');
    for (const w of this.startWaiters.splice(0)) w.reject(new TzError('TZ_ERR_CALL_LEG', { reason: this.closeCause ?? 'closed' }));
    if (code !== null) {
      try {
        this.transport.close(code, reason);
      } catch {
        // transport already gone
      }
    }
  }

  private setState(to: CallLegState): void {
    assertLegTransition(this._state, to);
    this._state = to;
    this.emit('state', to);
  }

  private sendAll(msgs: WireMessage[]): void {
    if (this._state === 'closed') return;
    for (const m of msgs) {
      try {
        this.transport.send(m);
      } catch {
        this.transportClosed();
        return;
      }
    }
  }

  play(frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>, signal?: AbortSignal): Promise<void> {
    if (this._state !== 'active' || !this.playout) return Promise.reject(new TzError('TZ_ERR_CALL_LEG', { reason: 'not-active', state: this._state }));
    return this.playout.play(frames, signal);
  }

  clearPlayout(): void {
    if (!this.playout) return;
    const wasBusy = this.playout.busy;
    this.playout.clear();
    if (wasBusy) this.sendAll(this.codec.encodeClear());
  }

  async transfer(target: string): Promise<void> {
    if (this._state !== 'active') throw new TzError('TZ_ERR_CALL_LEG', { reason: 'not-active' });
    this.sendAll(this.codec.encodeTransfer(target));
  }

  /** Send a dialect-specific extra message (native dialect only, e.g. turn statistics). */
  sendExtra(msg: WireMessage): void {
    this.sendAll([msg]);
  }

  async hangup(reason: HangupReason): Promise<void> {
    if (this._state === 'closed' || this._state === 'closing') return;
    this.closeCause ??= 'hangup';
    if (this._state === 'active') {
      this.setState('closing');
      this.playout?.close();
      this.sendAll(this.codec.encodeHangup());
    }
    this.log.debug({ callId: this._info.callId, reason }, 'hanging up');
    this.finish(reason === 'error' ? CLOSE.internal : CLOSE.normal, reason);
  }

  override on<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): this {
    return super.on(event, listener);
  }
  override off<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): this {
    return super.off(event, listener);
  }
}
