/**
 * ITU-T G.711 mu-law and A-law companding, table driven.
 *
 * Decoding uses 256-entry tables; encoding uses 65,536-entry tables indexed by the 16-bit sample
 * (64 KiB each, built once at module load), so both directions are one array lookup per sample.
 * The tables are built from the classic segment algorithm (Sun Microsystems' public-domain
 * g711.c, which matches the G.711 tables scaled to 16-bit):
 *
 * - mu-law works on 14-bit magnitudes: bias 0x84 (132), clip at 32635; decoded values are
 *   +/-(0..32124). Segment boundaries on 16-bit input: 124, 380, 892, 1916, 3964, 8060, 16252.
 * - A-law works on 13-bit values (sample >> 3); decoded values are +/-(8..32256). Segment
 *   boundaries on 16-bit input: 256, 512, 1024, 2048, 4096, 8192, 16384. Even bits are
 *   inverted on the wire (XOR 0x55), sign bit set for positive values.
 *
 * Round trip: encode(decode(c)) === c for all 256 A-law code words and for 255 mu-law code
 * words. The exception is mu-law 0x7F ("negative zero"): it decodes to 0 like 0xFF, and 0
 * encodes to 0xFF, so 0x7F comes back as 0xFF. Both mean silence.
 */

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

function mulawEncodeSlow(sample: number): number {
  let pcm = sample;
  let mask: number;
  if (pcm < 0) {
    // Negative values map to the magnitude on the same grid as the decoder (BIAS - t).
    pcm = MULAW_BIAS - pcm;
    mask = 0x7f;
  } else {
    pcm += MULAW_BIAS;
    mask = 0xff;
  }
  if (pcm > MULAW_CLIP + MULAW_BIAS) pcm = MULAW_CLIP + MULAW_BIAS;
  // Segment = position of the highest set bit above bit 7 (0..7).
  let seg = 0;
  for (let v = pcm >> 8; v > 0 && seg < 7; v >>= 1) seg++;
  const mantissa = (pcm >> (seg + 3)) & 0x0f;
  return ((seg << 4) | mantissa) ^ mask;
}

function mulawDecodeSlow(code: number): number {
  const u = ~code & 0xff;
  let t = ((u & 0x0f) << 3) + MULAW_BIAS;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? MULAW_BIAS - t : t - MULAW_BIAS;
}

/** End of each A-law segment on the 13-bit magnitude. */
const ALAW_SEG_END = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff] as const;

function alawEncodeSlow(sample: number): number {
  let pcm = sample >> 3;
  let mask: number;
  if (pcm >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  let seg = 0;
  while (seg < 8 && pcm > ALAW_SEG_END[seg]!) seg++;
  if (seg >= 8) return 0x7f ^ mask;
  let aval = seg << 4;
  aval |= seg < 2 ? (pcm >> 1) & 0x0f : (pcm >> seg) & 0x0f;
  return aval ^ mask;
}

function alawDecodeSlow(code: number): number {
  const a = code ^ 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

function buildDecode(fn: (c: number) => number): Int16Array {
  const t = new Int16Array(256);
  for (let c = 0; c < 256; c++) t[c] = fn(c);
  return t;
}

/** Encode table indexed by (sample + 32768). */
function buildEncode(fn: (s: number) => number): Uint8Array {
  const t = new Uint8Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = fn(i - 32768);
  return t;
}

/** Decoded 16-bit value of every mu-law code word. */
export const MULAW_DECODE_TABLE: Readonly<Int16Array> = buildDecode(mulawDecodeSlow);
/** Decoded 16-bit value of every A-law code word. */
export const ALAW_DECODE_TABLE: Readonly<Int16Array> = buildDecode(alawDecodeSlow);
const MULAW_ENCODE_TABLE = buildEncode(mulawEncodeSlow);
const ALAW_ENCODE_TABLE = buildEncode(alawEncodeSlow);

/** Clamp to int16 and return the encode-table index. */
function index16(sample: number): number {
  const s = Math.round(sample);
  return (s > 32767 ? 32767 : s < -32768 ? -32768 : s) + 32768;
}

export function mulawEncodeSample(sample: number): number {
  return MULAW_ENCODE_TABLE[index16(sample)]!;
}

export function mulawDecodeSample(code: number): number {
  return MULAW_DECODE_TABLE[code & 0xff]!;
}

export function alawEncodeSample(sample: number): number {
  return ALAW_ENCODE_TABLE[index16(sample)]!;
}

export function alawDecodeSample(code: number): number {
  return ALAW_DECODE_TABLE[code & 0xff]!;
}

/** PCM16 -> mu-law bytes. */
export function mulawEncode(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = MULAW_ENCODE_TABLE[samples[i]! + 32768]!;
  return out;
}

/** mu-law bytes -> PCM16. */
export function mulawDecode(codes: Uint8Array): Int16Array {
  const out = new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = MULAW_DECODE_TABLE[codes[i]!]!;
  return out;
}

/** PCM16 -> A-law bytes. */
export function alawEncode(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = ALAW_ENCODE_TABLE[samples[i]! + 32768]!;
  return out;
}

/** A-law bytes -> PCM16. */
export function alawDecode(codes: Uint8Array): Int16Array {
  const out = new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = ALAW_DECODE_TABLE[codes[i]!]!;
  return out;
}

export type G711Law = 'mulaw' | 'alaw';

/** Encode then decode: what a PCM16 signal sounds like after a G.711 hop. */
export function g711RoundTrip(samples: Int16Array, law: G711Law): Int16Array {
  return law === 'mulaw' ? mulawDecode(mulawEncode(samples)) : alawDecode(alawEncode(samples));
}
