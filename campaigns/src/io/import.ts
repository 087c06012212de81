/**
 * Patient import from CSV or XLSX with a per-row report: every row is checked (schema, phone,
 * timezone, duplicate MRN in the file or the database); valid rows are inserted in one
 * transaction, invalid rows are listed with their problems. Dry run checks without writing.
 *
 * Every issue carries the row as the nurse finds it: the line of the file for a CSV (where the
 * record starts), the sheet's row number for an XLSX. A broken row (an unclosed quote, bytes that
 * are not text) is refused by its line and the other rows are still read. Warnings (an unknown
 * column whose values are not imported, one phone under two record numbers) never block a row.
 * The report shows the first rows as parsed, so a garbled name is seen before anything is stored.
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
import { decodeText } from './decode.js';
import { consentValue, isoDate, targetOf, yesValue, type Target } from './import-columns.js';

/** `code` and `params` let the console word an issue in the nurse's language; `problem` is the English text. */
export interface ImportIssue { row: number; column?: string; problem: string; code?: string; params?: Record<string, string | number> }
export interface PreviewRow {
  row: number; mrn: string; name: string; phones: string[]; department: string | null; diagnosis: string | null; dischargeDate: string | null;
  customFields: Record<string, string>; valid: boolean;
}
export interface ImportReport {
  dryRun: boolean; encoding: string | null; rows: number; imported: number; valid: number; invalid: number;
  errors: ImportIssue[]; warnings: ImportIssue[]; preview: PreviewRow[]; ids: string[];
}

const MAX_ROWS = 100_000;
/** Rows shown as parsed before the nurse confirms: a screenful. */
const PREVIEW_ROWS = 20;
/** How far down a title or a note above the header row may push it (rows). */
const HEADER_SEARCH_ROWS = 10;
/**
 * Unreadable CSV lines after which the file is refused as a whole (naming the first): not a CSV, or
 * a wrong delimiter. Each one restarts csv-parse on the rest of the file: 1000 of them in 100,000
 * rows cost about 8 s on top of the 2 s the rows take.
 */
const MAX_BROKEN_LINES = 1000;

/**
 * `rowNumbers[i]` is the file line (CSV) or sheet row (XLSX) of `rows[i]`; without it rows are
 * numbered from the line after the header. `issues` are rows refused while parsing.
 */
export type Sheet = { headers: string[]; rows: string[][]; headerRow?: number; rowNumbers?: number[]; issues?: ImportIssue[]; encoding?: string };
type Rec = { line: number; cells: string[] };

/** The body of an import: an XLSX workbook (sniffed by its ZIP signature) or CSV text in any encoding decodeText knows. */
export async function parseUpload(buf: Buffer, contentType = ''): Promise<Sheet> {
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0x504b0304) return parseXlsx(buf);
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new TzError('TZ_ERR_VALIDATION', { problem: 'an old Excel .xls workbook: save it as .xlsx or as "CSV UTF-8"', reason: 'xls' });
  }
  if (/spreadsheetml/i.test(contentType)) throw new TzError('TZ_ERR_VALIDATION', { problem: 'malformed XLSX' });
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  const { text, encoding } = decodeText(buf, charset);
  return { ...parseCsv(text), encoding };
}

export function parseCsv(text: string): Sheet {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = guessDelimiter(body);
  const { records, issues } = readRecords(body, delimiter);
  return sheetOf(records, issues);
}

/** Comma, or the tab of Excel's "Unicode text" and the semicolon of some locales' Excel: the one the first line has most of. */
function guessDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const count = (d: string) => first.split(d).length - 1;
  return ['\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/**
 * csv-parse, record by record with the line each starts on. A record csv-parse cannot read is
 * reported by the line it starts on. When it spans lines (an unclosed quote swallows the lines
 * after it, up to the next quote or the end of the file), only its first line is left out and
 * reading resumes on the next line, so the rows it swallowed are read and checked on their own.
 */
function readRecords(text: string, delimiter: string): { records: Rec[]; issues: ImportIssue[] } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const totalLines = starts.length;
  const blank = (line: number) => text.slice(starts[line - 1], starts[line] ?? text.length).trim() === '';
  const records: Rec[] = [];
  const issues: ImportIssue[] = [];
  let from = 1; // the file line this chunk starts on
  while (from <= totalLines) {
    const offset = from - 1;
    let lastEnd = offset;
    let resumeAt = 0;
    try {
      parse(text.slice(starts[from - 1]), {
        delimiter, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true, skip_records_with_error: true,
        on_record: (cells: string[], ctx: { lines: number }) => {
          const end = offset + ctx.lines;
          const inner = cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
          records.push({ line: end - inner, cells });
          lastEnd = end;
          return cells;
        },
        on_skip: (err: { code?: string; lines?: number } | undefined) => {
          let first = lastEnd + 1;
          while (first < totalLines && blank(first)) first++;
          const end = offset + (err?.lines ?? first - offset);
          issues.push(err?.code === 'CSV_QUOTE_NOT_CLOSED' || end > first
            ? { row: first, problem: 'unclosed quote: a field opened with " does not close on this line (the line is left out)', code: 'unclosed_quote' }
            : { row: first, problem: 'text after a closing quote: quote the whole field and double any " inside it (the line is left out)', code: 'bad_quote' });
          if (issues.length > MAX_BROKEN_LINES) {
            throw new TzError('TZ_ERR_VALIDATION', { problem: `too many unreadable lines (the first is line ${issues[0]!.row}): is it a CSV file?`, row: issues[0]!.row });
          }
          // After an error csv-parse's state is not to be trusted (it can swallow the next rows silently): read again from the next line.
          resumeAt = first + 1;
          throw RESUME;
        },
      } as never);
    } catch (err) {
      if (err !== RESUME) throw err;
    }
    if (!resumeAt) break;
    from = resumeAt;
  }
  return { records, issues };
}
const RESUME = new Error('resume after a broken record');

/** The header is the first of the first rows that names at least two known columns (a title above it is skipped), else the first row. */
function sheetOf(records: Rec[], issues: ImportIssue[]): Sheet {
  if (records.length === 0) {
    const broken = issues[0];
    throw new TzError('TZ_ERR_VALIDATION', broken ? { problem: `no header row: line ${broken.row}: ${broken.problem}`, row: broken.row } : { problem: 'empty file' });
  }
  const known = (r: Rec) => r.cells.filter((c) => targetOf(c) !== null).length;
  const found = records.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => known(r) >= 2);
  const idx = Math.max(0, found);
  const header = records[idx]!;
  const brokenAbove = issues.filter((i) => i.row < header.line);
  // No recognisable header, and a broken line before the first row read: that line was the header.
  if (found === -1 && brokenAbove[0]) throw new TzError('TZ_ERR_VALIDATION', { problem: `the header row is unreadable: line ${brokenAbove[0].row}: ${brokenAbove[0].problem}`, row: brokenAbove[0].row });
  const above = [...records.slice(0, idx).map((r) => r.line), ...brokenAbove.map((i) => i.row)].sort((a, b) => a - b)
    .map((line): ImportIssue => ({ row: line, problem: 'above the header row: not imported', code: 'above_header' }));
  const rest = records.slice(idx + 1);
  return {
    headers: header.cells.map((h) => h.trim()), headerRow: header.line, rows: rest.map((r) => r.cells), rowNumbers: rest.map((r) => r.line),
    issues: [...above, ...issues.filter((i) => i.row > header.line)],
  };
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
  const out: Rec[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push((v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : typeof v === 'object' ? cellText(v) : String(v)).trim());
    }
    if (cells.some((c) => c !== '')) out.push({ line: row.number, cells });
  });
  if (out.length === 0) throw new TzError('TZ_ERR_VALIDATION', { problem: 'empty sheet' });
  return { ...sheetOf(out, []), encoding: 'XLSX' };
}

/** Rich text, hyperlink and formula cells carry their text in a property. */
function cellText(v: object): string {
  const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
  if (typeof o.text === 'string') return o.text;
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if (o.result instanceof Date) return o.result.toISOString().slice(0, 10);
  if (typeof o.result === 'string' || typeof o.result === 'number') return String(o.result);
  return '';
}

type Column = { target: Target | null; header: string };

function mapHeaders(sheet: Sheet, headerRow: number, errors: ImportIssue[], warnings: ImportIssue[]): Column[] {
  const taken = new Map<string, string>();
  return sheet.headers.map((h, c): Column => {
    // A header with a control character is refused (its column is left out), not stored as a custom field's name.
    const bad = textProblem(h);
    if (bad) { errors.push({ row: headerRow, column: `column ${c + 1}`, problem: `header ${bad}` }); return { target: null, header: h }; }
    const filled = sheet.rows.filter((r) => (r[c] ?? '').trim() !== '').length;
    const target = targetOf(h);
    if (!target) {
      if (h !== '' || filled > 0) {
        warnings.push({ row: headerRow, column: h || `column ${c + 1}`, problem: `unknown column: its ${filled} value(s) are not imported (rename it to a known column, or to custom.${h || 'name'} to keep it)`, code: 'unknown_column', params: { n: filled } });
      }
      return { target: null, header: h };
    }
    // Two columns for one field: phones add up; for anything else the first column wins and the second is named.
    const key = 'custom' in target ? `custom.${target.custom}` : target.field === 'phones' ? 'phone' : target.field;
    if (taken.has(key) && key !== 'phone') {
      warnings.push({ row: headerRow, column: h, problem: `same field as column "${taken.get(key)}": its ${filled} value(s) are not imported`, code: 'duplicate_column', params: { n: filled, other: taken.get(key)! } });
      return { target: null, header: h };
    }
    taken.set(key, h);
    return { target, header: h };
  });
}

function rowObject(cols: Column[], cells: string[]): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  cols.forEach(({ target }, c) => {
    const v = (cells[c] ?? '').trim();
    if (!target || v === '') return;
    if ('custom' in target) custom[target.custom] = target.custom === 'birthDate' ? isoDate(v) : v;
    else if (target.field === 'phone' || target.field === 'phones') obj.phones = [...(obj.phones as string[] | undefined ?? []), ...v.split(/[;,|；，、/]/).map((x) => x.trim()).filter(Boolean)];
    else if (target.field === 'doNotCall') obj.doNotCall = yesValue(v);
    else if (target.field === 'consentStatus') obj.consentStatus = consentValue(v);
    else if (target.field === 'dischargeDate') obj.dischargeDate = isoDate(v);
    else obj[target.field] = v;
  });
  if (Object.keys(custom).length > 0) obj.customFields = custom;
  return obj;
}

function columnName(t: Target): string {
  return 'custom' in t ? `custom.${t.custom}` : t.field === 'phone' ? 'phones' : t.field;
}

export async function importPatients(pool: pg.Pool, sheet: Sheet, opts: { dryRun: boolean; actor: string; defaultCountry?: string }): Promise<ImportReport> {
  if (sheet.rows.length > MAX_ROWS) throw new TzError('TZ_ERR_VALIDATION', { problem: `more than ${MAX_ROWS} rows` });
  const headerRow = sheet.headerRow ?? 1;
  const rowNo = (i: number) => sheet.rowNumbers?.[i] ?? headerRow + 1 + i;
  const errors: ImportIssue[] = [...(sheet.issues ?? []).filter((i) => i.code !== 'above_header')];
  const warnings: ImportIssue[] = (sheet.issues ?? []).filter((i) => i.code === 'above_header');
  const cols = mapHeaders(sheet, headerRow, errors, warnings);
  if (!cols.some((m) => m.target && 'field' in m.target && m.target.field === 'mrn')) errors.push({ row: headerRow, column: 'mrn', problem: 'missing column', code: 'missing_column' });
  const candidates: { row: number; input: PatientInput; phones: string[] }[] = [];
  const parsed: { row: number; obj: Record<string, unknown> }[] = [];
  const seen = new Map<string, number>();
  sheet.rows.forEach((cells, i) => {
    const row = rowNo(i);
    const obj = rowObject(cols, cells);
    if (parsed.length < PREVIEW_ROWS) parsed.push({ row, obj });
    const rowErrors: ImportIssue[] = [];
    // Control characters (NUL: PostgreSQL refuses it) make the row invalid; the other rows still import.
    // So do bytes the file's encoding could not turn into text (U+FFFD): never stored as mojibake.
    cols.forEach(({ target }, c) => {
      const v = cells[c] ?? '';
      const bad = target ? textProblem(v) ?? (v.includes('\uFFFD') ? 'contains bytes that are not text in the file\'s encoding' : null) : null;
      if (target && bad) rowErrors.push({ row, column: columnName(target), problem: bad, code: v.includes('\uFFFD') ? 'undecodable' : undefined });
    });
    if (rowErrors.length === 0) {
      for (const e of Value.Errors(PatientInput, obj)) rowErrors.push({ row, column: e.path.replace(/^\//, '').split('/')[0] || undefined, problem: e.message });
    }
    let phones: string[] = [];
    if (rowErrors.length === 0) {
      const checked = checkPatient(obj, opts.defaultCountry ?? 'CN');
      for (const p of checked.problems) rowErrors.push({ row, column: p.field, problem: p.problem });
      phones = checked.phones ?? [];
    }
    const mrn = typeof obj.mrn === 'string' ? obj.mrn : undefined;
    if (mrn && seen.has(mrn)) rowErrors.push({ row, column: 'mrn', problem: `duplicate MRN (same as row ${seen.get(mrn)})` });
    if (mrn && !seen.has(mrn)) seen.set(mrn, row);
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else candidates.push({ row, input: obj as PatientInput, phones });
  });
  const existing = await pool.query<{ mrn: string }>('SELECT mrn FROM patients WHERE mrn = ANY($1::text[])', [candidates.map((c) => c.input.mrn)]);
  const taken = new Set(existing.rows.map((r) => r.mrn));
  const valid = candidates.filter((c) => {
    if (!taken.has(c.input.mrn)) return true;
    errors.push({ row: c.row, column: 'mrn', problem: 'duplicate MRN (already in the database)' });
    return false;
  });
  await phoneWarnings(pool, valid, warnings);
  const errorRows = new Set(errors.filter((e) => e.row > headerRow).map((e) => e.row));
  const byRow = (a: ImportIssue, b: ImportIssue) => a.row - b.row;
  const report: ImportReport = {
    dryRun: opts.dryRun, encoding: sheet.encoding ?? null, rows: sheet.rows.length, imported: 0, valid: valid.length, invalid: errorRows.size,
    errors: errors.sort(byRow), warnings: warnings.sort(byRow), ids: [],
    preview: parsed.map(({ row, obj }) => previewOf(row, obj, !errorRows.has(row))),
  };
  if (opts.dryRun || valid.length === 0) return report;
  // All valid rows or none: a failure half-way rolls the whole import back.
  report.ids = await withTx(pool, async (c) => {
    const ids: string[] = [];
    for (const v of valid) ids.push((await insertPatient(c, v.input, opts.actor, opts.defaultCountry)).id);
    await audit(c, { actor: opts.actor, action: 'import', entity: 'patient', details: { imported: ids.length, invalid: errorRows.size } });
    return ids;
  });
  report.imported = report.ids.length;
  return report;
}

/**
 * One phone under two record numbers (a mix-up, or family members sharing a phone): a warning on
 * the later row, whether the other record is earlier in the file or already in the database.
 */
async function phoneWarnings(pool: pg.Pool, rows: { row: number; input: PatientInput; phones: string[] }[], warnings: ImportIssue[]): Promise<void> {
  const first = new Map<string, { row: number; mrn: string }>();
  for (const r of rows) {
    for (const phone of new Set(r.phones)) {
      const other = first.get(phone);
      if (other && other.mrn !== r.input.mrn) {
        warnings.push({ row: r.row, column: 'phones', problem: `same phone as row ${other.row} (MRN ${other.mrn})`, code: 'duplicate_phone', params: { row: other.row, mrn: other.mrn } });
      } else if (!other) first.set(phone, { row: r.row, mrn: r.input.mrn });
    }
  }
  if (first.size === 0) return;
  // No index on phones: one sequential scan per import, not per row.
  const db = await pool.query<{ mrn: string; phones: string[] }>('SELECT mrn, phones FROM patients WHERE phones && $1::text[] ORDER BY mrn', [[...first.keys()]]);
  const owners = new Map<string, string[]>();
  for (const p of db.rows) for (const phone of p.phones) owners.set(phone, [...owners.get(phone) ?? [], p.mrn]);
  for (const r of rows) {
    const hit = r.phones.flatMap((phone) => owners.get(phone) ?? []).find((mrn) => mrn !== r.input.mrn);
    if (hit) warnings.push({ row: r.row, column: 'phones', problem: `same phone as MRN ${hit} already in the database`, code: 'duplicate_phone_db', params: { mrn: hit } });
  }
}

function previewOf(row: number, o: Record<string, unknown>, valid: boolean): PreviewRow {
  const s = (k: string) => (typeof o[k] === 'string' ? o[k] : null);
  return {
    row, mrn: s('mrn') ?? '', name: s('name') ?? '', phones: Array.isArray(o.phones) ? o.phones as string[] : [], department: s('department'), diagnosis: s('diagnosis'),
    dischargeDate: s('dischargeDate'), customFields: (o.customFields as Record<string, string> | undefined) ?? {}, valid,
  };
}
