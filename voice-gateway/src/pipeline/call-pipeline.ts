/**
 * CallPipeline(leg, dialog, engines, signal): caller audio -> [denoise] -> VAD -> streaming ASR ->
 * runner -> TTS -> leg, with turn-taking, barge-in, DTMF, no-input timers, recording and per-turn
 * latency marks. Decisions about the conversation belong to the runner; this file only moves
 * audio and events between the leg, the engines and the runner.
 */
import { DtmfDetector, batchQuestion, createLogger, isTzError, type AsrResult, type AsrStream, type AudioFrame, type CallLeg, type DtmfEvent, type Logger, type VadOptions } from '@tingzhen/voice-core';
import type { GatewayMetrics } from '../metrics.js';
import { BargeInDetector, DEFAULT_BARGE_IN, isBackchannel, type BargeInOptions } from './barge-in.js';
import { PromptPlayer } from './prompt-player.js';
import { saveRecording, writeToSink } from './call-filing.js';
import { CallRecorder, type RecorderOptions } from './recorder.js';
import { TurnTaker, type TurnEnd, type TurnPolicy } from './turn-taking.js';
import type { CallReport, CallSink, DialogAction, DialogDriver, DialogInput, PipelineEngines, TranscriptTurn, TurnTiming } from './types.js';

export interface CallPipelineOptions {
  leg: CallLeg;
  dialog: DialogDriver;
  engines: PipelineEngines;
  signal?: AbortSignal;
  logger?: Logger;
  metrics?: GatewayMetrics;
  sink?: CallSink;
  recording?: RecorderOptions | null;
  language?: string;
  turn?: Partial<TurnPolicy>;
  bargeIn?: Partial<BargeInOptions>;
  /** VAD segments shorter than this are noise, not a turn, ms. */
  minTurnSpeechMs?: number;
  /** Detect DTMF tones in the caller audio too (default true; protocol events always count). */
  inbandDtmf?: boolean;
  /**
   * Where a transfer goes (a nurse line, a queue) for the runner's transfer reason. Without it, or
   * when it returns undefined, there is nobody to transfer to: the runner hears at once that the
   * transfer failed and plays its fallback (never dead air).
   */
  transferTargetFor?: (reason: string) => string | undefined;
  /** A console test call: marked in the report, never filed as a real call. */
  test?: boolean;
  /**
   * The call so far, each time the dialog's result changes (an answer, a red flag, the outcome):
   * a checkpoint, so a call cut by a crash keeps what the patient already said.
   */
  onProgress?: (soFar: CallReport) => void;
  /** Words spoken when the platform itself fails mid-call (the runner or an engine), by language. */
  faultText?: (lang: string, urgent: boolean) => string;
  /** Clock for latency marks and prompt positions, ms (default performance.now; tests pass a media clock). */
  now?: () => number;
  onTurn?: (t: TurnTiming) => void;
  dialect?: string;
}

/**
 * What the pipeline asks of the VAD. minSpeechMs is the VAD's onset time and so most of the
 * barge-in stop delay: Silero needs one or two 32 ms windows to rise, then this much speech, so
 * 64 ms (two windows) stops a prompt ~100-130 ms after the caller starts. Shorter segments (a
 * click, a cough) still never make a turn: the pipeline ignores segments under minTurnSpeechMs,
 * and echo is kept out by the barge-in level test, not by the VAD. Exported so processes can
 * prewarm pooled detectors with exactly these options.
 */
export const PIPELINE_VAD_OPTIONS: Readonly<Required<Pick<VadOptions, 'minSilenceMs' | 'minSpeechMs'>>> = { minSilenceMs: 300, minSpeechMs: 64 };

/** Two DTMF reports of one digit from different sources this close (ms) are one key press. */
const DTMF_DEDUPE_MS = 600;
/** How long the end of a call waits for the action batch in flight to unwind (its prompt stopped), ms. */
const BATCH_UNWIND_MS = 1000;
/** Longest the fault fallback may speak, ms (a call-back promise is a few seconds). */
const FAULT_PROMPT_LIMIT_MS = 12_000;

type ListenAction = Extract<DialogAction, { type: 'listen' }>;
const isListen = (a: DialogAction): a is ListenAction => a.type === 'listen';

export async function runCallPipeline(o: CallPipelineOptions): Promise<CallReport> {
  const { leg, dialog, engines } = o;
  const log = o.logger ?? createLogger({ name: 'pipeline' });
  const now = o.now ?? (() => performance.now());
  const policy: TurnPolicy = { silenceAfterSpeechMs: 600, vadMinSilenceMs: PIPELINE_VAD_OPTIONS.minSilenceMs, ...o.turn };
  const bargeOpts = { ...DEFAULT_BARGE_IN, ...o.bargeIn };
  const minTurnMs = o.minTurnSpeechMs ?? 250;
  const language = o.language ?? dialog.result().lang;

  if (leg.state === 'connecting') {
    await new Promise<void>((resolve) => {
      const on = (s: string) => { if (s !== 'connecting') { leg.off('state', on); resolve(); } };
      leg.on('state', on);
    });
  }
  const startedAt = now();
  const report: CallReport = {
    callId: leg.info.callId, dialect: o.dialect, endReason: 'completed', outcome: null, durationMs: 0,
    turns: [], transcript: [], bargeIns: [], underruns: 0, events: [], result: null, test: o.test === true,
    ...legNumbers(leg),
  };
  if (leg.state !== 'active') {
    report.endReason = 'dropped';
    return report;
  }
  o.metrics?.activeCalls.inc();
  const vad = engines.vad.stream({ minSilenceMs: policy.vadMinSilenceMs, minSpeechMs: PIPELINE_VAD_OPTIONS.minSpeechMs });
  const inband = o.inbandDtmf === false ? null : new DtmfDetector({ sampleRate: leg.sampleRate });
  // Engine processing time per call, for the real-time-factor gauge.
  const busyMs = { vad: 0, asr: 0, denoiser: 0 };
  const timed = <T>(k: keyof typeof busyMs, f: () => T): T => {
    const t0 = performance.now();
    try { return f(); } finally { busyMs[k] += performance.now() - t0; }
  };
  /**
   * What the recognizer heard in a paused-for-backchannel segment that turned out to be an answer.
   * finish() consumes the recognizer's segment, so the text is kept here for the turn.
   */
  let heldResult: AsrResult | null = null;
  let lastDtmf: { digit: string; source: DtmfEvent['source']; atMs: number } | null = null;
  const asrEngine = typeof engines.asr === 'function' ? engines.asr(language) : engines.asr;
  let asr: AsrStream | null = asrEngine ? asrEngine.stream({ language }) : null;
  const asrFailed = (err: unknown) => {
    // The recogniser broke mid-call: go on with keys only (the runner leads the caller to DTMF).
    report.fault ??= { code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL', stage: 'asr' };
    log.warn({ callId: leg.info.callId, code: report.fault.code }, 'recogniser failed; DTMF only for the rest of the call');
    try { asr?.close(); } catch { /* already broken */ }
    asr = null;
  };
  const denoise = engines.denoiser?.stream() ?? null;
  // Recorded only when configured and the caller was told (the script's recording notice).
  const recorder = o.recording && dialog.recorded !== false ? new CallRecorder(o.recording, leg.sampleRate) : null;
  const turnTaker = new TurnTaker(policy, asr !== null, undefined, language);
  const detector = new BargeInDetector(bargeOpts);
  // Live call details for our own test phone (console): per-turn latency and the transcript, only
  // when the peer asked for them (start parameter tzStats=1) and the leg can carry extra messages.
  const extra = (leg.info.parameters?.tzStats === '1' && typeof (leg as { sendExtra?: unknown }).sendExtra === 'function')
    ? (event: string, body: Record<string, unknown>) => (leg as unknown as { sendExtra(m: { data: string; binary: boolean }): void }).sendExtra({ data: JSON.stringify({ event, ...body }), binary: false })
    : null;
  const stats = extra ? (t: TurnTiming) => extra('tz.turn', { turn: t }) : null;
  const addTranscript = (entry: CallReport['transcript'][number]) => {
    report.transcript.push(entry);
    extra?.('tz.transcript', { transcript: entry });
  };

  let gen = 0;
  let ended = false;
  let mediaMs = 0;
  let listen: ListenAction | null = null;
  let pendingListen: ListenAction | null = null;
  let prompt = null as PromptPlayer | null;
  let resumeHook = null as (() => void) | null;
  let promptBargeIn = false;
  let paused = null as { atMediaMs: number } | null;
  let noInputTimer: NodeJS.Timeout | null = null;
  let segStartMs = 0;
  let timing: TurnTiming = { turn: 0, via: 'start' };
  const heldDigits: string[] = [];
  /**
   * Questions (by step id) whose own prompt has started in this call: the caller has heard them.
   * Until its question is heard, input is not applied to the pending question (a key during the
   * greeting does not answer the consent question after it) unless the script allows type-ahead.
   */
  const heard = new Set<string>();
  /** Input may go to this question: it has been asked, or the script lets callers type ahead. */
  const takesInput = (l: ListenAction | null): l is ListenAction => l !== null && (heard.has(l.stepId) || l.typeAhead === true);
  /** The batch of actions being carried out (its prompt's transcript lands when it settles). */
  let batch: Promise<void> = Promise.resolve();
  let resolveEnd!: () => void;
  const endPromise = new Promise<void>((r) => { resolveEnd = r; });

  let progressMark = '';
  const checkpoint = () => {
    if (!o.onProgress) return;
    let r: CallReport['result'];
    try { r = dialog.result(); } catch { return; }
    if (!r) return;
    const mark = `${Object.keys(r.answers).length}|${r.redFlags.join(',')}|${r.disposition}|${r.outcome}|${r.doNotCall}`;
    if (mark === progressMark) return;
    progressMark = mark;
    try {
      o.onProgress({ ...report, result: r, outcome: r.outcome, transcript: [...report.transcript], events: [...report.events], durationMs: Math.round(now() - startedAt) });
    } catch { /* a checkpoint never ends a call */ }
  };

  // Aborts a dialog's preparation of the caller's words (an LLM request) when the call ends.
  const prepared = new AbortController();
  let preparing = false;
  const clearNoInput = () => { if (noInputTimer) clearTimeout(noInputTimer); noInputTimer = null; };

  const finishTiming = () => {
    const t = timing;
    if (t.firstPacketAt !== undefined && t.endOfSpeechAt !== undefined) t.gapMs = Math.round(t.firstPacketAt - t.endOfSpeechAt);
    if (t.turn > 0 && t.gapMs !== undefined) {
      o.metrics?.turnGap.observe(t.gapMs / 1000);
      log.info({ callId: leg.info.callId, turn: t.turn, via: t.via, gapMs: t.gapMs }, 'turn');
    }
    report.turns.push(t);
    o.onTurn?.(t);
    stats?.(t);
  };

  const endCall = async (reason: CallReport['endReason']) => {
    if (ended) return;
    ended = true;
    report.endReason = reason;
    gen++;
    prepared.abort();
    clearNoInput();
    prompt?.stop();
    resumeHook?.(); // a prompt paused for a possible barge-in ends too
    if (leg.state === 'active') await leg.hangup(reason === 'error' ? 'error' : 'normal').catch(() => {});
    resolveEnd();
  };

  /**
   * The platform failed mid-call (the runner, the voice): never leave the caller in silence. Say
   * the fallback (a call-back promise, and 120 when a red flag has fired) if the voice still
   * works, then hang up; the report carries the fault, so the call lands on the worklist.
   */
  const failCall = async (err: unknown, stage: string) => {
    if (ended) return;
    report.fault ??= { code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL', stage };
    gen++;
    clearNoInput();
    listen = null;
    pendingListen = null;
    prompt?.stop();
    resumeHook?.();
    let urgent = false;
    let lang = language;
    try { const r = dialog.result(); urgent = r.disposition === 'D1' || r.disposition === 'D2' || r.redFlags.length > 0; lang = r.lang; } catch { /* the runner is what broke */ }
    const text = o.faultText?.(lang, urgent);
    if (text && leg.state === 'active') {
      const p = new PromptPlayer(leg, now);
      prompt = p;
      const playedFrom = mediaMs;
      const limit = setTimeout(() => p.stop(), FAULT_PROMPT_LIMIT_MS);
      try {
        p.synthesize(engines.tts, text, lang);
        await p.play();
      } catch { /* the voice is what broke: nothing more we can say */ } finally { clearTimeout(limit); }
      const played = Math.min(p.audio.length, p.position());
      for (let i = 0; i < played && recorder; i++) recorder.addBot(p.audio[i]!, playedFrom + i * 20);
      if (played > 0) addTranscript({ speaker: 'bot', text, startMs: playedFrom, endMs: playedFrom + played * 20 });
      if (prompt === p) prompt = null;
    }
    await endCall('error');
  };

  const activateListen = (l: ListenAction, startTimer: boolean) => {
    listen = l;
    pendingListen = null;
    turnTaker.reset({ ...policy, silenceAfterSpeechMs: l.endpoint.silenceAfterSpeechMs ?? policy.silenceAfterSpeechMs }, l.expect);
    asr?.setEndpoint(l.endpoint);
    if (startTimer && !turnTaker.speaking) {
      clearNoInput();
      noInputTimer = setTimeout(() => deliver({ type: 'no-input' }, { via: 'no-input' }), l.timeoutMs);
    }
    const held = heldDigits.splice(0);
    if (held.length > 0) deliver({ type: 'dtmf', digit: held[0]! }, { via: 'dtmf', endOfSpeechAt: now() });
  };

  const runBatch = async (actions: readonly DialogAction[], myGen: number) => {
    const question = batchQuestion(actions);
    pendingListen = question?.listen ?? null;
    const ask = question?.prompt ?? null;
    // A listen with no prompt of its own in the batch: nothing more will be said before it.
    if (pendingListen && !ask) heard.add(pendingListen.stepId);
    const myTiming = timing;
    for (const a of actions) {
      if (myGen !== gen || ended) return;
      if (a.type === 'say') {
        const say = a;
        const p = new PromptPlayer(leg, now);
        prompt = p;
        promptBargeIn = say.bargeIn;
        if (say === ask && pendingListen) {
          heard.add(pendingListen.stepId);
          // Keys typed ahead (the script allows it) answer the question as soon as it is asked.
          if (promptBargeIn && heldDigits.length > 0) {
            const held = heldDigits.splice(0);
            deliver({ type: 'dtmf', digit: held[0]! }, { via: 'dtmf', endOfSpeechAt: now() });
            return;
          }
        }
        if (myTiming.firstPacketAt === undefined) {
          p.onFirstPacket = (at) => {
            myTiming.firstTtsChunkAt = p.timings.firstChunkAt;
            myTiming.firstPacketAt = at;
            if (myTiming === timing) finishTiming();
          };
        }
        p.synthesize(engines.tts, say.text, say.lang || language);
        const playedFrom = mediaMs;
        for (;;) {
          const done = await p.play();
          if (done || myGen !== gen || ended) break;
          // paused for a possible backchannel: wait for resume (play again) or stop
          await new Promise<void>((r) => { resumeHook = r; });
          resumeHook = null;
          if (myGen !== gen || ended) break;
        }
        const rtf = p.ttsRtf;
        if (rtf !== null) o.metrics?.engineRtf.set({ engine: engines.tts.capabilities.name }, rtf);
        const frames = p.audio;
        const played = Math.min(frames.length, p.position());
        for (let i = 0; i < played && recorder; i++) recorder.addBot(frames[i]!, playedFrom + i * 20);
        addTranscript({ speaker: 'bot', text: say.text, startMs: playedFrom, endMs: playedFrom + played * 20 });
        if (prompt === p) prompt = null;
      } else if (isListen(a)) {
        activateListen(a, true);
      } else if (a.type === 'hangup') {
        // Let the last prompt's tail leave the peer's buffer before the line drops.
        await new Promise((r) => setTimeout(r, 100));
        await endCall('completed');
        return;
      } else if (a.type === 'transfer') {
        report.events.push({ ...a });
        const target = o.transferTargetFor?.(a.reason);
        let ok = false;
        try {
          if (target !== undefined && leg.transfer) { await leg.transfer(target); ok = true; }
        } catch { ok = false; }
        report.transfer = { reason: a.reason, ok };
        if (myGen !== gen || ended) return;
        deliver({ type: 'action-done', action: 'transfer', ok }, { via: 'start' });
        return;
      } else {
        report.events.push({ ...a });
      }
    }
  };
  function deliver(input: DialogInput, t: Partial<TurnTiming> & { via: TurnTiming['via'] }): void {
    if (ended) return;
    // The question the caller is answering: an input the runner takes without a word (a key of a
    // multi-digit answer) leaves it open for the next key.
    const asked = listen ?? pendingListen;
    gen++;
    preparing = false;
    clearNoInput();
    listen = null;
    pendingListen = null;
    paused = null;
    heldResult = null;
    // Keys held for the question this input settles never carry over to the next one.
    heldDigits.length = 0;
    prompt?.stop();
    prompt = null;
    resumeHook?.();
    if (timing.turn > 0 && timing.firstPacketAt === undefined) finishTiming();
    timing = { turn: timing.turn + 1, ...t };
    let actions: readonly DialogAction[];
    try {
      actions = dialog.next(input).actions;
    } catch (err) {
      o.metrics?.errors.inc({ code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' });
      log.error({ callId: leg.info.callId, code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' }, 'dialog runner failed');
      void failCall(err, 'dialog');
      return;
    }
    timing.decisionAt = now();
    checkpoint();
    if (!actions.some((a) => a.type === 'say')) finishTiming();
    if (actions.length === 0 && asked) {
      // Still listening: more keys, or the no-input timer (which ends a digit entry without '#').
      activateListen(asked, true);
      return;
    }
    batch = runBatch(actions, gen).catch((err: unknown) => {
      log.error({ callId: leg.info.callId, code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' }, 'action failed');
      void failCall(err, 'action');
    });
  }

  /** Input goes to the runner now: listening, or the pending question is heard and its prompt may be interrupted. */
  const acceptingInput = () => listen !== null || (promptBargeIn && pendingListen !== null && heard.has(pendingListen.stepId));

  const onDtmf = (e: DtmfEvent) => {
    if (ended) return;
    // A peer may both signal a key (RFC 4733 / a dtmf message) and leave its tone in the audio.
    const at = mediaMs;
    if (lastDtmf && lastDtmf.digit === e.digit && lastDtmf.source !== e.source && at - lastDtmf.atMs < DTMF_DEDUPE_MS) return;
    lastDtmf = { digit: e.digit, source: e.source, atMs: at };
    addTranscript({ speaker: 'caller', text: e.digit, startMs: e.atMs, endMs: e.atMs, via: 'dtmf' });
    // 0 (a nurse) and * (repeat), when the question does not use them, count at any time: the
    // greeting says 'press 0 at any time'. They are requests, not answers.
    const anyTime = pendingListen !== null && isAnyTimeKey(pendingListen, e.digit);
    if (acceptingInput() || (anyTime && promptBargeIn)) deliver({ type: 'dtmf', digit: e.digit }, { via: 'dtmf', endOfSpeechAt: now() });
    // Kept for the question only when it may take it (asked, or type-ahead); otherwise it answers nothing.
    else if (anyTime || takesInput(pendingListen)) heldDigits.push(e.digit);
  };
  leg.on('dtmf', onDtmf);

  const turnEnded = (end: TurnEnd) => {
    const wallEos = now() - Math.max(0, mediaMs - end.endMs);
    const asrAt = now();
    const fresh = asr ? asr.finish() : null;
    asr?.reset();
    const held = heldResult;
    heldResult = null;
    const result = held && fresh ? { ...fresh, text: joinText(held.text, fresh.text, language), confidence: Math.min(held.confidence ?? 1, fresh.confidence ?? 1) } : held ?? fresh;
    const text = result?.text ?? '';
    addTranscript({ speaker: 'caller', text, startMs: segStartMs, endMs: end.endMs, confidence: result?.confidence, via: 'speech' });
    // A recogniser that gives no confidence (Moonshine, offline) passes none: 0 would make every
    // answer a no-match. Nothing heard stays confidence 0.
    const confidence = result === null ? 0 : result.confidence;
    // No recogniser for this call (none for its language, or it failed): the runner hears that the
    // caller spoke and can only be answered by keys, rather than an answer it could not understand.
    const unrecognised = asr === null && !held ? { unrecognised: true } : {};
    const input: DialogInput = { type: 'speech', text, ...(confidence !== undefined ? { confidence } : {}), ...unrecognised };
    const t: Partial<TurnTiming> & { via: TurnTiming['via'] } = { via: 'speech', endOfSpeechAt: wallEos, asrFinalAt: asrAt };
    if (!dialog.prepare) { deliver(input, t); return; }
    // The dialog reads the words first (an LLM, when one is configured): no no-input timer while it
    // does, and whatever reaches the runner before it is done (a key, a later answer) wins.
    // The turn is over: no second end of it while the words are read (a key still goes through).
    clearNoInput();
    preparing = true;
    const asOf = gen;
    const go = (ready: DialogInput) => { if (!ended && gen === asOf) deliver(ready, t); };
    dialog.prepare(input, prepared.signal).then(go, () => go(input));
  };

  const confirmBargeIn = () => {
    const l = pendingListen;
    prompt?.stop();
    prompt = null;
    paused = null;
    gen++; // the rest of the batch (more prompts) is dropped
    resumeHook?.();
    o.metrics?.bargeIns.inc();
    if (l) activateListen(l, false);
  };

  // The signal aborts when the platform cuts the call (a shutdown past its drain limit): the runner
  // hears it was the platform, not the caller, so the call is filed as platform-shutdown.
  const abortListener = () => {
    if (ended) return;
    if (o.signal?.reason === 'platform-shutdown') {
      try {
        for (const a of dialog.next({ type: 'hangup', reason: 'platform-shutdown' }).actions) if (a.type !== 'say' && a.type !== 'listen' && a.type !== 'hangup') report.events.push({ ...a });
      } catch { /* the outcome stays as it was */ }
      void endCall('shutdown');
    } else void endCall('completed');
  };
  o.signal?.addEventListener('abort', abortListener, { once: true });

  deliver({ type: 'start' }, { via: 'start' });
  timing.turn = 0;

  try {
    for await (const frame of leg.audioIn) {
      if (ended) break;
      mediaMs = frame.startMs + (frame.samples.length * 1000) / frame.sampleRate;
      recorder?.addCaller(frame.samples, frame.startMs);
      if (inband) for (const d of inband.push(frame)) onDtmf({ digit: d.digit, atMs: d.startMs, source: 'inband' });
      if (ended) break;
      const clean: AudioFrame | null = denoise ? timed('denoiser', () => denoise.push(frame)) : frame;
      const events = clean ? timed('vad', () => vad.push(clean)) : [];
      for (const ev of events) {
        if (ev.type === 'speech-start') {
          segStartMs = ev.startMs;
          turnTaker.onSpeechStart();
          if (listen) clearNoInput();
        } else {
          const short = ev.endMs - ev.startMs < minTurnMs;
          if (paused) {
            const r = asr ? asr.finish() : null;
            const heard = r?.text ?? '';
            if (ev.endMs - ev.startMs <= bargeOpts.backchannelMaxMs && (asr === null || heard === '' || isBackchannel(heard))) {
              asr?.reset();
              paused = null;
              resumeHook?.(); // resume the prompt where it stopped
              continue;
            }
            confirmBargeIn();
            heldResult = r;
            if (r) turnTaker.onPartial(r.text); // a complete answer ends the turn at this speech-end
          }
          if (short) {
            if (listen && !preparing && !noInputTimer) activateListen(listen, true);
            continue;
          }
          if (listen && !preparing) {
            const end = turnTaker.onSpeechEnd(ev.endMs);
            if (end) turnEnded(end);
          }
        }
      }
      if (asr && clean) {
        let results: AsrResult[] = [];
        try { results = timed('asr', () => asr!.push(clean)); } catch (err) { asrFailed(err); }
        for (const r of results) {
          if (!r.isFinal) turnTaker.onPartial(r.text);
          else if (listen && !preparing && r.text.trim() !== '') {
            // The recogniser's own endpoint: this final is the answer (its segment is over, so
            // finish() at the turn's end has nothing more to give).
            heldResult = heldResult ? { ...r, text: joinText(heldResult.text, r.text, language), confidence: Math.min(heldResult.confidence ?? 1, r.confidence ?? 1) } : r;
            turnEnded(turnTaker.onAsrFinal(r.endMs));
          }
        }
      }
      if (prompt && prompt.isPlaying && promptBargeIn && takesInput(pendingListen) && !paused) {
        if (detector.onFrame(frame.samples, 20, vad.speaking, prompt.levelNearNowDb())) {
          prompt.pause();
          paused = { atMediaMs: mediaMs };
          // Media-clock time from the VAD's estimate of the speech onset to the stop.
          report.bargeIns.push({ stopDelayMs: Math.round(mediaMs - segStartMs), atMs: mediaMs });
          detector.reset();
        }
      } else detector.reset();
      if (paused && mediaMs - segStartMs > bargeOpts.backchannelMaxMs) confirmBargeIn();
      if (listen && !preparing) {
        const end = turnTaker.onClock(mediaMs);
        if (end) turnEnded(end);
      }
    }
  } catch (err) {
    log.warn({ callId: leg.info.callId, code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' }, 'caller audio failed');
    o.metrics?.errors.inc({ code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' });
  }

  if (!ended) {
    // The caller's side went away while we were still talking: a dropped call. What the runner
    // decides on it (an alert when the answers so far are a concern) is part of the call.
    try {
      for (const a of dialog.next({ type: 'hangup' }).actions) if (a.type !== 'say' && a.type !== 'listen' && a.type !== 'hangup') report.events.push({ ...a });
    } catch { /* the outcome stays as it was */ }
    await endCall('dropped');
  }
  await endPromise;
  // What the bot said up to the hang-up belongs in the transcript (and the recording): the
  // stopped prompt's batch adds it as it unwinds.
  let unwind: NodeJS.Timeout | undefined;
  await Promise.race([batch, new Promise((r) => { unwind = setTimeout(r, BATCH_UNWIND_MS); })]);
  clearTimeout(unwind);
  o.signal?.removeEventListener('abort', abortListener);
  leg.off('dtmf', onDtmf);
  // In the order things were said: a prompt's turn is added when it stops, after the key or the
  // words that cut it, and a caller's speech when the turn ends (the sort is stable).
  report.transcript.sort((a, b) => a.startMs - b.startMs);
  vad.close();
  asr?.close();
  asr = null;
  denoise?.close();
  report.durationMs = Math.round(now() - startedAt);
  try {
    report.result = dialog.result();
    report.outcome = report.result.outcome;
  } catch (err) {
    log.error({ callId: report.callId, code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' }, 'dialog result unreadable');
  }
  const mediaS = mediaMs / 1000;
  if (o.metrics && mediaS > 1) {
    o.metrics.engineRtf.set({ engine: engines.vad.capabilities.name }, busyMs.vad / 1000 / mediaS);
    if (asrEngine) o.metrics.engineRtf.set({ engine: asrEngine.capabilities.name }, busyMs.asr / 1000 / mediaS);
    if (engines.denoiser) o.metrics.engineRtf.set({ engine: engines.denoiser.capabilities.name }, busyMs.denoiser / 1000 / mediaS);
  }
  report.underruns = (leg as { underruns?: number }).underruns ?? 0;
  o.metrics?.activeCalls.dec();
  o.metrics?.calls.inc({ outcome: report.endReason });
  if (report.underruns > 0) o.metrics?.underruns.inc(report.underruns);
  await saveRecording(report, recorder, log);
  await writeToSink(report, o.sink, log);
  log.info({ callId: report.callId, endReason: report.endReason, turns: report.turns.length, durationMs: report.durationMs }, 'call ended');
  return report;
}

/** 0 (a nurse) and * (repeat) are the caller's at any time, unless the question takes them as an answer. */
function isAnyTimeKey(l: ListenAction, digit: string): boolean {
  return (digit === '0' || digit === '*') && l.dtmf.map?.[digit] === undefined && l.dtmf.maxDigits === undefined;
}

/** The caller's and the called number as the leg knows them (patient data: never logged). */
function legNumbers(leg: CallLeg): Pick<CallReport, 'callerNumber' | 'calledNumber' | 'attemptId'> {
  const i = leg.info;
  const caller = i.direction === 'inbound' ? i.from : i.to;
  const called = i.direction === 'inbound' ? i.to : i.from;
  const attemptId = i.parameters?.attemptId;
  return { ...(caller ? { callerNumber: caller } : {}), ...(called ? { calledNumber: called } : {}), ...(attemptId ? { attemptId } : {}) };
}

/** Two pieces of one caller turn: Chinese text joins without a space. */
function joinText(a: string, b: string, language: string): string {
  if (a === '' || b === '') return a + b;
  return language.startsWith('zh') ? a + b : `${a} ${b}`;
}

export type { TranscriptTurn };
