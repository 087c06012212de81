/**
 * `tingzhen start` with several roles: one child process per role (gateway, worker, api), restarted
 * with backoff when one dies, so a crash of the gateway never takes the console, the API, the
 * worker or the database with it. The supervisor itself stays small:
 *   - it owns the embedded PostgreSQL (when DATABASE_URL is unset), migrates once, and creates the
 *     console's first-start token once (a restarted api role does not replace it);
 *   - it fixes the gateway secret and each role's loopback port before the first start, so a
 *     restarted role comes back where the others expect it;
 *   - it serves the public port (front.ts): /health with each role's state and restarts, and a
 *     proxy to the role that serves each path.
 * Shutdown (SIGTERM): /health says draining; the gateway drains its calls while the worker stops
 * claiming; then the api role; then the front door and the database.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLogger, type Config } from '@tingzhen/voice-core';
import { ensureSetupToken } from '@tingzhen/console';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type OpenedDatabase } from '../services.js';
import { gatewaySecret } from '../secrets.js';
import { VERSION } from '../version.js';
import { buildFront } from './front.js';
import { trustProxyOption } from '../trust-proxy.js';
import { EmbeddedDatabaseKeeper } from './database-keeper.js';
import { RoleProcess, type RoleName, type RoleStatus } from './role-process.js';

/** After SIGTERM, what a role may take beyond the drain limit before it is killed, ms. */
const STOP_GRACE_MS = 15_000;
const ENTRY = fileURLToPath(new URL('../../bin/tingzhen.js', import.meta.url));

export interface RunningSupervisor {
  url: string;
  setupToken: string | null;
  statuses(): RoleStatus[];
  /** The child process of a role (tests kill it). */
  pidOf(role: RoleName): number | null;
  close(): Promise<void>;
}

export interface SupervisorOptions {
  /** First restart delay, ms (doubles per crash, at most 30 s). */
  restartBackoffMs?: number;
}

/** A free TCP port on loopback, chosen once (a restarted role comes back on the same one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Roles in start order: the gateway first (the worker dials it), then the others. */
const ORDER: RoleName[] = ['gateway', 'worker', 'api'];

export async function startSupervisor(config: Config, env: Record<string, string | undefined>, opts: SupervisorOptions = {}): Promise<RunningSupervisor> {
  const log = createLogger({ level: config.logLevel, name: 'tingzhen-supervisor' });
  const roles = ORDER.filter((r) => config.roles.includes(r));
  // The embedded PostgreSQL is the supervisor's, kept running (restarted if it dies).
  const keeper = config.databaseUrl === undefined ? new EmbeddedDatabaseKeeper({ dataDir: config.dataDir, port: config.embeddedPgPort, log }) : null;
  const embeddedUrl = keeper ? await keeper.start() : undefined;
  let db: OpenedDatabase;
  try {
    db = await openDatabase(config, log, 2, { embeddedUrl });
  } catch (err) {
    await keeper?.stop();
    throw err;
  }
  const databaseKind = keeper ? 'embedded' : 'external';
  const procs = new Map<RoleName, RoleProcess>();
  let front: FastifyInstance | undefined;
  let draining = false;
  const stopAll = async () => {
    draining = true;
    // The gateway drains (its calls go on through the front door) while the worker stops claiming.
    await Promise.all((['gateway', 'worker'] as const).map((r) => procs.get(r)?.stop() ?? Promise.resolve()));
    await procs.get('api')?.stop();
    if (front) await front.close().catch((err: unknown) => log.error({ err }, 'front door close failed'));
    await db.pool.end().catch(() => undefined);
    await keeper?.stop().catch((err: unknown) => log.error({ err }, 'embedded PostgreSQL stop failed'));
  };
  try {
    const setupToken = roles.includes('api') ? await ensureSetupToken(db.pool) : null;
    const secret = await gatewaySecret(config);
    // The roles' /health details need the ops token: without OPS_TOKEN, one only the supervisor knows.
    const opsToken = config.opsToken ?? randomBytes(32).toString('hex');
    const ports = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await freePort()] as const))) as Record<RoleName, number>;
    const urlOf = (r: RoleName) => `http://127.0.0.1:${ports[r]}`;
    const childEnv = (role: RoleName): Record<string, string | undefined> => ({
      ...env,
      DATABASE_URL: db.databaseUrl,
      GATEWAY_AUTH_SECRET: secret,
      OPS_TOKEN: opsToken,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(ports[role]),
      TINGZHEN_ROLES: role,
      TINGZHEN_SUPERVISED: 'true',
      // AudioSocket and the default SIP listener stay on the operator's address.
      ...(role === 'gateway' ? { TINGZHEN_EDGE_HOST: config.httpHost } : {}),
      ...(role === 'worker' ? { GATEWAY_URL: config.gatewayUrl ?? (roles.includes('gateway') ? urlOf('gateway') : undefined) } : {}),
    });
    for (const role of roles) {
      procs.set(role, new RoleProcess({
        role, entry: ENTRY, env: childEnv(role), log,
        backoffMs: opts.restartBackoffMs ?? 1000,
        stopTimeoutMs: config.drainTimeoutMs + STOP_GRACE_MS,
      }));
    }
    // The gateway first (loading speech engines takes a while), then the worker and api together.
    if (procs.has('gateway')) await procs.get('gateway')!.start();
    await Promise.all(roles.filter((r) => r !== 'gateway').map((r) => procs.get(r)!.start()));
    front = await buildFront({
      log, version: VERSION,
      upstreams: Object.fromEntries(roles.map((r) => [r, urlOf(r)])),
      statuses: () => roles.map((r) => procs.get(r)!.status()),
      databaseKind,
      embeddedDatabase: keeper ? () => keeper.status() : undefined,
      draining: () => draining,
      trustProxy: trustProxyOption(config.trustProxy),
      opsToken,
    });
    await front.listen({ host: config.httpHost, port: config.httpPort });
    const addr = front.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.httpPort;
    const url = `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${port}`;
    log.info({ url, roles, database: databaseKind }, 'tingzhen started (one process per role)');
    let closing: Promise<void> | undefined;
    return {
      url, setupToken,
      statuses: () => roles.map((r) => procs.get(r)!.status()),
      pidOf: (r) => procs.get(r)?.status().pid ?? null,
      close() {
        closing ??= (async () => {
          log.info('shutting down');
          await stopAll();
          log.info('stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
