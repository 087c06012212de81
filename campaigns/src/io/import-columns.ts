/**
 * Import columns: the headers a nurse's spreadsheet uses (Chinese and English, as the hospital
 * information system or Excel names them) mapped onto the patient fields, the values written in
 * Chinese (已同意, 是, 2025/3/1) mapped onto the stored ones, and the downloadable template.
 * Gender, birth date and age have no patient field: they are kept as custom fields.
 */
import ExcelJS from 'exceljs';
import type { PatientInput } from '../domain/schemas.js';

export type Target = { field: keyof PatientInput | 'phone' } | { custom: string };

const FIELD_ALIASES: Record<keyof PatientInput | 'phone', string[]> = {
  mrn: ['mrn', 'medical record number', 'record number', 'medical record no', 'patient id', '病历号', '病案号', '住院号', '门诊号', '病历编号', '患者编号'],
  name: ['name', 'patient name', 'full name', '姓名', '患者姓名', '病人姓名', '名字'],
  phone: ['phone', 'mobile', 'mobile phone', 'telephone', 'tel', 'phone number', 'contact phone', '电话', '手机', '手机号', '手机号码', '电话号码', '联系电话', '联系方式'],
  phones: ['phones'],
  language: ['language', 'lang', '语言', '通话语言'],
  timezone: ['timezone', 'time zone', 'tz', '时区'],
  consentStatus: ['consent', 'consent status', '同意状态', '知情同意', '是否同意'],
  consentAt: ['consent at', 'consent date', 'consent time', '同意时间', '同意日期'],
  doNotCall: ['do not call', 'dnc', '勿电联', '拒绝来电', '不要来电'],
  doNotCallReason: ['do not call reason', 'dnc reason', '勿电联原因'],
  dischargeDate: ['discharge date', 'discharged', 'discharged on', '出院日期', '出院时间'],
  department: ['department', 'dept', 'ward department', '科室', '出院科室', '所在科室', '就诊科室'],
  diagnosis: ['diagnosis', 'discharge diagnosis', '诊断', '出院诊断', '主要诊断', '临床诊断'],
  customFields: [],
};
/** Columns without a patient field, kept as custom fields under these names. */
const CUSTOM_ALIASES: Record<string, string[]> = {
  gender: ['gender', 'sex', '性别'],
  birthDate: ['birth date', 'date of birth', 'dob', 'birthday', '出生日期', '出生年月日', '生日'],
  age: ['age', '年龄'],
};

/** Case, width (全角), spaces, underscores, hyphens, a required-marker '*' and a bracketed hint ("电话（手机）") do not matter. */
export function headerKey(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/\(.*?\)|\[.*?\]/g, '').replace(/[\s_\-*:]+/g, '');
}

const BY_KEY = new Map<string, Target>();
for (const [field, names] of Object.entries(FIELD_ALIASES)) for (const n of names) BY_KEY.set(headerKey(n), { field: field as keyof PatientInput | 'phone' });
for (const [custom, names] of Object.entries(CUSTOM_ALIASES)) for (const n of names) BY_KEY.set(headerKey(n), { custom });

/** The target of a header, or null for an unknown column; `custom.<name>` keeps any column as a custom field. */
export function targetOf(header: string): Target | null {
  const h = header.trim();
  if (/^custom\./i.test(h) && h.length > 7) return { custom: h.slice(7).trim() };
  return BY_KEY.get(headerKey(h)) ?? null;
}

const CONSENT: Record<string, string> = {
  unknown: 'unknown', granted: 'granted', refused: 'refused', withdrawn: 'withdrawn', yes: 'granted', no: 'refused',
  未知: 'unknown', 同意: 'granted', 已同意: 'granted', 是: 'granted', 拒绝: 'refused', 不同意: 'refused', 否: 'refused', 撤回: 'withdrawn', 已撤回: 'withdrawn',
};
/** A consent written in Chinese or English; anything else is passed on for the schema to refuse by name. */
export const consentValue = (v: string): string => CONSENT[v.trim().toLowerCase()] ?? v;
export const yesValue = (v: string): boolean => /^(1|true|yes|y|是)$/i.test(v.trim());

/** 2025/3/1, 2025.3.1, 2025-3-1, 2025年3月1日 (how Excel on Chinese Windows writes dates into a CSV) -> 2025-03-01; other text unchanged. */
export function isoDate(v: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0{1,2}:00(?::00)?)?$/.exec(v.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
}

/** The template's columns in each language: the headers the importer reads first. */
export const TEMPLATE_COLUMNS: Record<'zh-CN' | 'en', { header: string; note: string }[]> = {
  'zh-CN': [
    { header: '病历号', note: '必填，每位患者唯一' }, { header: '姓名', note: '必填' }, { header: '手机号', note: '必填；多个号码用分号分隔' },
    { header: '性别', note: '选填' }, { header: '出生日期', note: '选填，如 1960-05-01' }, { header: '科室', note: '选填' }, { header: '诊断', note: '选填' },
    { header: '出院日期', note: '选填，如 2025-03-01' }, { header: '同意状态', note: '选填：已同意 / 拒绝 / 已撤回 / 未知' },
  ],
  en: [
    { header: 'mrn', note: 'required, unique per patient' }, { header: 'name', note: 'required' }, { header: 'phone', note: 'required; several numbers separated by ;' },
    { header: 'gender', note: 'optional' }, { header: 'birth_date', note: 'optional, e.g. 1960-05-01' }, { header: 'department', note: 'optional' }, { header: 'diagnosis', note: 'optional' },
    { header: 'discharge_date', note: 'optional, e.g. 2025-03-01' }, { header: 'consent_status', note: 'optional: granted / refused / withdrawn / unknown' },
  ],
};

/** The CSV template: a UTF-8 BOM (so Excel on Windows opens it as UTF-8) and the header row. */
export function templateCsv(lang: 'zh-CN' | 'en'): Buffer {
  return Buffer.from(`\uFEFF${TEMPLATE_COLUMNS[lang].map((c) => c.header).join(',')}\r\n`, 'utf8');
}

/** The XLSX template: the header row on the first sheet (the one imported), what each column takes on a second. */
export async function templateXlsx(lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cols = TEMPLATE_COLUMNS[lang];
  const ws = wb.addWorksheet(lang === 'en' ? 'patients' : '患者');
  ws.addRow(cols.map((c) => c.header)).font = { bold: true };
  // Text format for every column: Excel keeps a phone number's digits and a record number's leading zeros.
  cols.forEach((_c, i) => { const col = ws.getColumn(i + 1); col.numFmt = '@'; col.width = 16; });
  const notes = wb.addWorksheet(lang === 'en' ? 'notes' : '说明');
  notes.addRow(lang === 'en' ? ['column', 'what it takes'] : ['列', '说明']).font = { bold: true };
  for (const c of cols) notes.addRow([c.header, c.note]);
  notes.getColumn(1).width = 16;
  notes.getColumn(2).width = 48;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
