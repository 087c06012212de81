/** The listen-in tap on a call leg: caller + bot mix in the caller's pace, barge-in drops queued bot audio. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { AudioFrame, CallLeg, CallLegInfo } from '@tingzhen/voice-core';
import { AsyncQueue } from '../src/index.js';
import { tapLeg } from '../src/monitor/index.js';

class StubLeg extends EventEmitter {
  readonly info: CallLegInfo = { callId: 'CA-tap', direction: 'inbound' };
  readonly state = 'active';
  readonly sampleRate = 8000;
  readonly input = new AsyncQueue<AudioFrame>();
  readonly audioIn: AsyncIterable<AudioFrame> = this.input;
  readonly played: AudioFrame[] = [];
  cleared = 0;
  extras: string[] = [];
  async play(frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>): Promise<void> {
    for await (const f of frames) this.played.push(f);
  }
  clearPlayout(): void { this.cleared++; }
  async hangup(): Promise<void> {}
  sendExtra(m: { data: string }): void { this.extras.push(m.data); }
}

const frame = (value: number, startMs = 0): AudioFrame => ({ samples: new Int16Array(160).fill(value), sampleRate: 8000, startMs });

async function nextCaller(it: AsyncIterator<AudioFrame>, leg: StubLeg, value: number): Promise<AudioFrame> {
  leg.input.push(frame(value));
  const r = await it.next();
  return r.value as AudioFrame;
}

describe('leg tap', () => {
  it('mixes queued bot audio into each caller frame, clips, and passes both directions through unchanged', async () => {
    const stub = new StubLeg();
    const tap = tapLeg(stub as unknown as CallLeg);
    const mixed: Int16Array[] = [];
    tap.setListener((m) => mixed.push(m));
    const it = tap.leg.audioIn[Symbol.asyncIterator]();
    await tap.leg.play([frame(2000), frame(30000)]);
    expect(stub.played.map((f) => f.samples[0])).toEqual([2000, 30000]);
    const heard = await nextCaller(it, stub, 1000);
    expect(heard.samples[0]).toBe(1000); // the pipeline gets the caller's own audio
    await nextCaller(it, stub, 10000);
    await nextCaller(it, stub, 1000);
    expect(mixed.map((m) => [m[0], m[159]])).toEqual([[3000, 3000], [32767, 32767], [1000, 1000]]);
  });

  it('keeps the bot in step while no one listens: monitoring from mid-prompt hears the rest of it', async () => {
    const stub = new StubLeg();
    const tap = tapLeg(stub as unknown as CallLeg);
    const it = tap.leg.audioIn[Symbol.asyncIterator]();
    await tap.leg.play([frame(2000), frame(3000), frame(4000)]); // the leg pulls a whole prompt at once
    await nextCaller(it, stub, 500); // 20 ms of it went out unheard
    const mixed: Int16Array[] = [];
    tap.setListener((m) => mixed.push(m));
    for (let i = 0; i < 3; i++) await nextCaller(it, stub, 500);
    expect(mixed.map((m) => m[0])).toEqual([3500, 4500, 500]);
  });

  it('drops queued bot audio on barge-in (clearPlayout) and stops calling a removed listener', async () => {
    const stub = new StubLeg();
    const tap = tapLeg(stub as unknown as CallLeg);
    const it = tap.leg.audioIn[Symbol.asyncIterator]();
    const mixed: Int16Array[] = [];
    tap.setListener((m) => mixed.push(m));
    await tap.leg.play([frame(2000), frame(2000)]);
    await nextCaller(it, stub, 500);
    tap.leg.clearPlayout();
    expect(stub.cleared).toBe(1);
    await nextCaller(it, stub, 500);
    expect(mixed.map((m) => m[0])).toEqual([2500, 500]);
    tap.setListener(null);
    await nextCaller(it, stub, 500);
    expect(mixed).toHaveLength(2);
  });

  it('keeps the rest of the leg: info, events, dialect extras', () => {
    const stub = new StubLeg();
    const leg = tapLeg(stub as unknown as CallLeg).leg as CallLeg & { sendExtra(m: { data: string; binary: boolean }): void };
    expect(leg.info.callId).toBe('CA-tap');
    expect(leg.sampleRate).toBe(8000);
    let digits = '';
    leg.on('dtmf', (e) => { digits += e.digit; });
    stub.emit('dtmf', { digit: '5', atMs: 0, source: 'protocol' });
    expect(digits).toBe('5');
    leg.sendExtra({ data: 'x', binary: false });
    expect(stub.extras).toEqual(['x']);
  });
});
