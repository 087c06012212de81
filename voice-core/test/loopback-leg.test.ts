import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackCallLeg, FakeTts } from '../src/testing/index.js';
import { readWav, type AudioFrame } from '../src/audio/index.js';
import { DtmfDetector } from '../src/dtmf/index.js';
import type { CallLegState, DtmfEvent } from '../src/call-leg.js';
import { isTzError } from '../src/errors.js';
import { TEST_WAVS_DIR } from './models-dir.js';
import { concat } from './signal-helpers.js';

const wav8k = readFileSync(join(TEST_WAVS_DIR, 'IT0011W0001_8k_ulaw.wav'));
const wav16k = readFileSync(join(TEST_WAVS_DIR, 'IT0011W0001.wav'));

async function readAll(leg: LoopbackCallLeg, onFrame?: (f: AudioFrame) => void | Promise<void>): Promise<AudioFrame[]> {
  const out: AudioFrame[] = [];
  for await (const f of leg.audioIn) {
    out.push(f);
    await onFrame?.(f);
  }
  return out;
}

describe('LoopbackCallLeg (fast)', () => {
  it('delivers a WAV file as 20 ms frames on the media clock, then the caller hangs up', async () => {
    const leg = new LoopbackCallLeg();
    const states: CallLegState[] = [];
    leg.on('state', (s) => states.push(s));
    leg.feedWav(wav8k).feedHangup();
    const fr = await readAll(leg);
    const src = readWav(wav8k).samples;
    expect(fr).toHaveLength(Math.ceil(src.length / 160));
    expect(fr.every((f, i) => f.startMs === i * 20 && f.samples.length === 160 && f.sampleRate === 8000)).toBe(true);
    expect(concat(fr.map((f) => f.samples)).subarray(0, src.length)).toEqual(src);
    expect(states).toEqual(['active', 'closed']);
    expect(leg.hangupReason).toBe('remote');
    expect(() => leg.audioIn[Symbol.asyncIterator]()).toThrow();
  });

  it('resamples 16 kHz input to the leg rate', async () => {
    const leg = new LoopbackCallLeg({ sampleRate: 8000 });
    leg.feedWav(wav16k).feedHangup();
    const fr = await readAll(leg);
    expect(fr).toHaveLength(Math.ceil(readWav(wav16k).samples.length / 2 / 160));
  });

  it('records played audio with media timestamps, resolves play() when played, fires marks in order', async () => {
    const leg = new LoopbackCallLeg();
    const tts = new FakeTts({ msPerChar: 100 });
    leg.feedSilence(200).feedSilence(1000).feedHangup();
    const marks: [string, number][] = [];
    leg.on('mark', (m) => marks.push([m, leg.mediaMs]));
    const plays: Promise<void>[] = [];
    let resolvedAt = -1;
    await readAll(leg, (f) => {
      if (f.startMs === 200) {
        plays.push(leg.play(tts.synthesize({ text: '请问您', language: 'zh', sampleRate: 8000 })).then(() => { resolvedAt = leg.mediaMs; }));
        leg.mark('prompt-1');
      }
    });
    expect(plays).toHaveLength(1);
    await Promise.all(plays);
    // play was queued while frame 200 was being handled: playout starts with the next frame
    expect(leg.played[0]!.startMs).toBe(220);
    expect(leg.played).toHaveLength(15);
    expect(leg.playedSamples().length).toBe(300 * 8);
    expect(leg.played.every((p, i) => p.startMs === 220 + 20 * i)).toBe(true);
    expect(resolvedAt).toBeGreaterThanOrEqual(520);
    expect(leg.log.find((e) => e.type === 'mark')).toEqual({ type: 'mark', name: 'prompt-1', atMs: 520 });
    expect(marks.map((m) => m[0])).toEqual(['prompt-1']);
  });

  it('keeps the clock going with silence while the bot plays, then waits for input', async () => {
    const leg = new LoopbackCallLeg();
    await new Promise((r) => setImmediate(r));
    const p = leg.play([{ samples: new Int16Array(800).fill(1000), sampleRate: 8000, startMs: 0 }]);
    const fr = await leg.advance(200);
    await p;
    expect(fr.map((f) => f.startMs)).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180]);
    expect(leg.played.map((f) => f.startMs)).toEqual([0, 20, 40, 60, 80]);
    expect(leg.isPlaying).toBe(false);
  });

  it('clearPlayout() cuts playback (barge-in): play() resolves early, queued marks are dropped', async () => {
    const leg = new LoopbackCallLeg();
    await new Promise((r) => setImmediate(r));
    const tts = new FakeTts();
    const p = leg.play(tts.synthesize({ text: '这是一个很长的提示音', language: 'zh', sampleRate: 8000 }));
    leg.mark('end');
    const marks: string[] = [];
    leg.on('mark', (m) => marks.push(m));
    await leg.advance(200);
    leg.clearPlayout();
    await p;
    await leg.advance(100);
    expect(leg.played).toHaveLength(10);
    expect(marks).toEqual([]);
    expect(leg.log).toContainEqual({ type: 'cleared', atMs: 200, droppedItems: 2 });
  });

  it('rejects play() on abort and stops the producer', async () => {
    const leg = new LoopbackCallLeg();
    await new Promise((r) => setImmediate(r));
    const ac = new AbortController();
    let producedAfterAbort = 0;
    async function* source(): AsyncGenerator<AudioFrame> {
      for (let i = 0; i < 100; i++) {
        if (ac.signal.aborted) producedAfterAbort++;
        yield { samples: new Int16Array(160).fill(500), sampleRate: 8000, startMs: i * 20 };
      }
    }
    const p = leg.play(source(), ac.signal);
    await leg.advance(60);
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await leg.advance(100);
    expect(leg.played).toHaveLength(3);
    expect(producedAfterAbort).toBe(0);
    await expect(leg.play([], AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects frames at the wrong rate', async () => {
    const leg = new LoopbackCallLeg();
    await new Promise((r) => setImmediate(r));
    const p = leg.play([{ samples: new Int16Array(320), sampleRate: 16000, startMs: 0 }]);
    const caught = p.catch((e: unknown) => e);
    await leg.advance(20);
    expect(isTzError(await caught, 'TZ_ERR_AUDIO_FORMAT')).toBe(true);
  });

  it('delivers DTMF out of band (event at its media time) and in band (tones a detector finds)', async () => {
    const leg = new LoopbackCallLeg();
    const events: DtmfEvent[] = [];
    leg.on('dtmf', (e) => events.push(e));
    leg.feedSilence(100).feedDtmf('5').feedSilence(100).feedDtmf('#', { inband: true, durationMs: 80 }).feedSilence(100).feedHangup();
    const det = new DtmfDetector({ sampleRate: 8000 });
    const inband: string[] = [];
    await readAll(leg, (f) => { inband.push(...det.push(f).map((d) => d.digit)); });
    expect(events).toEqual([{ digit: '5', atMs: 100, source: 'rfc4733', durationMs: 100 }]);
    expect(inband).toEqual(['#']);
    leg.injectDtmf('1');
    expect(events[1]).toMatchObject({ digit: '1', source: 'rfc4733' });
    expect(() => leg.feedDtmf('X')).toThrow();
  });

  it('hangup(): active -> closing -> closed, pending plays reject, audioIn ends, illegal moves refused', async () => {
    const leg = new LoopbackCallLeg({ info: { callId: 'c1', direction: 'outbound' } });
    const states: CallLegState[] = [];
    leg.on('state', (s) => states.push(s));
    leg.feedSilence(60);
    const reading = readAll(leg);
    await new Promise((r) => setImmediate(r));
    const p = leg.play(new FakeTts().synthesize({ text: '再见', language: 'zh', sampleRate: 8000 }));
    const rejected = p.catch((e: unknown) => e);
    await leg.hangup('normal');
    expect(isTzError(await rejected, 'TZ_ERR_CALL_LEG')).toBe(true);
    await reading;
    expect(states).toEqual(['active', 'closing', 'closed']);
    expect(leg.hangupReason).toBe('normal');
    expect(leg.info.callId).toBe('c1');
    await expect(leg.play([])).rejects.toSatisfy((e) => isTzError(e, 'TZ_ERR_CALL_LEG'));
    expect(() => leg.answer()).toThrow(expect.objectContaining({ code: 'TZ_ERR_ILLEGAL_TRANSITION' }));
    await leg.hangup('normal'); // idempotent
  });

  it('can start connecting and fail before media', async () => {
    const leg = new LoopbackCallLeg({ autoAnswer: false });
    await new Promise((r) => setImmediate(r));
    expect(leg.state).toBe('connecting');
    leg.fail();
    expect(leg.state).toBe('closed');
    expect(await readAll(leg)).toEqual([]);
  });
});

describe('LoopbackCallLeg (realtime)', () => {
  it('paces frames on a timer, fills silence, and records playout; stops on hangup', async () => {
    const leg = new LoopbackCallLeg({ realtime: true });
    leg.feedSamples(new Int16Array(480).fill(2000));
    const got: AudioFrame[] = [];
    for await (const f of leg.audioIn) {
      got.push(f);
      if (got.length === 2) void leg.play([{ samples: new Int16Array(320).fill(7), sampleRate: 8000, startMs: 0 }]);
      if (got.length === 6) await leg.hangup('normal');
    }
    expect(got.map((f) => f.startMs)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(got.slice(0, 3).every((f) => f.samples[0] === 2000)).toBe(true);
    expect(got.slice(3).every((f) => f.samples.every((s) => s === 0))).toBe(true);
    expect(leg.played.reduce((n, f) => n + f.samples.length, 0)).toBe(320);
  });
});
