/**
 * The browser test phone's audio path: microphone float PCM -> 8 kHz -> G.711 mu-law (ITU-T G.711),
 * and back. Decimation averages each block of input samples (a crude low-pass that is enough for a
 * speech test line; the recognizer works at 8-16 kHz).
 */
const BIAS = 0x84;
const CLIP = 32635;

export function mulawEncodeSample(sample: number): number {
  let s = Math.max(-1, Math.min(1, sample)) * 32767;
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s = Math.min(CLIP, s) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function mulawDecodeByte(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const s = (((mantissa << 3) + BIAS) << exponent) - BIAS;
  return (sign ? -s : s) / 32768;
}

/** Resamples by block averaging / holding, keeping the fractional position between calls. */
export class Downsampler {
  private pos = 0;
  private acc = 0;
  private n = 0;
  constructor(private readonly inRate: number, private readonly outRate = 8000) {}
  push(input: Float32Array): number[] {
    const out: number[] = [];
    const step = this.inRate / this.outRate;
    for (const x of input) {
      this.acc += x; this.n++; this.pos += 1;
      if (this.pos >= step) { out.push(this.acc / this.n); this.acc = 0; this.n = 0; this.pos -= step; }
    }
    return out;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
