/**
 * The nurse worklist: GET /escalations returns each item with what a nurse needs to act on it
 * without a second lookup: the call it came from (a hotline call or a campaign call result), the
 * number to ring back, the disposition, red flags, outcome, language, when and how long, whether a
 * recording exists (or was deleted by retention), the call-back time and the structured details.
 * Items of console test calls never appear (fileInboundCall never files them; filtered anyway).
 * Claim / release / resolve move an item through its state machine (race-safe) and are audited.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { TzError } from '@tingzhen/voice-core';
import { withTx } from '../db/pool.js';
import { audit, transition } from '../db/transitions.js';
import { Id, Limit } from '../domain/schemas.js';
import type { ApiContext } from './plugin.js';

const CLINICAL = ['admin', 'nurse', 'doctor'] as const;
const IdParams = Type.Object({ id: Id });
const ListQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('claimed'), Type.Literal('resolved')])),
  limit: Limit(500, 100),
});

/** The call behind a worklist item, the same shape for hotline and campaign calls. */
export interface WorklistCall {
  kind: 'hotline' | 'campaign';
  /** inbound_calls.id for hotline calls, call_results.id for campaign calls. */
  id: string;
  /** The caller's number (hotline) or the number dialled (campaign): patient data, never logged. */
  caller_number: string | null;
  disposition: string | null;
  red_flags: string[];
  outcome: string | null;
  lang: string | null;
  department: string | null;
  at: Date;
  duration_ms: number | null;
  has_recording: boolean;
  recording_deleted_at: Date | null;
}

export interface WorklistItem {
  id: string;
  kind: 'hotline' | 'campaign';
  call_result_id: string | null;
  inbound_call_id: string | null;
  patient_id: string | null;
  campaign_id: string | null;
  priority: number;
  reason: string;
  red_flags: string[];
  state: string;
  claimed_by: string | null;
  claimed_at: Date | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution_note: string | null;
  created_at: Date;
  callback_at: Date | null;
  details: Record<string, unknown>;
  /** The patient of a campaign item (hotline callers are not known patients). */
  patient: { id: string; mrn: string; name: string } | null;
  call: WorklistCall | null;
}

interface Row extends Omit<WorklistItem, 'kind' | 'patient' | 'call'> {
  mrn: string | null; patient_name: string | null;
  c_id: string | null; c_number: string | null; c_disposition: string | null; c_red_flags: string[] | null; c_outcome: string | null; c_lang: string | null;
  c_department: string | null; c_at: Date | null; c_duration_ms: number | null; c_recording_ref: string | null; c_recording_deleted_at: Date | null;
}

// One row per item: the hotline call (i) or the campaign call result (r, its attempt a, its patient p).
const SELECT = `SELECT e.id::text, e.call_result_id::text, e.inbound_call_id::text, e.patient_id::text, e.campaign_id::text, e.priority, e.reason, e.red_flags, e.state,
    e.claimed_by, e.claimed_at, e.resolved_by, e.resolved_at, e.resolution_note, e.created_at, e.callback_at, e.details,
    p.mrn, p.name AS patient_name,
    COALESCE(i.id, r.id)::text AS c_id, CASE WHEN i.id IS NOT NULL THEN i.caller_number ELSE COALESCE(a.phone, p.phones[1]) END AS c_number,
    COALESCE(i.disposition, r.disposition) AS c_disposition, COALESCE(i.red_flags, r.red_flags) AS c_red_flags, COALESCE(i.outcome, r.outcome) AS c_outcome,
    COALESCE(i.lang, r.lang) AS c_lang, COALESCE(i.department, r.department) AS c_department, COALESCE(i.created_at, r.created_at) AS c_at,
    COALESCE(i.duration_ms, r.duration_ms) AS c_duration_ms, CASE WHEN i.id IS NOT NULL THEN i.recording_ref ELSE r.recording_ref END AS c_recording_ref,
    CASE WHEN i.id IS NOT NULL THEN i.recording_deleted_at ELSE r.recording_deleted_at END AS c_recording_deleted_at
  FROM escalations e
  LEFT JOIN inbound_calls i ON i.id = e.inbound_call_id
  LEFT JOIN call_results r ON r.id = e.call_result_id AND e.inbound_call_id IS NULL
  LEFT JOIN call_attempts a ON a.id = r.attempt_id
  LEFT JOIN patients p ON p.id = e.patient_id`;

function toItem(row: Row): WorklistItem {
  const { mrn, patient_name, c_id, c_number, c_disposition, c_red_flags, c_outcome, c_lang, c_department, c_at, c_duration_ms, c_recording_ref, c_recording_deleted_at, ...e } = row;
  const kind = e.inbound_call_id !== null ? 'hotline' : 'campaign';
  return {
    ...e, kind,
    patient: e.patient_id !== null && mrn !== null ? { id: e.patient_id, mrn, name: patient_name ?? '' } : null,
    call: c_id === null ? null : {
      kind, id: c_id, caller_number: c_number, disposition: c_disposition, red_flags: c_red_flags ?? [], outcome: c_outcome, lang: c_lang, department: c_department,
      at: c_at!, duration_ms: c_duration_ms, has_recording: c_recording_ref !== null && c_recording_deleted_at === null, recording_deleted_at: c_recording_deleted_at,
    },
  };
}

/** The worklist, most urgent first; never an item of a console test call. */
export async function listWorklist(ctx: Pick<ApiContext, 'pool'>, q: { state?: string; limit: number }): Promise<WorklistItem[]> {
  const r = await ctx.pool.query<Row>(`${SELECT} WHERE ($1::text IS NULL OR e.state = $1) AND NOT COALESCE(i.is_test, false)
    ORDER BY e.state = 'resolved', e.priority, e.created_at LIMIT $2`, [q.state ?? null, q.limit]);
  return r.rows.map(toItem);
}

export function escalationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const e = { tags: ['escalations'] };
  app.get('/escalations', { schema: { ...e, querystring: ListQuery }, config: { roles: CLINICAL } }, async (req) => {
    const items = await listWorklist(ctx, req.query as { state?: string; limit: number });
    // The list carries callers' numbers and patients' names: the read is audited like the results list.
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'read', entity: 'escalation_list', details: { count: items.length } });
    return { items };
  });
  const move = (path: 'claim' | 'release' | 'resolve', from: string[], to: string, body = Type.Object({}, { additionalProperties: false })) =>
    app.post(`/escalations/:id/${path}`, { schema: { ...e, params: IdParams, body }, config: { roles: ['admin', 'nurse'] } }, async (req) => {
      const escId = (req.params as { id: string }).id;
      const actor = ctx.actor(req);
      const note = (req.body as { note?: string } | undefined)?.note ?? null;
      const set = path === 'claim' ? { claimed_by: actor, claimed_at: new Date() } : path === 'release' ? { claimed_by: null, claimed_at: null }
        : { resolved_by: actor, resolved_at: new Date(), resolution_note: note };
      return withTx(ctx.pool, async (c) => {
        const row = await transition(c, 'escalation', escId, from, to, { set, kind: path });
        if (!row) {
          const exists = await c.query('SELECT state FROM escalations WHERE id = $1', [escId]);
          if (!exists.rows[0]) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'escalation', id: escId });
          throw new TzError('TZ_ERR_CONFLICT', { problem: `escalation is ${String(exists.rows[0].state)}` });
        }
        // A hotline item has no patient: its call is named instead (never the string "null" as a patient id).
        const { patient_id: patientId, inbound_call_id: inboundCallId } = row as { patient_id: string | null; inbound_call_id: string | null };
        const details: Record<string, unknown> = { ...(note ? { noteLength: note.length } : {}), ...(inboundCallId !== null ? { inboundCallId } : {}) };
        await audit(c, { actor, action: path, entity: 'escalation', entityId: escId, patientId, details });
        return { id: escId, state: row.state, claimedBy: row.claimed_by, resolvedBy: row.resolved_by, resolutionNote: row.resolution_note };
      });
    });
  move('claim', ['open'], 'claimed');
  move('release', ['claimed'], 'open');
  move('resolve', ['open', 'claimed'], 'resolved', Type.Object({ note: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }));
}
