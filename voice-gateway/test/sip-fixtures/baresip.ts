/**
 * baresip as a headless SIP phone on loopback (Debian package baresip-core): aufile plays a WAV as
 * its microphone, sndfile records what it hears (`*-dec.wav`), auto-answer or dialling, over TCP.
 * baresip hangs up a call when its WAV source ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav, writeWav } from '@tingzhen/voice-core';

export interface BaresipOptions {
  /** SIP user (account AOR user). */
  user: string;
  sipPort: number;
  rtpPorts: [number, number];
  /** What the phone says (8 kHz mono); the call ends when it runs out. */
  speak: Int16Array;
  /** Answer incoming calls at once. */
  autoAnswer?: boolean;
  /** Refuse REFER (account call_transfer=no). */
  refuseTransfer?: boolean;
  /** Dial this URI at start. */
  dial?: string;
  /** Quit after this many seconds. */
  quitAfterS: number;
}

export interface BaresipRun {
  dir: string;
  proc: ChildProcess;
  log: () => string;
  exit: Promise<number | null>;
  /** What the phone heard in its (last) call: the decoded audio sndfile wrote. */
  heard: () => Int16Array;
}

export function startBaresip(o: BaresipOptions): BaresipRun {
  const dir = mkdtempSync(join(tmpdir(), `tz-baresip-${o.user}-`));
  writeFileSync(join(dir, 'in.wav'), writeWav({ samples: o.speak, sampleRate: 8000, channels: 1 }));
  writeFileSync(join(dir, 'config'), [
    'poll_method epoll', `sip_listen 127.0.0.1:${o.sipPort}`, `audio_player aufile,${dir}/play.wav`, `audio_source aufile,${dir}/in.wav`,
    `audio_alert aufile,${dir}/alert.wav`, 'module_path /usr/lib/baresip/modules', 'module g711.so', 'module aufile.so', 'module sndfile.so',
    'module_app account.so', 'module_app menu.so', `snd_path ${dir}`, `rtp_ports ${o.rtpPorts[0]}-${o.rtpPorts[1]}`, '',
  ].join('\n'));
  const params = [o.autoAnswer ? ';answermode=auto' : '', o.refuseTransfer ? ';call_transfer=no' : ''].join('');
  writeFileSync(join(dir, 'accounts'), `<sip:${o.user}@127.0.0.1;transport=tcp>;regint=0${params}\n`);
  const args = ['-s', '-f', dir, ...(o.dial ? ['-e', `/dial ${o.dial}`] : []), '-t', String(o.quitAfterS)];
  const proc = spawn('baresip', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d: Buffer) => { log += d.toString(); });
  proc.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  const exit = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    dir, proc, exit, log: () => log,
    heard: () => {
      const dec = readdirSync(dir).filter((f) => f.endsWith('-dec.wav')).sort().at(-1);
      return dec ? readWav(readFileSync(join(dir, dec))).mono : new Int16Array(0);
    },
  };
}

/** A sine tone, 8 kHz. */
export function tone(freqHz: number, ms: number, amplitude = 8000): Int16Array {
  const n = Math.round((ms * 8000) / 1000);
  return Int16Array.from({ length: n }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * freqHz * i) / 8000)));
}

/**
 * 20 ms frames in which `freqHz` carries most of the frame's energy and is loud (Goertzel on
 * 160-sample blocks, 50 Hz bins: use multiples of 50 Hz).
 */
export function framesWithTone(s: Int16Array, freqHz: number, minDbfs = -35): number {
  let count = 0;
  const k = (2 * Math.PI * freqHz) / 8000;
  for (let off = 0; off + 160 <= s.length; off += 160) {
    let s1 = 0;
    let s2 = 0;
    let energy = 0;
    for (let i = 0; i < 160; i++) {
      const x = s[off + i]! / 32768;
      energy += x * x;
      const s0 = x + 2 * Math.cos(k) * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - 2 * Math.cos(k) * s1 * s2; // |X(k)|^2
    const toneEnergy = (2 * power) / 160; // energy of the sinusoid over the block (Parseval)
    const db = 10 * Math.log10(energy / 160 + 1e-12) + 3.01; // frame level as a sine's dBFS
    if (db > minDbfs && toneEnergy > 0.6 * energy) count++;
  }
  return count;
}
