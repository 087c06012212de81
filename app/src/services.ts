/**
 * The platform's backing services, chosen from configuration:
 * - PostgreSQL: DATABASE_URL, or an embedded server in the data directory; migrations applied;
 * - the job queue (bullmq): Redis at REDIS_URL, or bullmq's PostgreSQL backend on the same database.
 */
import { createPool, createQueueConnection, health, migrate, type Pool, type QueueConnection, type QueueBackendKind } from '@tingzhen/campaigns';
import { TzError, type Config, type Logger } from '@tingzhen/voice-core';
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
  databaseUrl: string;
  databaseKind: 'embedded' | 'external';
  pool: Pool;
  /** Stops the embedded server (no-op for an external one); call after the pool is ended. */
  stopEmbedded(): Promise<void>;
}

/**
 * PostgreSQL at DATABASE_URL, or the embedded server in the data directory (started here), with the
 * migrations applied.
 */
export async function openDatabase(config: Config, log: Logger, poolMax = 10): Promise<OpenedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
    databaseUrl = embedded.url;
  }
  const pool = createPool(databaseUrl, { max: poolMax });
  pool.on('error', (err) => log.error({ err }, 'idle PostgreSQL client error'));
  try {
    await pool.query('SELECT 1');
    const ran = await migrate(databaseUrl);
    if (ran.length > 0) log.info({ migrations: ran }, 'database migrated');
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw new TzError('TZ_ERR_DB', {}, { cause: err, retryable: false, message: 'Cannot connect to or migrate PostgreSQL. Fix: check DATABASE_URL (host, port, user, database, rights to create tables) or unset it to use the embedded database.' });
  }
  return { databaseUrl, databaseKind: embedded ? 'embedded' : 'external', pool, stopEmbedded: async () => { if (embedded) await embedded.stop(); } };
}

export async function openServices(config: Config, log: Logger): Promise<Services> {
  const db = await openDatabase(config, log);
  const { databaseUrl, pool } = db;
  const queue = createQueueConnection({ redisUrl: config.redisUrl, databaseUrl, prefix: config.queuePrefix });
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
