/**
 * One ffmpeg process per monitored call: raw PCM16 mono on stdin, AAC in FLV over RTMP to the
 * relay (node-media-server does not transcode). Low-delay flags: no input probing, packets flushed
 * as written. Stopping closes stdin (ffmpeg flushes and exits), then SIGTERM, then SIGKILL.
 * ffmpeg's stderr is not logged: its lines hold the signed publish URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { TzError } from '@tingzhen/voice-core';

export interface FfmpegPublisherOptions {
  ffmpegPath?: string;
  inputSampleRate: number;
  /** AAC output rate (default 16000: every browser's AAC decoder takes it). */
  outputSampleRate?: number;
  /** AAC bit rate, bit/s (default 32000). */
  bitRate?: number;
  url: string;
}

/** Grace for ffmpeg to flush after stdin closes before it is signalled, ms. */
const STOP_GRACE_MS = 2000;

export class FfmpegPublisher {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  private ended = false;
  private dropped = 0;

  constructor(o: FfmpegPublisherOptions) {
    const args = [
      '-hide_banner', '-loglevel', 'error', '-nostats',
      '-f', 's16le', '-ar', String(o.inputSampleRate), '-ac', '1', '-probesize', '32', '-analyzeduration', '0', '-i', 'pipe:0',
      '-c:a', 'aac', '-b:a', String(o.bitRate ?? 32000), '-ar', String(o.outputSampleRate ?? 16000), '-ac', '1',
      '-flush_packets', '1', '-f', 'flv', o.url,
    ];
    this.process = spawn(o.ffmpegPath ?? 'ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    this.process.stderr?.resume();
    this.process.stdin?.on('error', () => { this.ended = true; }); // EPIPE when ffmpeg has gone
    this.exited = new Promise((resolve, reject) => {
      this.process.once('error', (err) => reject(new TzError('TZ_ERR_ENGINE', { engine: 'ffmpeg', problem: err.message })));
      this.process.once('exit', (code) => { this.ended = true; resolve(code); });
    });
    this.exited.catch(() => { this.ended = true; });
  }

  get running(): boolean { return !this.ended; }
  /** Chunks dropped because ffmpeg was not keeping up. */
  get droppedChunks(): number { return this.dropped; }

  write(samples: Int16Array): void {
    const stdin = this.process.stdin;
    if (this.ended || !stdin || stdin.destroyed) return;
    // Keep real time: if ffmpeg lags by more than ~1 s of audio, drop rather than buffer.
    if (stdin.writableLength > 32_000) { this.dropped++; return; }
    stdin.write(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  }

  async stop(): Promise<number | null> {
    this.process.stdin?.end();
    const timer = setTimeout(() => this.process.kill('SIGTERM'), STOP_GRACE_MS);
    const kill = setTimeout(() => this.process.kill('SIGKILL'), STOP_GRACE_MS * 2);
    try {
      return await this.exited;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
      clearTimeout(kill);
    }
  }
}
