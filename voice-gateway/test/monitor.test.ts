/**
 * Live listen-in end to end: TestCaller (native dialect) -> gateway -> CallPipeline (real Silero
 * VAD, tone TTS) with every leg attached to a MonitorHub; the embedded node-media-server relay
 * with auth on; Debian's ffmpeg publishing and, as the listener, ffmpeg/ffprobe pulling HTTP-FLV.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { buildGateway, createPipelineCallHandler, TestCaller, type CallReport } from '../src/index.js';
import { MonitorHub, startMediaRelay, streamSign, type MediaRelay } from '../src/monitor/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ToneTts } from './helpers.js';

const run = promisify(execFile);
const logger = createLogger({ level: 'silent' });
const secret = randomBytes(24).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'tz-monitor-'));
let vad: SileroVadEngine;
let relay: MediaRelay;
let hub: MonitorHub;
let app: FastifyInstance;
let url = '';
const reports = new Map<string, (r: CallReport) => void>();

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  relay = await startMediaRelay({ secret, storeDir: join(dir, 'store'), logger });
  hub = new MonitorHub({ relay, logger });
  const inner = createPipelineCallHandler({
    engines: { vad, tts: new ToneTts(150) },
    dialogFor: () => miniDialog(),
    logger,
    onReport: (r) => reports.get(r.callId)?.(r),
  });
  app = await buildGateway({ auth: { allowUnauthenticated: true }, onCall: (leg, ctx) => inner(hub.attach(leg), ctx), logger, startTimeoutMs: 500 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}/media/native`;
});
afterAll(async () => {
  await hub.close();
  await app.close();
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(callId: string): Promise<{ caller: TestCaller; report: Promise<CallReport> }> {
  const report = new Promise<CallReport>((r) => reports.set(callId, r));
  const caller = new TestCaller({ url, callId });
  await caller.connect();
  await caller.waitBotStart();
  return { caller, report };
}

/** Pull an HTTP-FLV stream for `seconds` with ffmpeg (-c copy); resolves with the file. */
async function pull(playUrl: string, seconds: number, name: string): Promise<string> {
  const out = join(dir, name);
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'warning', '-y', '-probesize', '8192', '-analyzeduration', '500000', '-i', playUrl, '-t', String(seconds), '-c', 'copy', '-f', 'flv', out], { timeout: (seconds + 10) * 1000 }).catch((e: { stderr?: string }) => { throw new Error(`pull failed: ${String(e.stderr).slice(0, 800)}`); });
  return out;
}

/** Decode to 8 kHz mono PCM16 and return its RMS level, dBFS. */
async function levelDb(file: string): Promise<{ db: number; seconds: number }> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-f', 's16le', '-ac', '1', '-ar', '8000', 'pipe:1'], { encoding: 'buffer', maxBuffer: 64 << 20 });
  const s = new Int16Array(stdout.buffer, stdout.byteOffset, stdout.byteLength >> 1);
  let sum = 0;
  for (const v of s) sum += v * v;
  return { db: 10 * Math.log10(sum / Math.max(1, s.length) / 1073741824 + 1e-12), seconds: s.length / 8000 };
}

/** Bytes an HTTP-FLV request gets within `ms` (the relay closes refused players at once). */
async function bytesWithin(playUrl: string, ms: number): Promise<{ status: number; bytes: number }> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), ms);
  let bytes = 0;
  let status = 0;
  try {
    const res = await fetch(playUrl, { signal: ac.signal });
    status = res.status;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  } catch {
    // aborted while still streaming: the stream was served
  } finally {
    clearTimeout(t);
  }
  return { status, bytes };
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('live listen-in', () => {
  it('publishes the live call as AAC over RTMP; a signed HTTP-FLV pull hears caller and bot; stop ends ffmpeg', async () => {
    const { caller, report } = await call('CA-listen-1');
    expect(hub.liveCalls()).toContain('CA-listen-1');
    const ticket = hub.start('CA-listen-1');
    const pid = hub.publisherOf('CA-listen-1')!.process.pid!;
    expect(alive(pid)).toBe(true);
    expect(ticket.relayPlayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/live\/[0-9a-f]{24}\.flv\?sign=\d+-[0-9a-f]{32}$/);
    // The caller speaks (a real recording) while the bot's prompts play.
    const speech = gainDb(loadWav8k(), 15);
    void caller.say(speech);
    await new Promise((r) => setTimeout(r, 800)); // let ffmpeg connect and publish
    const t0 = performance.now();
    const file = await pull(ticket.relayPlayUrl, 4, 'listen-1.flv');
    console.log(`pulled 4 s of live audio in ${Math.round(performance.now() - t0)} ms`);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,sample_rate,channels', '-of', 'json', file]);
    const streams = (JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; sample_rate: string; channels: number }[] }).streams;
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({ codec_type: 'audio', codec_name: 'aac', sample_rate: '16000', channels: 1 });
    const level = await levelDb(file);
    console.log(`listen-in audio: ${level.seconds.toFixed(2)} s at ${level.db.toFixed(1)} dBFS`);
    expect(level.seconds).toBeGreaterThan(3);
    expect(level.db).toBeGreaterThan(-40);

    // A second listener joins the same stream (no second ffmpeg).
    const again = hub.start('CA-listen-1');
    expect(again.streamName).toBe(ticket.streamName);
    expect(hub.publisherOf('CA-listen-1')!.process.pid).toBe(pid);

    expect(await hub.stop('CA-listen-1')).toBe(true);
    expect(alive(pid)).toBe(false);
    expect(hub.isMonitoring('CA-listen-1')).toBe(false);
    caller.hangup();
    const r = await report;
    expect(['completed', 'dropped']).toContain(r.endReason);
  });

  it('refuses unsigned, expired and wrongly signed plays and unsigned publishes; admin and API are off', async () => {
    const { caller, report } = await call('CA-listen-2');
    const ticket = hub.start('CA-listen-2');
    await new Promise((r) => setTimeout(r, 800));
    const base = `http://127.0.0.1:${relay.httpPort}/live/${ticket.streamName}.flv`;
    // Control: the signed URL streams.
    expect((await bytesWithin(ticket.relayPlayUrl, 1500)).bytes).toBeGreaterThan(100);
    const now = Math.floor(Date.now() / 1000);
    for (const bad of [base, `${base}?sign=${streamSign(ticket.streamName, secret, now - 5)}`, `${base}?sign=${streamSign(ticket.streamName, 'x'.repeat(48), now + 60)}`, `${base}?sign=${now + 60}-nothex`]) {
      expect((await bytesWithin(bad, 1500)).bytes, bad.replace(/sign=.*/, 'sign=…')).toBe(0);
    }
    // A publish without a signature is refused: ffmpeg gives up with an error.
    const rogue = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000', '-t', '3', '-c:a', 'aac', '-f', 'flv', `rtmp://127.0.0.1:${relay.rtmpPort}/live/rogue`], { timeout: 15_000 }).then(() => 0, (e: { code?: number }) => e.code ?? -1);
    expect(rogue).not.toBe(0);
    expect((await fetch(`http://127.0.0.1:${relay.httpPort}/admin/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${relay.httpPort}/api/v1/info`)).status).toBe(404);
    caller.hangup();
    await report;
  });

  it('stops ffmpeg when the monitored call ends', async () => {
    const { caller, report } = await call('CA-listen-3');
    hub.start('CA-listen-3');
    const publisher = hub.publisherOf('CA-listen-3')!;
    const pid = publisher.process.pid!;
    expect(alive(pid)).toBe(true);
    caller.hangup();
    await report;
    await publisher.exited;
    expect(alive(pid)).toBe(false);
    expect(hub.isMonitoring('CA-listen-3')).toBe(false);
    expect(hub.liveCalls()).not.toContain('CA-listen-3');
    expect(() => hub.start('CA-listen-3')).toThrow(/Not found/);
  });
  it('delivers the caller to the listener quickly (figure printed)', async () => {
    const { caller, report } = await call('CA-listen-delay');
    await caller.waitBotEnd(); // hello
    await caller.waitBotEnd(); // the question; the bot now listens in silence
    const ticket = hub.start('CA-listen-delay');
    await new Promise((r) => setTimeout(r, 800));
    const player = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-probesize', '8192', '-analyzeduration', '500000', '-i', ticket.relayPlayUrl, '-f', 's16le', '-ac', '1', '-ar', '8000', 'pipe:1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let toneAt = Infinity;
    let heardAt = Infinity;
    let pending = Buffer.alloc(0);
    const heard = new Promise<void>((resolve) => {
      player.stdout.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        for (; pending.length >= 320; pending = pending.subarray(320)) {
          let sum = 0;
          for (let i = 0; i < 320; i += 2) { const v = pending.readInt16LE(i); sum += v * v; }
          if (performance.now() > toneAt && 10 * Math.log10(sum / 160 / 1073741824 + 1e-12) > -20) { heardAt = performance.now(); resolve(); return; }
        }
      });
    });
    await new Promise((r) => setTimeout(r, 1500)); // the player is streaming silence now
    const tone = new Int16Array(4000).map((_, i) => Math.round(16000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)));
    toneAt = performance.now();
    void caller.say(tone);
    await Promise.race([heard, new Promise((r) => setTimeout(r, 8000))]);
    player.kill('SIGTERM');
    console.log(`listen-in delay (caller -> gateway -> ffmpeg AAC -> relay -> HTTP-FLV -> decoder): ${Math.round(heardAt - toneAt)} ms`);
    expect(heardAt).toBeLessThan(Infinity);
    caller.hangup();
    await report;
  });
  it('hears the bot while the caller is silent', async () => {
    const { caller, report } = await call('CA-listen-bot');
    const ticket = hub.start('CA-listen-bot');
    await new Promise((r) => setTimeout(r, 800));
    const file = await pull(ticket.relayPlayUrl, 2, 'listen-bot.flv');
    const level = await levelDb(file);
    console.log(`listen-in, bot only: ${level.seconds.toFixed(2)} s at ${level.db.toFixed(1)} dBFS`);
    expect(level.db).toBeGreaterThan(-40);
    caller.hangup();
    await report;
  });
});

