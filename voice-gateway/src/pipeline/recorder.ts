/**
 * Call recording: the caller track (leg audio, by media-clock position) and the bot track (what
 * was actually played, placed at the caller-clock time it went out), written as a stereo WAV
 * (left caller, right bot) or mixed to mono. Old recordings past the retention are deleted when
 * a new one is written. Recordings hold patient voices: the directory must be access-controlled.
 */
import { chmod, mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENCRYPTED_RECORDING_SUFFIX, encryptRecording, writeWav } from '@tingzhen/voice-core';

export interface RecorderOptions {
  dir: string;
  layout: 'stereo' | 'mixed';
  /**
   * Delete recordings older than this when a new one is written. The platform leaves it unset: its
   * scheduled retention job deletes them and audits each deletion (campaigns recordings/retention).
   */
  retentionDays?: number;
  /**
   * RECORDINGS_ENCRYPTION_KEY (32 bytes): the file is written AES-256-GCM encrypted as
   * `<call>.wav.enc` (voice-core recordings/at-rest); the console decrypts it on playback.
   */
  encryptionKey?: Buffer;
}

/** Longest call we keep in memory for recording, ms (2 h at 8 kHz stereo is ~230 MB... keep 1 h). */
const MAX_RECORDING_MS = 3_600_000;

export class CallRecorder {
  private caller: Int16Array[] = [];
  private bot: { atMs: number; samples: Int16Array }[] = [];
  private callerEndMs = 0;

  constructor(private readonly opts: RecorderOptions, private readonly sampleRate: number) {}

  addCaller(samples: Int16Array, startMs: number): void {
    if (startMs > MAX_RECORDING_MS) return;
    this.caller.push(samples);
    this.callerEndMs = startMs + (samples.length * 1000) / this.sampleRate;
  }

  addBot(samples: Int16Array, atMs: number): void {
    if (atMs > MAX_RECORDING_MS) return;
    this.bot.push({ atMs, samples });
  }

  private tracks(): { left: Int16Array; right: Int16Array } {
    const botEnd = this.bot.reduce((m, b) => Math.max(m, b.atMs + (b.samples.length * 1000) / this.sampleRate), 0);
    const n = Math.ceil((Math.max(this.callerEndMs, botEnd) * this.sampleRate) / 1000);
    const left = new Int16Array(n);
    let off = 0;
    for (const c of this.caller) {
      left.set(c.subarray(0, Math.max(0, Math.min(c.length, n - off))), off);
      off += c.length;
    }
    const right = new Int16Array(n);
    for (const b of this.bot) {
      const at = Math.round((b.atMs * this.sampleRate) / 1000);
      right.set(b.samples.subarray(0, Math.max(0, Math.min(b.samples.length, n - at))), at);
    }
    return { left, right };
  }

  /** Writes the recording; returns its bare file name inside the recordings directory. */
  async save(callId: string): Promise<string> {
    // Patient voices: readable by the platform's user only.
    await mkdir(this.opts.dir, { recursive: true, mode: 0o700 });
    if (this.opts.retentionDays !== undefined) await this.sweep(this.opts.retentionDays);
    const { left, right } = this.tracks();
    let samples: Int16Array;
    let channels = 1;
    if (this.opts.layout === 'stereo') {
      channels = 2;
      samples = new Int16Array(left.length * 2);
      for (let i = 0; i < left.length; i++) {
        samples[2 * i] = left[i]!;
        samples[2 * i + 1] = right[i]!;
      }
    } else {
      samples = new Int16Array(left.length);
      for (let i = 0; i < left.length; i++) samples[i] = Math.max(-32768, Math.min(32767, left[i]! + right[i]!));
    }
    const wav = writeWav({ sampleRate: this.sampleRate, channels, samples });
    const base = `${callId.replace(/[^A-Za-z0-9_-]/g, '_')}.wav`;
    const key = this.opts.encryptionKey;
    const name = key ? `${base}${ENCRYPTED_RECORDING_SUFFIX}` : base;
    const file = join(this.opts.dir, name);
    await writeFile(file, key ? encryptRecording(wav, key, name) : wav, { mode: 0o600 });
    await chmod(file, 0o600); // the mode given to writeFile applies only when it creates the file
    return name;
  }

  /** Delete recordings older than the retention. */
  private async sweep(retentionDays: number): Promise<void> {
    const cutoff = Date.now() - retentionDays * 86_400_000;
    for (const name of await readdir(this.opts.dir)) {
      if (!name.endsWith('.wav') && !name.endsWith(`.wav${ENCRYPTED_RECORDING_SUFFIX}`)) continue;
      const p = join(this.opts.dir, name);
      try {
        if ((await stat(p)).mtimeMs < cutoff) await unlink(p);
      } catch {
        // raced with another sweep
      }
    }
  }
}
