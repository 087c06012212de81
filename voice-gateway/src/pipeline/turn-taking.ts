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
export interface TurnPolicy {
  /** Trailing silence that ends a turn after speech, ms (config asrEndpointSilenceMs / step hint). */
  silenceAfterSpeechMs: number;
  /** Silence the VAD needs to report speech-end, ms (config vadMinSilenceMs). */
  vadMinSilenceMs: number;
}

const YES_NO = /^(是|是的|对|对的|好|好的|嗯|没有|没|不|不是|不对|有|有的|可以|不行|yes|yeah|yep|no|nope|sure|ok|okay|right)$/i;
const DIGITS = /[0-9零一二两三四五六七八九十百]/;

/** True when the partial text already answers a question of this kind. */
export function answerLooksComplete(expect: string | undefined, text: string): boolean {
  const t = text.trim().replace(/[。，,.!！?？\s]+$/g, '').replace(/\s+/g, ' ');
  if (t.length === 0) return false;
  switch (expect) {
    case 'yes-no':
      return YES_NO.test(t) || /^(是|对|好|没有|不是)/.test(t) && t.length <= 4;
    case 'number':
    case 'scale-0-10':
      return DIGITS.test(t) && t.length <= 8;
    default:
      return false;
  }
}

export type TurnEnd = { reason: 'asr-endpoint' | 'vad-complete' | 'vad-no-asr' | 'silence'; endMs: number };

export class TurnTaker {
  private speechEndMs: number | null = null;
  private partial = '';
  private inSpeech = false;

  constructor(private policy: TurnPolicy, private readonly hasAsr: boolean, private expect?: string) {}

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
    if (answerLooksComplete(this.expect, this.partial)) return { reason: 'vad-complete', endMs };
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
