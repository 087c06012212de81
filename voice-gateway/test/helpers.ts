/** Test helpers: servers on ephemeral ports, raw peers, fake engines. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AudioFrame, TtsEngine, TtsRequest } from '@tingzhen/voice-core';

export const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/models');

/** A TTS that speaks a tone: 60 ms of 300-700 Hz voice-like tone per character, streamed in 100 ms chunks. */
export class ToneTts implements TtsEngine {
  readonly capabilities = { name: 'tone-tts', languages: ['zh', 'en'], sampleRate: 8000 };
  constructor(private readonly msPerChar = 60, private readonly firstChunkDelayMs = 0) {}
  async *synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    const total = Math.round((Math.max(1, [...req.text].length) * this.msPerChar * req.sampleRate) / 1000);
    const chunk = req.sampleRate / 10;
    if (this.firstChunkDelayMs > 0) await new Promise((r) => setTimeout(r, this.firstChunkDelayMs));
    for (let off = 0; off < total; off += chunk) {
      if (req.signal?.aborted) return;
      const n = Math.min(chunk, total - off);
      const s = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        const t = (off + i) / req.sampleRate;
        s[i] = Math.round(6000 * Math.sin(2 * Math.PI * (300 + 200 * Math.sin(2 * Math.PI * 3 * t)) * t));
      }
      yield { samples: s, sampleRate: req.sampleRate, startMs: (off * 1000) / req.sampleRate };
      await new Promise((r) => setImmediate(r));
    }
  }
  close(): void {}
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWav, type AsrEngine, type AsrResult, type AsrStream } from '@tingzhen/voice-core';
import { createRunner, loadScriptText, type Interpreter } from '@tingzhen/dialog-engine';
import { driverFromReducer, type DialogDriver } from '../src/index.js';

/** A real 8 kHz recording (G.711 round-tripped) from the shared models folder. */
export function loadWav8k(name = 'IT0011W0001_8k_ulaw.wav'): Int16Array {
  const w = readWav(readFileSync(join(MODELS_DIR, 'test-wavs-zh', name)));
  return w.mono;
}

/** Apply a gain in dB (the test recordings sit around -35 dBFS; phone speech is nearer -20). */
export function gainDb(s: Int16Array, db: number): Int16Array {
  const g = 10 ** (db / 20);
  return s.map((v) => Math.max(-32768, Math.min(32767, Math.round(v * g))));
}

/** Offset of the first 20 ms frame above -35 dBFS, ms. */
export function speechOnsetMs(s: Int16Array, rate = 8000): number {
  const n = rate / 50;
  for (let i = 0; i + n <= s.length; i += n) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += s[i + k]! * s[i + k]!;
    if (10 * Math.log10(sum / n / 1073741824 + 1e-12) > -35) return (i * 1000) / rate;
  }
  return 0;
}

/** ASR fake: each utterance is heard as the next scripted text (timing comes from the real VAD). */
export class ScriptedAsr implements AsrEngine {
  readonly capabilities = { name: 'scripted-asr', languages: ['zh'], sampleRate: 8000, hotwords: false, confidence: true };
  constructor(private readonly texts: string[]) {}
  stream(): AsrStream {
    let heard = false;
    let lastMs = 0;
    return {
      push: (f): AsrResult[] => { lastMs = f.startMs; heard = true; return []; },
      setEndpoint: () => {},
      finish: () => (heard ? { text: this.texts.shift() ?? '', isFinal: true, confidence: 0.9, startMs: 0, endMs: lastMs } : null),
      reset: () => {},
      close: () => {},
    };
  }
  close(): void {}
}

export const MINI_SCRIPT = `
id: gw-mini
version: 1
title: { zh: 测试随访 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    text: { zh: 您好这里是医院的随访机器人 }
  - id: fever
    kind: ask
    expect: yes-no
    prompt: { zh: 您出院以后有没有发烧呢请您回答有或者没有 }
    dtmfPrompt: { zh: 有请按一没有请按二 }
    dtmf: { map: { '1': 'yes', '2': 'no' } }
  - id: pain
    kind: ask
    expect: yes-no
    prompt: { zh: 伤口疼吗 }
    dtmfPrompt: { zh: 疼请按一不疼请按二 }
    dtmf: { map: { '1': 'yes', '2': 'no' } }
  - id: bye
    kind: hangup
    text: { zh: 谢谢再见 }
    outcome: completed
`;

/** A tiny rule interpreter for the tests (the real one is dialog-engine's rule NLU). */
export const testInterpreter: Interpreter = {
  interpret: (req) => {
    if (req.expect === 'yes-no') {
      if (/没有|不/.test(req.utterance)) return { answer: 'no' };
      if (/有|是|疼/.test(req.utterance)) return { answer: 'yes' };
    }
    return {};
  },
  detectRedFlags: (text) => (/胸口|胸痛/.test(text) ? ['chest-pain-cardiac'] : []),
};

/** Runner driver over the mini script; `said` collects every say text as it is decided. */
export function miniDialog(said: string[] = []): DialogDriver {
  const runner = createRunner(loadScriptText(MINI_SCRIPT), { interpreter: testInterpreter });
  return driverFromReducer(runner.initialState({ lang: 'zh' }), (s, i) => {
    const out = runner.next(s, i);
    for (const a of out.actions) if (a.type === 'say') said.push(String(a.text));
    return out;
  }, (s) => runner.result(s));
}
