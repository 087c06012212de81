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
