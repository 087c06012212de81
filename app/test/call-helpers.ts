/** What the app-level call tests share: a caller's words as espeak-ng speaks them, the bot's lines, and waiting for a condition. */
import { resample } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import type { TestCaller } from '@tingzhen/voice-gateway';

/** `text` spoken by espeak-ng at 8 kHz, then 1 s of quiet (the end of a turn). */
export async function spoken(text: string, language: 'zh' | 'en' = 'en'): Promise<Int16Array> {
  const tts = await EspeakTtsEngine.load();
  const parts: Int16Array[] = [];
  for await (const f of tts.synthesize({ text, language, sampleRate: 8000 })) parts.push(f.sampleRate === 8000 ? f.samples : resample(f.samples, f.sampleRate, 8000));
  tts.close();
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0) + 8000);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** The bot's lines so far (the caller asked for them with the start parameter tzStats=1). */
export const botLines = (c: TestCaller): string[] => c.transcript.filter((e) => e.speaker === 'bot').map((e) => String(e.text));

/** Waits until `cond` holds, polling every 100 ms; throws naming `what` after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms: number, what = 'a condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
