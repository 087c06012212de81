/**
 * Concurrent-call benchmark: N test callers (Twilio dialect over real WebSockets, in this process)
 * against one gateway running the full pipeline with the real Silero VAD, the real runner on a
 * two-question script, a tone TTS (no neural voice is installed) and a scripted ASR that "hears"
 * the answers (no ASR model is installed; timing comes from the real VAD on real audio).
 * Prints p50/p95/p99 turn gap (server marks: end of speech -> first packet out, and as the caller
 * sees it), CPU per call, playout underruns, and the largest N with p95 <= 800 ms and no underruns.
 * The callers share the CPU with the gateway, so the figures are pessimistic for the gateway.
 *
 * VAD detectors are pooled and prewarmed for the largest N (as a gateway sized for that many calls
 * would at start-up): building one blocks the event loop ~45 ms; --no-prewarm shows the cost, and
 * --no-pool builds one per call (the behaviour before pooling).
 *
 *   npx tsx load-tests/src/bench-calls.ts [--n 1,10,25,50,100] [--models DIR] [--no-prewarm] [--no-pool] [--lead FRAMES]
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLogger, readWav, type AsrEngine, type AudioFrame, type TtsEngine, type TtsRequest } from '@tingzhen/voice-core';
import { OfflineAsrEngine, SherpaTtsEngine, SileroVadEngine, defaultModelCacheDir, findModel, locateModel, modelPresent } from '@tingzhen/speech';
import { createRunner, loadScriptText, type Interpreter } from '@tingzhen/dialog-engine';
import { buildGateway, createPipelineCallHandler, driverFromReducer, GatewayMetrics, PIPELINE_VAD_OPTIONS, TestCaller, type CallReport } from '@tingzhen/voice-gateway';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { n: { type: 'string', default: '1,10,25,50,100' }, models: { type: 'string' }, 'no-real-models': { type: 'boolean' }, 'no-prewarm': { type: 'boolean' }, 'no-pool': { type: 'boolean' }, lead: { type: 'string' } } });
// eslint-disable-next-line no-restricted-properties -- a benchmark script, like a test, finds the models itself
const modelsDir = resolve(values.models ?? process.env.TINGZHEN_MODELS_DIR ?? join(here, '..', '..', '..', 'shared', 'models'));
const levels = values.n.split(',').map(Number).filter((n) => n > 0);
// eslint-disable-next-line no-restricted-properties -- a benchmark script, like a test, finds the models itself
const cacheDir = defaultModelCacheDir(process.env);
const REAL = ['moonshine-base-en', 'vits-piper-en_US-joe-medium'] as const;
/**
 * With Moonshine and the piper joe voice provisioned (`models download moonshine-base-en
 * vits-piper-en_US-joe-medium`), the calls run in English on the real engines: the caller says
 * "No." in the piper voice, Moonshine hears it, the bot answers in the piper voice.
 */
const realModels = !values['no-real-models'] && REAL.every((n) => { const e = findModel(n)!; return modelPresent(locateModel(e, modelsDir, cacheDir), e); });

const SCRIPT = `
id: bench
version: 1
title: { zh: 压测, en: Bench }
languages: [zh, en]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - { id: hello, kind: say, roles: [ai-disclosure], text: { zh: 您好这里是医院随访, en: Hello from the hospital. } }
  - { id: fever, kind: ask, expect: yes-no, prompt: { zh: 出院后有没有发烧, en: Any fever since you went home? }, dtmfPrompt: { zh: 有按一没有按二, en: Press 1 for yes, 2 for no. }, dtmf: { map: { '1': 'yes', '2': 'no' } } }
  - { id: pain, kind: ask, expect: yes-no, prompt: { zh: 伤口疼吗, en: Does the wound hurt? }, dtmfPrompt: { zh: 疼按一不疼按二, en: Press 1 for yes, 2 for no. }, dtmf: { map: { '1': 'yes', '2': 'no' } } }
  - { id: bye, kind: hangup, text: { zh: 谢谢再见, en: Thank you, goodbye. }, outcome: completed }
`;
const interpreter: Interpreter = {
  interpret: (r) => (r.expect === 'yes-no' ? { answer: /没|不|\bno\b/i.test(r.utterance) ? 'no' : 'yes' } : {}),
  detectRedFlags: () => [],
};

/** Tone "voice": 80 ms per character, streamed in 100 ms chunks. */
const tts: TtsEngine = {
  capabilities: { name: 'tone-tts', languages: ['zh'], sampleRate: 8000, fallback: true },
  async *synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    const total = [...req.text].length * 80 * (req.sampleRate / 1000);
    for (let off = 0; off < total; off += req.sampleRate / 10) {
      const n = Math.min(req.sampleRate / 10, total - off);
      yield { samples: Int16Array.from({ length: n }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 400 * (off + i)) / req.sampleRate))), sampleRate: req.sampleRate, startMs: 0 };
      await new Promise((r) => setImmediate(r));
    }
  },
  close() {},
};

const asr: AsrEngine = {
  capabilities: { name: 'scripted-asr', languages: ['zh'], sampleRate: 8000, hotwords: false, confidence: true },
  stream() {
    // Like a streaming recognizer, it shows its hypothesis as a partial while the caller speaks,
    // so a complete yes/no answer ends the turn at VAD silence (the turn policy's short path).
    let heard = false;
    return {
      push: (f) => {
        let e = 0;
        for (const v of f.samples) e += v * v;
        if (e / f.samples.length > 1e5) heard = true; // above ~ -40 dBFS
        return heard ? [{ text: '没有', isFinal: false, startMs: 0, endMs: f.startMs }] : [];
      },
      setEndpoint() {}, finish: () => (heard ? { text: '没有', isFinal: true, confidence: 0.9, startMs: 0, endMs: 0 } : null), reset() { heard = false; }, close() {},
    };
  },
  close() {},
};

/**
 * Caller speech: the first phrase of a real recording (up to the first 250 ms pause), gain +12 dB
 * (phone level), so one answer is one VAD segment and the caller-side gap is measured from its end.
 */
function callerSpeech(): Int16Array {
  const s = readWav(readFileSync(join(modelsDir, 'test-wavs-zh', 'IT0011W0001_8k_ulaw.wav'))).mono.map((v) => Math.max(-32768, Math.min(32767, v * 4)));
  const db = (i: number) => { let e = 0; for (let k = i; k < i + 160; k++) e += s[k]! * s[k]!; return 10 * Math.log10(e / 160 / 1073741824 + 1e-12); };
  let i = 0;
  while (i + 160 <= s.length && db(i) < -35) i += 160;
  let quiet = 0;
  let end = i;
  for (; end + 160 <= s.length && quiet < 13; end += 160) quiet = db(end) < -45 ? quiet + 1 : 0;
  return s.slice(0, end - quiet * 160);
}

const pct = (xs: number[], p: number) => { if (xs.length === 0) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };

async function main(): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const vad = await SileroVadEngine.load({ modelsDir, logger, maxPooled: values['no-pool'] ? 0 : 128 });
  let engines: { vad: typeof vad; tts: TtsEngine; asr: AsrEngine } = { vad, tts, asr };
  let speech = callerSpeech();
  const lang = realModels ? 'en' : 'zh';
  if (realModels) {
    const voice = await SherpaTtsEngine.load({ modelsDir, cacheDir, model: REAL[1], logger });
    engines = { vad, tts: voice, asr: await OfflineAsrEngine.load({ modelsDir, cacheDir, model: REAL[0], vad, logger }) };
    const parts: Int16Array[] = [];
    for await (const f of voice.synthesize({ text: 'No.', language: 'en', sampleRate: 8000 })) parts.push(f.samples);
    speech = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { speech.set(p, o); o += p.length; }
  }
  console.log(realModels
    ? `real engines: ASR ${REAL[0]} (offline, VAD-segmented), TTS ${REAL[1]}; English calls, the caller says "No." in the piper voice`
    : 'scripted ASR and tone TTS (provision moonshine-base-en and vits-piper-en_US-joe-medium for the real engines)');
  if (!values['no-prewarm'] && !values['no-pool']) {
    const t = performance.now();
    await vad.prewarm(Math.max(...levels), PIPELINE_VAD_OPTIONS);
    console.log(`prewarmed ${Math.max(...levels)} VAD detectors in ${Math.round(performance.now() - t)} ms`);
  }
  const script = loadScriptText(SCRIPT);
  const reports: CallReport[] = [];
  const metrics = new GatewayMetrics();
  const onCall = createPipelineCallHandler({
    engines, logger, metrics,
    dialogFor: () => { const r = createRunner(script, { interpreter }); return driverFromReducer(r.initialState({ lang }), (s, i) => r.next(s, i), (s) => r.result(s)); },
    onReport: (r) => reports.push(r),
  });
  const app = await buildGateway({ auth: { allowUnauthenticated: true }, onCall, logger, metrics, ...(values.lead ? { leadFrames: Number(values.lead) } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/media/native`;
  const rows: { n: number; p50: number; p95: number; p99: number; client95: number; cpuPct: number; underruns: number; completed: number }[] = [];

  for (const n of levels) {
    reports.length = 0;
    const clientGaps: number[] = [];
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, async (_, k) => {
      await new Promise((r) => setTimeout(r, Math.random() * 1000)); // calls do not all start on one tick
      const c = new TestCaller({ url, callId: `bench-${n}-${k}`, noiseDb: -60 });
      await c.connect();
      try {
        await c.waitBotEnd(30_000); // hello
        for (let q = 0; q < 2; q++) {
          await c.waitBotEnd(30_000); // question
          await c.say(speech);
          const next = await c.waitBotStart(30_000);
          clientGaps.push(next.startAt - c.speechEndAt);
        }
        await c.waitClosed(30_000);
      } catch {
        c.hangup(true);
      }
    }));
    await new Promise((r) => setTimeout(r, 300));
    const wallS = (performance.now() - t0) / 1000;
    lag.disable();
    const lagP99Ms = Math.round(lag.percentile(99) / 1e6);
    const cpu = process.cpuUsage(cpu0);
    const gaps = reports.flatMap((r) => r.turns.filter((t) => t.turn > 0 && t.via === 'speech' && t.gapMs !== undefined).map((t) => t.gapMs!));
    const row = {
      n, p50: pct(gaps, 50), p95: pct(gaps, 95), p99: pct(gaps, 99), client95: Math.round(pct(clientGaps, 95)),
      cpuPct: ((cpu.user + cpu.system) / 1e6 / wallS / n) * 100,
      underruns: reports.reduce((s, r) => s + r.underruns, 0),
      completed: reports.filter((r) => r.outcome === 'completed').length,
    };
    rows.push(row);
    console.log(`N=${String(n).padStart(3)}  VAD detectors built so far ${vad.created}  turn gap p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  (caller-side p95 ${row.client95} ms)  CPU/call ${row.cpuPct.toFixed(2)}% of a core  underruns ${row.underruns}  completed ${row.completed}/${n}  event-loop lag p99 ${lagP99Ms} ms`);
  }
  const ok = rows.filter((r) => r.p95 <= 800 && r.underruns === 0 && r.completed === r.n);
  console.log(`\nlargest N with p95 <= 800 ms, zero underruns and every call completed: ${ok.length > 0 ? Math.max(...ok.map((r) => r.n)) : 'none'}`);
  console.log('(turn gap = end of caller speech, from the VAD, to first bot packet; it includes the endpoint wait of the turn policy)');
  await app.close();
  engines.asr.close();
  engines.tts.close();
  vad.close();
}

await main();
