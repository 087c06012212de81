/**
 * `tingzhen call`: a test caller. Connects to a gateway in any dialect it serves (Twilio-style
 * native, jambonz `listen`, FreeSWITCH mod_audio_fork, Asterisk chan_websocket, or AudioSocket over
 * TCP), chooses the script and language, and after each thing the bot says plays the next cue: a
 * WAV file, synthesised speech (espeak-ng) or DTMF keys. Prints what the bot said (where the
 * dialect carries it) and the per-turn latency. A refused or closed stream is reported as such
 * (exit 2), not as a timeout.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, readWav, resample, writeWav } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { TestCaller, signToken, type BotUtterance } from '@tingzhen/voice-gateway';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command, type CommandIo } from './command.js';

type Cue = { kind: 'wav'; file: string } | { kind: 'say'; text: string } | { kind: 'dtmf'; digits: string } | { kind: 'wait'; ms: number };

/** After the bot stops, how long it must stay quiet before its turn counts as over, ms (prompts come in parts). */
const SETTLE_MS = 800;
/** Lifetime of a token from --login, ms. */
const LOGIN_TOKEN_TTL_MS = 60 * 60_000;

const USAGE = `Usage: tingzhen call <url> [cues...] [options]

  <url>  ws://host:port/media/<dialect>   native (Twilio-style), jambonz, audio-fork (FreeSWITCH
                                          mod_audio_fork), asterisk (chan_websocket)
         tcp://host:port                  Asterisk AudioSocket (AUDIOSOCKET_PORT)
Cues, played in order, each once the bot has finished speaking:
  --wav <file>        play a WAV file (any rate, resampled to 8 kHz)
  --say <text>        speak text with the fallback voice (espeak-ng)
  --dtmf <digits>     press keys (e.g. 2 or 12#)
  --wait <ms>         stay silent this long
Options:
  --script <id>       the call script (default: the hotline script, HOTLINE_SCRIPT)
  --lang <zh|en>      the call's language, and that of --say (default zh)
  --login             sign a media token with the gateway's secret, as the platform on this machine
                      does: GATEWAY_AUTH_SECRET, else <TINGZHEN_DATA_DIR>/gateway-secret (readable by
                      the user who runs the platform); same environment as tingzhen start
  --token <token>     a media token from elsewhere (the console's test call, or another machine)
  --call-id <id>      the call id to send (default: a fresh one per call)
  --record <file>     write what the bot said to a WAV file
  --timeout <ms>      give up when the bot stays silent this long while we wait for it (default 20000)
  --max-call-ms <ms>  hang up after this long in all (default 600000)
Exit: 0 the call ran, 1 it failed (cannot connect, timed out), 2 bad usage or the gateway refused
or closed the stream before the call began.
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

type Waited = 'done' | 'silent' | 'closed' | 'deadline';

/** Resolves with the next event among: a bot utterance starting, the call closing, `ms` passing. */
function nextStart(caller: TestCaller, ms: number): Promise<'start' | 'closed' | 'timeout'> {
  if (caller.closed) return Promise.resolve('closed');
  return new Promise((resolveP) => {
    const done = (r: 'start' | 'closed' | 'timeout') => { clearTimeout(t); caller.off('bot-start', onStart); caller.off('closed', onClosed); resolveP(r); };
    const onStart = () => done('start');
    const onClosed = () => done('closed');
    const t = setTimeout(() => done('timeout'), Math.max(0, ms));
    caller.on('bot-start', onStart);
    caller.on('closed', onClosed);
  });
}

function nextEnd(caller: TestCaller, ms: number): Promise<'end' | 'closed' | 'timeout'> {
  if (caller.closed) return Promise.resolve('closed');
  if (!caller.botSpeaking) return Promise.resolve('end');
  return new Promise((resolveP) => {
    const done = (r: 'end' | 'closed' | 'timeout') => { clearTimeout(t); caller.off('bot-end', onEnd); caller.off('closed', onClosed); resolveP(r); };
    const onEnd = () => done('end');
    const onClosed = () => done('closed');
    const t = setTimeout(() => done('timeout'), Math.max(0, ms));
    caller.on('bot-end', onEnd);
    caller.on('closed', onClosed);
  });
}

/**
 * Waits for the bot's turn to be over: it speaks (however long: a long greeting is fine) and then
 * stays quiet for SETTLE_MS. `silenceMs` limits only how long it may stay silent before it starts.
 */
async function botTurnOver(caller: TestCaller, silenceMs: number, deadline: number): Promise<Waited> {
  let spoke = caller.botSpeaking;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return 'deadline';
    if (caller.botSpeaking) {
      const e = await nextEnd(caller, left);
      if (e !== 'end') return e === 'closed' ? 'closed' : 'deadline';
      spoke = true;
      continue;
    }
    const s = await nextStart(caller, Math.min(spoke ? SETTLE_MS : silenceMs, left));
    if (s === 'closed') return 'closed';
    if (s === 'timeout') return performance.now() >= deadline ? 'deadline' : spoke ? 'done' : 'silent';
  }
}

/**
 * A media token (one stream, the URL's dialect) signed with the gateway secret as the platform on
 * this machine has it (never created here).
 */
async function loginToken(io: CommandIo, dialect: string): Promise<string> {
  const config = loadConfig(io.env);
  const claims = { kind: 'media' as const, ttlMs: LOGIN_TOKEN_TTL_MS, sub: 'tingzhen-call', dialect };
  if (config.gatewayAuthSecret !== undefined) return signToken(config.gatewayAuthSecret, claims);
  const file = resolve(config.dataDir, 'gateway-secret');
  let secret: string;
  try {
    secret = (await readFile(file, 'utf8')).trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT'
      ? `no gateway secret in ${file}: start the platform once (it creates it), run this with the same TINGZHEN_DATA_DIR, or set GATEWAY_AUTH_SECRET`
      : `cannot read ${file} (${code ?? 'error'}): run as the user that runs the platform, or set GATEWAY_AUTH_SECRET`);
  }
  if (secret.length < 16) throw new Error(`${file} holds no usable secret: set GATEWAY_AUTH_SECRET`);
  return signToken(secret, claims);
}

/** The dialect a media URL names: its last path segment (ws://host/media/<dialect>). */
function dialectOf(url: string): string {
  try {
    const path = new URL(url).pathname.replace(/\/+$/, '');
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return '';
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (!u.searchParams.has(k)) u.searchParams.set(k, v);
  return u.toString();
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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
          wait: { type: 'string', multiple: true }, lang: { type: 'string' }, script: { type: 'string' }, token: { type: 'string' }, login: { type: 'boolean' },
          'call-id': { type: 'string' }, record: { type: 'string' }, timeout: { type: 'string' }, 'max-call-ms': { type: 'string' }, help: { type: 'boolean' },
        },
      });
    } catch (err) {
      io.stderr.write(`tingzhen call: ${(err as Error).message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    const v = parsed.values;
    if (v.help) { io.stdout.write(USAGE); return EXIT_OK; }
    const url = parsed.positionals[0];
    const usage = (problem: string) => { io.stderr.write(`tingzhen call: ${problem}\n${USAGE}`); return EXIT_USAGE; };
    if (!url || !/^(wss?|tcp):\/\/[^/]+/.test(url) || parsed.positionals.length > 1) return usage(url ? `not a gateway URL: ${parsed.positionals.join(' ')}` : 'the gateway URL is missing');
    const lang = v.lang ?? 'zh';
    if (lang !== 'zh' && lang !== 'en') return usage(`--lang must be zh or en (got ${lang})`);
    if (v.script !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(v.script)) return usage(`--script must be a script id (got ${v.script})`);
    const ms = (name: string, raw: string | undefined, def: number) => {
      const n = Number(raw ?? def);
      return Number.isInteger(n) && n > 0 ? n : null;
    };
    const silenceMs = ms('timeout', v.timeout, 20_000);
    const maxCallMs = ms('max-call-ms', v['max-call-ms'], 600_000);
    if (silenceMs === null || maxCallMs === null) return usage('--timeout and --max-call-ms take a whole number of milliseconds');
    const cues: Cue[] = [];
    for (const t of parsed.tokens ?? []) {
      if (t.kind !== 'option' || t.value === undefined) continue;
      if (t.name === 'wav') cues.push({ kind: 'wav', file: t.value });
      else if (t.name === 'say') cues.push({ kind: 'say', text: t.value });
      else if (t.name === 'dtmf') {
        if (!/^[0-9*#A-D]+$/.test(t.value)) return usage(`--dtmf takes keys 0-9 * # (got ${t.value})`);
        cues.push({ kind: 'dtmf', digits: t.value });
      } else if (t.name === 'wait') {
        const w = Number(t.value);
        if (!Number.isFinite(w) || w < 0) return usage(`--wait takes milliseconds (got ${t.value})`);
        cues.push({ kind: 'wait', ms: w });
      }
    }
    const tcp = url.startsWith('tcp:');
    let token = v.token;
    if (v.login) {
      if (tcp) return usage('--login is for WebSocket URLs (AudioSocket is allowed by address: AUDIOSOCKET_ALLOW)');
      try { token = await loginToken(io, dialectOf(url)); } catch (err) { io.stderr.write(`tingzhen call: --login: ${(err as Error).message}\n`); return EXIT_USAGE; }
    }
    // The call's choice travels in the start message where the dialect has one, and in the URL
    // (the gateway reads script, lang and the token there too) for those that have none.
    const parameters: Record<string, string> = { tzStats: '1', lang, ...(v.script ? { script: v.script } : {}), ...(token ? { token } : {}) };
    const dialUrl = tcp ? url : withQuery(url, { ...(token ? { token } : {}), ...(v.script ? { script: v.script } : {}), lang, tzStats: '1' });
    let engine: EspeakTtsEngine | null = null;
    const tts = async () => (engine ??= await EspeakTtsEngine.load());

    const caller = new TestCaller({ url: dialUrl, parameters, ...(v['call-id'] ? { callId: v['call-id'] } : {}) });
    caller.on('transcript', (t: { speaker?: string; text?: string }) => {
      if (typeof t.text === 'string') io.stdout.write(`${t.speaker === 'bot' ? 'bot' : 'you'}: ${t.text}\n`);
    });
    const started = performance.now();
    const deadline = started + maxCallMs;
    const clientGaps: { cue: string; gapMs: number | null }[] = [];
    const shown = dialUrl.replace(/token=[^&]+/, 'token=***');
    try {
      await caller.connect();
    } catch (err) {
      io.stderr.write(`tingzhen call: cannot connect to ${shown}: ${(err as Error).message}\n`);
      return EXIT_FAILURE;
    }
    io.stdout.write(`connected to ${shown} (${caller.dialect}, call id ${caller.callId})\n`);
    const refused = (): number => {
      const code = caller.closeCode !== null ? ` (WebSocket close ${caller.closeCode})` : '';
      const hint = /unauthori[sz]ed/i.test(caller.closeReason) ? '; get a token with --login on the platform machine, or pass --token' : caller.closeCode === 1013 ? '; the gateway is draining for a shutdown: try again shortly' : '';
      io.stderr.write(`tingzhen call: the gateway ${caller.closeCode === 1008 ? 'refused' : 'closed'} the stream before the call began: ${caller.closeReason || 'no reason given'}${code}${hint}\n`);
      return EXIT_USAGE;
    };
    let result: Waited = 'done';
    for (const cue of [...cues, null]) {
      result = await botTurnOver(caller, silenceMs, deadline);
      if (result === 'closed' && caller.utterances.length === 0) return refused();
      if (result !== 'done' || cue === null) break;
      const before = performance.now();
      const audio = await speechFor(cue, lang, tts);
      let sentAt = before;
      if (audio) { await caller.say(audio); sentAt = caller.speechEndAt; }
      else if (cue.kind === 'dtmf') {
        for (const [i, d] of [...cue.digits].entries()) {
          if (i > 0) await new Promise((r) => setTimeout(r, 120)); // inter-digit pause
          caller.sendDtmf(d);
        }
        sentAt = performance.now();
      } else if (cue.kind === 'wait') await new Promise((r) => setTimeout(r, cue.ms));
      const label = cue.kind === 'dtmf' ? `dtmf ${cue.digits}` : cue.kind === 'wait' ? `wait ${cue.ms} ms` : cue.kind;
      // The bot may already have answered while the cue was still going out: the first utterance that started after it.
      const seen = caller.utterances.find((u) => u.startAt >= sentAt);
      const next: BotUtterance | null = seen ?? (await nextStart(caller, Math.min(silenceMs, deadline - performance.now())) === 'start' ? caller.utterances.at(-1) ?? null : null);
      clientGaps.push({ cue: label, gapMs: next ? Math.round(next.startAt - sentAt) : null });
    }
    if (!caller.closed) {
      if (result === 'silent') io.stderr.write(`tingzhen call: the bot stayed silent for ${silenceMs} ms (--timeout); hanging up\n`);
      if (result === 'deadline') io.stderr.write(`tingzhen call: the call reached --max-call-ms (${maxCallMs} ms); hanging up\n`);
      // Cues done: give the bot its last words, then hang up.
      if (result === 'done') await nextStart(caller, 0);
      caller.hangup();
    }
    io.stdout.write(`\nbot utterances: ${caller.utterances.length}, call ended: ${caller.closeReason}${result === 'silent' || result === 'deadline' ? ` (${result === 'silent' ? '--timeout' : '--max-call-ms'})` : ''}\n`);
    for (const [i, u] of caller.utterances.entries()) io.stdout.write(`  bot ${i + 1}: at ${secs(u.startAt - started)}, ${secs((u.endAt ?? u.startAt) - u.startAt)}\n`);
    if (caller.transcript.length === 0) io.stdout.write(`  (the bot's words are not carried by ${caller.dialect === 'audiosocket' ? 'AudioSocket' : `the ${caller.dialect} dialect`}: read them in the console's call page)\n`);
    const turns = caller.turnStats.filter((t) => (t.turn as number) > 0);
    const fmt = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? `${Math.round(b - a)} ms` : '-');
    io.stdout.write('\nturn  cue           client gap  server: via     eos->asr  asr->decision  decision->tts  tts->packet  gap\n');
    const rows = Math.max(turns.length, clientGaps.length);
    for (let i = 0; i < rows; i++) {
      const t = turns[i];
      const c = clientGaps[i];
      io.stdout.write(`${String(i + 1).padEnd(6)}${(c?.cue ?? '-').slice(0, 13).padEnd(14)}${(c?.gapMs != null ? `${c.gapMs} ms` : '-').padEnd(20)}`
        + (t ? `${String(t.via).padEnd(8)}${fmt(t.endOfSpeechAt, t.asrFinalAt).padEnd(10)}${fmt(t.asrFinalAt ?? t.endOfSpeechAt, t.decisionAt).padEnd(15)}`
          + `${fmt(t.decisionAt, t.firstTtsChunkAt).padEnd(15)}${fmt(t.firstTtsChunkAt, t.firstPacketAt).padEnd(13)}${typeof t.gapMs === 'number' ? `${t.gapMs} ms` : '-'}` : '(no server marks over this dialect)')
        + '\n');
    }
    if (v.record) {
      const all = caller.utterances.flatMap((u) => u.samples);
      const out = new Int16Array(all.reduce((n, s) => n + s.length, 0));
      let o = 0;
      for (const s of all) { out.set(s, o); o += s.length; }
      writeFileSync(v.record, writeWav({ sampleRate: 8000, samples: out }));
      io.stdout.write(`bot audio written to ${v.record}\n`);
    }
    return result === 'silent' || result === 'deadline' ? EXIT_FAILURE : EXIT_OK;
  },
};

export default command;
