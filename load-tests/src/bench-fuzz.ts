/**
 * SIP fuzzing (issue 17, item 3): grammar-aware and byte-level mutations of valid SIP requests and
 * responses (src/fuzz/), sent to the gateway as the platform runs it (`tingzhen start --roles
 * gateway`, a child process) over TCP, over UDP through the Kamailio edge, and over WebSocket (the
 * fuzzer is the edge the gateway connects to), bounded by rate and by count or time, while an
 * OPTIONS probe every 200 ms checks each gateway (and the edge) answers within 1 s. It prints the
 * cases sent and the answers per transport, crashes (a gateway that exited, with the end of its
 * output), hangs (probes unanswered within 1 s: when, how late, the cases in flight), and each
 * gateway's RSS and open descriptors before the run and after it settled. Exit code 1 on a crash
 * or a hang, 2 when the run itself could not start.
 *
 * Sending stops early (and the run still reports) at --max-seconds, on Ctrl-C, or when a gateway
 * passes --rss-limit-mb of RSS (the machine is shared).
 * --hold-back-known keeps back the cases of open findings (src/fuzz/known-issues.ts), counted.
 * Every case comes from the seed (printed) and its index: `--replay SEED:I,J` prints those cases
 * (what was mutated, the bytes); add `--send` to send just them to fresh gateways and probe.
 *
 *   npm run bench:fuzz -w load-tests -- [--seed N] [--cases 20000] [--rate 150] [--max-seconds S]
 *     [--transports tcp,udp,ws] [--settle-s 15] [--progress-s 30] [--hold-back-known] [--rss-limit-mb 4096] [--replay SEED:I[,J...] [--send]]
 *     [--database postgres://postgres@127.0.0.1:5432/postgres] [--models DIR] [--keep]
 */
import { randomInt } from 'node:crypto';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TRANSPORTS, type FuzzTransport } from './fuzz/corpus.js';
import { caseText, describeCase, fuzzCase } from './fuzz/generator.js';
import { runFuzz } from './fuzz/fuzz-run.js';
import { knownIssue } from './fuzz/known-issues.js';
import { formatReport } from './fuzz/report.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: {
  seed: { type: 'string' }, cases: { type: 'string', default: '20000' }, rate: { type: 'string', default: '150' }, 'max-seconds': { type: 'string' },
  transports: { type: 'string', default: TRANSPORTS.join(',') }, 'settle-s': { type: 'string', default: '15' }, 'progress-s': { type: 'string', default: '30' },
  'rss-limit-mb': { type: 'string', default: '4096' }, replay: { type: 'string' }, send: { type: 'boolean', default: false }, 'hold-back-known': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false },
  database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' }, models: { type: 'string' },
} });

function fail(msg: string): never {
  console.error(`bench:fuzz: ${msg}`);
  process.exit(2);
}

const num = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number >= ${min} (got ${v ?? 'nothing'})`);
  return n;
};

const transports = values.transports.split(',').map((t) => t.trim()).filter(Boolean);
const bad = transports.filter((t) => !(TRANSPORTS as readonly string[]).includes(t));
if (bad.length || !transports.length) fail(`--transports takes ${TRANSPORTS.join(', ')} (got ${values.transports})`);

let seed = values.seed !== undefined ? num('seed', values.seed, 0) >>> 0 : randomInt(0, 2 ** 31);
let indices: number[] | undefined;
if (values.replay !== undefined) {
  const m = /^(\d+):(\d+(?:,\d+)*)$/.exec(values.replay);
  if (!m) fail('--replay takes SEED:INDEX[,INDEX...], e.g. --replay 1234:5,17');
  seed = Number(m[1]) >>> 0;
  indices = m[2]!.split(',').map(Number);
  for (const i of indices) {
    const c = fuzzCase(seed, i);
    console.log(`${describeCase(c)}\n${caseText(c)}\n`);
  }
  if (!values.send) process.exit(0);
}

const cases = num('cases', values.cases, 1);
const rate = num('rate', values.rate, 1);
const maxSeconds = values['max-seconds'] !== undefined ? num('max-seconds', values['max-seconds'], 1) : Math.ceil((cases / rate) * 1.5) + 60;
// eslint-disable-next-line no-restricted-properties -- a benchmark script, like a test, finds the models itself
const modelsDir = resolve(values.models ?? process.env.TINGZHEN_MODELS_DIR ?? join(ROOT, '..', 'shared', 'models'));
const stamp = () => new Date().toISOString().slice(11, 19);

console.log(`SIP fuzz ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}): seed ${seed}, ${indices ? `replay of ${indices.length} cases` : `${cases} cases at ${rate}/s`} over ${transports.join(', ')}, settle ${values['settle-s']} s`);
console.log(`(replay a case: npm run bench:fuzz -w load-tests -- --replay ${seed}:INDEX [--send])`);
// Ctrl-C (or SIGTERM) stops sending; the run still settles, stops what it started and reports.
const stop = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => { console.log(`[${stamp()}] ${sig}: stopping after the cases sent so far`); stop.abort(); });
try {
  const report = await runFuzz({
    signal: stop.signal, rssLimitMb: num('rss-limit-mb', values['rss-limit-mb'], 100),
    seed, cases, ratePerS: rate, maxSeconds, transports: transports as FuzzTransport[], settleSeconds: num('settle-s', values['settle-s'], 0),
    databaseUrl: values.database, modelsDir, progressEveryS: num('progress-s', values['progress-s'], 1), keepFiles: values.keep,
    log: (l) => console.log(`[${stamp()}] ${l}`), ...(indices ? { indices } : {}), ...(values['hold-back-known'] ? { holdBack: knownIssue } : {}),
  });
  console.log(`\n${formatReport(report)}`);
  process.exit(report.crashes > 0 || report.hangs > 0 ? 1 : 0);
} catch (err) {
  fail(`the run could not start or broke: ${(err as Error).stack ?? String(err)}`);
}
