/**
 * Reads the complaint table: which complaints a narrative presents, and which of their
 * second-order modifiers apply, each with the words that triggered it.
 */
import type { DispositionId } from '../dispositions.js';
import type { Mention, RedFlagId } from '../types.js';
import type { AgeGroup, ChinaLevel } from '../modifiers/vital-thresholds.js';
import { COMPLAINTS, type Complaint, type ComplaintModifier } from './complaints.js';
import { SYSTEM_COMPLAINTS } from './systems/index.js';

const ALL_COMPLAINTS: readonly Complaint[] = [...COMPLAINTS, ...SYSTEM_COMPLAINTS];

export interface ComplaintHit {
  complaint: Complaint;
  modifier: ComplaintModifier | null;
  level: ChinaLevel | null;
  disposition: DispositionId | null;
  redFlag?: RedFlagId;
  words: string[];
}

export interface ComplaintFacts {
  norm: string;
  mentions: Mention[];
  /** Ids present now (after the clause layer), plus `vital:` ids of the vital rows that matched. */
  present: Set<string>;
  group: AgeGroup;
}

function resolvedIds(mentions: Mention[]): Set<string> {
  const out = new Set<string>();
  for (const m of mentions) if (m.status === 'resolved') out.add(m.id);
  return out;
}

function wordsFor(f: ComplaintFacts, ids: string[], allowed: Set<string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (!allowed.has(id)) continue;
    const m = f.mentions.find((x) => x.id === id && (x.status === 'present' || x.status === 'resolved'));
    if (m) out.push(f.norm.slice(m.start, m.end));
    else if (id.startsWith('vital:')) out.push(id);
  }
  return [...new Set(out)];
}

export function complaintHits(f: ComplaintFacts): ComplaintHit[] {
  const resolved = resolvedIds(f.mentions);
  const withResolved = new Set([...f.present, ...resolved]);
  const hits: ComplaintHit[] = [];
  for (const c of ALL_COMPLAINTS) {
    const termIds = c.terms.filter((t) => withResolved.has(t));
    if (termIds.length === 0) continue;
    if (c.benignIf && !c.benignIf.every((g) => g.split('|').some((id) => f.present.has(id)))) continue;
    const presentNow = c.terms.some((t) => f.present.has(t));
    let fired = false;
    for (const mod of c.modifiers) {
      if (!presentNow && !mod.resolvedToo) continue;
      if (mod.ages && (f.group === 'any' || !mod.ages.includes(f.group))) continue;
      const pool = mod.resolvedToo ? withResolved : f.present;
      const used: string[] = [];
      const ok = mod.all.every((group) => {
        const ids = group.split('|');
        const found = ids.filter((id) => pool.has(id));
        used.push(...found);
        return found.length > 0;
      });
      if (!ok) continue;
      fired = true;
      hits.push({ complaint: c, modifier: mod, level: mod.level, disposition: mod.disposition, ...(mod.redFlag ? { redFlag: mod.redFlag } : {}), words: wordsFor(f, [...termIds, ...used], withResolved) });
    }
    if (!fired && presentNow) {
      hits.push({ complaint: c, modifier: null, level: c.base?.level ?? null, disposition: c.base?.disposition ?? null, words: wordsFor(f, termIds, f.present) });
    }
  }
  return hits;
}
