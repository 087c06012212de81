/**
 * The parts the crash matrix kills and brings back, each a real process it started itself: a
 * PostgreSQL cluster (initdb in a temporary directory, its own port; run as the `postgres` user
 * when we are root), a redis-server (its own directory and port, AOF on as bullmq asks of
 * production), and the platform's roles as separate processes (`node app/bin/tingzhen.js start
 * --roles X`). Each can be killed with SIGKILL (or, for PostgreSQL, stopped in immediate mode: a
 * crash, recovered from the WAL at the next start) and started again on the same port and data.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freeTcpPort, readText } from './campaign-calls-kit.js';

const run = promisify(execFile);
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PG_BIN = '/usr/lib/postgresql/15/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a child process has ended. */
export const gone = (p: ChildProcess) => p.exitCode !== null || p.signalCode !== null;

function exitOf(p: ChildProcess): Promise<void> {
  return gone(p) ? Promise.resolve() : new Promise((r) => p.once('exit', () => r()));
}

/** SIGKILL and wait until the process is gone. */
async function kill9(p: ChildProcess | undefined): Promise<void> {
  if (!p || gone(p)) return;
  p.kill('SIGKILL');
  await exitOf(p);
}

// ---------------------------------------------------------------- PostgreSQL

export interface PgCluster {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:PORT/<db> */
  url(db?: string): string;
  /** Crash (`pg_ctl stop -m immediate`: every backend killed, no checkpoint). */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh cluster in `dir` (trust auth on loopback), started. `fsync=off`: a process crash keeps what the OS holds. */
export async function startPgCluster(dir: string): Promise<PgCluster> {
  const data = join(dir, 'pgdata');
  const asRoot = process.getuid?.() === 0;
  mkdirSync(data, { recursive: true });
  if (asRoot) {
    // The postgres user must reach its directory through ours (a mkdtemp directory is 0700).
    chmodSync(dirname(dir), 0o711);
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: g } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(g.trim()));
    chownSync(data, Number(stdout.trim()), Number(g.trim()));
  }
  const pg = (bin: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]) : run(join(PG_BIN, bin), args));
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freeTcpPort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB`;
  const log = join(dir, 'postgres.log');
  const cluster: PgCluster = {
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    async crash() { await pg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']); },
    async start() { await pg('pg_ctl', ['start', '-D', data, '-l', log, '-o', opts, '-w', '-t', '60']); },
    async stop() { await pg('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']).catch(() => pg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'])).catch(() => undefined); },
  };
  await cluster.start();
  return cluster;
}

// ---------------------------------------------------------------- Redis

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** kill -9 */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** redis-server in `dir` with AOF (fsync every second, what bullmq's docs ask of production). */
export async function startRedisServer(dir: string): Promise<RedisServer> {
  mkdirSync(dir, { recursive: true });
  const port = await freeTcpPort();
  let proc: ChildProcess | undefined;
  const server: RedisServer = {
    port, url: `redis://127.0.0.1:${port}`,
    async kill() { await kill9(proc); },
    async start() {
      const fd = openSync(join(dir, 'redis.log'), 'a');
      proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
        '--save', '', '--daemonize', 'no', '--protected-mode', 'no', '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', fd, fd] });
      closeSync(fd);
      for (let i = 0; i < 100; i++) {
        if (gone(proc)) throw new Error(`redis-server exited: ${readText(join(dir, 'redis.log')).slice(-1000)}`);
        const ok = await run('redis-cli', ['-p', String(port), 'ping']).then((r) => r.stdout.trim() === 'PONG', () => false);
        if (ok) return;
        await sleep(100);
      }
      throw new Error('redis-server did not answer PING');
    },
    async stop() {
      if (!proc || gone(proc)) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc?.kill('SIGKILL'), 5000);
      await exitOf(proc);
      clearTimeout(t);
    },
  };
  await server.start();
  return server;
}

// ---------------------------------------------------------------- platform roles

export type Role = 'api' | 'gateway' | 'worker';

export interface RoleProcess {
  readonly role: Role;
  readonly url: string;
  readonly logFile: string;
  proc(): ChildProcess | undefined;
  /** Starts it (again) and waits until GET /health answers 200. */
  start(): Promise<void>;
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code once it has stopped (drained). */
  terminate(): Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Environment settings a role must not inherit from the runner's own environment. */
const SCRUB = ['REDIS_URL', 'TINGZHEN_ROLES', 'NURSE_LINE_URI', 'RECORDINGS_DIR', 'HTTP_HOST', 'AUDIOSOCKET_PORT', 'LLM_BASE_URL', 'LLM_MODEL', 'LLM_API_KEY', 'GATEWAY_URL', 'SIP_CONFIG', 'DATABASE_URL', 'QUEUE_PREFIX', 'HTTP_PORT'];

/** One role of the platform as its own process, on `port`, logging (appending, across restarts) to `logFile`. */
export function roleProcess(role: Role, o: { port: number; env: Record<string, string>; baseEnv: Record<string, string | undefined>; logFile: string; startTimeoutMs?: number }): RoleProcess {
  let proc: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  const url = `http://127.0.0.1:${o.port}`;
  const base = { ...o.baseEnv };
  for (const k of SCRUB) delete base[k];
  return {
    role, url, logFile: o.logFile,
    proc: () => proc,
    async start() {
      const fd = openSync(o.logFile, 'a');
      const p = spawn(process.execPath, [join(ROOT, 'app', 'bin', 'tingzhen.js'), 'start', '--roles', role],
        { cwd: ROOT, env: { ...base, ...o.env, HTTP_PORT: String(o.port) }, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      proc = p;
      exited = new Promise((r) => p.once('exit', (code, signal) => r(code ?? (signal ? 128 : null))));
      const until = Date.now() + (o.startTimeoutMs ?? 120_000);
      for (;;) {
        if (gone(p)) throw new Error(`the ${role} role exited (${p.exitCode ?? p.signalCode}) before /health answered:\n${readText(o.logFile).slice(-3000)}`);
        const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status === 200, () => false);
        if (ok) return;
        if (Date.now() > until) {
          p.kill('SIGKILL');
          throw new Error(`the ${role} role: /health did not answer 200 in time:\n${readText(o.logFile).slice(-3000)}`);
        }
        await sleep(300);
      }
    },
    kill: () => kill9(proc),
    async terminate() {
      if (!proc || gone(proc)) return exited;
      proc.kill('SIGTERM');
      return exited;
    },
    async stop(graceMs = 15_000) {
      if (!proc || gone(proc)) return;
      const p = proc;
      p.kill('SIGTERM');
      const t = setTimeout(() => p.kill('SIGKILL'), graceMs);
      await exitOf(p);
      clearTimeout(t);
    },
  };
}
