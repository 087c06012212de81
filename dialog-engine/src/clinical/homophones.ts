/**
 * Recognizer homophones in Mandarin narratives (发骚 for 发烧, 上口 for 伤口, 头云 for 头晕):
 * before the lexicon runs, runs of characters that sound like a clinical keyword are rewritten
 * to it. Only two-character keywords that matter clinically are used, and common words that
 * sound the same are blocked (最外面 is not 嘴歪, 留学 is not 流血, 抽出时间 is not 抽搐), so a
 * homophone repair can find a missed symptom without inventing a red flag from everyday speech.
 */
import { pinyinRepair } from '../text/index.js';

/** Keywords worth repairing: symptom heads and red-flag words the lexicon keys on. */
export const HOMOPHONE_KEYWORDS: readonly string[] = [
  '发烧', '发热', '高烧', '头晕', '头疼', '头痛', '胸口', '胸闷', '胸痛', '心口', '心慌', '气短', '喘气', '呼吸', '咳嗽', '恶心', '呕吐',
  '腹泻', '拉稀', '便秘', '伤口', '刀口', '红肿', '流脓', '化脓', '出血', '流血', '浮肿', '水肿', '冷汗', '嘴歪', '口齿', '晕倒',
  '昏迷', '抽搐', '自杀', '轻生', '皮疹', '过敏', '寒战', '黑便', '尿血', '血尿', '乏力', '糊涂', '中风', '偏瘫', '麻木', '发紫',
  '农药',
];

/**
 * Everyday words that sound like a keyword. A run inside one of these is never rewritten.
 * (Whole contexts, not just the two characters, where the word alone could be either.)
 */
const BLOCK = new RegExp(
  [
    '最外', '留学', '初学', '抽出', '运到', '紫砂', '道口', '独自', '黑边', '国民', '发梢', '发少', '新欢', '中分', '心急', '水中',
    '轻声', '轻身', '伤寒', '中锋', '传奇', '红中', '花农', '初雪', '附中', '法力', '信口',
  ].join('|'),
  'u',
);

/** The narrative with homophones of clinical keywords repaired (same length as the input). */
export function repairHomophones(norm: string): string {
  return pinyinRepair(norm, HOMOPHONE_KEYWORDS, { block: BLOCK });
}

/**
 * English recognizer confusions that hide a red-flag word ("pain in my chess", "I can't breed",
 * "he's having a stoke"). Each rewrite needs the clinical context around the word, so everyday
 * uses (a game of chess, dog breeds) are left alone.
 */
const EN_REPAIRS: readonly [RegExp, string][] = [
  [/\b(my|his|her|their|the|your|in|on|across|tight|heavy) chess\b/g, '$1 chest'],
  [/\bchess (?=(?:pains?|tight\w*|hurts?|pressure|is (?:tight|heavy|hurting|pain\w*)|feels)\b)/g, 'chest '],
  [/\b(can'?t|cannot|can not|couldn'?t|hard to|trouble to|struggling to|unable to) (?:breed|breath|brief|bree)\b/g, '$1 breathe'],
  [/\b(a|having a|had a|has a|is having a|like a) stoke\b/g, '$1 stroke'],
];

/** The English narrative with recognizer confusions of red-flag words repaired. */
export function repairEnglish(norm: string): string {
  let s = norm;
  for (const [re, to] of EN_REPAIRS) s = s.replace(re, to);
  return s;
}
