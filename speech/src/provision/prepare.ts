/**
 * Preparation steps for model files taken out of Python wheels: what sherpa-onnx's own export
 * scripts do in Python, done here in Node so provisioning needs no Python.
 */
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TzError } from '@tingzhen/voice-core';
import type { PrepareStep } from '../catalogue.js';

/** Where Debian (and other distributions) put espeak-ng's data; the first that exists is used. */
export const ESPEAK_DATA_DIRS: readonly string[] = [
  '/usr/lib/x86_64-linux-gnu/espeak-ng-data',
  '/usr/lib/aarch64-linux-gnu/espeak-ng-data',
  '/usr/share/espeak-ng-data',
  '/usr/lib/espeak-ng-data',
];

/**
 * Moonshine `tokenizer.bin`: one entry per token id, a length then that many bytes. The length is
 * one byte below 128, else two bytes, `b2 * 128 + (b1 - 128)` (sherpa-onnx
 * scripts/moonshine/v2/generate_tokens.py). sherpa's tokens.txt holds `base64(bytes) id`.
 */
export function moonshineTokens(bin: Buffer): string {
  const lines: string[] = [];
  let off = 0;
  let id = 0;
  while (off < bin.length) {
    const b1 = bin[off++]!;
    let len = b1;
    if (b1 >= 128) {
      if (off >= bin.length) throw new TzError('TZ_ERR_MODEL_CORRUPT', { problem: 'tokenizer.bin ends inside a length' });
      len = bin[off++]! * 128 + (b1 - 128);
    }
    if (off + len > bin.length) throw new TzError('TZ_ERR_MODEL_CORRUPT', { problem: 'tokenizer.bin ends inside a token' });
    lines.push(`${bin.subarray(off, off + len).toString('base64')} ${id++}`);
    off += len;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Piper `<voice>.onnx.json`: `phoneme_id_map` {symbol: [id]} -> `symbol id` per line, in id order
 * (JSON.parse moves integer-like keys such as "0" first, so the document order is not kept).
 */
export function piperTokens(json: string): string {
  const map = (JSON.parse(json) as { phoneme_id_map?: Record<string, number[]> }).phoneme_id_map;
  if (!map || typeof map !== 'object') throw new TzError('TZ_ERR_MODEL_CORRUPT', { problem: 'no phoneme_id_map in the piper voice config' });
  return Object.entries(map).map(([symbol, ids]) => [symbol, ids[0]!] as const)
    .sort((a, b) => a[1] - b[1]).map(([symbol, id]) => `${symbol} ${id}\n`).join('');
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
  out.push(n);
  return Buffer.from(out);
}

function lengthDelimited(field: number, body: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(body.length), body]);
}

/**
 * Encoded `ModelProto.metadata_props` entries (field 14, StringStringEntryProto {key = 1,
 * value = 2}). Protobuf parsers merge a message's fields across concatenated encodings and append
 * repeated fields, so these bytes appended to an .onnx file add the entries without re-encoding the
 * model (the graph and weights stay byte for byte).
 */
export function onnxMetadataBytes(metadata: Readonly<Record<string, string>>): Buffer {
  return Buffer.concat(Object.entries(metadata).map(([k, v]) =>
    lengthDelimited(14, Buffer.concat([lengthDelimited(1, Buffer.from(k, 'utf8')), lengthDelimited(2, Buffer.from(v, 'utf8'))]))));
}

export function systemEspeakData(dirs: readonly string[] = ESPEAK_DATA_DIRS): string | null {
  for (const d of dirs) {
    try {
      if (statSync(join(d, 'phontab')).isFile()) return d;
    } catch { /* next */ }
  }
  return null;
}

/** Runs one step inside `dir` (the staging folder). */
export function runPrepareStep(dir: string, step: PrepareStep, espeakDirs?: readonly string[]): void {
  switch (step.step) {
    case 'moonshine-tokens':
      writeFileSync(join(dir, step.to), moonshineTokens(readFileSync(join(dir, step.from))));
      return;
    case 'piper-tokens':
      writeFileSync(join(dir, step.to), piperTokens(readFileSync(join(dir, step.from), 'utf8')));
      return;
    case 'onnx-metadata':
      appendFileSync(join(dir, step.file), onnxMetadataBytes(step.metadata));
      return;
    case 'espeak-ng-data': {
      const data = systemEspeakData(espeakDirs);
      if (!data) {
        throw new TzError('TZ_ERR_MODEL_MISSING', { file: ESPEAK_DATA_DIRS[0], fix: 'install the espeak-ng-data package (Debian: apt-get install -y espeak-ng-data)' },
          { message: 'espeak-ng-data not found; the piper voice needs it. Fix: apt-get install -y espeak-ng-data' });
      }
      const to = join(dir, step.to);
      if (existsSync(to)) rmSync(to, { recursive: true, force: true });
      symlinkSync(data, to, 'dir');
      return;
    }
    case 'remove':
      rmSync(join(dir, step.file), { force: true });
      return;
  }
}
