/**
 * Scores the rule triage and NLU on blind sets (JSON Lines written by authors who never saw the
 * code; see the BRIEF files next to each set) and prints the figures: nothing is asserted. The
 * engines are called exactly as the `triage` and `nlu` commands call them.
 *
 *   npx tsx dialog-engine/bench/score-blind.ts [DIR]   (default: the newest dialog-engine/test/fixtures/blind-*)
 *
 * Triage lines: {id, lang, narrative, ageYears?, ageMonths?, register, cedis_system,
 *   expected: {disposition, acceptable[], red_flags[], department}}.
 * NLU lines: {id, lang, expect, asked, utterance, choices?, callDate?, want}.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpret, toWire, triage, type NluRequest } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, '..', 'test', 'fixtures');
const dir = process.argv[2] ? resolve(process.argv[2]) : join(fixtures, readdirSync(fixtures).filter((d) => d.startsWith('blind-')).sort().at(-1)!);

interface TriageCase {
  id: string; lang: 'zh' | 'en'; narrative: string; ageYears?: number; ageMonths?: number; register: string; cedis_system: string;
  expected: { disposition: string; acceptable?: string[]; red_flags: string[]; department: string | null };
}
interface NluCase { id: string; lang: 'zh' | 'en'; expect: string; asked: string; utterance: string; choices?: string[]; callDate?: string; want: Record<string, unknown> }

const lines = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const level = (d: string) => Number(d.slice(1));

/** Authors spell the CEDIS systems their own way ("dental/oral", "dental-oral"): one name each. */
function cedisSystem(name: string): string {
  const k = name.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  const canon: Array<[RegExp, string]> = [
    [/^cardio/, 'cardiovascular'], [/^resp/, 'respiratory'], [/^neuro/, 'neurologic'], [/^gastro/, 'gastrointestinal'],
    [/^genito/, 'genitourinary'], [/^obstet|gyn/, 'obstetrics-gynaecology'], [/^ent$|ear|nose|throat/, 'ent'], [/^eye|ophth/, 'eye'],
    [/^dental|oral/, 'dental-oral'], [/^skin|derm/, 'skin'], [/^musculo/, 'musculoskeletal'], [/^trauma/, 'trauma'],
    [/^mental/, 'mental-health'], [/substance|toxic/, 'substance-toxicology'], [/^general/, 'general-minor'],
    [/^environ/, 'environmental'], [/^endocr/, 'endocrine-metabolic'], [/^pa?ediatric/, 'paediatric'],
  ];
  return canon.find(([re]) => re.test(k))?.[1] ?? k;
}

class Tally {
  private readonly m = new Map<string, { ok: number; n: number }>();
  add(key: string, ok: boolean): void {
    const t = this.m.get(key) ?? { ok: 0, n: 0 };
    t.n += 1; if (ok) t.ok += 1;
    this.m.set(key, t);
  }
  print(title: string): void {
    console.log(`\n${title}`);
    for (const [k, t] of [...this.m].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${k.padEnd(30)} ${String(t.ok).padStart(4)}/${String(t.n).padEnd(4)} ${pct(t.ok, t.n)}`);
  }
}

function scoreTriage(cases: TriageCase[]): void {
  const byRegister = new Tally();
  const bySystem = new Tally();
  let correct = 0, emergencies = 0, emergenciesCaught = 0, under = 0, over = 0, flagCases = 0, flagCasesAll = 0, flagCasesAny = 0, quiet = 0, falseAlarms = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const r = triage(c.narrative, c.lang, { ageYears: c.ageYears, ageMonths: c.ageMonths });
    const ok = r.disposition === c.expected.disposition || (c.expected.acceptable ?? []).includes(r.disposition);
    if (ok) correct += 1;
    else if (level(r.disposition) > level(c.expected.disposition)) under += 1;
    else over += 1;
    byRegister.add(c.register, ok);
    bySystem.add(cedisSystem(c.cedis_system), ok);
    if (level(c.expected.disposition) <= 2) {
      emergencies += 1;
      if (level(r.disposition) <= 2) emergenciesCaught += 1;
      else misses.push(`${c.id} expected ${c.expected.disposition} got ${r.disposition}`);
    }
    if (c.expected.red_flags.length > 0) {
      flagCases += 1;
      if (c.expected.red_flags.every((f) => (r.red_flags as string[]).includes(f))) flagCasesAll += 1;
      if (r.red_flags.length > 0) flagCasesAny += 1;
    } else {
      quiet += 1;
      if (r.red_flags.length > 0) falseAlarms += 1;
    }
  }
  console.log(`triage: ${cases.length} narratives`);
  console.log(`  correct (expected or acceptable)   ${correct}/${cases.length} ${pct(correct, cases.length)}   under-triaged ${under}, over-triaged ${over}`);
  console.log(`  emergencies sent to D1/D2          ${emergenciesCaught}/${emergencies} ${pct(emergenciesCaught, emergencies)}`);
  console.log(`  red-flag cases: some flag raised   ${flagCasesAny}/${flagCases} ${pct(flagCasesAny, flagCases)}   every expected flag ${flagCasesAll}/${flagCases} ${pct(flagCasesAll, flagCases)}`);
  console.log(`  false alarms (flag where none)     ${falseAlarms}/${quiet} ${pct(falseAlarms, quiet)}`);
  byRegister.print('triage by register');
  bySystem.print('triage by CEDIS system');
  if (misses.length > 0) console.log(`\nemergencies missed: ${misses.join('; ')}`);
}

/** Does the NLU's answer carry what the author wanted (the fields the author wrote)? */
function nluMatches(c: NluCase, got: Record<string, unknown>): boolean {
  const want = c.want;
  if (c.expect === 'symptoms') {
    const same = (a: unknown, b: unknown) => JSON.stringify([...((a as string[]) ?? [])].sort()) === JSON.stringify([...((b as string[]) ?? [])].sort());
    return same(want.present, got.present) && same(want.absent ?? [], got.absent ?? []);
  }
  return Object.entries(want).every(([k, v]) => JSON.stringify(got[k] ?? null) === JSON.stringify(v));
}

function scoreNlu(cases: NluCase[]): void {
  const byKind = new Tally();
  const byLangKind = new Tally();
  let ok = 0;
  for (const c of cases) {
    let got: Record<string, unknown>;
    try {
      got = toWire(interpret({ lang: c.lang, asked: c.asked, expect: c.expect, utterance: c.utterance, callDate: c.callDate, choices: c.choices } as NluRequest));
    } catch {
      got = {};
    }
    const m = nluMatches(c, got);
    if (m) ok += 1;
    byKind.add(c.expect, m);
    byLangKind.add(`${c.lang} ${c.expect}`, m);
  }
  console.log(`\nnlu: ${cases.length} utterances, ${ok} right ${pct(ok, cases.length)}`);
  byKind.print('nlu by kind');
  byLangKind.print('nlu by language and kind');
}

const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
console.log(`blind set: ${dir}`);
scoreTriage(files.filter((f) => f.startsWith('triage')).flatMap((f) => lines<TriageCase>(join(dir, f))));
scoreNlu(files.filter((f) => f.startsWith('nlu')).flatMap((f) => lines<NluCase>(join(dir, f))));
