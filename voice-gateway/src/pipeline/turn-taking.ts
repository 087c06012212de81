/**
 * End-of-turn decisions. A turn ends at the first of:
 * - the recognizer's own endpoint (a final result);
 * - VAD silence (speech-end) when the answer is already complete for the question (a yes/no
 *   answer needs no long pause) or when there is no recognizer at all;
 * - `silenceAfterSpeechMs` of silence after the end of speech. The VAD reports speech-end
 *   `vadMinSilenceMs` late, but its segment ends where the speech ended, so the wait is measured
 *   from there in full (measuring only the remainder from the segment end cut every turn short
 *   by the VAD's silence, 300 ms).
 * Times are on the caller leg's media clock, so the decision does not depend on wall timers.
 */
import { interpret } from '@tingzhen/dialog-engine';
export interface TurnPolicy {
  /** Trailing silence that ends a turn after speech, ms (config asrEndpointSilenceMs / step hint). */
  silenceAfterSpeechMs: number;
  /** Silence the VAD needs to report speech-end, ms (config vadMinSilenceMs). */
  vadMinSilenceMs: number;
}

/** A partial this short can be a whole answer; longer ones wait for the silence (the caller may go on). */
const SHORT_ANSWER = { cjkChars: 4, words: 3 };

function isShort(t: string): boolean {
  const cjk = t.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  return cjk > 0 ? cjk <= SHORT_ANSWER.cjkChars : t.split(' ').length <= SHORT_ANSWER.words;
}

/**
 * True when a short partial already answers a question of this kind, read by the dialog engine's
 * own NLU (one reading of "yes", "没有", "三" for the whole platform, never a second lexicon here).
 */
export function answerLooksComplete(expect: string | undefined, text: string, lang: string = 'zh'): boolean {
  const t = text.trim().replace(/[。，,.!！?？\s]+$/g, '').replace(/\s+/g, ' ');
  if (t.length === 0 || !isShort(t)) return false;
  const l = lang === 'en' ? 'en' : 'zh';
  switch (expect) {
    case 'yes-no': {
      const r = interpret({ lang: l, expect: 'yes-no', utterance: t });
      return r.kind === 'yes-no' && (r.answer === 'yes' || r.answer === 'no');
    }
    case 'number':
    case 'scale-0-10': {
      const r = interpret({ lang: l, expect, utterance: t });
      return 'value' in r && typeof r.value === 'number';
    }
    default:
      return false;
  }
}

export type TurnEnd = { reason: 'asr-endpoint' | 'vad-complete' | 'vad-no-asr' | 'silence'; endMs: number };

export class TurnTaker {
  private speechEndMs: number | null = null;
  private partial = '';
  private inSpeech = false;

  constructor(private policy: TurnPolicy, private readonly hasAsr: boolean, private expect?: string, private readonly lang: string = 'zh') {}

  reset(policy: TurnPolicy, expect?: string): void {
    this.policy = policy;
    this.expect = expect;
    this.speechEndMs = null;
    this.partial = '';
    this.inSpeech = false;
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  get heardSpeech(): boolean {
    return this.inSpeech || this.speechEndMs !== null;
  }

  onSpeechStart(): void {
    this.inSpeech = true;
    this.speechEndMs = null;
  }

  onPartial(text: string): void {
    this.partial = text;
  }

  /** VAD closed a segment at endMs. Returns a turn end when the turn is over now. */
  onSpeechEnd(endMs: number): TurnEnd | null {
    this.inSpeech = false;
    this.speechEndMs = endMs;
    if (!this.hasAsr) return { reason: 'vad-no-asr', endMs };
    if (answerLooksComplete(this.expect, this.partial, this.lang)) return { reason: 'vad-complete', endMs };
    return null;
  }

  onAsrFinal(endMs: number): TurnEnd {
    return { reason: 'asr-endpoint', endMs: this.speechEndMs ?? endMs };
  }

  /** Called on every caller frame with the media clock; ends the turn after the full wait. */
  onClock(nowMs: number): TurnEnd | null {
    if (this.speechEndMs === null || this.inSpeech) return null;
    const waitMs = Math.max(this.policy.vadMinSilenceMs, this.policy.silenceAfterSpeechMs);
    if (nowMs - this.speechEndMs >= waitMs) return { reason: 'silence', endMs: this.speechEndMs };
    return null;
  }
}
