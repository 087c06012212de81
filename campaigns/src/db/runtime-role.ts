/**
 * The least-privilege role the platform works as (issue 16 item 4). The owner (the migrating user:
 * the embedded server's superuser, or DATABASE_URL's user) runs the migrations, then this grants the
 * runtime role what normal work needs and nothing more:
 *   - CONNECT on the database, USAGE on the schema (no CREATE: no DDL);
 *   - SELECT, INSERT, UPDATE, DELETE on the tables, USAGE on their sequences;
 *   - audit_log and call_events: SELECT and INSERT only (no UPDATE, DELETE, TRUNCATE or TRIGGER);
 *   - audit_chain_head: SELECT only (the chain trigger updates it with the owner's rights);
 *   - pgmigrations: SELECT only;
 *   - the queue schema of bullmq's PostgreSQL backend, when used: USAGE, table DML, sequences.
 * The role owns nothing, so it cannot ALTER, DROP or disable a trigger; it is no superuser, so it
 * cannot set session_replication_role to skip triggers either. Run again at every start
 * (idempotent), so tables added by later migrations are granted too.
 */
import pg from 'pg';
import { TzError } from '@tingzhen/voice-core';

export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface RuntimeRole {
  name: string;
  /** Created with this password when missing. */
  password?: string;
  /** Also set the password when the role exists (the platform owns the role: embedded server). */
  managePassword?: boolean;
}

/** Tables the runtime role may only read and append to. */
const APPEND_ONLY = ['audit_log', 'call_events'];

export async function ensureRuntimeRole(ownerUrl: string, schema: string, role: RuntimeRole, extraSchemas: string[] = []): Promise<void> {
  if (!ROLE_NAME.test(role.name)) throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'runtimeRole', expected: ROLE_NAME.source });
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await ensureRole(client, role);
    const r = pg.escapeIdentifier(role.name);
    const s = pg.escapeIdentifier(schema);
    await client.query('BEGIN');
    // Two starts granting at once would collide on the catalog rows ("tuple concurrently updated").
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('tingzhen.runtime-role'))`);
    const db = (await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
    const existing = new Set((await client.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = $1', [schema])).rows.map((x) => x.t));
    const sql = [
      `GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(db)} TO ${r}`,
      `REVOKE CREATE ON SCHEMA ${s} FROM ${r}`,
      `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
      `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
      ...APPEND_ONLY.filter((t) => existing.has(t)).map((t) => `REVOKE UPDATE, DELETE ON ${s}.${t} FROM ${r}`),
      ...(existing.has('audit_chain_head') ? [`REVOKE ALL ON ${s}.audit_chain_head FROM ${r}`, `GRANT SELECT ON ${s}.audit_chain_head TO ${r}`] : []),
      ...(existing.has('pgmigrations') ? [`REVOKE INSERT, UPDATE, DELETE ON ${s}.pgmigrations FROM ${r}`] : []),
    ];
    for (const extra of extraSchemas) {
      const e = pg.escapeIdentifier(extra);
      sql.push(
        `GRANT USAGE ON SCHEMA ${e} TO ${r}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${e} TO ${r}`,
        `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${e} TO ${r}`,
        `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${e} TO ${r}`,
      );
    }
    for (const q of sql) await client.query(q);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

async function ensureRole(client: pg.Client, role: RuntimeRole): Promise<void> {
  const me = (await client.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
  if (me === role.name) {
    throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'runtimeRole' }, { message: 'The runtime database role is the migrating owner itself. Fix: give the platform a separate role for normal work (see README, Database roles).' });
  }
  const found = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
    'SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1', [role.name]);
  const row = found.rows[0];
  const pw = role.password !== undefined ? ` PASSWORD ${client.escapeLiteral(role.password)}` : '';
  if (!row) {
    try {
      await client.query(`CREATE ROLE ${pg.escapeIdentifier(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT${pw}`);
    } catch (err) {
      // Another start (of another database on this cluster) created it first.
      if ((err as { code?: string }).code !== '42710') throw err;
    }
    return;
  }
  if (row.rolsuper || row.rolbypassrls || row.rolcreaterole || row.rolcreatedb) {
    throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'runtimeRole', role: role.name }, { message: 'The runtime database role may create roles or databases, or is a superuser: it must be a plain login role. Fix: ALTER ROLE ... NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS, or use another role (see README, Database roles).' });
  }
  if (role.managePassword && pw) await client.query(`ALTER ROLE ${pg.escapeIdentifier(role.name)}${pw}`);
}

/** A URL like `databaseUrl` with another user and password (the runtime role's). */
export function urlWithUser(databaseUrl: string, user: string, password: string): string {
  const u = new URL(databaseUrl);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Drops a runtime role everywhere it has rights in this database (tests; uninstall). */
export async function dropRuntimeRole(ownerUrl: string, name: string): Promise<void> {
  if (!ROLE_NAME.test(name)) throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'runtimeRole', expected: ROLE_NAME.source });
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    if (exists.rowCount === 0) return;
    await client.query(`DROP OWNED BY ${pg.escapeIdentifier(name)}`);
    await client.query(`DROP ROLE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
