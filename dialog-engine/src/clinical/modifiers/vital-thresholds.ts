/**
 * First-order modifiers: vital-sign and point-of-care thresholds, as data. Each row says which
 * measurement, for which age group, what range, the level it sets on China's four-level scale
 * (1 濒危, 2 危重, 3 急症, 4 非急症) and where the threshold comes from. The triage reads the table;
 * no threshold lives in code. A row may also name a red flag the value alone is evidence of.
 *
 * Sources (the figures are our reading of these public documents; a clinician should review
 * every row against the published tables before release):
 * - CTAS2016: Bullard MJ et al. Revisions to the Canadian Emergency Department Triage and Acuity
 *   Scale (CTAS) Guidelines 2016. CJEM 2017;19(S2):S18-S27 (first-order modifiers: respiratory
 *   distress by SpO2, haemodynamic stability, level of consciousness by GCS, temperature).
 * - CN2018: 中华医学会急诊医学分会等. 急诊预检分诊专家共识. 中华急诊医学杂志 2018;27(6):599-604
 *   (客观评估指标: 心率、收缩压、SpO2、POCT 血糖等对应 1-4 级).
 * - CNPED2023: 儿科急诊预检分诊专家共识 (2023) (年龄分组的心率、呼吸、SpO2 界值).
 * - Shock index (HR / systolic >= 1 with systolic < 100) is the CTAS "haemodynamic compromise"
 *   criterion in its common operational form.
 */
import type { RedFlagId } from '../types.js';

export type VitalKind = 'sbp' | 'dbp' | 'hr' | 'rr' | 'spo2' | 'temp' | 'gcs' | 'glucose' | 'hb' | 'shock-index' | 'inr';
/** adult: >= 14 y (the Chinese paediatric consensus covers under 14); child: 1-13 y; infant: < 1 y. */
export type AgeGroup = 'adult' | 'child' | 'infant' | 'any';
/** China four-level triage: 1 濒危, 2 危重, 3 急症, 4 非急症. */
export type ChinaLevel = 1 | 2 | 3 | 4;

export interface VitalThreshold {
  id: string;
  kind: VitalKind;
  group: AgeGroup;
  /** Inclusive bounds; a missing bound is open. */
  min?: number;
  max?: number;
  level: ChinaLevel;
  redFlag?: RedFlagId;
  /** When the level's usual disposition does not fit (an awake hypoglycaemic can travel): this one. */
  disposition?: 'D1' | 'D2' | 'D3';
  source: string;
  label: string;
}

export const VITAL_THRESHOLDS: readonly VitalThreshold[] = [
  // Oxygen saturation (on air), CTAS respiratory distress and CN2018.
  { id: 'spo2-lt90', kind: 'spo2', group: 'any', max: 89.9, level: 1, redFlag: 'severe-breathing', source: 'CTAS2016 severe respiratory distress SpO2 < 90 %; CN2018 level 1 SpO2 < 80 %, level 2 80-90 %', label: 'SpO2 below 90 %' },
  { id: 'spo2-90-94', kind: 'spo2', group: 'any', min: 90, max: 94.9, level: 3, source: 'CTAS2016 moderate/mild distress SpO2 90-94 %; CN2018 level 3 SpO2 90-94 %', label: 'SpO2 90-94 %' },
  // Systolic blood pressure.
  { id: 'sbp-lt70', kind: 'sbp', group: 'adult', max: 69, level: 1, source: 'CN2018 level 1 systolic < 70 mmHg', label: 'systolic below 70' },
  { id: 'sbp-70-89', kind: 'sbp', group: 'adult', min: 70, max: 89, level: 2, source: 'CN2018 level 2 systolic 70-80, level 3 80-90; CTAS2016 haemodynamic compromise', label: 'systolic 70-89' },
  { id: 'sbp-ge220', kind: 'sbp', group: 'adult', min: 220, level: 3, source: 'CTAS2016 hypertension: systolic >= 220 without symptoms level III (with symptoms II, decided by the complaint rules); CN2018 level 2 > 200', label: 'systolic 220 or more' },
  { id: 'sbp-200-219', kind: 'sbp', group: 'adult', min: 200, max: 219, level: 4, source: 'CTAS2016 hypertension 200-220 without symptoms: level IV-V (noted, not raised); CN2018 lists > 200 as level 2: a reviewer should choose', label: 'systolic 200-219' },
  { id: 'sbp-ge160', kind: 'sbp', group: 'any', min: 160, level: 4, source: '中华医学会 妊娠期高血压疾病诊治指南 (2020) severe range >= 160/110 mmHg: a pregnancy modifier (complaints.ts), level 4 on its own', label: 'systolic 160 or more' },
  { id: 'dbp-ge110', kind: 'dbp', group: 'any', min: 110, level: 4, source: '中华医学会 妊娠期高血压疾病诊治指南 (2020) severe range >= 160/110 mmHg: a pregnancy modifier, level 4 on its own', label: 'diastolic 110 or more' },
  { id: 'dbp-ge130', kind: 'dbp', group: 'adult', min: 130, level: 3, source: 'CTAS2016 hypertension: diastolic >= 130 without symptoms level III', label: 'diastolic 130 or more' },
  { id: 'sbp-lt70-child', kind: 'sbp', group: 'child', max: 69, level: 1, source: 'CNPED2023 hypotension for age (70 + 2 x age, lower bound)', label: 'systolic below 70 in a child' },
  { id: 'sbp-lt60-infant', kind: 'sbp', group: 'infant', max: 59, level: 1, source: 'CNPED2023 hypotension in infants (< 60-70 mmHg)', label: 'systolic below 60 in an infant' },
  // Shock index (computed from HR and systolic).
  { id: 'shock-index', kind: 'shock-index', group: 'adult', min: 1, level: 2, source: 'CTAS2016 haemodynamic compromise (operationalised as HR/systolic >= 1 with systolic < 100)', label: 'heart rate above systolic pressure' },
  // Heart rate.
  { id: 'hr-gt180', kind: 'hr', group: 'adult', min: 181, level: 1, source: 'CN2018 level 1 HR > 180 or < 40', label: 'heart rate above 180' },
  { id: 'hr-lt40', kind: 'hr', group: 'adult', max: 39, level: 1, source: 'CN2018 level 1 HR > 180 or < 40', label: 'heart rate below 40' },
  { id: 'hr-150-180', kind: 'hr', group: 'adult', min: 150, max: 180, level: 2, source: 'CN2018 level 2 HR 150-180 or 40-50', label: 'heart rate 150-180' },
  { id: 'hr-40-49', kind: 'hr', group: 'adult', min: 40, max: 49, level: 2, source: 'CN2018 level 2 HR 150-180 or 40-50', label: 'heart rate 40-49' },
  { id: 'hr-121-149', kind: 'hr', group: 'adult', min: 121, max: 149, level: 3, source: 'CN2018 level 3 HR 100-150 (we start at 121 so an anxious 105 does not count)', label: 'heart rate 121-149' },
  { id: 'hr-gt200-child', kind: 'hr', group: 'child', min: 200, level: 1, source: 'CNPED2023 tachycardia bands by age', label: 'heart rate 200 or more in a child' },
  { id: 'hr-lt60-child', kind: 'hr', group: 'child', max: 59, level: 1, source: 'CNPED2023 bradycardia < 60 in a child', label: 'heart rate below 60 in a child' },
  { id: 'hr-gt160-child', kind: 'hr', group: 'child', min: 161, max: 199, level: 2, source: 'CNPED2023 tachycardia bands by age', label: 'heart rate 161-199 in a child' },
  { id: 'hr-gt200-infant', kind: 'hr', group: 'infant', min: 220, level: 1, source: 'CNPED2023 tachycardia bands by age (SVT range)', label: 'heart rate 220 or more in an infant' },
  { id: 'hr-lt80-infant', kind: 'hr', group: 'infant', max: 79, level: 1, source: 'CNPED2023 bradycardia < 80 in an infant', label: 'heart rate below 80 in an infant' },
  // Respiratory rate.
  { id: 'rr-ge30', kind: 'rr', group: 'adult', min: 30, level: 2, source: 'CTAS2016 respiratory distress; CN2018 RR > 30 with distress', label: 'breathing rate 30 or more' },
  { id: 'rr-lt8', kind: 'rr', group: 'adult', max: 7, level: 1, source: 'CN2018 respiratory failure / hypoventilation', label: 'breathing rate below 8' },
  { id: 'rr-22-29', kind: 'rr', group: 'adult', min: 22, max: 29, level: 3, source: 'CTAS2016 mild-moderate distress; qSOFA RR >= 22', label: 'breathing rate 22-29' },
  { id: 'rr-ge50-child', kind: 'rr', group: 'child', min: 50, level: 2, source: 'CNPED2023 tachypnoea bands by age', label: 'breathing rate 50 or more in a child' },
  { id: 'rr-ge60-infant', kind: 'rr', group: 'infant', min: 60, level: 2, source: 'CNPED2023 / WHO fast breathing >= 60 under 2 months, >= 50 2-12 months', label: 'breathing rate 60 or more in an infant' },
  // Consciousness.
  { id: 'gcs-le9', kind: 'gcs', group: 'any', max: 9, level: 1, redFlag: 'altered-consciousness', source: 'CTAS2016 GCS 3-9 level I; CN2018 level 1', label: 'GCS 9 or less' },
  { id: 'gcs-10-13', kind: 'gcs', group: 'any', min: 10, max: 13, level: 2, redFlag: 'altered-consciousness', source: 'CTAS2016 GCS 10-13 level II', label: 'GCS 10-13' },
  // Temperature (the complaint rules already grade fever; these are the extremes).
  { id: 'temp-ge41', kind: 'temp', group: 'any', min: 41, level: 1, source: 'CN2018 level 1 axillary temperature > 41 °C', label: 'temperature 41 °C or more' },
  { id: 'temp-lt35', kind: 'temp', group: 'any', max: 34.9, level: 2, source: 'CTAS2016 hypothermia; CN2018', label: 'temperature below 35 °C' },
  // Point-of-care glucose (mmol/L).
  { id: 'glucose-lt3.3', kind: 'glucose', group: 'any', max: 3.3, level: 2, disposition: 'D2', source: 'CN2018 level 1 POCT glucose < 3.33 mmol/L (level 2 here when the person is awake; drowsiness adds altered consciousness)', label: 'blood glucose below 3.3 mmol/L' },
  { id: 'glucose-ge33', kind: 'glucose', group: 'any', min: 33.3, level: 2, disposition: 'D2', source: 'CTAS2016 hyperglycaemia > 18 mmol/L with symptoms (II); CN2018; meter reading HI (> 33.3)', label: 'blood glucose above the meter range' },
  { id: 'glucose-18-33', kind: 'glucose', group: 'any', min: 18, max: 33.2, level: 3, source: 'CTAS2016 hyperglycaemia > 18 mmol/L', label: 'blood glucose 18 mmol/L or more' },
  // Haemoglobin (g/L).
  // INR on warfarin (lab or point-of-care), no bleeding told: a clinician's dose advice now.
  { id: 'inr-ge5', kind: 'inr', group: 'any', min: 5, level: 3, disposition: 'D3', source: 'BSH guideline (Keeling et al., Br J Haematol 2011) and ACCP 2012: INR 5-8 without bleeding withhold 1-2 doses, INR > 8 oral vitamin K; both need a clinician the same day (level 3, a nurse now)', label: 'INR 5 or more' },
  { id: 'hb-lt70', kind: 'hb', group: 'any', max: 69, level: 2, disposition: 'D2', source: 'CN2018 severe anaemia (Hb < 70 g/L with symptoms)', label: 'haemoglobin below 70 g/L' },
];

/** China level -> our disposition: level 1-2 vital-sign instability cannot travel safely (120); level 3 ED now. */
export const LEVEL_DISPOSITION = { 1: 'D1', 2: 'D1', 3: 'D2', 4: null } as const;
