/** Test helpers: models directory, a tiny WAV reader, frame slicing, synthetic noise and tones. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AudioFrame } from '@tingzhen/voice-core';

const here = dirname(fileURLToPath(import.meta.url));
/** TINGZHEN_MODELS_DIR, else ../shared/models next to the repository root. */
export const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? resolve(here, '..', '..', '..', 'shared', 'models');
export const WAVS_DIR = join(MODELS_DIR, 'test-wavs-zh');

export interface Pcm { samples: Int16Array; sampleRate: number }

/** Reads a PCM16 mono WAV (the test recordings). */
export function readWavFile(path: string): Pcm {
  const buf = readFileSync(path);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`not a WAV: ${path}`);
  let off = 12;
  let sampleRate = 0;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      if (buf.readUInt16LE(off + 8) !== 1 || buf.readUInt16LE(off + 10) !== 1 || buf.readUInt16LE(off + 22) !== 16) throw new Error('need PCM16 mono');
      sampleRate = buf.readUInt32LE(off + 12);
    } else if (id === 'data') {
      const n = Math.min(size, buf.length - off - 8) >> 1;
      const samples = new Int16Array(n);
      for (let i = 0; i < n; i++) samples[i] = buf.readInt16LE(off + 8 + 2 * i);
      return { samples, sampleRate };
    }
    off += 8 + size + (size & 1);
  }
  throw new Error(`no data chunk: ${path}`);
}

/** Slices PCM into 20 ms frames on a media clock starting at `startMs`. */
export function toFrames(pcm: Pcm, frameMs = 20, startMs = 0): AudioFrame[] {
  const n = (pcm.sampleRate * frameMs) / 1000;
  const out: AudioFrame[] = [];
  for (let i = 0; i < pcm.samples.length; i += n) {
    out.push({ samples: pcm.samples.slice(i, i + n), sampleRate: pcm.sampleRate, startMs: startMs + (i * 1000) / pcm.sampleRate });
  }
  return out;
}

export function concat(...parts: Pcm[]): Pcm {
  const total = parts.reduce((s, p) => s + p.samples.length, 0);
  const samples = new Int16Array(total);
  let o = 0;
  for (const p of parts) { samples.set(p.samples, o); o += p.samples.length; }
  return { samples, sampleRate: parts[0]!.sampleRate };
}

export function silence(ms: number, sampleRate: number): Pcm {
  return { samples: new Int16Array(Math.round((sampleRate * ms) / 1000)), sampleRate };
}

/** Deterministic PRNG (mulberry32) so noise tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** White (or pink, Paul Kellet's filter) noise at an RMS level in dBFS. */
export function noise(ms: number, sampleRate: number, dbfs: number, kind: 'white' | 'pink' = 'white', seed = 1): Pcm {
  const rnd = prng(seed);
  const n = Math.round((sampleRate * ms) / 1000);
  const raw = new Float64Array(n);
  let b0 = 0, b1 = 0, b2 = 0;
  for (let i = 0; i < n; i++) {
    const w = rnd() * 2 - 1;
    if (kind === 'white') raw[i] = w;
    else {
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      raw[i] = b0 + b1 + b2 + w * 0.1848;
    }
  }
  let sum = 0;
  for (const v of raw) sum += v * v;
  const gain = (32768 * 10 ** (dbfs / 20)) / Math.sqrt(sum / n);
  const samples = new Int16Array(n);
  for (let i = 0; i < n; i++) samples[i] = Math.max(-32768, Math.min(32767, Math.round(raw[i]! * gain)));
  return { samples, sampleRate };
}

/** DTMF digit (ITU-T Q.23 frequency pairs), each tone at `dbfs` per component. */
export function dtmf(digits: string, sampleRate: number, toneMs = 100, gapMs = 60, dbfs = -10): Pcm {
  const rows = [697, 770, 852, 941];
  const cols = [1209, 1336, 1477, 1633];
  const keys = ['123A', '456B', '789C', '*0#D'];
  const amp = 32768 * 10 ** (dbfs / 20) * Math.SQRT2;
  const parts: Pcm[] = [];
  for (const d of digits) {
    const r = keys.findIndex((k) => k.includes(d));
    const c = keys[r]!.indexOf(d);
    const n = Math.round((sampleRate * toneMs) / 1000);
    const s = new Int16Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / sampleRate;
      s[i] = Math.round((amp / 2) * (Math.sin(2 * Math.PI * rows[r]! * t) + Math.sin(2 * Math.PI * cols[c]! * t)));
    }
    parts.push({ samples: s, sampleRate }, silence(gapMs, sampleRate));
  }
  return concat(...parts);
}

/** Adds b (scaled to `snrDb` below a's RMS) to a, sample by sample (lengths of a). */
export function mixAtSnr(a: Pcm, b: Pcm, snrDb: number): Pcm {
  const rms = (x: Int16Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  const gain = rms(a.samples) / rms(b.samples) / 10 ** (snrDb / 20);
  const out = new Int16Array(a.samples.length);
  for (let i = 0; i < out.length; i++) {
    const v = a.samples[i]! + gain * b.samples[i % b.samples.length]!;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
  }
  return { samples: out, sampleRate: a.sampleRate };
}

/** Frame-level energy: spans (ms) where 20 ms frames are within `belowPeakDb` of the loudest frame. */
export function energySpanMs(pcm: Pcm, belowPeakDb = 30): { firstMs: number; lastMs: number } {
  const n = pcm.sampleRate / 50;
  const levels: number[] = [];
  for (let i = 0; i + n <= pcm.samples.length; i += n) {
    let s = 0;
    for (let j = i; j < i + n; j++) s += pcm.samples[j]! * pcm.samples[j]!;
    levels.push(10 * Math.log10(s / n + 1e-9));
  }
  const peak = Math.max(...levels);
  const loud = levels.map((l, i) => (l > peak - belowPeakDb ? i : -1)).filter((i) => i >= 0);
  return { firstMs: loud[0]! * 20, lastMs: (loud[loud.length - 1]! + 1) * 20 };
}
