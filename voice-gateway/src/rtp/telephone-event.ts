/**
 * RFC 4733 telephone-event payloads (section 2.3): event (8 bits), E bit, R bit, volume (6 bits),
 * duration (16 bits, timestamp units). One event keeps one RTP timestamp for all its packets; the
 * first packet carries the marker bit (section 2.5.1.1) and the end packet is sent three times
 * (section 2.5.1.4), so the receiver must de-duplicate by timestamp.
 */
const EVENT_CODES = '0123456789*#ABCD';

export interface TelephoneEvent {
  event: number;
  end: boolean;
  /** Power level in -dBm0, 0..63. */
  volume: number;
  /** Duration so far, timestamp units (8000 Hz). */
  duration: number;
}

export function parseTelephoneEvent(payload: Buffer): TelephoneEvent | null {
  if (payload.length < 4) return null;
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: payload.readUInt16BE(2),
  };
}

export function serializeTelephoneEvent(e: TelephoneEvent): Buffer {
  const b = Buffer.alloc(4);
  b[0] = e.event;
  b[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  b.writeUInt16BE(Math.min(0xffff, e.duration), 2);
  return b;
}

export function digitToEvent(digit: string): number | null {
  const i = EVENT_CODES.indexOf(digit.toUpperCase());
  return i < 0 ? null : i;
}

export function eventToDigit(event: number): string | null {
  return EVENT_CODES[event] ?? null;
}

/**
 * Receiver side: reports each event once, on its first packet (the caller reacts at key-down),
 * whatever the order, loss or repetition of the following packets.
 */
export class TelephoneEventReceiver {
  private lastTs: number | null = null;
  private lastSsrc: number | null = null;

  /** Returns the digit when this packet starts a new event, null otherwise. */
  receive(ssrc: number, timestamp: number, payload: Buffer): { digit: string; durationMs: number } | null {
    const ev = parseTelephoneEvent(payload);
    if (!ev) return null;
    const digit = eventToDigit(ev.event);
    if (digit === null) return null; // tones / line events (section 3.2 of RFC 4734) are ignored
    if (this.lastSsrc === ssrc && this.lastTs === timestamp) return null;
    this.lastSsrc = ssrc;
    this.lastTs = timestamp;
    return { digit, durationMs: ev.duration / 8 };
  }
}

/** Packets (payloads + marker) for one digit sent at 20 ms intervals, with three end packets. */
export function telephoneEventPackets(digit: string, durationMs = 100, volume = 10): { payload: Buffer; marker: boolean }[] | null {
  const event = digitToEvent(digit);
  if (event === null) return null;
  const out: { payload: Buffer; marker: boolean }[] = [];
  const steps = Math.max(1, Math.round(durationMs / 20));
  for (let i = 1; i <= steps; i++) {
    out.push({ payload: serializeTelephoneEvent({ event, end: false, volume, duration: i * 160 }), marker: i === 1 });
  }
  for (let i = 0; i < 3; i++) out.push({ payload: serializeTelephoneEvent({ event, end: true, volume, duration: steps * 160 }), marker: false });
  return out;
}
