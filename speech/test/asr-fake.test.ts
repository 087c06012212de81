import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTzError, type AsrResult, type AudioFrame } from '@tingzhen/voice-core';
import { SherpaAsrEngine, findModel } from '@tingzhen/speech';
import { fakeModelsDir } from './fake-models.js';

/**
 * A scripted stand-in for sherpa's OnlineRecognizer: every 40 ms decoder frame of loud audio is
 * speech; each 200 ms of speech decodes one token; quiet frames count as trailing blanks.
 */
class FakeRecognizer {
  config: Record<string, unknown> | undefined;
  resets = 0;
  createStream() {
    return { buf: [] as number[], pending: [] as number[], tokens: [] as string[], timestamps: [] as number[], blanks: 0, speechFrames: 0, frames: 0,
      acceptWaveform(w: { samples: Float32Array; sampleRate: number }) {
        // one RMS value per 40 ms of input at its own rate
        const n = (w.sampleRate * 40) / 1000;
        this.buf.push(...w.samples);
        while (this.buf.length >= n) {
          const chunk = this.buf.splice(0, n);
          this.pending.push(Math.sqrt(chunk.reduce((a, v) => a + v * v, 0) / n));
        }
      },
      inputFinished() {} };
  }
  isReady(s: ReturnType<FakeRecognizer['createStream']>) { return s.pending.length > 0; }
  decode(s: ReturnType<FakeRecognizer['createStream']>) {
    const rms = s.pending.shift()!;
    s.frames++;
    if (rms > 0.05) {
      s.speechFrames++;
      s.blanks = 0;
      if (s.speechFrames % 5 === 0) { s.tokens.push(`t${s.tokens.length}`); s.timestamps.push(s.frames * 0.04); }
    } else s.blanks++;
  }
  isEndpoint() { return false; }
  reset(s: ReturnType<FakeRecognizer['createStream']>) { this.resets++; s.tokens = []; s.timestamps = []; s.blanks = 0; s.speechFrames = 0; s.frames = 0; }
  getResult(s: ReturnType<FakeRecognizer['createStream']>) {
    return { text: s.tokens.join(' '), tokens: [...s.tokens], timestamps: [...s.timestamps], ys_probs: s.tokens.map(() => Math.log(0.8)), num_trailing_blanks: s.blanks };
  }
}

const MODEL = 'streaming-zipformer-zh-14M-2023-02-23';

async function load(extra: Partial<Parameters<typeof SherpaAsrEngine.load>[0]> = {}) {
  const rec = new FakeRecognizer();
  const engine = await SherpaAsrEngine.load({
    modelsDir: fakeModelsDir(MODEL), model: MODEL,
    createRecognizer: (c) => { rec.config = c; return rec; }, logger: undefined, ...extra,
  });
  return { engine, rec };
}

/** 8 kHz 20 ms frames: `speechMs` of loud tone then `silenceMs` of quiet, from `startMs`. */
function frames(pattern: [kind: 'speech' | 'silence', ms: number][], startMs = 1000): AudioFrame[] {
  const out: AudioFrame[] = [];
  let t = startMs;
  for (const [kind, ms] of pattern) {
    for (let i = 0; i < ms; i += 20) {
      const s = new Int16Array(160);
      if (kind === 'speech') for (let j = 0; j < 160; j++) s[j] = Math.round(8000 * Math.sin((2 * Math.PI * 300 * j) / 8000));
      out.push({ samples: s, sampleRate: 8000, startMs: t });
      t += 20;
    }
  }
  return out;
}

function feed(s: ReturnType<SherpaAsrEngine['stream']>, fs: AudioFrame[]): AsrResult[] {
  return fs.flatMap((f) => s.push(f));
}

describe('SherpaAsrEngine around a fake recognizer', () => {
  it('builds the transducer config from the catalogue, greedy without hotwords', async () => {
    const { rec, engine } = await load();
    const cfg = rec.config as { modelConfig: { transducer: { encoder: string }; tokens: string }; decodingMethod: string };
    expect(cfg.modelConfig.transducer.encoder).toMatch(/sherpa-onnx-streaming-zipformer-zh-14M-2023-02-23\/encoder-epoch-99-avg-1\.int8\.onnx$/);
    expect(cfg.modelConfig.tokens).toMatch(/tokens\.txt$/);
    expect(cfg.decodingMethod).toBe('greedy_search');
    expect(engine.capabilities).toMatchObject({ hotwords: false, confidence: true, languages: ['zh'] });
  });

  it('emits partials, then a final after the after-speech silence, with media-clock times and confidence', async () => {
    const { engine } = await load({ endpoint: { silenceAfterSpeechMs: 400 } });
    const s = engine.stream();
    const results = feed(s, frames([['silence', 200], ['speech', 1000], ['silence', 1000]]));
    const partials = results.filter((r) => !r.isFinal);
    const finals = results.filter((r) => r.isFinal);
    expect(partials.length).toBeGreaterThanOrEqual(3);
    expect(finals).toHaveLength(1);
    const f = finals[0]!;
    expect(f.text).toBe('t0 t1 t2 t3 t4');
    expect(f.confidence).toBeCloseTo(0.8, 5);
    // speech ran 1200..2200 ms on the media clock
    expect(f.startMs).toBeGreaterThanOrEqual(1200);
    expect(f.endMs).toBeLessThanOrEqual(2300);
    expect(f.tokens).toHaveLength(5);
  });

  it('endpoint rules change per question: a longer silence keeps the turn open', async () => {
    const { engine } = await load();
    const s = engine.stream({ endpoint: { silenceAfterSpeechMs: 1500 } });
    expect(feed(s, frames([['speech', 600], ['silence', 1000]])).filter((r) => r.isFinal)).toHaveLength(0);
    s.setEndpoint({ silenceAfterSpeechMs: 300 });
    expect(feed(s, frames([['silence', 400]], 2600)).filter((r) => r.isFinal)).toHaveLength(1);
  });

  it('silence alone ends a segment with no result (rule 1), and a long monologue is cut (rule 3)', async () => {
    const { engine, rec } = await load({ endpoint: { silenceNoSpeechMs: 500, maxUtteranceMs: 2000 } });
    const s = engine.stream();
    expect(feed(s, frames([['silence', 1200]]))).toEqual([]);
    expect(rec.resets).toBeGreaterThanOrEqual(2);
    const r = feed(s, frames([['speech', 2600]], 2200)).filter((x) => x.isFinal);
    expect(r.length).toBeGreaterThanOrEqual(1);
  });

  it('finish() forces a final now; reset() drops the segment', async () => {
    const { engine } = await load();
    const s = engine.stream();
    feed(s, frames([['speech', 400]]));
    expect(s.finish()).toMatchObject({ text: 't0 t1', isFinal: true });
    expect(s.finish()).toBeNull();
    feed(s, frames([['speech', 400]], 1400));
    s.reset();
    expect(s.finish()).toBeNull();
  });

  it('hotwords: written to a file for modified_beam_search when the model supports them', async () => {
    const { rec, engine } = await load({ hotwords: ['阿司匹林', '心内科', '阿司匹林'] });
    const cfg = rec.config as { decodingMethod: string; hotwordsFile: string; modelConfig: { modelingUnit: string } };
    expect(cfg.decodingMethod).toBe('modified_beam_search');
    expect(cfg.modelConfig.modelingUnit).toBe('cjkchar');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(cfg.hotwordsFile, 'utf8')).toBe('阿司匹林\n心内科\n');
    expect(engine.capabilities.hotwords).toBe(true);
  });

  it('hotwords are switched off (not a crash) for a bpe model without its bpe.vocab', async () => {
    const rec = new FakeRecognizer();
    const name = 'streaming-zipformer-en-2023-06-26';
    const dir = fakeModelsDir(name);
    const engine = await SherpaAsrEngine.load({ modelsDir: dir, model: name, hotwords: ['aspirin'], createRecognizer: (c) => { rec.config = c; return rec; } });
    expect(engine.capabilities.hotwords).toBe(false);
    expect((rec.config as { decodingMethod: string }).decodingMethod).toBe('greedy_search');
    writeFileSync(join(dir, findModel(name)!.dir, 'bpe.vocab'), 'x 0\n');
    const e2 = await SherpaAsrEngine.load({ modelsDir: dir, model: name, hotwords: ['aspirin'], createRecognizer: (c) => { rec.config = c; return rec; } });
    expect(e2.capabilities.hotwords).toBe(true);
  });

  it('typed errors: missing files name the file and the fix; bad rules, bad language, a throwing native loader', async () => {
    const err = await SherpaAsrEngine.load({ modelsDir: '/nonexistent', model: MODEL }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_MODEL_MISSING')).toBe(true);
    expect((err as Error).message).toContain('npx tingzhen models download streaming-zipformer-zh-14M-2023-02-23');
    const dir = fakeModelsDir(MODEL);
    writeFileSync(join(dir, findModel(MODEL)!.dir, 'encoder-epoch-99-avg-1.int8.onnx'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 1\n');
    const lfs = await SherpaAsrEngine.load({ modelsDir: dir, model: MODEL, createRecognizer: () => { throw new Error('must not be called'); } }).catch((e: unknown) => e);
    expect(isTzError(lfs, 'TZ_ERR_MODEL_CORRUPT')).toBe(true);
    expect((lfs as Error).message).toMatch(/encoder-epoch-99-avg-1\.int8\.onnx.*Git LFS pointer/);
    const { engine } = await load();
    expect(() => engine.stream({ language: 'en' })).toThrow();
    expect(() => engine.stream({ endpoint: { silenceAfterSpeechMs: -1 } })).toThrow();
    const bad = await load({ createRecognizer: () => { throw new Error('native abort'); } }).catch((e: unknown) => e);
    expect(isTzError(bad, 'TZ_ERR_MODEL_LOAD')).toBe(true);
    expect(await SherpaAsrEngine.load({ modelsDir: dir, model: 'no-such-model' }).catch((e: unknown) => (e as { code: string }).code)).toBe('TZ_ERR_CONFIG_INVALID');
  });

  it('an aborted call closes its stream', async () => {
    const { engine } = await load();
    const ac = new AbortController();
    const s = engine.stream({ signal: ac.signal });
    ac.abort();
    expect(feed(s, frames([['speech', 1000]]))).toEqual([]);
  });
});
