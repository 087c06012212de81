/**
 * Race-safe state transitions. A move is `UPDATE ... WHERE id = $1 AND state = ANY($from) RETURNING *`:
 * of two workers racing for one row, exactly one gets the row back. In the same transaction the
 * move is appended to call_events, the campaign's progress counters are adjusted, and a NOTIFY
 * is queued (delivered at commit), so the console sees progress without scanning tables.
 */
import type pg from 'pg';
import { TzError, type AuditEntry, type AuditWriter } from '@tingzhen/voice-core';
import { canTransition, type Machine } from '../domain/states.js';
import { prepared } from './prepared.js';

export type Row = Record<string, unknown>;

const TABLES: Record<Machine, string> = { campaign: 'campaigns', contact: 'contacts', attempt: 'call_attempts', escalation: 'escalations' };
const COLUMN = /^[a-z_]+$/;
/** Machines whose states are counted per campaign. */
const COUNTED: ReadonlySet<Machine> = new Set(['contact', 'attempt']);

export interface TransitionOptions {
  /** Extra columns to set with the move (names are code constants, never user input). */
  set?: Record<string, unknown>;
  /** Free data stored with the event (no patient identifiers here). */
  data?: Record<string, unknown>;
  kind?: string;
}

/** Returns the moved row, or null when the row was not in any `from` state (someone else moved it). */
export async function transition(db: pg.ClientBase, machine: Machine, id: string | number, from: string | readonly string[], to: string, opts: TransitionOptions = {}): Promise<Row | null> {
  const froms = typeof from === 'string' ? [from] : [...from];
  for (const f of froms) {
    if (!canTransition(machine, f, to)) throw new TzError('TZ_ERR_ILLEGAL_TRANSITION', { machine, from: f, to });
  }
  const sets = ['state = $3', 'updated_at = now()'];
  const values: unknown[] = [id, froms, to];
  for (const [col, v] of Object.entries(opts.set ?? {})) {
    if (!COLUMN.test(col)) throw new TzError('TZ_ERR_INTERNAL', { column: col });
    values.push(v);
    sets.push(`${col} = $${values.length}`);
  }
  // One statement: the old state is read under a row lock (the FROM self-join sees the pre-update
  // row), the move is made, the event appended and the NOTIFY queued (delivered at commit).
  const cid = machine === 'campaign' ? 'u.id' : 'u.campaign_id';
  values.push(machine, opts.kind ?? 'transition', JSON.stringify(opts.data ?? {}));
  const n = values.length;
  const res = await db.query(prepared(
    `WITH o AS (SELECT id, state AS old_state FROM ${TABLES[machine]} WHERE id = $1 FOR NO KEY UPDATE),
     u AS (UPDATE ${TABLES[machine]} t SET ${sets.join(', ')} FROM o WHERE t.id = o.id AND o.old_state = ANY($2::text[]) RETURNING t.*, o.old_state),
     ev AS (INSERT INTO call_events (entity, entity_id, campaign_id, kind, from_state, to_state, data)
            SELECT $${n - 2}, u.id, ${cid}, $${n - 1}, u.old_state, $3, $${n} FROM u)
     SELECT u.*, (SELECT pg_notify('tz_progress_' || current_schema(), (${cid})::text) WHERE ${cid} IS NOT NULL) AS notified FROM u`,
    values,
  ));
  const row = res.rows[0] as Row | undefined;
  if (!row) return null;
  const oldState = String(row.old_state);
  delete row.old_state;
  delete row.notified;
  const campaignId = (machine === 'campaign' ? row.id : (row.campaign_id ?? null)) as string | null;
  if (COUNTED.has(machine) && campaignId !== null && oldState !== to) {
    await addCounters(db, [{ campaignId: String(campaignId), name: `${machine}.${to}`, delta: 1 }, { campaignId: String(campaignId), name: `${machine}.${oldState}`, delta: -1 }]);
  }
  return row;
}

/** Records the birth of a counted row (a new contact or attempt) as an event and a counter bump. */
export async function recordCreated(db: pg.ClientBase, machine: 'contact' | 'attempt', ids: readonly string[], campaignId: string, state: string, data: Record<string, unknown> = {}): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `WITH ev AS (
       INSERT INTO call_events (entity, entity_id, campaign_id, kind, to_state, data)
       SELECT $1, unnest($2::bigint[]), $3, 'created', $4, $5
     )
     SELECT pg_notify('tz_progress_' || current_schema(), $3::text)`,
    [machine, ids, campaignId, state, JSON.stringify(data)],
  );
  await addCounters(db, [{ campaignId, name: `${machine}.${state}`, delta: ids.length }]);
}

/** Appends a free event (e.g. a gateway progress note during a call). */
export async function appendEvent(db: pg.ClientBase | pg.Pool, entity: 'campaign' | 'contact' | 'attempt' | 'call', id: string, campaignId: string | null, kind: string, data: Record<string, unknown> = {}): Promise<void> {
  await db.query('INSERT INTO call_events (entity, entity_id, campaign_id, kind, data) VALUES ($1, $2, $3, $4, $5)', [entity, id, campaignId, kind, JSON.stringify(data)]);
}

export type { AuditEntry } from '@tingzhen/voice-core';

/**
 * Appends one row to the audit trail (issue 16 item 4): THE function every part calls, inside the
 * caller's transaction when given a client. The database chains the row to the previous one (seq,
 * prev_hash, hash; see migration audit_chain) under a lock held until the transaction ends; the
 * runtime role may only INSERT. Never put patient data in `details` (see AuditEntry).
 */
export async function audit(db: pg.ClientBase | pg.Pool, e: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (actor, action, entity, entity_id, patient_id, details) VALUES ($1, $2, $3, $4, $5, $6)',
    [e.actor, e.action, e.entity, e.entityId ?? null, e.patientId ?? null, JSON.stringify(e.details ?? {})]);
}

/** An AuditWriter on a pool: what the app hands to parts without database code (the gateway). */
export function auditWriter(pool: pg.Pool): AuditWriter {
  return (e) => audit(pool, e);
}

export interface CounterDelta { campaignId: string; name: string; delta: number }

/**
 * Counter deltas of an open transaction, written once just before commit (see withTx). Holding
 * the counter rows' locks only from that write to the commit, and always in (campaign, name)
 * order, keeps concurrent transactions of one campaign from queueing on them or deadlocking.
 * Work that must see every committed delta (the campaign-completion check) runs after commit.
 */
interface TxState {
  counters: Map<string, CounterDelta>;
  afterCommit: Map<string, (pool: pg.Pool) => Promise<void>>;
}
const txStates = new WeakMap<object, TxState>();

/** Starts collecting counter deltas and after-commit work on this client (withTx does it after BEGIN). */
export function beginTxState(db: pg.ClientBase): void {
  txStates.set(db, { counters: new Map(), afterCommit: new Map() });
}

/** Forgets what was collected (on rollback). */
export function dropTxState(db: pg.ClientBase): void {
  txStates.delete(db);
}

/**
 * Ends collection: returns the SQL that writes the collected deltas (to be sent together with
 * COMMIT in one round trip; values are checked ids, code-constant names and integers, inlined as
 * literals because a multi-statement query takes no parameters) and the after-commit work.
 */
export function takeTxState(db: pg.ClientBase): { counterSql: string; after: ((pool: pg.Pool) => Promise<void>)[] } {
  const st = txStates.get(db);
  txStates.delete(db);
  if (!st) return { counterSql: '', after: [] };
  return { counterSql: counterSql([...st.counters.values()]), after: [...st.afterCommit.values()] };
}

/**
 * Registers work to run once the caller's transaction has committed (deduplicated by key).
 * Returns false when the client is not inside withTx: the caller then does the work inline.
 */
export function afterCommit(db: pg.ClientBase, key: string, fn: (pool: pg.Pool) => Promise<void>): boolean {
  const st = txStates.get(db);
  if (!st) return false;
  st.afterCommit.set(key, fn);
  return true;
}

async function addCounters(db: pg.ClientBase, deltas: readonly CounterDelta[]): Promise<void> {
  const batch = txStates.get(db)?.counters;
  if (!batch) { await writeCounters(db, deltas); return; }
  for (const d of deltas) {
    const key = `${d.campaignId}\u0000${d.name}`;
    const cur = batch.get(key);
    if (cur) cur.delta += d.delta;
    else batch.set(key, { ...d });
  }
}

/** Shards: each connection writes shard pid % 16, so two writers rarely touch the same row. */
const COUNTER_SHARDS = 16;

function sortedDeltas(deltas: readonly CounterDelta[]): CounterDelta[] {
  const key = (d: CounterDelta) => `${d.campaignId.padStart(20, '0')} ${d.name}`;
  return deltas.filter((d) => d.delta !== 0).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const COUNTER_UPSERT = `INSERT INTO campaign_counters (campaign_id, name, shard, value)
  SELECT c, n, (pg_backend_pid() % ${COUNTER_SHARDS})::smallint, v FROM unnest(%IDS%::bigint[], %NAMES%::text[], %DELTAS%::bigint[]) WITH ORDINALITY AS u(c, n, v, ord) ORDER BY ord
  ON CONFLICT (campaign_id, name, shard) DO UPDATE SET value = campaign_counters.value + EXCLUDED.value`;

/** The upsert with literal arrays, or '' when there is nothing to write. */
function counterSql(deltas: readonly CounterDelta[]): string {
  const list = sortedDeltas(deltas);
  if (list.length === 0) return '';
  for (const d of list) {
    if (!/^[0-9]{1,19}$/.test(d.campaignId) || !/^[a-z_]+\.[a-z_]+$/.test(d.name) || !Number.isSafeInteger(d.delta)) throw new TzError('TZ_ERR_INTERNAL', { counter: d.name });
  }
  return COUNTER_UPSERT.replace('%IDS%', `'{${list.map((d) => d.campaignId).join(',')}}'`)
    .replace('%NAMES%', `'{${list.map((d) => d.name).join(',')}}'`)
    .replace('%DELTAS%', `'{${list.map((d) => d.delta).join(',')}}'`) + ';';
}

async function writeCounters(db: pg.ClientBase, deltas: readonly CounterDelta[]): Promise<void> {
  const sql = counterSql(deltas);
  if (sql) await db.query(sql);
}

/** Counters of a campaign (shards summed), including the deltas of the caller's open transaction. */
export async function readCounters(db: pg.ClientBase | pg.Pool, campaignId: string, names?: readonly string[]): Promise<Record<string, number>> {
  const res = await db.query<{ name: string; value: string }>(prepared(
    'SELECT name, sum(value)::text AS value FROM campaign_counters WHERE campaign_id = $1 AND ($2::text[] IS NULL OR name = ANY($2::text[])) GROUP BY name',
    [campaignId, names ?? null]));
  const out: Record<string, number> = Object.fromEntries(res.rows.map((r) => [r.name, Number(r.value)]));
  for (const d of txStates.get(db)?.counters.values() ?? []) {
    if (d.campaignId !== campaignId || (names && !names.includes(d.name))) continue;
    out[d.name] = (out[d.name] ?? 0) + d.delta;
  }
  return out;
}

/**
 * Moves every row of a campaign in state `from` to `to` (optionally only `ids`), with events and
 * counters, in one pass per state. Used for pause, resume and cancel. Returns the moved ids.
 */
export async function bulkMove(db: pg.ClientBase, machine: 'contact' | 'attempt', campaignId: string, from: string, to: string,
  opts: { ids?: readonly string[]; set?: Record<string, unknown>; reason?: string } = {}): Promise<string[]> {
  if (!canTransition(machine, from, to)) throw new TzError('TZ_ERR_ILLEGAL_TRANSITION', { machine, from, to });
  const values: unknown[] = [campaignId, from, to, opts.ids ?? null];
  const sets = ['state = $3', 'updated_at = now()'];
  for (const [col, v] of Object.entries(opts.set ?? {})) {
    if (!COLUMN.test(col)) throw new TzError('TZ_ERR_INTERNAL', { column: col });
    values.push(v);
    sets.push(`${col} = $${values.length}`);
  }
  const res = await db.query<{ id: string }>(
    `UPDATE ${TABLES[machine]} SET ${sets.join(', ')} WHERE campaign_id = $1 AND state = $2 AND ($4::bigint[] IS NULL OR id = ANY($4::bigint[])) RETURNING id::text`,
    values);
  const ids = res.rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  await db.query(
    `WITH ev AS (
       INSERT INTO call_events (entity, entity_id, campaign_id, kind, from_state, to_state, data)
       SELECT $1, unnest($2::bigint[]), $3, 'transition', $4, $5, $6
     )
     SELECT pg_notify('tz_progress_' || current_schema(), $3::text)`,
    [machine, ids, campaignId, from, to, JSON.stringify(opts.reason ? { reason: opts.reason } : {})]);
  await addCounters(db, [{ campaignId, name: `${machine}.${from}`, delta: -ids.length }, { campaignId, name: `${machine}.${to}`, delta: ids.length }]);
  return ids;
}
