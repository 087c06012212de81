/**
 * A listening tap on a call leg, for live listen-in: the leg as the pipeline sees it, unchanged,
 * except that while a listener is set it receives the call's mixed audio (caller + bot, PCM16 at
 * the leg's rate) in the caller's real-time pace. The leg's playout pulls a prompt's frames as
 * fast as they come and sends them in real time, so the tap queues what the leg pulled and lets
 * the caller audio drive it: each caller frame takes (and, while nobody listens, discards) as many
 * bot samples as it holds. Monitoring that starts mid-prompt hears the rest of it, in step; a
 * barge-in (clearPlayout) drops the queued bot audio as the leg does.
 */
import type { AudioFrame, CallLeg } from '@tingzhen/voice-core';

export type MixListener = (mixed: Int16Array) => void;

export interface TappedLeg {
  /** The leg to hand to the pipeline (a proxy of the original). */
  readonly leg: CallLeg;
  setListener(listener: MixListener | null): void;
}

/** Bot audio queued ahead of the mix is capped (the leg's lead is 80 ms; a prompt burst is more), s. */
const MAX_BOT_QUEUE_S = 30;

export function tapLeg<L extends CallLeg>(leg: L): TappedLeg {
  let listener: MixListener | null = null;
  let botQueue: Int16Array[] = [];
  let botQueued = 0;

  /** Take n bot samples off the queue (into `out` when given). */
  const takeBot = (n: number, out: Int16Array | null): void => {
    let filled = 0;
    while (filled < n && botQueue.length > 0) {
      const head = botQueue[0]!;
      const k = Math.min(head.length, n - filled);
      out?.set(head.subarray(0, k), filled);
      filled += k;
      if (k === head.length) botQueue.shift();
      else botQueue[0] = head.subarray(k);
    }
    botQueued -= filled;
  };

  const onCaller = (frame: AudioFrame) => {
    if (!listener) {
      if (botQueued > 0) takeBot(frame.samples.length, null);
      return;
    }
    const bot = new Int16Array(frame.samples.length);
    takeBot(bot.length, bot);
    const mixed = new Int16Array(frame.samples.length);
    for (let i = 0; i < mixed.length; i++) mixed[i] = Math.max(-32768, Math.min(32767, frame.samples[i]! + bot[i]!));
    listener(mixed);
  };
  const onBot = (frame: AudioFrame) => {
    if (frame.sampleRate !== leg.sampleRate || botQueued > leg.sampleRate * MAX_BOT_QUEUE_S) return;
    botQueue.push(frame.samples);
    botQueued += frame.samples.length;
  };
  const clearBot = () => { botQueue = []; botQueued = 0; };

  async function* callerAudio(): AsyncIterable<AudioFrame> {
    for await (const frame of leg.audioIn) {
      onCaller(frame);
      yield frame;
    }
  }
  async function* botAudio(frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>): AsyncIterable<AudioFrame> {
    for await (const frame of frames) {
      onBot(frame);
      yield frame;
    }
  }
  const audioIn = callerAudio();

  const proxy = new Proxy(leg, {
    get(target, prop) {
      if (prop === 'audioIn') return audioIn;
      if (prop === 'play') return (frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>, signal?: AbortSignal) => target.play(botAudio(frames), signal);
      if (prop === 'clearPlayout') return () => { clearBot(); target.clearPlayout(); };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    leg: proxy,
    setListener(l) {
      listener = l;
    },
  };
}
