/**
 * Patient import from CSV or XLSX with a per-row report: every row is checked (schema, phone,
 * timezone, duplicate MRN in the file or the database); valid rows are inserted in one
 * transaction, invalid rows are listed with their problems. Dry run checks without writing.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { Value } from '@sinclair/typebox/value';
import { textProblem, TzError } from '@tingzhen/voice-core';
import { withTx } from '../db/pool.js';
import { audit } from '../db/transitions.js';
import { PatientInput } from '../domain/schemas.js';
import { checkPatient, insertPatient } from '../repo/patients.js';

export interface ImportIssue { row: number; column?: string; problem: string }
export interface ImportReport { dryRun: boolean; rows: number; imported: number; valid: number; invalid: number; errors: ImportIssue[]; ids: string[] }

/** Accepted headers (case-insensitive); `custom.<name>` columns become custom fields. */
const COLUMNS: Record<string, keyof PatientInput | 'phone'> = {
  mrn: 'mrn', name: 'name', phone: 'phone', phones: 'phones', language: 'language', timezone: 'timezone', consent_status: 'consentStatus',
  consent_at: 'consentAt', do_not_call: 'doNotCall', do_not_call_reason: 'doNotCallReason', discharge_date: 'dischargeDate',
  department: 'department', diagnosis: 'diagnosis',
};
const MAX_ROWS = 100_000;

export type Sheet = { headers: string[]; rows: string[][] };

export function parseCsv(text: string): Sheet {
  let records: string[][];
  try {
    const parsed: string[][] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
    records = parsed;
  } catch (err) {
    throw new TzError('TZ_ERR_VALIDATION', { problem: 'malformed CSV' }, { cause: err });
  }
  const [headers, ...rows] = records;
  if (!headers) throw new TzError('TZ_ERR_VALIDATION', { problem: 'empty file' });
  return { headers, rows };
}

export async function parseXlsx(data: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as never);
  } catch (err) {
    throw new TzError('TZ_ERR_VALIDATION', { problem: 'malformed XLSX' }, { cause: err });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new TzError('TZ_ERR_VALIDATION', { problem: 'empty workbook' });
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : typeof v === 'object' ? cellText(v) : String(v));
    }
    out.push(cells);
  });
  const [headers, ...rows] = out;
  if (!headers) throw new TzError('TZ_ERR_VALIDATION', { problem: 'empty sheet' });
  return { headers: headers.map((h) => h.trim()), rows };
}

/** Rich text, hyperlink and formula cells carry their text in a property. */
function cellText(v: object): string {
  const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
  if (typeof o.text === 'string') return o.text;
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if (typeof o.result === 'string' || typeof o.result === 'number') return String(o.result);
  return '';
}

export async function importPatients(pool: pg.Pool, sheet: Sheet, opts: { dryRun: boolean; actor: string; defaultCountry?: string }): Promise<ImportReport> {
  if (sheet.rows.length > MAX_ROWS) throw new TzError('TZ_ERR_VALIDATION', { problem: `more than ${MAX_ROWS} rows` });
  const errors: ImportIssue[] = [];
  const map = sheet.headers.map((h, c): { custom: string } | { field: keyof PatientInput | 'phone' } | null => {
    // A header with a control character is refused (its column is left out), not stored as a custom field's name.
    const bad = textProblem(h);
    if (bad) { errors.push({ row: 1, column: `column ${c + 1}`, problem: `header ${bad}` }); return null; }
    const key = h.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (key.startsWith('custom.')) return { custom: h.trim().slice(7) };
    const field = COLUMNS[key];
    if (!field) errors.push({ row: 1, column: h, problem: 'unknown column' });
    return field ? { field } : null;
  });
  if (!map.some((m) => m && 'field' in m && m.field === 'mrn')) errors.push({ row: 1, column: 'mrn', problem: 'missing column' });
  const candidates: { row: number; input: PatientInput }[] = [];
  const seen = new Map<string, number>();
  sheet.rows.forEach((cells, i) => {
    const rowNo = i + 2; // 1-based, after the header row
    const obj: Record<string, unknown> = {};
    const custom: Record<string, string> = {};
    map.forEach((m, c) => {
      const v = (cells[c] ?? '').trim();
      if (!m || v === '') return;
      if ('custom' in m) custom[m.custom] = v;
      else if (m.field === 'phone' || m.field === 'phones') obj.phones = v.split(/[;,|]/).map((x) => x.trim()).filter(Boolean);
      else if (m.field === 'doNotCall') obj.doNotCall = /^(1|true|yes|y)$/i.test(v);
      else obj[m.field] = v;
    });
    if (Object.keys(custom).length > 0) obj.customFields = custom;
    const rowErrors: ImportIssue[] = [];
    // Control characters (NUL: PostgreSQL refuses it) make the row invalid; the other rows still import.
    map.forEach((m, c) => {
      const bad = m ? textProblem(cells[c] ?? '') : null;
      if (m && bad) rowErrors.push({ row: rowNo, column: 'custom' in m ? `custom.${m.custom}` : m.field === 'phone' ? 'phones' : m.field, problem: bad });
    });
    if (rowErrors.length === 0) {
      for (const e of Value.Errors(PatientInput, obj)) rowErrors.push({ row: rowNo, column: e.path.replace(/^\//, '').split('/')[0] || undefined, problem: e.message });
    }
    if (rowErrors.length === 0) {
      for (const p of checkPatient(obj, opts.defaultCountry ?? 'CN').problems) rowErrors.push({ row: rowNo, column: p.field, problem: p.problem });
    }
    const mrn = typeof obj.mrn === 'string' ? obj.mrn : undefined;
    if (mrn && seen.has(mrn)) rowErrors.push({ row: rowNo, column: 'mrn', problem: `duplicate MRN (same as row ${seen.get(mrn)})` });
    if (mrn && !seen.has(mrn)) seen.set(mrn, rowNo);
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else candidates.push({ row: rowNo, input: obj as PatientInput });
  });
  const existing = await pool.query<{ mrn: string }>('SELECT mrn FROM patients WHERE mrn = ANY($1::text[])', [candidates.map((c) => c.input.mrn)]);
  const taken = new Set(existing.rows.map((r) => r.mrn));
  const valid = candidates.filter((c) => {
    if (!taken.has(c.input.mrn)) return true;
    errors.push({ row: c.row, column: 'mrn', problem: 'duplicate MRN (already in the database)' });
    return false;
  });
  const invalidRows = new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size;
  const report: ImportReport = { dryRun: opts.dryRun, rows: sheet.rows.length, imported: 0, valid: valid.length, invalid: invalidRows, errors: errors.sort((a, b) => a.row - b.row), ids: [] };
  if (opts.dryRun || valid.length === 0) return report;
  // All valid rows or none: a failure half-way rolls the whole import back.
  report.ids = await withTx(pool, async (c) => {
    const ids: string[] = [];
    for (const v of valid) ids.push((await insertPatient(c, v.input, opts.actor, opts.defaultCountry)).id);
    await audit(c, { actor: opts.actor, action: 'import', entity: 'patient', details: { imported: ids.length, invalid: invalidRows } });
    return ids;
  });
  report.imported = report.ids.length;
  return report;
}
