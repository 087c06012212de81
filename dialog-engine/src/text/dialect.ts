/**
 * Regional words that callers mix into Mandarin, rewritten to their Mandarin equivalents before
 * any rule reads the text: Cantonese (冇 没, 唔 不, 佢 他, 咗 了, 嘅 的, 系 是, 食 吃, 少少 一点, 痕 痒),
 * Wu / Shanghainese (勿 不, 伊 他, 侬 你, 有眼 有点), south-western and northern colloquial
 * (莫得 没有, 啥子 什么, 晓得 知道, 贼疼 很疼). Sources: the common-word tables of
 * 《广州话普通话词典》 and 《上海话大词典》 (function words and a few high-frequency verbs only).
 *
 * Every rewrite keeps the length of the text, so offsets found in the rewritten text point at the
 * caller's own words. A rewrite needs its context where the character is also a Mandarin word
 * (系统 and 关系 keep 系, 伊拉克 keeps 伊, 饮食 keeps 食).
 */

const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  // Whole words first (two characters to two).
  [/唔该/gu, '谢谢'],
  [/唔使/gu, '不用'],
  [/冇得|莫得|木有|么有|没得/gu, '没有'],
  [/啱啱/gu, '刚刚'],
  [/少少/gu, '一点'],
  [/有眼眼/gu, '有点点'],
  [/有眼(?![睛泪屎花病科珠球镜药角])/gu, '有点'],
  [/啥子/gu, '什么'],
  [/琴日|寻日/gu, '昨天'],
  [/听日/gu, '明天'],
  [/今日/gu, '今天'],
  [/仲(?=[有係系要在未会痛疼])/gu, '还'],
  [/探热/gu, '量温'],
  [/(?<=(?:少|唔|冇|不|没|乜|点))郁(?=[^郁闷金]|$)/gu, '动'],
  [/郁(?=得(?:少|多|好少))/gu, '动'],
  [/讲嘢/gu, '讲话'],
  // Xiang / Gan 冒得 (没有), Hokkien 袂 (不会 > 不), Cantonese 屙 (拉, of the bowels), Henan 不中 (不行),
  // south-western 不得事 (没关系).
  [/冒得/gu, '没有'],
  [/冒(?=[有发事])/gu, '没'],
  [/袂/gu, '不'],
  [/屙/gu, '拉'],
  [/不中(?![国医药文毒风用])/gu, '不行'],
  [/不得事/gu, '没关系'],
  [/乜(?!嘢)/gu, '啥'],
  [/乜嘢/gu, '什么'],
  [/晓得/gu, '知道'],
  [/巴适/gu, '舒服'],
  [/系咪/gu, '是吗'],
  // Single function words.
  [/冇/gu, '没'],
  [/唔(?=[\u4e00-\u9fff])/gu, '不'],
  [/勿/gu, '不'],
  [/佢/gu, '他'],
  [/侬/gu, '你'],
  [/伊(?![拉朗斯犁利始人甸莎丽凡娃万川春宁])(?<![木])/gu, '他'],
  [/咗/gu, '了'],
  [/嘅/gu, '的'],
  [/啲/gu, '些'],
  [/嗰/gu, '那'],
  [/揾/gu, '找'],
  [/瞓/gu, '睡'],
  [/攰/gu, '累'],
  [/咩/gu, '吗'],
  [/喇|嘞/gu, '了'],
  [/啫/gu, '呢'],
  [/(?<=^|[，,。\s我你他她就都不也又真仲但])系(?![统列数])/gu, '是'],
  [/(?<=[没不要去都会])食|食(?=[了过完饭药粥])/gu, '吃'],
  [/贼(?=[疼痛难冷热累晕痒])/gu, '很'],
  // Cantonese 痕 is itchy (喉咙痕, 好痕); a scar or mark (伤痕, 疤痕, 痕迹) keeps it.
  [/(?<![伤疤划割刀泪血印抓掐咬])痕(?!迹)/gu, '痒'],
];

/** The text with regional words rewritten to Mandarin (same length as the input). */
export function mandarinFromDialect(text: string): string {
  let out = text;
  for (const [re, to] of REWRITES) out = out.replace(re, to);
  return out;
}
