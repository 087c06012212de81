/**
 * A filed answer as words: its question's text (from the script's labels) and its value in the
 * console's language: yes/no and true/false as 是/否, a choice by its label, a scale out of 10, a
 * number with its unit, a blood pressure in mmHg, symptoms and red flags by name. A shape we do not
 * know is shown as it is (never hidden).
 */
import { lang, t } from './i18n.js';
import { redFlagLabel } from './labels.js';
import { inLang, type ScriptLabels, type StepLabels } from './words.js';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The question an answer key stands for; a key the script does not know reads as itself. */
export function questionText(key: string, labels: ScriptLabels | null): string {
  const s = labels?.steps[key];
  return s ? inLang(s.question) : key;
}

function yesNo(v: unknown): string | null {
  if (v === true || v === 'yes') return t('yes');
  if (v === false || v === 'no') return t('no');
  if (v === 'unclear') return t('unclear');
  return null;
}

function choice(id: string, step: StepLabels | undefined): string {
  const c = step?.choices[id];
  return c ? inLang(c) : id;
}

/** A symptom or red-flag id list item (symptom ids read with their dashes as spaces). */
const symptom = (id: string) => (redFlagLabel(id) !== id ? redFlagLabel(id) : id.replace(/-/g, ' '));

/** An answer's value as words, given its step's labels. */
export function valueText(v: unknown, step?: StepLabels): string {
  const yn = yesNo(v);
  if (yn !== null) return yn;
  if (typeof v === 'string') return step?.choices[v] ? choice(v, step) : v;
  if (num(v)) return step?.expect === 'scale-0-10' ? `${v} / 10` : String(v);
  if (Array.isArray(v)) return v.map((x) => valueText(x, step)).join(lang.value === 'en' ? ', ' : '、');
  if (!isObj(v)) return v == null ? '' : String(v);
  if ('answer' in v) return yesNo(v.answer) ?? String(v.answer);
  if (typeof v.choice === 'string') return choice(v.choice, step);
  if (num(v.systolic) && num(v.diastolic)) return `${v.systolic}/${v.diastolic} mmHg`;
  const unit = typeof v.unit === 'string' && v.unit ? ` ${v.unit}` : '';
  const outOf = step?.expect === 'scale-0-10' ? ' / 10' : unit;
  if (num(v.value)) return `${v.value}${outOf}`;
  if (num(v.min) && num(v.max)) return `${v.min}–${v.max}${outOf}`;
  if (Array.isArray(v.present) || Array.isArray(v.absent) || v.none === true) {
    const has = (Array.isArray(v.present) ? v.present : []).map((x) => symptom(String(x)));
    const not = (Array.isArray(v.absent) ? v.absent : []).map((x) => symptom(String(x)));
    const sep = lang.value === 'en' ? ', ' : '、';
    return [has.length ? `${t('symptomsPresent')}: ${has.join(sep)}` : '', not.length ? `${t('symptomsAbsent')}: ${not.join(sep)}` : ''].filter(Boolean).join('; ') || t('none');
  }
  if ('red_flag' in v) return v.red_flag ? redFlagLabel(String(v.red_flag)) : t('none');
  if (typeof v.date === 'string') return v.date;
  if (num(v.relative_days)) return t('inDays').replace('{n}', String(v.relative_days));
  if (typeof v.text === 'string') return v.text;
  if (typeof v.intent === 'string') return v.intent.replace(/[-_]/g, ' ');
  const keys = Object.keys(v);
  if (keys.length === 1 && !isObj(v[keys[0]!])) return valueText(v[keys[0]!], step);
  return JSON.stringify(v);
}
