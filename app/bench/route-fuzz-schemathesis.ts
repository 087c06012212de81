/**
 * Route fuzz with schemathesis (PyPI), against the same OpenAPI document as app/test/api-fuzz.test.ts:
 * starts the platform (api role) on a fresh database, signs an admin in, and runs
 * `schemathesis run` on GET /api/openapi.json with the session cookie and the check
 * not_a_server_error. Not part of CI (it needs Python); prints schemathesis' report and exits with
 * its code.
 *
 *   python3 -m venv /tmp/st && /tmp/st/bin/pip install schemathesis
 *   SCHEMATHESIS=/tmp/st/bin/schemathesis npx tsx app/bench/route-fuzz-schemathesis.ts [--max-examples 50] [--seed 16]
 *
 * Left out: GET /api/events (a stream that never ends), POST /api/auth/logout (would end the
 * session the run uses) and PATCH /api/users/{id} (could change the signed-in admin).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAdminUser } from '@tingzhen/console';
import { startTestPlatform } from '../test/test-platform.js';

const { values } = parseArgs({ options: { 'max-examples': { type: 'string', default: '50' }, seed: { type: 'string', default: '16' } } });
const bin = process.env.SCHEMATHESIS ?? 'schemathesis';
const PASSWORD = 'schemathesis-admin-password';

const tp = await startTestPlatform('schemathesis', { TINGZHEN_ROLES: 'api', HTTP_HOST: '127.0.0.1' });
let code = 1;
try {
  await createAdminUser(tp.platform.services.pool, { username: 'st-admin', password: PASSWORD });
  const login = await fetch(`${tp.platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'st-admin', password: PASSWORD }) });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const doc = await fetch(`${tp.platform.url}/api/openapi.json`, { headers: { cookie } });
  const spec = join(tp.dataDir, 'openapi.json');
  writeFileSync(spec, JSON.stringify(await doc.json()));
  const args = ['run', spec, '--url', tp.platform.url, '-H', `Cookie: ${cookie}`, '--checks', 'not_a_server_error',
    '--max-examples', values['max-examples'], '--seed', values.seed, '--generation-allow-x00', 'true', '--workers', '1',
    '--exclude-path-regex', '^/api/(events|auth/logout|users/\\{id\\})$', '--no-color'];
  console.log(`${bin} ${args.map((a) => (a.startsWith('Cookie:') ? 'Cookie: <session>' : a)).join(' ')}`);
  code = await new Promise<number>((resolve) => {
    // In the run's data directory: schemathesis leaves its example database (.schemathesis/) in its working directory.
    const child = spawn(bin, args, { stdio: 'inherit', cwd: tp.dataDir });
    child.on('error', (err) => { console.error(`cannot run ${bin} (${err.message}): pip install schemathesis, or set SCHEMATHESIS`); resolve(2); });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} finally {
  await tp.dispose();
}
process.exit(code);
