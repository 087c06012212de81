/**
 * Barge-in detection while the bot talks. Caller audio counts as speech towards barge-in only
 * when all hold:
 * - the VAD says speech (line noise does not pass Silero);
 * - the frame is louder than a floor (`minLevelDb`) and louder than the bot's own recent output
 *   minus `echoMarginDb`: a line echo comes back 20 dB or more below what we sent, so it fails
 *   this test while a caller speaking over the prompt passes it;
 * - it has lasted `minSpeechMs` (a click or a cough is shorter).
 * Detection pauses the prompt at once (so it stops within ~150 ms of speech onset). The pause
 * becomes a real interruption when the speech goes on past `backchannelMaxMs` or the recognizer
 * hears something other than a backchannel (嗯/对/好/uh-huh); otherwise the prompt resumes.
 */
import { rmsDbfs } from '@tingzhen/voice-core';

export interface BargeInOptions {
  minSpeechMs: number;
  echoMarginDb: number;
  minLevelDb: number;
  backchannelMaxMs: number;
}

export const DEFAULT_BARGE_IN: BargeInOptions = {
  /** 60 ms: three phone frames; with the VAD's own onset this keeps the stop under 150 ms. */
  minSpeechMs: 60,
  /**
   * Caller audio must come within this many dB of the bot's level. A line echo returns >= 20 dB
   * down (echo return loss), so it misses by >= 6 dB; a caller talking over us at normal level
   * (-20..-30 dBFS against a -18 dBFS prompt) passes.
   */
  echoMarginDb: 14,
  /** Below -45 dBFS nothing a caller says over a prompt is meant as an interruption. */
  minLevelDb: -45,
  /** A backchannel (嗯, 对, 好, uh-huh) is short; speech longer than this is an interruption. */
  backchannelMaxMs: 700,
};

const BACKCHANNEL = /^(嗯+|哦+|噢|啊|对+|对对|好+|好的|是+|是的|行|uh[- ]?huh|mm+|hmm+|yeah|ok|okay|right)$/i;

export function isBackchannel(text: string): boolean {
  return BACKCHANNEL.test(text.trim().replace(/[。，,.!！?？\s]+/g, ''));
}

export class BargeInDetector {
  private runMs = 0;

  constructor(readonly opts: BargeInOptions = DEFAULT_BARGE_IN) {}

  reset(): void {
    this.runMs = 0;
  }

  /** One caller frame while the bot plays. Returns true when barge-in speech is established. */
  onFrame(samples: Int16Array, frameMs: number, vadSpeaking: boolean, botLevelDb: number): boolean {
    const db = rmsDbfs(samples);
    const loudEnough = db > this.opts.minLevelDb && db > botLevelDb - this.opts.echoMarginDb;
    if (loudEnough) this.runMs += frameMs;
    else this.runMs = 0;
    return vadSpeaking && this.runMs >= this.opts.minSpeechMs;
  }
}
