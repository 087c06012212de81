import { describe, it, expect } from 'vitest';
import { pcm16ToFloat32, float32ToPcm16, rmsDbfs } from '../src/audio/pcm.js';

describe('PCM16/float conversion', () => {
  it('round-trips every 16-bit value exactly', () => {
    const all = new Int16Array(65536);
    for (let i = 0; i < 65536; i++) all[i] = i - 32768;
    expect(float32ToPcm16(pcm16ToFloat32(all))).toEqual(all);
  });
  it('clips floats beyond full scale', () => {
    expect(Array.from(float32ToPcm16(new Float32Array([1.5, -1.5, 0.5])))).toEqual([32767, -32768, 16384]);
  });
  it('measures level in dBFS', () => {
    const sq = new Int16Array(160).map((_, i) => (i % 2 ? 16384 : -16384));
    expect(rmsDbfs(sq)).toBeCloseTo(-6.02, 1);
    expect(rmsDbfs(new Int16Array(10))).toBe(-Infinity);
  });
});
