/**
 * Files a hotline (inbound) call when it ends: the call record, and an escalation on the nurse
 * worklist when the caller needs a human: a red flag, an emergency or nurse-now disposition
 * (D1-D3), a transfer, or an alert the script raised. Idempotent per call id.
 */
import type pg from 'pg';
import { withTx } from './db/pool.js';
import { audit } from './db/transitions.js';

/** What the gateway reports at the end of a call (structurally: campaigns does not import the gateway). */
export interface InboundCallReport {
  callId: string;
  dialect?: string;
  endReason: string;
  outcome: string | null;
  durationMs: number;
  transcript: unknown[];
  turns: unknown[];
  recordingFile?: string;
  result?: { answers: Record<string, unknown>; disposition?: string | null; redFlags?: string[] };
  events: { type: string; [k: string]: unknown }[];
}

export interface FiledInboundCall {
  id: string;
  escalationId: string | null;
  priority: number | null;
}

/** The dialog engine's alert priorities on the worklist's 1 (most urgent) to 5 scale. */
const ALERT_PRIORITY: Record<string, number> = { urgent: 1, high: 2, normal: 3, low: 4 };

function alertPriority(e: { [k: string]: unknown }): number {
  if (typeof e.priority === 'number' && e.priority >= 1 && e.priority <= 5) return Math.round(e.priority);
  return typeof e.priority === 'string' ? ALERT_PRIORITY[e.priority] ?? 2 : 2;
}

/** Worklist priority (1 = most urgent) for a call that needs a human, or null. */
export function inboundPriority(r: InboundCallReport): number | null {
  const redFlags = r.result?.redFlags ?? [];
  const d = r.result?.disposition ?? null;
  if (redFlags.length > 0 || d === 'D1' || d === 'D2') return 1;
  const alertPriorities = r.events.filter((e) => e.type === 'alert').map(alertPriority);
  if (d === 'D3') return Math.min(2, ...alertPriorities);
  if (r.endReason === 'transferred' || r.outcome === 'transferred' || r.outcome === 'human' || r.events.some((e) => e.type === 'transfer')) return Math.min(2, ...alertPriorities);
  if (alertPriorities.length > 0) return Math.min(...alertPriorities);
  return null;
}

function reasonOf(r: InboundCallReport): string {
  if ((r.result?.redFlags ?? []).length > 0) return 'hotline_red_flag';
  if (r.events.some((e) => e.type === 'transfer') || r.endReason === 'transferred') return 'hotline_human_requested';
  return `hotline_${r.result?.disposition ?? 'alert'}`;
}

export async function fileInboundCall(pool: pg.Pool, r: InboundCallReport): Promise<FiledInboundCall> {
  return withTx(pool, async (c) => {
    const ins = await c.query<{ id: string }>(
      `INSERT INTO inbound_calls (call_id, dialect, end_reason, outcome, disposition, red_flags, answers, transcript, turns, duration_ms, recording_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (call_id) DO NOTHING RETURNING id::text`,
      [r.callId, r.dialect ?? null, r.endReason, r.outcome, r.result?.disposition ?? null, r.result?.redFlags ?? [],
        JSON.stringify(r.result?.answers ?? {}), JSON.stringify(r.transcript), JSON.stringify(r.turns), Math.round(r.durationMs), r.recordingFile ?? null]);
    const id = ins.rows[0]?.id;
    if (id === undefined) {
      const existing = await c.query<{ id: string; esc: string | null; priority: number | null }>(
        `SELECT i.id::text, e.id::text AS esc, e.priority FROM inbound_calls i LEFT JOIN escalations e ON e.inbound_call_id = i.id WHERE i.call_id = $1`, [r.callId]);
      const row = existing.rows[0]!;
      return { id: row.id, escalationId: row.esc, priority: row.priority };
    }
    const priority = inboundPriority(r);
    let escalationId: string | null = null;
    if (priority !== null) {
      const e = await c.query<{ id: string }>(
        'INSERT INTO escalations (inbound_call_id, priority, reason, red_flags) VALUES ($1, $2, $3, $4) RETURNING id::text',
        [id, priority, reasonOf(r), r.result?.redFlags ?? []]);
      escalationId = e.rows[0]!.id;
      await audit(c, { actor: 'system:gateway', action: 'create', entity: 'escalation', entityId: escalationId, details: { inboundCallId: id, priority } });
    }
    return { id, escalationId, priority };
  });
}
