/**
 * Event-sequence tests of the call pipeline on a LoopbackCallLeg (no network, media clock driven
 * by the pipeline's own reading, so timings are deterministic media-clock figures, not wall time).
 * Real Silero VAD on real recordings; the bot "voice" is a real recording too (WavTts), so the
 * bot's own echo is speech to the VAD and only the barge-in level test can keep it out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, generateDtmf, type AudioFrame, type CallLeg, type TtsEngine, type TtsRequest } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { GatewayMetrics, PIPELINE_VAD_OPTIONS, runCallPipeline, type CallReport } from '../src/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ScriptedAsr, speechOnsetMs } from './helpers.js';

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
/** Caller speech at phone level (about -23 dBFS). */
let speech: Int16Array;

/** Speaks every prompt with (a slice of) a real recording: 80 ms of audio per character. */
class WavTts implements TtsEngine {
  readonly capabilities = { name: 'wav-tts', languages: ['zh'], sampleRate: 8000 };
  /** Length of each prompt spoken, ms, by text. */
  static readonly lengthMs = new Map<string, number>();
  constructor(private readonly voice: Int16Array) {}
  async *synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    const onset = Math.round((speechOnsetMs(this.voice) * 8000) / 1000);
    const n = Math.min(this.voice.length - onset, [...req.text].length * 640);
    WavTts.lengthMs.set(req.text, n / 8);
    for (let off = 0; off < n; off += 800) {
      if (req.signal?.aborted) return;
      yield { samples: this.voice.slice(onset + off, onset + Math.min(n, off + 800)), sampleRate: 8000, startMs: (off / 8000) * 1000 };
      await new Promise((r) => setImmediate(r));
    }
  }
  close(): void {}
}

/** The leg as the pipeline sees it, with the bot's played audio fed back into the caller audio at echoDb. */
function withEcho(leg: LoopbackCallLeg, echoDb: number): CallLeg {
  const g = 10 ** (echoDb / 20);
  const audioIn: AsyncIterable<AudioFrame> = {
    async *[Symbol.asyncIterator]() {
      for await (const f of leg.audioIn) {
        const bot = leg.played.find((p) => p.startMs === f.startMs);
        if (!bot) { yield f; continue; }
        yield { ...f, samples: f.samples.map((s, i) => Math.max(-32768, Math.min(32767, s + Math.round((bot.samples[i] ?? 0) * g)))) };
      }
    },
  };
  return new Proxy(leg, {
    get(t, p) {
      if (p === 'audioIn') return audioIn;
      const v: unknown = Reflect.get(t, p, t);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  speech = gainDb(loadWav8k(), 12);
});
afterAll(() => vad.close());

interface Run { leg: LoopbackCallLeg; report: CallReport; said: string[]; metrics: GatewayMetrics }

async function run(feed: (leg: LoopbackCallLeg) => void, o: { asr?: ScriptedAsr; echoDb?: number; inbandDtmf?: boolean } = {}): Promise<Run> {
  const leg = new LoopbackCallLeg();
  feed(leg);
  const said: string[] = [];
  const metrics = new GatewayMetrics();
  const report = await runCallPipeline({
    leg: o.echoDb === undefined ? leg : withEcho(leg, o.echoDb), dialog: miniDialog(said), logger, metrics,
    engines: { vad, tts: new WavTts(gainDb(loadWav8k('BAC009S0764W0121_8k_ulaw.wav'), 14)), asr: o.asr },
    now: () => leg.mediaMs, inbandDtmf: o.inbandDtmf,
  });
  return { leg, report, said, metrics };
}

const playStarts = (leg: LoopbackCallLeg) => leg.log.filter((e) => e.type === 'play-start').map((e) => e.atMs);
const clears = (leg: LoopbackCallLeg) => leg.log.filter((e) => e.type === 'cleared').map((e) => e.atMs);

describe('pipeline on a loopback leg (media-clock timings)', () => {
  it('uses a 64 ms VAD onset (the barge-in budget depends on it)', () => {
    expect(PIPELINE_VAD_OPTIONS.minSpeechMs).toBeLessThanOrEqual(64);
  });

  // The fever question (23 chars x 80 ms) starts after the disclosure (13 x 80 = 1040 ms); the caller
  // starts speaking at several offsets into it so the 20 ms frames and the 32 ms VAD windows meet
  // at different phases.
  it.each([1300, 1410, 1530, 1650, 1777])('real speech over a prompt stops it within 150 ms of onset (onset at %i ms)', async (onsetAt) => {
    const atMs = onsetAt - speechOnsetMs(speech);
    const { leg, report, said } = await run((l) => l.feedSilence(atMs).feedSamples(speech).feedSilence(1500).feedHangup(), { asr: new ScriptedAsr(['没有']) });
    const onset = atMs + speechOnsetMs(speech);
    const stop = clears(leg).find((c) => c > atMs);
    expect(stop).toBeDefined();
    const delay = stop! - onset;
    console.log(`barge-in stop delay (media clock): ${delay} ms after onset; server estimate ${report.bargeIns[0]?.stopDelayMs} ms`);
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThan(150);
    expect(report.bargeIns).toHaveLength(1);
    // It was a real interruption: the prompt did not resume, and the answer moved the dialog on.
    expect(said).toContain('伤口疼吗');
  });

  it('the bot\'s own voice fed back at -20 dB does not barge in', async () => {
    const { leg, report } = await run((l) => l.feedSilence(4500).feedHangup(), { echoDb: -20 });
    expect(report.bargeIns).toEqual([]);
    expect(clears(leg).filter((c) => c < 2880)).toEqual([]);
    // and the echo was loud enough to be speech: louder echo (-3 dB) does barge in
    const loud = await run((l) => l.feedSilence(4500).feedHangup(), { echoDb: -3 });
    expect(loud.report.bargeIns.length).toBeGreaterThan(0);
  });

  it('a short backchannel pauses the prompt and it resumes where it stopped', async () => {
    // The first 350 ms of voiced speech: a "嗯" / "对" sized utterance.
    const o = Math.round((speechOnsetMs(speech) * 8000) / 1000);
    const bc = speech.slice(o, o + 2800);
    const { leg, report, said } = await run((l) => l.feedSilence(1400).feedSamples(bc).feedSilence(3500).feedHangup(), { asr: new ScriptedAsr(['嗯']) });
    const stop = clears(leg).find((c) => c > 1400);
    expect(stop).toBeDefined();
    const resumed = playStarts(leg).find((s) => s > stop!);
    expect(resumed).toBeDefined();
    expect(resumed! - stop!).toBeLessThan(1000);
    // Nothing was taken as an answer, and the question was played to its end: the frames played
    // before the pause and after the resume cover the whole prompt (the resume repeats <= 60 ms).
    expect(said.filter((s) => s.includes('疼'))).toEqual([]);
    const fever = report.transcript.find((t) => t.speaker === 'bot' && t.text.startsWith('您出院'))!;
    const promptMs = WavTts.lengthMs.get(fever.text)!;
    expect(fever.endMs - fever.startMs).toBeGreaterThanOrEqual(promptMs - 20);
    const feverStart = playStarts(leg).find((s) => s > 1000 && s < stop!)!;
    const playedMs = (stop! - feverStart) + (leg.log.find((e) => e.type === 'play-end' && e.atMs > resumed!)!.atMs - resumed!);
    expect(playedMs).toBeGreaterThanOrEqual(promptMs - 20);
    expect(playedMs).toBeLessThanOrEqual(promptMs + 80);
    expect(report.transcript.filter((t) => t.speaker === 'caller')).toEqual([]);
  });

  it('a short utterance the recognizer hears as a real answer (not a backchannel) does stop the prompt', async () => {
    const o = Math.round((speechOnsetMs(speech) * 8000) / 1000);
    const short = speech.slice(o, o + 2800);
    const { leg, said } = await run((l) => l.feedSilence(1400).feedSamples(short).feedSilence(2500).feedHangup(), { asr: new ScriptedAsr(['没有']) });
    const stop = clears(leg).find((c) => c > 1400)!;
    expect(stop).toBeDefined();
    // no resume of the fever question: the next thing played is the next question
    expect(said).toContain('伤口疼吗');
    const feverPlays = playStarts(leg).filter((s) => s > 1000 && s < stop);
    expect(feverPlays).toHaveLength(1);
  });

  it('in-band DTMF tones in the caller audio complete a DTMF-only script', async () => {
    const tone = (d: string) => generateDtmf(d, { sampleRate: 8000, durationMs: 120, levelDbfs: -12 });
    const { report, said } = await run((l) => l.feedSilence(3500).feedSamples(tone('2')).feedSilence(1500).feedSamples(tone('2')).feedSilence(1500));
    expect(report.endReason).toBe('completed');
    expect(report.outcome).toBe('completed');
    expect(said.at(-1)).toBe('谢谢再见');
    expect(report.transcript.filter((t) => t.speaker === 'caller').map((t) => [t.via, t.text])).toEqual([['dtmf', '2'], ['dtmf', '2']]);
  });

  it('with in-band detection off, the same tones are not keys', async () => {
    const tone = generateDtmf('2', { sampleRate: 8000, durationMs: 120, levelDbfs: -12 });
    const { report } = await run((l) => l.feedSilence(3500).feedSamples(tone).feedSilence(1500).feedHangup(), { inbandDtmf: false });
    expect(report.transcript.filter((t) => t.via === 'dtmf')).toEqual([]);
  });

  it('a key signalled both as an event and as its tone counts once', async () => {
    const { report, said } = await run((l) => l.feedSilence(3500).feedDtmf('2').feedDtmf('2', { inband: true, durationMs: 120 }).feedSilence(1500).feedHangup());
    expect(report.transcript.filter((t) => t.via === 'dtmf')).toHaveLength(1);
    expect(said.filter((s) => s === '伤口疼吗')).toHaveLength(1);
  });

  it('feeds the engine real-time factor gauge', async () => {
    const { metrics } = await run((l) => l.feedSilence(2000).feedHangup());
    const g = await metrics.engineRtf.get();
    const v = g.values.find((x) => x.labels.engine === 'silero-vad-v5');
    expect(v).toBeDefined();
    expect(v!.value).toBeGreaterThan(0);
    expect(v!.value).toBeLessThan(1);
    // the voice too: WavTts yields once per 100 ms of audio, far faster than real time
    const t = g.values.find((x) => x.labels.engine === 'wav-tts');
    expect(t).toBeDefined();
    expect(t!.value).toBeGreaterThan(0);
    expect(t!.value).toBeLessThan(1);
  });
});
