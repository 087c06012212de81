/**
 * `npm start`'s prestart (scripts/build-console.js) builds the console only when its sources
 * changed: a second start with nothing changed runs no build; a changed source, a missing dist or
 * --force does. Driven on a stand-in console folder whose "build" counts its runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/build-console.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tz-console-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

mkdirSync(join(dir, 'web'));
writeFileSync(join(dir, 'web', 'index.html'), '<p>one</p>');
writeFileSync(join(dir, 'build.cjs'), `const fs = require('fs'); fs.mkdirSync('dist', { recursive: true });
if (process.env.FAIL_BUILD) process.exit(3);
fs.writeFileSync('dist/index.html', fs.readFileSync('web/index.html')); fs.appendFileSync('builds.log', 'built\\n');`);
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stand-in', private: true, scripts: { build: 'node build.cjs' } }));

function prestart(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args, dir], { encoding: 'utf8' });
  const builds = existsSync(join(dir, 'builds.log')) ? readFileSync(join(dir, 'builds.log'), 'utf8').split('\n').filter(Boolean).length : 0;
  return { status: r.status, out: r.stdout + r.stderr, builds };
}

describe('console build on start', () => {
  it('builds the first time, then not again until a source changes', () => {
    expect(prestart()).toMatchObject({ status: 0, builds: 1 });
    const second = prestart();
    expect(second).toMatchObject({ status: 0, builds: 1 });
    expect(second.out).toContain('build is current');
    writeFileSync(join(dir, 'web', 'index.html'), '<p>two</p>');
    expect(prestart()).toMatchObject({ status: 0, builds: 2 });
    expect(readFileSync(join(dir, 'dist', 'index.html'), 'utf8')).toBe('<p>two</p>');
    expect(prestart()).toMatchObject({ status: 0, builds: 2 });
  });

  it('rebuilds when the dist is gone or with --force', () => {
    const before = prestart().builds;
    rmSync(join(dir, 'dist'), { recursive: true });
    expect(prestart().builds).toBe(before + 1);
    expect(prestart('--force').builds).toBe(before + 2);
  });

  it('a failing build exits 1 with a message and is tried again next start', () => {
    writeFileSync(join(dir, 'web', 'index.html'), '<p>three</p>');
    const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8', env: { ...process.env, FAIL_BUILD: '1' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('console: build failed');
    const builds = prestart().builds;
    expect(readFileSync(join(dir, 'dist', 'index.html'), 'utf8')).toBe('<p>three</p>');
    expect(builds).toBeGreaterThan(0);
  });
});
