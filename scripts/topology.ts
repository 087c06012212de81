/**
 * `npm run topology`: the scale-out topology as processes on this machine (Kamailio edge, two
 * gateways, two workers, the api role) against DATABASE_URL and REDIS_URL; see README "Scale-out
 * topology". Prints where each part listens; SIGINT/SIGTERM stops them all. Exit 1 (naming the
 * part) when one fails to start, 2 on bad usage.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tz REDIS_URL=redis://127.0.0.1:6379 npm run topology -- --probe-interval 2
 */
import { parseArgs } from 'node:util';
import { startTopology, TopologyError } from '@tingzhen/load-tests/topology';

const usage = `usage: npm run topology -- [--probe-interval S] [--edge-port N] [--trunk HOST:PORT[/udp|/tcp]] [--queue-prefix P] [--dir DIR]
  needs DATABASE_URL (PostgreSQL owner URL); REDIS_URL optional (else the queue lives in PostgreSQL)`;

function fail(msg: string, code: number): never {
  process.stderr.write(`topology: ${msg}\n`);
  process.exit(code);
}

// eslint-disable-next-line no-restricted-properties -- a command that starts processes, like the benchmarks: DATABASE_URL, REDIS_URL and the environment (PATH, HOME, TINGZHEN_MODELS_DIR...) the roles inherit
const env = process.env;
let values;
try {
  ({ values } = parseArgs({ options: { 'probe-interval': { type: 'string' }, 'edge-port': { type: 'string' }, trunk: { type: 'string' }, 'queue-prefix': { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
} catch (err) {
  fail(`${(err as Error).message}\n${usage}`, 2);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const databaseUrl = env.DATABASE_URL;
if (!databaseUrl) fail(`DATABASE_URL is not set\n${usage}`, 2);
const probe = Number(values['probe-interval'] ?? '2');
if (!Number.isInteger(probe) || probe < 1) fail('--probe-interval takes whole seconds >= 1', 2);
const edgePort = values['edge-port'] === undefined ? undefined : Number(values['edge-port']);
if (edgePort !== undefined && !(Number.isInteger(edgePort) && edgePort > 0 && edgePort < 65536)) fail('--edge-port takes a port number', 2);
let trunk;
if (values.trunk !== undefined) {
  const m = /^([^:/]+):(\d{1,5})(?:\/(udp|tcp))?$/.exec(values.trunk);
  if (!m) fail('--trunk takes HOST:PORT, optionally /udp or /tcp', 2);
  trunk = { id: 'carrier', host: m[1]!, port: Number(m[2]), transport: (m[3] ?? 'udp') as 'udp' | 'tcp' };
}

const topo = await startTopology({
  databaseUrl, redisUrl: env.REDIS_URL, baseEnv: env, queuePrefix: values['queue-prefix'] ?? 'tingzhen', probeIntervalS: probe,
  ...(edgePort ? { edgePort } : {}), ...(trunk ? { trunk } : {}), ...(values.dir ? { dir: values.dir } : {}),
  say: (l) => process.stdout.write(`started ${l}\n`),
}).catch((err: unknown) => err instanceof TopologyError ? (process.stderr.write(`${err.message}\n`), process.exit(1)) : fail(`unexpected failure: ${(err as Error).message}`, 1));

process.stdout.write(`topology up (Ctrl-C stops it):\n${topo.describe().map((l) => `  ${l}`).join('\n')}\n`);
// A part that dies while the topology runs is said once (the others keep running, as in production
// where the orchestrator would restart it; the gateway's death is what the edge's probes are for).
const parts = [['edge', () => topo.edge.proc] as const, ['api', () => topo.api.proc()] as const,
  ...topo.gateways.map((g) => [g.name, () => g.role.proc()] as const), ...topo.workers.map((w, i) => [`worker-${i + 1}`, () => w.proc()] as const)];
const reported = new Set<string>();
setInterval(() => {
  if (stopping) return;
  for (const [name, proc] of parts) {
    const p = proc();
    if (!p || reported.has(name) || (p.exitCode === null && p.signalCode === null)) continue;
    reported.add(name);
    process.stderr.write(`topology: ${name} exited (${p.exitCode ?? p.signalCode}); its log is in ${topo.dir}\n`);
  }
}, 1000).unref();
let stopping = false;
const stop = async (sig: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${sig}: stopping the topology\n`);
  await topo.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
