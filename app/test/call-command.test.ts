/**
 * `tingzhen call` against a real gateway on an ephemeral port: real Silero VAD, the real runner on
 * a small script, a tone TTS and a scripted ASR on the gateway side; the command speaks with the
 * espeak-ng fallback voice and presses keys on cue, records the bot and prints the latency table.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger, readWav, rmsDbfs, type AsrEngine, type AudioFrame, type TtsEngine, type TtsRequest } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { createRunner, loadScriptText, type Interpreter } from '@tingzhen/dialog-engine';
import { buildGateway, createPipelineCallHandler, driverFromReducer, type CallReport } from '@tingzhen/voice-gateway';
import callCommand from '../src/commands/call.js';

const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/models');
const logger = createLogger({ level: 'silent' });

const SCRIPT = `
id: call-cmd
version: 1
title: { zh: 测试 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - { id: hello, kind: say, roles: [ai-disclosure], text: { zh: 您好这里是医院随访 } }
  - { id: fever, kind: ask, expect: yes-no, prompt: { zh: 出院后有没有发烧 }, dtmfPrompt: { zh: 有按一没有按二 }, dtmf: { map: { '1': 'yes', '2': 'no' } } }
  - { id: pain, kind: ask, expect: yes-no, prompt: { zh: 伤口疼吗 }, dtmfPrompt: { zh: 疼按一不疼按二 }, dtmf: { map: { '1': 'yes', '2': 'no' } } }
  - { id: bye, kind: hangup, text: { zh: 谢谢再见 }, outcome: completed }
`;
const interpreter: Interpreter = {
  interpret: (r) => (r.expect === 'yes-no' && r.utterance.length > 0 ? { answer: /没|不/.test(r.utterance) ? 'no' : 'yes' } : {}),
  detectRedFlags: () => [],
};
const tts: TtsEngine = {
  capabilities: { name: 'tone-tts', languages: ['zh'], sampleRate: 8000 },
  async *synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    const total = [...req.text].length * 60 * 8;
    for (let off = 0; off < total; off += 800) {
      yield { samples: Int16Array.from({ length: Math.min(800, total - off) }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 400 * (off + i)) / 8000))), sampleRate: 8000, startMs: 0 };
      await new Promise((r) => setImmediate(r));
    }
  },
  close() {},
};
/** Hears every utterance as "没有" (no ASR model is installed; the timing comes from the real VAD). */
const asr: AsrEngine = {
  capabilities: { name: 'scripted-asr', languages: ['zh'], sampleRate: 8000, hotwords: false, confidence: true },
  stream() {
    let heard = false;
    return { push: () => { heard = true; return []; }, setEndpoint() {}, finish: () => (heard ? { text: '没有', isFinal: true, confidence: 0.9, startMs: 0, endMs: 0 } : null), reset() {}, close() {} };
  },
  close() {},
};

let vad: SileroVadEngine;
let app: FastifyInstance;
let url = '';
const reports: CallReport[] = [];

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  const script = loadScriptText(SCRIPT);
  const onCall = createPipelineCallHandler({
    engines: { vad, tts, asr }, logger,
    dialogFor: () => {
      const r = createRunner(script, { interpreter });
      return driverFromReducer(r.initialState({ lang: 'zh' }), (s, i) => r.next(s, i), (s) => r.result(s));
    },
    onReport: (r) => reports.push(r),
  });
  app = await buildGateway({ auth: { allowUnauthenticated: true }, onCall, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}/media/native`;
});
afterAll(async () => {
  await app.close();
  vad.close();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await callCommand.run(args, { stdin: Readable.from([]), stdout, stderr, env: {} });
  return { code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') };
}

describe('call command', () => {
  it('speaks (fallback voice) and presses keys on cue, records the bot and prints the per-turn latency', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tz-call-'));
    const rec = join(dir, 'bot.wav');
    const { code, out, err } = await run([url, '--say', '没有发烧', '--dtmf', '1', '--record', rec, '--timeout', '15000']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('connected to');
    const report = reports.at(-1)!;
    expect(report.outcome).toBe('completed');
    expect(report.result?.answers).toMatchObject({ fever: { value: { answer: 'no' } }, pain: { value: { answer: 'yes' } } });
    // one row per caller turn: the cue, the caller-side gap (the bot's reply was seen), the server's marks
    const rows = out.split('\n').map((l) => /^(\d+)\s+(say|dtmf 1)\s+(\d+) ms\s+(speech|dtmf)\s.*\d+ ms\s*$/.exec(l)).filter((m) => m !== null);
    expect(rows.map((m) => [m[2], m[4]])).toEqual([['say', 'speech'], ['dtmf 1', 'dtmf']]);
    console.log(out);
    const wav = readWav(await readFile(rec));
    expect(wav.sampleRate).toBe(8000);
    expect(wav.mono.length / 8000).toBeGreaterThan(1);
    expect(rmsDbfs(wav.mono)).toBeGreaterThan(-40);
  });

  it('refuses a bad URL with the usage and exit code 2', async () => {
    const { code, err } = await run(['http://example.org']);
    expect(code).toBe(2);
    expect(err).toContain('Usage: tingzhen call');
  });

  it('reports a gateway that is not there as a failure, exit code 1', async () => {
    const { code, err } = await run(['ws://127.0.0.1:1/media/native', '--dtmf', '1', '--timeout', '2000']);
    expect(code).toBe(1);
    expect(err).toContain('cannot connect to ws://127.0.0.1:1/media/native');
  });
});
