/**
 * Start latency of the `tingzhen` command: wall time from spawning `node app/bin/tingzhen.js` to
 * its exit, for `--help`, `nlu` and `triage` (one input line each), `lint` (one built-in script)
 * and `chat --help`. "cold" runs with an empty tsx compile cache (a fresh TMPDIR: the first run
 * after a clone), "warm" the median of the runs after it. Targets from issue 20: --help under
 * 0.5 s, nlu and triage under 1.5 s (warm). Prints figures; asserts nothing.
 *
 *   npm run bench:cli -w load-tests        (or: npx tsx load-tests/src/bench-cli.ts [--runs 7])
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(1, Number(values.runs));
const root = fileURLToPath(new URL('../..', import.meta.url));

const CASES: { name: string; args: string[]; input?: string }[] = [
  { name: '--help', args: ['--help'] },
  { name: 'nlu', args: ['nlu'], input: '{"lang":"zh","asked":"您这几天有没有发烧？","expect":"yes-no","utterance":"没有发烧"}\n' },
  { name: 'triage', args: ['triage'], input: '{"lang":"en","narrative":"my chest has been tight since this morning"}\n' },
  { name: 'lint', args: ['lint', 'dialog-engine/scripts/post-op-followup.yaml'] },
  { name: 'chat --help', args: ['chat', '--help'] },
];

function once(args: string[], input: string | undefined, env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['app/bin/tingzhen.js', ...args], { cwd: root, input: input ?? '', env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`tingzhen ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`);
  return ms;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(`tingzhen command start latency (${cpus().length} CPUs, node ${process.version}, ${RUNS} warm runs each)\n`);
console.log(`${'command'.padEnd(14)}${'cold'.padStart(9)}${'warm median'.padStart(14)}${'warm min'.padStart(11)}${'warm max'.padStart(11)}`);
for (const c of CASES) {
  // A fresh TMPDIR: tsx keeps its compile cache there, so the first run compiles everything.
  const tmp = mkdtempSync(join(tmpdir(), 'tz-bench-cli-'));
  try {
    const env = { ...process.env, TMPDIR: tmp, LOG_LEVEL: 'silent' }; // eslint-disable-line no-restricted-properties
    const cold = once(c.args, c.input, env);
    const warm = Array.from({ length: RUNS }, () => once(c.args, c.input, env));
    console.log(`${c.name.padEnd(14)}${fmt(cold).padStart(9)}${fmt(median(warm)).padStart(14)}${fmt(Math.min(...warm)).padStart(11)}${fmt(Math.max(...warm)).padStart(11)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
