/**
 * Audio helper throughput: G.711, resampling, DTMF detection, each fed 20 ms frames the way a
 * call leg feeds them. For each operation it processes AUDIO_SECONDS of audio as one stream and
 * reports the CPU time it took; "streams/core" = audio seconds / CPU seconds, i.e. how many
 * real-time calls one core could carry for that step alone. Prints figures; asserts nothing.
 *
 *   npm run bench -w load-tests        (or: npx tsx load-tests/src/bench-audio.ts [--seconds 60])
 */
import { parseArgs } from 'node:util';
import {
  DtmfDetector, Resampler, alawDecode, alawEncode, generateDtmfSequence, mulawDecode, mulawEncode,
} from '@tingzhen/voice-core';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
const AUDIO_SECONDS = Number(values.seconds);
const FRAME_MS = 20;

/** Speech-like test signal: noise shaped by a slow envelope, plus a few key presses. */
function testSignal(sampleRate: number, seconds: number): Int16Array {
  const n = sampleRate * seconds;
  const out = new Int16Array(n);
  let seed = 1;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const white = seed / 0x3fffffff - 1;
    lp = 0.8 * lp + 0.2 * white; // crude low-pass: energy in the speech band
    const env = 0.5 + 0.5 * Math.sin((2 * Math.PI * 3 * i) / sampleRate); // ~3 syllables a second
    out[i] = Math.round(20000 * env * lp);
  }
  const keys = generateDtmfSequence('1234567890', { sampleRate, toneMs: 80, gapMs: 120 });
  for (let at = sampleRate * 5; at + keys.length < n; at += sampleRate * 20) out.set(keys, at);
  return out;
}

function framesOf<T extends { length: number; subarray(a: number, b: number): T }>(x: T, perFrame: number): T[] {
  const out: T[] = [];
  for (let i = 0; i + perFrame <= x.length; i += perFrame) out.push(x.subarray(i, i + perFrame));
  return out;
}

interface Row { name: string; cpuMs: number; wallMs: number; audioS: number }

function measure(name: string, audioS: number, run: () => void): Row {
  run(); // warm-up (JIT), not counted
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  run();
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { name, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, audioS };
}

const rows: Row[] = [];
let sink = 0; // keeps results alive so the work is not optimised away

for (const rate of [8000, 16000]) {
  const sig = testSignal(rate, AUDIO_SECONDS);
  const per = (rate * FRAME_MS) / 1000;
  const pcmFrames = framesOf(sig, per);
  const mu = framesOf(mulawEncode(sig), per);
  const al = framesOf(alawEncode(sig), per);
  if (rate === 8000) {
    rows.push(measure('G.711 mu-law encode (8 kHz)', AUDIO_SECONDS, () => { for (const f of pcmFrames) sink += mulawEncode(f)[0]!; }));
    rows.push(measure('G.711 mu-law decode (8 kHz)', AUDIO_SECONDS, () => { for (const f of mu) sink += mulawDecode(f)[0]!; }));
    rows.push(measure('G.711 A-law encode (8 kHz)', AUDIO_SECONDS, () => { for (const f of pcmFrames) sink += alawEncode(f)[0]!; }));
    rows.push(measure('G.711 A-law decode (8 kHz)', AUDIO_SECONDS, () => { for (const f of al) sink += alawDecode(f)[0]!; }));
    rows.push(measure('resample 8 -> 16 kHz (streaming)', AUDIO_SECONDS, () => {
      const r = new Resampler(8000, 16000);
      for (const f of pcmFrames) sink += r.push(f).length;
    }));
  } else {
    rows.push(measure('resample 16 -> 8 kHz (streaming)', AUDIO_SECONDS, () => {
      const r = new Resampler(16000, 8000);
      for (const f of pcmFrames) sink += r.push(f).length;
    }));
  }
  rows.push(measure(`DTMF detection (${rate / 1000} kHz)`, AUDIO_SECONDS, () => {
    const d = new DtmfDetector({ sampleRate: rate });
    for (const f of pcmFrames) sink += d.push(f).length;
  }));
}
{
  const sig = testSignal(24000, AUDIO_SECONDS);
  const frames = framesOf(sig, 480);
  rows.push(measure('resample 24 -> 8 kHz (TTS to phone)', AUDIO_SECONDS, () => {
    const r = new Resampler(24000, 8000);
    for (const f of frames) sink += r.push(f).length;
  }));
  const sig48 = testSignal(48000, AUDIO_SECONDS);
  const frames48 = framesOf(sig48, 960);
  rows.push(measure('resample 48 -> 16 kHz (WebRTC to ASR)', AUDIO_SECONDS, () => {
    const r = new Resampler(48000, 16000);
    for (const f of frames48) sink += r.push(f).length;
  }));
}

const pad = (s: string, n: number): string => s.padEnd(n);
const num = (v: number, d = 0): string => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`Audio helpers, ${AUDIO_SECONDS} s of audio per row in ${FRAME_MS} ms frames, one stream, one thread (Node ${process.version}).`);
console.log(`${pad('operation', 40)} ${'CPU ms'.padStart(9)} ${'us/frame'.padStart(9)} ${'RTF'.padStart(10)} ${'streams/core'.padStart(13)}`);
for (const r of rows) {
  const frames = (r.audioS * 1000) / FRAME_MS;
  const rtf = r.cpuMs / 1000 / r.audioS;
  console.log(`${pad(r.name, 40)} ${num(r.cpuMs, 1).padStart(9)} ${num((r.cpuMs * 1000) / frames, 2).padStart(9)} ${rtf.toExponential(2).padStart(10)} ${num(1 / rtf).padStart(13)}`);
}
console.log(`(checksum ${sink % 997}; streams/core = audio time / CPU time; wall-clock differs on a shared machine)`);
