/**
 * Campaigns: create, read, edit (draft only for script/policy; windows any time via the scheduler),
 * add patients as contacts, progress from the counters table.
 */
import type pg from 'pg';
import { TzError, type FieldProblemCode } from '@tingzhen/voice-core';
import { audit, readCounters, recordCreated } from '../db/transitions.js';
import { isValidTimezone, validateWindows } from '../domain/windows.js';
import type { CampaignInput, CampaignPatch } from '../domain/schemas.js';
import { CAMPAIGN_COLUMNS, type CampaignRow } from '../dialing/rows.js';

type Db = pg.Pool | pg.PoolClient;

export interface CampaignDto {
  id: string; name: string; scriptId: string; scriptVersion: string; scriptHash: string | null; language: string; timezone: string;
  windowsFollowPatientTimezone: boolean; startDate: string; endDate: string | null; windows: Record<string, [string, string][]>;
  quietDays: string[]; maxAttempts: number; retryDelaysMinutes: Record<string, number>; requireConsent: boolean; concurrency: number;
  callsPerSecond: number; trunk: string; callerId: string | null; recordCalls: boolean; state: string; createdAt: string; updatedAt: string;
  /** Set while the gateway breaker is open: the campaign claims no call until then (the gateway is unreachable). */
  gatewayUnreachableUntil: string | null;
}

export function toCampaignDto(r: CampaignRow): CampaignDto {
  return {
    id: r.id, name: r.name, scriptId: r.script_id, scriptVersion: r.script_version, scriptHash: r.script_hash, language: r.language,
    timezone: r.timezone, windowsFollowPatientTimezone: r.windows_follow_patient_timezone, startDate: r.start_date, endDate: r.end_date,
    windows: r.windows, quietDays: r.quiet_days, maxAttempts: r.max_attempts,
    retryDelaysMinutes: r.retry_delays_minutes, requireConsent: r.require_consent, concurrency: r.concurrency,
    callsPerSecond: Number(r.calls_per_second), trunk: r.trunk, callerId: r.caller_id, recordCalls: r.record_calls, state: r.state,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    gatewayUnreachableUntil: r.gateway_open_until && new Date(r.gateway_open_until).getTime() > Date.now() ? new Date(r.gateway_open_until).toISOString() : null,
  };
}

const COLS: Record<keyof CampaignPatch, string> = {
  name: 'name', scriptId: 'script_id', scriptVersion: 'script_version', scriptHash: 'script_hash', language: 'language', timezone: 'timezone',
  windowsFollowPatientTimezone: 'windows_follow_patient_timezone', startDate: 'start_date', endDate: 'end_date', windows: 'windows',
  quietDays: 'quiet_days', maxAttempts: 'max_attempts', retryDelaysMinutes: 'retry_delays_minutes', requireConsent: 'require_consent',
  concurrency: 'concurrency', callsPerSecond: 'calls_per_second', trunk: 'trunk', callerId: 'caller_id', recordCalls: 'record_calls',
};
const JSON_FIELDS = new Set(['windows', 'retryDelaysMinutes']);

function check(p: CampaignPatch): void {
  const problems: { field: string; code: FieldProblemCode; problem: string }[] = [];
  if (p.timezone !== undefined && !isValidTimezone(p.timezone)) problems.push({ field: 'timezone', code: 'unknown_timezone', problem: 'unknown IANA timezone' });
  if (p.windows) for (const w of validateWindows(p.windows)) problems.push({ field: 'windows', code: 'bad_window', problem: w });
  if (p.startDate && p.endDate && p.endDate < p.startDate) problems.push({ field: 'endDate', code: 'end_before_start', problem: 'before startDate' });
  if (problems.length > 0) throw new TzError('TZ_ERR_VALIDATION', { problems });
}

function columnsFor(p: CampaignPatch): [string[], unknown[]] {
  const cols: string[] = [];
  const vals: unknown[] = [];
  for (const [k, col] of Object.entries(COLS) as [keyof CampaignPatch, string][]) {
    if (p[k] === undefined) continue;
    cols.push(col);
    vals.push(JSON_FIELDS.has(k) ? JSON.stringify(p[k]) : p[k]);
  }
  return [cols, vals];
}

export async function insertCampaign(db: Db, input: CampaignInput, actor: string): Promise<CampaignDto> {
  check(input);
  const [cols, vals] = columnsFor({ retryDelaysMinutes: {}, ...input });
  const r = await db.query<CampaignRow>(`WITH c AS (INSERT INTO campaigns (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *)
    SELECT ${CAMPAIGN_COLUMNS} FROM c`, vals);
  await audit(db, { actor, action: 'create', entity: 'campaign', entityId: r.rows[0]!.id });
  return toCampaignDto(r.rows[0]!);
}

/** Script, dates and policy change only in draft; windows of a live campaign go through the scheduler. */
export async function updateCampaign(db: Db, id: string, patch: CampaignPatch, actor: string): Promise<CampaignDto> {
  check(patch);
  const [cols, vals] = columnsFor(patch);
  const current = await getCampaign(db, id);
  if (cols.length === 0) return current;
  if (current.state !== 'draft') throw new TzError('TZ_ERR_CONFLICT', { problem: 'only a draft campaign can be edited; use the windows route for a live one', state: current.state });
  const r = await db.query<CampaignRow>(`WITH c AS (UPDATE campaigns SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now()
    WHERE id = $1 AND state = 'draft' RETURNING *) SELECT ${CAMPAIGN_COLUMNS} FROM c`, [id, ...vals]);
  if (!r.rows[0]) throw new TzError('TZ_ERR_CONFLICT', { problem: 'campaign left draft meanwhile' });
  await audit(db, { actor, action: 'update', entity: 'campaign', entityId: id, details: { fields: Object.keys(patch) } });
  return toCampaignDto(r.rows[0]);
}

export async function getCampaign(db: Db, id: string): Promise<CampaignDto> {
  const r = await db.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [id]);
  if (!r.rows[0]) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'campaign', id });
  return toCampaignDto(r.rows[0]);
}

export async function listCampaigns(db: Db, q: { state?: string; limit: number; offset: number }): Promise<CampaignDto[]> {
  const r = await db.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE ($1::text IS NULL OR c.state = $1) ORDER BY c.id DESC LIMIT $2 OFFSET $3`,
    [q.state ?? null, q.limit, q.offset]);
  return r.rows.map(toCampaignDto);
}

export async function deleteCampaign(db: Db, id: string, actor: string): Promise<void> {
  const r = await db.query("DELETE FROM campaigns WHERE id = $1 AND state IN ('draft', 'completed', 'cancelled')", [id]);
  if (r.rowCount === 0) {
    await getCampaign(db, id);
    throw new TzError('TZ_ERR_CONFLICT', { problem: 'cancel a live campaign before deleting it' });
  }
  await audit(db, { actor, action: 'delete', entity: 'campaign', entityId: id });
}

/** Adds patients as pending contacts (duplicates ignored); returns how many were added. */
export async function addContacts(db: pg.PoolClient, campaignId: string, patientIds: readonly string[]): Promise<number> {
  const c = await getCampaign(db, campaignId);
  if (['completed', 'cancelled'].includes(c.state)) throw new TzError('TZ_ERR_CONFLICT', { problem: 'campaign is closed', state: c.state });
  let added = 0;
  for (let i = 0; i < patientIds.length; i += 5000) {
    const r = await db.query<{ id: string }>(
      `INSERT INTO contacts (campaign_id, patient_id) SELECT $1, p.id FROM patients p WHERE p.id = ANY($2::bigint[])
       ON CONFLICT (campaign_id, patient_id) DO NOTHING RETURNING id::text`, [campaignId, patientIds.slice(i, i + 5000)]);
    await recordCreated(db, 'contact', r.rows.map((x) => x.id), campaignId, 'pending');
    added += r.rows.length;
  }
  return added;
}

export interface Progress {
  campaignId: string;
  state: string;
  contacts: Record<string, number>;
  attempts: Record<string, number>;
}

/** Progress from the counters table: one indexed read, no scan of contacts or attempts. */
export async function campaignProgress(db: Db, campaignId: string): Promise<Progress> {
  const c = await getCampaign(db, campaignId);
  const counters = await readCounters(db, campaignId);
  const contacts: Record<string, number> = {};
  const attempts: Record<string, number> = {};
  for (const [k, v] of Object.entries(counters)) {
    const [kind, state] = k.split('.');
    if (kind === 'contact') contacts[state!] = v;
    else if (kind === 'attempt') attempts[state!] = v;
  }
  return { campaignId, state: c.state, contacts, attempts };
}
