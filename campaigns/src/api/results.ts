import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { TzError } from '@tingzhen/voice-core';
import { audit } from '../db/transitions.js';
import { Id, IsoDateTime, Limit, Offset } from '../domain/schemas.js';
import { resultsToCsv, toQuestionnaireResponse, type ResultRow } from '../io/exports.js';
import type { ApiContext } from './plugin.js';

const IdParams = Type.Object({ id: Id });
const Filter = Type.Object({
  campaignId: Type.Optional(Id), patientId: Type.Optional(Id), disposition: Type.Optional(Type.String({ pattern: '^D[1-7]$' })),
  redFlag: Type.Optional(Type.String({ maxLength: 64 })), from: Type.Optional(IsoDateTime), to: Type.Optional(IsoDateTime),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "part of the patient's name (case-insensitive)" })),
  limit: Limit(10_000, 100), offset: Offset,
});
type FilterQ = { campaignId?: string; patientId?: string; disposition?: string; redFlag?: string; from?: string; to?: string; name?: string; limit: number; offset: number };
/** A name search matches its text literally: LIKE's wildcards (and its escape) typed by a nurse are escaped. */
const likeText = (s: string) => `%${s.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const CLINICAL = ['admin', 'nurse', 'doctor'] as const;
/**
 * A result as the API shows it: the exported row plus the runner's outcome, language, AMD verdict
 * and retention; and for a call cut by a crash (`interrupted`) or the retry of one, what the retry
 * did (`resumed_from` / `restarted_after`: the interrupted attempt) and which answers it carried
 * (`carried_answers`, step ids; each such answer also names its `fromAttemptId`).
 */
type Row = ResultRow & {
  outcome: string | null; lang: string | null; amd: string | null; recording_deleted_at: Date | null;
  /** The patient's name, for the results list and its name search (patient data: in the audited read, never logged). */
  patient_name: string;
  interrupted: boolean; resumed_from: string | null; restarted_after: string | null; carried_answers: string[];
};

const SELECT = `SELECT r.id::text, r.attempt_id::text, r.campaign_id::text, r.patient_id::text, p.mrn, p.name AS patient_name, r.answers, r.disposition, r.red_flags, r.department, r.summary,
  r.tags, r.transcript, r.recording_ref, r.duration_ms, r.hangup_reason, r.script_id, r.script_version, r.script_hash, r.late, r.created_at,
  r.outcome, r.lang, r.amd, r.recording_deleted_at, r.interrupted, r.resumed_from::text, r.restarted_after::text, r.carried_answers
  FROM call_results r JOIN patients p ON p.id = r.patient_id`;

async function query(ctx: ApiContext, q: FilterQ): Promise<Row[]> {
  const r = await ctx.pool.query<Row>(`${SELECT} WHERE ($1::bigint IS NULL OR r.campaign_id = $1) AND ($2::bigint IS NULL OR r.patient_id = $2)
    AND ($3::text IS NULL OR r.disposition = $3) AND ($4::text IS NULL OR $4 = ANY(r.red_flags)) AND ($5::timestamptz IS NULL OR r.created_at >= $5)
    AND ($6::timestamptz IS NULL OR r.created_at < $6) AND ($9::text IS NULL OR p.name ILIKE $9) ORDER BY r.id LIMIT $7 OFFSET $8`,
  [q.campaignId ?? null, q.patientId ?? null, q.disposition ?? null, q.redFlag ?? null, q.from ?? null, q.to ?? null, q.limit, q.offset, q.name?.trim() ? likeText(q.name) : null]);
  return r.rows;
}

async function one(ctx: ApiContext, id: string): Promise<Row> {
  const r = await ctx.pool.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
  if (!r.rows[0]) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'call_result', id });
  return r.rows[0];
}

export function resultRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const t = { tags: ['results'] };
  app.get('/results', { schema: { ...t, querystring: Filter }, config: { roles: CLINICAL } }, async (req) => {
    const rows = await query(ctx, req.query as FilterQ);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'read', entity: 'call_result_list', details: { count: rows.length } });
    return { items: rows.map(({ transcript: _t, ...rest }) => rest) };
  });
  app.get('/results.csv', { schema: { ...t, querystring: Filter }, config: { roles: CLINICAL } }, async (req, reply) => {
    const rows = await query(ctx, req.query as FilterQ);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'export', entity: 'call_result', details: { format: 'csv', count: rows.length } });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="call-results.csv"').send(resultsToCsv(rows));
  });
  app.get('/results/fhir', { schema: { ...t, querystring: Filter }, config: { roles: CLINICAL } }, async (req) => {
    const rows = await query(ctx, req.query as FilterQ);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'export', entity: 'call_result', details: { format: 'fhir', count: rows.length } });
    return { resourceType: 'Bundle', type: 'collection', entry: rows.map((r) => ({ resource: toQuestionnaireResponse(r) })) };
  });
  app.get('/results/:id', { schema: { ...t, params: IdParams }, config: { roles: CLINICAL } }, async (req) => {
    const r = await one(ctx, (req.params as { id: string }).id);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'read', entity: 'call_result', entityId: r.id, patientId: r.patient_id });
    return r;
  });
  app.get('/results/:id/fhir', { schema: { ...t, params: IdParams }, config: { roles: CLINICAL } }, async (req) => {
    const r = await one(ctx, (req.params as { id: string }).id);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'export', entity: 'call_result', entityId: r.id, patientId: r.patient_id, details: { format: 'fhir' } });
    return toQuestionnaireResponse(r);
  });
}
