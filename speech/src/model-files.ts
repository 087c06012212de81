/**
 * Check model files before a path reaches sherpa-onnx: sherpa aborts the whole process on some
 * bad files (a Git LFS pointer, a truncated .onnx), so every check here runs first and turns a
 * problem into a TzError that names the file and the fix.
 */
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TzError } from '@tingzhen/voice-core';
import type { CatalogueEntry, ModelFile } from './catalogue.js';

export type FileState = 'ok' | 'missing' | 'truncated' | 'corrupt';

export interface FileCheck {
  role: string;
  path: string;
  state: FileState;
  /** Why it is not ok, in words. */
  problem?: string;
}

/** Smallest plausible .onnx (the smallest we ship, a decoder, is hundreds of KB). */
const MIN_ONNX_BYTES = 16 * 1024;

export function modelDir(modelsDir: string, entry: CatalogueEntry): string {
  return resolve(modelsDir, entry.dir);
}

export function filePath(modelsDir: string, entry: CatalogueEntry, role: string): string {
  const file = entry.files[role];
  if (!file) throw new TzError('TZ_ERR_INTERNAL', { model: entry.name, role });
  return join(modelDir(modelsDir, entry), file.path);
}

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Cheap structural checks: size, Git LFS pointer stub, ONNX protobuf first tag. */
export function checkFile(path: string, role: string, spec: ModelFile): FileCheck {
  let st;
  try {
    st = statSync(path);
  } catch {
    return { role, path, state: 'missing' };
  }
  if (spec.directory) {
    if (!st.isDirectory() || readdirSync(path).length === 0) return { role, path, state: 'missing', problem: 'directory missing or empty' };
    return { role, path, state: 'ok' };
  }
  if (!st.isFile()) return { role, path, state: 'corrupt', problem: 'not a regular file' };
  if (st.size === 0) return { role, path, state: 'truncated', problem: 'empty file' };
  if (spec.bytes !== null && st.size !== spec.bytes) {
    return { role, path, state: st.size < spec.bytes ? 'truncated' : 'corrupt', problem: `size ${st.size} bytes, expected ${spec.bytes}` };
  }
  const head = readHead(path, 64);
  if (head.toString('latin1').startsWith('version https://git-lfs')) {
    return { role, path, state: 'corrupt', problem: 'a Git LFS pointer, not the model' };
  }
  if (path.endsWith('.onnx')) {
    if (st.size < MIN_ONNX_BYTES) return { role, path, state: 'truncated', problem: `only ${st.size} bytes` };
    // An ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08.
    if (head[0] !== 0x08) return { role, path, state: 'corrupt', problem: 'not an ONNX model (bad header)' };
  }
  return { role, path, state: 'ok' };
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file of an entry; `withSha` also hashes files whose sha256 is known (slow on big models). */
export async function checkModel(modelsDir: string, entry: CatalogueEntry, withSha = false): Promise<FileCheck[]> {
  const out: FileCheck[] = [];
  for (const [role, spec] of Object.entries(entry.files)) {
    const path = filePath(modelsDir, entry, role);
    const c = checkFile(path, role, spec);
    if (c.state === 'ok' && withSha && spec.sha256 !== null && !spec.directory) {
      const got = await sha256File(path);
      if (got !== spec.sha256) out.push({ role, path, state: 'corrupt', problem: `sha256 ${got} does not match the catalogue` });
      else out.push(c);
    } else out.push(c);
  }
  return out;
}

/** True when every file of the entry is in `<root>/<entry.dir>/` and passes the cheap checks. */
export function modelPresent(root: string, entry: CatalogueEntry): boolean {
  return Object.entries(entry.files).every(([role, spec]) => checkFile(filePath(root, entry, role), role, spec).state === 'ok');
}

/**
 * The folder that holds a model: the models directory when the model is complete there, else the
 * model cache (models provisioned from Python packages) when it is complete there, else the models
 * directory (so errors name the place the operator configured).
 */
export function locateModel(entry: CatalogueEntry, modelsDir: string, cacheDir?: string): string {
  if (modelPresent(modelsDir, entry)) return modelsDir;
  if (cacheDir !== undefined && modelPresent(cacheDir, entry)) return cacheDir;
  return modelsDir;
}

/** Throws a TzError naming the first bad file and the fix; returns the role -> absolute path map. */
export function requireModelFiles(configuredDir: string, entry: CatalogueEntry, cacheDir?: string): Record<string, string> {
  const modelsDir = locateModel(entry, configuredDir, cacheDir);
  const paths: Record<string, string> = {};
  for (const [role, spec] of Object.entries(entry.files)) {
    const path = filePath(modelsDir, entry, role);
    const c = checkFile(path, role, spec);
    if (c.state !== 'ok') {
      const fix = `run \`npx tingzhen models download ${entry.name}\` (or set TINGZHEN_MODELS_DIR to the folder that holds ${entry.dir}/)`;
      throw new TzError(c.state === 'missing' ? 'TZ_ERR_MODEL_MISSING' : 'TZ_ERR_MODEL_CORRUPT',
        { model: entry.name, file: path, state: c.state, problem: c.problem, fix },
        { message: `Model file ${c.state}: ${path}${c.problem ? ` (${c.problem})` : ''}. Fix: ${fix}` });
    }
    paths[role] = path;
  }
  return paths;
}
