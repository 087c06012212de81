/**
 * Verifies the audit trail's hash chain (issue 16 item 4; the chain is written by the trigger of
 * migration audit_chain). Each row is hashed again here, independently of the database's own
 * function, over the same canonical serialisation:
 *
 *   'tz-audit-v1' then, per field, '|' <UTF-8 octets> ':' <text>, or '|-' for NULL; the fields
 *   seq, at (UTC, microseconds, 2026-01-02T03:04:05.123456Z), actor, action, entity, entity_id,
 *   patient_id, details (PostgreSQL's jsonb text), prev_hash; sha256, lower-case hex.
 *
 * A changed row fails its own hash; a removed row leaves a gap in seq and a prev_hash that no
 * longer matches; reordered rows (seq swapped) fail their hashes and links; removed last rows
 * leave the chain head ahead of the table. Someone with the database owner's rights could rewrite
 * the whole chain and its head: `--anchor SEQ:HASH` (a hash noted elsewhere, e.g. printed by an
 * earlier run) catches that.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditChainRow {
  seq: string;
  /** `at` as the database renders it for the chain (see the header). */
  atText: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  /** details::text */
  detailsText: string;
  prevHash: string;
}

export function auditCanonical(r: AuditChainRow): string {
  const fields = [r.seq, r.atText, r.actor, r.action, r.entity, r.entityId, r.patientId, r.detailsText, r.prevHash];
  return 'tz-audit-v1' + fields.map((f) => (f === null ? '|-' : `|${Buffer.byteLength(f, 'utf8')}:${f}`)).join('');
}

export function auditRowHash(r: AuditChainRow): string {
  return createHash('sha256').update(auditCanonical(r), 'utf8').digest('hex');
}

export type AuditProblemKind = 'changed' | 'missing' | 'broken-link' | 'head-mismatch' | 'anchor-mismatch';

/** A problem names rows by seq only (never their content: the report may be pasted anywhere). */
export interface AuditProblem {
  kind: AuditProblemKind;
  seq: string;
  detail: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  rows: number;
  /** The last row's seq and hash (note them elsewhere to anchor a later run). */
  lastSeq: string;
  lastHash: string;
  problems: AuditProblem[];
}

export interface AuditVerifyOptions {
  /** A seq and the hash that row had when it was noted. */
  anchor?: { seq: string; hash: string };
  /** Rows read per query (default 5000). */
  batchSize?: number;
  /** Stop collecting after this many problems (default 100; the check still reads to the end). */
  maxProblems?: number;
}

const SELECT = `SELECT seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
  actor, action, entity, entity_id, patient_id::text AS patient_id, details::text AS details_text, prev_hash, hash
  FROM audit_log WHERE audit_log.seq > $1 ORDER BY audit_log.seq LIMIT $2`;

interface DbRow { seq: string; at_text: string; actor: string; action: string; entity: string; entity_id: string | null; patient_id: string | null; details_text: string; prev_hash: string; hash: string }

/**
 * Reads the whole chain and its head in one snapshot (rows appended meanwhile are not seen). Given
 * a client, reads in that client's session as it is (a test's open transaction).
 */
export async function verifyAuditChain(db: pg.Pool | pg.ClientBase, opts: AuditVerifyOptions = {}): Promise<AuditVerifyReport> {
  if (!isPool(db)) return verifyInSnapshot(db, opts);
  const client = await db.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await verifyInSnapshot(client, opts);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

function isPool(db: pg.Pool | pg.ClientBase): db is pg.Pool {
  return 'totalCount' in db;
}

async function verifyInSnapshot(db: pg.ClientBase, opts: AuditVerifyOptions): Promise<AuditVerifyReport> {
  const batch = opts.batchSize ?? 5000;
  const maxProblems = opts.maxProblems ?? 100;
  const problems: AuditProblem[] = [];
  const problem = (p: AuditProblem) => { if (problems.length < maxProblems) problems.push(p); };
  let expectedSeq = 1n;
  let prevStored = GENESIS_HASH;
  let lastSeq = '0';
  let lastHash = GENESIS_HASH;
  let rows = 0;
  let anchorSeen = false;
  for (;;) {
    const r = await db.query<DbRow>(SELECT, [lastSeq, batch]);
    for (const row of r.rows) {
      rows += 1;
      const seq = BigInt(row.seq);
      if (seq !== expectedSeq) problem({ kind: 'missing', seq: row.seq, detail: `rows ${expectedSeq}..${seq - 1n} are missing` });
      if (row.prev_hash !== prevStored) problem({ kind: 'broken-link', seq: row.seq, detail: 'prev_hash is not the hash of the row before it (a row removed, inserted or moved)' });
      const computed = auditRowHash({
        seq: row.seq, atText: row.at_text, actor: row.actor, action: row.action, entity: row.entity,
        entityId: row.entity_id, patientId: row.patient_id, detailsText: row.details_text, prevHash: row.prev_hash,
      });
      if (computed !== row.hash) problem({ kind: 'changed', seq: row.seq, detail: 'the row does not match its hash (changed after it was written)' });
      if (opts.anchor && opts.anchor.seq === row.seq) {
        anchorSeen = true;
        if (opts.anchor.hash !== row.hash) problem({ kind: 'anchor-mismatch', seq: row.seq, detail: 'the row\'s hash is not the anchored one (the chain was rewritten)' });
      }
      expectedSeq = seq + 1n;
      prevStored = row.hash;
      lastSeq = row.seq;
      lastHash = row.hash;
    }
    if (r.rows.length < batch) break;
  }
  if (opts.anchor && !anchorSeen) problem({ kind: 'anchor-mismatch', seq: opts.anchor.seq, detail: 'the anchored row is not in the table' });
  const head = await db.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_chain_head');
  const h = head.rows[0];
  if (!h) problem({ kind: 'head-mismatch', seq: lastSeq, detail: 'the chain head is missing' });
  else if (h.seq !== lastSeq || h.hash !== lastHash) {
    problem({ kind: 'head-mismatch', seq: h.seq, detail: BigInt(h.seq) > BigInt(lastSeq) ? `rows after ${lastSeq} up to ${h.seq} are missing` : 'the last row is not the one the chain head recorded' });
  }
  return { ok: problems.length === 0, rows, lastSeq, lastHash, problems };
}
