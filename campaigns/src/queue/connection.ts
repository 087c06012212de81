/**
 * The clock: bullmq on Redis when REDIS_URL is set, otherwise bullmq's own PostgreSQL backend in a
 * schema of the same database (`bq_<prefix>`), so the embedded start needs no Redis.
 */
import { Queue, Worker, createPostgresBackend, runMigrations, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { TzError } from '@tingzhen/voice-core';

// The PostgreSQL backend is selected by a trailing factory argument; these views keep the calls typed
// without restating bullmq's backend generics.
const PgQueue = Queue as unknown as new (name: string, opts: object, factory: typeof createPostgresBackend) => Queue;
const PgWorker = Worker as unknown as new (name: string, processor: unknown, opts: object, factory: typeof createPostgresBackend) => Worker;

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueConnectionOptions {
  /** redis:// URL; when absent the PostgreSQL backend is used. */
  redisUrl?: string;
  databaseUrl: string;
  /** Key prefix on Redis, schema suffix on PostgreSQL. */
  prefix: string;
  /** pg pool size per queue/worker on the PostgreSQL backend. */
  pgPoolMax?: number;
  /**
   * PostgreSQL backend: run bullmq's schema migrations on first connect (default true). False for
   * the platform's runtime role, which may not create schemas: migrateQueueSchema() ran them as the
   * owner first.
   */
  migrate?: boolean;
}

export interface QueueConnection {
  readonly backend: QueueBackendKind;
  readonly prefix: string;
  /** Where jobs live: a Redis key prefix or a PostgreSQL schema. */
  readonly location: string;
  /** One Queue per name, shared. */
  queue<D = unknown>(name: string): Queue<D>;
  worker<D = unknown, R = unknown>(name: string, processor: Processor<D, R>, opts: Omit<WorkerOptions, 'connection' | 'prefix'>): Worker<D, R>;
  close(): Promise<void>;
}

const PREFIX = /^[A-Za-z0-9_-]{1,40}$/;

export function createQueueConnection(opts: QueueConnectionOptions): QueueConnection {
  if (!PREFIX.test(opts.prefix)) throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'prefix', expected: PREFIX.source });
  return opts.redisUrl ? redisConnection(opts.redisUrl, opts.prefix) : postgresConnection(opts);
}

function redisConnection(url: string, prefix: string): QueueConnection {
  const queues = new Map<string, Queue>();
  const redisClients: Redis[] = [];
  // bullmq needs maxRetriesPerRequest: null on blocking connections (workers).
  const client = () => { const r = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false }); redisClients.push(r); return r; };
  const shared = client();
  return {
    backend: 'redis', prefix, location: `redis key prefix ${prefix}`,
    queue<D>(name: string) {
      let q = queues.get(name);
      if (!q) { q = new Queue(name, { connection: shared, prefix }); queues.set(name, q); }
      return q as unknown as Queue<D>;
    },
    worker<D, R>(name: string, processor: Processor<D, R>, wopts: Omit<WorkerOptions, 'connection' | 'prefix'>) {
      return new Worker<D, R>(name, processor, { ...wopts, connection: client(), prefix });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
      await Promise.all(redisClients.map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}

/** bullmq's PostgreSQL-backend migrations for a prefix, run as the database owner. */
export async function migrateQueueSchema(databaseUrl: string, prefix: string): Promise<string> {
  if (!PREFIX.test(prefix)) throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'prefix', expected: PREFIX.source });
  const schema = pgQueueSchema(prefix);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runMigrations(client, schema);
  } finally {
    await client.end();
  }
  return schema;
}

export function pgQueueSchema(prefix: string): string {
  return `bq_${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

function postgresConnection(opts: QueueConnectionOptions): QueueConnection {
  const schema = pgQueueSchema(opts.prefix);
  const queues = new Map<string, Queue>();
  // migrate: true runs bullmq's own schema migrations on first connect (advisory-locked, idempotent).
  const connection = () => ({ connectionString: opts.databaseUrl, schema, migrate: opts.migrate ?? true, max: opts.pgPoolMax ?? 4 });
  return {
    backend: 'postgres', prefix: opts.prefix, location: `postgres schema ${schema}`,
    queue<D>(name: string) {
      let q = queues.get(name);
      if (!q) {
        q = new PgQueue(name, { connection: connection() }, createPostgresBackend);
        queues.set(name, q);
      }
      return q as unknown as Queue<D>;
    },
    worker<D, R>(name: string, processor: Processor<D, R>, wopts: Omit<WorkerOptions, 'connection' | 'prefix'>) {
      return new PgWorker(name, processor, { ...wopts, connection: connection() }, createPostgresBackend);
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}

