import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError, rmsDbfs, type VadEvent } from '@tingzhen/voice-core';
import { GtcrnDenoiserEngine, SileroVadEngine, createCallVad } from '@tingzhen/speech';
import { MODELS_DIR, WAVS_DIR, concat, mixAtSnr, noise, readWavFile, silence, toFrames, type Pcm } from './helpers.js';

let vad: SileroVadEngine;
let dn: GtcrnDenoiserEngine;
beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR });
  dn = await GtcrnDenoiserEngine.load({ modelsDir: MODELS_DIR });
});
afterAll(() => { vad.close(); dn.close(); });

const FRAME_MS = 20;

/** Per-20-ms-frame speech decisions from VAD segments over `durationMs`. */
function decisions(events: VadEvent[], durationMs: number): boolean[] {
  const out = new Array<boolean>(Math.ceil(durationMs / FRAME_MS)).fill(false);
  for (const e of events) {
    if (e.type !== 'speech-end') continue;
    for (let i = Math.floor(e.startMs / FRAME_MS); i < Math.min(out.length, Math.ceil(e.endMs / FRAME_MS)); i++) out[i] = true;
  }
  return out;
}

function runVad(pcm: Pcm, denoise: boolean): VadEvent[] {
  const s = createCallVad(vad, dn, { denoise, minSilenceMs: 300 });
  const ev: VadEvent[] = [];
  for (const f of toFrames(pcm)) ev.push(...s.push(f));
  ev.push(...s.flush());
  s.close();
  return ev;
}

/** Clean phone-rate speech with 2 s gaps; the gaps are the noise-only segments. */
function cleanCall(): { pcm: Pcm; gaps: [number, number][] } {
  const a = readWavFile(join(WAVS_DIR, 'BAC009S0764W0121_8k_ulaw.wav'));
  const b = readWavFile(join(WAVS_DIR, 'TEST_NET_Y0000000000_-KTKHdZ2fb8_S00000_8k_ulaw.wav'));
  const c = readWavFile(join(WAVS_DIR, 'IT0011W0001_8k_ulaw.wav'));
  const g = silence(2000, 8000);
  const ms = (p: Pcm) => (p.samples.length * 1000) / p.sampleRate;
  const gaps: [number, number][] = [];
  let t = 0;
  for (const p of [g, a, g, b, g, c, g]) {
    if (p === g) gaps.push([t, t + ms(p)]);
    t += ms(p);
  }
  return { pcm: concat(g, a, g, b, g, c, g), gaps };
}

describe('GTCRN denoiser (real model)', () => {
  it('streams 20 ms phone frames to 16 kHz output on the media clock, and lowers the noise floor', () => {
    const noisy = noise(3000, 8000, -30, 'white', 3);
    const s = dn.stream();
    const out: Int16Array[] = [];
    let firstStart = -1;
    for (const f of toFrames(noisy, 20, 1000)) {
      const o = s.push(f);
      if (o) { expect(o.sampleRate).toBe(16000); if (firstStart < 0) firstStart = o.startMs; out.push(o.samples); }
    }
    const tail = s.flush();
    if (tail) out.push(tail.samples);
    s.close();
    const total = out.reduce((n, x) => n + x.length, 0);
    const joined = new Int16Array(total);
    let o = 0;
    for (const x of out) { joined.set(x, o); o += x.length; }
    expect(firstStart).toBe(1000);
    expect(Math.abs(total - 48000)).toBeLessThanOrEqual(512);
    const before = rmsDbfs(noisy.samples);
    const after = rmsDbfs(joined.subarray(8000));
    console.log(`GTCRN on white noise: ${before.toFixed(1)} dBFS -> ${after.toFixed(1)} dBFS`);
    expect(after).toBeLessThan(before - 10);
  });

  it('MEASURES the effect on VAD decisions with added noise (printed), and keeps the speech', () => {
    const { pcm: clean, gaps } = cleanCall();
    const durationMs = (clean.samples.length * 1000) / 8000;
    const ref = decisions(runVad(clean, false), durationMs);
    const refSpeech = ref.filter(Boolean).length;
    expect(refSpeech).toBeGreaterThan(150);
    const inGap = (i: number) => gaps.some(([a, b]) => i * FRAME_MS >= a + 200 && (i + 1) * FRAME_MS <= b - 400);
    const rows: string[] = [];
    const results: { snr: number; rawRecall: number; raw: number; dn: number; rawFalse: number; dnFalse: number; dnRecall: number }[] = [];
    for (const [kind, snr] of [['white', 10], ['white', 5], ['white', 0], ['pink', 10], ['pink', 5], ['pink', 0]] as const) {
      const n = noise(durationMs, 8000, -20, kind, 11);
      // Noise everywhere, at `snr` dB below the speech RMS measured over the whole clean call.
      const noisy = mixAtSnr(clean, n, snr);
      const measure = (d: boolean[]) => {
        let agree = 0, falseMs = 0, gapMs = 0, hit = 0;
        d.forEach((v, i) => {
          if (v === ref[i]) agree++;
          if (v && ref[i]) hit++;
          if (inGap(i)) { gapMs += FRAME_MS; if (v) falseMs += FRAME_MS; }
        });
        return { agreement: agree / d.length, falseMs, gapMs, recall: hit / refSpeech };
      };
      const raw = measure(decisions(runVad(noisy, false), durationMs));
      const den = measure(decisions(runVad(noisy, true), durationMs));
      results.push({ snr, rawRecall: raw.recall, raw: raw.agreement, dn: den.agreement, rawFalse: raw.falseMs, dnFalse: den.falseMs, dnRecall: den.recall });
      rows.push(`${kind.padEnd(5)} SNR ${String(snr).padStart(2)} dB | agreement raw ${(raw.agreement * 100).toFixed(1)}% -> denoised ${(den.agreement * 100).toFixed(1)}%`
        + ` | speech recall raw ${(raw.recall * 100).toFixed(1)}% -> ${(den.recall * 100).toFixed(1)}%`
        + ` | false speech in ${raw.gapMs} ms of noise-only: raw ${raw.falseMs} ms -> denoised ${den.falseMs} ms`);
    }
    console.log(`VAD frame agreement vs clean-speech VAD (20 ms frames, min silence 300 ms):\n${rows.join('\n')}`);
    for (const r of results) {
      // The denoiser never makes the VAD invent speech in noise-only stretches...
      expect(r.dnFalse).toBeLessThanOrEqual(r.rawFalse);
      if (r.snr >= 5) {
        // ...and down to 5 dB SNR the VAD still finds the caller's speech, at least as well as without it.
        expect(r.dnRecall).toBeGreaterThan(0.75);
        expect(r.dnRecall).toBeGreaterThanOrEqual(r.rawRecall);
        expect(r.dn).toBeGreaterThan(0.85);
      }
    }
  });

  it('a missing model gives a TzError with the fix', async () => {
    const err = await GtcrnDenoiserEngine.load({ modelsDir: '/nonexistent' }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_MODEL_MISSING')).toBe(true);
    expect((err as Error).message).toMatch(/gtcrn_simple\.onnx.*models download gtcrn-speech-denoiser/);
  });
});
