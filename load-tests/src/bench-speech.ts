/**
 * Speech engine benchmark: per engine, real-time factor per stream (CPU time / audio time, one
 * stream at a time on one thread), the streams one core could carry (1 / RTF), TTS time to first
 * chunk, and the VAD end-of-speech delay distribution at the configured minimum silence.
 * Prints figures; asserts nothing. ASR/TTS rows say "model not present" where the models directory
 * lacks them.
 *
 *   npx tsx load-tests/src/bench-speech.ts [--models DIR] [--min-silence-ms 300]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readWav, type AudioFrame } from '@tingzhen/voice-core';
import { CATALOGUE, EspeakTtsEngine, GtcrnDenoiserEngine, OfflineAsrEngine, SherpaAsrEngine, SherpaTtsEngine, SileroVadEngine, checkModel, defaultModelCacheDir, locateModel, type CatalogueEntry } from '@tingzhen/speech';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { models: { type: 'string' }, 'min-silence-ms': { type: 'string', default: '300' } } });
// eslint-disable-next-line no-restricted-properties -- a benchmark script, like a test, finds the models itself
const modelsDir = resolve(values.models ?? process.env.TINGZHEN_MODELS_DIR ?? join(here, '..', '..', '..', 'shared', 'models'));
// Models from Python packages (`models download moonshine-base-en ...`) are found in the model cache.
// eslint-disable-next-line no-restricted-properties -- a benchmark script, like a test, finds the models itself
const cacheDir = defaultModelCacheDir(process.env);
const minSilenceMs = Number(values['min-silence-ms']);
const wavDir = join(modelsDir, 'test-wavs-zh');

interface Pcm { samples: Int16Array; sampleRate: number }
const wavs: { name: string; pcm: Pcm }[] = readdirSync(wavDir).filter((f) => f.endsWith('.wav')).sort()
  .map((f) => { const w = readWav(readFileSync(join(wavDir, f))); return { name: f, pcm: { samples: w.mono, sampleRate: w.sampleRate } }; });
const phone = wavs.filter((w) => w.pcm.sampleRate === 8000);

function frames(pcm: Pcm, leadMs = 0, tailMs = 0): AudioFrame[] {
  const n = pcm.sampleRate / 50;
  const lead = (pcm.sampleRate * leadMs) / 1000;
  const all = new Int16Array(lead + pcm.samples.length + (pcm.sampleRate * tailMs) / 1000);
  all.set(pcm.samples, lead);
  const out: AudioFrame[] = [];
  for (let i = 0; i + n <= all.length; i += n) out.push({ samples: all.subarray(i, i + n), sampleRate: pcm.sampleRate, startMs: (i * 1000) / pcm.sampleRate });
  return out;
}
const audioMs = (fs: AudioFrame[]) => fs.reduce((s, f) => s + (f.samples.length * 1000) / f.sampleRate, 0);
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };

const rows: string[][] = [['engine', 'model', 'input', 'RTF/stream', 'streams/core', 'extra']];
const row = (...r: string[]) => rows.push(r);
const fmt = (rtf: number) => [rtf.toFixed(4), Math.floor(1 / rtf).toString()];

async function present(kind: CatalogueEntry['kind']): Promise<{ entry: CatalogueEntry; ok: boolean }[]> {
  const out = [];
  for (const entry of CATALOGUE.filter((e) => e.kind === kind)) out.push({ entry, ok: (await checkModel(locateModel(entry, modelsDir, cacheDir), entry)).every((f) => f.state === 'ok') });
  return out;
}

// ---- VAD ------------------------------------------------------------------------------------
const vad = await SileroVadEngine.load({ modelsDir, defaults: { minSilenceMs } });
{
  let cpuMs = 0, aMs = 0;
  const delays: number[] = [];
  for (const w of phone) {
    // Offsets move speech against the 32 ms model window, so the delays form a distribution.
    for (let offset = 0; offset < 40; offset += 2) {
      const fs = frames(w.pcm, 500 + offset, 1500);
      const s = vad.stream();
      const t0 = performance.now();
      for (const f of fs) {
        for (const e of s.push(f)) if (e.type === 'speech-end') delays.push(f.startMs + 20 - e.endMs);
      }
      cpuMs += performance.now() - t0;
      aMs += audioMs(fs);
      s.close();
    }
  }
  row('vad', vad.capabilities.name, '8 kHz mu-law -> 16 kHz', ...fmt(cpuMs / aMs),
    `end-of-speech delay at min silence ${minSilenceMs} ms: p50 ${pct(delays, 50).toFixed(0)} ms, p95 ${pct(delays, 95).toFixed(0)} ms, max ${Math.max(...delays).toFixed(0)} ms (n=${delays.length})`);
}

// ---- Denoiser -------------------------------------------------------------------------------
try {
  const dn = await GtcrnDenoiserEngine.load({ modelsDir });
  let cpuMs = 0, aMs = 0, worstFrameMs = 0;
  for (const w of phone) {
    const fs = frames(w.pcm);
    const s = dn.stream();
    for (const f of fs) {
      const t0 = performance.now();
      s.push(f);
      const d = performance.now() - t0;
      cpuMs += d;
      worstFrameMs = Math.max(worstFrameMs, d);
    }
    aMs += audioMs(fs);
  }
  row('denoiser', dn.capabilities.name, '8 kHz mu-law, 20 ms frames', ...fmt(cpuMs / aMs), `worst 20 ms frame ${worstFrameMs.toFixed(1)} ms CPU`);
} catch (err) {
  row('denoiser', 'gtcrn-speech-denoiser', '-', 'model not present', '-', err instanceof Error ? err.message : '');
}

// ---- ASR ------------------------------------------------------------------------------------
// English speech for an English-only recogniser: the piper joe voice (or espeak-ng) at 8 kHz.
const EN_ANSWERS = ['Yes, I have been taking my tablets every morning.', 'No, the wound is clean and there is no fever.', 'I would say the pain is about a four out of ten.', 'My ankles are a bit swollen since yesterday evening.'];
async function englishPhone(): Promise<{ name: string; pcm: Pcm }[]> {
  const joe = CATALOGUE.find((e) => e.name === 'vits-piper-en_US-joe-medium')!;
  const voice = (await checkModel(locateModel(joe, modelsDir, cacheDir), joe)).every((f) => f.state === 'ok')
    ? await SherpaTtsEngine.load({ modelsDir, cacheDir, model: joe.name }) : await EspeakTtsEngine.load();
  const out = [];
  for (const text of EN_ANSWERS) {
    const parts: Int16Array[] = [];
    for await (const f of voice.synthesize({ text, language: 'en', sampleRate: 8000 })) parts.push(f.samples);
    const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { samples.set(p, o); o += p.length; }
    out.push({ name: text, pcm: { samples, sampleRate: 8000 } });
  }
  voice.close();
  return out;
}
for (const { entry, ok } of await present('asr')) {
  if (!ok) { row('asr', entry.name, '-', 'model not present', '-', `npx tingzhen models download ${entry.name}`); continue; }
  const offline = entry.streaming === false;
  const asr = offline
    ? await OfflineAsrEngine.load({ modelsDir, cacheDir, model: entry.name, vad })
    : await SherpaAsrEngine.load({ modelsDir, cacheDir, model: entry.name });
  const input = entry.languages.includes('zh') ? phone : await englishPhone();
  let cpuMs = 0, aMs = 0;
  for (const w of input) {
    const fs = frames(w.pcm, 0, 1000);
    const s = asr.stream();
    const t0 = performance.now();
    for (const f of fs) s.push(f);
    s.finish();
    cpuMs += performance.now() - t0;
    aMs += audioMs(fs);
  }
  row('asr', entry.name, `${entry.languages.includes('zh') ? '8 kHz mu-law' : 'English TTS at 8 kHz'}, 20 ms frames`, ...fmt(cpuMs / aMs), offline ? 'offline: decodes each VAD segment when it closes (VAD CPU included)' : '');
  asr.close();
}

// ---- TTS ------------------------------------------------------------------------------------
const PROMPTS: Record<string, string> = {
  zh: '您好，这里是市医院的随访电话。请问您出院以后感觉怎么样？如果有胸痛或者呼吸困难，请马上告诉我们。',
  en: 'Hello, this is the follow-up call from the city hospital. How have you been feeling since you went home? If you have chest pain, tell us now.',
};
async function benchTts(kind: string, name: string, synth: (lang: string) => AsyncIterable<AudioFrame>, languages: readonly string[]) {
  for (const lang of languages.filter((l) => PROMPTS[l])) {
    const t0 = performance.now();
    let first = -1;
    let ms = 0;
    for await (const f of synth(lang)) { if (first < 0) first = performance.now() - t0; ms += (f.samples.length * 1000) / f.sampleRate; }
    const wall = performance.now() - t0;
    row(kind, name, `${lang} -> 8 kHz`, ...fmt(wall / ms), `time to first chunk ${first.toFixed(0)} ms for ${(ms / 1000).toFixed(1)} s of audio (wall clock)`);
  }
}
for (const { entry, ok } of await present('tts')) {
  if (!ok) { row('tts', entry.name, '-', 'model not present', '-', `npx tingzhen models download ${entry.name}`); continue; }
  const tts = await SherpaTtsEngine.load({ modelsDir, cacheDir, model: entry.name });
  await benchTts('tts', entry.name, (lang) => tts.synthesize({ text: PROMPTS[lang]!, language: lang, sampleRate: 8000 }), entry.languages);
  tts.close();
}
try {
  const espeak = await EspeakTtsEngine.load();
  await benchTts('tts (fallback)', 'espeak-ng', (lang) => espeak.synthesize({ text: PROMPTS[lang]!, language: lang, sampleRate: 8000 }), ['zh', 'en']);
} catch (err) {
  row('tts (fallback)', 'espeak-ng', '-', 'not installed', '-', err instanceof Error ? err.message : '');
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
console.log(`speech engines (models ${modelsDir} and the model cache ${cacheDir}, 1 thread per engine; streams/core = 1 / RTF)`);
for (const r of rows) console.log(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
vad.close();
