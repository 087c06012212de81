/**
 * The platform's backing services, chosen from configuration:
 * - PostgreSQL: DATABASE_URL, or an embedded server in the data directory; migrations applied;
 * - the job queue (bullmq): Redis at REDIS_URL, or bullmq's PostgreSQL backend on the same database.
 */
import { createPool, createQueueConnection, health, migrate, migrateQueueSchema, urlWithUser, type RuntimeRole, type Pool, type QueueConnection, type QueueBackendKind } from '@tingzhen/campaigns';
import { TzError, type Config, type Logger } from '@tingzhen/voice-core';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

export interface Services {
  databaseUrl: string;
  databaseKind: 'embedded' | 'external';
  pool: Pool;
  queueBackend: QueueBackendKind;
  queue: QueueConnection;
  health(): Promise<ServicesHealth>;
  close(): Promise<void>;
}

export interface ServicesHealth {
  database: { kind: 'embedded' | 'external'; ok: boolean; server?: string; error?: string };
  queue: { backend: QueueBackendKind; location: string; ok: boolean; error?: string };
}

export interface OpenedDatabase {
  /** The URL the platform works with: the least-privilege runtime role when there is one. */
  databaseUrl: string;
  databaseKind: 'embedded' | 'external';
  /** True when `databaseUrl` is the runtime role (not the owner that migrates). */
  leastPrivilege: boolean;
  pool: Pool;
  /** Stops the embedded server (no-op for an external one); call after the pool is ended. */
  stopEmbedded(): Promise<void>;
}

/** The embedded database's runtime role (its own cluster, so one fixed name). */
export const EMBEDDED_RUNTIME_ROLE = 'tingzhen_app';

/** The runtime role's password for the embedded server, kept in the data directory (0600). */
async function embeddedRuntimePassword(dataDir: string): Promise<string> {
  const file = resolve(dataDir, 'postgres-app-password');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const pw = randomBytes(18).toString('base64url');
  await writeFile(file, `${pw}\n`, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return (await readFile(file, 'utf8')).trim();
}

interface Plan {
  /** Migrates and grants (the owner). */
  ownerUrl: string;
  /** Works (the runtime role, or the owner when there is none). */
  workUrl: string;
  runtimeRole?: RuntimeRole;
}

async function plan(config: Config, embeddedUrl: string | undefined, log: Logger): Promise<Plan> {
  if (embeddedUrl !== undefined) {
    const password = await embeddedRuntimePassword(config.dataDir);
    return { ownerUrl: embeddedUrl, workUrl: urlWithUser(embeddedUrl, EMBEDDED_RUNTIME_ROLE, password), runtimeRole: { name: EMBEDDED_RUNTIME_ROLE, password, managePassword: true } };
  }
  const ownerUrl = config.databaseUrl!;
  if (config.databaseRuntimeUrl !== undefined) {
    const u = new URL(config.databaseRuntimeUrl);
    return { ownerUrl, workUrl: config.databaseRuntimeUrl, runtimeRole: { name: decodeURIComponent(u.username), ...(u.password ? { password: decodeURIComponent(u.password) } : {}) } };
  }
  if (!config.supervisedChild) log.warn('DATABASE_RUNTIME_URL is unset: working as DATABASE_URL\'s user, which can alter the audit trail. Fix: set DATABASE_RUNTIME_URL to a least-privilege role (README, Database roles)');
  return { ownerUrl, workUrl: ownerUrl };
}

/**
 * PostgreSQL at DATABASE_URL, or the embedded server in the data directory (started here, or the
 * supervisor's at `opts.embeddedUrl`): migrated as the owner, then worked with as the
 * least-privilege runtime role (issue 16 item 4). A supervised role process neither migrates nor
 * grants: its supervisor did, and hands it the runtime role's URL as DATABASE_URL.
 */
export async function openDatabase(config: Config, log: Logger, poolMax = 10, opts: { embeddedUrl?: string } = {}): Promise<OpenedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let embeddedUrl = opts.embeddedUrl;
  if (config.databaseUrl === undefined && embeddedUrl === undefined) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
    embeddedUrl = embedded.url;
  }
  let pool: Pool | undefined;
  let p: Plan;
  try {
    if (config.supervisedChild) {
      p = { ownerUrl: config.databaseUrl!, workUrl: config.databaseRuntimeUrl ?? config.databaseUrl! };
    } else {
      p = await plan(config, embeddedUrl, log);
      // bullmq's PostgreSQL backend creates its schema; the runtime role may not, so the owner does.
      const queueSchemas = config.redisUrl === undefined ? [await migrateQueueSchema(p.ownerUrl, config.queuePrefix)] : [];
      const ran = await migrate(p.ownerUrl, p.runtimeRole ? { runtimeRole: { ...p.runtimeRole, extraSchemas: queueSchemas } } : {});
      if (ran.length > 0) log.info({ migrations: ran }, 'database migrated');
    }
    pool = createPool(p.workUrl, { max: poolMax });
    pool.on('error', (err) => log.error({ err }, 'idle PostgreSQL client error'));
    await pool.query('SELECT 1');
  } catch (err) {
    await pool?.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    if (err instanceof TzError && err.code === 'TZ_ERR_CONFIG_INVALID') throw err;
    throw new TzError('TZ_ERR_DB', {}, { cause: err, retryable: false, message: 'Cannot connect to or migrate PostgreSQL. Fix: check DATABASE_URL (host, port, user, database, rights to create tables) and DATABASE_RUNTIME_URL (README, Database roles), or unset them to use the embedded database.' });
  }
  const leastPrivilege = p.workUrl !== p.ownerUrl || (config.supervisedChild && config.databaseRuntimeUrl !== undefined);
  return {
    databaseUrl: p.workUrl, databaseKind: embeddedUrl !== undefined ? 'embedded' : 'external', leastPrivilege, pool,
    stopEmbedded: async () => { if (embedded) await embedded.stop(); },
  };
}

export async function openServices(config: Config, log: Logger): Promise<Services> {
  const db = await openDatabase(config, log);
  const { databaseUrl, pool } = db;
  // The queue's schema was migrated by the owner (openDatabase, or the supervisor's).
  const queue = createQueueConnection({ redisUrl: config.redisUrl, databaseUrl, prefix: config.queuePrefix, migrate: false });
  const databaseKind = db.databaseKind;
  return {
    databaseUrl,
    databaseKind,
    pool,
    queueBackend: queue.backend,
    queue,
    async health() {
      const h = await withTimeout(health(pool, queue), 3000).catch((err: unknown) => ({
        database: { ok: false, error: (err as Error).message }, queue: { ok: false, backend: queue.backend, location: queue.location, error: (err as Error).message },
      }));
      return {
        database: { kind: databaseKind, ok: h.database.ok, server: 'server' in h.database ? h.database.server : undefined, error: h.database.error },
        queue: { backend: queue.backend, location: queue.location, ok: h.queue.ok, error: h.queue.error },
      };
    },
    async close() {
      await queue.close().catch((err: unknown) => log.warn({ err }, 'queue close failed'));
      await pool.end().catch((err: unknown) => log.warn({ err }, 'pool close failed'));
      await db.stopEmbedded();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new TzError('TZ_ERR_TIMEOUT', { ms })), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}
