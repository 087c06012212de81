/**
 * Answering-machine detection on real audio: the real Silero VAD (the pipeline's options), real
 * Mandarin recordings (G.711 round-tripped, 8 kHz), espeak-ng voicemail greetings with a beep.
 * Frames go in on the media clock, as fast as the detector takes them (no wall clock involved).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, g711RoundTrip, type AudioFrame } from '@tingzhen/voice-core';
import { EspeakTtsEngine, SileroVadEngine } from '@tingzhen/speech';
import { AmdDetector, BeepDetector, LegAudio, runAmd, type AmdRun, PIPELINE_VAD_OPTIONS } from '../src/index.js';
import { gainDb, loadWav8k, MODELS_DIR } from './helpers.js';

const RATE = 8000;
const FRAME = 160;
const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
let espeak: EspeakTtsEngine;

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  espeak = await EspeakTtsEngine.load({ logger });
});
afterAll(() => vad.close());

const silence = (ms: number) => new Int16Array((ms * RATE) / 1000);
function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}
function tone(hz: number, ms: number, dbfs = -12): Int16Array {
  const a = 32767 * 10 ** (dbfs / 20);
  return Int16Array.from({ length: (ms * RATE) / 1000 }, (_, i) => Math.round(a * Math.sin((2 * Math.PI * hz * i) / RATE)));
}
/** Deterministic white noise (comfort noise / a line hiss) at a level, dBFS RMS. */
function noise(ms: number, dbfs: number, seed = 7): Int16Array {
  let s = seed;
  const a = 32768 * 10 ** (dbfs / 20) * Math.sqrt(3);
  return Int16Array.from({ length: (ms * RATE) / 1000 }, () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return Math.round(((s / 0x7fffffff) * 2 - 1) * a); });
}
/** The recording at phone speech level: its active frames (above -50 dBFS) at `db` dBFS RMS. */
function atLevel(s: Int16Array, db = -20): Int16Array {
  let sum = 0;
  let n = 0;
  for (let i = 0; i + FRAME <= s.length; i += FRAME) {
    let q = 0;
    for (let k = 0; k < FRAME; k++) q += s[i + k]! * s[i + k]!;
    if (q / FRAME / 1073741824 > 1e-5) { sum += q; n += FRAME; }
  }
  return gainDb(s, db - 10 * Math.log10(sum / Math.max(1, n) / 1073741824));
}
const recording = (file: string) => atLevel(loadWav8k(file));
/** Trim of a recording: from its onset, `ms` long. */
function cut(s: Int16Array, fromMs: number, ms: number): Int16Array {
  return s.slice((fromMs * RATE) / 1000, ((fromMs + ms) * RATE) / 1000);
}
async function speak(text: string, language = 'zh'): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const f of espeak.synthesize({ text, language, sampleRate: RATE })) parts.push(f.samples);
  return concat(...parts);
}
function* framesOf(s: Int16Array): Generator<AudioFrame> {
  const law = g711RoundTrip(s, 'mulaw'); // what a phone line carries
  for (let i = 0; i < law.length; i += FRAME) {
    const f = new Int16Array(FRAME);
    f.set(law.subarray(i, i + FRAME));
    yield { samples: f, sampleRate: RATE, startMs: (i * 1000) / RATE };
  }
}
async function* live(s: Int16Array): AsyncGenerator<AudioFrame> {
  for (const f of framesOf(s)) yield f;
}

/** The leg's audio through the real VAD and the detector, to the end of the machine greeting. */
async function detect(s: Int16Array): Promise<AmdRun> {
  const stream = vad.stream(PIPELINE_VAD_OPTIONS);
  try {
    return await runAmd(new LegAudio(live(s)), stream, new AmdDetector());
  } finally {
    stream.close();
  }
}
const measured: Record<string, string> = {};
function note(name: string, r: AmdRun): void {
  measured[name] = `${r.decision.verdict} (${r.decision.reason}) after ${r.decision.decidedAfterMs} ms, greeting ${r.decision.greetingMs} ms, ${r.decision.words} words${r.beep ? `, beep ${r.beep.hz} Hz ${r.beep.startMs}-${r.beep.endMs} ms` : ''}${r.greetingEnd ? `, greeting end via ${r.greetingEnd.via} at ${Math.round(r.greetingEnd.atMs)} ms` : ''}`;
}
afterAll(() => { console.log(Object.entries(measured).map(([k, v]) => `${k}: ${v}`).join('\n')); });

describe('AMD on real recordings', () => {
  it('long continuous speech (a machine-like greeting) is a machine', async () => {
    const meeting = recording('TEST_MEETING_T0000000001_S00000_8k_ulaw.wav');
    const r = await detect(concat(silence(400), meeting, silence(2000)));
    note('TEST_MEETING 12.4 s', r);
    expect(r.decision.verdict).toBe('machine');
    const r2 = await detect(concat(silence(400), recording('BAC009S0764W0121_8k_ulaw.wav'), silence(2000)));
    note('BAC009 4.2 s', r2);
    expect(r2.decision.verdict).toBe('machine');
  });

  it('a short cut of speech followed by silence is a human', async () => {
    // IT0011 "换一首歌" (its speech: 0.4-1.6 s), the first ~0.6 / ~1.1 s of TEST_NET and of BAC009.
    for (const [name, file, from, ms] of [
      ['IT0011 whole', 'IT0011W0001_8k_ulaw.wav', 0, 1992], ['TEST_NET cut', 'TEST_NET_Y0000000000_-KTKHdZ2fb8_S00000_8k_ulaw.wav', 0, 1100],
      ['TEST_NET cut', 'TEST_NET_Y0000000000_-KTKHdZ2fb8_S00000_8k_ulaw.wav', 0, 600], ['BAC009 cut', 'BAC009S0764W0121_8k_ulaw.wav', 280, 1200],
    ] as const) {
      const r = await detect(concat(silence(500), cut(recording(file), from, ms), silence(3000)));
      note(`${name} ${ms} ms`, r);
      expect(r.decision.verdict, name).toBe('human');
    }
  });
});

describe('AMD on espeak-ng greetings', () => {
  it('a voicemail greeting and a 1 kHz beep: machine, beep found, greeting ends at the beep', async () => {
    const greeting = await speak('您好，您拨打的用户暂时无法接听，请在提示音后留言');
    const r = await detect(concat(silence(300), greeting, silence(400), tone(1000, 500), silence(3000)));
    note('espeak voicemail + beep', r);
    expect(r.decision.verdict).toBe('machine');
    expect(r.beep?.hz).toBeGreaterThan(975);
    expect(r.beep?.hz).toBeLessThan(1025);
    expect(r.greetingEnd?.via).toBe('beep');
  });

  it('a short "喂" then silence is a human', async () => {
    const r = await detect(concat(silence(400), await speak('喂'), silence(3000)));
    note('espeak 喂', r);
    expect(r.decision.verdict).toBe('human');
  });
});

describe('AMD fails safe', () => {
  it('silence only is uncertain at the initial-silence limit', async () => {
    const r = await detect(silence(6000));
    note('silence', r);
    expect(r.decision).toMatchObject({ verdict: 'uncertain', reason: 'initial-silence' });
  });

  it('comfort noise or line hiss only is not a machine', async () => {
    for (const db of [-60, -45, -30]) {
      const r = await detect(noise(6000, db));
      note(`white noise ${db} dBFS`, r);
      expect(r.decision.verdict).not.toBe('machine');
    }
  });
});

describe('BeepDetector', () => {
  it('finds a steady tone of 200 ms or more, 400-2000 Hz, and not speech', () => {
    const run = (s: Int16Array) => { const d = new BeepDetector(); return [...framesOf(s)].map((f) => d.push(f)).filter((b) => b !== null); };
    for (const hz of [440, 1000, 1400, 1950]) {
      const found = run(concat(silence(170), tone(hz, 250, -20), silence(200)));
      expect(found, `${hz} Hz`).toHaveLength(1);
      expect(Math.abs(found[0]!.hz - hz)).toBeLessThanOrEqual(13);
    }
    expect(run(concat(silence(100), tone(1000, 120), silence(200)))).toHaveLength(0); // too short
    expect(run(concat(silence(100), tone(300, 500), silence(200)))).toHaveLength(0); // below the band
    expect(run(recording('TEST_MEETING_T0000000001_S00000_8k_ulaw.wav'))).toHaveLength(0);
  });
});

describe('AmdDetector rules (VAD events given)', () => {
  /** Frames of silence 0..totalMs with VAD events at the frames where they would complete. */
  function feed(d: AmdDetector, totalMs: number, events: Record<number, { type: 'speech-start'; startMs: number } | { type: 'speech-end'; startMs: number; endMs: number }>, tones: [number, number][] = []) {
    const out = [];
    for (let t = 0; t < totalMs; t += 20) {
      const f = new Int16Array(FRAME);
      for (const [a, b] of tones) if (t >= a && t < b) for (let i = 0; i < FRAME; i++) f[i] = Math.round(6000 * Math.sin((2 * Math.PI * 1000 * (t * 8 + i)) / RATE));
      out.push(...d.push({ samples: f, sampleRate: RATE, startMs: t }, events[t] ? [events[t]!] : []));
    }
    return out;
  }
  it('four short words in a row, without an 800 ms pause, are a machine', () => {
    const ev: Parameters<typeof feed>[2] = {};
    for (let k = 0; k < 4; k++) {
      const s = 200 + k * 600;
      ev[s + 100] = { type: 'speech-start', startMs: s };
      ev[s + 300 + 300] = { type: 'speech-end', startMs: s, endMs: s + 300 };
    }
    const d = new AmdDetector({ maxGreetingMs: 10_000 });
    const decision = feed(d, 4000, ev).find((e) => e.type === 'decision');
    expect(decision).toMatchObject({ decision: { verdict: 'machine', reason: 'many-words', words: 4 } });
  });
  it('a word, then a beep: machine at the beep, whose end ends the greeting', () => {
    const d = new AmdDetector();
    const out = feed(d, 3000, { 400: { type: 'speech-start', startMs: 300 }, 800: { type: 'speech-end', startMs: 300, endMs: 500 } }, [[600, 900]]);
    expect(out.map((e) => e.type)).toEqual(['beep', 'decision', 'greeting-end']);
    expect(d.result).toMatchObject({ verdict: 'machine', reason: 'beep' });
  });
  it('a beep with nobody speaking decides nothing (a ringback tone is no machine): uncertain', () => {
    const d = new AmdDetector();
    feed(d, 3000, {}, [[200, 1200]]);
    expect(d.result).toMatchObject({ verdict: 'uncertain', reason: 'initial-silence' });
    expect(d.beep?.hz).toBe(1000);
  });
  it('someone who starts speaking just before the initial-silence limit is waited for', () => {
    const d = new AmdDetector();
    feed(d, 6000, { 2480: { type: 'speech-start', startMs: 2400 }, 3200: { type: 'speech-end', startMs: 2400, endMs: 2900 } });
    expect(d.result).toMatchObject({ verdict: 'human', reason: 'short-greeting', decidedAfterMs: 3700, greetingMs: 500 });
  });
  it('a click is no word; still undecided when the analysis ends: uncertain', () => {
    const click = new AmdDetector();
    feed(click, 4000, { 2480: { type: 'speech-start', startMs: 2400 }, 2760: { type: 'speech-end', startMs: 2400, endMs: 2460 } });
    expect(click.result).toMatchObject({ verdict: 'uncertain', reason: 'initial-silence' });
    const d = new AmdDetector();
    const ev: Parameters<typeof feed>[2] = {};
    for (const s of [2300, 3200, 4100]) {
      ev[s + 100] = { type: 'speech-start', startMs: s };
      ev[s + 600] = { type: 'speech-end', startMs: s, endMs: s + 300 };
    }
    feed(d, 6000, ev);
    expect(d.result).toMatchObject({ verdict: 'uncertain', reason: 'max-time', decidedAfterMs: 5000, words: 3 });
  });
});

describe('LegAudio', () => {
  it('hands the rest of the stream on, a frame in flight at a timeout included, with times moved back', async () => {
    async function* slow(): AsyncGenerator<AudioFrame> {
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, i === 1 ? 60 : 0));
        yield { samples: new Int16Array(FRAME), sampleRate: RATE, startMs: i * 20 };
      }
    }
    const a = new LegAudio(slow());
    expect(await a.next(1000)).toMatchObject({ startMs: 0 });
    expect(await a.next(10)).toBe('timeout');
    const rest: number[] = [];
    for await (const f of a.rest(20)) rest.push(f.startMs);
    expect(rest).toEqual([0, 20, 40]);
    expect(a.ended).toBe(true);
  });
});
