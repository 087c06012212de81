/** Real streaming ASR on the test recordings (runs in `npm run test:models` where models are present). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AsrResult } from '@tingzhen/voice-core';
import { SherpaAsrEngine } from '@tingzhen/speech';
import { MODELS_DIR, WAVS_DIR, concat, readWavFile, silence, toFrames } from './helpers.js';
import { CACHE_DIR, announce } from './models-lane.js';

// Streaming recognisers only: the offline (Moonshine) one has its own test (english.models.test.ts).
const present = announce('asr').filter((e) => e.streaming !== false);
const refs = new Map(readFileSync(join(WAVS_DIR, 'trans.txt'), 'utf8').trim().split('\n').map((l) => l.split('\t') as [string, string]));

/** Character error rate (Levenshtein over characters, punctuation and spaces removed). */
function cer(ref: string, hyp: string): number {
  const clean = (s: string) => [...s.replace(/[\s\p{P}]/gu, '').toLowerCase()];
  const r = clean(ref), h = clean(hyp);
  let prev = Array.from({ length: h.length + 1 }, (_, j) => j);
  for (let i = 1; i <= r.length; i++) {
    const cur = [i];
    for (let j = 1; j <= h.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (r[i - 1] === h[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[h.length]! / Math.max(1, r.length);
}

describe.skipIf(present.length === 0)('streaming ASR on the real recordings', () => {
  it.each(present.filter((e) => e.languages.includes('zh')).map((e) => e.name))('%s: CER, partials before finals, media-clock times', async (name) => {
    const engine = await SherpaAsrEngine.load({ modelsDir: MODELS_DIR, cacheDir: CACHE_DIR, model: name, endpoint: { silenceAfterSpeechMs: 800 } });
    const rows: string[] = [];
    for (const [id, text] of refs) {
      for (const suffix of ['', '_8k_ulaw']) {
        const wav = readWavFile(join(WAVS_DIR, `${id}${suffix}.wav`));
        const s = engine.stream({ language: 'zh' });
        const results: AsrResult[] = [];
        for (const f of toFrames(concat(silence(500, wav.sampleRate), wav, silence(1500, wav.sampleRate)))) results.push(...s.push(f));
        const last = s.finish();
        if (last) results.push(last);
        const finals = results.filter((r) => r.isFinal);
        const hyp = finals.map((r) => r.text).join('');
        const e = cer(text, hyp);
        rows.push(`${id}${suffix}: CER ${(e * 100).toFixed(1)}% partials ${results.length - finals.length} finals ${finals.length}`);
        expect(finals.length).toBeGreaterThan(0);
        expect(results.findIndex((r) => !r.isFinal)).toBeLessThan(results.findIndex((r) => r.isFinal));
        for (const r of finals) { expect(r.startMs).toBeGreaterThanOrEqual(400); expect(r.endMs).toBeLessThanOrEqual(500 + (wav.samples.length * 1000) / wav.sampleRate + 1500); }
        if (id !== 'TEST_MEETING_T0000000001_S00000') expect(e).toBeLessThan(0.5);
      }
    }
    console.log(`${name}\n${rows.join('\n')}`);
    engine.close();
  });

  it.each(present.map((e) => e.name))('%s: endpoint delay follows silenceAfterSpeechMs (printed)', async (name) => {
    const engine = await SherpaAsrEngine.load({ modelsDir: MODELS_DIR, cacheDir: CACHE_DIR, model: name });
    const wav = readWavFile(join(WAVS_DIR, 'BAC009S0764W0121_8k_ulaw.wav'));
    const speechEndMs = 3830 + 200; // MODELS.md VAD segment end, +200 ms tolerance for the model's view
    const delays: string[] = [];
    let prev = -1;
    for (const silenceMs of [300, 600, 1200]) {
      const s = engine.stream({ endpoint: { silenceAfterSpeechMs: silenceMs } });
      let finalAt = -1;
      for (const f of toFrames(concat(wav, silence(3000, 8000)))) if (s.push(f).some((r) => r.isFinal) && finalAt < 0) finalAt = f.startMs + 20;
      expect(finalAt).toBeGreaterThan(0);
      expect(finalAt).toBeGreaterThan(prev);
      prev = finalAt;
      delays.push(`${silenceMs} ms rule -> final ${Math.round(finalAt - speechEndMs)} ms after speech end`);
    }
    console.log(`${name}: ${delays.join('; ')}`);
    engine.close();
  });
});
