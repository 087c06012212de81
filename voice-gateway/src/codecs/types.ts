/**
 * A wire codec translates one media dialect's messages to events and back. It holds only the
 * per-connection protocol state it needs (stream id, negotiated format) and decides nothing:
 * what to do with a start, a DTMF digit or a stop is the leg's and the pipeline's business.
 * Unknown-but-valid messages decode to no events; malformed ones throw TZ_ERR_PROTOCOL.
 */
import type { CallLegInfo } from '@tingzhen/voice-core';

export type AudioEncoding = 'mulaw' | 'alaw' | 'l16';

export type InboundEvent =
  | { type: 'start'; info: CallLegInfo; sampleRate: number; encoding: AudioEncoding; parameters: Record<string, string> }
  | { type: 'audio'; samples: Int16Array }
  | { type: 'dtmf'; digit: string; durationMs?: number }
  | { type: 'mark'; name: string }
  | { type: 'stop' }
  /** Peer flow control (Asterisk MEDIA_XOFF / MEDIA_XON). */
  | { type: 'flow'; paused: boolean };

export interface WireMessage {
  data: string | Buffer;
  binary: boolean;
}

export interface WireCodec {
  readonly dialect: string;
  /** True when the peer echoes marks back when playout reaches them. */
  readonly peerMarks: boolean;
  decode(data: Buffer, isBinary: boolean): InboundEvent[];
  /** Samples at the negotiated leg rate. */
  encodeAudio(samples: Int16Array): WireMessage[];
  encodeMark(name: string): WireMessage[];
  encodeClear(): WireMessage[];
  encodeTransfer(target: string): WireMessage[];
  /** Sent once after the start event (e.g. Asterisk ANSWER); usually nothing. */
  encodeAnswer(): WireMessage[];
  encodeHangup(): WireMessage[];
}

export type CodecFactory = () => WireCodec;

export const text = (obj: unknown): WireMessage => ({ data: JSON.stringify(obj), binary: false });

/** Little-endian PCM16 bytes -> samples (copies: the Buffer may be pooled or unaligned). */
export function l16ToSamples(buf: Buffer | Uint8Array): Int16Array {
  const n = buf.length >> 1;
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = (buf[2 * i]! | (buf[2 * i + 1]! << 8)) << 16 >> 16;
  return out;
}

export function samplesToL16(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i]!, 2 * i);
  return out;
}

export function parseJson(data: Buffer | string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    throw protocolError('invalid-json');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw protocolError('not-an-object');
  return v as Record<string, unknown>;
}

import { TzError } from '@tingzhen/voice-core';
export function protocolError(problem: string, details: Record<string, unknown> = {}): TzError {
  return new TzError('TZ_ERR_PROTOCOL', { problem, ...details });
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) {
    const s = str(x);
    if (s !== undefined) out[k] = s;
  }
  return out;
}
