/**
 * The fuzzer's randomness: one pure-rand generator per case, seeded from the run's seed and the
 * case's index, so any case can be rebuilt from (seed, index) alone, whatever ran before it.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface Rng {
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  /** True with probability p (0..1). */
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** A weighted pick: [weight, value] pairs, weights > 0. */
  weighted<T>(xs: readonly (readonly [number, T])[]): T;
  /** `n` random bytes as a latin1 string (one char per byte). */
  bytes(n: number): string;
}

/** 32-bit mix of the run seed and the case index (murmur3's finaliser), so neighbouring cases get unrelated streams. */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function rngFor(seed: number, index: number): Rng {
  const g: RandomGenerator = xoroshiro128plus(caseSeed(seed, index));
  const int = (lo: number, hi: number) => uniformInt(g, lo, hi);
  return {
    int,
    chance: (p) => int(0, 999_999) < p * 1_000_000,
    pick: (xs) => xs[int(0, xs.length - 1)]!,
    weighted: (xs) => {
      const total = xs.reduce((s, [w]) => s + w, 0);
      let r = int(0, Math.max(0, Math.ceil(total) - 1));
      for (const [w, v] of xs) { if (r < w) return v; r -= w; }
      return xs.at(-1)![1];
    },
    bytes: (n) => { let s = ''; for (let i = 0; i < n; i++) s += String.fromCharCode(int(0, 255)); return s; },
  };
}
