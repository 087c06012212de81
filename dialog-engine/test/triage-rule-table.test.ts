/**
 * The complaint rule table (triage-rules.ts) is data read by one evaluator (rule-table.ts): every
 * row is well-formed (unique id, reason, source, valid disposition and department, conditions of
 * plain data from the closed vocabulary naming known ids). That the table reproduced the code
 * predicates it replaced was proved once, at the refactor (commit 9009826: the old list ran next
 * to the table on 760 narratives and 20,000 random fact sets); rows have changed since, as data.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_TERMS } from '../src/clinical/complaints/systems/index.js';
import { EN_MODIFIER_TERMS, ZH_MODIFIER_TERMS } from '../src/clinical/complaints/terms.js';
import { isDepartmentId } from '../src/clinical/departments.js';
import { DISPOSITION_IDS, DISPOSITION_LADDER } from '../src/clinical/dispositions.js';
import { EN_FEATURES_2 } from '../src/clinical/lexicon/features-en-2.js';
import { EN_FEATURES } from '../src/clinical/lexicon/features-en.js';
import { ZH_FEATURES_2 } from '../src/clinical/lexicon/features-zh-2.js';
import { ZH_FEATURES } from '../src/clinical/lexicon/features-zh.js';
import type { Condition } from '../src/clinical/rule-table.js';
import { TRIAGE_RULES } from '../src/clinical/triage-rules.js';
import { SYMPTOM_IDS } from '../src/clinical/types.js';

const FACT_IDS = {
  symptom: new Set<string>(SYMPTOM_IDS),
  x: new Set<string>([EN_FEATURES, EN_FEATURES_2, ZH_FEATURES, ZH_FEATURES_2].flatMap((l) => Object.keys(l)).filter((id) => id.startsWith('x:'))),
  m: new Set<string>([ZH_MODIFIER_TERMS, EN_MODIFIER_TERMS, SYSTEM_TERMS.zh, SYSTEM_TERMS.en].flatMap((l) => Object.keys(l)).filter((id) => id.startsWith('m:'))),
};
/**
 * Ids a row names that no lexicon gives yet, so their branch cannot fire today (kept in the row,
 * as the old predicate had them, so the intent stays visible): each must still be unknown.
 */
const NOT_YET_IN_A_LEXICON = new Set<string>([]);
const lexiconId = (id: string): boolean => (id.startsWith('x:') ? FACT_IDS.x.has(id) : id.startsWith('m:') ? FACT_IDS.m.has(id) : FACT_IDS.symptom.has(id));
const knownId = (id: string): boolean => lexiconId(id) || NOT_YET_IN_A_LEXICON.has(id);
const CONDITION_KEYS = new Set(['all', 'none', 'fever', 'tempAtLeast', 'lastedDays', 'child', 'elderly', 'ageMonthsBelow', 'systolicAtLeast', 'any']);

/** What is wrong with a condition (empty when well-formed). */
function conditionProblems(c: Condition, where: string): string[] {
  const out: string[] = [];
  const keys = Object.keys(c);
  if (keys.length === 0) out.push(`${where}: empty condition`);
  for (const k of keys) if (!CONDITION_KEYS.has(k)) out.push(`${where}: unknown key ${k}`);
  for (const k of ['fever', 'child', 'elderly'] as const) if (c[k] !== undefined && typeof c[k] !== 'boolean') out.push(`${where}: ${k} is not a boolean`);
  for (const k of ['tempAtLeast', 'lastedDays', 'ageMonthsBelow', 'systolicAtLeast'] as const) {
    const v = c[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) out.push(`${where}: ${k} is not a number`);
  }
  for (const k of ['all', 'none'] as const) {
    const list = c[k];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) out.push(`${where}: ${k} is empty`);
    for (const entry of list ?? []) {
      const ids = k === 'all' ? entry.split('|') : [entry];
      for (const id of ids) if (!knownId(id)) out.push(`${where}: unknown id '${id}' in ${k}`);
    }
  }
  if (c.any !== undefined) {
    if (c.any.length < 2) out.push(`${where}: any needs two or more conditions`);
    c.any.forEach((sub, i) => out.push(...conditionProblems(sub, `${where}.any[${i}]`)));
  }
  return out;
}

describe('triage rule table: every row is well-formed', () => {
  it('knows the fact ids it checks against', () => {
    expect(FACT_IDS.x.size).toBeGreaterThan(50);
    expect(FACT_IDS.m.size).toBeGreaterThan(50);
  });

  it('lists as not yet in a lexicon only ids that no lexicon gives (remove them from the list once one does)', () => {
    expect([...NOT_YET_IN_A_LEXICON].filter(lexiconId)).toEqual([]);
  });

  it('has unique kebab-case ids, a reason and a source on every row', () => {
    const ids = TRIAGE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of TRIAGE_RULES) {
      expect(r.id, r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.reason.trim(), r.id).not.toBe('');
      expect(r.source.trim().length, `${r.id} has no source`).toBeGreaterThan(10);
    }
  });

  it('has valid dispositions, and a valid department exactly where the disposition allows one', () => {
    for (const r of TRIAGE_RULES) {
      expect(DISPOSITION_IDS, r.id).toContain(r.disposition);
      if (r.department !== null) expect(isDepartmentId(r.department), `${r.id}: ${r.department}`).toBe(true);
      expect(r.department !== null, `${r.id}: department ${r.department} with ${r.disposition}`).toBe(DISPOSITION_LADDER[r.disposition].allowsDepartment);
    }
  });

  it('has conditions of plain data from the closed vocabulary, naming only known ids', () => {
    const problems = TRIAGE_RULES.flatMap((r) => conditionProblems(r.when, r.id));
    expect(problems).toEqual([]);
    for (const r of TRIAGE_RULES) expect(JSON.parse(JSON.stringify(r)), r.id).toEqual({ ...r });
    expect(JSON.parse(JSON.stringify(TRIAGE_RULES))).toHaveLength(TRIAGE_RULES.length);
  });
});
