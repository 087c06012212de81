/**
 * Files a hotline (inbound) call when it ends: the call record (caller number, answers,
 * disposition, red flags, transcript, recording) and an escalation on the nurse worklist when
 * the caller needs a human: a red flag, an emergency or nurse-now disposition (D1-D3), a transfer
 * that was asked for, a call-back promise, or an alert the script raised. Console test calls are
 * filed marked as tests and never reach the worklist. A call id that was already filed for another
 * call is filed under a fresh id (`<id>~2`, `~3`...): a client that reuses ids loses nothing.
 */
import type pg from 'pg';
import { callResultFromReport, type CallReport, type CallResultRecord } from '@tingzhen/voice-core';
import { withTx } from './db/pool.js';
import { audit } from './db/transitions.js';

export type InboundCallReport = CallReport;

export interface FiledInboundCall {
  id: string;
  /** The call id it was filed under (a reused id gets a suffix). */
  callId: string;
  escalationId: string | null;
  priority: number | null;
}

/** Worklist priority (1 = most urgent) for a hotline call that needs a human, or null. */
export function inboundPriority(r: CallResultRecord): number | null {
  const d = r.disposition;
  if (r.redFlags.length > 0 || d === 'D1' || d === 'D2') return 1;
  const alertPriorities = r.alerts.map((a) => a.priority);
  if (d === 'D3') return Math.min(2, ...alertPriorities);
  if (r.transfer || r.outcome === 'transferred' || r.outcome === 'transfer-failed') return Math.min(2, ...alertPriorities);
  if (r.callbacks.length > 0) return Math.min(3, ...alertPriorities);
  if (alertPriorities.length > 0) return Math.min(...alertPriorities);
  return null;
}

function reasonOf(r: CallResultRecord): string {
  if (r.redFlags.length > 0) return 'hotline_red_flag';
  if (r.transfer) return r.transfer.ok ? 'hotline_transferred' : 'hotline_human_requested';
  if (r.alerts.some((a) => a.reason === 'platform-fault')) return 'hotline_platform_fault';
  if (r.outcome === 'platform-shutdown') return 'hotline_platform_shutdown';
  return `hotline_${r.disposition ?? 'alert'}`;
}

/** Most attempts at a fresh call id when the client reused one. */
const MAX_REKEY = 20;

export async function fileInboundCall(pool: pg.Pool, report: CallReport): Promise<FiledInboundCall> {
  const r = callResultFromReport(report);
  return withTx(pool, async (c) => {
    let callId = report.callId;
    let id: string | undefined;
    for (let n = 2; id === undefined; n++) {
      const ins = await c.query<{ id: string }>(
        `INSERT INTO inbound_calls (call_id, dialect, end_reason, outcome, disposition, red_flags, answers, transcript, turns, duration_ms, recording_ref,
           caller_number, called_number, is_test, script_id, lang, department, summary, tags, hangup_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) ON CONFLICT (call_id) DO NOTHING RETURNING id::text`,
        [callId, report.dialect ?? null, report.endReason, r.outcome, r.disposition, r.redFlags,
          JSON.stringify(r.answers), JSON.stringify(r.transcript), JSON.stringify(report.turns), Math.round(report.durationMs), r.recordingRef,
          report.callerNumber ?? null, report.calledNumber ?? null, report.test, report.result?.scriptId ?? null, r.lang, r.department, r.summary, r.tags, r.hangupReason]);
      id = ins.rows[0]?.id;
      if (id !== undefined) break;
      // The same call filed again (a retried write) is filed once; another call reusing the id is kept under a fresh one.
      const same = await c.query<{ id: string; esc: string | null; priority: number | null }>(
        `SELECT i.id::text, e.id::text AS esc, e.priority FROM inbound_calls i LEFT JOIN escalations e ON e.inbound_call_id = i.id
          WHERE i.call_id = $1 AND i.duration_ms = $2 AND i.transcript = $3::jsonb`, [callId, Math.round(report.durationMs), JSON.stringify(r.transcript)]);
      if (same.rows[0]) return { id: same.rows[0].id, callId, escalationId: same.rows[0].esc, priority: same.rows[0].priority };
      if (n > MAX_REKEY) throw new Error('inbound call id reused too often');
      callId = `${report.callId}~${n}`;
    }
    const priority = report.test ? null : inboundPriority(r);
    let escalationId: string | null = null;
    if (priority !== null) {
      const e = await c.query<{ id: string }>(
        'INSERT INTO escalations (inbound_call_id, priority, reason, red_flags, details) VALUES ($1, $2, $3, $4, $5) RETURNING id::text',
        [id, priority, reasonOf(r), r.redFlags, JSON.stringify({
          ...(r.disposition ? { disposition: r.disposition } : {}), ...(r.outcome ? { outcome: r.outcome } : {}),
          ...(r.alerts.length > 0 ? { alerts: r.alerts.map((a) => ({ priority: a.priority, reason: a.reason })) } : {}),
          ...(r.callbacks.length > 0 ? { callback: { reason: r.callbacks[0]!.reason } } : {}),
          ...(r.department ? { department: r.department } : {}),
        })]);
      escalationId = e.rows[0]!.id;
      await audit(c, { actor: 'system:gateway', action: 'create', entity: 'escalation', entityId: escalationId, details: { inboundCallId: id, priority } });
    }
    return { id, callId, escalationId, priority };
  });
}
