/**
 * The gateway's own check of a campaign dial (issue 16 item 1, defence in depth): POST /v1/dial
 * rings nobody unless the request is the worker's claimed attempt, to that attempt's own number,
 * for a patient who may be called now. The worker's claim (claim.ts) checked all of this a moment
 * earlier; this check stands on its own so that a stolen or forged request cannot ring anyone:
 *   - the attempt exists and is `dialing` (claimed), of the request's campaign and trunk;
 *   - the number is the one the claim chose for it (never a number from the request alone), and
 *     the patient the attempt's;
 *   - the script and caller id are the campaign's;
 *   - the patient is not on the do-not-call list and consent allows the call;
 *   - now is inside the campaign's calling windows (and before the attempt's window end).
 * Every decision writes one audit row through the audit function (`dial`, or `dial-refused` with
 * the reason); the attempt row is the claim's. No patient data goes into the audit details.
 */
import type pg from 'pg';
import type { DialRequestWire } from '@tingzhen/voice-core';
import { audit } from '../db/transitions.js';
import { isAllowedAt } from '../domain/windows.js';
import { CAMPAIGN_COLUMNS, windowSpecFor, type CampaignRow } from './rows.js';

export type GatewayAdmission = { ok: true } | { ok: false; reason: string };

interface AdmitRow {
  state: string;
  campaign_id: string;
  patient_id: string;
  phone: string | null;
  trunk: string | null;
  window_end_at: Date | null;
  do_not_call: boolean;
  consent_status: string;
  patient_timezone: string | null;
  campaign: Record<string, unknown>;
}

const ADMIT_SELECT = `SELECT a.state, a.campaign_id::text, a.patient_id::text, a.phone, a.trunk, a.window_end_at,
    p.do_not_call, p.consent_status, p.timezone AS patient_timezone, row_to_json(camp) AS campaign
  FROM call_attempts a
  JOIN patients p ON p.id = a.patient_id
  CROSS JOIN LATERAL (SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = a.campaign_id) camp
  WHERE a.id = $1`;

/** Why a dial must not be placed now, or null when it may. */
function refusal(body: DialRequestWire, row: AdmitRow | undefined, now: Date): string | null {
  if (!row) return 'unknown_attempt';
  if (row.state !== 'dialing') return 'attempt_not_claimed';
  if (row.campaign_id !== body.campaignId) return 'campaign_mismatch';
  if (row.phone === null || row.phone !== body.phone) return 'phone_mismatch';
  if (body.patient.id !== row.patient_id) return 'patient_mismatch';
  if (row.trunk !== null && row.trunk !== body.trunk) return 'trunk_mismatch';
  const c = row.campaign as unknown as CampaignRow;
  if (c.script_id !== body.scriptId) return 'script_mismatch';
  // (an HTTP body's null may arrive as '' after fastify's type coercion)
  if ((c.caller_id ?? '') !== (body.callerId ?? '')) return 'caller_id_mismatch';
  if (row.do_not_call) return 'do_not_call';
  const consentOk = c.require_consent ? row.consent_status === 'granted' : !['refused', 'withdrawn'].includes(row.consent_status);
  if (!consentOk) return 'no_consent';
  if (row.window_end_at !== null && now.getTime() >= new Date(row.window_end_at).getTime()) return 'outside_window';
  if (!isAllowedAt(now, windowSpecFor(c, row.patient_timezone))) return 'outside_window';
  return null;
}

/**
 * Checks one dial request as the gateway receives it and audits the decision (actor: the token's
 * principal, e.g. `dial:worker`). Attempt ids that are not numbers are unknown (no query).
 */
export async function admitGatewayDial(pool: pg.Pool, body: DialRequestWire, who: { principal: string }, now: () => Date = () => new Date()): Promise<GatewayAdmission> {
  const numeric = /^[1-9][0-9]{0,18}$/.test(body.attemptId);
  const row = numeric ? (await pool.query<AdmitRow>(ADMIT_SELECT, [body.attemptId])).rows[0] : undefined;
  const reason = refusal(body, row, now());
  await audit(pool, {
    actor: who.principal,
    action: reason === null ? 'dial' : 'dial-refused',
    entity: 'attempt',
    entityId: numeric ? body.attemptId : null,
    patientId: row?.patient_id ?? null,
    details: { campaignId: row?.campaign_id ?? null, trunk: body.trunk, ...(reason === null ? {} : { reason }) },
  });
  return reason === null ? { ok: true } : { ok: false, reason };
}
