import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError, rmsDbfs, type AudioFrame, type VadEvent } from '@tingzhen/voice-core';
import { EspeakTtsEngine, SileroVadEngine, toPinyin } from '@tingzhen/speech';
import { MODELS_DIR } from './helpers.js';

let tts: EspeakTtsEngine;
let vad: SileroVadEngine;
beforeAll(async () => {
  tts = await EspeakTtsEngine.load();
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR });
});
afterAll(() => { tts.close(); vad.close(); });

async function collect(it: AsyncIterable<AudioFrame>): Promise<AudioFrame[]> {
  const out: AudioFrame[] = [];
  for await (const f of it) out.push(f);
  return out;
}

function join(frames: AudioFrame[]): Int16Array {
  const out = new Int16Array(frames.reduce((n, f) => n + f.samples.length, 0));
  let o = 0;
  for (const f of frames) { out.set(f.samples, o); o += f.samples.length; }
  return out;
}

const CASES = [
  { language: 'en', text: 'Hello, this is the follow-up call from the city hospital. How are you feeling today?', minMs: 3000, maxMs: 9000 },
  { language: 'zh', text: '您好，这里是市医院的随访电话。请问您今天感觉怎么样？', minMs: 2500, maxMs: 9000 },
];

describe('espeak-ng fallback voice', () => {
  it('is marked as a fallback', () => {
    expect(tts.capabilities.fallback).toBe(true);
    expect(tts.capabilities.languages).toEqual(['en', 'zh']);
  });

  it('converts Mandarin to pinyin with tone numbers (neutral tone as 5)', () => {
    expect(toPinyin('您好，我的医院。')).toBe('nin2 hao3 , wo3 de5 yi1 yuan4 .');
  });

  it.each(CASES)('speaks $language: plausible duration, level, 20 ms frames at the leg rate, and the real VAD hears speech', async ({ language, text, minMs, maxMs }) => {
    const frames = await collect(tts.synthesize({ text, language, sampleRate: 8000 }));
    expect(frames.length).toBeGreaterThan(10);
    frames.slice(0, -1).forEach((f, i) => {
      expect(f.sampleRate).toBe(8000);
      expect(f.samples.length).toBe(160);
      expect(f.startMs).toBe(i * 20);
    });
    const pcm = join(frames);
    const durationMs = pcm.length / 8;
    const level = rmsDbfs(pcm);
    const s = vad.stream({ minSilenceMs: 300 });
    const events: VadEvent[] = [];
    for (const f of frames) events.push(...s.push(f));
    events.push(...s.flush());
    const speechMs = events.reduce((n, e) => n + (e.type === 'speech-end' ? e.endMs - e.startMs : 0), 0);
    console.log(`espeak ${language}: ${durationMs} ms, ${level.toFixed(1)} dBFS, VAD speech ${speechMs.toFixed(0)} ms in ${events.length / 2} segment(s)`);
    expect(durationMs).toBeGreaterThan(minMs);
    expect(durationMs).toBeLessThan(maxMs);
    expect(level).toBeGreaterThan(-35);
    expect(level).toBeLessThan(-6);
    expect(speechMs / durationMs).toBeGreaterThan(0.5);
  });

  it('speed scales the duration, and 16 kHz legs get 16 kHz frames', async () => {
    const slow = join(await collect(tts.synthesize({ text: 'Please press one to confirm.', language: 'en', sampleRate: 16000, speed: 0.75 })));
    const fast = join(await collect(tts.synthesize({ text: 'Please press one to confirm.', language: 'en', sampleRate: 16000, speed: 1.5 })));
    expect(slow.length).toBeGreaterThan(fast.length * 1.4);
  });

  it('streams: the first frame arrives before a long prompt is finished, and abort stops it', async () => {
    const text = Array.from({ length: 8 }, (_, i) => `This is sentence number ${i + 1} of a long prompt.`).join(' ');
    const ac = new AbortController();
    let n = 0;
    for await (const _f of tts.synthesize({ text, language: 'en', sampleRate: 8000, signal: ac.signal })) {
      n++;
      if (n === 5) ac.abort();
    }
    // a full run is about 20 s = 1000 frames; abort after 5 stops within the current chunk
    expect(n).toBeLessThan(200);
  });

  it('rejects an unsupported language and bad speed with typed errors', async () => {
    await expect(collect(tts.synthesize({ text: 'x', language: 'fr', sampleRate: 8000 }))).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_VALIDATION'));
    await expect(collect(tts.synthesize({ text: 'x', language: 'en', sampleRate: 8000, speed: 9 }))).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_VALIDATION'));
  });

  it('a missing binary gives TZ_ERR_TTS_UNAVAILABLE with the install fix', async () => {
    const err = await EspeakTtsEngine.load({ binary: '/nonexistent/espeak-ng' }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_TTS_UNAVAILABLE')).toBe(true);
    expect(JSON.stringify((err as { details: unknown }).details)).toContain('apt-get install -y espeak-ng');
  });
});
