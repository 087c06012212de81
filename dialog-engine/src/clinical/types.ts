/** Closed sets of clinical ids shared by symptom extraction, red flags and triage. */

export const SYMPTOM_IDS = [
  'fever', 'chest-pain', 'shortness-of-breath', 'headache', 'dizziness', 'nausea-vomiting',
  'abdominal-pain', 'wound-redness', 'wound-discharge', 'wound-bleeding', 'leg-swelling', 'cough',
  'palpitations', 'weakness-one-side', 'speech-difficulty', 'facial-droop', 'confusion', 'fainting',
  'black-stool', 'blood-in-urine', 'rash', 'itching', 'insomnia', 'low-mood', 'suicidal-thoughts',
  'constipation', 'diarrhea', 'pain-general', 'fatigue', 'reduced-urine', 'weight-gain',
] as const;
export type SymptomId = (typeof SYMPTOM_IDS)[number];

export const RED_FLAG_IDS = [
  'chest-pain-cardiac', 'stroke-signs', 'severe-breathing', 'anaphylaxis', 'severe-bleeding',
  'altered-consciousness', 'suicidal', 'infant-fever', 'sepsis-signs',
  'poisoning', 'major-trauma', 'meningitis-signs', 'acute-abdomen', 'severe-dehydration',
] as const;
export type RedFlagId = (typeof RED_FLAG_IDS)[number];

export type ClinicalLang = 'zh' | 'en';

/** Whose body a mention is about. */
export type Subject = 'patient' | 'other';

/**
 * present: the patient has it now; negated: explicitly denied; past: a history that is over;
 * resolved: it was there and has gone ("烧退了", "not anymore").
 */
export type MentionStatus = 'present' | 'negated' | 'past' | 'resolved';

/**
 * One lexicon: id -> regex sources. Ids are symptom ids, or feature ids prefixed `x:` (signs that
 * only red-flag and triage rules use). A source starting with '!' legitimately contains a
 * negation word (睡不着, 没劲, can't breathe), so it is not checked for an inner negation.
 * A source starting with '=' marks a resolution phrase (烧退了): the mention is resolved.
 */
export type Lexicon = Record<string, string[]>;

export interface Mention {
  id: string;
  start: number;
  end: number;
  status: MentionStatus;
  subject: Subject;
}

const SYMPTOM_SET = new Set<string>(SYMPTOM_IDS);
export function isSymptomId(id: string): id is SymptomId {
  return SYMPTOM_SET.has(id);
}
