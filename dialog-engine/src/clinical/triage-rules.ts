/**
 * Complaint-specific triage rules, applied when no red flag fired. Each rule is a plain predicate
 * over the facts of one narrative; the most urgent matching rule wins (ties: the first listed).
 * Thresholds follow public guidance (NHS 111 / NICE fever traffic lights, 急诊预检分诊 levels);
 * the wording and structure are our own.
 */
import type { DepartmentId } from './departments.js';
import type { DispositionId } from './dispositions.js';

export interface TriageFacts {
  present: Set<string>;
  temperatureC: number | null;
  ageMonths: number | null;
  durationDays: number | null;
  systolic: number | null;
  child: boolean;
  elderly: boolean;
}

export interface TriageRule {
  reason: string;
  disposition: DispositionId;
  department: DepartmentId | null;
  when: (f: TriageFacts) => boolean;
}

const h = (f: TriageFacts, ...ids: string[]): boolean => ids.some((id) => f.present.has(id));
const fever = (f: TriageFacts): boolean => h(f, 'fever') || (f.temperatureC !== null && f.temperatureC >= 37.5);
const temp = (f: TriageFacts, c: number): boolean => f.temperatureC !== null && f.temperatureC >= c;
const lasted = (f: TriageFacts, days: number): boolean => f.durationDays !== null && f.durationDays >= days;
const injured = (f: TriageFacts): boolean => h(f, 'x:injury', 'x:head-injury');

export const TRIAGE_RULES: TriageRule[] = [
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
