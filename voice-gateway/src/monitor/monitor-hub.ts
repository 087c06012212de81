/**
 * MonitorHub: live listen-in on calls in progress. The gateway passes every new leg through
 * `attach` (before the pipeline sees it); `start(callId)` then spawns an ffmpeg publisher that
 * carries the call's mixed audio as AAC over RTMP to the relay and returns a signed, expiring
 * play URL; `stop(callId)`, the call's end or `close()` stop it. One ffmpeg per monitored call;
 * several listeners share the one stream.
 */
import { randomBytes } from 'node:crypto';
import { TzError, createLogger, type CallLeg, type Logger } from '@tingzhen/voice-core';
import { FfmpegPublisher } from './ffmpeg-publisher.js';
import type { MediaRelay } from './media-relay.js';
import { tapLeg, type TappedLeg } from './leg-tap.js';

export interface MonitorHubOptions {
  relay: Pick<MediaRelay, 'publishUrl' | 'playUrl' | 'playSign' | 'checkPlaySign'>;
  ffmpegPath?: string;
  logger?: Logger;
  /** Lifetime of a play URL, s (default 300; a player connects once, so it only needs to start). */
  playTtlS?: number;
  /** Lifetime of the publish URL, s (default 60: ffmpeg connects at once). */
  publishTtlS?: number;
  /** Most calls monitored at once (default 8: one ffmpeg each). */
  maxMonitored?: number;
}

export interface MonitorTicket {
  callId: string;
  streamName: string;
  /** Direct relay URL (loopback): for proxies and tests, not for browsers. */
  relayPlayUrl: string;
  /** The `sign` query value of that URL and its expiry (Unix seconds). */
  sign: string;
  expiresAtS: number;
}

interface Monitored {
  streamName: string;
  publisher: FfmpegPublisher;
}

export class MonitorHub {
  private readonly legs = new Map<string, { tap: TappedLeg; sampleRate: number }>();
  private readonly monitored = new Map<string, Monitored>();
  private readonly log: Logger;

  constructor(private readonly o: MonitorHubOptions) {
    this.log = o.logger ?? createLogger({ name: 'monitor' });
  }

  /**
   * Wrap a new leg so it can be monitored; hand the returned leg to the pipeline. The leg is
   * listed under its call id once active (a WebSocket leg learns its id from the start message).
   */
  attach<L extends CallLeg>(leg: L): L {
    const tap = tapLeg(leg);
    let callId: string | null = null;
    const register = () => {
      callId = leg.info.callId;
      this.legs.set(callId, { tap, sampleRate: leg.sampleRate });
    };
    const onState = (s: string) => {
      if (s === 'active' && callId === null) register();
      if (s !== 'closed') return;
      leg.off('state', onState);
      if (callId === null) return;
      const id = callId;
      if (this.legs.get(id)?.tap === tap) this.legs.delete(id);
      void this.stop(id);
    };
    if (leg.state === 'active') register();
    leg.on('state', onState);
    return tap.leg as L;
  }

  /** Calls that can be monitored now. */
  liveCalls(): string[] {
    return [...this.legs.keys()];
  }

  isMonitoring(callId: string): boolean {
    return this.monitored.has(callId);
  }

  /** Start (or join) monitoring a live call; returns a fresh signed play URL. */
  start(callId: string): MonitorTicket {
    const entry = this.legs.get(callId);
    if (!entry) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'live call' });
    let m = this.monitored.get(callId);
    if (!m) {
      if (this.monitored.size >= (this.o.maxMonitored ?? 8)) throw new TzError('TZ_ERR_CONFLICT', { problem: 'too many calls monitored at once' });
      const streamName = randomBytes(12).toString('hex');
      const publisher = new FfmpegPublisher({ ffmpegPath: this.o.ffmpegPath, inputSampleRate: entry.sampleRate, url: this.o.relay.publishUrl(streamName, this.o.publishTtlS ?? 60) });
      m = { streamName, publisher };
      const mine = m;
      this.monitored.set(callId, m);
      entry.tap.setListener((mixed) => publisher.write(mixed));
      publisher.exited.then((code) => {
        if (this.monitored.get(callId) === mine) {
          // ffmpeg died on its own (relay gone, refused): stop feeding it.
          this.monitored.delete(callId);
          entry.tap.setListener(null);
          this.log.warn({ callId, exitCode: code }, 'monitor publisher exited');
        }
      }, (err: unknown) => {
        if (this.monitored.get(callId) === mine) { this.monitored.delete(callId); entry.tap.setListener(null); }
        this.log.error({ callId, code: (err as TzError).code }, 'monitor publisher failed to start');
      });
      this.log.info({ callId, pid: publisher.process.pid }, 'monitoring started');
    }
    const ttl = this.o.playTtlS ?? 300;
    const { sign, expiresAtS } = this.o.relay.playSign(m.streamName, ttl);
    return { callId, streamName: m.streamName, relayPlayUrl: this.o.relay.playUrl(m.streamName, ttl), sign, expiresAtS };
  }

  /**
   * Whether a player may have a stream: `ok` (a valid, unexpired signature of a stream being
   * monitored), `bad-sign` (forged, expired or of another stream), `not-live` (no such stream now).
   */
  playAccess(streamName: string, sign: string): 'ok' | 'bad-sign' | 'not-live' {
    if (!this.o.relay.checkPlaySign(streamName, sign)) return 'bad-sign';
    for (const m of this.monitored.values()) if (m.streamName === streamName) return 'ok';
    return 'not-live';
  }

  /** Stop monitoring a call; resolves when its ffmpeg has exited. False if it was not monitored. */
  async stop(callId: string): Promise<boolean> {
    const m = this.monitored.get(callId);
    if (!m) return false;
    this.monitored.delete(callId);
    this.legs.get(callId)?.tap.setListener(null);
    await m.publisher.stop();
    this.log.info({ callId }, 'monitoring stopped');
    return true;
  }

  /** The ffmpeg process of a monitored call (for health checks and tests). */
  publisherOf(callId: string): FfmpegPublisher | undefined {
    return this.monitored.get(callId)?.publisher;
  }

  async close(): Promise<void> {
    await Promise.all([...this.monitored.keys()].map((id) => this.stop(id)));
  }
}
