/**
 * RTCP sender and receiver reports, RFC 3550 section 6.4, and the reception statistics behind
 * them (appendix A.1 sequence tracking, A.3 loss). We send one compound packet (SR or RR
 * followed by SDES CNAME, section 6.1) every RTCP_INTERVAL_MS; incoming reports give the
 * peer's view of our stream (loss, jitter) and the round-trip time (LSR / DLSR, section 6.4.1).
 */
import { seqDiff } from './packet.js';

export interface ReportBlock {
  ssrc: number;
  fractionLost: number; // 0..255 (fixed point /256)
  cumulativeLost: number;
  highestSeq: number; // extended
  jitter: number; // timestamp units
  lsr: number;
  dlsr: number; // 1/65536 s
}

export interface SenderInfo {
  ntpSec: number;
  ntpFrac: number;
  rtpTs: number;
  packets: number;
  octets: number;
}

export interface RtcpReport {
  type: 'sr' | 'rr';
  ssrc: number;
  sender?: SenderInfo;
  blocks: ReportBlock[];
}

export const RTCP_INTERVAL_MS = 5000; // RFC 3550 section 6.2 minimum interval

/** Per-source reception statistics (appendix A.1 / A.3). */
export class ReceptionStats {
  private baseSeq = -1;
  private maxSeq = 0;
  private cycles = 0;
  received = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  jitterTs = 0;
  /** Middle 32 bits of the last SR's NTP time and when we got it (ms). */
  lastSr = 0;
  lastSrAtMs = 0;

  constructor(readonly ssrc: number) {}

  onPacket(seq: number): void {
    if (this.baseSeq < 0) {
      this.baseSeq = seq;
      this.maxSeq = seq;
    } else {
      const d = seqDiff(seq, this.maxSeq);
      if (d > 0) {
        if (seq < this.maxSeq) this.cycles += 0x10000;
        this.maxSeq = seq;
      }
    }
    this.received++;
  }

  get extendedMax(): number {
    return this.cycles + this.maxSeq;
  }

  get expected(): number {
    return this.baseSeq < 0 ? 0 : this.extendedMax - this.baseSeq + 1;
  }

  get lost(): number {
    return Math.max(0, this.expected - this.received);
  }

  block(nowMs: number): ReportBlock {
    const expected = this.expected;
    const expInterval = expected - this.expectedPrior;
    const recInterval = this.received - this.receivedPrior;
    this.expectedPrior = expected;
    this.receivedPrior = this.received;
    const lostInterval = expInterval - recInterval;
    const fraction = expInterval <= 0 || lostInterval <= 0 ? 0 : Math.min(255, Math.floor((lostInterval << 8) / expInterval));
    return {
      ssrc: this.ssrc,
      fractionLost: fraction,
      cumulativeLost: Math.min(0x7fffff, this.lost),
      highestSeq: this.extendedMax >>> 0,
      jitter: Math.round(this.jitterTs) >>> 0,
      lsr: this.lastSr >>> 0,
      dlsr: this.lastSr === 0 ? 0 : Math.round(((nowMs - this.lastSrAtMs) / 1000) * 65536) >>> 0,
    };
  }
}

/** NTP timestamp (RFC 3550 section 4) for a Unix time in ms. */
export function ntpTime(unixMs: number): { sec: number; frac: number } {
  const sec = Math.floor(unixMs / 1000) + 2208988800;
  const frac = Math.floor(((unixMs % 1000) / 1000) * 0x100000000);
  return { sec: sec >>> 0, frac: frac >>> 0 };
}

export function buildRtcp(report: RtcpReport, cname: string): Buffer {
  const blocks = report.blocks.slice(0, 31);
  const isSr = report.type === 'sr' && report.sender !== undefined;
  const headLen = 8 + (isSr ? 20 : 0);
  const rep = Buffer.alloc(headLen + blocks.length * 24);
  rep[0] = 0x80 | blocks.length;
  rep[1] = isSr ? 200 : 201;
  rep.writeUInt16BE(rep.length / 4 - 1, 2);
  rep.writeUInt32BE(report.ssrc >>> 0, 4);
  let off = 8;
  if (isSr) {
    const s = report.sender!;
    rep.writeUInt32BE(s.ntpSec >>> 0, 8);
    rep.writeUInt32BE(s.ntpFrac >>> 0, 12);
    rep.writeUInt32BE(s.rtpTs >>> 0, 16);
    rep.writeUInt32BE(s.packets >>> 0, 20);
    rep.writeUInt32BE(s.octets >>> 0, 24);
    off = 28;
  }
  for (const b of blocks) {
    rep.writeUInt32BE(b.ssrc >>> 0, off);
    rep[off + 4] = b.fractionLost & 0xff;
    rep.writeUIntBE(b.cumulativeLost & 0xffffff, off + 5, 3);
    rep.writeUInt32BE(b.highestSeq >>> 0, off + 8);
    rep.writeUInt32BE(b.jitter >>> 0, off + 12);
    rep.writeUInt32BE(b.lsr >>> 0, off + 16);
    rep.writeUInt32BE(b.dlsr >>> 0, off + 20);
    off += 24;
  }
  // SDES with one CNAME item (section 6.5), padded to a 32-bit boundary.
  const name = Buffer.from(cname.slice(0, 255), 'utf8');
  const itemLen = 4 + 2 + name.length + 1; // ssrc + type/len + text + END
  const sdesLen = Math.ceil(itemLen / 4) * 4;
  const sdes = Buffer.alloc(4 + sdesLen);
  sdes[0] = 0x81;
  sdes[1] = 202;
  sdes.writeUInt16BE(sdes.length / 4 - 1, 2);
  sdes.writeUInt32BE(report.ssrc >>> 0, 4);
  sdes[8] = 1;
  sdes[9] = name.length;
  name.copy(sdes, 10);
  return Buffer.concat([rep, sdes]);
}

/** Parse the SR / RR packets of a compound RTCP packet; other types are skipped. Never throws. */
export function parseRtcp(buf: Buffer): RtcpReport[] {
  const out: RtcpReport[] = [];
  let off = 0;
  while (off + 4 <= buf.length) {
    const b0 = buf[off]!;
    if (b0 >> 6 !== 2) break;
    const pt = buf[off + 1]!;
    const len = (buf.readUInt16BE(off + 2) + 1) * 4;
    if (off + len > buf.length) break;
    const count = b0 & 0x1f;
    if ((pt === 200 || pt === 201) && len >= 8) {
      const ssrc = buf.readUInt32BE(off + 4);
      let p = off + 8;
      let sender: SenderInfo | undefined;
      if (pt === 200) {
        if (len < 28) break;
        sender = {
          ntpSec: buf.readUInt32BE(p), ntpFrac: buf.readUInt32BE(p + 4), rtpTs: buf.readUInt32BE(p + 8),
          packets: buf.readUInt32BE(p + 12), octets: buf.readUInt32BE(p + 16),
        };
        p += 20;
      }
      const blocks: ReportBlock[] = [];
      for (let i = 0; i < count && p + 24 <= off + len; i++, p += 24) {
        blocks.push({
          ssrc: buf.readUInt32BE(p), fractionLost: buf[p + 4]!, cumulativeLost: buf.readUIntBE(p + 5, 3),
          highestSeq: buf.readUInt32BE(p + 8), jitter: buf.readUInt32BE(p + 12), lsr: buf.readUInt32BE(p + 16),
          dlsr: buf.readUInt32BE(p + 20),
        });
      }
      out.push({ type: pt === 200 ? 'sr' : 'rr', ssrc, ...(sender ? { sender } : {}), blocks });
    }
    off += len;
  }
  return out;
}
