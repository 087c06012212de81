/**
 * `tingzhen --help` loads no command, and `nlu` / `triage` load neither the speech engines, the
 * gateway, the campaigns' database code nor the HTTP server: what a command does not use is not
 * loaded (before, every command module and all it imports were loaded for any command, 4-5 s).
 * Checked by recording the modules a real `tingzhen` process loads; the start times themselves
 * are a benchmark (load-tests: npm run bench:cli), not a test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hook = fileURLToPath(new URL('./fixtures/record-module-loads.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tz-cli-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function loadedBy(args: string[], input = ''): { modules: string[]; stdout: string; status: number | null } {
  const log = join(dir, `loads-${n++}.txt`);
  const r = spawnSync(process.execPath, ['--import', hook, 'app/bin/tingzhen.js', ...args], {
    cwd: root, input, encoding: 'utf8', env: { ...process.env, TZ_MODULE_LOG: log, LOG_LEVEL: 'silent' },
  });
  return { modules: readFileSync(log, 'utf8').split('\n').filter(Boolean), stdout: r.stdout, status: r.status };
}

const HEAVY = ['/speech/src/', '/voice-gateway/src/', '/campaigns/src/', '/console/src/', 'node_modules/fastify/', 'node_modules/pg/', 'sherpa-onnx', 'node_modules/bullmq/'];
/** What nlu and triage do not need of the dialog engine: the script loader (and its YAML parser), the runner, the LLM client. */
const NOT_FOR_NLU = ['/dialog-engine/src/script/', '/dialog-engine/src/runner/', '/dialog-engine/src/llm/', 'node_modules/yaml/'];
const heavyIn = (modules: string[]) => modules.filter((m) => HEAVY.some((h) => m.includes(h)));

describe('tingzhen loads only what a command uses', () => {
  it('--help lists every command without loading any', () => {
    const r = loadedBy(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['start', 'models', 'chat', 'lint', 'nlu', 'triage', 'call']) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(r.modules.filter((m) => m.includes('/app/src/commands/') && !/\/(index|command)\.ts$/.test(m))).toEqual([]);
    expect(r.modules.filter((m) => m.includes('/dialog-engine/') || m.includes('/voice-core/'))).toEqual([]);
    expect(heavyIn(r.modules)).toEqual([]);
  });

  it('nlu and triage answer without the speech, gateway, database or HTTP code, nor the script loader', () => {
    const nlu = loadedBy(['nlu'], '{"lang":"en","asked":"Do you have a fever?","expect":"yes-no","utterance":"no"}\n');
    expect(nlu.status).toBe(0);
    expect(JSON.parse(nlu.stdout)).toMatchObject({ answer: 'no' });
    expect(heavyIn(nlu.modules)).toEqual([]);
    const triage = loadedBy(['triage'], '{"lang":"en","narrative":"crushing chest pain"}\n');
    expect(triage.status).toBe(0);
    expect(JSON.parse(triage.stdout)).toHaveProperty('disposition');
    expect(heavyIn(triage.modules)).toEqual([]);
    for (const r of [nlu, triage]) expect(r.modules.filter((m) => NOT_FOR_NLU.some((x) => m.includes(x)))).toEqual([]);
  });
});
