/**
 * The disposition ladder every outcome maps to. Wording is our own (not licensed protocol text);
 * the levels follow the common shape of public ladders (NHS 111 outcomes, 急诊预检分诊 levels).
 */
import type { RedFlagId } from './types.js';

export const DISPOSITION_IDS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'] as const;
export type DispositionId = (typeof DISPOSITION_IDS)[number];

export interface DispositionInfo {
  id: DispositionId;
  label: { zh: string; en: string };
  /** What the bot says (one short instruction, no diagnosis, no dosing). */
  say: { zh: string; en: string };
  /** Whether a department recommendation (导诊) may accompany it. */
  allowsDepartment: boolean;
  /** For D3: where to go when no nurse answers the warm transfer. */
  fallback?: DispositionId;
}

export const DISPOSITION_LADDER: Record<DispositionId, DispositionInfo> = {
  D1: {
    id: 'D1',
    label: { zh: '立即拨打120', en: 'Call 120 now' },
    say: {
      zh: '这可能是紧急情况。请马上挂断电话，拨打120急救电话。在等待时不要让病人独处。',
      en: 'This may be an emergency. Please hang up now and call 120. Do not leave the person alone while you wait.',
    },
    allowsDepartment: false,
  },
  D2: {
    id: 'D2',
    label: { zh: '立即去急诊', en: 'Go to the emergency department now' },
    say: {
      zh: '请现在就去最近医院的急诊科。如果路上情况加重，请拨打120。',
      en: 'Please go to the nearest emergency department now. If things get worse on the way, call 120.',
    },
    allowsDepartment: false,
  },
  D3: {
    id: 'D3',
    label: { zh: '立即转接护士', en: 'Speak to a nurse now' },
    say: {
      zh: '我现在为您转接值班护士，请不要挂机。如果没有人接听，请直接去急诊。',
      en: 'I am putting you through to the nurse on duty now, please stay on the line. If nobody answers, go to the emergency department.',
    },
    allowsDepartment: false,
    fallback: 'D2',
  },
  D4: {
    id: 'D4',
    label: { zh: '今天就诊', en: 'Be seen today' },
    say: {
      zh: '建议您今天就到医院就诊。如果情况加重，请马上去急诊或拨打120。',
      en: 'You should be seen by a doctor today. If it gets worse, go to the emergency department or call 120.',
    },
    allowsDepartment: true,
  },
  D5: {
    id: 'D5',
    label: { zh: '1到3天内就诊', en: 'Be seen within 1-3 days' },
    say: {
      zh: '建议您在一到三天内预约门诊。如果出现新的症状或加重，请及时就诊。',
      en: 'Please book an appointment within the next one to three days. If new symptoms appear or it gets worse, seek care sooner.',
    },
    allowsDepartment: true,
  },
  D6: {
    id: 'D6',
    label: { zh: '常规门诊', en: 'Routine appointment' },
    say: {
      zh: '可以预约常规门诊。如果情况有变化，请再打电话给我们。',
      en: 'You can book a routine appointment. If anything changes, call us again.',
    },
    allowsDepartment: true,
  },
  D7: {
    id: 'D7',
    label: { zh: '居家观察', en: 'Self-care at home' },
    say: {
      zh: '目前可以在家休息观察。如果出现高烧不退、呼吸困难、胸痛或情况加重，请马上回电或去急诊。',
      en: 'You can look after this at home for now. If you get a high fever that will not settle, trouble breathing, chest pain, or you feel worse, call back or go to the emergency department.',
    },
    allowsDepartment: false,
  },
};

/**
 * Red flag -> disposition, the one table for triage and the call runner: the six acute flags,
 * dangerous poisoning or overdose and major trauma are a 120 call; infant fever, sepsis signs,
 * meningitis signs, an acute abdomen and severe dehydration go to the ED now; suicidal thoughts go to a nurse now
 * (warm transfer, falling back to the ED), raised to 120 when an act or plan with means is known.
 */
export const RED_FLAG_DISPOSITION: Readonly<Record<RedFlagId, DispositionId>> = {
  'chest-pain-cardiac': 'D1',
  'stroke-signs': 'D1',
  'severe-breathing': 'D1',
  anaphylaxis: 'D1',
  'severe-bleeding': 'D1',
  'altered-consciousness': 'D1',
  suicidal: 'D3',
  'infant-fever': 'D2',
  'sepsis-signs': 'D2',
  poisoning: 'D1',
  'major-trauma': 'D1',
  'meningitis-signs': 'D2',
  'acute-abdomen': 'D2',
  'severe-dehydration': 'D2',
};

export interface RedFlagDispositionOptions {
  /**
   * Suicidal with an act in progress or a plan with means: true raises it to D1, false keeps D3
   * (thoughts only). 'unknown' (the default, e.g. a call script that cannot ask) takes the safe
   * side, D1.
   */
  suicidalAct?: boolean | 'unknown';
  /**
   * Signs of a failing circulation or brain with an infection flag (mottled skin, new confusion
   * with fast breathing; a non-blanching rash with fever): sepsis and meningitis go to D1
   * (NICE NG51 sepsis high-risk criteria; NICE NG240 suspected meningococcal disease: emergency
   * transfer).
   */
  critical?: boolean;
}

/**
 * The disposition for a set of red flags: the most urgent of each flag's. Unknown ids count as D1
 * (the safe side); an empty list (an unspecified emergency) is D1 too.
 */
export function redFlagDisposition(flags: readonly string[], opts: RedFlagDispositionOptions = {}): DispositionId {
  if (flags.length === 0) return 'D1';
  let d: DispositionId = 'D7';
  for (const flag of flags) {
    let own: DispositionId = (RED_FLAG_DISPOSITION as Record<string, DispositionId>)[flag] ?? 'D1';
    if (flag === 'suicidal' && (opts.suicidalAct ?? 'unknown') !== false) own = 'D1';
    if ((flag === 'sepsis-signs' || flag === 'meningitis-signs') && opts.critical === true) own = 'D1';
    d = moreUrgent(d, own);
  }
  return d;
}

/** Lower number = more urgent. */
export function moreUrgent(a: DispositionId, b: DispositionId): DispositionId {
  return Number(a.slice(1)) <= Number(b.slice(1)) ? a : b;
}
