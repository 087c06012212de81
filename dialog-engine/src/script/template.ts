/** {{patient.field}} and {{department}} in prompts. */
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
}

export function renderTemplate(text: string, lang: Lang, v: TemplateValues): string {
  return text.replace(TEMPLATE, (_m, ref: string) => {
    if (ref === 'department') return departmentLabel(v.department, lang);
    const field = ref.startsWith('patient.') ? ref.slice('patient.'.length) : null;
    if (field === null) return '';
    const value = v.patient[field];
    if (value !== undefined && value.trim().length > 0) return value;
    return v.fallbacks[field]?.[lang] ?? '';
  }).replace(/\s{2,}/g, ' ');
}
