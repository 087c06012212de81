/**
 * `tingzhen call`: a test caller. Connects to a gateway over the native (Twilio) dialect or
 * AudioSocket, and after each thing the bot says plays the next cue: a WAV file, synthesised
 * speech (espeak-ng fallback voice) or DTMF keys. Records what the bot said and prints the
 * per-turn latency breakdown (client-side gap, plus the server's marks when it sends them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readWav, resample, writeWav } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { TestCaller, type BotUtterance } from '@tingzhen/voice-gateway';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command, type CommandIo } from './command.js';

type Cue = { kind: 'wav'; file: string } | { kind: 'say'; text: string } | { kind: 'dtmf'; digits: string } | { kind: 'wait'; ms: number };

const USAGE = `Usage: tingzhen call <url> [cues...] [options]

  <url>              ws://host:port/media/native[?token=...]  or  tcp://host:port (AudioSocket)
Cues, played in order, each after the bot finishes speaking:
  --wav <file>       play a WAV file (any rate, resampled to 8 kHz)
  --say <text>       speak text with the fallback voice (espeak-ng)
  --dtmf <digits>    press keys (e.g. 2 or 12#)
  --wait <ms>        stay silent this long
Options:
  --lang <zh|en>     language of --say (default zh)
  --token <token>    media token (sent as a start parameter)
  --record <file>    write what the bot said to a WAV file
  --timeout <ms>     give up when the bot is silent this long (default 20000)
`;

async function speechFor(cue: Cue, lang: string, tts: () => Promise<EspeakTtsEngine>): Promise<Int16Array | null> {
  if (cue.kind === 'wav') {
    const w = readWav(readFileSync(cue.file));
    return w.sampleRate === 8000 ? w.mono : resample(w.mono, w.sampleRate, 8000);
  }
  if (cue.kind === 'say') {
    const parts: Int16Array[] = [];
    for await (const f of (await tts()).synthesize({ text: cue.text, language: lang, sampleRate: 8000 })) {
      parts.push(f.sampleRate === 8000 ? f.samples : resample(f.samples, f.sampleRate, 8000));
    }
    const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }
  return null;
}

/** The first bot utterance that starts at or after `t` (performance.now), or null on timeout / hang-up. */
function botStartAfter(caller: TestCaller, t: number, timeoutMs: number): Promise<BotUtterance | null> {
  const seen = caller.utterances.find((u) => u.startAt >= t);
  if (seen) return Promise.resolve(seen);
  if (caller.closed) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (u: BotUtterance | null) => {
      clearTimeout(timer);
      caller.off('bot-start', onStart);
      caller.off('closed', onClosed);
      resolve(u);
    };
    const onStart = (u: BotUtterance) => { if (u.startAt >= t) done(u); };
    const onClosed = () => done(null);
    const timer = setTimeout(() => done(null), timeoutMs);
    caller.on('bot-start', onStart);
    caller.on('closed', onClosed);
  });
}

const command: Command = {
  name: 'call',
  usage: USAGE,
  async run(args: string[], io: CommandIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args, allowPositionals: true, tokens: true,
        options: {
          wav: { type: 'string', multiple: true }, say: { type: 'string', multiple: true }, dtmf: { type: 'string', multiple: true },
          wait: { type: 'string', multiple: true }, lang: { type: 'string' }, token: { type: 'string' }, record: { type: 'string' },
          timeout: { type: 'string' }, help: { type: 'boolean' },
        },
      });
    } catch (err) {
      io.stderr.write(`${(err as Error).message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (parsed.values.help) { io.stdout.write(USAGE); return EXIT_OK; }
    const url = parsed.positionals[0];
    if (!url || !/^(wss?|tcp):\/\//.test(url)) { io.stderr.write(USAGE); return EXIT_USAGE; }
    const cues: Cue[] = [];
    for (const t of parsed.tokens ?? []) {
      if (t.kind !== 'option' || t.value === undefined) continue;
      if (t.name === 'wav') cues.push({ kind: 'wav', file: t.value });
      else if (t.name === 'say') cues.push({ kind: 'say', text: t.value });
      else if (t.name === 'dtmf') cues.push({ kind: 'dtmf', digits: t.value });
      else if (t.name === 'wait') cues.push({ kind: 'wait', ms: Number(t.value) });
    }
    const lang = parsed.values.lang ?? 'zh';
    const timeoutMs = Number(parsed.values.timeout ?? 20_000);
    let engine: EspeakTtsEngine | null = null;
    const tts = async () => (engine ??= await EspeakTtsEngine.load());

    const caller = new TestCaller({ url, parameters: { tzStats: '1', ...(parsed.values.token ? { token: parsed.values.token } : {}) } });
    const clientGaps: number[] = [];
    try {
      await caller.connect();
      io.stdout.write(`connected to ${url.replace(/token=[^&]+/, 'token=***')}\n`);
      for (const cue of cues) {
        await caller.waitBotEnd(timeoutMs);
        if (caller.closed) break;
        const audio = await speechFor(cue, lang, tts);
        let sentAt = performance.now();
        if (audio) { await caller.say(audio); sentAt = caller.speechEndAt; }
        else if (cue.kind === 'dtmf') {
          for (const [i, d] of [...cue.digits].entries()) {
            if (i > 0) await new Promise((r) => setTimeout(r, 120)); // inter-digit pause
            caller.sendDtmf(d);
          }
          sentAt = performance.now();
        } else if (cue.kind === 'wait') await new Promise((r) => setTimeout(r, cue.ms));
        // The bot may already have answered while the cue was still going out (a short prompt
        // after the last key): take the first utterance that started after the cue was sent.
        const next = await botStartAfter(caller, sentAt, timeoutMs);
        if (next) clientGaps.push(Math.round(next.startAt - sentAt));
      }
      await caller.waitClosed(timeoutMs).catch(() => caller.hangup());
    } catch (err) {
      io.stderr.write(`call failed: ${(err as Error).message}\n`);
      caller.hangup(true);
      return EXIT_FAILURE;
    }
    io.stdout.write(`\nbot utterances: ${caller.utterances.length}, call ended: ${caller.closeReason}\n`);
    io.stdout.write('turn  via       client gap  server: eos->asr  asr->decision  decision->tts  tts->packet  gap\n');
    const fmt = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? `${Math.round(b - a)} ms` : '-');
    caller.turnStats.filter((t) => (t.turn as number) > 0).forEach((t, i) => {
      io.stdout.write(`${String(t.turn).padEnd(6)}${String(t.via).padEnd(10)}${(clientGaps[i] !== undefined ? `${clientGaps[i]} ms` : '-').padEnd(12)}`
        + `${fmt(t.endOfSpeechAt, t.asrFinalAt).padEnd(18)}${fmt(t.asrFinalAt ?? t.endOfSpeechAt, t.decisionAt).padEnd(15)}`
        + `${fmt(t.decisionAt, t.firstTtsChunkAt).padEnd(15)}${fmt(t.firstTtsChunkAt, t.firstPacketAt).padEnd(13)}${typeof t.gapMs === 'number' ? `${t.gapMs} ms` : '-'}\n`);
    });
    if (parsed.values.record) {
      const all = caller.utterances.flatMap((u) => u.samples);
      const out = new Int16Array(all.reduce((n, s) => n + s.length, 0));
      let o = 0;
      for (const s of all) { out.set(s, o); o += s.length; }
      writeFileSync(parsed.values.record, writeWav({ sampleRate: 8000, samples: out }));
      io.stdout.write(`bot audio written to ${parsed.values.record}\n`);
    }
    return EXIT_OK;
  },
};

export default command;
