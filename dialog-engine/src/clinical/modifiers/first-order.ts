/**
 * First-order modifiers from measured values: each value read from the narrative is checked
 * against VITAL_THRESHOLDS for the person's age group; the matches, with their words, raise the
 * level. Normal values never lower anything.
 */
import type { ClinicalLang, RedFlagId } from '../types.js';
import { VITAL_THRESHOLDS, type AgeGroup, type ChinaLevel } from './vital-thresholds.js';
import { extractVitals } from './vitals.js';

export interface ModifierHit {
  id: string;
  level: ChinaLevel;
  words: string;
  label: string;
  source: string;
  redFlag?: RedFlagId;
  disposition?: 'D1' | 'D2' | 'D3';
}

export function ageGroup(ageMonths: number | null, child: boolean): AgeGroup {
  if (ageMonths !== null) return ageMonths < 12 ? 'infant' : ageMonths < 14 * 12 ? 'child' : 'adult';
  return child ? 'child' : 'adult';
}

export function vitalModifiers(norm: string, lang: ClinicalLang, group: AgeGroup): ModifierHit[] {
  const hits = new Map<string, ModifierHit>();
  for (const v of extractVitals(norm, lang)) {
    for (const t of VITAL_THRESHOLDS) {
      if (t.kind !== v.kind || (t.group !== 'any' && t.group !== group)) continue;
      if ((t.min !== undefined && v.value < t.min) || (t.max !== undefined && v.value > t.max)) continue;
      if (!hits.has(t.id)) hits.set(t.id, { id: `vital:${t.id}`, level: t.level, words: v.words, label: t.label, source: t.source, ...(t.redFlag ? { redFlag: t.redFlag } : {}), ...(t.disposition ? { disposition: t.disposition } : {}) });
    }
  }
  return [...hits.values()].sort((a, b) => a.level - b.level);
}
