/**
 * `tingzhen start` with the embedded PostgreSQL in a data directory its server cannot use fails at
 * once with the directory and the fix, before initdb runs (which failed about two minutes later
 * with a bare permission error). As root (these machines) the server runs as the `postgres` user,
 * so a root-owned 0700 folder above the data directory (what `mktemp -d` makes) blocks it; as
 * another user, a data directory this user cannot write blocks it.
 */
import { chmod, mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

function io(env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (b: Buffer) => { err += b.toString(); });
  stdout.resume();
  return { io: { stdin: new PassThrough(), stdout, stderr, env }, err: () => err };
}

const made: string[] = [];
afterEach(async () => { for (const d of made.splice(0)) await rm(d, { recursive: true, force: true }); });

describe('embedded PostgreSQL in an unusable data directory', () => {
  for (const mode of ['supervised', 'single-process'] as const) {
    it(`fails at once with the blocking directory and the fix (${mode})`, async () => {
      const outer = await mkdtemp(join(tmpdir(), 'tz-pgdir-'));
      made.push(outer);
      await chmod(outer, 0o700);
      const dataDir = join(outer, 'data');
      let blocking = outer;
      let fix = `chmod o+x ${outer}`;
      if (userInfo().uid !== 0) {
        // Not root: the server runs as this user; a data directory it cannot write stops it.
        await mkdir(dataDir, { mode: 0o500 });
        blocking = dataDir;
        fix = 'give this user write access';
      }
      const t = io({ TINGZHEN_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '54391', HTTP_PORT: '0', TINGZHEN_SUPERVISE: mode === 'supervised' ? 'true' : 'false', LOG_LEVEL: 'silent' });
      const code = await main(['start'], t.io);
      expect(code).toBe(2);
      expect(t.err()).toContain(`cannot use the data directory ${dataDir}`);
      expect(t.err()).toContain(blocking);
      expect(t.err()).toContain(`Fix: ${fix}`);
      // Nothing was initialised.
      expect(await readdir(dataDir).catch(() => [])).not.toContain('postgres');
    });
  }
});
