/**
 * The one CallLeg conformance suite. Every leg kind runs it through a factory that returns the leg
 * (once its peer has connected and started) and a handle on the far end.
 */
import { describe, expect, it } from 'vitest';
import { isTzError, type AudioFrame, type CallLeg } from '@tingzhen/voice-core';

export interface LegPeer {
  sendAudio(samples: Int16Array): void;
  sendDtmf?(digit: string): void;
  /** Bot samples received so far. */
  receivedSamples(): number;
  hangup(): void;
  closed(): Promise<void>;
}

export interface LegHarness {
  leg: CallLeg;
  peer: LegPeer;
  dispose(): Promise<void>;
}

const tone = (n: number, amp = 8000) => Int16Array.from({ length: n }, (_, i) => Math.round(amp * Math.sin((2 * Math.PI * 440 * i) / 8000)));

async function take(it: AsyncIterator<AudioFrame>, n: number): Promise<AudioFrame[]> {
  const out: AudioFrame[] = [];
  while (out.length < n) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

export function callLegConformance(name: string, make: () => Promise<LegHarness>, caps: { dtmf: boolean } = { dtmf: true }): void {
  describe(`CallLeg conformance: ${name}`, () => {
    it('is active after start, with 8 kHz 20 ms caller frames on a monotonic media clock', async () => {
      const h = await make();
      try {
        expect(h.leg.state).toBe('active');
        expect(h.leg.sampleRate).toBe(8000);
        expect(h.leg.info.callId.length).toBeGreaterThan(0);
        h.peer.sendAudio(tone(480)); // 60 ms in one chunk: the leg must cut it into frames
        const frames = await take(h.leg.audioIn[Symbol.asyncIterator](), 3);
        expect(frames.map((f) => f.samples.length)).toEqual([160, 160, 160]);
        expect(frames.map((f) => f.startMs)).toEqual([0, 20, 40]);
        // G.711 legs are lossy: compare shape, not bits
        const corr = frames[1]!.samples.reduce((s, v, i) => s + v * tone(480)[160 + i]!, 0);
        expect(corr).toBeGreaterThan(0);
      } finally { await h.dispose(); }
    });

    if (caps.dtmf) it('emits DTMF events from the peer', async () => {
      const h = await make();
      try {
        const got = new Promise<string>((r) => h.leg.on('dtmf', (e) => r(e.digit)));
        h.peer.sendDtmf!('7');
        expect(await got).toBe('7');
      } finally { await h.dispose(); }
    });

    it('plays every frame it is given to the peer and resolves when done', async () => {
      const h = await make();
      try {
        const frames = Array.from({ length: 10 }, (_, i) => ({ samples: tone(160), sampleRate: 8000, startMs: i * 20 }));
        await h.leg.play(frames);
        await new Promise((r) => setTimeout(r, 50));
        expect(h.peer.receivedSamples()).toBe(1600);
      } finally { await h.dispose(); }
    });

    it('clearPlayout stops playout at once and rejects the pending play', async () => {
      const h = await make();
      try {
        const frames = Array.from({ length: 100 }, (_, i) => ({ samples: tone(160), sampleRate: 8000, startMs: i * 20 }));
        const p = h.leg.play(frames);
        await new Promise((r) => setTimeout(r, 120));
        h.leg.clearPlayout();
        // The pending play settles at once: rejected with TZ_ERR_CALL_LEG (wire legs) or resolved
        // (the loopback leg logs the cut instead); never left hanging.
        const settled = await Promise.race([
          p.then(() => 'resolved', (e: unknown) => (isTzError(e, 'TZ_ERR_CALL_LEG') ? 'rejected' : 'wrong-error')),
          new Promise((r) => setTimeout(() => r('pending'), 200)),
        ]);
        expect(['resolved', 'rejected']).toContain(settled);
        const at = h.peer.receivedSamples();
        await new Promise((r) => setTimeout(r, 100));
        expect(h.peer.receivedSamples()).toBe(at);
        expect(at).toBeLessThan(100 * 160);
      } finally { await h.dispose(); }
    });

    it('hangup closes the leg, ends audioIn and refuses further playout', async () => {
      const h = await make();
      try {
        const iter = h.leg.audioIn[Symbol.asyncIterator]();
        await h.leg.hangup('normal');
        expect(h.leg.state).toBe('closed');
        expect((await iter.next()).done).toBe(true);
        await expect(h.leg.play([])).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_CALL_LEG'));
        await h.peer.closed();
      } finally { await h.dispose(); }
    });

    it('a remote hang-up closes the leg and ends audioIn', async () => {
      const h = await make();
      try {
        const states: string[] = [];
        h.leg.on('state', (s) => states.push(s));
        const iter = h.leg.audioIn[Symbol.asyncIterator]();
        h.peer.hangup();
        expect((await iter.next()).done).toBe(true);
        expect(h.leg.state).toBe('closed');
        expect(states).toContain('closed');
      } finally { await h.dispose(); }
    });
  });
}
