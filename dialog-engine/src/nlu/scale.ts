/**
 * 0-10 scales (pain, satisfaction): 五分, 五六分 -> {5,6}, 七八分吧, "about a seven", "six or
 * seven", "7 out of 10". Words without a number map onto the numeric rating scale bands
 * (none 0, mild 1-3, moderate 4-6, severe 7-10, worst 10).
 */
import { type Lang } from '../text/index.js';
import { numberText } from './number.js';
import { numberSpans } from './spans.js';

export type ScaleResult = { value: number | null } | { min: number; max: number };

const ZH_BANDS: Array<[RegExp, ScaleResult]> = [
  [/疼死了|痛死了|最疼|最痛|满分|受不了了?|疼得要命|痛得要命|要命|没法忍/u, { value: 10 }],
  [/一点(?:都|也)不|完全不|根本不|不疼|不痛|没有疼|没有痛|没疼|没痛|没感觉|零分/u, { value: 0 }],
  [/不怎么|不太|不是很|一点点|有一点|有点|轻微|稍微|还好|还行|轻/u, { min: 1, max: 3 }],
  [/中等|一般|还可以|凑合|有些/u, { min: 4, max: 6 }],
  [/十分(?=疼|痛|难受|厉害)|很疼|很痛|非常|特别|剧烈|厉害|严重|挺疼|挺痛|好疼|好痛/u, { min: 7, max: 10 }],
];
const EN_BANDS: Array<[RegExp, ScaleResult]> = [
  [/\b(?:worst|unbearable|excruciating|ten out of ten|10 out of 10|maximum|the most)\b/, { value: 10 }],
  [/\b(?:no pain|none|not at all|doesn'?t hurt|no hurt|zero|nothing|pain free|pain-free)\b/, { value: 0 }],
  [/\b(?:a little|a bit|mild|slight|not (?:too |that |very )?(?:bad|much)|low|minor)\b/, { min: 1, max: 3 }],
  [/\b(?:moderate|medium|so so|average|okay|ok)\b/, { min: 4, max: 6 }],
  [/\b(?:severe|very bad|really bad|terrible|awful|a lot|intense|excruciating|very)\b/, { min: 7, max: 10 }],
];

/** Phrases that name the scale rather than answer it: 满分十分, 十分制, "out of 10". */
const ZH_FRAME = /满分(?:是)?十分|十分制|一到十|零到十|0到10|1到10|(?:总共|一共)十分/gu;
const EN_FRAME = /\b(?:out of 10|on a scale of \d+ to 10|from \d+ to 10|scale of 10|between 0 and 10|between 1 and 10)\b/g;

export function parseScale(utterance: string, lang: Lang): ScaleResult {
  let text = numberText(utterance, lang);
  if (lang === 'zh' ? /(?:一分|一点|一丁点)(?:都|也)(?:没|不)/u.test(text) : /\bnot (?:even )?(?:a|one) (?:bit|point)\b/.test(text)) return { value: 0 };
  text = text.replace(lang === 'zh' ? ZH_FRAME : EN_FRAME, ' ');
  // "十分疼" is "very painful", not 10.
  const spans = numberSpans(text, lang).filter((s) => !(lang === 'zh' && /^十分(?:疼|痛|难受|厉害)/u.test(text.slice(s.start))));
  // A number with a time or count unit ("疼了三天了", "hurt for two days") is no rating.
  const NOT_SCORE = lang === 'zh' ? /^(?:个|多)?(?:天|日|晚|周|星期|礼拜|月|年|小时|钟头|分钟|次|回|遍|岁|号|点钟|斤|公斤|度)/u : /^(?:days?|nights?|weeks?|months?|years?|hours?|minutes?|times|o'?clock|pm|am|kilos?|pounds?|degrees?)\b/;
  const inRange = spans.filter((s) => s.min >= 0 && s.max <= 10 && !NOT_SCORE.test(text.slice(s.end).trim()));
  const pick = inRange.find((s) => /^(?:分|点|out|points?)/u.test(text.slice(s.end).trim())) ?? inRange[inRange.length - 1];
  if (pick) return pick.min === pick.max ? { value: pick.min } : { min: pick.min, max: pick.max };
  for (const [re, r] of lang === 'zh' ? ZH_BANDS : EN_BANDS) if (re.test(text)) return r;
  return { value: null };
}
