/**
 * Turns what the caller gave (an NLU result, a DTMF key, a keyed number) into the typed answer of
 * an ask step, or null when it does not answer the question (a no-match).
 */
import type { DtmfSpec, Expect, Lang, LangText } from '../script/common.js';

export interface AskChoice { id: string; label: LangText; synonyms?: { zh?: string[]; en?: string[] } }

export interface AskShape {
  expect: Expect;
  unit?: string;
  range?: { min: number; max: number };
  choices?: AskChoice[];
  dtmf: DtmfSpec;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function inRange(n: number, shape: AskShape, lo: number, hi: number): boolean {
  const r = shape.range ?? { min: lo, max: hi };
  return n >= r.min && n <= r.max;
}

/** Normalise for substring matching: lower case, no spaces or punctuation. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}]+/gu, '');
}

export function choiceSynonyms(c: AskChoice, lang: Lang): string[] {
  return [c.label[lang], ...(c.synonyms?.[lang] ?? [])].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** Our own fallback when the NLU gives no choice: the first choice whose label or synonym occurs. */
export function matchChoice(shape: AskShape, utterance: string, lang: Lang): string | null {
  const u = squash(utterance);
  for (const c of shape.choices ?? []) if (choiceSynonyms(c, lang).some((s) => u.includes(squash(s)))) return c.id;
  return null;
}

/** Validates (and lightly normalises) an NLU result for this ask. */
export function fromInterpretation(shape: AskShape, r: Record<string, unknown>, utterance: string, lang: Lang): Record<string, unknown> | null {
  switch (shape.expect) {
    case 'yes-no':
      return r.answer === 'yes' || r.answer === 'no' || r.answer === 'unclear' ? { answer: r.answer } : null;
    case 'number': {
      const unit = (r.unit as string | undefined) ?? shape.unit ?? null;
      if (isNum(r.value)) return inRange(r.value, shape, -1e9, 1e9) ? { value: r.value, unit } : null;
      if (isNum(r.min) && isNum(r.max) && inRange(r.max, shape, -1e9, 1e9)) return { min: r.min, max: r.max, unit };
      return null;
    }
    case 'scale-0-10':
      if (isNum(r.value)) return inRange(r.value, shape, 0, 10) ? { value: r.value } : null;
      if (isNum(r.min) && isNum(r.max) && r.min >= 0 && r.max <= 10) return { min: r.min, max: r.max };
      return null;
    case 'blood-pressure':
      return isNum(r.systolic) && isNum(r.diastolic) && r.systolic >= 50 && r.systolic <= 300 && r.diastolic >= 20 && r.diastolic <= 200 && r.systolic > r.diastolic
        ? { systolic: r.systolic, diastolic: r.diastolic }
        : null;
    case 'symptoms': {
      const present = Array.isArray(r.present) ? (r.present as string[]) : [];
      const absent = Array.isArray(r.absent) ? (r.absent as string[]) : [];
      if (present.length > 0 || absent.length > 0 || r.none === true) return { present, absent };
      return null;
    }
    case 'red-flag':
      return 'red_flag' in r ? { red_flag: r.red_flag ?? null } : null;
    case 'intent':
      return typeof r.intent === 'string' ? { intent: r.intent } : null;
    case 'date':
      if (isNum(r.relative_days)) return { relative_days: r.relative_days };
      if (typeof r.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.date)) return { date: r.date };
      return null;
    case 'choice': {
      const ids = new Set((shape.choices ?? []).map((c) => c.id));
      const id = typeof r.choice === 'string' && ids.has(r.choice) ? r.choice : matchChoice(shape, utterance, lang);
      return id === null ? null : { choice: id };
    }
    case 'free-text': {
      const text = utterance.trim();
      if (text.length === 0) return null;
      const choice = matchChoice(shape, utterance, lang);
      return choice === null ? { text } : { text, choice };
    }
  }
}

/** A mapped DTMF key's value as a typed answer. */
export function fromDtmfValue(shape: AskShape, v: string): Record<string, unknown> | null {
  switch (shape.expect) {
    case 'yes-no': return v === 'yes' || v === 'no' || v === 'unclear' ? { answer: v } : null;
    case 'choice':
    case 'free-text': return { choice: v, text: v };
    case 'symptoms': return v === 'none' ? { present: [], absent: [] } : { present: [v], absent: [] };
    case 'red-flag': return { red_flag: v === 'none' ? null : v };
    case 'intent': return { intent: v };
    default: return fromDigits(shape, v);
  }
}

/** A keyed number ("38", "160*100", "7") as a typed answer. */
export function fromDigits(shape: AskShape, digits: string): Record<string, unknown> | null {
  if (shape.expect === 'blood-pressure') {
    const m = /^(\d{2,3})\*(\d{2,3})$/.exec(digits);
    return m ? fromInterpretation(shape, { systolic: Number(m[1]), diastolic: Number(m[2]) }, '', 'en') : null;
  }
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  switch (shape.expect) {
    case 'number': return fromInterpretation(shape, { value: n, unit: shape.unit ?? null }, '', 'en');
    case 'scale-0-10': return fromInterpretation(shape, { value: n }, '', 'en');
    case 'date': return { relative_days: n };
    default: return null;
  }
}
