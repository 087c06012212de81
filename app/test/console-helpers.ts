/**
 * A console + campaigns API app on the real PostgreSQL, in a fresh schema that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { campaignsApi, createPool, createQueueConnection, dropSchema, migrate, pgQueueSchema, startScheduler, type QueueConnection, type Scheduler } from '@tingzhen/campaigns';
import { actorOf, authorize, consolePlugin, type ConsolePluginOptions } from '@tingzhen/console';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ConsoleEnv {
  app: FastifyInstance;
  pool: pg.Pool;
  schema: string;
  connection: QueueConnection;
  scheduler: Scheduler;
  close(): Promise<void>;
}

export async function makeConsoleEnv(tag: string, opts: Partial<ConsolePluginOptions> = {}, extra?: (app: FastifyInstance) => Promise<void>): Promise<ConsoleEnv> {
  const schema = `tzt_${tag}_${randomBytes(4).toString('hex')}`;
  await migrate(DATABASE_URL, { schema });
  const pool = createPool(DATABASE_URL, { schema, max: 8 });
  const connection = createQueueConnection({ databaseUrl: DATABASE_URL, prefix: schema });
  const scheduler = startScheduler({ pool, connection, reconcileIntervalMs: 0 });
  const app = Fastify({ logger: false });
  await app.register(consolePlugin, { pool, ...opts });
  await app.register(campaignsApi, { pool, scheduler, prefix: '/api', authorize, actorOf } as never);
  if (extra) await extra(app);
  await app.ready();
  return {
    app, pool, schema, connection, scheduler,
    async close() {
      await app.close();
      await scheduler.close();
      await connection.close();
      await pool.end();
      await dropSchema(DATABASE_URL, schema);
      await dropSchema(DATABASE_URL, pgQueueSchema(schema));
    },
  };
}

/** Signs in through the API and returns the Cookie header value. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const set = String(res.headers['set-cookie']);
  return set.split(';')[0]!;
}
