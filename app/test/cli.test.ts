import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from '../src/cli.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => { out += b.toString(); });
  stderr.on('data', (b: Buffer) => { err += b.toString(); });
  return { io: { stdin: new PassThrough(), stdout, stderr, env: {} }, out: () => out, err: () => err };
}

describe('tingzhen CLI', () => {
  it('lists its commands on --help and exits 0', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.out()).toContain('start');
  });
  it('exits 2 on an unknown command', async () => {
    const t = io();
    expect(await main(['frobnicate'], t.io)).toBe(2);
    expect(t.err()).toContain('unknown command');
  });
  it('prints per-command help', async () => {
    const t = io();
    expect(await main(['start', '--help'], t.io)).toBe(0);
    expect(t.out()).toContain('Usage: tingzhen start');
  });
  it('exits 2 on bad options and on invalid configuration', async () => {
    const t = io();
    expect(await main(['start', '--bogus'], t.io)).toBe(2);
    const t2 = io();
    t2.io.env = { HTTP_PORT: 'not-a-port' };
    expect(await main(['start'], t2.io)).toBe(2);
    expect(t2.err()).toContain('HTTP_PORT');
  });
});
