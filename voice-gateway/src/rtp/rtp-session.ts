/**
 * One RTP media session: G.711 (PCMU / PCMA) audio and RFC 4733 telephone-events in both
 * directions over a UDP socket pair from the PortAllocator.
 *
 * - Symmetric RTP (RFC 4961): we send to where the peer's packets come from once they arrive,
 *   so NATed phones work; until then, to the address from its SDP.
 * - Receive path: parse -> SSRC check (a new SSRC resets the jitter buffer, RFC 3550 section
 *   8.2 allows it on a re-INVITE or a transfer upstream) -> comfort noise (PT 13, RFC 3389) and
 *   unknown payload types ignored -> telephone-event or G.711 decode -> adaptive jitter buffer,
 *   pulled every media-clock tick; decoded 20 ms frames go to `onFrame`.
 * - Direction follows SDP (hold): we only send when the local direction has 'send', and we
 *   ignore media unless it has 'recv'.
 * - RTCP: SR (or RR while we do not send) + SDES CNAME every 5 s on the RTCP socket.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { RemoteInfo } from 'node:dgram';
import { alawDecode, alawEncode, mulawDecode, mulawEncode, type Logger } from '@tingzhen/voice-core';
import { sharedMediaClock, type MediaClock } from '../legs/media-clock.js';
import { JitterBuffer, type JitterBufferOptions, type JitterStats } from './jitter-buffer.js';
import { parseRtp, serializeRtp, type RtpPacket } from './packet.js';
import type { PortAllocator, SocketPair } from './port-allocator.js';
import { buildRtcp, ntpTime, parseRtcp, ReceptionStats, RTCP_INTERVAL_MS, type ReportBlock } from './rtcp.js';
import { TelephoneEventReceiver, telephoneEventPackets } from './telephone-event.js';

export type G711Codec = 'PCMU' | 'PCMA';
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface RtpEndpoint {
  address: string;
  port: number;
  /** RTCP port, default port + 1 (RFC 3605 a=rtcp overrides it). */
  rtcpPort?: number;
}

export interface RtpSessionOptions {
  sockets: SocketPair;
  /** Give the sockets back here on close. */
  allocator?: PortAllocator;
  codec: G711Codec;
  /** Payload type of the codec: 0 for PCMU, 8 for PCMA (RFC 3551 static types). */
  payloadType?: number;
  /** Negotiated telephone-event payload type (dynamic, usually 101); null when not offered. */
  telephoneEventPt?: number | null;
  remote?: RtpEndpoint;
  /** Latch onto the packets' source address (default true). */
  symmetric?: boolean;
  jitter?: JitterBufferOptions;
  clock?: MediaClock;
  logger?: Logger;
  onFrame?: (samples: Int16Array, kind: 'audio' | 'concealed' | 'silence') => void;
  onDtmf?: (digit: string, durationMs: number) => void;
}

export interface RtpSessionStats {
  packetsSent: number;
  packetsReceived: number;
  /** G.711 samples decoded from received audio packets (before the jitter buffer). */
  audioSamplesReceived: number;
  /** Packets that were not RTP v2 or had an unknown payload type. */
  packetsIgnored: number;
  comfortNoise: number;
  ssrcChanges: number;
  lost: number;
  jitter: JitterStats;
  /** What the peer reported about our stream (last RTCP report block). */
  remoteReport: ReportBlock | null;
  rttMs: number | null;
}

const FRAME_SAMPLES = 160;
const CN_PT = 13;

export class RtpSession {
  readonly localPort: number;
  readonly codec: G711Codec;
  private readonly pt: number;
  private telephoneEventPt: number | null;
  private remote: RtpEndpoint | null;
  private latched: { address: string; port: number } | null = null;
  private readonly symmetric: boolean;
  private readonly ssrc = randomBytes(4).readUInt32BE(0);
  private readonly cname = `${randomUUID()}@tingzhen`;
  private seq = randomBytes(2).readUInt16BE(0);
  private ts = randomBytes(4).readUInt32BE(0);
  private marker = true;
  private direction: MediaDirection = 'sendrecv';
  private remoteSsrc: number | null = null;
  private reception: ReceptionStats | null = null;
  private readonly jb: JitterBuffer;
  private readonly dtmfRx = new TelephoneEventReceiver();
  private readonly clock: MediaClock;
  private unsubscribe: (() => void) | null = null;
  private rtcpTimer: NodeJS.Timeout | null = null;
  private dtmfTimers = new Set<NodeJS.Timeout>();
  private octetsSent = 0;
  private closed = false;
  private sentSinceReport = false;
  readonly stats: RtpSessionStats;

  constructor(private readonly opts: RtpSessionOptions) {
    this.localPort = opts.sockets.port;
    this.codec = opts.codec;
    this.pt = opts.payloadType ?? (opts.codec === 'PCMU' ? 0 : 8);
    this.telephoneEventPt = opts.telephoneEventPt ?? null;
    this.remote = opts.remote ?? null;
    this.symmetric = opts.symmetric ?? true;
    this.clock = opts.clock ?? sharedMediaClock;
    this.jb = new JitterBuffer(opts.jitter);
    this.stats = {
      packetsSent: 0, packetsReceived: 0, audioSamplesReceived: 0, packetsIgnored: 0, comfortNoise: 0, ssrcChanges: 0, lost: 0,
      jitter: this.jb.stats, remoteReport: null, rttMs: null,
    };
    opts.sockets.rtp.on('message', (msg, rinfo) => this.onRtp(msg, rinfo));
    opts.sockets.rtcp.on('message', (msg) => this.onRtcp(msg));
    // A socket error (ICMP unreachable surfaced on send) must not crash the process.
    opts.sockets.rtp.on('error', () => {});
    opts.sockets.rtcp.on('error', () => {});
    this.unsubscribe = this.clock.subscribe((now) => this.pull(now));
    this.rtcpTimer = setInterval(() => this.sendRtcp(), RTCP_INTERVAL_MS);
    this.rtcpTimer.unref();
  }

  /** Where we send now: the latched source (symmetric RTP) or the SDP address. */
  get sendTo(): { address: string; port: number } | null {
    return this.latched ?? this.remote;
  }

  get localDirection(): MediaDirection {
    return this.direction;
  }

  /** Update from a new SDP (re-INVITE): remote address, direction, telephone-event type. */
  update(u: { remote?: RtpEndpoint; direction?: MediaDirection; telephoneEventPt?: number | null }): void {
    if (u.remote && (u.remote.address !== this.remote?.address || u.remote.port !== this.remote?.port)) {
      this.remote = u.remote;
      this.latched = null; // the peer moved its media: latch again
    }
    if (u.direction) this.direction = u.direction;
    if (u.telephoneEventPt !== undefined) this.telephoneEventPt = u.telephoneEventPt;
  }

  private get canSend(): boolean {
    return this.direction === 'sendrecv' || this.direction === 'sendonly';
  }

  private get canReceive(): boolean {
    return this.direction === 'sendrecv' || this.direction === 'recvonly';
  }

  /** Send one 20 ms frame (160 samples at 8 kHz). Silently skipped while on hold. */
  sendFrame(samples: Int16Array): void {
    if (this.closed) return;
    const payload = Buffer.from(this.codec === 'PCMU' ? mulawEncode(samples) : alawEncode(samples));
    if (this.canSend) this.sendPacket(this.pt, payload, this.marker, this.ts);
    this.marker = false;
    this.ts = (this.ts + samples.length) >>> 0;
  }

  /** Send a digit as RFC 4733 events (section 2.5.1); false when the peer did not offer them. */
  sendDtmf(digit: string, durationMs = 100): boolean {
    const pt = this.telephoneEventPt;
    if (pt === null || this.closed) return false;
    const packets = telephoneEventPackets(digit, durationMs);
    if (!packets) return false;
    const eventTs = this.ts;
    packets.forEach((p, i) => {
      const t = setTimeout(() => {
        this.dtmfTimers.delete(t);
        if (!this.closed && this.canSend) this.sendPacket(pt, p.payload, p.marker, eventTs);
      }, Math.min(i, Math.round(durationMs / 20)) * 20);
      this.dtmfTimers.add(t);
    });
    // Audio resumes after the event with a timestamp past it (section 2.5.1.2).
    this.ts = (this.ts + Math.round(durationMs / 20) * FRAME_SAMPLES) >>> 0;
    return true;
  }

  private sendPacket(pt: number, payload: Buffer, marker: boolean, ts: number): void {
    const to = this.sendTo;
    if (!to) return;
    const buf = serializeRtp({ payloadType: pt, marker, sequenceNumber: this.seq, timestamp: ts, ssrc: this.ssrc, payload });
    this.seq = (this.seq + 1) & 0xffff;
    this.stats.packetsSent++;
    this.octetsSent += payload.length;
    this.sentSinceReport = true;
    this.opts.sockets.rtp.send(buf, to.port, to.address);
  }

  private onRtp(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.closed) return;
    const p = parseRtp(msg);
    if (!p) {
      this.stats.packetsIgnored++;
      return;
    }
    // Symmetric RTP: answer to the source of the latest valid packet (also follows a NAT rebinding).
    if (this.symmetric && (this.latched?.address !== rinfo.address || this.latched.port !== rinfo.port)) {
      this.latched = { address: rinfo.address, port: rinfo.port };
    }
    if (p.ssrc !== this.remoteSsrc) this.newSource(p.ssrc);
    this.stats.packetsReceived++;
    this.reception!.onPacket(p.sequenceNumber);
    if (!this.canReceive) return;
    this.handle(p);
  }

  private newSource(ssrc: number): void {
    if (this.remoteSsrc !== null) this.stats.ssrcChanges++;
    this.remoteSsrc = ssrc;
    this.reception = new ReceptionStats(ssrc);
    this.jb.reset();
  }

  private handle(p: RtpPacket): void {
    if (p.payloadType === CN_PT) {
      this.stats.comfortNoise++;
      return;
    }
    if (this.telephoneEventPt !== null && p.payloadType === this.telephoneEventPt) {
      const d = this.dtmfRx.receive(p.ssrc, p.timestamp, p.payload);
      if (d) this.opts.onDtmf?.(d.digit, d.durationMs);
      return;
    }
    let samples: Int16Array;
    if (p.payloadType === 0) samples = mulawDecode(p.payload);
    else if (p.payloadType === 8) samples = alawDecode(p.payload);
    else {
      this.stats.packetsIgnored++;
      return;
    }
    this.stats.audioSamplesReceived += samples.length;
    this.jb.push(p.timestamp, samples, this.clock.now());
  }

  private pull(now: number): void {
    if (this.closed) return;
    for (const f of this.jb.pull(now)) this.opts.onFrame?.(f.samples, f.kind);
    if (this.reception) {
      this.stats.lost = this.reception.lost;
      this.reception.jitterTs = this.jb.stats.jitterMs * 8;
    }
  }

  private onRtcp(msg: Buffer): void {
    const now = Date.now();
    for (const r of parseRtcp(msg)) {
      if (r.sender && this.reception && r.ssrc === this.remoteSsrc) {
        this.reception.lastSr = ((r.sender.ntpSec & 0xffff) << 16 | (r.sender.ntpFrac >>> 16)) >>> 0;
        this.reception.lastSrAtMs = now;
      }
      const mine = r.blocks.find((b) => b.ssrc === this.ssrc);
      if (mine) {
        this.stats.remoteReport = mine;
        if (mine.lsr !== 0) {
          // RTT = now - LSR - DLSR in NTP short format (section 6.4.1).
          const n = ntpTime(now);
          const mid = ((n.sec & 0xffff) << 16 | (n.frac >>> 16)) >>> 0;
          const rtt = (((mid - mine.lsr - mine.dlsr) >>> 0) / 65536) * 1000;
          if (rtt < 60_000) this.stats.rttMs = rtt;
        }
      }
    }
  }

  /** Build and send one compound RTCP report now (also called by the 5 s timer). */
  sendRtcp(): void {
    const to = this.sendTo;
    if (this.closed || !to) return;
    const now = Date.now();
    const blocks = this.reception ? [this.reception.block(now)] : [];
    const n = ntpTime(now);
    const report = this.sentSinceReport
      ? { type: 'sr' as const, ssrc: this.ssrc, sender: { ntpSec: n.sec, ntpFrac: n.frac, rtpTs: this.ts, packets: this.stats.packetsSent, octets: this.octetsSent }, blocks }
      : { type: 'rr' as const, ssrc: this.ssrc, blocks };
    this.sentSinceReport = false;
    const rtcpPort = this.latched ? this.latched.port + 1 : (this.remote?.rtcpPort ?? to.port + 1);
    this.opts.sockets.rtcp.send(buildRtcp(report, this.cname), rtcpPort, to.address);
  }

  close(): void {
    if (this.closed) return;
    if (this.sendTo) {
      try {
        this.sendRtcp();
      } catch {
        // best effort
      }
    }
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.rtcpTimer) clearInterval(this.rtcpTimer);
    for (const t of this.dtmfTimers) clearTimeout(t);
    this.dtmfTimers.clear();
    if (this.opts.allocator) this.opts.allocator.release(this.opts.sockets);
    else {
      this.opts.sockets.rtp.close();
      this.opts.sockets.rtcp.close();
    }
  }
}
