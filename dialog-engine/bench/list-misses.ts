/**
 * Lists what the rule triage or NLU gets wrong on a development blind set, one case per entry
 * (expected vs got, the deciding rule, the text), for working on a set that is no longer the
 * counting one. Never run it on the current fresh set: its figures are the ones that count.
 *
 *   npx tsx dialog-engine/bench/list-misses.ts DIR triage
 *   npx tsx dialog-engine/bench/list-misses.ts DIR nlu [KIND]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { interpret, toWire, triage, type NluRequest } from '../src/index.js';

interface TriageCase {
  id: string; lang: 'zh' | 'en'; narrative: string; ageYears?: number; ageMonths?: number; cedis_system: string;
  expected: { disposition: string; acceptable?: string[]; red_flags: string[] };
}
interface NluCase { id: string; lang: 'zh' | 'en'; expect: string; asked: string; utterance: string; choices?: string[]; callDate?: string; want: Record<string, unknown> }

const [dir, kind = 'triage', only] = process.argv.slice(2);
if (!dir || (kind !== 'triage' && kind !== 'nlu')) {
  console.error('usage: list-misses.ts DIR triage|nlu [KIND]');
  process.exit(2);
}
const rows = <T>(prefix: string): T[] =>
  readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T));
const sorted = (a: unknown) => JSON.stringify([...((a as string[] | undefined) ?? [])].sort());

if (kind === 'triage') {
  for (const c of rows<TriageCase>('triage')) {
    const r = triage(c.narrative, c.lang, { ageYears: c.ageYears, ageMonths: c.ageMonths });
    const ok = r.disposition === c.expected.disposition || (c.expected.acceptable ?? []).includes(r.disposition);
    if (ok) continue;
    const acc = c.expected.acceptable?.length ? `/${c.expected.acceptable.join(',')}` : '';
    console.log(`${c.id} [${c.cedis_system}] exp ${c.expected.disposition}${acc} ${c.expected.red_flags.join(',')} got ${r.disposition} ${r.red_flags.join(',')} rule=${r.rule}\n   ${c.narrative}`);
  }
} else {
  for (const c of rows<NluCase>('nlu')) {
    if (only && c.expect !== only) continue;
    let got: Record<string, unknown>;
    try {
      got = toWire(interpret({ lang: c.lang, asked: c.asked, expect: c.expect, utterance: c.utterance, callDate: c.callDate, choices: c.choices } as NluRequest));
    } catch (e) {
      got = { error: String(e) };
    }
    const ok = c.expect === 'symptoms'
      ? sorted(c.want.present) === sorted(got.present) && sorted(c.want.absent) === sorted(got.absent)
      : Object.entries(c.want).every(([k, v]) => JSON.stringify(got[k] ?? null) === JSON.stringify(v));
    if (ok) continue;
    const shown = Object.fromEntries(Object.entries(got).filter(([k]) => k in c.want || k === 'kind' || k === 'value'));
    console.log(`${c.id} [${c.expect}] Q: ${c.asked} | U: ${c.utterance}\n   want ${JSON.stringify(c.want)} got ${JSON.stringify(shown)}`);
  }
}
