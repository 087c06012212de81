/**
 * Red flags: conditions where the call stops and the caller is sent to 120 / the ED / a nurse.
 * Built from public guidance: BE-FAST and 中风120 for stroke, NHS 111 / 999 criteria for chest
 * pain, breathing, bleeding, anaphylaxis and sepsis, and the "fever under 3 months" rule.
 * Negated and past mentions never fire; mentions about another person DO fire by default,
 * because a caller describing someone next to them is an emergency too (safe direction).
 */
import { findMentions, presentIds } from './mentions.js';
import { extractAge, extractTemperatureC } from './quantities.js';
import { RED_FLAG_IDS, type ClinicalLang, type Mention, type RedFlagId } from './types.js';

export interface RedFlagContext {
  ageYears?: number;
  ageMonths?: number;
  /** 'any' (default) fires on mentions about anyone; 'patient' only on the patient's own. */
  subject?: 'patient' | 'any';
}

/** Infant fever: under 3 months with 38.0 °C or more (NICE NG143 "red" feature). */
export const INFANT_FEVER_MAX_MONTHS = 3;
export const INFANT_FEVER_C = 38;
/** A post-operative fever at or above this (°C) is treated as possible sepsis. */
export const POSTOP_SEPSIS_C = 39;

export interface RedFlagFacts {
  present: Set<string>;
  temperatureC: number | null;
  ageMonths: number | null;
}

export function redFlagFacts(text: string, lang: ClinicalLang, ctx: RedFlagContext = {}): RedFlagFacts {
  const { norm, mentions } = findMentions(text, lang);
  return readFacts(norm, mentions, lang, ctx);
}

/** The facts the red-flag rules read, from mentions already found (with whatever lexicons). */
export function readFacts(norm: string, mentions: Mention[], lang: ClinicalLang, ctx: RedFlagContext = {}): RedFlagFacts {
  const present = presentIds(mentions, ctx.subject ?? 'any', norm);
  const temperatureC = extractTemperatureC(norm, lang);
  const age = extractAge(norm, lang);
  let ageMonths: number | null = ctx.ageMonths ?? (ctx.ageYears !== undefined ? ctx.ageYears * 12 : null);
  if (ageMonths === null && age) ageMonths = age.months ?? (age.years !== undefined ? age.years * 12 : null);
  if (temperatureC !== null && temperatureC >= 37.5 && !mentions.some((m) => m.id === 'fever' && m.status !== 'present')) present.add('fever');
  return { present, temperatureC, ageMonths };
}

export function redFlagsFromFacts(f: RedFlagFacts): RedFlagId[] {
  const has = (id: string): boolean => f.present.has(id);
  const flags = new Set<RedFlagId>();

  // Chest pain with cardiac features (pressure, sweating, radiation, breathlessness, severity).
  if (has('chest-pain') && (has('x:sweating') || has('x:radiating') || has('x:pressure') || has('shortness-of-breath') || has('x:rf-severe-breathing') || has('x:severe') || has('fainting') || has('x:sudden') || has('nausea-vomiting') || has('x:cardiac-history'))) {
    flags.add('chest-pain-cardiac');
  }
  // The cardiac picture without the word "pain": something going into the left arm or jaw with a
  // grey, sweaty look (NICE CG95: pain radiating to arm or jaw, sweating, nausea; ESC 2023 ACS).
  if (has('x:arm-jaw-radiation') && (has('x:sweating') || has('m:cv-grey') || has('nausea-vomiting')) && !has('x:reproducible')) flags.add('chest-pain-cardiac');
  // BE-FAST: Balance, Eyes, Face, Arm, Speech (Time): any one new sign fires. Speech alone does
  // not when the person is fighting for breath ("憋得话都说不出来" is breathlessness).
  const breathless = has('x:rf-severe-breathing');
  if (has('facial-droop') || has('weakness-one-side') || (has('speech-difficulty') && !breathless) || has('x:worst-headache') ||
    (has('x:vision-loss') && has('x:sudden')) || (has('x:balance') && (has('x:sudden') || has('confusion'))) || (has('headache') && has('x:sudden') && has('x:severe'))) {
    flags.add('stroke-signs');
  }
  if (has('x:rf-severe-breathing') || (has('shortness-of-breath') && has('x:severe'))) flags.add('severe-breathing');
  // Anaphylaxis: throat or tongue swelling; or throat tightness / breathing trouble / lip swelling with an allergen or hives.
  const allergic = has('x:allergen') || has('rash') || has('itching');
  const airway = has('x:throat-tight') || has('shortness-of-breath') || has('x:rf-severe-breathing') || has('x:lip-swell');
  if (has('x:throat-swell') || (airway && allergic)) flags.add('anaphylaxis');
  if (has('x:rf-severe-bleeding') || (has('x:wont-stop') && (has('x:bleeding') || has('x:nosebleed') || has('wound-bleeding')))) flags.add('severe-bleeding');
  // Black (tarry) stool with dizziness, a faint or confusion: a gut bleed with blood loss.
  if (has('black-stool') && (has('dizziness') || has('fainting') || has('confusion') || has('x:brief-loc'))) flags.add('severe-bleeding');
  if (has('x:rf-altered') || (has('fainting') && has('confusion')) || (has('confusion') && has('x:sudden'))) flags.add('altered-consciousness');
  // Collapsed and still not awake ("晕过去了 倒在地上 现在还没醒").
  if ((has('fainting') || has('x:brief-loc') || has('x:head-injury') || has('x:high-energy')) && has('x:not-awake')) flags.add('altered-consciousness');
  if (has('x:rf-suicidal') || has('suicidal-thoughts')) flags.add('suicidal');
  // An act or a plan in progress with the means at hand (locked in the bathroom with a knife).
  if (has('x:suicide-act') && has('m:suicide-means') && !has('x:overdose') && !has('x:poison-severe')) flags.add('suicidal');
  const fever = has('fever') || (f.temperatureC !== null && f.temperatureC >= INFANT_FEVER_C);
  const infant = (f.ageMonths !== null && f.ageMonths < INFANT_FEVER_MAX_MONTHS) || has('x:newborn');
  if (fever && infant && (f.temperatureC === null || f.temperatureC >= INFANT_FEVER_C)) flags.add('infant-fever');
  // Sepsis: fever (or a very low temperature) plus a sign of organ stress; lower bar after surgery.
  const hypothermic = f.temperatureC !== null && f.temperatureC < 36;
  if ((fever || hypothermic) && (has('confusion') || has('x:chills') || has('x:mottled') || has('x:fast-breathing') || has('reduced-urine') || has('x:rf-altered'))) {
    flags.add('sepsis-signs');
  }
  if (fever && has('x:postop') && ((f.temperatureC !== null && f.temperatureC >= POSTOP_SEPSIS_C) || has('x:high-fever')) ) flags.add('sepsis-signs');
  // Poisoning: a dangerous poison (pesticide, rat poison, carbon monoxide / charcoal) or an
  // overdose (a whole bottle or strip, tens of tablets). A single extra dose stays a medication error.
  if (has('x:poison-severe') || has('x:overdose')) flags.add('poisoning');
  // Wild mushrooms followed by vomiting or diarrhoea (late onset: amatoxin; UK NPIS / 中国蘑菇中毒诊治临床专家共识 2019).
  if (has('x:wild-mushroom') && (has('nausea-vomiting') || has('diarrhea'))) flags.add('poisoning');
  // Carbon monoxide without the words: a fuel-burning heater or stove indoors with headache,
  // dizziness, vomiting or confusion (UKHSA / NHS carbon monoxide poisoning: symptoms near a
  // gas appliance, several people at once).
  if (has('x:co-source') && (has('confusion') || has('x:rf-altered') || has('fainting') || ['headache', 'dizziness', 'nausea-vomiting'].filter(has).length >= 2)) flags.add('poisoning');
  // Major trauma: a high-energy injury (hit by a vehicle, a crash, a fall from height, a crush), or a
  // head injury with a blackout, drowsiness, confusion or a fit (NICE head-injury criteria).
  if ((has('x:high-energy') && !has('x:uninjured')) ||
    (has('x:head-injury') && (has('x:brief-loc') || has('fainting') || has('x:drowsy') || has('confusion') || has('x:rf-altered') || has('x:lethargic')))) {
    flags.add('major-trauma');
  }
  // Meningitis signs: fever with a stiff neck or a rash that does not fade under a glass; or a
  // stiff neck and headache with light hurting the eyes, vomiting or confusion.
  if ((fever && (has('x:stiff-neck') || has('x:non-blanching-rash'))) ||
    (has('x:stiff-neck') && has('headache') && (has('x:photophobia') || has('nausea-vomiting') || has('confusion')))) {
    flags.add('meningitis-signs');
  }
  // Acute abdomen: abdominal pain with a rigid, board-like belly, or severe pain that came on suddenly.
  if (has('abdominal-pain') && (has('x:rigid-abdomen') || (has('x:severe') && has('x:sudden')))) flags.add('acute-abdomen');
  if (has('x:rigid-abdomen') && (has('x:severe') || has('pain-general'))) flags.add('acute-abdomen');
  // Severe abdominal pain with a faint or near-faint (bleeding inside: ectopic, aneurysm).
  if (has('abdominal-pain') && has('x:severe') && (has('fainting') || has('x:brief-loc'))) flags.add('acute-abdomen');
  // Severe dehydration: losing fluid (diarrhoea, vomiting, fever, not drinking) with two signs of
  // severe dehydration, or one with drowsiness / floppiness, a faint or dizziness on standing.
  const lossOfFluid = has('diarrhea') || has('nausea-vomiting') || has('x:cant-keep-fluids') || fever || has('x:cant-drink');
  // A dry mouth counts only next to a strong sign (no urine, no tears, sunken eyes, cannot drink).
  const strongDry = ['x:anuria', 'x:no-tears', 'x:sunken', 'x:cant-drink'].filter(has).length;
  const dry = strongDry + (strongDry > 0 && has('x:dehydration') ? 1 : 0);
  if (lossOfFluid && (dry >= 2 || (dry >= 1 && (has('x:lethargic') || has('x:drowsy') || has('fainting') || has('dizziness') || has('confusion'))))) {
    flags.add('severe-dehydration');
  }
  return reconcileFlags(flags, f);
}

/**
 * The last word on a set of flags from any layer (rules, measured values, complaint modifiers),
 * in the ladder's order: a small child's overdose is an accident, not self-harm, unless the words
 * say otherwise.
 */
export function reconcileFlags(flags: Iterable<RedFlagId>, f: RedFlagFacts): RedFlagId[] {
  const set = new Set(flags);
  const smallChild = f.present.has('x:small-child') || f.present.has('x:newborn') || (f.ageMonths !== null && f.ageMonths < 120);
  if (smallChild && set.has('suicidal') && set.has('poisoning') && !f.present.has('suicidal-thoughts')) set.delete('suicidal');
  // A limb that cannot move after a fall or a blow is an injury, not a stroke, unless another
  // stroke sign (face, speech, sight, sudden worst headache) is there too.
  const has = (id: string): boolean => f.present.has(id);
  const injured = has('x:injury') || has('x:head-injury') || has('m:deformity');
  const otherStrokeSign = has('facial-droop') || has('speech-difficulty') || has('x:worst-headache') || has('x:vision-loss') || has('x:balance') || has('confusion') || has('x:side-body');
  if (set.has('stroke-signs') && injured && has('weakness-one-side') && !otherStrokeSign) set.delete('stroke-signs');
  // A bad headache with fever and a stiff neck is meningitis; it is a stroke only with a focal sign.
  const focal = has('facial-droop') || has('weakness-one-side') || has('speech-difficulty') || has('x:vision-loss') || has('x:balance');
  const febrile = has('fever') || (f.temperatureC !== null && f.temperatureC >= 38);
  if (set.has('stroke-signs') && set.has('meningitis-signs') && febrile && !focal) set.delete('stroke-signs');
  // Blurred sight in a painful red eye is an eye emergency (acute glaucoma, iritis), not a stroke,
  // unless the face, a limb, speech or balance is involved too.
  const eyeItself = has('x:eye') && (has('pain-general') || has('m:eye-pain') || has('m:eye-red') || has('m:eye-halos'));
  const bodyFocal = has('facial-droop') || has('weakness-one-side') || has('speech-difficulty') || has('x:balance');
  if (set.has('stroke-signs') && eyeItself && !bodyFocal && !has('x:worst-headache')) set.delete('stroke-signs');
  return RED_FLAG_IDS.filter((id) => set.has(id));
}
