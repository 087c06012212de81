import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTzError, type AudioFrame } from '@tingzhen/voice-core';
import { SherpaTtsEngine, findModel, splitSentences } from '@tingzhen/speech';
import { fakeModelsDir } from './fake-models.js';

/** Stand-in for sherpa's OfflineTts: 100 ms of tone per character, handed out in 4 progress chunks. */
class FakeTts {
  readonly numSpeakers = 10;
  readonly sampleRate = 16000;
  config: Record<string, unknown> | undefined;
  log: string[] = [];
  stopped = 0;
  async generateAsync(req: { text: string; generationConfig?: Record<string, unknown>; onProgress?: (i: { samples: Float32Array; progress: number }) => number | boolean | void }) {
    this.log.push(`start:${req.text}:${JSON.stringify(req.generationConfig)}`);
    const total = [...req.text].length * 1600;
    const all = new Float32Array(total).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / 16000));
    for (let k = 0; k < 4; k++) {
      await new Promise((r) => setTimeout(r, 2));
      const ret = req.onProgress?.({ samples: all.slice((k * total) / 4, ((k + 1) * total) / 4), progress: (k + 1) / 4 });
      if (ret === 0) { this.stopped++; break; }
    }
    this.log.push(`end:${req.text}`);
    return { samples: all, sampleRate: this.sampleRate };
  }
}

const MODEL = 'vits-icefall-zh-aishell3';

async function load() {
  const fake = new FakeTts();
  const engine = await SherpaTtsEngine.load({
    modelsDir: fakeModelsDir(MODEL), model: MODEL,
    voices: [{ id: 'zh-f', language: 'zh', speakerId: 88 }, { id: 'zh-m', language: 'zh', speakerId: 3, speed: 1.2 }],
    createTts: async (c) => { fake.config = c; return fake; },
  });
  return { engine, fake };
}

describe('sentence splitting', () => {
  it('splits zh and en punctuation, keeps decimals, re-splits long sentences at commas', () => {
    expect(splitSentences('您好！请问您今天感觉怎么样？我们明天再联系。')).toEqual(['您好！', '请问您今天感觉怎么样？', '我们明天再联系。']);
    expect(splitSentences('Take 2.5 mg daily. Call us if it hurts! OK?')).toEqual(['Take 2.5 mg daily.', 'Call us if it hurts!', 'OK?']);
    const long = '这是一段很长的说明，'.repeat(10) + '结束。';
    const parts = splitSentences(long, 30);
    expect(parts.length).toBeGreaterThan(3);
    parts.forEach((p) => expect([...p].length).toBeLessThanOrEqual(30));
    expect(parts.join('')).toBe(long);
    expect(splitSentences('   ')).toEqual([]);
  });
});

describe('SherpaTtsEngine around a fake OfflineTts', () => {
  it('builds the VITS config with rule FSTs/FARs from the catalogue', async () => {
    const { fake, engine } = await load();
    const c = fake.config as { model: { vits: { model: string; lexicon: string } }; ruleFsts: string; ruleFars: string; maxNumSentences: number };
    expect(c.model.vits.model).toMatch(/vits-icefall-zh-aishell3\/model\.onnx$/);
    expect(c.ruleFsts.split(',').map((p) => p.split('/').pop())).toEqual(['date.fst', 'phone.fst', 'number.fst', 'new_heteronym.fst']);
    expect(c.ruleFars).toMatch(/rule\.far$/);
    expect(engine.capabilities).toMatchObject({ name: MODEL, sampleRate: 16000, languages: ['zh'] });
    expect(engine.capabilities.fallback).toBeUndefined();
  });

  it('streams 20 ms frames at the leg rate; the first frame leaves before the last sentence starts', async () => {
    const { engine, fake } = await load();
    const frames: AudioFrame[] = [];
    let logAtFirst: string[] = [];
    for await (const f of engine.synthesize({ text: '您好。请问您今天感觉怎么样？再见。', language: 'zh', sampleRate: 8000, voice: 'zh-f' })) {
      if (frames.length === 0) logAtFirst = [...fake.log];
      frames.push(f);
    }
    expect(logAtFirst.some((l) => l.startsWith('start:再见'))).toBe(false);
    expect(fake.log.filter((l) => l.startsWith('start:'))).toHaveLength(3);
    expect(fake.log[0]).toContain('"sid":88');
    frames.slice(0, -1).forEach((f, i) => { expect(f.sampleRate).toBe(8000); expect(f.samples.length).toBe(160); expect(f.startMs).toBe(i * 20); });
    const samples = frames.reduce((n, f) => n + f.samples.length, 0);
    // 3 + 11 + 3 characters x 100 ms = 1.7 s at 8 kHz
    expect(Math.abs(samples - 13600)).toBeLessThanOrEqual(16);
  });

  it('speed and speaker come from the request or the voice', async () => {
    const { engine, fake } = await load();
    for await (const _ of engine.synthesize({ text: '好。', language: 'zh', sampleRate: 16000, voice: 'zh-m' })) { /* drain */ }
    for await (const _ of engine.synthesize({ text: '好。', language: 'zh', sampleRate: 16000, speed: 0.8 })) { /* drain */ }
    expect(fake.log[0]).toContain('"sid":3');
    expect(fake.log[0]).toContain('"speed":1.2');
    expect(fake.log[2]).toContain('"sid":88');
    expect(fake.log[2]).toContain('"speed":0.8');
  });

  it('abort stops generation through the progress callback and ends the stream', async () => {
    const { engine, fake } = await load();
    const ac = new AbortController();
    let n = 0;
    for await (const _ of engine.synthesize({ text: '第一句话很长很长很长。第二句。第三句。', language: 'zh', sampleRate: 8000, signal: ac.signal })) {
      if (++n === 3) ac.abort();
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.stopped).toBe(1);
    expect(fake.log.filter((l) => l.startsWith('start:'))).toHaveLength(1);
  });

  it('typed errors: wrong language, unknown voice, corrupt model file never reaches sherpa', async () => {
    const { engine } = await load();
    const drain = async (req: Parameters<typeof engine.synthesize>[0]) => { for await (const _ of engine.synthesize(req)) { /* */ } };
    await expect(drain({ text: 'hi', language: 'en', sampleRate: 8000 })).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_VALIDATION'));
    await expect(drain({ text: '好', language: 'zh', sampleRate: 8000, voice: 'nobody' })).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_VALIDATION'));
    const dir = fakeModelsDir(MODEL);
    writeFileSync(join(dir, findModel(MODEL)!.dir, 'model.onnx'), Buffer.alloc(100));
    let called = false;
    const err = await SherpaTtsEngine.load({ modelsDir: dir, model: MODEL, createTts: async () => { called = true; return new FakeTts(); } }).catch((e: unknown) => e);
    expect(called).toBe(false);
    expect(isTzError(err, 'TZ_ERR_MODEL_CORRUPT')).toBe(true);
    expect((err as Error).message).toMatch(/model\.onnx.*models download vits-icefall-zh-aishell3/);
  });
});
