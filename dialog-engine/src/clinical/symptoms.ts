/** Symptom extraction: colloquial names -> symptom ids, split into present and absent. */
import { findMentions, latestById } from './mentions.js';
import { extractTemperatureC } from './quantities.js';
import { isSymptomId, SYMPTOM_IDS, type SymptomId } from './types.js';

export interface SymptomOptions {
  /**
   * 'patient' (default): mentions about someone else (我儿子咳嗽, my husband has a fever) are
   * ignored. 'any': a caller describing another person (triage) counts everything.
   */
  subject?: 'patient' | 'any';
}

export interface SymptomResult {
  present: SymptomId[];
  absent: SymptomId[];
}

/** Fever threshold for a measured temperature (°C, common clinical cut-off). */
export const FEVER_C = 37.5;

export function extractSymptoms(text: string, lang: 'zh' | 'en', opts: SymptomOptions = {}): SymptomResult {
  const { norm, mentions } = findMentions(text, lang);
  const latest = latestById(mentions, opts.subject ?? 'patient');
  const present = new Set<SymptomId>();
  const absent = new Set<SymptomId>();
  for (const [id, m] of latest) {
    if (!isSymptomId(id)) continue;
    if (m.status === 'present') present.add(id);
    else absent.add(id);
  }
  // A measured temperature decides fever unless the words denied it or were about someone else.
  const t = extractTemperatureC(norm, lang);
  const fever = latest.get('fever');
  const onlyOthers = !fever && mentions.some((m) => m.id === 'fever');
  if (t !== null && !onlyOthers && (!fever || fever.status === 'present')) {
    if (t >= FEVER_C) {
      present.add('fever');
      absent.delete('fever');
    } else {
      present.delete('fever');
      absent.add('fever');
    }
  }
  const order = (a: SymptomId, b: SymptomId): number => SYMPTOM_IDS.indexOf(a) - SYMPTOM_IDS.indexOf(b);
  return { present: [...present].sort(order), absent: [...absent].filter((s) => !present.has(s)).sort(order) };
}
