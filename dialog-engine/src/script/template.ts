/**
 * Template references in prompts:
 * - {{patient.<field>}}: the patient record the campaign holds (displayName, department,
 *   diagnosis, dischargeDate and the hospital's custom fields), or the script's fallback;
 * - {{hospital.name}}: the hospital's name (HOSPITAL_NAME);
 * - {{call.recordingNotice}}: the recording notice when this call is recorded, nothing otherwise;
 * - {{department}}: the department triage recommended.
 */
import type { Lang, LangText } from './common.js';
import { departmentLabel } from './departments.js';

const TEMPLATE = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

export function templateRefs(text: string): string[] {
  return [...text.matchAll(TEMPLATE)].map((m) => m[1]!);
}

export interface TemplateValues {
  patient: Record<string, string>;
  fallbacks: Record<string, LangText | undefined>;
  department: string | null;
  hospitalName?: string | null;
  /** The recording notice to speak (already in the call's language), or '' when the call is not recorded. */
  recordingNotice?: string;
}

/** Template references that are not patient fields. */
export const CONTEXT_REFS: readonly string[] = ['department', 'hospital.name', 'call.recordingNotice'];

const HOSPITAL_FALLBACK: Record<Lang, string> = { zh: '医院', en: 'the hospital' };

export function renderTemplate(text: string, lang: Lang, v: TemplateValues): string {
  return text.replace(TEMPLATE, (_m, ref: string) => {
    if (ref === 'department') return departmentLabel(v.department, lang);
    if (ref === 'hospital.name') return v.hospitalName?.trim() || (v.patient.hospitalName?.trim() || HOSPITAL_FALLBACK[lang]);
    if (ref === 'call.recordingNotice') return v.recordingNotice ?? '';
    const field = ref.startsWith('patient.') ? ref.slice('patient.'.length) : null;
    if (field === null) return '';
    const value = v.patient[field];
    if (value !== undefined && value.trim().length > 0) return value;
    return v.fallbacks[field]?.[lang] ?? '';
  }).replace(/\s{2,}/g, ' ');
}
