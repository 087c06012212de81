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

// Worklist reasons and alert reasons, keyed in snake_case (alert reasons arrive in kebab-case: both are read).
const REASONS: Record<string, Text> = {
  red_flag: { zh: '危险信号', en: 'Red flag' },
  late_result: { zh: '迟到的通话结果', en: 'Late call result' },
  wrong_person: { zh: '接听者不是患者本人', en: 'Someone else answered' },
  patient_deceased: { zh: '患者已故', en: 'Patient deceased' },
  callback_requested: { zh: '要求回电', en: 'Asked to be called back' },
  caller_request: { zh: '要求转人工', en: 'Asked for a person' },
  human_requested: { zh: '要求转人工', en: 'Asked for a person' },
  transfer_failed: { zh: '转接护士未接通', en: 'Transfer to a nurse failed' },
  platform_fault: { zh: '系统故障中断通话', en: 'Call cut short by a system fault' },
  schedule_callback: { zh: '预约回电', en: 'Call back as arranged' },
  caller_hung_up: { zh: '中途挂断', en: 'Hung up before the end' },
  caller_busy: { zh: '患者正忙', en: 'Busy, call later' },
  hotline_red_flag: { zh: '热线：危险信号', en: 'Hotline: red flag' },
  hotline_human_requested: { zh: '热线：来电者要求转人工', en: 'Hotline: caller asked for a person' },
  hotline_transferred: { zh: '热线：已转接护士', en: 'Hotline: transferred to a nurse' },
  hotline_platform_fault: { zh: '热线：系统故障中断通话', en: 'Hotline: call cut short by a system fault' },
  hotline_alert: { zh: '热线：需要护士跟进', en: 'Hotline: needs a nurse' },
  triage_ed: { zh: '分诊：建议急诊', en: 'Triage: emergency department' },
  triage_nurse: { zh: '分诊：需要护士', en: 'Triage: nurse needed' },
  medication_question: { zh: '用药咨询', en: 'Medicine question' },
};

// The runner's outcome of a call.
const OUTCOMES: Record<string, Text> = {
  completed: { zh: '正常完成', en: 'Completed' },
  'red-flag': { zh: '危险信号', en: 'Red flag' },
  transferred: { zh: '已转接', en: 'Transferred' },
  'transfer-failed': { zh: '转接失败', en: 'Transfer failed' },
  'opted-out': { zh: '拒绝再次来电', en: 'Opted out' },
  'wrong-person': { zh: '非本人接听', en: 'Wrong person' },
  'patient-deceased': { zh: '患者已故', en: 'Patient deceased' },
  'call-later': { zh: '要求稍后再打', en: 'Call later' },
  declined: { zh: '拒绝回答', en: 'Declined' },
  'no-response': { zh: '无应答', en: 'No response' },
  'caller-hung-up': { zh: '中途挂断', en: 'Hung up' },
};

// Departments the built-in scripts suggest.
const DEPARTMENTS: Record<string, Text> = {
  cardiology: { zh: '心内科', en: 'Cardiology' },
  gastroenterology: { zh: '消化内科', en: 'Gastroenterology' },
  'general-medicine': { zh: '全科 / 普通内科', en: 'General medicine' },
  'general-surgery': { zh: '普外科', en: 'General surgery' },
  'infectious-disease': { zh: '感染科', en: 'Infectious diseases' },
  neurology: { zh: '神经内科', en: 'Neurology' },
  orthopedics: { zh: '骨科', en: 'Orthopaedics' },
  psychiatry: { zh: '精神心理科', en: 'Psychiatry' },
  respiratory: { zh: '呼吸内科', en: 'Respiratory medicine' },
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

/** Why a call is on the worklist (hotline_D1..D7: the hotline's disposition by name). */
export function reasonLabel(reason: string): string {
  const id = reason.replace(/-/g, '_');
  const known = pick(REASONS, id);
  if (known) return known;
  const d = /^hotline_(D[1-7])$/.exec(reason);
  if (d) return `${lang.value === 'en' ? 'Hotline: ' : '热线：'}${dispositionLabel(d[1])}`;
  return reason;
}

/** How a call ended, by name (completed, red-flag, call-later...). */
export function outcomeLabel(outcome: string | null | undefined): string {
  return outcome ? pick(OUTCOMES, outcome) ?? outcome : '';
}

/** A suggested department, by name. */
export function departmentLabel(department: string | null | undefined): string {
  return department ? pick(DEPARTMENTS, department) ?? department : '';
}

/** The red-flag ids the results filter offers. */
export const RED_FLAG_IDS: readonly string[] = Object.keys(RED_FLAGS);
