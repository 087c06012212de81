/** Test-only signal measurements. */

/** Sine (or sum of sines) as PCM16. `amplitude` is the peak, in sample units. */
export function sine(freqHz: number, sampleRate: number, durationMs: number, amplitude = 10000, phase = 0): Int16Array {
  const n = Math.round((sampleRate * durationMs) / 1000);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * freqHz * i) / sampleRate + phase));
  return out;
}

/** Amplitude of the component at freqHz (Goertzel/DFT magnitude, Hann-windowed to limit leakage). */
export function toneAmplitude(samples: Int16Array, sampleRate: number, freqHz: number): number {
  let re = 0, im = 0, wsum = 0;
  const n = samples.length;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const a = (2 * Math.PI * freqHz * i) / sampleRate;
    re += w * samples[i]! * Math.cos(a);
    im -= w * samples[i]! * Math.sin(a);
    wsum += w;
  }
  return (2 * Math.hypot(re, im)) / wsum;
}

/** Frequency from zero crossings (linear interpolation between samples). */
export function zeroCrossingFrequency(samples: Int16Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!, b = samples[i]!;
    if (a < 0 && b >= 0) crossings.push(i - 1 + -a / (b - a));
  }
  const first = crossings[0]!, last = crossings[crossings.length - 1]!;
  return ((crossings.length - 1) * sampleRate) / (last - first);
}

export function rms(samples: Int16Array): number {
  let s = 0;
  for (let i = 0; i < samples.length; i++) s += samples[i]! ** 2;
  return Math.sqrt(s / Math.max(1, samples.length));
}

export function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function db(ratio: number): number {
  return 20 * Math.log10(ratio);
}
