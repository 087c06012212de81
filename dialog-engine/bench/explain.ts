/**
 * Shows how the rule triage reads one narrative: every lexicon mention with its clause status and
 * subject, then the disposition, red flags, modifiers and the deciding rule. A debugging aid.
 *
 *   npx tsx dialog-engine/bench/explain.ts zh|en "narrative" [ageYears]
 */
import { findMentions } from '../src/clinical/mentions.js';
import { modifierLexicons } from '../src/clinical/modifier-lexicons.js';
import { triage } from '../src/clinical/triage.js';

const [lang, text, age] = process.argv.slice(2);
if ((lang !== 'zh' && lang !== 'en') || !text) {
  console.error('usage: explain.ts zh|en "narrative" [ageYears]');
  process.exit(2);
}
const { norm, mentions } = findMentions(text, lang, modifierLexicons(lang));
console.log(norm);
for (const m of mentions) console.log(`  ${m.id.padEnd(28)} ${m.status.padEnd(9)} ${m.subject.padEnd(8)} "${norm.slice(m.start, m.end)}"`);
const r = triage(text, lang, age ? { ageYears: Number(age) } : {});
console.log(JSON.stringify({ disposition: r.disposition, red_flags: r.red_flags, department: r.department, rule: r.rule, complaint: r.complaint, modifiers: r.modifiers.map((m) => m.id) }));
