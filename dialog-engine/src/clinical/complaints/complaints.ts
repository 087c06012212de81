/**
 * Presenting complaints after the CEDIS list (Canadian Emergency Department Information System,
 * presenting-complaint list v2, grouped by system), each with its complaint-specific second-order
 * modifiers, as data. A row names the term ids that identify the complaint (symptom ids, `x:`
 * features of the built-in lexicons, `m:` terms of terms.ts), the China level and disposition
 * when no modifier applies (`base`, null: the general complaint rules decide), the department,
 * and modifiers: each one's `all` list must be present (an entry "a|b" is any one of them).
 * `resolvedToo` lets a modifier fire on a mention that has passed (a faint today, a fit that
 * stopped), where the guideline says a resolved event still counts.
 *
 * Sources: CTAS2016 (Bullard et al., CJEM 2017) complaint-specific modifiers; CN2018 急诊预检分诊
 * 专家共识 (中华急诊医学杂志 2018) 分级标准; CNPED2023 儿科急诊预检分诊专家共识; NICE CG176 head
 * injury (anticoagulants), NICE NG12/NG51 (neutropenic sepsis, sepsis); the mapping to D1-D7 is
 * ours (D1 = level 1 and unstable level 2; D2 = level 2-3 able to travel).
 */
import type { DepartmentId } from '../departments.js';
import type { DispositionId } from '../dispositions.js';
import type { RedFlagId } from '../types.js';
import type { ChinaLevel } from '../modifiers/vital-thresholds.js';

export type CedisSystem =
  | 'cardiovascular' | 'respiratory' | 'neurologic' | 'gastrointestinal' | 'genitourinary' | 'obstetrics-gynaecology'
  | 'ent' | 'eye' | 'dental-oral' | 'skin' | 'musculoskeletal' | 'trauma' | 'mental-health' | 'substance-toxicology'
  | 'environmental' | 'endocrine-metabolic' | 'paediatric' | 'general-minor';

export interface ComplaintModifier {
  id: string;
  all: string[];
  level: ChinaLevel;
  disposition: DispositionId;
  redFlag?: RedFlagId;
  /** Only for these age groups (default: any). */
  ages?: Array<'adult' | 'child' | 'infant'>;
  resolvedToo?: boolean;
  source: string;
}

export interface Complaint {
  id: string;
  system: CedisSystem;
  label: { zh: string; en: string };
  /** Any one present identifies the complaint. */
  terms: string[];
  base: { level: ChinaLevel; disposition: DispositionId } | null;
  department: DepartmentId | null;
  /**
   * A familiar minor complaint (CTAS V / China level 4) that needs self-care only when nothing else
   * is found: no red flag, no abnormal vital sign, no other complaint's modifier. It can bring a
   * D5-D6 from the general complaint rules down to its base; never anything more urgent.
   */
  benign?: boolean;
  /** For a benign complaint: term groups that must also be present (the reassuring context). */
  benignIf?: string[];
  /** A benign row that also applies to a thriving infant from 3 months (nappy rash, teething, a jab's fever). */
  infantsToo?: boolean;
  modifiers: ComplaintModifier[];
}

export const COMPLAINTS: readonly Complaint[] = [
  // Neurologic
  { id: 'altered-consciousness', system: 'neurologic', label: { zh: '意识改变', en: 'altered level of consciousness' }, terms: ['m:altered'], base: null, department: null, modifiers: [
    { id: 'altered-loc', all: [], level: 2, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 first-order modifier: altered level of consciousness (GCS 10-13) level II, unresponsive level I; CN2018 意识障碍 level 1-2; CEDIS complaint "altered level of consciousness"' },
  ] },
  { id: 'seizure', system: 'neurologic', label: { zh: '抽搐', en: 'seizure' }, terms: ['m:seizure'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'seizure-not-recovered', all: ['m:not-back-to-normal|x:drowsy|x:lethargic|confusion|x:not-awake'], level: 1, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 seizure: post-ictal altered consciousness (GCS < 14) level II, ongoing level I; CN2018 level 1-2' },
    { id: 'seizure-in-pregnancy', all: ['x:pregnant|m:pregnant-late'], level: 1, disposition: 'D1', redFlag: 'altered-consciousness', resolvedToo: true, source: 'CN2018 / obstetric emergency: eclampsia is level 1' },
    { id: 'seizure-first-or-febrile', all: [], level: 2, disposition: 'D2', redFlag: 'altered-consciousness', resolvedToo: true, source: 'CTAS2016 seizure resolved, first episode or febrile seizure in a child: level II-III; CNPED2023' },
  ] },
  { id: 'syncope', system: 'neurologic', label: { zh: '晕厥', en: 'syncope' }, terms: ['m:syncope', 'fainting'], base: { level: 3, disposition: 'D4' }, department: 'cardiology', modifiers: [
    { id: 'syncope-elderly-or-cardiac', all: ['m:irregular-pulse|x:cardiac-history|palpitations|x:exertional|chest-pain|shortness-of-breath|x:old'], level: 2, disposition: 'D2', redFlag: 'altered-consciousness', resolvedToo: true, source: 'CTAS2016 syncope with cardiac features or in the elderly: level II-III (high-risk syncope)' },
  ] },
  { id: 'vision-loss-sudden', system: 'eye', label: { zh: '突发单眼失明', en: 'sudden loss of vision' }, terms: ['m:monocular-loss'], base: { level: 2, disposition: 'D1' }, department: null, modifiers: [
    { id: 'sudden-vision-loss', all: [], level: 2, disposition: 'D1', redFlag: 'stroke-signs', source: 'CTAS2016 sudden visual loss level II; BE-FAST "Eyes"' },
  ] },
  // Eye
  { id: 'chemical-eye', system: 'eye', label: { zh: '眼化学伤', en: 'chemical exposure to the eye' }, terms: ['m:eye-chemical'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  // Genitourinary
  { id: 'testicular-pain', system: 'genitourinary', label: { zh: '睾丸痛', en: 'testicular pain' }, terms: ['m:testicle'], base: null, department: 'urology', modifiers: [
    { id: 'testicle-acute', all: ['m:sudden|x:sudden|x:severe|nausea-vomiting|x:swollen|m:worst-pain'], level: 2, disposition: 'D2', source: 'CTAS2016 testicular pain, acute onset (possible torsion): level II' },
  ] },
  { id: 'urinary-retention', system: 'genitourinary', label: { zh: '尿潴留', en: 'urinary retention' }, terms: ['m:urine-retention', 'x:urine-retention'], base: { level: 3, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'flank-pain', system: 'genitourinary', label: { zh: '腰腹绞痛', en: 'flank pain' }, terms: ['x:flank-pain'], base: null, department: 'urology', modifiers: [
    { id: 'flank-severe', all: ['m:worst-pain'], level: 2, disposition: 'D2', source: 'CTAS2016 pain modifier: severe (8-10) acute pain level II' },
  ] },
  // Musculoskeletal / trauma
  { id: 'back-pain', system: 'musculoskeletal', label: { zh: '腰背痛', en: 'back pain' }, terms: ['x:back-pain', 'x:cauda'], base: null, department: 'orthopedics', modifiers: [
    { id: 'cauda-equina', all: ['m:saddle|x:cauda'], level: 2, disposition: 'D2', source: 'CTAS2016 back pain with neurological deficit / saddle anaesthesia or retention: level II' },
  ] },
  { id: 'back-pain-neuro', system: 'musculoskeletal', label: { zh: '腰背痛伴神经症状', en: 'back pain with neurological signs' }, terms: ['m:saddle'], base: null, department: 'orthopedics', modifiers: [
    { id: 'cauda-equina-saddle', all: ['m:back|x:back-pain|x:cauda|weakness-one-side'], level: 2, disposition: 'D2', source: 'CTAS2016 back pain with saddle anaesthesia, retention or leg weakness: level II (cauda equina)' },
  ] },
  { id: 'hip-injury', system: 'trauma', label: { zh: '髋部外伤', en: 'hip injury' }, terms: ['m:hip'], base: null, department: 'orthopedics', modifiers: [
    { id: 'hip-fracture-signs', all: ['m:deformity|x:fracture-signs', 'x:injury|x:old|m:syncope'], level: 3, disposition: 'D2', source: 'CTAS2016 lower extremity injury, obvious deformity / unable to weight bear: level III; suspected neck of femur fracture in the elderly' },
  ] },
  { id: 'vehicle-trauma', system: 'trauma', label: { zh: '交通伤/高处坠落', en: 'vehicle collision or fall from height' }, terms: ['m:vehicle'], base: null, department: null, modifiers: [
    { id: 'trauma-high-risk', all: ['m:not-back-to-normal|m:deformity|x:head-injury|m:head-strike|x:not-awake|x:rf-altered'], level: 1, disposition: 'D1', redFlag: 'major-trauma', source: 'CTAS2016 mechanism of injury (high-risk) with altered consciousness or deformity: level I-II; CN2018 多发伤' },
  ] },
  { id: 'head-injury', system: 'trauma', label: { zh: '头部外伤', en: 'head injury' }, terms: ['x:head-injury', 'm:head-strike'], base: null, department: 'neurology', modifiers: [
    { id: 'head-injury-anticoagulated', all: ['m:anticoagulant'], level: 2, disposition: 'D2', source: 'CTAS2016 head injury on anticoagulants: level II; NICE CG176 CT within 8 h for anticoagulated patients' },
  ] },
  // Dental
  { id: 'tooth-avulsion', system: 'dental-oral', label: { zh: '牙齿脱出', en: 'knocked-out tooth' }, terms: ['m:tooth-avulsion'], base: { level: 3, disposition: 'D2' }, department: null, modifiers: [] },
  // ENT
  { id: 'sore-throat', system: 'ent', label: { zh: '咽痛', en: 'sore throat' }, terms: ['x:sore-throat', 'm:throat-danger'], base: null, department: 'ent', modifiers: [
    { id: 'throat-cant-swallow', all: ['x:cant-swallow|m:throat-danger'], level: 2, disposition: 'D2', source: 'CTAS2016 sore throat with drooling / trismus / unable to swallow: level II (peritonsillar abscess, epiglottitis)' },
  ] },
  // Gastrointestinal
  { id: 'abdominal-pain', system: 'gastrointestinal', label: { zh: '腹痛', en: 'abdominal pain' }, terms: ['abdominal-pain', 'm:rlq-migrating', 'm:rlq', 'x:rlq'], base: null, department: 'gastroenterology', modifiers: [
    { id: 'appendicitis-signs', all: ['m:rlq-migrating|m:peritonism', 'm:rlq-migrating|m:rlq|x:rlq|m:peritonism', 'm:peritonism|fever|nausea-vomiting|x:severe'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: 'CTAS2016 abdominal pain with peritoneal signs / acute severe pain: level II-III' },
    { id: 'intussusception-signs', all: ['m:jelly-stool|m:paroxysmal-cry'], ages: ['infant', 'child'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: 'CNPED2023 infant intermittent crying with red-currant-jelly stool (intussusception)' },
    { id: 'abdomen-worst-pain', all: ['m:worst-pain'], level: 2, disposition: 'D2', source: 'CTAS2016 pain modifier: severe (8-10) acute central pain level II' },
  ] },
  { id: 'gi-bleed', system: 'gastrointestinal', label: { zh: '消化道出血', en: 'GI bleeding' }, terms: ['black-stool', 'm:melena', 'm:hematemesis-large'], base: { level: 3, disposition: 'D2' }, department: null, modifiers: [
    { id: 'hematemesis', all: ['m:hematemesis-large'], level: 2, disposition: 'D2', redFlag: 'severe-bleeding', source: 'CTAS2016 vomiting blood: level II; CN2018 消化道大出血' },
    { id: 'melena-on-nsaid', all: ['black-stool|m:melena', 'm:melena-risk|dizziness|fainting|m:syncope|m:anticoagulant'], level: 3, disposition: 'D2', source: 'CTAS2016 GI bleed, stable: level III' },
  ] },
  // Endocrine
  { id: 'hyperglycaemia', system: 'endocrine-metabolic', label: { zh: '高血糖', en: 'hyperglycaemia' }, terms: ['m:diabetic', 'x:hyper', 'm:kussmaul', 'm:polyuria'], base: null, department: 'endocrinology', modifiers: [
    { id: 'dka-signs', all: ['m:kussmaul', 'nausea-vomiting|abdominal-pain|x:drowsy|m:not-back-to-normal'], level: 2, disposition: 'D2', source: 'CTAS2016 hyperglycaemia with dyspnoea / Kussmaul breathing or ketones: level II (DKA)' },
    { id: 'dka-drowsy', all: ['m:kussmaul', 'm:not-back-to-normal|x:drowsy|x:lethargic|confusion'], level: 1, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 altered consciousness (GCS < 14) with DKA: level II; CN2018' },
  ] },
  // General / infection
  { id: 'fever-immunosuppressed', system: 'general-minor', label: { zh: '免疫抑制发热', en: 'fever when immunosuppressed' }, terms: ['m:immunosuppressed'], base: null, department: null, modifiers: [
    { id: 'febrile-neutropenia', all: ['fever'], level: 2, disposition: 'D2', source: 'CTAS2016 fever in an immunocompromised adult: level II; CN2018 level 2 发热伴粒细胞减少; NICE NG151 neutropenic sepsis' },
  ] },
  // Obstetrics
  { id: 'pregnancy-hypertension', system: 'obstetrics-gynaecology', label: { zh: '妊娠高血压症状', en: 'pre-eclampsia symptoms' }, terms: ['m:pregnant-late', 'x:pregnant'], base: null, department: 'obstetrics', modifiers: [
    { id: 'pre-eclampsia-signs', all: ['m:pregnant-late|x:pregnant', 'headache|m:visual-disturbance|x:blurred', 'm:visual-disturbance|x:blurred|m:edema-face|leg-swelling|vital:sbp-ge160'], level: 2, disposition: 'D2', source: 'CTAS2016 pregnancy > 20 weeks with headache, visual change or hypertension: level II (pre-eclampsia)' },
  ] },
  { id: 'postpartum-bleeding', system: 'obstetrics-gynaecology', label: { zh: '产后出血', en: 'postpartum bleeding' }, terms: ['m:postpartum'], base: null, department: 'obstetrics', modifiers: [
    { id: 'pph-heavy', all: ['m:heavy-pv-bleeding|x:vaginal-bleeding|x:bleeding', 'm:heavy-pv-bleeding|dizziness|fainting|x:severe'], level: 1, disposition: 'D1', redFlag: 'severe-bleeding', source: 'CTAS2016 heavy vaginal bleeding with haemodynamic symptoms: level I-II; CN2018 产后出血' },
  ] },
  // Respiratory
  { id: 'breathing-difficulty', system: 'respiratory', label: { zh: '呼吸困难', en: 'shortness of breath' }, terms: ['shortness-of-breath', 'm:drowning', 'x:fast-breathing', 'm:retractions'], base: null, department: 'respiratory', modifiers: [
    { id: 'severe-distress', all: ['m:few-words|m:cyanosis|m:retractions'], level: 1, disposition: 'D1', redFlag: 'severe-breathing', source: 'CTAS2016 severe respiratory distress (cannot speak sentences, cyanosis, retractions): level I' },
    { id: 'drowning', all: ['m:drowning', 'cough|shortness-of-breath|x:fast-breathing|m:cyanosis|x:lethargic'], level: 1, disposition: 'D1', redFlag: 'severe-breathing', resolvedToo: true, source: 'CTAS2016 near drowning with symptoms: level I-II; CNPED2023' },
  ] },
  // Substance / toxicology
  { id: 'child-ingestion', system: 'substance-toxicology', label: { zh: '儿童误服药物', en: 'child swallowed medicine' }, terms: ['m:child-ingestion', 'x:ingested-medicine', 'm:one-pill-can-kill'], base: null, department: null, modifiers: [
    { id: 'toddler-ingestion-high-risk', all: ['m:child-ingestion|x:ingested-medicine', 'm:one-pill-can-kill'], ages: ['infant', 'child'], level: 2, disposition: 'D2', redFlag: 'poisoning', source: 'Olson KR et al. Calcium channel blocker ingestion: an evidence-based consensus guideline for out-of-hospital management (AAPCC), Clin Toxicol 2005 — any ingestion by a child goes to the ED; same for beta blockers, sulfonylureas, opioids, tricyclics, clonidine ("one pill can kill"); CTAS2016 overdose level II' },
  ] },
  // Cardiovascular
  { id: 'chest-pain', system: 'cardiovascular', label: { zh: '胸痛', en: 'chest pain' }, terms: ['chest-pain', 'm:chest-pain'], base: null, department: null, modifiers: [
    { id: 'chest-pain-cardiac-features', all: ['chest-pain|m:chest-pain', 'm:cardiac-features|x:sweating|x:radiating|x:pressure|x:exertional'], level: 2, disposition: 'D1', redFlag: 'chest-pain-cardiac', resolvedToo: true, source: 'CTAS2016 chest pain, cardiac features (ongoing or resolved): level II; CN2018 胸痛 疑似ACS level 2; a resolved episode today still counts' },
  ] },
  // Paediatric
  { id: 'intussusception', system: 'paediatric', label: { zh: '阵发哭闹/果酱便', en: 'intermittent crying, red-currant stool' }, terms: ['m:jelly-stool', 'm:paroxysmal-cry'], base: null, department: 'pediatrics', modifiers: [
    { id: 'intussusception-signs', all: ['m:jelly-stool|nausea-vomiting', 'm:paroxysmal-cry|m:jelly-stool'], ages: ['infant', 'child'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: 'CNPED2023 infant intermittent crying with vomiting or red-currant-jelly stool (intussusception)' },
  ] },
  { id: 'petechial-rash', system: 'skin', label: { zh: '压不褪色的皮疹', en: 'non-blanching rash' }, terms: ['m:non-blanching', 'x:non-blanching-rash'], base: null, department: null, modifiers: [
    { id: 'fever-petechiae', all: ['fever|x:high-fever'], level: 2, disposition: 'D2', redFlag: 'meningitis-signs', source: 'CTAS2016 / CNPED2023 fever with a petechial / purpuric rash: level I-II (meningococcal sepsis)' },
    { id: 'petechiae-shock', all: ['fever|x:high-fever', 'm:cold-peripheries|x:mottled|x:lethargic|m:not-back-to-normal|x:drowsy'], level: 1, disposition: 'D1', redFlag: 'sepsis-signs', source: 'CNPED2023 fever, purpura and poor perfusion or lethargy: level 1' },
  ] },
  { id: 'early-pregnancy-pain', system: 'obstetrics-gynaecology', label: { zh: '早孕腹痛', en: 'pain in early pregnancy' }, terms: ['m:pregnancy-early'], base: null, department: 'gynecology', modifiers: [
    { id: 'ectopic-signs-early', all: ['m:one-sided-lower|abdominal-pain|x:lower-abd', 'm:one-sided-lower|x:severe|x:sudden|x:vaginal-bleeding|x:bleeding|fainting|m:syncope'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: 'CTAS2016 pregnancy < 20 weeks with abdominal pain: level II (ectopic)' },
    { id: 'ectopic-with-faint', all: ['m:one-sided-lower|abdominal-pain|x:lower-abd', 'fainting|m:syncope|dizziness'], level: 1, disposition: 'D1', redFlag: 'acute-abdomen', resolvedToo: true, source: 'CTAS2016 / CN2018: possible ruptured ectopic with syncope (shock) level I' },
  ] },
  // Mental health
  { id: 'suicidal', system: 'mental-health', label: { zh: '自杀意念', en: 'suicidal ideation' }, terms: ['x:rf-suicidal', 'suicidal-thoughts', 'm:suicide-intent'], base: null, department: null, modifiers: [
    { id: 'suicidal-words', all: [], level: 2, disposition: 'D3', redFlag: 'suicidal', source: 'CTAS2016 suicidal ideation: level II; CN2018 — a clinician now' },
    { id: 'suicide-plan-with-means', all: ['m:suicide-means'], level: 1, disposition: 'D1', redFlag: 'suicidal', source: 'CTAS2016 suicidal with a clear plan / means: level II, act in progress level I; CN2018' },
  ] },
  // Familiar minor complaints (CTAS V, China level 4): self-care when nothing else is found.
  { id: 'insect-bites', system: 'skin', label: { zh: '蚊虫叮咬', en: 'insect bites' }, terms: ['m:insect-bite'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'bee-sting-local', system: 'skin', label: { zh: '蜂蜇局部反应', en: 'local bee sting reaction' }, terms: ['m:bee-sting'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'heartburn', system: 'gastrointestinal', label: { zh: '反酸烧心', en: 'heartburn' }, terms: ['m:heartburn'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:after-meal|m:usual'], modifiers: [] },
  { id: 'back-strain', system: 'musculoskeletal', label: { zh: '劳累后腰痛', en: 'back strain after exertion' }, terms: ['m:mechanical-back'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:back|x:back-pain'], modifiers: [] },
  { id: 'minor-sprain', system: 'musculoskeletal', label: { zh: '轻度扭伤', en: 'minor sprain' }, terms: ['m:ankle-sprain'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:can-walk'], modifiers: [] },
  { id: 'sunburn', system: 'environmental', label: { zh: '晒伤', en: 'sunburn' }, terms: ['m:sunburn'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'period-pain-usual', system: 'obstetrics-gynaecology', label: { zh: '平常的痛经', en: 'usual period pain' }, terms: ['m:period-pain'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:usual'], modifiers: [] },
  { id: 'dry-eyes', system: 'eye', label: { zh: '眼干', en: 'dry eyes' }, terms: ['m:dry-eye'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
];
