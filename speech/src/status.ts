/**
 * The engine factory of a process: loads what the models directory holds, falls back to the
 * espeak-ng voice where no neural TTS model is present, and records which engines are real,
 * fallback or missing so logs and the health endpoint can say so (`speechStatus()`).
 * Nothing here throws for a missing or broken model: the platform starts anyway and runs on DTMF
 * input and the fallback voice.
 */
import { createLogger, EnergyVad, isTzError, type AsrEngine, type DenoiserEngine, type EndpointRules, type Logger, type TtsEngine, type VadEngine } from '@tingzhen/voice-core';
import { DEFAULT_MODELS, findModel } from './catalogue.js';
import { SherpaAsrEngine } from './asr.js';
import { OfflineAsrEngine } from './offline-asr.js';
import { GtcrnDenoiserEngine } from './denoiser.js';
import { EspeakTtsEngine } from './espeak.js';
import { SherpaTtsEngine, type TtsVoiceSpec } from './sherpa-tts.js';
import { SileroVadEngine } from './vad.js';

export type EngineState = 'real' | 'fallback' | 'missing';

export interface EngineStatus {
  kind: 'vad' | 'asr' | 'tts' | 'denoiser';
  /** Language for ASR/TTS ("*" for VAD/denoiser). */
  language: string;
  state: EngineState;
  engine?: string;
  /** What is wrong and how to fix it (missing/fallback). */
  problem?: string;
  /** For a missing ASR or TTS: the command or package that provides it. */
  fix?: string;
}

/** A language a script needs that calls cannot fully serve: no voice, or no recogniser (keypad only). */
export interface SpeechProblem {
  language: string;
  kind: 'tts' | 'asr';
  /** What a caller in this language gets. */
  effect: string;
  fix: string;
}

/**
 * What the languages the scripts need lack: a language with no voice (calls in it are silent) or no
 * recogniser (the caller is heard only through the keypad). Empty when every call can be served.
 */
export function speechProblems(status: SpeechStatus, languages: readonly string[]): SpeechProblem[] {
  const out: SpeechProblem[] = [];
  for (const language of languages) {
    const engine = (kind: 'tts' | 'asr') => status.engines.find((e) => e.kind === kind && e.language === language);
    const tts = engine('tts');
    if (!tts || tts.state === 'missing') {
      out.push({ language, kind: 'tts', effect: `no voice for ${language}: calls in ${language} are silent`, fix: tts?.fix ?? 'install espeak-ng (apt-get install espeak-ng espeak-ng-data)' });
    }
    const asr = engine('asr');
    if (!asr || asr.state === 'missing') {
      out.push({ language, kind: 'asr', effect: `no speech recogniser for ${language}: callers are heard through the keypad only (DTMF)`, fix: asr?.fix ?? 'download a speech recognition model with npx tingzhen models download' });
    }
  }
  // No voice first: a silent call is worse than a keypad-only one.
  return out.sort((a, b) => Number(a.kind === 'asr') - Number(b.kind === 'asr'));
}

/** One line for the start-up log: each problem with its fix. */
export function describeSpeechProblems(problems: readonly SpeechProblem[]): string {
  return problems.map((p) => `${p.effect} (fix: ${p.fix})`).join('; ');
}

export interface SpeechStatus {
  modelsDir: string;
  engines: EngineStatus[];
  /** True when any engine is missing or a fallback. */
  degraded: boolean;
}

export interface SpeechEngines {
  /** Silero, or an energy VAD when its model is missing (never absent). */
  vad: VadEngine;
  denoiser: DenoiserEngine | null;
  /** By language ("zh", "en"). */
  asr: ReadonlyMap<string, AsrEngine>;
  tts: ReadonlyMap<string, TtsEngine>;
  status: SpeechStatus;
  close(): void;
}

export interface TtsModelChoice {
  model: string;
  voices: readonly TtsVoiceSpec[];
}

export interface LoadSpeechOptions {
  modelsDir: string;
  /**
   * A model cache (models from Python packages) searched for a model the models directory lacks.
   * Unset: the models directory only (what TINGZHEN_MODELS_DIR names; the config schema has no
   * field for the cache yet, so a started platform finds cached models through the models
   * directory: point it at the cache, or download with `--cache <models dir>`).
   */
  cacheDir?: string;
  /** ASR model per language (defaults: DEFAULT_MODELS.asr). */
  asrModels?: Readonly<Record<string, string>>;
  /** Neural TTS models to try (e.g. from @tingzhen/tts-voices); languages without one get espeak-ng. */
  ttsModels?: readonly TtsModelChoice[];
  languages?: readonly string[];
  hotwords?: readonly string[];
  endpoint?: Partial<EndpointRules>;
  vadMinSilenceMs?: number;
  /** Load the denoiser (it is cheap; calls still choose whether to use it). */
  denoiser?: boolean;
  espeakBinary?: string;
  logger?: Logger;
}

let current: SpeechStatus = { modelsDir: '', engines: [], degraded: true };

/** Which engines this process runs, for the health endpoint. */
export function speechStatus(): SpeechStatus {
  return structuredClone(current);
}

function describe(err: unknown): string {
  if (isTzError(err)) {
    const fix = typeof err.details.fix === 'string' ? err.details.fix : undefined;
    return err.message.includes('Fix:') || !fix ? err.message : `${err.message}. Fix: ${fix}`;
  }
  return err instanceof Error ? err.message : 'unknown error';
}

export async function loadSpeechEngines(opts: LoadSpeechOptions): Promise<SpeechEngines> {
  const log = opts.logger ?? createLogger({ name: 'speech' });
  const cacheDir = opts.cacheDir;
  const languages = opts.languages ?? ['zh', 'en'];
  const engines: EngineStatus[] = [];
  const closers: (() => void)[] = [];

  let vad: VadEngine;
  try {
    vad = await SileroVadEngine.load({ modelsDir: opts.modelsDir, cacheDir, defaults: opts.vadMinSilenceMs ? { minSilenceMs: opts.vadMinSilenceMs } : {}, logger: log });
    engines.push({ kind: 'vad', language: '*', state: 'real', engine: vad.capabilities.name });
    closers.push(() => vad?.close());
  } catch (err) {
    // Without the Silero model the call still needs to hear that the caller speaks (no-match ->
    // DTMF guidance, barge-in): an energy-threshold VAD stands in, reported as a fallback.
    vad = new EnergyVad({ minSilenceMs: opts.vadMinSilenceMs });
    engines.push({ kind: 'vad', language: '*', state: 'fallback', engine: vad.capabilities.name, problem: describe(err) });
  }

  let denoiser: DenoiserEngine | null = null;
  if (opts.denoiser !== false) {
    try {
      denoiser = await GtcrnDenoiserEngine.load({ modelsDir: opts.modelsDir, cacheDir, logger: log });
      engines.push({ kind: 'denoiser', language: '*', state: 'real', engine: denoiser.capabilities.name });
      closers.push(() => denoiser?.close());
    } catch (err) {
      engines.push({ kind: 'denoiser', language: '*', state: 'missing', problem: describe(err) });
    }
  }

  // One recognizer per model: a bilingual model serves both languages. Without a configured model,
  // a language takes its default streaming model, else the first alternative that is there (an
  // offline recogniser segmented by the VAD, e.g. Moonshine from a Python package).
  const asr = new Map<string, AsrEngine>();
  const asrByModel = new Map<string, AsrEngine | Error>();
  const loadAsr = async (name: string): Promise<AsrEngine | Error> => {
    let got = asrByModel.get(name);
    if (got !== undefined) return got;
    try {
      got = findModel(name)?.streaming === false
        ? await OfflineAsrEngine.load({ modelsDir: opts.modelsDir, cacheDir, model: name, vad, endpoint: opts.endpoint, logger: log })
        : await SherpaAsrEngine.load({ modelsDir: opts.modelsDir, cacheDir, model: name, hotwords: opts.hotwords, endpoint: opts.endpoint, logger: log });
      const e = got;
      closers.push(() => e.close());
    } catch (err) {
      got = new Error(describe(err));
    }
    asrByModel.set(name, got);
    return got;
  };
  for (const lang of languages) {
    const configured = opts.asrModels?.[lang];
    const first = configured ?? (DEFAULT_MODELS.asr as Record<string, string>)[lang];
    if (!first) { engines.push({ kind: 'asr', language: lang, state: 'missing', problem: 'no ASR model configured for this language', fix: 'no speech recognition model in the catalogue serves this language' }); continue; }
    const names = configured ? [configured] : [first, ...(DEFAULT_MODELS.asrAlternatives[lang] ?? [])];
    const problems: string[] = [];
    let engine: AsrEngine | null = null;
    for (const name of names) {
      const got = await loadAsr(name);
      if (got instanceof Error) problems.push(got.message);
      else { engine = got; break; }
    }
    if (engine) { asr.set(lang, engine); engines.push({ kind: 'asr', language: lang, state: 'real', engine: engine.capabilities.name }); }
    else engines.push({ kind: 'asr', language: lang, state: 'missing', problem: problems.join('; '), fix: `npx tingzhen models download ${names[0]}${names.length > 1 ? ` (or ${names.slice(1).join(', ')})` : ''} into TINGZHEN_MODELS_DIR (README: Speech models)` });
  }

  const tts = new Map<string, TtsEngine>();
  const ttsProblems = new Map<string, string>();
  for (const choice of opts.ttsModels ?? []) {
    try {
      const engine = await SherpaTtsEngine.load({ modelsDir: opts.modelsDir, cacheDir, model: choice.model, voices: choice.voices, logger: log });
      closers.push(() => engine.close());
      for (const l of engine.capabilities.languages) if (languages.includes(l) && !tts.has(l)) tts.set(l, engine);
    } catch (err) {
      for (const v of choice.voices) if (!ttsProblems.has(v.language)) ttsProblems.set(v.language, describe(err));
    }
  }
  let espeak: EspeakTtsEngine | null | undefined;
  for (const lang of languages) {
    const real = tts.get(lang);
    if (real) { engines.push({ kind: 'tts', language: lang, state: 'real', engine: real.capabilities.name }); continue; }
    const why = ttsProblems.get(lang) ?? 'no neural TTS model configured for this language';
    if (espeak === undefined) {
      try {
        espeak = await EspeakTtsEngine.load({ binary: opts.espeakBinary, logger: log });
      } catch (err) {
        espeak = null;
        ttsProblems.set('*', describe(err));
      }
    }
    if (espeak && espeak.capabilities.languages.includes(lang)) {
      tts.set(lang, espeak);
      engines.push({ kind: 'tts', language: lang, state: 'fallback', engine: 'espeak-ng', problem: why });
    } else {
      const neural = (opts.ttsModels ?? []).find((c) => c.voices.some((v) => v.language === lang))?.model;
      engines.push({
        kind: 'tts', language: lang, state: 'missing', problem: `${why}; espeak-ng fallback unavailable: ${ttsProblems.get('*') ?? 'language not supported'}`,
        fix: `install espeak-ng (apt-get install espeak-ng espeak-ng-data; ESPEAK_BINARY names it when not on PATH)${neural ? ` or download a neural voice: npx tingzhen models download ${neural}` : ''}`,
      });
    }
  }

  for (const e of engines) {
    if (e.state === 'fallback') log.warn({ kind: e.kind, language: e.language, engine: e.engine, problem: e.problem }, e.kind === 'vad' ? 'FALLBACK in use: Silero VAD model not available, detecting speech by energy' : 'FALLBACK in use: neural TTS model not available, speaking with espeak-ng');
    if (e.state === 'missing') log.warn({ kind: e.kind, language: e.language, problem: e.problem }, 'speech engine missing: the platform runs without it (DTMF input / fallback voice)');
  }
  current = { modelsDir: opts.modelsDir, engines, degraded: engines.some((e) => e.state !== 'real') };
  return {
    vad, denoiser, asr, tts, status: speechStatus(),
    close: () => { for (const c of closers) c(); },
  };
}
