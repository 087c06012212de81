/**
 * RTP packets, RFC 3550 section 5.1. Parsing never throws: a packet that is not valid RTP
 * version 2 (or whose padding / extension / CSRC lengths overrun the datagram) returns null and
 * the caller counts it as malformed.
 */
export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  /** Media timestamp in clock-rate units (8000 Hz for G.711). */
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

const RTP_HEADER_BYTES = 12;

export function parseRtp(buf: Buffer): RtpPacket | null {
  if (buf.length < RTP_HEADER_BYTES) return null;
  const b0 = buf[0]!;
  if (b0 >> 6 !== 2) return null; // version 2 only
  const padding = (b0 & 0x20) !== 0;
  const extension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  const b1 = buf[1]!;
  const payloadType = b1 & 0x7f;
  // 72-76 are RTCP packet types when RTP and RTCP share a port (RFC 5761 section 4).
  if (payloadType >= 72 && payloadType <= 76) return null;
  let off = RTP_HEADER_BYTES + csrcCount * 4;
  if (off > buf.length) return null;
  if (extension) {
    if (off + 4 > buf.length) return null;
    off += 4 + buf.readUInt16BE(off + 2) * 4; // section 5.3.1: length in 32-bit words
    if (off > buf.length) return null;
  }
  let end = buf.length;
  if (padding) {
    const pad = buf[buf.length - 1]!;
    if (pad === 0 || end - pad < off) return null;
    end -= pad;
  }
  return {
    payloadType,
    marker: (b1 & 0x80) !== 0,
    sequenceNumber: buf.readUInt16BE(2),
    timestamp: buf.readUInt32BE(4),
    ssrc: buf.readUInt32BE(8),
    payload: buf.subarray(off, end),
  };
}

export function serializeRtp(p: RtpPacket): Buffer {
  const out = Buffer.allocUnsafe(RTP_HEADER_BYTES + p.payload.length);
  out[0] = 0x80;
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  out.writeUInt16BE(p.sequenceNumber & 0xffff, 2);
  out.writeUInt32BE(p.timestamp >>> 0, 4);
  out.writeUInt32BE(p.ssrc >>> 0, 8);
  p.payload.copy(out, RTP_HEADER_BYTES);
  return out;
}

/** Signed distance a - b between 16-bit sequence numbers (RFC 3550 appendix A.1 wrap-around). */
export function seqDiff(a: number, b: number): number {
  const d = (a - b) & 0xffff;
  return d >= 0x8000 ? d - 0x10000 : d;
}

/** Signed distance a - b between 32-bit timestamps. */
export function tsDiff(a: number, b: number): number {
  const d = (a - b) >>> 0;
  return d >= 0x80000000 ? d - 0x100000000 : d;
}
