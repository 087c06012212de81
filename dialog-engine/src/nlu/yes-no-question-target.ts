/**
 * What a yes/no question targets, read once per question: what it asks about (content words and
 * symptom families), its form (a problem, an action, a good state; universal, existential, now),
 * whose it is (the patient or a relative) and which red flags it screens for. The answer side is
 * yes-no-target.ts.
 */
import { detectRedFlags } from '../clinical/index.js';
import type { Lang } from '../text/index.js';
import { questionFrame } from './question.js';
import { aboutFamilies, askedFamilies } from './symptom-families.js';

/** What the question targets. */
export interface Target {
  /** Asks whether something bad is present. */
  problem: boolean;
  /** Asks about an action or adherence. */
  action: boolean;
  /** Asks about a good state (normal, well, dry and clean, back to normal). */
  good: boolean;
  /** Universal: every day, regularly, as prescribed, all, 按时, 每天, 坚持. */
  universal: boolean;
  /** Existential: any X, have you had, 有没有, …过. */
  existential: boolean;
  /** About "now / still". */
  now: boolean;
  /** The red flags the question screens for (empty for most questions). */
  redFlags: string[];
  /** The question is about someone other than the person on the phone. */
  other: boolean;
  /** Content words (en) or characters (zh) of the question. */
  words: Set<string>;
  /** Symptom families the question names. */
  ids: string[];
  /** Asks about an ability or coping ("able to", "managing", 能). */
  ability: boolean;
  /** Asks whether help or something else is needed. */
  need: boolean;
  /** The question (lower case in English). */
  asked: string;
}

const EN_STOP = new Set(['have', 'has', 'had', 'you', 'your', 'been', 'any', 'the', 'and', 'are', 'did', 'does', 'was', 'were', 'with', 'for', 'that', 'this', 'from', 'since', 'there', 'what', 'how', 'much', 'many', 'still', 'now', 'today', 'able', 'get', 'got', 'into', 'some', 'about', 'feel', 'feeling', 'home', 'back', 'time', 'like', 'would', 'could', 'should', 'going', 'well', 'good', 'doing', 'them', 'they', 'their', 'his', 'her', 'him', 'she', 'into', 'yet', 'all', 'ever', 'more', 'than', 'usual', 'noticed', 'notice', 'last', 'days', 'few', 'week', 'night']);
const ZH_STOP = new Set([...'有没不是的了吗呢还点一些很太都也就在现目前已经但可过后最近今天这两几稍微挺蛮特别非常厉害严重好多次嗯对啊呀吧哦您你我请问会要么什怎样得地着其实倒能否些天出院以来时候按医生说那个家里比觉感儿样多少自己']);

function enStem(w: string): string {
  return w.replace(/(?:ing|ed|es|s)$/u, '');
}

export function contentOf(text: string, lang: Lang): Set<string> {
  if (lang === 'zh') return new Set([...text].filter((c) => /[\u4e00-\u9fff]/u.test(c) && !ZH_STOP.has(c)));
  return new Set(text.toLowerCase().split(/[^a-z']+/).filter((w) => w.length > 2 && !EN_STOP.has(w)).map(enStem));
}

/**
 * Lay words for what a question asks about, beyond the question's own words: an answer in these
 * words is about the target ("blurry" answers "changes in your vision", "sat down on the floor and
 * couldn't get up" a question about falls, "worried" one about feeling anxious).
 */
export const SYNONYMS: Array<{ q: RegExp; a: RegExp }> = [
  { q: /\b(?:vision|eyesight|sight|see)\b|视力|看东西|眼睛/u, a: /\b(?:blurr\w*|double|fuzzy|misty|can'?t see|spots|flash\w*)\b|模糊|看不清|重影|发花|眼花/u },
  { q: /\bfall(?:s|en)?\b|\bfell\b|摔|跌/u, a: /\b(?:fell|fallen|slipped|tripped|on the floor|ended up on|went down|couldn'?t get up|legs gave way)\b|摔|跌|滑倒|坐地上|起不来/u },
  { q: /\b(?:anxious|anxiety|nervous|on edge)\b|焦虑|紧张/u, a: /\b(?:worr\w*|nervous|on edge|panick\w*|can'?t (?:switch off|stop thinking|relax)|stressed|scared|frightened)\b|担心|发愁|心里不踏实|睡不着觉|害怕|着急|上火/u },
  { q: /\b(?:low|down|depress\w*|mood)\b|情绪|低落|心情/u, a: /\b(?:don'?t see the point|no point|fed up|can'?t be bothered|cry\w*|hopeless|miserable|burden)\b|没意思|拖累|哭|想不开|没盼头|烦/u },
  { q: /\b(?:urine|pee|passing water|wee)\b|小便|尿/u, a: /\b(?:burn\w*|sting\w*|pee\w*|wee\w*|dribbl\w*|go every|up at night)\b|尿|小便|起夜/u },
  { q: /\bbowels?\b|\bstool\b|大便|排便/u, a: /\b(?:poo\w*|stool|motion|constipat\w*|balloon|bloated|loose|diarrh\w*)\b|大便|拉|解手|便秘|胀/u },
  { q: /\b(?:improv\w*|better)\b|好转|好点|改善/u, a: /\b(?:better|improv\w*|worse)\b|好|轻/u },
  { q: /\bbleed\w*|blood\b|出血|流血/u, a: /\bbleed\w*|\bblood\w*|\bspots?\b|血/u },
];

/** Whether a clause shares a content word with the question. */
export function overlaps(text: string, t: Target, lang: Lang): boolean {
  const c = contentOf(text, lang);
  if ([...c].some((w) => t.words.has(w)) || aboutFamilies(text, t.ids, lang)) return true;
  const q = t.asked;
  return SYNONYMS.some((syn) => syn.q.test(q) && syn.a.test(text));
}

const redFlagCache = new Map<string, string[]>();
const EN_SIGN_WORD = /chest|breath|speak|speech|talk|weak|numb|droop|face|arm|leg|bleed|blood|harm|suicid|life|faint|pass(?:ed)? out|collaps|confus|seiz|fit|vomit|black|stiff|neck|rash|swallow|unconscious|wak|head|vision|pain|swell|lip|tongue|fever|temperature/;
const ZH_SIGN_WORD = /胸|心口|呼吸|喘|憋|气|说话|口齿|舌|无力|没力气|没劲|麻|出血|流血|血|伤害|自杀|想不开|活|晕|昏|意识|抽|吐|黑|脖子|疹|吞|嘴|脸|手|脚|腿|胳膊|看|疼|痛|肿|烧|热|醒/u;

/** The statement a yes to a screening question confirms ("有没有X吗" -> "有X"). */
export function affirmQuestion(asked: string, lang: Lang): string {
  if (lang === 'zh') {
    return asked
      .replace(/有没有|有木有/gu, '有')
      .replace(/是不是/gu, '是')
      .replace(/会不会/gu, '会')
      .replace(/([\u4e00-\u9fff])不\1/gu, '$1')
      .replace(/[吗呢嘛？?]/gu, '')
      .replace(/^(?:请问)?(?:您|你)/u, '我');
  }
  return asked
    .toLowerCase()
    .replace(/\b(?:do|did|are|have|has|is|were|was) you (?:have |had |been |got |feel |felt |noticed? |experienced? )?/g, 'i have ')
    .replace(/\b(?:is|does|did) your\b/g, 'my')
    .replace(/\byourself\b/g, 'myself')
    .replace(/\byour\b/g, 'my')
    .replace(/\bany\b/g, '')
    .replace(/\?/g, '');
}

function screenedFlags(asked: string, lang: Lang): string[] {
  const key = `${lang}\u0000${asked}`;
  let flags = redFlagCache.get(key);
  if (!flags) {
    // The detector is not cheap: only a question that names a body sign can screen for one.
    flags = asked.length === 0 || !(lang === 'en' ? EN_SIGN_WORD : ZH_SIGN_WORD).test(asked.toLowerCase()) ? [] : detectRedFlags(affirmQuestion(asked, lang), lang);
    if (lang === 'en' ? /\b(?:harm(?:ing)? yourself|hurt(?:ing)? yourself|suicid\w*|end(?:ing)? your life|better off dead)\b/i.test(asked) : /伤害自己|轻生|自杀|不想活|想不开/u.test(asked)) flags = [...new Set([...flags, 'suicidal'])];
    if (redFlagCache.size > 500) redFlagCache.clear();
    redFlagCache.set(key, flags);
  }
  return flags;
}

const EN_OTHER_Q = /\b(?:your|his|her|the) (?:husband|wife|son|daughter|mum|mom|mother|dad|father|brother|sister|child|baby|partner|grandson|granddaughter|patient)\b|\b(?:is|has|does|did|was) (?:he|she)\b/;
const ZH_OTHER_Q = /(?:您|你)?(?:的)?(?:爱人|老伴|老公|丈夫|妻子|媳妇|母亲|父亲|妈妈|爸爸|儿子|女儿|孩子|宝宝|叔叔|阿姨|奶奶|爷爷|老人家?)(?!.*(?:您|你)(?:自己))|^(?:他|她)/u;

export function targetOf(asked: string, lang: Lang): Target {
  const q = lang === 'en' ? asked.toLowerCase() : asked;
  const en = lang === 'en';
  const frame = questionFrame(asked, lang);
  const good = en
    ? /\b(?:normal(?:ly)?|well|ok|okay|fine|dry|clean|healing|warm|pink|comfortable|managing|coping|respectful|clear|safe|enough|under control|back to)\b/.test(q) && !/\b(?:worse|spread|bigger)\b/.test(q)
    : /(?<!不)(?:正常|干净|愈合|顺利|清楚|明白|够)|好吗|好不好|得好|干的|控制/u.test(q);
  const redFlags = screenedFlags(asked, lang);
  return {
    problem: (frame.problem && !good) || redFlags.length > 0,
    action: frame.action || (en ? /\b(?:using|wearing|keeping|been to|go to|went|do(?:ing)? the|checking|taking|take|took|walk\w*|out of bed|up and about)\b/.test(q) : /用|做|去|戴|穿|换|吃|打|测|量|坚持|锻炼/u.test(q)),
    good,
    universal: en
      ? /\b(?:every (?:day|dose|night|morning|time)|regularly|as prescribed|as (?:directed|instructed)|all (?:of )?(?:your|the)|always|on time|whole course|keeping to|sticking to)\b/.test(q)
      : /按时|按量|每天|每次|天天|都按|坚持|按医生|遵医嘱|规律|一直/u.test(q),
    existential: en
      ? /^(?:any|have you (?:had|noticed|seen|been)|has there|did you (?:have|get|notice)|were there|has (?:he|she|the \w+) had)\b|\bany\b|\bat all\b/.test(q)
      : /有没有|有无|出现过|过吗|过没有|这几天|这两天|最近/u.test(q),
    now: en ? /\b(?:now|still|at the moment|currently|today)\b/.test(q) : /现在|目前|还(?!记得)|今天/u.test(q),
    redFlags,
    other: en ? EN_OTHER_Q.test(q) : ZH_OTHER_Q.test(q),
    words: contentOf(asked, lang),
    ids: askedFamilies(asked, lang),
    ability: en ? /\b(?:able to|can you|managing|manage)\b/.test(q) : /能|可以/u.test(q),
    need: en ? /\b(?:need|help|trouble|difficult\w*|would you like)\b/.test(q) : /需要|帮|困难|不方便|要不要/u.test(q),
    asked: q,
  };
}
