#!/usr/bin/env node
// `npm start`'s prestart: builds the console (vite) only when its sources changed since the last
// build, instead of on every start (about 40 s on a small machine). What the build read is hashed
// (every file under web/, the console's package.json and the lock file, which fixes vite's
// version) and the hash is kept in dist/.source-hash; the same hash means the dist is current.
//
// Usage: node scripts/build-console.js [--force] [CONSOLE_DIR]   (default: console/)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const force = args.includes('--force');
const consoleDir = resolve(args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'console'));
const distDir = join(consoleDir, 'dist');
const stampFile = join(distDir, '.source-hash');

function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function sourceHash() {
  const h = createHash('sha256');
  const lock = join(consoleDir, '..', 'package-lock.json');
  const files = [...filesUnder(join(consoleDir, 'web')).sort(), join(consoleDir, 'package.json'), ...(existsSync(lock) ? [lock] : [])];
  for (const f of files) h.update(relative(consoleDir, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

const hash = sourceHash();
const current = existsSync(join(distDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash;
if (current && !force) {
  console.log('console: build is current (sources unchanged), not rebuilding');
  process.exit(0);
}
console.log(force ? 'console: building (--force)' : 'console: sources changed since the last build (or never built): building');
const r = spawnSync('npm', ['run', 'build'], { cwd: consoleDir, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`console: build failed (exit ${r.status ?? r.signal}); fix the error above and run npm start again`);
  process.exit(1);
}
writeFileSync(stampFile, `${hash}\n`);
