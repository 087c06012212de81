/**
 * The README supports Node 20 (>= 20.19, what `engines` says): no installed dependency may demand a
 * newer Node (`npm ci` would warn EBADENGINE). Read from package-lock.json, which is what `npm ci`
 * installs, for every package this platform installs (optional binaries of other platforms
 * excepted).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean; os?: string[]; cpu?: string[] }>;
};

describe('supported Node version', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it('is 20.19 or later, as the README and Dockerfile say', () => {
    expect(oldest).toBe('20.19.0');
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain('Node.js 20 (≥ 20.19)');
    expect(readFileSync(`${root}Dockerfile`, 'utf8')).toMatch(/^FROM node:20-/m);
  });

  it('every locked dependency installed here accepts the oldest supported Node', () => {
    const refusing: string[] = [];
    for (const [path, p] of Object.entries(lock.packages)) {
      if (path === '' || !p.engines || Array.isArray(p.engines) || !p.engines.node) continue;
      // Native binaries for other platforms are never installed here.
      if (p.optional && ((p.os && !p.os.includes(process.platform)) || (p.cpu && !p.cpu.includes(process.arch)))) continue;
      if (!semver.satisfies(oldest, p.engines.node)) refusing.push(`${path}@${p.version} wants node ${p.engines.node}`);
    }
    expect(refusing).toEqual([]);
  });
});
