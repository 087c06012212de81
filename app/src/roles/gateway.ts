/**
 * The gateway role: speech engines, the media WebSocket routes (and AudioSocket when configured),
 * the SIP endpoint when SIP_CONFIG names a SIP file (hotline calls in, campaign calls out through
 * the trunks), one call pipeline per leg. Without ASR models the pipeline runs on DTMF and the VAD; without a
 * neural voice it speaks with espeak-ng (the health endpoint says so).
 */
import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import type { Server } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { describeSpeechProblems, loadSpeechEngines, speechProblems, type SpeechEngines } from '@tingzhen/speech';
import { ttsModelChoices } from '@tingzhen/tts-voices';
import {
  ActiveCalls, createAudioSocketServer, createPipelineCallHandler, createPipelineRunner, gatewayPlugin, GatewayMetrics, MonitorHub, PIPELINE_VAD_OPTIONS, startMediaRelay,
  type DialRouteOptions, type MediaRelay, type PipelineCallHandlerOptions,
} from '@tingzhen/voice-gateway';
import { loadSipConfigFile } from '@tingzhen/sip-config';
import { admitGatewayDial, fileFromGateway, fileInboundCall, startCheckpointStore, startLeaseKeeper, type Pool, type QueueConnection } from '@tingzhen/campaigns';
import { hostname } from 'node:os';
import { TzError, type AsrEngine, type CallReport, type Config, type Logger } from '@tingzhen/voice-core';
import { LanguageRoutedTts } from './tts-router.js';
import { dateIn, dialogFor, interruptedOfParameters, patientOfParameters } from './dialog.js';
import { llmOf } from './llm.js';
import { startSipRole, type SipRole } from './sip.js';
import { recordingsAtRest } from '../recordings-at-rest.js';
import { guardInputs } from '../input-guard.js';

/** After the drain limit, how long the calls the platform cuts get to end and be filed, ms. */
const CUT_CALLS_FILING_MS = 10_000;
/** VAD detectors built at start-up: the calls a small site takes at once. */
const PREWARM_VAD_DETECTORS = 8;

export interface GatewayRole {
  speech: SpeechEngines;
  /** Live listen-in: taps every call; the console's listen routes start and stop monitoring. */
  monitor: MonitorHub;
  /** The embedded node-media-server (loopback); the console proxies its HTTP-FLV streams. */
  relay: MediaRelay;
  /** The SIP endpoint, when SIP_CONFIG names a SIP file. */
  sip?: SipRole;
  /** The calls this process holds. */
  activeCalls: ActiveCalls;
  /** Take no new calls; resolves when the calls in progress have ended, or after `timeoutMs` with how many were left. */
  drain(timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export async function startGatewayRole(app: FastifyInstance, opts: { config: Config; log: Logger; authSecret: string; pool: Pool; queue: QueueConnection; env: Record<string, string | undefined>; asrFor?: (lang: string) => AsrEngine | undefined; scriptLanguages?: readonly string[] }): Promise<GatewayRole> {
  const { config, log } = opts;
  const speech = await loadSpeechEngines({ modelsDir: resolve(config.modelsDir), ttsModels: ttsModelChoices(), vadMinSilenceMs: config.vadMinSilenceMs, espeakBinary: config.espeakBinary, logger: log });
  // One line that says what calls will lack (a silent language, a keypad-only one) and the fix.
  const problems = speechProblems(speech.status, opts.scriptLanguages ?? []);
  if (problems.length > 0) log.warn({ problems, degraded: describeSpeechProblems(problems) }, 'SPEECH DEGRADED: calls in some languages cannot be served fully (see degraded for each fix)');
  // Build VAD detectors now: building one blocks the event loop ~45 ms (a model session), which
  // would otherwise hit the first calls' playout.
  const vad = speech.vad as typeof speech.vad & { prewarm?: (count: number, opts?: object) => Promise<void> };
  if (vad.prewarm) await vad.prewarm(PREWARM_VAD_DETECTORS, PIPELINE_VAD_OPTIONS);
  const metrics = new GatewayMetrics();
  // Hotline calls are filed in PostgreSQL; one that needs a human lands on the nurse worklist.
  const holder = `${hostname()}:${process.pid}`;
  const checkpoints = startCheckpointStore(opts.pool, holder, { logger: log });
  const sink = {
    write: async (report: CallReport) => {
      const filed = await fileInboundCall(opts.pool, report);
      await checkpoints.remove(report).catch(() => undefined);
      if (filed.callId !== report.callId) log.warn({ callId: report.callId, filedAs: filed.callId }, 'call id reused by the client: filed under a fresh id');
      if (filed.escalationId) log.warn({ callId: filed.callId, escalationId: filed.escalationId, priority: filed.priority }, 'hotline call needs a nurse');
    },
  };
  // Recordings: 0600 in a 0700 directory, encrypted when RECORDINGS_ENCRYPTION_KEY is set.
  const recordings = await recordingsAtRest(config, log);
  // Live listen-in: node-media-server on loopback, its signing secret derived from the gateway's,
  // on the ports MEDIA_RELAY_RTMP_PORT / MEDIA_RELAY_HTTP_PORT name (unset: free ones).
  const relay = await startMediaRelay({
    secret: createHmac('sha256', opts.authSecret).update('tingzhen media relay').digest('hex'), storeDir: resolve(config.dataDir, 'media-relay'), logger: log,
    ...relayPorts(config),
  });
  const monitor = new MonitorHub({ relay, logger: log });
  const activeCalls = new ActiveCalls();
  const accepting = () => activeCalls.accepting();
  // The optional OpenAI-compatible endpoint: reviews hotline triage and fills slots the rules cannot read.
  const llm = llmOf(config);
  if (llm) log.info({ model: config.llmModel }, 'LLM endpoint configured: triage review and slot filling on');
  const pipeline: PipelineCallHandlerOptions = {
    // The recogniser of the call's own language (per call, never one for all).
    engines: { vad: speech.vad, asr: opts.asrFor ?? ((lang: string) => speech.asr.get(lang)), tts: new LanguageRoutedTts(speech.tts), denoiser: config.denoise ? speech.denoiser ?? undefined : undefined },
    dialogFor: (leg) => {
      const p = leg.info.parameters ?? {};
      const outbound = leg.info.direction === 'outbound';
      // Campaign calls record as the campaign says; hotline calls as HOTLINE_RECORDING says.
      const record = outbound ? p.record !== '0' : config.hotlineRecording;
      const chosen = dialogFor({
        scriptId: p.script, lang: p.lang, patient: patientOfParameters(p), callDate: dateIn(config.hospitalTimezone),
        hospitalName: config.hospitalName, record, interrupted: outbound ? interruptedOfParameters(p) : null, ...(llm ? { llm } : {}),
      }, config.hotlineScript);
      return { ...chosen.driver, recorded: chosen.recorded };
    },
    recording: { dir: recordings.dir, layout: 'stereo', ...(recordings.key ? { encryptionKey: recordings.key } : {}) },
    faultText, activeCalls,
    // Each answer is checkpointed: a call cut by a crash keeps what the patient said.
    // (Campaign calls by their attempt, hotline calls by their call id; never a console test call.)
    onProgress: (soFar) => { if (!soFar.test && (soFar.attemptId === undefined || /^[1-9][0-9]*$/.test(soFar.attemptId))) checkpoints.save(soFar); },
    logger: log, metrics,
  };
  // Inbound calls are filed by the sink; campaign calls by the worker (from the dial outcome).
  const runInbound = createPipelineCallHandler({ ...pipeline, sink });
  const onCall: typeof runInbound = (leg, ctx) => runInbound(monitor.attach(leg), ctx);

  let sip: SipRole | undefined;
  if (config.sipConfigFile) {
    // SIP legs transfer to the nurse line (REFER, bridged when REFER fails).
    const sipPipeline = config.nurseLineUri ? { ...pipeline, transferTargetFor: () => config.nurseLineUri! } : pipeline;
    const runSipInbound = createPipelineCallHandler({ ...sipPipeline, sink });
    const runSipOutbound = createPipelineRunner(sipPipeline);
    sip = await startSipRole({
      config, sip: loadSipConfigFile(config.sipConfigFile), env: opts.env, log,
      onInbound: (leg) => runSipInbound(monitor.attach(leg), { dialect: 'sip' }),
      runOutbound: (leg) => runSipOutbound(monitor.attach(leg), { dialect: 'sip' }),
      accepting,
    });
  } else {
    log.warn('no SIP_CONFIG: campaign calls cannot be placed (the dial route answers no_trunk); media WebSocket and AudioSocket calls still work');
  }
  // This gateway files the campaign calls it carries (holding a lease on each while it lasts), so a
  // worker that dies or restarts mid-call loses nothing and rings nobody twice.
  const leases = startLeaseKeeper(opts.pool, holder, { logger: log });
  const owner: NonNullable<DialRouteOptions['owner']> = {
    hold: (id) => leases.hold(id),
    release: (id) => leases.release(id),
    file: async (id, outcome) => {
      // Waits for a database that is restarting (the outcome exists nowhere else); the lease is kept meanwhile.
      const filed = await fileFromGateway(opts.pool, opts.queue, id, outcome, undefined, { logger: log });
      await checkpoints.remove({ attemptId: id }).catch(() => undefined);
      if (filed === 'filed-late') log.warn({ attemptId: id }, 'call filed after its attempt was closed as lost');
      return filed;
    },
  };
  // Before anything rings, the gateway checks the request against the database itself (claimed
  // attempt, its own number, do-not-call, consent, windows) and audits the call (issue 16 item 1).
  const admit: DialRouteOptions['admit'] = (body, who) => admitGatewayDial(opts.pool, body, who);
  const dial: DialRouteOptions = sip?.dial ? { ...sip.dial, owner, admit } : { dial: () => Promise.resolve({ status: 'failed', reason: 'no_trunk', carrierFault: true }), targetFor: () => ({ refuse: 'no_trunk', carrierFault: true }), admit };
  // Bad text and numbers (a NUL in a /v1/dial field, in a media stream's query) answer 400 naming
  // the field before any route reads them, as on the api role; the gateway's routes inherit it.
  guardInputs(app);
  await app.register(gatewayPlugin, { auth: { secret: opts.authSecret }, onCall, logger: log, metrics, dial, accepting });

  let audioSocket: Server | undefined;
  if (config.audioSocketPort !== undefined) {
    audioSocket = createAudioSocketServer({ onCall: (leg, ctx) => { if (accepting()) onCall(leg, ctx); else void leg.hangup('normal'); }, allowedAddresses: config.audioSocketAllow, logger: log });
    await new Promise<void>((res, rej) => {
      audioSocket!.once('error', rej);
      audioSocket!.listen(config.audioSocketPort, config.edgeHost ?? config.httpHost, () => res());
    });
    log.info({ port: config.audioSocketPort }, 'AudioSocket listening');
  }
  return {
    speech, monitor, relay, sip, activeCalls,
    async drain(timeoutMs) {
      const inProgress = activeCalls.size;
      if (inProgress > 0) log.info({ inProgress, timeoutMs }, 'draining: no new calls; waiting for the calls in progress');
      const left = await activeCalls.drain(timeoutMs);
      if (left > 0) {
        log.warn({ left }, 'drain limit reached: the calls still up are ended now (filed as platform-shutdown)');
        await activeCalls.endAll(CUT_CALLS_FILING_MS);
      }
      return left;
    },
    async close() {
      leases.close();
      checkpoints.close();
      if (sip) await sip.close();
      await monitor.close();
      if (audioSocket) await new Promise<void>((r) => audioSocket.close(() => r()));
      await relay.close();
      speech.close();
    },
  };
}

/**
 * The relay's ports from the configuration, checked against each other (a clash with another
 * listener is found when the relay starts, naming the port).
 */
export function relayPorts(config: Config): { rtmpPort?: number; httpPort?: number } {
  const { mediaRelayRtmpPort: rtmpPort, mediaRelayHttpPort: httpPort } = config;
  if (rtmpPort !== undefined && rtmpPort === httpPort) {
    throw new TzError('TZ_ERR_CONFIG_INVALID', { issues: [{ env: 'MEDIA_RELAY_HTTP_PORT', problem: 'same port as MEDIA_RELAY_RTMP_PORT' }] },
      { message: `Configuration is invalid:\n  MEDIA_RELAY_HTTP_PORT: same port as MEDIA_RELAY_RTMP_PORT (${rtmpPort}). Fix: give the relay two different free ports, or unset them.` });
  }
  return { ...(rtmpPort !== undefined ? { rtmpPort } : {}), ...(httpPort !== undefined ? { httpPort } : {}) };
}

/** What the bot says when the platform itself fails mid-call: a call-back promise, and 120 after a red flag. */
export function faultText(lang: string, urgent: boolean): string {
  if (lang === 'en') return `Sorry, something went wrong on our side. ${urgent ? 'If this is an emergency, call 120 now. ' : ''}A nurse will call you back soon. Goodbye.`;
  return `抱歉，系统暂时出现故障。${urgent ? '如果情况紧急，请立即拨打120。' : ''}我们会尽快安排护士给您回电。再见。`;
}
