/**
 * The platform's backing services, chosen from configuration:
 * - PostgreSQL: DATABASE_URL, or an embedded server in the data directory;
 * - the job queue (bullmq): Redis at REDIS_URL, or bullmq's PostgreSQL backend on the same database.
 */
import pg from 'pg';
import { Queue, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { TzError, type Config, type Logger } from '@tingzhen/voice-core';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

export type QueueBackendKind = 'redis' | 'postgres';

export interface Services {
  databaseUrl: string;
  databaseKind: 'embedded' | 'external';
  pool: pg.Pool;
  queueBackend: QueueBackendKind;
  /** A bullmq connection for the chosen backend, for components that create queues. */
  queueConnection: QueueConnection;
  health(): Promise<ServicesHealth>;
  close(): Promise<void>;
}

export type QueueConnection =
  | { kind: 'redis'; url: string }
  | { kind: 'postgres'; url: string; schema: string };

export interface ServicesHealth {
  database: { kind: 'embedded' | 'external'; ok: boolean; serverVersion?: string; error?: string };
  queue: { backend: QueueBackendKind; ok: boolean; error?: string };
}

/** Creates a bullmq Queue on whichever backend the connection names. */
export function createQueue(name: string, conn: QueueConnection, prefix: string): Queue {
  if (conn.kind === 'redis') {
    return new Queue(name, { prefix, connection: new Redis(conn.url, { maxRetriesPerRequest: null, lazyConnect: false }) });
  }
  return new Queue(name, { prefix, connection: { connectionString: conn.url, schema: conn.schema, migrate: true } }, createPostgresBackend as never);
}

export async function openServices(config: Config, log: Logger): Promise<Services> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
    databaseUrl = embedded.url;
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', (err) => log.error({ err }, 'idle PostgreSQL client error'));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw new TzError('TZ_ERR_DB', {}, { cause: err, retryable: false, message: 'Cannot connect to PostgreSQL. Fix: check DATABASE_URL (host, port, user, database) or unset it to use the embedded database.' });
  }
  const queueConnection: QueueConnection = config.redisUrl === undefined
    ? { kind: 'postgres', url: databaseUrl, schema: `${config.queuePrefix}_queue` }
    : { kind: 'redis', url: config.redisUrl };
  const probe = createQueue('health', queueConnection, config.queuePrefix);
  probe.on('error', (err) => log.warn({ err }, 'queue connection error'));

  return {
    databaseUrl,
    databaseKind: embedded ? 'embedded' : 'external',
    pool,
    queueBackend: queueConnection.kind,
    queueConnection,
    async health() {
      const database: ServicesHealth['database'] = { kind: embedded ? 'embedded' : 'external', ok: false };
      try {
        const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
        database.ok = true;
        database.serverVersion = rows[0]?.server_version;
      } catch (err) {
        database.error = (err as Error).message;
      }
      const queue: ServicesHealth['queue'] = { backend: queueConnection.kind, ok: false };
      try {
        await withTimeout(probe.getJobCounts('waiting'), 3000);
        queue.ok = true;
      } catch (err) {
        queue.error = (err as Error).message;
      }
      return { database, queue };
    },
    async close() {
      await probe.close().catch((err: unknown) => log.warn({ err }, 'queue close failed'));
      await pool.end().catch((err: unknown) => log.warn({ err }, 'pool close failed'));
      if (embedded) await embedded.stop();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new TzError('TZ_ERR_TIMEOUT', { ms })), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}
