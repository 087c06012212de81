import { describe, it, expect } from 'vitest';
import {
  mulawEncode, mulawDecode, alawEncode, alawDecode, mulawEncodeSample, mulawDecodeSample,
  alawEncodeSample, alawDecodeSample, MULAW_DECODE_TABLE, ALAW_DECODE_TABLE, g711RoundTrip,
} from '../src/audio/index.js';

const muSeg = (code: number): number => ((~code & 0xff) & 0x70) >> 4;
const aSeg = (code: number): number => ((code ^ 0x55) & 0x70) >> 4;

describe('G.711 mu-law', () => {
  it('decodes the ITU-T reference code words', () => {
    expect(mulawDecodeSample(0xff)).toBe(0);
    expect(mulawDecodeSample(0x7f)).toBe(0);
    expect(mulawDecodeSample(0x00)).toBe(-32124);
    expect(mulawDecodeSample(0x80)).toBe(32124);
    expect(mulawDecodeSample(0xfe)).toBe(8);
    expect(mulawDecodeSample(0x7e)).toBe(-8);
    expect(mulawDecodeSample(0xef)).toBe(132);
  });
  it('round-trips every code word except negative zero 0x7F (which comes back as 0xFF)', () => {
    for (let c = 0; c < 256; c++) {
      const back = mulawEncodeSample(mulawDecodeSample(c));
      expect(back).toBe(c === 0x7f ? 0xff : c);
    }
  });
  it('puts the segment boundaries where G.711 does (16-bit scale)', () => {
    const bounds = [124, 380, 892, 1916, 3964, 8060, 16252];
    bounds.forEach((b, i) => {
      expect(muSeg(mulawEncodeSample(b - 1))).toBe(i);
      expect(muSeg(mulawEncodeSample(b))).toBe(i + 1);
      expect(muSeg(mulawEncodeSample(-b - 1))).toBe(i + 1);
    });
    expect(mulawEncodeSample(0)).toBe(0xff);
    expect(mulawEncodeSample(32767)).toBe(0x80);
    expect(mulawEncodeSample(-32768)).toBe(0x00);
  });
  it('quantises every 16-bit value monotonically with an error under one step', () => {
    let prev = -Infinity;
    for (let s = -32768; s <= 32767; s++) {
      const d = mulawDecodeSample(mulawEncodeSample(s));
      expect(d).toBeGreaterThanOrEqual(prev);
      prev = d;
      const step = Math.max(8, 2 ** (muSeg(mulawEncodeSample(s)) + 3));
      if (Math.abs(s) <= 32124) expect(Math.abs(d - s)).toBeLessThanOrEqual(step);
    }
  });
  it('encodes and decodes arrays like the scalar functions', () => {
    const pcm = new Int16Array([0, 1, -1, 1000, -1000, 32767, -32768, 12345]);
    const codes = mulawEncode(pcm);
    expect(Array.from(codes)).toEqual(Array.from(pcm, mulawEncodeSample));
    expect(Array.from(mulawDecode(codes))).toEqual(Array.from(codes, mulawDecodeSample));
    expect(MULAW_DECODE_TABLE.length).toBe(256);
  });
});

describe('G.711 A-law', () => {
  it('decodes the ITU-T reference code words', () => {
    expect(alawDecodeSample(0xd5)).toBe(8);
    expect(alawDecodeSample(0x55)).toBe(-8);
    expect(alawDecodeSample(0xaa)).toBe(32256);
    expect(alawDecodeSample(0x2a)).toBe(-32256);
    expect(ALAW_DECODE_TABLE.length).toBe(256);
  });
  it('round-trips all 256 code words', () => {
    for (let c = 0; c < 256; c++) expect(alawEncodeSample(alawDecodeSample(c))).toBe(c);
  });
  it('puts the segment boundaries where G.711 does (16-bit scale)', () => {
    const bounds = [256, 512, 1024, 2048, 4096, 8192, 16384];
    bounds.forEach((b, i) => {
      expect(aSeg(alawEncodeSample(b - 1))).toBe(i);
      expect(aSeg(alawEncodeSample(b))).toBe(i + 1);
      expect(aSeg(alawEncodeSample(-b - 1))).toBe(i + 1);
    });
    expect(alawEncodeSample(0)).toBe(0xd5);
    expect(alawEncodeSample(-1)).toBe(0x55);
    expect(alawEncodeSample(32767)).toBe(0xaa);
    expect(alawEncodeSample(-32768)).toBe(0x2a);
  });
  it('is monotonic over the whole 16-bit range and arrays match scalars', () => {
    let prev = -Infinity;
    for (let s = -32768; s <= 32767; s++) {
      const d = alawDecodeSample(alawEncodeSample(s));
      expect(d).toBeGreaterThanOrEqual(prev);
      prev = d;
    }
    const pcm = new Int16Array([0, 7, -9, 300, -3000, 30000]);
    expect(Array.from(alawEncode(pcm))).toEqual(Array.from(pcm, alawEncodeSample));
    expect(Array.from(alawDecode(alawEncode(pcm)))).toEqual(Array.from(g711RoundTrip(pcm, 'alaw')));
  });
  it('keeps a speech-level sine within G.711 SNR (> 30 dB) for both laws', () => {
    const pcm = new Int16Array(8000).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 8000 + 0.3)));
    for (const law of ['mulaw', 'alaw'] as const) {
      const out = g711RoundTrip(pcm, law);
      let sig = 0, err = 0;
      for (let i = 0; i < pcm.length; i++) { sig += pcm[i]! ** 2; err += (out[i]! - pcm[i]!) ** 2; }
      expect(10 * Math.log10(sig / err)).toBeGreaterThan(30);
    }
  });
});
