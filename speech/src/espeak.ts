/**
 * Fallback voice: espeak-ng as a subprocess, used when no neural TTS model is provisioned.
 * English natively; Mandarin through pinyin with tone numbers (pinyin-pro) spoken by Debian's
 * `cmn-latn-pinyin` voice (the plain `cmn` voice reads latin letters as English, and Debian's build
 * cannot read Chinese characters). Audio comes from `--stdout` as it is produced, is resampled to
 * the leg rate and leaves in 20 ms frames. `capabilities.fallback` is true.
 */
import { spawn, spawnSync } from 'node:child_process';
import { pinyin } from 'pinyin-pro';
import { TzError, createLogger, pcm16ToFloat32, type AudioFrame, type EngineCapabilities, type Logger, type TtsEngine, type TtsRequest } from '@tingzhen/voice-core';
import { splitSentences } from './sentences.js';
import { AsyncQueue, FrameChunker } from './tts-frames.js';

/** espeak-ng's default rate, words per minute; `speed` scales it. */
const BASE_WPM = 175;
/** espeak-ng's own output rate, Hz (read from the WAV header; this is the expected value). */
const ESPEAK_RATE = 22050;
const WAV_HEADER_BYTES = 44;

export interface EspeakLoadOptions {
  /** Path or name of the espeak-ng binary. */
  binary?: string;
  logger?: Logger;
}

const VOICES: Record<string, string> = { en: 'en-us', zh: 'cmn-latn-pinyin' };

const FULLWIDTH: Record<string, string> = { '，': ', ', '。': '. ', '！': '! ', '？': '? ', '；': '; ', '：': ': ', '、': ', ', '…': '. ' };

/** Mandarin text -> pinyin with tone numbers (neutral tone as 5, which espeak-ng reads as neutral). */
export function toPinyin(text: string): string {
  const py = pinyin(text, { toneType: 'num', type: 'array', nonZh: 'consecutive' });
  return py
    .map((s) => s.replace(/^([a-zü]+)0$/u, '$15').replace(/[，。！？；：、…]/gu, (c) => FULLWIDTH[c] ?? ' '))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class EspeakTtsEngine implements TtsEngine {
  readonly capabilities: EngineCapabilities = { name: 'espeak-ng', languages: ['en', 'zh'], sampleRate: ESPEAK_RATE, fallback: true };

  private constructor(private readonly binary: string, private readonly logger: Logger) {}

  static async load(opts: EspeakLoadOptions = {}): Promise<EspeakTtsEngine> {
    const binary = opts.binary ?? 'espeak-ng';
    const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    if (r.error || r.status !== 0) {
      throw new TzError('TZ_ERR_TTS_UNAVAILABLE', { binary, fix: 'install espeak-ng (Debian: `apt-get install -y espeak-ng`) or provision a TTS model with `npx tingzhen models download`' }, { cause: r.error });
    }
    return new EspeakTtsEngine(binary, opts.logger ?? createLogger({ name: 'speech' }));
  }

  /** Stops quietly (no more frames) when `req.signal` aborts. */
  async *synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    const lang = req.language.toLowerCase().split('-')[0]!;
    const voice = VOICES[lang];
    if (!voice) throw new TzError('TZ_ERR_VALIDATION', { language: req.language, fix: 'espeak fallback speaks en and zh' });
    const speed = req.speed ?? 1;
    if (!(speed >= 0.5 && speed <= 2)) throw new TzError('TZ_ERR_VALIDATION', { speed, fix: 'speed between 0.5 and 2' });
    const chunker = new FrameChunker(req.sampleRate);
    for (const sentence of splitSentences(req.text)) {
      if (req.signal?.aborted) return;
      const spoken = lang === 'zh' ? toPinyin(sentence) : sentence;
      for await (const chunk of this.run(voice, Math.round(BASE_WPM * speed), spoken, req.signal)) {
        for (const f of chunker.push(chunk.samples, chunk.rate)) yield f;
      }
    }
    if (req.signal?.aborted) return;
    for (const f of chunker.end()) yield f;
  }

  private run(voice: string, wpm: number, text: string, signal?: AbortSignal): AsyncQueue<{ samples: Float32Array; rate: number }> {
    const q = new AsyncQueue<{ samples: Float32Array; rate: number }>();
    const child = spawn(this.binary, ['-v', voice, '-s', String(wpm), '-b', '1', '--stdout', '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let header = Buffer.alloc(0);
    let rate = ESPEAK_RATE;
    let odd: Buffer = Buffer.alloc(0);
    const onAbort = () => { child.kill('SIGKILL'); q.end(); };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (data: Buffer) => {
      let buf = data;
      if (header.length < WAV_HEADER_BYTES) {
        const need = WAV_HEADER_BYTES - header.length;
        header = Buffer.concat([header, buf.subarray(0, need)]);
        buf = buf.subarray(need);
        if (header.length === WAV_HEADER_BYTES) rate = header.readUInt32LE(24);
      }
      buf = odd.length ? Buffer.concat([odd, buf]) : buf;
      const even = buf.length & ~1;
      odd = buf.subarray(even);
      if (even === 0) return;
      const pcm = new Int16Array(even / 2);
      for (let i = 0; i < pcm.length; i++) pcm[i] = buf.readInt16LE(2 * i);
      q.push({ samples: pcm16ToFloat32(pcm), rate });
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', (err) => q.end(new TzError('TZ_ERR_ENGINE', { engine: 'espeak-ng' }, { cause: err })));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (code === 0 || signal?.aborted) q.end();
      else q.end(new TzError('TZ_ERR_ENGINE', { engine: 'espeak-ng', exitCode: code, stderr: stderr.slice(0, 200) }));
    });
    child.stdin.on('error', () => { /* reported through 'close' */ });
    child.stdin.end(text);
    return q;
  }

  close(): void {
    this.logger.debug('espeak fallback closed');
  }
}
