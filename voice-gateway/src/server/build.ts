/**
 * Composition helpers: `buildGateway(opts)` returns a fastify app with the media routes and
 * /metrics (for a gateway-only process or tests); `createPipelineCallHandler` turns a script
 * choice and the engines into the `onCall` that runs one CallPipeline per leg.
 * An outbound leg whose parameters ask for answering-machine detection (`amd: '1'`, set by the
 * dial route) goes through AMD first (pipeline/amd.ts): a machine gets the voicemail message
 * (`voicemailMessage`, hospital name and call-back number only) after its greeting, then the
 * hang-up; a person or an uncertain answer (fail-safe) gets the script on the same audio stream.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger, isTzError, type AudioFrame, type CallLeg, type Logger } from '@tingzhen/voice-core';
import { GatewayMetrics } from '../metrics.js';
import { AmdDetector, LegAudio, runAmd, type AmdOptions, type AmdRun, type BeepOptions } from '../pipeline/amd.js';
import { PIPELINE_VAD_OPTIONS, runCallPipeline, type CallPipelineOptions } from '../pipeline/call-pipeline.js';
import { PromptPlayer } from '../pipeline/prompt-player.js';
import { CallRecorder } from '../pipeline/recorder.js';
import type { AmdReport, CallReport, DialogDriver } from '../pipeline/types.js';
import { gatewayPlugin, type CallContext, type GatewayOptions } from './ws-gateway.js';

export async function buildGateway(opts: GatewayOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(gatewayPlugin, opts);
  return app;
}

/** What the handler needs to know of where a leg came from (a media WebSocket, SIP, AudioSocket). */
export type LegContext = Pick<CallContext, 'dialect'> & Partial<CallContext>;

export interface PipelineCallHandlerOptions extends Omit<CallPipelineOptions, 'leg' | 'dialog' | 'dialect'> {
  /** The dialog for this call (script chosen from the leg's custom parameters, the DID...). */
  dialogFor: (leg: CallLeg, ctx: LegContext) => DialogDriver;
  onReport?: (report: CallReport) => void;
  logger?: Logger;
  metrics?: GatewayMetrics;
  /** Answering-machine detection thresholds (ms) for outbound legs that ask for it; defaults in DEFAULT_AMD. */
  amd?: Partial<Omit<AmdOptions, 'beep'>> & { beep?: Partial<BeepOptions> };
}

/**
 * One pipeline per leg, for any CallLeg (WebSocket, SIP, AudioSocket). Returns at once; the call
 * runs in the background. `createPipelineRunner` is the same thing awaited, with the report (outbound dials).
 */
export function createPipelineCallHandler(opts: PipelineCallHandlerOptions): (leg: CallLeg, ctx: LegContext) => void {
  const run = createPipelineRunner(opts);
  return (leg, ctx) => { void run(leg, ctx); };
}

/** The pipeline for one leg, awaited: resolves with the call's report, or null when it never started or failed. */
export function createPipelineRunner(opts: PipelineCallHandlerOptions): (leg: CallLeg, ctx: LegContext) => Promise<CallReport | null> {
  const log = opts.logger ?? createLogger({ name: 'pipeline' });
  return async (leg, ctx) => {
    // refused or dropped before start: already logged by the leg, nothing to report
    if (!(await becameActive(leg))) return null;
    try {
      const report = wantsAmd(leg)
        ? await runWithAmd(opts, leg, ctx, log)
        : await runCallPipeline({ ...opts, leg, dialect: ctx.dialect, dialog: opts.dialogFor(leg, ctx), logger: log });
      opts.onReport?.(report);
      return report;
    } catch (err) {
      log.error({ callId: leg.info.callId, err: { message: (err as Error).message } }, 'call pipeline failed');
      opts.metrics?.errors.inc({ code: 'TZ_ERR_INTERNAL' });
      await leg.hangup('error').catch(() => {});
      return null;
    }
  };
}

/** Resolves true once the leg is active, false when it closes first. */
function becameActive(leg: CallLeg): Promise<boolean> {
  if (leg.state !== 'connecting') return Promise.resolve(leg.state === 'active');
  return new Promise((resolve) => {
    const on = (st: string) => {
      if (st === 'connecting') return;
      leg.off('state', on);
      resolve(st === 'active');
    };
    leg.on('state', on);
  });
}

/** Only our own outbound calls, when the dial request asked for it (an inbound peer's parameters cannot). */
function wantsAmd(leg: CallLeg): boolean {
  return leg.info.direction === 'outbound' && leg.info.parameters?.amd === '1';
}

/** The leg as the pipeline sees it, with its caller audio continuing `audioIn` (the rest of the stream AMD read from). */
function withAudio(leg: CallLeg, audioIn: AsyncIterable<AudioFrame>): CallLeg {
  return new Proxy(leg, {
    get(target, prop) {
      if (prop === 'audioIn') return audioIn;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * AMD on the first seconds of the answered call, then the script (human / uncertain) or the
 * voicemail (machine). The greeting AMD heard is not an answer to anything: the pipeline starts
 * on the audio after it, its media clock (recording, transcript times) from there.
 */
async function runWithAmd(opts: PipelineCallHandlerOptions, leg: CallLeg, ctx: LegContext, log: Logger): Promise<CallReport> {
  const now = opts.now ?? (() => performance.now());
  const startedAt = now();
  const audio = new LegAudio(leg.audioIn);
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
  if (d.verdict === 'machine') return leaveVoicemail(opts, leg, ctx, audio, run, amd, log, now, startedAt);
  const amdMs = now() - startedAt;
  const report = await runCallPipeline({
    ...opts, sink: undefined, leg: withAudio(leg, audio.rest(run.endMs ?? 0)), dialect: ctx.dialect, dialog: opts.dialogFor(leg, ctx), logger: log,
  });
  report.amd = amd;
  report.durationMs += Math.round(amdMs);
  if (opts.sink) await opts.sink.write(report).catch(() => log.warn({ callId: report.callId }, 'call sink failed'));
  return report;
}

/** After a machine's greeting (its beep, or silence), speak the voicemail message once and hang up. */
async function leaveVoicemail(
  opts: PipelineCallHandlerOptions, leg: CallLeg, ctx: LegContext, audio: LegAudio, run: AmdRun, amd: AmdReport, log: Logger, now: () => number, startedAt: number,
): Promise<CallReport> {
  const params = leg.info.parameters ?? {};
  const message = (params.voicemailMessage ?? '').trim();
  const report: CallReport = {
    callId: leg.info.callId, dialect: ctx.dialect, endReason: 'completed', outcome: 'voicemail', durationMs: 0,
    turns: [], transcript: [], bargeIns: [], underruns: 0, events: [], amd, voicemail: { messageLeft: false },
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
  if (recorder) {
    try {
      report.recordingFile = await recorder.save(report.callId);
    } catch (err) {
      log.warn({ callId: report.callId, code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' }, 'recording not saved');
    }
  }
  if (opts.sink) await opts.sink.write(report).catch(() => log.warn({ callId: report.callId }, 'call sink failed'));
  log.info({ callId: report.callId, messageLeft: report.voicemail!.messageLeft, greetingEnd: run.greetingEnd?.via ?? null, durationMs: report.durationMs }, 'voicemail call ended');
  return report;
}
