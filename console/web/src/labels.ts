/**
 * What nurses read instead of the engine's ids: red flags, dispositions and worklist reasons, in
 * the console's language. An id we have no label for is shown as it is (never hidden).
 */
import { lang } from './i18n.js';

type Text = { zh: string; en: string };

const RED_FLAGS: Record<string, Text> = {
  'chest-pain-cardiac': { zh: '胸痛（疑似心源性）', en: 'Chest pain (possibly cardiac)' },
  'stroke-signs': { zh: '卒中征象', en: 'Stroke signs' },
  'severe-breathing': { zh: '严重呼吸困难', en: 'Severe breathing difficulty' },
  anaphylaxis: { zh: '严重过敏反应', en: 'Anaphylaxis' },
  'severe-bleeding': { zh: '大出血', en: 'Severe bleeding' },
  'altered-consciousness': { zh: '意识改变', en: 'Altered consciousness' },
  suicidal: { zh: '自杀风险', en: 'Suicide risk' },
  'infant-fever': { zh: '婴儿发热', en: 'Fever in an infant' },
  'sepsis-signs': { zh: '脓毒症征象', en: 'Signs of sepsis' },
  poisoning: { zh: '中毒 / 过量服药', en: 'Poisoning / overdose' },
  'major-trauma': { zh: '严重创伤', en: 'Major trauma' },
  'meningitis-signs': { zh: '脑膜炎征象', en: 'Signs of meningitis' },
  'acute-abdomen': { zh: '急腹症', en: 'Acute abdomen' },
  'severe-dehydration': { zh: '严重脱水', en: 'Severe dehydration' },
};

const DISPOSITIONS: Record<string, Text> = {
  D1: { zh: '立即拨打120', en: 'Call 120 now' },
  D2: { zh: '立即去急诊', en: 'Emergency department now' },
  D3: { zh: '立即转护士', en: 'Nurse now' },
  D4: { zh: '当天就诊', en: 'Be seen today' },
  D5: { zh: '1-3天内就诊', en: 'Within 1-3 days' },
  D6: { zh: '常规门诊', en: 'Routine appointment' },
  D7: { zh: '居家护理', en: 'Self-care' },
};

const REASONS: Record<string, Text> = {
  red_flag: { zh: '危险信号', en: 'Red flag' },
  'red-flag': { zh: '危险信号', en: 'Red flag' },
  'human-requested': { zh: '患者要求人工', en: 'Asked for a person' },
  'transfer-failed': { zh: '转接护士未接通', en: 'Transfer to a nurse failed' },
  'callback-requested': { zh: '要求回电', en: 'Asked to be called back' },
  'schedule-callback': { zh: '预约回电', en: 'Call back as arranged' },
  'caller-hung-up': { zh: '患者中途挂断', en: 'Hung up before the end' },
  'caller-busy': { zh: '患者正忙', en: 'Busy, call later' },
  late_result: { zh: '迟到的通话结果', en: 'Late call result' },
};

function pick(table: Record<string, Text>, id: string): string | undefined {
  const x = table[id];
  return x ? (lang.value === 'en' ? x.en : x.zh) : undefined;
}

/** A red flag's name, e.g. 胸痛（疑似心源性）. */
export function redFlagLabel(id: string): string {
  return pick(RED_FLAGS, id) ?? id;
}

/** A disposition with its meaning, e.g. "D1 · 立即拨打120". */
export function dispositionLabel(d: string | null | undefined): string {
  if (!d) return '';
  const text = pick(DISPOSITIONS, d);
  return text ? `${d} · ${text}` : d;
}

/** Why a call is on the worklist. */
export function reasonLabel(reason: string): string {
  return pick(REASONS, reason) ?? reason;
}

/** The red-flag ids the results filter offers. */
export const RED_FLAG_IDS: readonly string[] = Object.keys(RED_FLAGS);
