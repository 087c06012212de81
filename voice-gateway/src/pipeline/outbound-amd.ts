/**
 * An answered outbound campaign call that asked for answering-machine detection (`amd: '1'` in
 * the leg's parameters, set by the dial route): AMD first (amd.ts) on the first seconds of the
 * leg's audio, then
 *   - a person, or an uncertain answer (fail-safe): the script pipeline on the same audio stream
 *     (the greeting AMD heard answers nothing; the pipeline's media clock starts after it);
 *   - a machine: after its greeting (its beep, or silence) the voicemail message
 *     (`voicemailMessage`: hospital name and call-back number only) once, then the hang-up.
 */
import { createLogger, type AudioFrame, type CallLeg, type CallLegEvents, type DtmfEvent, type Logger } from '@tingzhen/voice-core';
import { AmdDetector, LegAudio, runAmd, type AmdOptions, type AmdRun, type BeepOptions } from './amd.js';
import { saveRecording, writeToSink } from './call-filing.js';
import { PIPELINE_VAD_OPTIONS, runCallPipeline, type CallPipelineOptions } from './call-pipeline.js';
import { PromptPlayer } from './prompt-player.js';
import { CallRecorder } from './recorder.js';
import type { AmdReport, CallReport, DialogDriver } from './types.js';

export interface OutboundAmdOptions extends Omit<CallPipelineOptions, 'dialog'> {
  /** The script's dialog, made only when a person (or an uncertain answer) gets the script. */
  dialog: () => DialogDriver;
  /** Detection thresholds (ms); defaults in DEFAULT_AMD. */
  amd?: Partial<Omit<AmdOptions, 'beep'>> & { beep?: Partial<BeepOptions> };
}

/** Only our own outbound calls, when the dial request asked for it (an inbound peer's parameters cannot). */
export function wantsAmd(leg: CallLeg): boolean {
  return leg.info.direction === 'outbound' && leg.info.parameters?.amd === '1';
}

/**
 * The leg as the pipeline sees it, with its caller audio continuing `audioIn` (the rest of the
 * stream AMD read from, its times moved back by `shiftMs`) and its key presses on that same clock.
 */
function withAudio(leg: CallLeg, audioIn: AsyncIterable<AudioFrame>, shiftMs: number): CallLeg {
  const shifted = new Map<CallLegEvents['dtmf'], CallLegEvents['dtmf']>();
  const onOff = (target: CallLeg, which: 'on' | 'off', self: CallLeg) => (event: keyof CallLegEvents, listener: CallLegEvents[keyof CallLegEvents]) => {
    if (event !== 'dtmf' || shiftMs === 0) {
      (target[which] as (e: string, l: unknown) => CallLeg).call(target, event, listener);
      return self;
    }
    const l = listener as CallLegEvents['dtmf'];
    let w = shifted.get(l);
    if (which === 'on') {
      w ??= (e: DtmfEvent) => l({ ...e, atMs: e.atMs - shiftMs });
      shifted.set(l, w);
      target.on('dtmf', w);
    } else if (w) {
      shifted.delete(l);
      target.off('dtmf', w);
    }
    return self;
  };
  const proxy: CallLeg = new Proxy(leg, {
    get(target, prop) {
      if (prop === 'audioIn') return audioIn;
      if (prop === 'on' || prop === 'off') return onOff(target, prop, proxy);
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return proxy;
}

/**
 * AMD on the first seconds of the answered call, then the script (human / uncertain) or the
 * voicemail (machine). The greeting AMD heard is not an answer to anything: the pipeline starts
 * on the audio after it, its media clock (recording, transcript times) from there.
 */
export async function runOutboundWithAmd(opts: OutboundAmdOptions): Promise<CallReport> {
  const { leg } = opts;
  const log = opts.logger ?? createLogger({ name: 'pipeline' });
  const now = opts.now ?? (() => performance.now());
  const startedAt = now();
  const audio = new LegAudio(leg.audioIn);
  // Answered: checkpoint the call at once (nothing said yet), so a gateway that dies during the
  // detection still leaves it filed, interrupted, with a nurse told, instead of an answered call
  // without a result. The script's checkpoints replace this one as answers come.
  const params = leg.info.parameters ?? {};
  try {
    opts.onProgress?.({
      callId: leg.info.callId, dialect: opts.dialect, endReason: 'completed', outcome: null, durationMs: 0,
      turns: [], transcript: [], bargeIns: [], underruns: 0, events: [], result: null, test: opts.test === true,
      ...(params.attemptId ? { attemptId: params.attemptId } : {}),
    });
  } catch { /* a checkpoint never ends a call */ }
  const vad = opts.engines.vad.stream({ ...PIPELINE_VAD_OPTIONS });
  let run: AmdRun;
  try {
    run = await runAmd(audio, vad, new AmdDetector(opts.amd));
  } finally {
    vad.close();
  }
  const d = run.decision;
  const amd: AmdReport = { verdict: d.verdict, reason: d.reason, decidedAfterMs: d.decidedAfterMs, greetingMs: d.greetingMs, ...(run.beep ? { beepHz: run.beep.hz } : {}) };
  // No text, no parameters: the verdict and its measurements only.
  log.info({ callId: leg.info.callId, ...amd, segments: d.words }, 'answering-machine detection');
  if (d.verdict === 'machine') return leaveVoicemail(opts, audio, run, amd, log, now, startedAt);
  const amdMs = now() - startedAt;
  const report = await runCallPipeline({
    ...opts, sink: undefined, leg: withAudio(leg, audio.rest(run.endMs ?? 0), run.endMs ?? 0), dialog: opts.dialog(), logger: log,
  });
  report.amd = amd;
  report.durationMs += Math.round(amdMs);
  await writeToSink(report, opts.sink, log);
  return report;
}

/** After a machine's greeting (its beep, or silence), speak the voicemail message once and hang up. */
async function leaveVoicemail(
  opts: OutboundAmdOptions, audio: LegAudio, run: AmdRun, amd: AmdReport, log: Logger, now: () => number, startedAt: number,
): Promise<CallReport> {
  const { leg } = opts;
  const params = leg.info.parameters ?? {};
  const message = (params.voicemailMessage ?? '').trim();
  const report: CallReport = {
    callId: leg.info.callId, dialect: opts.dialect, endReason: 'completed', outcome: 'voicemail', durationMs: 0,
    turns: [], transcript: [], bargeIns: [], underruns: 0, events: [], amd, voicemail: { messageLeft: false }, result: null, test: opts.test === true,
    ...(params.attemptId ? { attemptId: params.attemptId } : {}),
  };
  opts.metrics?.activeCalls.inc();
  // Media clock from the answer (the first frame AMD read), as the pipeline's is from its start.
  const origin = run.frames[0]?.startMs ?? 0;
  const recorder = opts.recording ? new CallRecorder(opts.recording, leg.sampleRate) : null;
  let mediaMs = (run.endMs ?? origin) - origin;
  const heard = (f: AudioFrame) => {
    recorder?.addCaller(f.samples, f.startMs - origin);
    mediaMs = f.startMs - origin + (f.samples.length * 1000) / f.sampleRate;
  };
  run.frames.forEach(heard);
  // Keep reading the caller audio while we speak (the leg's queue, and the machine's hang-up).
  const drain = (async () => { for await (const f of audio.rest()) heard(f); })().catch(() => {});
  const greetingOver = run.greetingEnd !== null && leg.state === 'active';
  if (greetingOver && message !== '') {
    const p = new PromptPlayer(leg, now);
    const stop = () => p.stop();
    const onState = (s: string) => { if (s !== 'active') stop(); };
    leg.on('state', onState);
    opts.signal?.addEventListener('abort', stop, { once: true });
    const playedFrom = mediaMs;
    let done = false;
    try {
      p.synthesize(opts.engines.tts, message, params.lang || opts.language || 'zh');
      done = await p.play();
      // Let the message's tail leave the peer's buffer before the line drops.
      if (done) await new Promise((r) => setTimeout(r, 100));
    } finally {
      leg.off('state', onState);
      opts.signal?.removeEventListener('abort', stop);
    }
    const played = Math.min(p.audio.length, p.position());
    for (let i = 0; i < played && recorder; i++) recorder.addBot(p.audio[i]!, playedFrom + i * 20);
    report.transcript.push({ speaker: 'bot', text: message, startMs: playedFrom, endMs: playedFrom + played * 20 });
    report.voicemail = { messageLeft: done && leg.state === 'active' };
  }
  if (!report.voicemail!.messageLeft && (leg.state !== 'active' || !greetingOver)) report.endReason = 'dropped';
  if (leg.state === 'active') await leg.hangup('normal').catch(() => {});
  let unwind: NodeJS.Timeout | undefined;
  await Promise.race([drain, new Promise((r) => { unwind = setTimeout(r, 1000); })]);
  clearTimeout(unwind);
  report.durationMs = Math.round(now() - startedAt);
  report.underruns = (leg as { underruns?: number }).underruns ?? 0;
  opts.metrics?.activeCalls.dec();
  opts.metrics?.calls.inc({ outcome: report.endReason });
  await saveRecording(report, recorder, log);
  await writeToSink(report, opts.sink, log);
  log.info({ callId: report.callId, messageLeft: report.voicemail!.messageLeft, greetingEnd: run.greetingEnd?.via ?? null, durationMs: report.durationMs }, 'voicemail call ended');
  return report;
}
