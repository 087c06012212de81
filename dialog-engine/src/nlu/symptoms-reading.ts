/**
 * Symptoms read through the clause layer: the clinical extractor reads the turn as said and in
 * the lexicon's words (lay-words.ts); then clause features correct it: a symptom in an echoed
 * question followed by a denial ("Chest pain? No.") or in a negated hypothetical ("I wouldn't
 * hurt myself") is absent; one taken back by a self-correction ("A bit of diarrhoea — no sorry,
 * constipation", "胸口疼…没有，是胃疼") is absent; one said of someone else is not the
 * patient's ("My husband's got the cough, not me" is absent for the patient).
 */
import { extractSymptoms, SYMPTOM_IDS } from '../clinical/index.js';
import type { Lang } from '../text/index.js';
import { analyzeClause, rawClauses } from './clause.js';
import { layToClinical } from './lay-words.js';

export function readSymptoms(utterance: string, lang: Lang): { present: string[]; absent: string[] } {
  const base = extractSymptoms(utterance, lang);
  const lay = layToClinical(utterance, lang);
  const fromLay = lay === (lang === 'en' ? utterance.toLowerCase() : utterance) ? base : extractSymptoms(lay, lang);
  // The lay rewrite keeps every word it does not canonicalise, so its reading replaces the first.
  const present = new Set<string>(fromLay.present);
  const absent = new Set<string>(fromLay.absent);
  const raws = rawClauses(lay, lang);
  if (raws.length > 1) {
    const cls = raws.map((r) => analyzeClause(r.text, lang, r));
    const deny = (ids: readonly string[]): void => ids.forEach((id) => {
      present.delete(id);
      absent.add(id);
    });
    cls.forEach((c, i) => {
      const next = cls[i + 1];
      const said = extractSymptoms(c.text, lang);
      // A denial inside one clause ("No rash you can see, though", "不红") stands for the turn.
      for (const id of said.absent) if (!present.has(id)) absent.add(id);
      const ids = [...said.present, ...said.absent];
      if (ids.length === 0) return;
      const correctedAway = next !== undefined && (next.corrective || (next.denial && cls[i + 2]?.corrective === true) || (lang === 'zh' && next.denial && /^是/u.test(cls[i + 2]?.text ?? '')));
      if ((c.echo && next?.denial) || (c.hypothetical && c.negated) || correctedAway) deny(ids);
      // "My husband says I'm muddled": someone else reporting on the patient.
      else if ((lang === 'en' ? /\b(?:says?|said|thinks?|reckons?|told me) (?:that )?(?:i'?m|i am|i)\b/ : /说我|觉得我/u).test(c.text)) return;
      else if (c.subject === 'other' || (lang === 'en' ? /\bnot me\b/ : /不是我/u).test(`${c.text} ${next?.text ?? ''}`)) {
        if ((lang === 'en' ? /\bnot me\b/ : /不是我|我没有/u).test(`${c.text} ${next?.text ?? ''}`)) deny(ids);
        else ids.forEach((id) => present.delete(id));
      }
    });
  }
  const order = (a: string, b: string): number => (SYMPTOM_IDS as readonly string[]).indexOf(a) - (SYMPTOM_IDS as readonly string[]).indexOf(b);
  return { present: [...present].sort(order), absent: [...absent].filter((id) => !present.has(id)).sort(order) };
}
