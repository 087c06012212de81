/**
 * Hotline (inbound) calls for clinical roles: GET /inbound-calls lists recent calls (console test
 * calls left out unless `includeTests=true`), GET /inbound-calls/:id is one call with its
 * transcript, answers and worklist items. Both reads are audited with the actor, like results.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { TzError } from '@tingzhen/voice-core';
import { audit } from '../db/transitions.js';
import { Id, IsoDateTime, Limit, Offset } from '../domain/schemas.js';
import type { ApiContext } from './plugin.js';

const CLINICAL = ['admin', 'nurse', 'doctor'] as const;
const IdParams = Type.Object({ id: Id });
const ListQuery = Type.Object({
  includeTests: Type.Boolean({ default: false, description: 'also list console test calls' }),
  disposition: Type.Optional(Type.String({ pattern: '^D[1-7]$' })),
  redFlag: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(IsoDateTime),
  to: Type.Optional(IsoDateTime),
  limit: Limit(500, 100),
  offset: Offset,
});
interface ListQ { includeTests: boolean; disposition?: string; redFlag?: string; from?: string; to?: string; limit: number; offset: number }

/** A hotline call as listed (no transcript); caller_number is patient data, never logged. */
export interface InboundCallRow {
  id: string; call_id: string; dialect: string | null; end_reason: string; outcome: string | null; disposition: string | null; red_flags: string[];
  department: string | null; summary: string | null; tags: string[]; duration_ms: number | null; caller_number: string | null; called_number: string | null;
  is_test: boolean; script_id: string | null; lang: string | null; hangup_reason: string | null; recording_ref: string | null; has_recording: boolean;
  recording_deleted_at: Date | null; created_at: Date;
  /** The call's worklist item, if it has one. */
  escalation: { id: string; state: string; priority: number; reason: string } | null;
}

export interface InboundCallDetail extends InboundCallRow {
  answers: Record<string, unknown>;
  transcript: { speaker: 'bot' | 'patient'; text: string; startMs: number; endMs: number; confidence?: number; via?: 'speech' | 'dtmf' }[];
  turns: { turn: number; gapMs?: number; via?: string }[];
  /** Its worklist items, with who claimed or resolved each (trail actors, user:<name>) and the note. */
  escalations: { id: string; state: string; priority: number; reason: string; callback_at: Date | null; details: Record<string, unknown>; created_at: Date;
    claimed_by: string | null; resolved_by: string | null; resolved_at: Date | null; resolution_note: string | null }[];
}

const COLUMNS = `i.id::text, i.call_id, i.dialect, i.end_reason, i.outcome, i.disposition, i.red_flags, i.department, i.summary, i.tags, i.duration_ms,
  i.caller_number, i.called_number, i.is_test, i.script_id, i.lang, i.hangup_reason, i.recording_ref,
  (i.recording_ref IS NOT NULL AND i.recording_deleted_at IS NULL) AS has_recording, i.recording_deleted_at, i.created_at,
  (SELECT jsonb_build_object('id', e.id::text, 'state', e.state, 'priority', e.priority, 'reason', e.reason) FROM escalations e
    WHERE e.inbound_call_id = i.id ORDER BY e.id LIMIT 1) AS escalation`;

export async function listInboundCalls(ctx: Pick<ApiContext, 'pool'>, q: ListQ): Promise<InboundCallRow[]> {
  const r = await ctx.pool.query<InboundCallRow>(`SELECT ${COLUMNS} FROM inbound_calls i
    WHERE ($1::boolean OR NOT i.is_test) AND ($2::text IS NULL OR i.disposition = $2) AND ($3::text IS NULL OR $3 = ANY(i.red_flags))
      AND ($4::timestamptz IS NULL OR i.created_at >= $4) AND ($5::timestamptz IS NULL OR i.created_at < $5)
    ORDER BY i.created_at DESC, i.id DESC LIMIT $6 OFFSET $7`,
  [q.includeTests, q.disposition ?? null, q.redFlag ?? null, q.from ?? null, q.to ?? null, q.limit, q.offset]);
  return r.rows;
}

export async function getInboundCall(ctx: Pick<ApiContext, 'pool'>, id: string): Promise<InboundCallDetail> {
  const r = await ctx.pool.query<InboundCallDetail>(`SELECT ${COLUMNS}, i.answers, i.transcript, i.turns,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('id', e.id::text, 'state', e.state, 'priority', e.priority, 'reason', e.reason,
        'callback_at', e.callback_at, 'details', e.details, 'created_at', e.created_at, 'claimed_by', e.claimed_by, 'resolved_by', e.resolved_by,
        'resolved_at', e.resolved_at, 'resolution_note', e.resolution_note) ORDER BY e.id) FROM escalations e WHERE e.inbound_call_id = i.id), '[]'::jsonb) AS escalations
    FROM inbound_calls i WHERE i.id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'inbound_call', id });
  return row;
}

export function inboundCallRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const t = { tags: ['inbound-calls'] };
  app.get('/inbound-calls', { schema: { ...t, querystring: ListQuery }, config: { roles: CLINICAL } }, async (req) => {
    const q = req.query as ListQ;
    const items = await listInboundCalls(ctx, q);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'read', entity: 'inbound_call_list', details: { count: items.length, includeTests: q.includeTests } });
    return { items };
  });
  app.get('/inbound-calls/:id', { schema: { ...t, params: IdParams }, config: { roles: CLINICAL } }, async (req) => {
    const call = await getInboundCall(ctx, (req.params as { id: string }).id);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'read', entity: 'inbound_call', entityId: call.id, details: call.is_test ? { test: true } : {} });
    return call;
  });
}
