/**
 * Patients: create, read, update, delete, with phone normalisation and an audit entry for every
 * read or change of patient data.
 */
import type pg from 'pg';
import { TzError, type FieldProblemCode } from '@tingzhen/voice-core';
import { audit } from '../db/transitions.js';
import { normalizePhone } from '../domain/phone.js';
import { isValidTimezone } from '../domain/windows.js';
import type { PatientInput, PatientPatch } from '../domain/schemas.js';
import { PATIENT_COLUMNS, type PatientRow } from '../dialing/rows.js';

type Db = pg.Pool | pg.PoolClient;

export interface PatientDto {
  id: string; mrn: string; name: string; phones: string[]; language: string; timezone: string | null;
  consentStatus: string; consentAt: string | null; doNotCall: boolean; doNotCallReason: string | null; doNotCallAt: string | null;
  dischargeDate: string | null; department: string | null; diagnosis: string | null; customFields: Record<string, unknown>;
  createdAt: string; updatedAt: string;
}

export function toPatientDto(r: PatientRow): PatientDto {
  return {
    id: r.id, mrn: r.mrn, name: r.name, phones: r.phones, language: r.language, timezone: r.timezone,
    consentStatus: r.consent_status, consentAt: r.consent_at?.toISOString() ?? null, doNotCall: r.do_not_call,
    doNotCallReason: r.do_not_call_reason, doNotCallAt: r.do_not_call_at?.toISOString() ?? null, dischargeDate: r.discharge_date,
    department: r.department, diagnosis: r.diagnosis, customFields: r.custom_fields, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

/** Field-level problems of a patient input (beyond the schema): phones, timezone. */
export function checkPatient(p: PatientPatch, defaultCountry: string): { problems: { field: string; code: FieldProblemCode; problem: string }[]; phones?: string[] } {
  const problems: { field: string; code: FieldProblemCode; problem: string }[] = [];
  let phones: string[] | undefined;
  if (p.phones) {
    phones = [];
    for (const raw of p.phones) {
      const n = normalizePhone(raw, defaultCountry);
      if (n) phones.push(n);
      else problems.push({ field: 'phones', code: 'bad_phone', problem: 'not a valid phone number' });
    }
  }
  if (p.timezone && !isValidTimezone(p.timezone)) problems.push({ field: 'timezone', code: 'unknown_timezone', problem: 'unknown IANA timezone' });
  return { problems, phones };
}

const COLS: Record<keyof PatientPatch, string> = {
  mrn: 'mrn', name: 'name', phones: 'phones', language: 'language', timezone: 'timezone', consentStatus: 'consent_status',
  consentAt: 'consent_at', doNotCall: 'do_not_call', doNotCallReason: 'do_not_call_reason', dischargeDate: 'discharge_date',
  department: 'department', diagnosis: 'diagnosis', customFields: 'custom_fields',
};

function columnsFor(p: PatientPatch, phones: string[] | undefined): [string[], unknown[]] {
  const cols: string[] = [];
  const vals: unknown[] = [];
  for (const [k, col] of Object.entries(COLS) as [keyof PatientPatch, string][]) {
    if (p[k] === undefined) continue;
    cols.push(col);
    vals.push(k === 'phones' ? phones : k === 'customFields' ? JSON.stringify(p[k]) : p[k]);
  }
  if (p.doNotCall !== undefined) { cols.push('do_not_call_at'); vals.push(p.doNotCall ? new Date() : null); }
  return [cols, vals];
}

export async function insertPatient(db: Db, input: PatientInput, actor: string, defaultCountry = 'CN'): Promise<PatientDto> {
  const { problems, phones } = checkPatient(input, defaultCountry);
  if (problems.length > 0) throw new TzError('TZ_ERR_VALIDATION', { problems });
  const [cols, vals] = columnsFor(input, phones);
  try {
    const r = await db.query<PatientRow>(`WITH p AS (INSERT INTO patients (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *)
      SELECT ${PATIENT_COLUMNS} FROM p`, vals);
    const row = r.rows[0]!;
    await audit(db, { actor, action: 'create', entity: 'patient', entityId: row.id, patientId: row.id });
    return toPatientDto(row);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new TzError('TZ_ERR_CONFLICT', { field: 'mrn', code: 'taken', problem: 'duplicate MRN' });
    throw err;
  }
}

export async function updatePatient(db: Db, id: string, patch: PatientPatch, actor: string, defaultCountry = 'CN'): Promise<PatientDto> {
  const { problems, phones } = checkPatient(patch, defaultCountry);
  if (problems.length > 0) throw new TzError('TZ_ERR_VALIDATION', { problems });
  const [cols, vals] = columnsFor(patch, phones);
  if (cols.length === 0) return getPatient(db, id, actor);
  try {
    const r = await db.query<PatientRow>(`WITH p AS (UPDATE patients SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1 RETURNING *)
      SELECT ${PATIENT_COLUMNS} FROM p`, [id, ...vals]);
    if (!r.rows[0]) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'patient', id });
    // A do-not-call change names its new value (a flag, not patient data) so the trail shows who set or lifted it.
    await audit(db, { actor, action: 'update', entity: 'patient', entityId: id, patientId: id, details: { fields: Object.keys(patch), ...(patch.doNotCall !== undefined ? { doNotCall: patch.doNotCall } : {}) } });
    return toPatientDto(r.rows[0]);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new TzError('TZ_ERR_CONFLICT', { field: 'mrn', code: 'taken', problem: 'duplicate MRN' });
    throw err;
  }
}

export async function getPatient(db: Db, id: string, actor: string): Promise<PatientDto> {
  const r = await db.query<PatientRow>(`SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.id = $1`, [id]);
  if (!r.rows[0]) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'patient', id });
  await audit(db, { actor, action: 'read', entity: 'patient', entityId: id, patientId: id });
  return toPatientDto(r.rows[0]);
}

export async function listPatients(db: Db, q: { department?: string; mrn?: string; limit: number; offset: number }, actor: string): Promise<PatientDto[]> {
  const r = await db.query<PatientRow>(`SELECT ${PATIENT_COLUMNS} FROM patients p WHERE ($1::text IS NULL OR p.department = $1) AND ($2::text IS NULL OR p.mrn = $2)
    ORDER BY p.id LIMIT $3 OFFSET $4`, [q.department ?? null, q.mrn ?? null, q.limit, q.offset]);
  await audit(db, { actor, action: 'read', entity: 'patient_list', details: { count: r.rows.length, ids: r.rows.map((x) => x.id) } });
  return r.rows.map(toPatientDto);
}

export async function deletePatient(db: Db, id: string, actor: string): Promise<void> {
  const r = await db.query('DELETE FROM patients WHERE id = $1', [id]);
  if (r.rowCount === 0) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'patient', id });
  await audit(db, { actor, action: 'delete', entity: 'patient', entityId: id, patientId: id });
}
