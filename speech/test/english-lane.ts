/**
 * Helpers of the English real-model lane: the engines (Moonshine ASR, the piper voice, espeak-ng as
 * a second speaker), synthesis into phone-rate frames, recognition, and word error rate.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { EnergyVad, type AudioFrame, type AsrEngine, type TtsEngine, type VadEngine } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { MODELS_DIR } from './helpers.js';
import { CACHE_DIR } from './models-lane.js';

/** Silero when its model is there, else the energy VAD the platform falls back to. */
export async function laneVad(): Promise<VadEngine> {
  try {
    return await SileroVadEngine.load({ modelsDir: MODELS_DIR, cacheDir: CACHE_DIR });
  } catch {
    return new EnergyVad({});
  }
}

export interface Spoken { frames: AudioFrame[]; firstMs: number; totalMs: number; durMs: number }

/** Synthesises `text` at `sampleRate` (the phone rate by default), timing the first frame. */
export async function speak(tts: TtsEngine, text: string, sampleRate = 8000, startMs = 0): Promise<Spoken> {
  const t0 = performance.now();
  let firstMs = -1;
  const frames: AudioFrame[] = [];
  let at = startMs;
  for await (const f of tts.synthesize({ text, language: 'en', sampleRate })) {
    if (firstMs < 0) firstMs = performance.now() - t0;
    frames.push({ ...f, startMs: at });
    at += (f.samples.length * 1000) / f.sampleRate;
  }
  return { frames, firstMs, totalMs: performance.now() - t0, durMs: at - startMs };
}

export function silenceFrames(ms: number, sampleRate: number, startMs: number): AudioFrame[] {
  const n = sampleRate / 50;
  return Array.from({ length: Math.round(ms / 20) }, (_, i) => ({ samples: new Int16Array(n), sampleRate, startMs: startMs + i * 20 }));
}

/** Feeds speech plus 1.5 s of silence to a fresh stream; the finals' text and the decode time. */
export function recognise(asr: AsrEngine, spoken: Spoken): { text: string; busyMs: number } {
  const s = asr.stream({ language: 'en' });
  const rate = spoken.frames[0]?.sampleRate ?? 8000;
  const lead = silenceFrames(300, rate, -300);
  const tail = silenceFrames(1500, rate, spoken.durMs);
  const texts: string[] = [];
  const t0 = performance.now();
  for (const f of [...lead, ...spoken.frames, ...tail]) for (const r of s.push(f)) if (r.isFinal) texts.push(r.text);
  const last = s.finish();
  if (last) texts.push(last.text);
  const busyMs = performance.now() - t0;
  s.close();
  return { text: texts.join(' '), busyMs };
}

/** Lower case words, punctuation dropped, hyphens split ("follow-up" -> follow up). */
export function words(s: string): string[] {
  return s.toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
}

/** Word error rate: Levenshtein distance over words / reference words. */
export function wer(ref: string, hyp: string): { errors: number; words: number } {
  const r = words(ref), h = words(hyp);
  let prev = Array.from({ length: h.length + 1 }, (_, j) => j);
  for (let i = 1; i <= r.length; i++) {
    const cur = [i];
    for (let j = 1; j <= h.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (r[i - 1] === h[j - 1] ? 0 : 1));
    prev = cur;
  }
  return { errors: prev[h.length]!, words: r.length };
}

const STOP = new Set('about after again also because been before being could does doing from have having here into just like more most only other over please some such than that their them then there these they this those through under until very were what when where which while will with would your yours you'.split(' '));

/** Key words of a prompt: words of five letters or more that are not function words, and no numbers. */
export function keyWords(text: string): string[] {
  return [...new Set(words(text).filter((w) => w.length >= 5 && !/\d/.test(w) && !STOP.has(w)))];
}

const here = dirname(fileURLToPath(import.meta.url));
export const SCRIPTS_DIR = resolve(here, '..', '..', 'dialog-engine', 'scripts');
/** Values for the templates of the shipped scripts (what a campaign would fill in). */
const FILL: Record<string, string> = {
  'patient.displayName': 'Mr Smith', 'hospital.name': 'City Hospital', 'call.recordingNotice': 'This call is recorded.',
  department: 'cardiology',
};

/** Every distinct English text of the shipped scripts, templates filled. */
export function englishPrompts(): { file: string; text: string }[] {
  const seen = new Map<string, string>();
  const walk = (x: unknown, file: string): void => {
    if (Array.isArray(x)) { for (const v of x) walk(v, file); return; }
    if (x === null || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
      if (k === 'en' && typeof v === 'string') {
        const text = v.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => FILL[name] ?? name.split('.').pop()!).replace(/\s+/g, ' ').trim();
        if (!seen.has(text)) seen.set(text, file);
      } else walk(v, file);
    }
  };
  for (const f of readdirSync(SCRIPTS_DIR).filter((n) => n.endsWith('.yaml')).sort()) walk(parse(readFileSync(join(SCRIPTS_DIR, f), 'utf8')), f);
  return [...seen].map(([text, file]) => ({ file, text }));
}

/** Where the lane's measured figures go (also printed): TZ_FIGURES_FILE, else a file in the temp dir. */
export const FIGURES_FILE = process.env.TZ_FIGURES_FILE ?? join(tmpdir(), 'tingzhen-models-lane-figures.txt');

export function figure(line: string): void {
  console.log(`[figures] ${line}`);
  appendFileSync(FIGURES_FILE, `${new Date().toISOString()} ${line}\n`);
}
