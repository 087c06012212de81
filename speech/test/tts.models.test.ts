/** Real neural TTS (runs in `npm run test:models` where models are present). */
import { describe, expect, it } from 'vitest';
import { rmsDbfs, type AudioFrame } from '@tingzhen/voice-core';
import { SherpaTtsEngine, SileroVadEngine } from '@tingzhen/speech';
import { MODELS_DIR } from './helpers.js';
import { CACHE_DIR, announce } from './models-lane.js';

const present = announce('tts');
const TEXT: Record<string, string> = {
  zh: '您好，这里是市医院的随访电话。请问您出院以后感觉怎么样？',
  en: 'Hello, this is the follow-up call from the city hospital. How have you been feeling since you went home?',
};

describe.skipIf(present.length === 0)('neural TTS', () => {
  it.each(present.flatMap((e) => e.languages.map((l) => [e.name, l] as const)))('%s (%s): streams, plausible audio, VAD hears speech; time to first chunk printed', async (name, lang) => {
    const tts = await SherpaTtsEngine.load({ modelsDir: MODELS_DIR, cacheDir: CACHE_DIR, model: name });
    const vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR });
    const t0 = performance.now();
    let firstMs = -1;
    const frames: AudioFrame[] = [];
    for await (const f of tts.synthesize({ text: TEXT[lang]!, language: lang, sampleRate: 8000 })) {
      if (firstMs < 0) firstMs = performance.now() - t0;
      frames.push(f);
    }
    const totalMs = performance.now() - t0;
    const pcm = new Int16Array(frames.reduce((n, f) => n + f.samples.length, 0));
    let o = 0;
    for (const f of frames) { pcm.set(f.samples, o); o += f.samples.length; }
    const durMs = pcm.length / 8;
    const s = vad.stream();
    let speechMs = 0;
    for (const f of frames) for (const e of s.push(f)) if (e.type === 'speech-end') speechMs += e.endMs - e.startMs;
    for (const e of s.flush()) if (e.type === 'speech-end') speechMs += e.endMs - e.startMs;
    console.log(`${name} ${lang}: first chunk ${firstMs.toFixed(0)} ms, total ${totalMs.toFixed(0)} ms for ${durMs} ms audio (RTF ${(totalMs / durMs).toFixed(3)}), ${rmsDbfs(pcm).toFixed(1)} dBFS, VAD speech ${speechMs.toFixed(0)} ms`);
    expect(firstMs).toBeLessThan(totalMs);
    expect(durMs).toBeGreaterThan(2000);
    expect(durMs).toBeLessThan(15000);
    expect(rmsDbfs(pcm)).toBeGreaterThan(-35);
    expect(speechMs / durMs).toBeGreaterThan(0.5);
    tts.close();
    vad.close();
  });
});
