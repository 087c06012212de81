/**
 * The audit trail for admins (issue 16 item 4): the console's audit page reads it here.
 *   GET /audit         filtered rows, newest first, paged by `beforeSeq` (keyset: stable while rows are added)
 *   GET /audit.csv     the same filters as CSV (with each row's prev_hash and hash, for checking elsewhere)
 *   GET /audit/verify  the hash chain checked now (audit/chain.ts; problems name rows by seq only)
 * Admins only. Reading or exporting the trail is itself audited.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { audit } from '../db/transitions.js';
import { verifyAuditChain } from '../audit/chain.js';
import { Id, IsoDateTime } from '../domain/schemas.js';
import { csvCell } from '../io/exports.js';
import type { ApiContext } from './plugin.js';

const Word = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f\\x7f]*$' });
const Filter = Type.Object({
  from: Type.Optional(IsoDateTime), to: Type.Optional(IsoDateTime),
  actor: Type.Optional(Word), action: Type.Optional(Word), entity: Type.Optional(Word), entityId: Type.Optional(Word),
  patientId: Type.Optional(Id),
  beforeSeq: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
}, { additionalProperties: false });
const CsvFilter = Type.Object({ ...Filter.properties, limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000 }) }, { additionalProperties: false });
type FilterQ = { from?: string; to?: string; actor?: string; action?: string; entity?: string; entityId?: string; patientId?: string; beforeSeq?: string; limit: number };

export interface AuditRow {
  seq: string; at: Date; actor: string; action: string; entity: string; entityId: string | null; patientId: string | null;
  details: Record<string, unknown>; prevHash: string; hash: string;
}

const ADMIN = ['admin'] as const;

async function query(ctx: ApiContext, q: FilterQ): Promise<AuditRow[]> {
  const r = await ctx.pool.query<AuditRow>(`SELECT seq::text AS seq, at, actor, action, entity, entity_id AS "entityId", patient_id::text AS "patientId", details,
      prev_hash AS "prevHash", hash FROM audit_log
    WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) AND ($3::text IS NULL OR actor = $3)
      AND ($4::text IS NULL OR action = $4) AND ($5::text IS NULL OR entity = $5) AND ($6::text IS NULL OR entity_id = $6)
      AND ($7::bigint IS NULL OR patient_id = $7) AND ($8::bigint IS NULL OR audit_log.seq < $8)
    ORDER BY audit_log.seq DESC LIMIT $9`,
  [q.from ?? null, q.to ?? null, q.actor ?? null, q.action ?? null, q.entity ?? null, q.entityId ?? null, q.patientId ?? null, q.beforeSeq ?? null, q.limit]);
  return r.rows;
}

/** Which filters were used (names only: an actor or id filter is not repeated into the trail). */
const filtersOf = (q: FilterQ) => Object.keys(q).filter((k) => k !== 'limit' && q[k as keyof FilterQ] !== undefined).sort();

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'entity', 'entity_id', 'patient_id', 'details', 'prev_hash', 'hash'] as const;

export function auditToCsv(rows: readonly AuditRow[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push([r.seq, r.at.toISOString(), r.actor, r.action, r.entity, r.entityId, r.patientId, r.details, r.prevHash, r.hash].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function auditRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const t = { tags: ['audit'] };
  app.get('/audit', { schema: { ...t, querystring: Filter }, config: { roles: ADMIN } }, async (req) => {
    const q = req.query as FilterQ;
    const rows = await query(ctx, q);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'read', entity: 'audit_log', details: { count: rows.length, filters: filtersOf(q) } });
    return { items: rows, nextBeforeSeq: rows.length === q.limit ? rows[rows.length - 1]!.seq : null };
  });
  app.get('/audit.csv', { schema: { ...t, querystring: CsvFilter }, config: { roles: ADMIN } }, async (req, reply) => {
    const q = req.query as FilterQ;
    const rows = await query(ctx, q);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'export', entity: 'audit_log', details: { format: 'csv', count: rows.length, filters: filtersOf(q) } });
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'private, no-store')
      .header('content-disposition', 'attachment; filename="audit-log.csv"').send(auditToCsv(rows));
  });
  app.get('/audit/verify', { schema: { ...t }, config: { roles: ADMIN } }, async () => verifyAuditChain(ctx.pool));
}
