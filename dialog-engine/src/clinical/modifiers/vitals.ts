/**
 * One extractor for measured values in both languages and registers: blood pressure, heart rate,
 * breathing rate, SpO2, temperature, GCS, glucose and haemoglobin, in digits and in words
 * ("BP 80/50", "血压八十五五十", "sats ninety-three", "血氧88", "meter says HI"). Each value keeps
 * the words it came from so the triage can show them. Thresholds live in vital-thresholds.ts.
 */
import { parseChineseNumber } from '../../text/index.js';
import { extractTemperatureC, parseEnglishNumber } from '../quantities.js';
import type { ClinicalLang } from '../types.js';
import type { VitalKind } from './vital-thresholds.js';

export interface VitalValue {
  kind: VitalKind;
  value: number;
  words: string;
}

const ZH_NUM = '[零〇一二两三四五六七八九十百点\\d.]+';
const EN_U = '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
const EN_T = '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';
/** Digits, or one spoken number: "ninety-three", "a hundred and ten", "one oh two", "thirty eight point five". */
const EN_NUM = `(?:\\d+(?:\\.\\d+)?|one oh ${EN_U}\\b|(?:(?:a|one) hundred(?: and)?[- ])?(?:${EN_T}(?:[- ]${EN_U})?|${EN_U})\\b(?: point ${EN_U}\\b)?|(?:a|one) hundred\\b)`;

/** "一百四十几" -> 140, "九十几" -> 90, "33.3" -> 33.3. */
function zhNumber(s: string): number | null {
  const t = s.replace(/[几多]$/u, '').replace(/点$/u, '');
  return parseChineseNumber(t);
}

function enNumber(s: string): number | null {
  const t = s.trim().replace(/(?:[- ](?:and|a|point))+$/u, '');
  return parseEnglishNumber(t);
}

/** A run of Mandarin numerals with no separator ("八十五五十"): the split into systolic/diastolic. */
function splitZhPair(s: string): [number, number] | null {
  for (let i = s.length - 1; i >= 1; i--) {
    const a = zhNumber(s.slice(0, i));
    const b = zhNumber(s.slice(i));
    if (a !== null && b !== null && a >= 50 && a <= 280 && b >= 20 && b <= 160 && a > b) return [a, b];
  }
  return null;
}

function push(out: VitalValue[], kind: VitalKind, value: number | null, words: string, lo: number, hi: number): void {
  if (value !== null && Number.isFinite(value) && value >= lo && value <= hi) out.push({ kind, value, words: words.trim() });
}

function bp(out: VitalValue[], sys: number | null, dia: number | null, words: string): void {
  if (sys === null || dia === null || sys < 50 || sys > 280 || dia < 20 || dia > 160 || dia >= sys) return;
  out.push({ kind: 'sbp', value: sys, words: words.trim() }, { kind: 'dbp', value: dia, words: words.trim() });
}

function zhVitals(norm: string): VitalValue[] {
  const out: VitalValue[] = [];
  const N = `(${ZH_NUM}[几多]?)`;
  const lead = '(?:是|有|只有|才|就|量的|测的|测了|量了|掉到|降到|升到|高到|低到|到|在|约|大约|大概|:|：|\\s)*';
  // 高血压 / 低血压 name a disease ("高血压病人五十六岁"), not a reading; the words between the
  // keyword and the number may only be reading words ("血压今天早上量的是…").
  const gap = '(?:计|仪|今天|早上|晚上|刚才|刚刚|现在|一直|连测|连量|几次|三次|两次|都|还|也|量出来|测出来|量着|测着|左右|[是有只才就量测的了掉降升到在约大概:：\\s])*?';
  const measured = '(?:[高低]血压|高压)[^，。,.；;\\d零一二两三四五六七八九十百]{0,6}?(?:量|测)(?:了|的|出来|着)?(?:是|有|一下)?';
  for (const m of norm.matchAll(new RegExp(`(?:(?<![高低])血压|bp|收缩压|${measured})${gap}${N}\\s*(?:/|／|比|除以|、|\\s|-)?\\s*(${ZH_NUM})?`, 'gu'))) {
    if (m[2]) bp(out, zhNumber(m[1]!), zhNumber(m[2]), m[0]);
    else {
      const whole = zhNumber(m[1]!);
      const pair = whole === null || whole > 280 || (m[1]!.match(/十/gu)?.length ?? 0) >= 2 ? splitZhPair(m[1]!) : null;
      if (pair) bp(out, pair[0], pair[1], m[0]);
      else push(out, 'sbp', whole, m[0], 50, 280);
    }
  }
  // A reading without its keyword ("连测三次都是一百八十二/一百零八").
  for (const m of norm.matchAll(new RegExp(`(${ZH_NUM})\\s*(?:/|／)\\s*(${ZH_NUM})`, 'gu'))) {
    if (!out.some((v) => v.kind === 'sbp' && v.words.includes(m[0]))) bp(out, zhNumber(m[1]!), zhNumber(m[2]!), m[0]);
  }
  for (const m of norm.matchAll(new RegExp(`(?:心率|脉搏|心跳|脉率|\\bhr\\b|\\bp\\b)${lead}${N}`, 'gu'))) push(out, 'hr', zhNumber(m[1]!), m[0], 20, 260);
  for (const m of norm.matchAll(new RegExp(`(?:呼吸频率|呼吸|\\brr\\b|\\br\\b)${lead}${N}(?=\\s*(?:次|/分|下|，|,|。|\\s|$))`, 'gu'))) push(out, 'rr', zhNumber(m[1]!), m[0], 4, 90);
  for (const m of norm.matchAll(new RegExp(`(?:血氧饱和度|氧饱和度|饱和度|血氧|指脉氧|spo2|sao2|sat)${lead}${N}`, 'gu'))) push(out, 'spo2', zhNumber(m[1]!), m[0], 40, 100);
  for (const m of norm.matchAll(new RegExp(`gcs(?:评分)?(?:我|他|她)?(?:评|评分|打)?(?:了)?${lead}${N}`, 'gu'))) push(out, 'gcs', zhNumber(m[1]!), m[0], 3, 15);
  for (const m of norm.matchAll(new RegExp(`(?:血糖|指尖糖|末梢血糖)${lead}${N}\\s*(mmol|mg)?`, 'gu'))) {
    let v = zhNumber(m[1]!);
    if (v !== null && (m[2] === 'mg' || v > 60)) v = Math.round((v / 18) * 10) / 10;
    push(out, 'glucose', v, m[0], 0.5, 80);
  }
  for (const m of norm.matchAll(new RegExp(`(?:\\binr\\b|凝血(?:酶原)?(?:时间)?国际标准化比值|国际标准化比值)${lead}${N}`, 'gu'))) push(out, 'inr', zhNumber(m[1]!), m[0], 0.5, 20);
  if (/血糖(?:仪)?.{0,6}(?:hi\b|测不出来了?高|显示高|爆表)/u.test(norm)) out.push({ kind: 'glucose', value: 34, words: '血糖 HI' });
  for (const m of norm.matchAll(new RegExp(`(?:血红蛋白|\\bhb\\b|\\bhgb\\b)${lead}${N}\\s*(g/dl|g/l|克)?`, 'gu'))) {
    let v = zhNumber(m[1]!);
    if (v !== null && (m[2] === 'g/dl' || v < 25)) v *= 10;
    push(out, 'hb', v, m[0], 20, 220);
  }
  return out;
}

function enVitals(norm: string): VitalValue[] {
  const out: VitalValue[] = [];
  const N = `(${EN_NUM})`;
  const lead = "(?:\\s|:|is|was|are|were|of|at|about|around|only|just|down to|up to|dropped to|reading|reads|says|showing|shows|came back(?: at| as)?|result|level|on (?:my|the|his|her) (?:cuff|monitor|machine|home monitor)|on air|now|'s)*";
  for (const m of norm.matchAll(new RegExp(`(?:\\bbp\\b|blood pressure|\\bpressure\\b|\\bnibp\\b)${lead}${N}\\s*(?:/|over)\\s*${N}`, 'gu'))) bp(out, enNumber(m[1]!), enNumber(m[2]!), m[0]);
  for (const m of norm.matchAll(/\b(\d{2,3})\s*\/\s*(\d{2,3})\b(?!\s*(?:pain|score|\d))/gu)) {
    if (!out.some((v) => v.kind === 'sbp' && v.words.includes(m[0]))) bp(out, Number(m[1]), Number(m[2]), m[0]);
  }
  for (const m of norm.matchAll(new RegExp(`(?:\\bhr\\b|heart rate|\\bpulse(?: rate)?|heart(?:'s| is) (?:going|racing|beating) at)${lead}${N}`, 'gu'))) push(out, 'hr', enNumber(m[1]!), m[0], 20, 260);
  for (const m of norm.matchAll(new RegExp(`${N}\\s*(?:bpm|beats (?:a|per) minute)`, 'gu'))) push(out, 'hr', enNumber(m[1]!), m[0], 20, 260);
  for (const m of norm.matchAll(new RegExp(`(?:\\brr\\b|resp(?:iratory)? rate|breathing rate|\\bresps\\b)${lead}${N}`, 'gu'))) push(out, 'rr', enNumber(m[1]!), m[0], 4, 90);
  for (const m of norm.matchAll(new RegExp(`${N}\\s*breaths (?:a|per) minute`, 'gu'))) push(out, 'rr', enNumber(m[1]!), m[0], 4, 90);
  for (const m of norm.matchAll(new RegExp(`(?:\\bsats?\\b|\\bsaturations?\\b|\\bsaturating\\b|\\bspo2\\b|\\bo2 sats?\\b|oxygen (?:level|saturation|sats?)s?|oxygen (?:finger|clip)[a-z ]{0,20}?|(?:pulse )?oximeter|finger (?:thing|clip|monitor|probe))${lead}${N}\\s*%?`, 'gu'))) {
    push(out, 'spo2', enNumber(m[1]!), m[0], 40, 100);
  }
  for (const m of norm.matchAll(new RegExp(`\\bgcs${lead}${N}`, 'gu'))) push(out, 'gcs', enNumber(m[1]!), m[0], 3, 15);
  for (const m of norm.matchAll(new RegExp(`(?:glucose|blood sugar|sugars?|\\bbms?\\b|\\bcbg\\b|\\bbsl\\b|\\bbgl\\b|\\bbg\\b|capillary glucose|meter)${lead}${N}\\s*(mmol|mg)?`, 'gu'))) {
    let v = enNumber(m[1]!);
    if (v !== null && (m[2] === 'mg' || v > 60)) v = Math.round((v / 18) * 10) / 10;
    push(out, 'glucose', v, m[0], 0.5, 80);
  }
  for (const m of norm.matchAll(new RegExp(`\\binr${lead}${N}`, 'gu'))) push(out, 'inr', enNumber(m[1]!), m[0], 0.5, 20);
  const hi = /(?:meter|glucose|sugar|reading)[a-z ]{0,20}?\b(?:says|reads|shows|showing|just says|is|reading)\s+"?hi\b"?/u.exec(norm);
  if (hi) out.push({ kind: 'glucose', value: 34, words: hi[0] });
  for (const m of norm.matchAll(new RegExp(`(?:\\bhb\\b|\\bhgb\\b|ha?emoglobin)${lead}${N}\\s*(g/dl|g/l)?`, 'gu'))) {
    let v = enNumber(m[1]!);
    if (v !== null && (m[2] === 'g/dl' || v < 25)) v *= 10;
    push(out, 'hb', v, m[0], 20, 220);
  }
  return out;
}

/** All measured values found in a normalised narrative (several per kind may be returned). */
export function extractVitals(norm: string, lang: ClinicalLang): VitalValue[] {
  const out = lang === 'zh' ? zhVitals(norm) : enVitals(norm);
  const t = extractTemperatureC(norm, lang);
  if (t !== null) out.push({ kind: 'temp', value: t, words: `${t} °C` });
  const sbp = out.filter((v) => v.kind === 'sbp');
  const hr = out.filter((v) => v.kind === 'hr');
  if (sbp.length && hr.length) {
    const s = Math.min(...sbp.map((v) => v.value));
    const h = Math.max(...hr.map((v) => v.value));
    if (s < 100) out.push({ kind: 'shock-index', value: Math.round((h / s) * 100) / 100, words: `${sbp[0]!.words}; ${hr[0]!.words}` });
  }
  return out;
}

/** The highest systolic pressure read from a narrative (any register, digits or words), or null. */
export function extractSystolic(norm: string, lang: ClinicalLang): number | null {
  const sbp = extractVitals(norm, lang).filter((v) => v.kind === 'sbp').map((v) => v.value);
  return sbp.length ? Math.max(...sbp) : null;
}
