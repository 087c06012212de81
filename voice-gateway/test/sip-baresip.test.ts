/**
 * baresip (a real SIP user agent, headless: aufile plays a WAV as its microphone, sndfile records
 * what it hears) calls tingzhen directly over TCP. The gateway hears the caller's real speech
 * recording; baresip hears the bot's prompt; tingzhen hangs up with BYE.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readWav, rmsDbfs, writeWav } from '@tingzhen/voice-core';
import { gainDb, loadWav8k } from './helpers.js';
import { startGateway, type Gateway } from './sip-helpers.js';
import { tempDir } from './sip-fixtures/sipp.js';

const dir = tempDir();
let gw: Gateway;
const heardDb: number[] = [];
let botFrames = 0;

beforeAll(async () => {
  gw = await startGateway({
    onCall: async (leg) => {
      void (async () => { for await (const f of leg.audioIn) heardDb.push(rmsDbfs(f.samples)); })();
      await new Promise((r) => setTimeout(r, 1000)); // listen to the caller first
      const prompt = Array.from({ length: 50 }, (_, i) => ({ samples: Int16Array.from({ length: 160 }, (_, k) => Math.round(6000 * Math.sin((2 * Math.PI * 500 * (i * 160 + k)) / 8000))), sampleRate: 8000, startMs: i * 20 }));
      await leg.play(prompt);
      botFrames = leg.rtpStats?.packetsSent ?? 0;
      await new Promise((r) => setTimeout(r, 200));
      await leg.hangup('normal');
    },
  });
});
afterAll(async () => { await gw.ep.stop(); });

it('baresip calls over TCP (SIP trace on): tingzhen hears its WAV, baresip hears the bot, tingzhen hangs up', async () => {
  // baresip hangs up when its WAV ends: loop the recording to outlast the bot's turn
  const speech = gainDb(loadWav8k(), 15);
  const long = new Int16Array(speech.length * 4);
  for (let i = 0; i < 4; i++) long.set(speech, i * speech.length);
  writeFileSync(join(dir, 'in.wav'), writeWav({ samples: long, sampleRate: 8000, channels: 1 }));
  const sipPort = 48000 + (process.pid % 500) * 2;
  writeFileSync(join(dir, 'config'), [
    'poll_method epoll', `sip_listen 127.0.0.1:${sipPort}`, `audio_player aufile,${dir}/play.wav`, `audio_source aufile,${dir}/in.wav`,
    `audio_alert aufile,${dir}/alert.wav`, 'module_path /usr/lib/baresip/modules', 'module g711.so', 'module aufile.so', 'module sndfile.so',
    'module_app account.so', 'module_app menu.so', `snd_path ${dir}`, `rtp_ports ${sipPort + 2000}-${sipPort + 2100}`, '',
  ].join('\n'));
  writeFileSync(join(dir, 'accounts'), '<sip:caller@127.0.0.1;transport=tcp>;regint=0\n');
  const b = spawn('baresip', ['-s', '-f', dir, '-e', `/dial sip:120@127.0.0.1:${gw.ep.port}`, '-t', '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  b.stdout.on('data', (d: Buffer) => { log += d.toString(); });
  b.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  await new Promise((r) => b.on('exit', r));
  expect(log).toContain('Call established');
  expect(log).toMatch(/terminated/);
  // our BYE reached baresip on its connection and was answered (libre reports a remote BYE as
  // "session closed: Connection reset by peer", which is its normal wording)
  expect(log).toMatch(/BYE sip:caller[^\n]*\n[\s\S]*SIP\/2\.0 200 OK\r?\nVia: SIP\/2\.0\/TCP 127\.0\.0\.1:\d+;branch=z9hG4bK\d+/);
  // tingzhen heard speech from the recording (phone-level speech is well above -45 dBFS)
  expect(heardDb.filter((db) => db > -45).length).toBeGreaterThan(10);
  expect(botFrames).toBe(50);
  // baresip's decoded-audio dump has the bot's 1 s prompt
  const dec = readdirSync(dir).find((f) => f.endsWith('-dec.wav'))!;
  const heardByCaller = readWav(readFileSync(join(dir, dec))).mono;
  let loud = 0;
  for (let i = 0; i + 160 <= heardByCaller.length; i += 160) if (rmsDbfs(heardByCaller.subarray(i, i + 160)) > -25) loud++;
  expect(loud).toBeGreaterThanOrEqual(40);
}, 30_000);
