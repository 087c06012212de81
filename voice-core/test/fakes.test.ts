import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeAsr, FakeTts, FakeVad } from '../src/testing/index.js';
import type { AudioFrame } from '../src/audio/index.js';
import { readWav } from '../src/audio/index.js';
import { isTzError } from '../src/errors.js';
import type { VadEvent } from '../src/engines.js';
import { TEST_WAVS_DIR } from './models-dir.js';
import { sine, zeroCrossingFrequency, concat, toneAmplitude, db } from './signal-helpers.js';

/** 20 ms frames of a signal with media timestamps. */
function frames(x: Int16Array, sampleRate: number, startMs = 0): AudioFrame[] {
  const n = sampleRate / 50;
  const out: AudioFrame[] = [];
  for (let i = 0; i < x.length; i += n) out.push({ samples: x.subarray(i, i + n), sampleRate, startMs: startMs + (i * 1000) / sampleRate });
  return out;
}
const quiet = (sr: number, ms: number): Int16Array => new Int16Array((sr * ms) / 1000);
const loud = (sr: number, ms: number): Int16Array => sine(300, sr, ms, 8000);

describe('FakeVad', () => {
  it('emits speech-start/speech-end with media timestamps after min silence', () => {
    const vad = new FakeVad({ minSilenceMs: 300 });
    const s = vad.stream();
    const ev: VadEvent[] = [];
    for (const f of frames(concat([quiet(16000, 300), loud(16000, 500), quiet(16000, 400)]), 16000, 1000)) ev.push(...s.push(f));
    expect(ev).toEqual([{ type: 'speech-start', startMs: 1300 }, { type: 'speech-end', startMs: 1300, endMs: 1800 }]);
    expect(s.speaking).toBe(false);
  });
  it('honours minSpeechMs and per-stream minSilenceMs, bridges short pauses, flushes an open segment', () => {
    const s = new FakeVad().stream({ minSilenceMs: 200, minSpeechMs: 60 });
    const ev: VadEvent[] = [];
    const x = concat([loud(8000, 40), quiet(8000, 100), loud(8000, 200), quiet(8000, 100), loud(8000, 200)]);
    for (const f of frames(x, 8000)) ev.push(...s.push(f));
    expect(ev).toEqual([{ type: 'speech-start', startMs: 140 }]);
    expect(s.speaking).toBe(true);
    expect(s.flush()).toEqual([{ type: 'speech-end', startMs: 140, endMs: 640 }]);
    expect(s.flush()).toEqual([]);
  });
  it('finds the speech in a real recording', () => {
    const w = readWav(readFileSync(join(TEST_WAVS_DIR, 'BAC009S0764W0121.wav')));
    const s = new FakeVad({ thresholdDbfs: -35, minSilenceMs: 400 }).stream();
    const ev: VadEvent[] = [];
    for (const f of frames(concat([w.samples, quiet(16000, 1000)]), 16000)) ev.push(...s.push(f));
    const starts = ev.filter((e) => e.type === 'speech-start');
    expect(starts.length).toBeGreaterThanOrEqual(1);
    expect(starts[0]!.startMs).toBeGreaterThan(200);
    const last = ev[ev.length - 1]!;
    expect(last.type).toBe('speech-end');
    expect(last.type === 'speech-end' && last.endMs).toBeLessThanOrEqual(4200);
  });
});

describe('FakeAsr', () => {
  it('returns scripted partials then a final after speech + endpoint silence', () => {
    const asr = new FakeAsr({ utterances: ['我今天头有点疼', { text: '是的', confidence: 0.4 }] });
    const s = asr.stream();
    const results = frames(concat([quiet(16000, 200), loud(16000, 800), quiet(16000, 700)]), 16000).flatMap((f) => s.push(f));
    const partials = results.filter((r) => !r.isFinal);
    const finals = results.filter((r) => r.isFinal);
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(partials.every((p) => '我今天头有点疼'.startsWith(p.text) && p.text.length < 7)).toBe(true);
    expect(partials[1]!.text.length).toBeGreaterThan(partials[0]!.text.length);
    expect(finals).toEqual([{ text: '我今天头有点疼', isFinal: true, confidence: 0.9, startMs: 200, endMs: 1000 }]);
    expect(results.indexOf(finals[0]!)).toBe(results.length - 1);
    // finish() forces the next final while speech is going on
    for (const f of frames(loud(16000, 100), 16000, 2000)) s.push(f);
    expect(s.finish()).toEqual({ text: '是的', isFinal: true, confidence: 0.4, startMs: 2000, endMs: 2100 });
    expect(s.finish()).toBeNull();
    // script exhausted: empty text
    for (const f of frames(loud(16000, 100), 16000, 3000)) s.push(f);
    expect(s.finish()?.text).toBe('');
    expect(asr.delivered.map((u) => u.text)).toEqual(['我今天头有点疼', '是的', '']);
  });
  it('follows endpoint changes and maxUtteranceMs', () => {
    const asr = new FakeAsr({ utterances: ['a', 'b'], endpoint: { maxUtteranceMs: 500 } });
    const s = asr.stream();
    s.setEndpoint({ silenceAfterSpeechMs: 200 });
    const r1 = frames(concat([loud(8000, 100), quiet(8000, 200)]), 8000).flatMap((f) => s.push(f));
    expect(r1.filter((r) => r.isFinal).map((r) => r.text)).toEqual(['a']);
    const r2 = frames(loud(8000, 600), 8000, 1000).flatMap((f) => s.push(f));
    expect(r2.filter((r) => r.isFinal)).toMatchObject([{ text: 'b', startMs: 1000, endMs: 1500 }]);
  });
  it('injects failures: load, n-th push, and an utterance that throws', async () => {
    await expect(FakeAsr.load({ failOnLoad: true })).rejects.toSatisfy((e) => isTzError(e, 'TZ_ERR_MODEL_LOAD'));
    const asr = await FakeAsr.load({ failOnPush: 3, utterances: [{ text: 'x', error: new Error('boom') }] });
    const s = asr.stream();
    const f = frames(loud(8000, 100), 8000);
    s.push(f[0]!);
    s.push(f[1]!);
    expect(() => s.push(f[2]!)).toThrow(expect.objectContaining({ code: 'TZ_ERR_ENGINE' }));
    s.push(f[3]!);
    expect(() => s.finish()).toThrow('boom');
  });
  it('closes the stream when its AbortSignal fires, and reports capabilities', () => {
    const asr = new FakeAsr({ utterances: ['x'] });
    const ac = new AbortController();
    const s = asr.stream({ signal: ac.signal, hotwords: ['阿司匹林'] });
    ac.abort();
    expect(s.isClosed).toBe(true);
    expect(frames(loud(8000, 100), 8000).flatMap((f) => s.push(f))).toEqual([]);
    expect(s.options.hotwords).toEqual(['阿司匹林']);
    expect(asr.capabilities).toMatchObject({ name: 'fake-asr', confidence: true });
  });
});

async function collect(it: AsyncIterable<AudioFrame>): Promise<AudioFrame[]> {
  const out: AudioFrame[] = [];
  for await (const f of it) out.push(f);
  return out;
}

describe('FakeTts', () => {
  it('emits a tone in 20 ms frames at the requested rate, length proportional to the text', async () => {
    const tts = new FakeTts({ msPerChar: 100, toneHz: 500 });
    const fr = await collect(tts.synthesize({ text: '您好 世界', language: 'zh', sampleRate: 8000 }));
    expect(fr).toHaveLength(20);
    expect(fr.every((f, i) => f.samples.length === 160 && f.sampleRate === 8000 && f.startMs === i * 20)).toBe(true);
    const all = concat(fr.map((f) => f.samples));
    expect(zeroCrossingFrequency(all, 8000)).toBeCloseTo(500, 0);
    expect(db(toneAmplitude(all, 8000, 500) / 32767)).toBeCloseTo(-20, 0);
    expect((await collect(tts.synthesize({ text: '您好世界', language: 'zh', sampleRate: 16000, speed: 2 })))).toHaveLength(10);
    expect(tts.durationMs('abcd')).toBe(400);
    expect(tts.requests).toHaveLength(2);
  });
  it('stops when aborted, and fails on request', async () => {
    const tts = new FakeTts({ failAfterFrames: 2, failOnText: /bad/, languages: ['zh'] });
    const ac = new AbortController();
    const got: AudioFrame[] = [];
    const run = async (): Promise<void> => {
      for await (const f of new FakeTts().synthesize({ text: '很长的一句话'.repeat(10), language: 'zh', sampleRate: 8000, signal: ac.signal })) {
        got.push(f);
        if (got.length === 3) ac.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(got).toHaveLength(3);
    await expect(collect(tts.synthesize({ text: '一二三四五', language: 'zh', sampleRate: 8000 }))).rejects.toSatisfy((e) => isTzError(e, 'TZ_ERR_ENGINE'));
    await expect(collect(tts.synthesize({ text: 'bad', language: 'zh', sampleRate: 8000 }))).rejects.toSatisfy((e) => isTzError(e, 'TZ_ERR_ENGINE'));
    await expect(collect(tts.synthesize({ text: 'ok', language: 'en', sampleRate: 8000 }))).rejects.toSatisfy((e) => isTzError(e, 'TZ_ERR_TTS_UNAVAILABLE'));
    expect(tts.capabilities).toMatchObject({ name: 'fake-tts', languages: ['zh'] });
  });
  it('delays the first chunk and honours abort during the delay', async () => {
    const ac = new AbortController();
    const tts = new FakeTts({ firstChunkDelayMs: 10_000 });
    const p = collect(tts.synthesize({ text: '好', language: 'zh', sampleRate: 8000, signal: ac.signal }));
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const quick = new FakeTts({ firstChunkDelayMs: 5 });
    expect(await collect(quick.synthesize({ text: '好', language: 'zh', sampleRate: 8000 }))).toHaveLength(5);
  });
});
