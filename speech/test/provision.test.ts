import { createHash, randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError } from '@tingzhen/voice-core';
import { findModel, provisionModel, type CatalogueEntry, type ProgressEvent } from '@tingzhen/speech';

const BIN = fileURLToPath(new URL('../../app/bin/tingzhen.js', import.meta.url));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// A small model archive: test-model/{model.onnx,tokens.txt}, built with Debian tar + bzip2.
const work = mkdtempSync(join(tmpdir(), 'tz-prov-'));
const onnx = randomBytes(300_000);
onnx[0] = 0x08;
mkdirSync(join(work, 'src', 'test-model'), { recursive: true });
writeFileSync(join(work, 'src', 'test-model', 'model.onnx'), onnx);
writeFileSync(join(work, 'src', 'test-model', 'tokens.txt'), 'a 0\nb 1\n');
execFileSync('tar', ['-cjf', join(work, 'test-model.tar.bz2'), '-C', join(work, 'src'), 'test-model']);
const archive = readFileSync(join(work, 'test-model.tar.bz2'));

let server: Server;
let base = '';
/** Per-path behaviour: cut the first N GET bodies after `cutAt` bytes. */
const state = { cutsLeft: 0, cutAt: 0, ranges: [] as (string | undefined)[], serveWrong: false };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/redirect/test-model.tar.bz2') { res.writeHead(302, { location: '/test-model.tar.bz2' }); res.end(); return; }
    if (req.url !== '/test-model.tar.bz2') { res.writeHead(404); res.end(); return; }
    state.ranges.push(req.headers.range);
    const body = state.serveWrong ? Buffer.from(archive).fill(1, 1000, 2000) : archive;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    if (start >= body.length) { res.writeHead(416, { 'content-range': `bytes */${body.length}` }); res.end(); return; }
    const slice = body.subarray(start);
    res.writeHead(m ? 206 : 200, { 'content-length': slice.length, ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}) });
    if (state.cutsLeft > 0) {
      state.cutsLeft--;
      res.write(slice.subarray(0, state.cutAt), () => res.socket?.end());
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function entry(path = '/test-model.tar.bz2', sha256: string | null = sha(archive)): CatalogueEntry {
  return {
    name: 'test-model', kind: 'asr', family: 'transducer', languages: ['zh'], sampleRate: 16000, dir: 'test-model', license: 'test',
    files: { model: { path: 'model.onnx', bytes: onnx.length, sha256: sha(onnx) }, tokens: { path: 'tokens.txt', bytes: null, sha256: null } },
    assets: [{ url: `${base}${path}`, format: 'tar.bz2', sha256, bytes: archive.length }],
  };
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'tz-models-'));
}

describe('model provisioning against a local HTTP server', () => {
  it('downloads (following a redirect), reports progress, verifies sha256, unpacks, checks the files', async () => {
    const dir = freshDir();
    state.ranges = [];
    const events: ProgressEvent[] = [];
    const r = await provisionModel(entry('/redirect/test-model.tar.bz2'), { modelsDir: dir, onProgress: (e) => events.push(e) });
    expect(r.verified).toEqual(['sha256']);
    expect(r.files.every((f) => f.state === 'ok')).toBe(true);
    expect(readFileSync(join(dir, 'test-model', 'model.onnx')).equals(onnx)).toBe(true);
    const dl = events.filter((e) => e.phase === 'download');
    expect(dl.length).toBeGreaterThan(2);
    expect(dl[dl.length - 1]).toMatchObject({ receivedBytes: archive.length, totalBytes: archive.length, resumedFromBytes: 0 });
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['verify', 'extract', 'done']));
    expect(readdirSync(join(dir, '.downloads'))).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.startsWith('.extract-'))).toEqual([]);
  });

  it('an interrupted transfer leaves only a .part; the next run resumes it with a Range request', async () => {
    const dir = freshDir();
    state.ranges = [];
    state.cutsLeft = 1;
    state.cutAt = 100_000;
    const err = await provisionModel(entry(), { modelsDir: dir, retries: 0 }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_DOWNLOAD')).toBe(true);
    const part = join(dir, '.downloads', 'test-model.tar.bz2.part');
    // every byte received is kept in the .part
    // every byte received is kept in the .part (the server sent 100000 before closing; the client may
    // see fewer before it notices the close)
    const kept = statSync(part).size;
    expect(kept).toBe((err as { details: { receivedBytes: number } }).details.receivedBytes);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(100_000);
    expect(existsSync(join(dir, 'test-model'))).toBe(false);
    const events: ProgressEvent[] = [];
    await provisionModel(entry(), { modelsDir: dir, onProgress: (e) => events.push(e) });
    expect(state.ranges).toEqual([undefined, `bytes=${kept}-`]);
    expect(events.find((e) => e.phase === 'download')?.resumedFromBytes).toBe(kept);
    expect(readFileSync(join(dir, 'test-model', 'model.onnx')).equals(onnx)).toBe(true);
    expect(existsSync(part)).toBe(false);
  });

  it('retries resume by themselves within one run', async () => {
    const dir = freshDir();
    state.ranges = [];
    state.cutsLeft = 2;
    state.cutAt = 40_000;
    await provisionModel(entry(), { modelsDir: dir, retries: 2 });
    expect(state.ranges).toHaveLength(3);
    expect(state.ranges[0]).toBeUndefined();
    expect(state.ranges.slice(1).every((r) => /^bytes=[1-9]\d*-$/.test(r ?? ''))).toBe(true);
    expect(readFileSync(join(dir, 'test-model', 'model.onnx')).equals(onnx)).toBe(true);
  });

  it('a checksum mismatch is rejected: the .part is deleted and no model folder appears', async () => {
    const dir = freshDir();
    state.serveWrong = true;
    try {
      const err = await provisionModel(entry(), { modelsDir: dir }).catch((e: unknown) => e);
      expect(isTzError(err, 'TZ_ERR_CHECKSUM')).toBe(true);
      expect((err as { details: { fix: string } }).details.fix).toContain('models download test-model');
    } finally {
      state.serveWrong = false;
    }
    expect(readdirSync(join(dir, '.downloads'))).toEqual([]);
    expect(existsSync(join(dir, 'test-model'))).toBe(false);
  });

  it('an HTTP 404 is a typed, non-retryable download error', async () => {
    const err = await provisionModel(entry('/nope.tar.bz2'), { modelsDir: freshDir() }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_DOWNLOAD')).toBe(true);
    expect((err as { retryable: boolean }).retryable).toBe(false);
  });

  it('--mirror: copies the archive from a local directory instead (same verification)', async () => {
    const dir = freshDir();
    state.ranges = [];
    const events: ProgressEvent[] = [];
    const r = await provisionModel(entry(), { modelsDir: dir, mirrorDir: work, onProgress: (e) => events.push(e) });
    expect(state.ranges).toEqual([]);
    expect(r.verified).toEqual(['sha256']);
    expect(events.some((e) => e.phase === 'copy' && e.receivedBytes === archive.length)).toBe(true);
    const missing = await provisionModel(entry(), { modelsDir: freshDir(), mirrorDir: freshDir() }).catch((e: unknown) => e);
    expect(isTzError(missing, 'TZ_ERR_MODEL_MISSING')).toBe(true);
  });

  it('--mirror with an unpacked folder: copied and checked file by file (a wrong file is caught)', async () => {
    const dir = freshDir();
    const r = await provisionModel(entry(), { modelsDir: dir, mirrorDir: join(work, 'src') });
    // model.onnx's sha256 is in the catalogue entry: checked.
    expect(r.verified).toEqual(['sha256']);
    const badMirror = freshDir();
    mkdirSync(join(badMirror, 'test-model'));
    writeFileSync(join(badMirror, 'test-model', 'model.onnx'), onnx.subarray(0, 1000));
    writeFileSync(join(badMirror, 'test-model', 'tokens.txt'), 'a 0\n');
    const err = await provisionModel(entry(), { modelsDir: freshDir(), mirrorDir: badMirror }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_MODEL_CORRUPT')).toBe(true);
    expect((err as Error).message).toMatch(/model\.onnx \(truncated\)/);
  });

  it('--mirror with the unpacked folder of a one-file model (the GTCRN denoiser): accepted, checked, nothing half-made on a mismatch', async () => {
    // Before: refused, asking for the release file at the mirror's top level.
    const gtcrn = findModel('gtcrn-speech-denoiser')!;
    const model = randomBytes(50_000);
    model[0] = 0x08;
    const mirror = freshDir();
    mkdirSync(join(mirror, gtcrn.dir));
    writeFileSync(join(mirror, gtcrn.dir, 'gtcrn_simple.onnx'), model);
    writeFileSync(join(mirror, gtcrn.dir, 'LICENSE'), 'MIT');
    const dir = freshDir();
    const r = await provisionModel(gtcrn, { modelsDir: dir, mirrorDir: mirror });
    expect(r.files.every((f) => f.state === 'ok')).toBe(true);
    expect(readFileSync(join(dir, gtcrn.dir, 'gtcrn_simple.onnx')).equals(model)).toBe(true);
    // Through the command an operator runs.
    const cli = spawnSync(process.execPath, [BIN, 'models', 'download', 'gtcrn-speech-denoiser', '--mirror', mirror, '--dir', freshDir()], { encoding: 'utf8' });
    expect(cli.stderr + cli.stdout).toContain('gtcrn-speech-denoiser: ok');
    expect(cli.status).toBe(0);

    // A one-file model whose release sha256 is known: the folder's file must match it.
    const pinned: CatalogueEntry = { ...gtcrn, name: 'pinned-one-file', assets: [{ ...gtcrn.assets[0]!, sha256: sha(model) }] };
    expect((await provisionModel(pinned, { modelsDir: freshDir(), mirrorDir: mirror })).verified).toEqual(['sha256']);
    const altered = freshDir();
    mkdirSync(join(altered, gtcrn.dir));
    const other = Buffer.from(model);
    other[100] = (other[100] ?? 0) ^ 0xff;
    writeFileSync(join(altered, gtcrn.dir, 'gtcrn_simple.onnx'), other);
    const target = freshDir();
    const err = await provisionModel(pinned, { modelsDir: target, mirrorDir: altered }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_CHECKSUM')).toBe(true);
    expect((err as Error).message).toContain(sha(other));
    expect((err as Error).message).toContain(sha(model));
    expect(readdirSync(target).filter((n) => n !== '.downloads')).toEqual([]); // no model folder, no temporary copy
  });
});
