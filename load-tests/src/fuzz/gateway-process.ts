/**
 * The gateway under fuzz, as the platform runs it: `node app/bin/tingzhen.js start --roles gateway`
 * (the process the supervisor forks for the gateway role) with its own database (created here,
 * dropped at stop), a SIP file that either listens on TCP or connects out to a WebSocket edge
 * (RFC 7118; the fuzzer plays that edge), 127.0.0.1 as the one allowed peer, hotline recording
 * off. Its memory and descriptors are read from /proc/<pid> (Linux only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool } from '@tingzhen/campaigns';
import { cpuWithChildrenMs } from '../campaign-calls-kit.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** How long the gateway may take to answer /health after the start (model loading, migrations), ms. */
const START_TIMEOUT_MS = 120_000;
/** SIGTERM, then SIGKILL after this long (it drains calls first), ms. */
const STOP_GRACE_MS = 20_000;

export interface ProcStats { rssKb: number; fds: number; cpuMs: number }

/** VmRSS and open descriptors of a live process (null when it is gone). */
export function procStats(pid: number): ProcStats | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
    return { rssKb, fds: readdirSync(`/proc/${pid}/fd`).length, cpuMs: cpuWithChildrenMs(pid) };
  } catch {
    return null;
  }
}

export interface GatewayOptions {
  /** Tag for the database and files: letters, digits, underscore. */
  tag: string;
  dir: string;
  /** PostgreSQL server URL (the database in it is replaced by the gateway's own). */
  databaseUrl: string;
  modelsDir: string;
  httpPort: number;
  rtpPorts: { minPort: number; maxPort: number };
  /** Listen for SIP on this TCP port, or connect to this ws:// edge. */
  sip: { listenPort: number } | { edgeWebSocket: string };
}

export interface GatewayProcess {
  readonly proc: ChildProcess;
  readonly pid: number;
  readonly logFile: string;
  /** The exit while the run was on (code or signal), null while it lives. */
  exit(): { code: number | null; signal: string | null; atMs: number } | null;
  /** The last 20 KB the process wrote (its stack when it crashed). */
  tail(): string;
  /** Log lines at warn (40) or above, by message. */
  warnings(): Map<string, number>;
  stats(): ProcStats | null;
  stop(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<void> {
  const pool = createPool(url, { max: 1 });
  try { await pool.query(sql); } finally { await pool.end(); }
}

export async function startGateway(o: GatewayOptions): Promise<GatewayProcess> {
  const db = `tzfuzz_${o.tag}`;
  await admin(o.databaseUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin(o.databaseUrl, `CREATE DATABASE ${db}`);
  const dbUrl = new URL(o.databaseUrl);
  dbUrl.pathname = `/${db}`;
  const sipFile = join(o.dir, `sip-${o.tag}.yaml`);
  const where = 'listenPort' in o.sip ? `listen: { host: 127.0.0.1, port: ${o.sip.listenPort} }` : `edgeWebSocket: "${o.sip.edgeWebSocket}"`;
  writeFileSync(sipFile, `gateway:\n  ${where}\n  rtpPorts: { minPort: ${o.rtpPorts.minPort}, maxPort: ${o.rtpPorts.maxPort} }\npeers:\n  - id: fuzzer\n    addresses: [127.0.0.1]\n`);
  const logFile = join(o.dir, `gateway-${o.tag}.log`);
  const out = createWriteStream(logFile);
  // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and HOME; the platform's own settings are set here
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of ['REDIS_URL', 'TINGZHEN_ROLES', 'NURSE_LINE_URI', 'RECORDINGS_DIR', 'AUDIOSOCKET_PORT', 'LLM_BASE_URL', 'OPS_TOKEN', 'DATABASE_RUNTIME_URL']) delete base[k];
  const env = {
    ...base, DATABASE_URL: dbUrl.toString(), QUEUE_PREFIX: `tzfuzz_${o.tag}`, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(o.httpPort),
    GATEWAY_AUTH_SECRET: `fuzz-${o.tag}-0123456789abcdef`, TINGZHEN_DATA_DIR: join(o.dir, `data-${o.tag}`), TINGZHEN_MODELS_DIR: o.modelsDir,
    SIP_CONFIG: sipFile, HOTLINE_RECORDING: 'false', LOG_LEVEL: 'warn', DRAIN_TIMEOUT_MS: '5000',
  };
  const proc = spawn(process.execPath, [join(ROOT, 'app', 'bin', 'tingzhen.js'), 'start', '--roles', 'gateway'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  let pending = '';
  const warnings = new Map<string, number>();
  const take = (d: Buffer) => {
    out.write(d);
    const s = d.toString('utf8');
    tail = (tail + s).slice(-20_000);
    pending += s;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) {
      const level = Number(/"level":(\d+)/.exec(l)?.[1] ?? 0);
      if (level >= 40) { const msg = /"msg":"((?:[^"\\]|\\.)*)"/.exec(l)?.[1] ?? l.slice(0, 120); warnings.set(msg, (warnings.get(msg) ?? 0) + 1); }
    }
  };
  proc.stdout.on('data', take);
  proc.stderr.on('data', take);
  let exit: { code: number | null; signal: string | null; atMs: number } | null = null;
  let stopping = false;
  const exited = new Promise<void>((r) => proc.once('exit', (code, signal) => { if (!stopping) exit = { code, signal, atMs: Date.now() }; r(); }));
  const dropDb = () => admin(o.databaseUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
  const until = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) { await dropDb(); throw new Error(`the gateway (${o.tag}) exited before /health answered:\n${tail.slice(-3000)}`); }
    const ok = await fetch(`http://127.0.0.1:${o.httpPort}/health`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > until) { proc.kill('SIGKILL'); await exited; await dropDb(); throw new Error(`the gateway (${o.tag}) did not answer /health within ${START_TIMEOUT_MS} ms:\n${tail.slice(-3000)}`); }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    proc, pid: proc.pid!, logFile,
    exit: () => exit,
    tail: () => tail,
    warnings: () => warnings,
    stats: () => procStats(proc.pid!),
    async stop() {
      stopping = true;
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const kill = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(kill);
      }
      out.end();
      await dropDb();
    },
  };
}
