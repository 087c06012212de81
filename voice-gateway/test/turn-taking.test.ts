/** A short partial that already answers the question ends the turn at the VAD's speech-end (read by the dialog engine's NLU). */
import { describe, expect, it } from 'vitest';
import { answerLooksComplete, TurnTaker } from '../src/index.js';

describe('answerLooksComplete', () => {
  it.each([
    ['yes-no', '没有', 'zh', true], ['yes-no', '是的', 'zh', true], ['yes-no', '不疼', 'zh', true], ['yes-no', '那个', 'zh', false],
    ['yes-no', '没有发烧但是伤口有点', 'zh', false], ['yes-no', 'nope', 'en', true], ['yes-no', 'yes I think', 'en', true],
    ['yes-no', 'well I am not', 'en', false], ['number', '三', 'zh', true], ['scale-0-10', 'seven', 'en', true],
    ['number', '大概', 'zh', false], ['free-text', '好的', 'zh', false], [undefined, '是', 'zh', false],
  ] as const)('%s %s (%s) -> %s', (kind, text, lang, want) => {
    expect(answerLooksComplete(kind, text, lang)).toBe(want);
  });

  it('the turn ends at speech-end when the partial is complete, after the silence otherwise', () => {
    const t = new TurnTaker({ silenceAfterSpeechMs: 600, vadMinSilenceMs: 300 }, true, 'yes-no', 'zh');
    t.onSpeechStart();
    t.onPartial('没有');
    expect(t.onSpeechEnd(1000)).toEqual({ reason: 'vad-complete', endMs: 1000 });
    t.reset({ silenceAfterSpeechMs: 600, vadMinSilenceMs: 300 }, 'yes-no');
    t.onSpeechStart();
    t.onPartial('我觉得伤口');
    expect(t.onSpeechEnd(2000)).toBeNull();
    expect(t.onClock(2599)).toBeNull();
    expect(t.onClock(2600)).toEqual({ reason: 'silence', endMs: 2000 });
  });
});
