/**
 * The complaint rule table (triage-rules.ts) is data read by one evaluator (rule-table.ts). This
 * file checks that every row is well-formed, and pins its behaviour to the code predicates it
 * replaced: the old list is kept here, verbatim, and only here. Both run in the same process on
 * the same current lexicons: per row on every fact set the dev narratives produce and on seeded
 * random fact sets, and end to end (disposition, red flags, department, rule, reasons) on every
 * narrative of the dev sets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { SYSTEM_TERMS } from '../src/clinical/complaints/systems/index.js';
import { EN_MODIFIER_TERMS, ZH_MODIFIER_TERMS } from '../src/clinical/complaints/terms.js';
import { isDepartmentId } from '../src/clinical/departments.js';
import { DISPOSITION_IDS, DISPOSITION_LADDER } from '../src/clinical/dispositions.js';
import { EN_FEATURES_2 } from '../src/clinical/lexicon/features-en-2.js';
import { EN_FEATURES } from '../src/clinical/lexicon/features-en.js';
import { ZH_FEATURES_2 } from '../src/clinical/lexicon/features-zh-2.js';
import { ZH_FEATURES } from '../src/clinical/lexicon/features-zh.js';
import { conditionHolds, conditionIds, type Condition, type TriageFacts } from '../src/clinical/rule-table.js';
import { triage } from '../src/clinical/triage.js';
import { TRIAGE_RULES } from '../src/clinical/triage-rules.js';
import { SYMPTOM_IDS } from '../src/clinical/types.js';

type Pred = (f: TriageFacts) => boolean;
interface OldRule { reason: string; disposition: string; department: string | null; when: Pred }

/** Which evaluator baseTriage uses (the old predicates or the table), and the facts it was given. */
const state = vi.hoisted(() => ({ old: null as null | ((index: number) => Pred), facts: [] as TriageFacts[] }));

vi.mock('../src/clinical/triage-rules.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/clinical/triage-rules.js')>();
  const table = actual.TRIAGE_RULES;
  const applies = (row: (typeof table)[number], facts: TriageFacts): boolean => {
    if (state.facts.at(-1) !== facts) state.facts.push(facts);
    return state.old ? state.old(table.indexOf(row))(facts) : table.applies(row, facts);
  };
  return { ...actual, TRIAGE_RULES: Object.assign([...table], { applies }) };
});

// ---- The code predicates the table replaced (triage-rules.ts before the table), verbatim. ----
const h = (f: TriageFacts, ...ids: string[]): boolean => ids.some((id) => f.present.has(id));
const fever = (f: TriageFacts): boolean => h(f, 'fever') || (f.temperatureC !== null && f.temperatureC >= 37.5);
const temp = (f: TriageFacts, c: number): boolean => f.temperatureC !== null && f.temperatureC >= c;
const lasted = (f: TriageFacts, days: number): boolean => f.durationDays !== null && f.durationDays >= days;
const injured = (f: TriageFacts): boolean => h(f, 'x:injury', 'x:head-injury');

const OLD_RULES: OldRule[] = [
  // Poisoning and medication errors: a nurse or poison advice now, never dosing by the bot.
  { reason: 'dangerous poison (pesticide, carbon monoxide)', disposition: 'D1', department: null, when: (f) => h(f, 'x:poison-severe') },
  { reason: 'poisoning', disposition: 'D2', department: null, when: (f) => h(f, 'x:poison', 'x:ingested-chemical') },
  { reason: 'medication error', disposition: 'D3', department: null, when: (f) => h(f, 'x:med-error') },
  { reason: 'a child swallowed medicine not meant for them', disposition: 'D3', department: null,
    when: (f) => (f.child || h(f, 'x:child', 'x:small-child', 'x:newborn')) && h(f, 'x:ingested-medicine') },
  // Serious but not immediately life-threatening: emergency department now.
  { reason: 'black stool (possible GI bleed)', disposition: 'D2', department: null, when: (f) => h(f, 'black-stool') },
  { reason: 'pregnancy with bleeding, pain, reduced movements or labour', disposition: 'D2', department: null,
    when: (f) => h(f, 'x:pregnant') && h(f, 'x:vaginal-bleeding', 'x:bleeding', 'abdominal-pain', 'x:fetal-movement', 'x:labour', 'x:vision-loss') },
  { reason: 'pregnancy with headache and blurred vision or swelling (possible pre-eclampsia)', disposition: 'D2', department: null,
    when: (f) => h(f, 'x:pregnant') && ((h(f, 'headache') && h(f, 'x:blurred', 'leg-swelling', 'x:lip-swell')) || (h(f, 'x:blurred') && h(f, 'leg-swelling'))) },
  { reason: 'chest pain that is tender to touch or on breathing', disposition: 'D5', department: 'general-medicine', when: (f) => h(f, 'chest-pain') && h(f, 'x:reproducible') },
  { reason: 'chest pain', disposition: 'D2', department: null, when: (f) => h(f, 'chest-pain') && !h(f, 'x:reproducible') },
  { reason: 'fainting with heart or breathing symptoms or in an older person', disposition: 'D2', department: null,
    when: (f) => h(f, 'fainting') && (h(f, 'palpitations', 'shortness-of-breath', 'x:exertional') || f.elderly) },
  { reason: 'new confusion', disposition: 'D2', department: null, when: (f) => h(f, 'confusion') && !h(f, 'x:chronic') },
  { reason: 'sudden breathlessness', disposition: 'D2', department: null, when: (f) => h(f, 'shortness-of-breath') && h(f, 'x:sudden') },
  { reason: 'breathlessness with a swollen leg (possible clot)', disposition: 'D2', department: null, when: (f) => h(f, 'shortness-of-breath') && h(f, 'x:calf', 'leg-swelling') && h(f, 'x:one-leg', 'x:calf') },
  { reason: 'head injury with vomiting, fainting, confusion or headache in an older person', disposition: 'D2', department: null,
    when: (f) => h(f, 'x:head-injury') && (h(f, 'nausea-vomiting', 'fainting', 'confusion', 'x:lethargic', 'dizziness') || f.elderly || (f.ageMonths !== null && f.ageMonths < 12)) },
  { reason: 'open or deformed fracture', disposition: 'D2', department: null, when: (f) => h(f, 'x:open-fracture') },
  { reason: 'older person who fell and cannot get up', disposition: 'D2', department: null, when: (f) => f.elderly && h(f, 'x:injury') && h(f, 'x:fracture-signs') },
  { reason: 'major burn or electric injury', disposition: 'D2', department: null, when: (f) => h(f, 'x:burn-major') },
  { reason: 'snake bite', disposition: 'D2', department: null, when: (f) => h(f, 'x:snake') },
  { reason: 'eye injury or chemical in the eye', disposition: 'D2', department: null, when: (f) => h(f, 'x:eye-injury') },
  { reason: 'severe abdominal pain', disposition: 'D2', department: null, when: (f) => h(f, 'abdominal-pain') && h(f, 'x:severe', 'x:sudden') && !h(f, 'x:chronic') },
  { reason: 'fever with stiff neck or a rash that does not fade', disposition: 'D2', department: null, when: (f) => (fever(f) || h(f, 'headache')) && h(f, 'x:stiff-neck', 'x:non-blanching-rash') },
  { reason: 'non-blanching rash', disposition: 'D2', department: null, when: (f) => h(f, 'x:non-blanching-rash') },
  { reason: 'cannot swallow saliva', disposition: 'D2', department: null, when: (f) => h(f, 'x:cant-swallow') && h(f, 'x:sore-throat', 'fever') },
  { reason: 'swollen lips or face with an allergy', disposition: 'D2', department: null, when: (f) => h(f, 'x:lip-swell') && h(f, 'x:allergen', 'rash') },
  { reason: 'back pain with numb legs or incontinence', disposition: 'D2', department: null, when: (f) => h(f, 'x:cauda') && h(f, 'x:back-pain', 'pain-general') },
  { reason: 'cannot pass urine', disposition: 'D2', department: null, when: (f) => h(f, 'x:urine-retention') },
  { reason: 'very high blood pressure with symptoms', disposition: 'D2', department: null,
    when: (f) => f.systolic !== null && f.systolic >= 180 && h(f, 'headache', 'chest-pain', 'shortness-of-breath', 'x:vision-loss', 'confusion', 'dizziness') },
  { reason: 'very high or low blood sugar with symptoms', disposition: 'D2', department: null, when: (f) => h(f, 'x:hyper', 'x:hypo') && h(f, 'confusion', 'nausea-vomiting', 'x:sweating', 'x:lethargic', 'fainting') },
  { reason: 'nosebleed that will not stop', disposition: 'D2', department: null, when: (f) => h(f, 'x:nosebleed') && (h(f, 'x:severe') || lasted(f, 20 / 1440)) },
  { reason: 'unwell young baby', disposition: 'D2', department: null, when: (f) => f.ageMonths !== null && f.ageMonths < 3 && h(f, 'x:lethargic', 'x:cant-keep-fluids', 'x:dehydration') },
  { reason: 'floppy or very drowsy child', disposition: 'D2', department: null, when: (f) => f.child && h(f, 'x:lethargic') && (fever(f) || h(f, 'nausea-vomiting', 'diarrhea')) && h(f, 'x:dehydration', 'x:severe') },
  { reason: 'thoughts of harming others or hearing voices', disposition: 'D3', department: null, when: (f) => h(f, 'x:psychosis') },
  // Be seen today.
  { reason: 'infant 3-6 months with fever', disposition: 'D4', department: 'pediatrics', when: (f) => fever(f) && f.ageMonths !== null && f.ageMonths < 6 },
  { reason: 'child with high or long fever', disposition: 'D4', department: 'pediatrics', when: (f) => f.child && fever(f) && (temp(f, 39) || lasted(f, 3) || h(f, 'x:lethargic', 'x:dehydration', 'x:high-fever', 'rash')) },
  { reason: 'child vomiting and not keeping fluids down', disposition: 'D4', department: 'pediatrics', when: (f) => f.child && h(f, 'x:cant-keep-fluids', 'x:dehydration', 'reduced-urine') },
  { reason: 'fever after surgery or with a wound problem', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'x:postop', 'wound-redness', 'wound-discharge') && fever(f) },
  { reason: 'wound infection or opening', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'wound-discharge', 'x:wound-open') || (h(f, 'wound-redness') && h(f, 'x:postop', 'x:severe', 'pain-general')) },
  { reason: 'wound bleeding', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'wound-bleeding') },
  { reason: 'deep cut', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'x:deep-cut') },
  { reason: 'allergic rash after a food, drug or sting', disposition: 'D4', department: 'dermatology', when: (f) => h(f, 'rash', 'itching', 'x:lip-swell') && h(f, 'x:allergen') },
  { reason: 'puncture wound (nail, needle, glass)', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'x:puncture') },
  { reason: 'animal bite', disposition: 'D4', department: 'emergency', when: (f) => h(f, 'x:bite') },
  { reason: 'possible fracture', disposition: 'D4', department: 'orthopedics', when: (f) => injured(f) && h(f, 'x:fracture-signs') },
  { reason: 'burn', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'x:burn') && h(f, 'x:severe', 'x:blister') },
  { reason: 'high fever in an adult', disposition: 'D4', department: 'general-medicine', when: (f) => !f.child && fever(f) && (temp(f, 39.5) || h(f, 'x:high-fever') || lasted(f, 3) || f.elderly) },
  { reason: 'abdominal pain in the lower right', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'abdominal-pain') && h(f, 'x:rlq') },
  { reason: 'abdominal pain with fever or vomiting', disposition: 'D4', department: 'gastroenterology', when: (f) => h(f, 'abdominal-pain') && (fever(f) || h(f, 'x:cant-keep-fluids')) },
  { reason: 'blood in stool', disposition: 'D4', department: 'gastroenterology', when: (f) => h(f, 'x:blood-stool') && !h(f, 'x:hemorrhoid') },
  { reason: 'coughing blood', disposition: 'D4', department: 'respiratory', when: (f) => h(f, 'x:blood-sputum') },
  { reason: 'one swollen painful leg (possible clot)', disposition: 'D4', department: 'general-surgery', when: (f) => h(f, 'x:calf') || (h(f, 'leg-swelling') && h(f, 'x:one-leg') && h(f, 'pain-general', 'x:calf')) },
  { reason: 'heart failure warning signs', disposition: 'D4', department: 'cardiology', when: (f) => h(f, 'weight-gain') && h(f, 'leg-swelling', 'shortness-of-breath', 'x:heart-failure') },
  { reason: 'breathlessness', disposition: 'D4', department: 'respiratory', when: (f) => h(f, 'shortness-of-breath') },
  { reason: 'palpitations', disposition: 'D4', department: 'cardiology', when: (f) => h(f, 'palpitations') },
  { reason: 'fainting', disposition: 'D4', department: 'neurology', when: (f) => h(f, 'fainting') },
  { reason: 'urine infection with fever or back pain', disposition: 'D4', department: 'urology', when: (f) => h(f, 'x:urinary', 'blood-in-urine') && (fever(f) || h(f, 'x:flank-pain')) },
  { reason: 'kidney stone pain', disposition: 'D4', department: 'urology', when: (f) => h(f, 'x:flank-pain') && h(f, 'x:severe', 'blood-in-urine') },
  { reason: 'very little urine', disposition: 'D4', department: 'nephrology', when: (f) => h(f, 'reduced-urine') },
  { reason: 'very high blood pressure', disposition: 'D4', department: 'cardiology', when: (f) => f.systolic !== null && f.systolic >= 180 },
  { reason: 'persistent vomiting', disposition: 'D4', department: 'gastroenterology', when: (f) => h(f, 'x:cant-keep-fluids') },
  { reason: 'headache with vomiting or fever', disposition: 'D4', department: 'neurology', when: (f) => h(f, 'headache') && (h(f, 'nausea-vomiting') || fever(f)) && !h(f, 'x:cold') },
  { reason: 'mild head injury', disposition: 'D4', department: 'neurology', when: (f) => h(f, 'x:head-injury') && h(f, 'headache', 'pain-general') },
  { reason: 'red painful eye or sudden blurred vision', disposition: 'D4', department: 'ophthalmology', when: (f) => h(f, 'x:vision-loss') || (h(f, 'x:eye') && h(f, 'pain-general', 'x:severe')) },
  { reason: 'heavy bleeding outside pregnancy', disposition: 'D4', department: 'gynecology', when: (f) => h(f, 'x:vaginal-bleeding') && h(f, 'x:severe', 'dizziness') },
  { reason: 'facial swelling with tooth pain', disposition: 'D4', department: 'stomatology', when: (f) => h(f, 'x:tooth') && (h(f, 'x:face-swell') || fever(f)) },
  { reason: 'suicidal thoughts about someone else', disposition: 'D3', department: null, when: (f) => h(f, 'x:rf-suicidal') },
  // Within 1-3 days.
  { reason: 'child with fever', disposition: 'D5', department: 'pediatrics', when: (f) => f.child && fever(f) },
  { reason: 'blood in urine', disposition: 'D5', department: 'urology', when: (f) => h(f, 'blood-in-urine') },
  { reason: 'urinary symptoms', disposition: 'D5', department: 'urology', when: (f) => h(f, 'x:urinary') },
  { reason: 'vaginal bleeding or discharge', disposition: 'D5', department: 'gynecology', when: (f) => h(f, 'x:vaginal-bleeding') || (h(f, 'x:gyn') && h(f, 'abdominal-pain', 'pain-general', 'itching')) },
  { reason: 'pregnancy concern', disposition: 'D5', department: 'obstetrics', when: (f) => h(f, 'x:pregnant') && h(f, 'nausea-vomiting', 'pain-general', 'headache', 'leg-swelling', 'fever') },
  { reason: 'low mood or anxiety', disposition: 'D5', department: 'psychiatry', when: (f) => h(f, 'low-mood', 'x:anxiety') },
  { reason: 'long-lasting cough', disposition: 'D5', department: 'respiratory', when: (f) => h(f, 'cough') && (lasted(f, 14) || fever(f)) },
  { reason: 'fever', disposition: 'D5', department: 'general-medicine', when: (f) => fever(f) && lasted(f, 2) },
  { reason: 'abdominal pain', disposition: 'D5', department: 'gastroenterology', when: (f) => h(f, 'abdominal-pain') && !h(f, 'x:lower-abd') },
  { reason: 'lower abdominal pain', disposition: 'D5', department: 'gynecology', when: (f) => h(f, 'abdominal-pain') && h(f, 'x:lower-abd') && h(f, 'x:gyn') },
  { reason: 'lower abdominal pain', disposition: 'D5', department: 'gastroenterology', when: (f) => h(f, 'abdominal-pain') },
  { reason: 'diarrhoea or vomiting for days or with blood', disposition: 'D5', department: 'gastroenterology', when: (f) => h(f, 'diarrhea', 'nausea-vomiting') && (lasted(f, 3) || f.elderly || f.child) },
  { reason: 'shingles', disposition: 'D5', department: 'dermatology', when: (f) => h(f, 'x:shingles') },
  { reason: 'ear pain', disposition: 'D5', department: 'ent', when: (f) => h(f, 'x:ear') && h(f, 'pain-general', 'fever', 'x:severe') },
  { reason: 'sprain or minor injury', disposition: 'D5', department: 'orthopedics', when: (f) => h(f, 'x:injury') && h(f, 'pain-general', 'leg-swelling', 'x:joint', 'x:swollen') },
  { reason: 'leg swelling', disposition: 'D5', department: 'cardiology', when: (f) => h(f, 'leg-swelling', 'weight-gain') },
  { reason: 'severe headache', disposition: 'D5', department: 'neurology', when: (f) => h(f, 'headache') && (h(f, 'x:severe') || lasted(f, 3)) },
  { reason: 'dizziness', disposition: 'D5', department: 'neurology', when: (f) => h(f, 'dizziness') && !h(f, 'x:cold') },
  { reason: 'toothache', disposition: 'D5', department: 'stomatology', when: (f) => h(f, 'x:tooth') && h(f, 'pain-general', 'x:severe') },
  // Routine.
  { reason: 'medication question', disposition: 'D6', department: 'pharmacy', when: (f) => h(f, 'x:medication') && !h(f, 'x:injury') },
  { reason: 'sleep problems', disposition: 'D6', department: 'psychiatry', when: (f) => h(f, 'insomnia') },
  { reason: 'eye problem', disposition: 'D6', department: 'ophthalmology', when: (f) => h(f, 'x:eye') },
  { reason: 'rash or itching', disposition: 'D6', department: 'dermatology', when: (f) => h(f, 'rash', 'itching') },
  { reason: 'headache', disposition: 'D6', department: 'neurology', when: (f) => h(f, 'headache') && !h(f, 'x:cold') },
  { reason: 'back or joint pain', disposition: 'D6', department: 'orthopedics', when: (f) => h(f, 'x:back-pain', 'x:joint') },
  { reason: 'ear, nose or throat problem', disposition: 'D6', department: 'ent', when: (f) => (h(f, 'x:ear') || (h(f, 'x:nose') && (lasted(f, 14) || h(f, 'x:chronic')))) && !h(f, 'x:cold', 'fever', 'cough') },
  { reason: 'teeth or gums', disposition: 'D6', department: 'stomatology', when: (f) => h(f, 'x:tooth') },
  { reason: 'gynaecological question', disposition: 'D6', department: 'gynecology', when: (f) => h(f, 'x:gyn') },
  { reason: 'pregnancy check', disposition: 'D6', department: 'obstetrics', when: (f) => h(f, 'x:pregnant') },
  { reason: 'diabetes or thyroid', disposition: 'D6', department: 'endocrinology', when: (f) => h(f, 'x:glucose', 'x:thyroid', 'x:hypo', 'x:hyper') },
  { reason: 'blood pressure', disposition: 'D6', department: 'cardiology', when: (f) => h(f, 'x:bp') },
  { reason: 'lump', disposition: 'D6', department: 'general-surgery', when: (f) => h(f, 'x:lump') },
  { reason: 'haemorrhoids', disposition: 'D6', department: 'general-surgery', when: (f) => h(f, 'x:hemorrhoid') },
  { reason: 'long-lasting constipation', disposition: 'D6', department: 'gastroenterology', when: (f) => h(f, 'constipation') && lasted(f, 7) },
  { reason: 'indigestion', disposition: 'D6', department: 'gastroenterology', when: (f) => h(f, 'x:hiccup') && lasted(f, 14) },
  { reason: 'tiredness', disposition: 'D6', department: 'general-medicine', when: (f) => h(f, 'fatigue') && lasted(f, 14) },
  { reason: 'appointment or paperwork', disposition: 'D6', department: 'general-medicine', when: (f) => h(f, 'x:booking') },
  // Self-care with safety-net advice.
  { reason: 'cold or sore throat', disposition: 'D7', department: null, when: (f) => h(f, 'x:cold', 'x:sore-throat', 'x:nose', 'cough') },
  { reason: 'short mild fever', disposition: 'D7', department: null, when: (f) => fever(f) },
  { reason: 'minor stomach upset', disposition: 'D7', department: null, when: (f) => h(f, 'diarrhea', 'nausea-vomiting', 'constipation', 'x:hiccup') },
  { reason: 'minor injury', disposition: 'D7', department: null, when: (f) => h(f, 'x:injury', 'x:burn') },
  { reason: 'tiredness or aches', disposition: 'D7', department: null, when: (f) => h(f, 'fatigue', 'pain-general') && !f.elderly },
  { reason: 'nosebleed', disposition: 'D7', department: null, when: (f) => h(f, 'x:nosebleed') },
  { reason: 'general aches in an older person', disposition: 'D6', department: 'general-medicine', when: (f) => h(f, 'pain-general', 'fatigue') && f.elderly },
];
// ---- End of the old predicates. ----

const oldPredicate = (index: number): Pred => {
  const rule = OLD_RULES[index];
  if (!rule) throw new Error(`no old rule at ${index}`);
  return rule.when;
};

const FACT_IDS = {
  symptom: new Set<string>(SYMPTOM_IDS),
  x: new Set<string>([EN_FEATURES, EN_FEATURES_2, ZH_FEATURES, ZH_FEATURES_2].flatMap((l) => Object.keys(l)).filter((id) => id.startsWith('x:'))),
  m: new Set<string>([ZH_MODIFIER_TERMS, EN_MODIFIER_TERMS, SYSTEM_TERMS.zh, SYSTEM_TERMS.en].flatMap((l) => Object.keys(l)).filter((id) => id.startsWith('m:'))),
};
/**
 * Ids a row names that no lexicon gives yet, so their branch cannot fire today (kept in the row,
 * as the old predicate had them, so the intent stays visible): each must still be unknown.
 */
const NOT_YET_IN_A_LEXICON = new Set(['x:blister']);
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

// ---- Behaviour pinned to the old predicates. ----

/** Seeded PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every id the old predicates or the table name (from the predicates' source text and the rows). */
function namedIds(): string[] {
  const ids = new Set<string>(['fever', 'x:injury', 'x:head-injury']);
  for (const r of OLD_RULES) for (const m of r.when.toString().matchAll(/["'`]([a-z][a-z0-9:-]*)["'`]/g)) if (m[1]) ids.add(m[1]);
  for (const r of TRIAGE_RULES) for (const id of conditionIds(r.when)) ids.add(id);
  return [...ids].sort();
}

const mismatches = (facts: TriageFacts): string[] =>
  TRIAGE_RULES.flatMap((row, i) => (oldPredicate(i)(facts) === conditionHolds(row.when, facts) ? [] : [`${row.id}: old ${oldPredicate(i)(facts)}`]));

const describeFacts = (f: TriageFacts): string => JSON.stringify({ ...f, present: [...f.present].sort() });

describe('triage rule table: same behaviour as the predicates it replaced', () => {
  it('keeps the order, reasons, dispositions and departments of the old list', () => {
    expect(TRIAGE_RULES.map((r) => [r.reason, r.disposition, r.department])).toEqual(OLD_RULES.map((r) => [r.reason, r.disposition, r.department]));
  });

  it('agrees with every old predicate on seeded random facts at the thresholds, and every row fires', () => {
    const rnd = prng(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const pool = namedIds();
    const fired = new Set<number>();
    const bad: string[] = [];
    for (let n = 0; n < 20000; n++) {
      const focus = pick(TRIAGE_RULES);
      const present = new Set<string>();
      for (const id of conditionIds(focus.when)) if (rnd() < 0.7) present.add(id);
      for (const id of pool) if (rnd() < 0.04) present.add(id);
      const facts: TriageFacts = {
        present,
        temperatureC: pick([null, null, 36.8, 37.4, 37.5, 38.9, 39, 39.4, 39.5, 40.2]),
        ageMonths: pick([null, null, 0, 2, 3, 5, 6, 11, 12, 60, 167, 168, 779, 780]),
        durationDays: pick([null, null, 0, 0.01, 20 / 1440, 0.02, 1, 2, 3, 6, 7, 13, 14, 30]),
        systolic: pick([null, null, 120, 179, 180, 210]),
        child: rnd() < 0.3,
        elderly: rnd() < 0.3,
      };
      const diff = mismatches(facts);
      if (diff.length > 0 && bad.length < 5) bad.push(`${describeFacts(facts)} -> ${diff.join('; ')}`);
      OLD_RULES.forEach((r, i) => { if (r.when(facts)) fired.add(i); });
    }
    expect(bad).toEqual([]);
    expect(TRIAGE_RULES.filter((_r, i) => !fired.has(i)).map((r) => r.id)).toEqual([]);
  });

  interface Case { key: string; lang: 'zh' | 'en'; narrative: string; ageYears?: number; ageMonths?: number }
  const fixtures = new URL('./fixtures/', import.meta.url);
  const cases: Case[] = [];
  for (const dir of ['blind-2026-12-07', 'blind-2026-12-07-fresh']) {
    const base = new URL(`${dir}/`, fixtures);
    for (const file of readdirSync(base).filter((f) => /^triage-.*\.jsonl$/.test(f)).sort()) {
      for (const line of readFileSync(new URL(file, base), 'utf8').split('\n').filter((l) => l.trim())) {
        const c = JSON.parse(line) as { id: string; lang: 'zh' | 'en'; narrative: string; ageYears?: number; ageMonths?: number };
        cases.push({ key: `${dir}/${c.id}`, lang: c.lang, narrative: c.narrative, ageYears: c.ageYears, ageMonths: c.ageMonths });
      }
    }
  }
  (JSON.parse(readFileSync(new URL('triage-blind-round.json', fixtures), 'utf8')) as Array<{ lang: 'zh' | 'en'; n: string }>)
    .forEach((r, i) => cases.push({ key: `triage-blind-round/${i}`, lang: r.lang, narrative: r.n }));

  const run = (c: Case, old: boolean) => {
    state.old = old ? oldPredicate : null;
    try {
      const r = triage(c.narrative, c.lang, { ageYears: c.ageYears, ageMonths: c.ageMonths });
      return { disposition: r.disposition, red_flags: r.red_flags, department: r.department, rule: r.rule, reasons: [...r.reasons] };
    } finally {
      state.old = null;
    }
  };

  it('reads every narrative of the dev sets (640) and the blind round (120)', () => {
    expect(cases).toHaveLength(760);
  });

  const seen: TriageFacts[] = [];
  it('gives the same disposition, red flags, department, rule and reasons on every dev narrative', () => {
    const diffs: string[] = [];
    let ruled = 0;
    for (const c of cases) {
      const before = run(c, true);
      state.facts = [];
      const after = run(c, false);
      seen.push(...state.facts);
      if (before.rule.startsWith('rule:') || after.rule.startsWith('rule:')) ruled += 1;
      if (JSON.stringify(before) !== JSON.stringify(after)) diffs.push(`${c.key}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    }
    expect(diffs).toEqual([]);
    // Not vacuous: the complaint rules decide a good share of the narratives.
    expect(ruled).toBeGreaterThan(50);
  });

  it('agrees row by row on the facts of every dev narrative that reached the rules', () => {
    const unique = new Map(seen.map((f) => [describeFacts(f), f]));
    expect(unique.size).toBeGreaterThan(200);
    const bad = [...unique].flatMap(([key, f]) => mismatches(f).map((m) => `${key} -> ${m}`));
    expect(bad).toEqual([]);
  });
});
