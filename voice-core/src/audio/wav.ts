/**
 * WAV (RIFF/WAVE) reading and writing.
 *
 * Reads PCM (8/16/24/32-bit), IEEE float (32/64-bit), A-law (format 6) and mu-law (format 7),
 * plain or WAVE_FORMAT_EXTENSIBLE, into PCM16. Unknown chunks (LIST, fact, cue, bext...) are
 * skipped; chunks are word aligned (a pad byte follows an odd-sized chunk, RIFF spec 1991 p. 2-1).
 * Anything malformed or truncated is a TzError('TZ_ERR_WAV_INVALID', { reason }), never a
 * RangeError from a Buffer read.
 *
 * Writes PCM16 (default), mu-law, A-law or float32.
 */
import { TzError } from '../errors.js';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
import { float32ToPcm16 } from './pcm.js';

export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64' | 'alaw' | 'mulaw';

export interface WavAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved PCM16 (frame-major: L R L R ... for stereo). */
  samples: Int16Array;
  /** Samples per channel. */
  frames: number;
  /** How the file stored the samples. */
  encoding: WavEncoding;
  /** Mixdown to mono (the same array as `samples` when the file is mono). */
  mono: Int16Array;
  /** One channel, de-interleaved (0-based). */
  channel(index: number): Int16Array;
}

export interface WavWriteInput {
  sampleRate: number;
  /** Defaults to 1. */
  channels?: number;
  /** Interleaved PCM16. */
  samples: Int16Array;
  /** Defaults to 'pcm16'. */
  encoding?: 'pcm16' | 'mulaw' | 'alaw' | 'float32';
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;
/** Streaming writers put this in the data size when they cannot seek back. */
const SIZE_UNKNOWN = 0xffffffff;

function invalid(reason: string, details: Record<string, unknown> = {}): TzError {
  return new TzError('TZ_ERR_WAV_INVALID', { reason, ...details });
}

/** Mix interleaved channels to mono by averaging. */
export function mixToMono(samples: Int16Array, channels: number): Int16Array {
  if (channels === 1) return samples;
  const frames = Math.floor(samples.length / channels);
  const out = new Int16Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += samples[f * channels + c]!;
    out[f] = Math.round(sum / channels);
  }
  return out;
}

/** One channel out of interleaved samples. */
export function deinterleave(samples: Int16Array, channels: number, index: number): Int16Array {
  if (!Number.isInteger(index) || index < 0 || index >= channels) {
    throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'channel index out of range', index, channels });
  }
  const frames = Math.floor(samples.length / channels);
  const out = new Int16Array(frames);
  for (let f = 0; f < frames; f++) out[f] = samples[f * channels + index]!;
  return out;
}

interface Fmt {
  formatTag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function parseFmt(buf: Buffer, off: number, size: number): Fmt {
  if (size < 16) throw invalid('fmt chunk too short', { size });
  let formatTag = buf.readUInt16LE(off);
  const channels = buf.readUInt16LE(off + 2);
  const sampleRate = buf.readUInt32LE(off + 4);
  const blockAlign = buf.readUInt16LE(off + 12);
  const bitsPerSample = buf.readUInt16LE(off + 14);
  if (formatTag === FORMAT_EXTENSIBLE) {
    // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4) SubFormat GUID(16); the first
    // two bytes of the GUID are the real format tag.
    if (size < 40) throw invalid('extensible fmt chunk too short', { size });
    formatTag = buf.readUInt16LE(off + 24);
  }
  if (channels < 1 || channels > 32) throw invalid('bad channel count', { channels });
  if (sampleRate < 1000 || sampleRate > 384000) throw invalid('bad sample rate', { sampleRate });
  return { formatTag, channels, sampleRate, blockAlign, bitsPerSample };
}

function encodingOf(fmt: Fmt): WavEncoding {
  const { formatTag, bitsPerSample: bits } = fmt;
  if (formatTag === FORMAT_PCM) {
    if (bits === 8) return 'pcm8';
    if (bits === 16) return 'pcm16';
    if (bits === 24) return 'pcm24';
    if (bits === 32) return 'pcm32';
  } else if (formatTag === FORMAT_FLOAT) {
    if (bits === 32) return 'float32';
    if (bits === 64) return 'float64';
  } else if (formatTag === FORMAT_ALAW && bits === 8) {
    return 'alaw';
  } else if (formatTag === FORMAT_MULAW && bits === 8) {
    return 'mulaw';
  }
  throw invalid('unsupported format', { formatTag, bitsPerSample: bits });
}

function decode(data: Buffer, enc: WavEncoding): Int16Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
  switch (enc) {
    case 'pcm8': {
      // 8-bit WAV is unsigned with 128 = silence.
      const out = new Int16Array(data.length);
      for (let i = 0; i < data.length; i++) out[i] = (data[i]! - 128) << 8;
      return out;
    }
    case 'pcm16': {
      const out = new Int16Array(data.length >> 1);
      for (let i = 0; i < out.length; i++) out[i] = data.readInt16LE(i * 2);
      return out;
    }
    case 'pcm24': {
      const out = new Int16Array(Math.floor(data.length / 3));
      for (let i = 0; i < out.length; i++) out[i] = data.readIntLE(i * 3, 3) >> 8;
      return out;
    }
    case 'pcm32': {
      const out = new Int16Array(data.length >> 2);
      for (let i = 0; i < out.length; i++) out[i] = data.readInt32LE(i * 4) >> 16;
      return out;
    }
    case 'float32': {
      const f = new Float32Array(data.length >> 2);
      for (let i = 0; i < f.length; i++) f[i] = data.readFloatLE(i * 4);
      return float32ToPcm16(f);
    }
    case 'float64': {
      const f = new Float32Array(data.length >> 3);
      for (let i = 0; i < f.length; i++) f[i] = data.readDoubleLE(i * 8);
      return float32ToPcm16(f);
    }
    case 'alaw':
      return alawDecode(bytes);
    case 'mulaw':
      return mulawDecode(bytes);
  }
}

const BYTES_PER_SAMPLE: Record<WavEncoding, number> = {
  pcm8: 1, pcm16: 2, pcm24: 3, pcm32: 4, float32: 4, float64: 8, alaw: 1, mulaw: 1,
};

/** Parse a WAV file held in memory. */
export function readWav(buf: Buffer): WavAudio {
  if (!Buffer.isBuffer(buf)) throw invalid('not a buffer');
  if (buf.length < 12) throw invalid('file too short for a RIFF header', { bytes: buf.length });
  if (buf.toString('latin1', 0, 4) !== 'RIFF') throw invalid('not a RIFF file');
  if (buf.toString('latin1', 8, 12) !== 'WAVE') throw invalid('RIFF form is not WAVE');
  let fmt: Fmt | null = null;
  let data: Buffer | null = null;
  let off = 12;
  while (off + 8 <= buf.length) {
    const id = buf.toString('latin1', off, off + 4);
    const declared = buf.readUInt32LE(off + 4);
    const body = off + 8;
    const remaining = buf.length - body;
    if (id === 'data') {
      if (declared === SIZE_UNKNOWN || (declared === 0 && remaining > 0)) {
        data = buf.subarray(body);
      } else if (declared > remaining) {
        throw invalid('data chunk is truncated', { declaredBytes: declared, availableBytes: remaining });
      } else {
        data = buf.subarray(body, body + declared);
      }
      if (fmt) break;
    } else if (declared > remaining) {
      throw invalid('chunk runs past the end of the file', { chunk: id.replace(/[^\x20-\x7e]/g, '?'), declaredBytes: declared, availableBytes: remaining });
    } else if (id === 'fmt ') {
      fmt = parseFmt(buf, body, declared);
    }
    // Chunks are word aligned: an odd size is followed by one pad byte.
    off = body + declared + (declared & 1);
    if (data && fmt) break;
  }
  if (!fmt) throw invalid('missing fmt chunk');
  if (!data) throw invalid('missing data chunk');
  const encoding = encodingOf(fmt);
  const expectedAlign = BYTES_PER_SAMPLE[encoding] * fmt.channels;
  if (fmt.blockAlign !== expectedAlign) throw invalid('block align does not match the format', { blockAlign: fmt.blockAlign, expected: expectedAlign });
  // A trailing partial frame (writer cut mid-frame) is dropped rather than mis-assigned to channels.
  const usable = data.subarray(0, data.length - (data.length % expectedAlign));
  const samples = decode(usable, encoding);
  const channels = fmt.channels;
  const mono = mixToMono(samples, channels);
  return {
    sampleRate: fmt.sampleRate,
    channels,
    samples,
    frames: samples.length / channels,
    encoding,
    mono,
    channel: (index: number) => (channels === 1 && index === 0 ? samples.slice() : deinterleave(samples, channels, index)),
  };
}

/** Build a WAV file. PCM16 by default; mu-law/A-law/float32 on request. */
export function writeWav(input: WavWriteInput): Buffer {
  const channels = input.channels ?? 1;
  const encoding = input.encoding ?? 'pcm16';
  const { sampleRate, samples } = input;
  if (!Number.isInteger(channels) || channels < 1 || channels > 32) throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'bad channel count', channels });
  if (!Number.isInteger(sampleRate) || sampleRate < 1000 || sampleRate > 384000) throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'bad sample rate', sampleRate });
  if (samples.length % channels !== 0) throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'sample count is not a multiple of channels', channels, samples: samples.length });
  let payload: Buffer;
  let formatTag: number;
  let bits: number;
  if (encoding === 'pcm16') {
    payload = Buffer.alloc(samples.length * 2);
    for (let i = 0; i < samples.length; i++) payload.writeInt16LE(samples[i]!, i * 2);
    formatTag = FORMAT_PCM;
    bits = 16;
  } else if (encoding === 'float32') {
    payload = Buffer.alloc(samples.length * 4);
    for (let i = 0; i < samples.length; i++) payload.writeFloatLE(samples[i]! / 32768, i * 4);
    formatTag = FORMAT_FLOAT;
    bits = 32;
  } else {
    const codes = encoding === 'mulaw' ? mulawEncode(samples) : alawEncode(samples);
    payload = Buffer.from(codes.buffer, codes.byteOffset, codes.length);
    formatTag = encoding === 'mulaw' ? FORMAT_MULAW : FORMAT_ALAW;
    bits = 8;
  }
  const isPcm = formatTag === FORMAT_PCM;
  // Non-PCM formats carry cbSize in fmt (18 bytes) and a fact chunk with the frame count.
  const fmtSize = isPcm ? 16 : 18;
  const factSize = isPcm ? 0 : 12;
  const pad = payload.length & 1;
  const total = 12 + 8 + fmtSize + factSize + 8 + payload.length + pad;
  const out = Buffer.alloc(total);
  const blockAlign = (bits / 8) * channels;
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(total - 8, 4);
  out.write('WAVE', 8, 'latin1');
  let o = 12;
  out.write('fmt ', o, 'latin1');
  out.writeUInt32LE(fmtSize, o + 4);
  out.writeUInt16LE(formatTag, o + 8);
  out.writeUInt16LE(channels, o + 10);
  out.writeUInt32LE(sampleRate, o + 12);
  out.writeUInt32LE(sampleRate * blockAlign, o + 16);
  out.writeUInt16LE(blockAlign, o + 20);
  out.writeUInt16LE(bits, o + 22);
  if (!isPcm) out.writeUInt16LE(0, o + 24);
  o += 8 + fmtSize;
  if (!isPcm) {
    out.write('fact', o, 'latin1');
    out.writeUInt32LE(4, o + 4);
    out.writeUInt32LE(samples.length / channels, o + 8);
    o += 12;
  }
  out.write('data', o, 'latin1');
  out.writeUInt32LE(payload.length, o + 4);
  payload.copy(out, o + 8);
  return out;
}
