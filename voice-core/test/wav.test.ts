import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWav, writeWav, mixToMono, mulawEncode, g711RoundTrip, type WavAudio } from '../src/audio/index.js';
import { isTzError, TzError } from '../src/errors.js';
import { TEST_WAVS_DIR } from './models-dir.js';
import { sine } from './signal-helpers.js';

const wavFiles = readdirSync(TEST_WAVS_DIR).filter((f) => f.endsWith('.wav'));

function expectWavError(buf: Buffer, reason: RegExp): void {
  let err: unknown;
  try { readWav(buf); } catch (e) { err = e; }
  expect(isTzError(err, 'TZ_ERR_WAV_INVALID')).toBe(true);
  expect(String((err as TzError).details.reason)).toMatch(reason);
}

/** Build a RIFF file from raw chunks (id, body), with word-alignment padding. */
function riff(chunks: [string, Buffer][]): Buffer {
  const parts: Buffer[] = [Buffer.from('WAVE', 'latin1')];
  for (const [id, body] of chunks) {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'latin1');
    h.writeUInt32LE(body.length, 4);
    parts.push(h, body);
    if (body.length & 1) parts.push(Buffer.alloc(1));
  }
  const payload = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

function fmtChunk(tag: number, channels: number, rate: number, bits: number): Buffer {
  const b = Buffer.alloc(16);
  const align = (bits / 8) * channels;
  b.writeUInt16LE(tag, 0); b.writeUInt16LE(channels, 2); b.writeUInt32LE(rate, 4);
  b.writeUInt32LE(rate * align, 8); b.writeUInt16LE(align, 12); b.writeUInt16LE(bits, 14);
  return b;
}

describe('readWav on the shared test recordings', () => {
  it('finds the recordings', () => expect(wavFiles.length).toBeGreaterThanOrEqual(8));
  for (const f of wavFiles) {
    it(`reads ${f}`, () => {
      const buf = readFileSync(join(TEST_WAVS_DIR, f));
      const w = readWav(buf);
      expect(w.channels).toBe(1);
      expect(w.encoding).toBe('pcm16');
      expect(w.sampleRate).toBe(f.includes('_8k_') ? 8000 : 16000);
      const dataAt = buf.indexOf('data', 12, 'latin1') + 8;
      expect(w.samples.length).toBe(buf.readUInt32LE(dataAt - 4) / 2);
      expect(w.mono).toBe(w.samples);
      // real speech: some energy, and the first samples are what the bytes say
      expect(w.samples.some((s) => Math.abs(s) > 1000)).toBe(true);
      expect(w.samples[0]).toBe(buf.readInt16LE(dataAt));
      expect(w.samples[w.samples.length - 1]).toBe(buf.readInt16LE(dataAt + w.samples.length * 2 - 2));
      // writing it back gives the canonical file: 44-byte header + the same data bytes
      const again = writeWav({ sampleRate: w.sampleRate, channels: w.channels, samples: w.samples });
      expect(again.subarray(44).equals(buf.subarray(dataAt, dataAt + w.samples.length * 2))).toBe(true);
      expect(readWav(again).samples).toEqual(w.samples);
    });
  }
});

describe('readWav formats', () => {
  const pcm = sine(440, 8000, 100, 12000);
  it('round-trips PCM16 mono and stereo with per-channel access and mixdown', () => {
    const st = new Int16Array(pcm.length * 2);
    pcm.forEach((s, i) => { st[2 * i] = s; st[2 * i + 1] = -s >> 1; });
    const w: WavAudio = readWav(writeWav({ sampleRate: 8000, channels: 2, samples: st }));
    expect(w.channels).toBe(2);
    expect(w.frames).toBe(pcm.length);
    expect(w.channel(0)).toEqual(pcm);
    expect(w.channel(1)).toEqual(pcm.map((s) => -s >> 1));
    expect(w.mono).toEqual(mixToMono(st, 2));
    expect(w.mono[10]).toBe(Math.round((st[20]! + st[21]!) / 2));
    expect(() => w.channel(2)).toThrow(TzError);
  });
  it('reads mu-law (format 7) and A-law (format 6) files as decoded PCM16', () => {
    for (const enc of ['mulaw', 'alaw'] as const) {
      const buf = writeWav({ sampleRate: 8000, samples: pcm, encoding: enc });
      expect(buf.readUInt16LE(20)).toBe(enc === 'mulaw' ? 7 : 6);
      const w = readWav(buf);
      expect(w.encoding).toBe(enc);
      expect(w.samples).toEqual(g711RoundTrip(pcm, enc));
    }
  });
  it('reads float32 WAV', () => {
    const w = readWav(writeWav({ sampleRate: 16000, samples: pcm, encoding: 'float32' }));
    expect(w.encoding).toBe('float32');
    expect(w.samples).toEqual(pcm);
  });
  it('reads 8-bit, 24-bit and extensible PCM', () => {
    const p8 = Buffer.from([128, 255, 0, 192]);
    expect(Array.from(readWav(riff([['fmt ', fmtChunk(1, 1, 8000, 8)], ['data', p8]])).samples)).toEqual([0, 127 << 8, -32768, 64 << 8]);
    const p24 = Buffer.alloc(6); p24.writeIntLE(0x123456, 0, 3); p24.writeIntLE(-0x100000, 3, 3);
    expect(Array.from(readWav(riff([['fmt ', fmtChunk(1, 1, 8000, 24)], ['data', p24]])).samples)).toEqual([0x1234, -0x1000]);
    const ext = Buffer.alloc(40); fmtChunk(0xfffe, 1, 8000, 8).copy(ext); ext.writeUInt16LE(22, 16); ext.writeUInt16LE(7, 24);
    const codes = Buffer.from(mulawEncode(pcm));
    expect(readWav(riff([['fmt ', ext], ['data', codes]])).samples).toEqual(g711RoundTrip(pcm, 'mulaw'));
  });
  it('skips unknown chunks (LIST, odd-sized with pad byte) before and after fmt', () => {
    const data = Buffer.alloc(8); data.writeInt16LE(1234, 0); data.writeInt16LE(-5, 6);
    const buf = riff([['LIST', Buffer.from('INFOISFT\x05\x00\x00\x00abcde', 'latin1')], ['junk', Buffer.alloc(3, 7)], ['fmt ', fmtChunk(1, 1, 16000, 16)], ['bext', Buffer.alloc(1)], ['data', data], ['LIST', Buffer.alloc(4)]]);
    const w = readWav(buf);
    expect(w.sampleRate).toBe(16000);
    expect(Array.from(w.samples)).toEqual([1234, 0, 0, -5]);
  });
  it('accepts a streaming-writer data size (0xFFFFFFFF) as "to end of file"', () => {
    const buf = riff([['fmt ', fmtChunk(1, 1, 8000, 16)], ['data', Buffer.alloc(10)]]);
    buf.writeUInt32LE(0xffffffff, 40);
    expect(readWav(buf).samples.length).toBe(5);
  });
});

describe('readWav on malformed input', () => {
  const good = writeWav({ sampleRate: 8000, samples: sine(300, 8000, 50) });
  it('rejects non-RIFF, short and non-WAVE buffers', () => {
    expectWavError(Buffer.alloc(0), /too short/);
    expectWavError(Buffer.from('RIFF'), /too short/);
    expectWavError(Buffer.from('OggS0000WAVEfmt '), /not a RIFF/);
    const avi = Buffer.from(good); avi.write('AVI ', 8, 'latin1');
    expectWavError(avi, /not WAVE/);
  });
  it('rejects a truncated data chunk and a chunk overrunning the file', () => {
    expectWavError(good.subarray(0, good.length - 10), /truncated/);
    const bad = riff([['fmt ', fmtChunk(1, 1, 8000, 16)], ['LIST', Buffer.alloc(4)], ['data', Buffer.alloc(4)]]);
    bad.writeUInt32LE(1000, 40);
    expectWavError(bad, /past the end/);
  });
  it('rejects missing fmt / data, bad fmt fields and unsupported formats', () => {
    expectWavError(riff([['data', Buffer.alloc(4)]]), /missing fmt/);
    expectWavError(riff([['fmt ', fmtChunk(1, 1, 8000, 16)]]), /missing data/);
    expectWavError(riff([['fmt ', Buffer.alloc(10)], ['data', Buffer.alloc(4)]]), /fmt chunk too short/);
    expectWavError(riff([['fmt ', fmtChunk(1, 0, 8000, 16)], ['data', Buffer.alloc(4)]]), /channel/);
    expectWavError(riff([['fmt ', fmtChunk(1, 1, 0, 16)], ['data', Buffer.alloc(4)]]), /sample rate/);
    expectWavError(riff([['fmt ', fmtChunk(2, 1, 8000, 4)], ['data', Buffer.alloc(4)]]), /unsupported format/);
    expectWavError(riff([['fmt ', fmtChunk(1, 1, 8000, 12)], ['data', Buffer.alloc(4)]]), /unsupported format/);
    const f = fmtChunk(1, 2, 8000, 16); f.writeUInt16LE(3, 12);
    expectWavError(riff([['fmt ', f], ['data', Buffer.alloc(4)]]), /block align/);
  });
  it('never throws anything but TZ_ERR_WAV_INVALID on random corruption of a real file', () => {
    const real = readFileSync(join(TEST_WAVS_DIR, 'IT0011W0001_8k_ulaw.wav')).subarray(0, 400);
    let seed = 12345;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    for (let t = 0; t < 2000; t++) {
      const b = Buffer.from(real.subarray(0, 8 + Math.floor(rnd() * 392)));
      for (let k = 0; k < 3; k++) b[Math.floor(rnd() * Math.min(b.length, 60))] = Math.floor(rnd() * 256);
      try { readWav(b); } catch (e) { expect(isTzError(e, 'TZ_ERR_WAV_INVALID')).toBe(true); }
    }
  });
  it('writeWav refuses inconsistent input with a typed error', () => {
    expect(() => writeWav({ sampleRate: 8000, channels: 2, samples: new Int16Array(3) })).toThrow(TzError);
    expect(() => writeWav({ sampleRate: 0, samples: new Int16Array(3) })).toThrow(TzError);
  });
});
