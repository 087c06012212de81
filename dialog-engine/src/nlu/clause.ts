/**
 * The clause layer: negation, time, certainty and subject read once per clause, for every
 * reading that needs them (yes/no, symptoms, red flags, numbers and scales).
 *
 * A turn is split into clauses at punctuation, at the recogniser's pauses (spaces in Mandarin
 * text) and at connectives ("but", "well", "actually", "only", 但是, 就是, 不过, 哦不对). Each
 * clause then carries:
 *  - polarity: `denial` (a bare or echoed no: "no", "Headache, no", 没有, 不疼), `negated`
 *    (a negator scopes over the clause's predicate), `affirmation` (a bare yes);
 *  - time: past (yesterday, the first day, 前天, 住院之前), resolved (gone, clear now, 退了, 好了),
 *    worsening (getting worse, going up, 越来越), current (now, still, 现在, 还), or unspecified;
 *  - hypothetical (if, would, 如果, 万一), minimised (just, only a bit, nothing much, 一点点,
 *    没什么), uncertain (maybe, I think, 可能, 好像);
 *  - subject: the patient, or someone else (my husband, Mum, 我老伴, 孩子) when the clause is
 *    about another person;
 *  - corrective: the clause opens a self-correction ("actually", "no wait", "I mean", 哦不对,
 *    不是, 说错了): what follows replaces what came before.
 */
import { normalizeUtterance, type Lang } from '../text/index.js';

export type ClauseTime = 'past' | 'current' | 'resolved' | 'worsening' | 'unspecified';

export interface Clause {
  /** Normalised text of the clause (lower case in English). */
  text: string;
  /** A bare or echoed denial ("no", "not really", "Headache, no", 没有, 不X). */
  denial: boolean;
  /** A negator scopes over the clause's predicate. */
  negated: boolean;
  /** A bare affirmation ("yes", "yeah", 对, 有, 是的). */
  affirmation: boolean;
  time: ClauseTime;
  hypothetical: boolean;
  minimised: boolean;
  uncertain: boolean;
  subject: 'patient' | 'other';
  /** Opens a self-correction: what follows replaces what came before. */
  corrective: boolean;
  /** The clause echoes a question back ("Chest pain?", "Me?"). */
  echo: boolean;
}

// ---- splitting -------------------------------------------------------------------------------

/** English connectives that open a new clause (kept at the start of the clause they open). */
const EN_CONNECTIVE = /\b(?:but|though|although|however|well|actually|i mean|no wait|wait|oh|only|except|apart from|otherwise|then|and then|anyway|sorry|no sorry)\b/g;
/** Mandarin connectives that open a new clause. */
const ZH_CONNECTIVE = /哦不对|噢不对|啊不对|不对不对|不对|哦不是|说错了|我说错了|应该是|但是|可是|不过|就是|只是|倒是|然后|后来|现在|目前|其实|除了|另外|而且/gu;

/** A clause as cut from the raw turn, with what only the raw text shows (question marks, "I mean"). */
export interface RawClause {
  text: string;
  /** The raw piece ended with a question mark. */
  asked: boolean;
  /** The raw piece opened with a self-correction (which normalisation may drop as a filler). */
  corrects: boolean;
}

const PUNCT_ZH = /([\s,，。！？?!；;、…—–~～]+|\.{2,})/u;
const PUNCT_EN = /([,;!?…—–]+|\.(?!\d)|\s-\s|\s-$|^-\s)/u;

/** Split on punctuation first; each piece then at connectives. */
export function rawClauses(utterance: string, lang: Lang): RawClause[] {
  const parts = utterance.split(lang === 'zh' ? PUNCT_ZH : PUNCT_EN);
  const out: RawClause[] = [];
  let carry = false;
  for (let i = 0; i < parts.length; i += 2) {
    const piece = lang === 'en' ? parts[i]!.toLowerCase() : parts[i]!;
    const delim = parts[i + 1] ?? '';
    const re = lang === 'zh' ? ZH_CONNECTIVE : EN_CONNECTIVE;
    re.lastIndex = 0;
    const cuts = [0];
    for (const m of piece.matchAll(re)) {
      // The concessive topic stays one clause: 疼倒是不疼, 发烧倒没有 (the topic is short and opens the piece).
      if (lang === 'zh' && /^倒/u.test(m[0]) && m.index <= 4 && cuts.length === 1) continue;
      if (m.index > 0) cuts.push(m.index);
    }
    cuts.push(piece.length);
    const subs: RawClause[] = [];
    for (let j = 0; j + 1 < cuts.length; j++) {
      const raw = piece.slice(cuts[j], cuts[j + 1]).trim();
      if (raw.length === 0) continue;
      const corrects: boolean = carry || (lang === 'en' ? EN_CORRECT : ZH_CORRECT).test(raw);
      const text = normalizeUtterance(raw, lang).trim();
      if (text.length === 0) {
        carry = corrects;
        continue;
      }
      carry = false;
      subs.push({ text, asked: false, corrects });
    }
    if (subs.length > 0 && /[?？]/u.test(delim)) subs[subs.length - 1]!.asked = true;
    out.push(...subs);
  }
  // "啥，头痛啊？", "What? Chest pain?": a short clause right after a bare "what" repeats the question.
  for (let i = 1; i < out.length; i++) {
    const short = lang === 'zh' ? out[i]!.text.length <= 6 : out[i]!.text.split(' ').length <= 4;
    if (short && (lang === 'zh' ? /^(?:啥|什么|啥子|哈|啥子哟)$/u : /^(?:what|pardon|sorry|eh|huh|come again)$/).test(out[i - 1]!.text)) out[i]!.asked = true;
  }
  return out;
}

export function splitClauses(utterance: string, lang: Lang): string[] {
  return rawClauses(utterance, lang).map((c) => c.text);
}

// ---- per-clause features ---------------------------------------------------------------------

const EN_DENIAL = /^(?:(?:[a-z']+ ){0,3}(?:no|nope|nah|not really|not at all|none|never))$|^(?:no|nope|nah)\b(?! (?:wait|sorry))|^not (?:really|at all|problems?|much)\b|^i (?:don'?t|do not) think so$/;
const EN_NEG = /\b(?:no|not|never|none|nothing|without|nor|neither|hardly|barely)\b|n'?t\b/;
const EN_AFFIRM = /^(?:yes|yeah|yep|yup|ya|aye|sure|of course|definitely|absolutely|correct|right|that'?s right|it is|i do|i did|i have|uh huh|mhm)\b/;
const EN_PAST = /\b(?:yesterday|last (?:night|week|month|time|year)|the first (?:day|night|week)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: night| morning)?|days? ago|weeks? ago|before (?:the operation|i came in|i went in|admission|the surgery)|in hospital|used to|back then|at first|was|were|had)\b/;
const EN_RESOLVED = /\b(?:gone(?! (?:further|up|higher|worse|bigger|redder|past|over the|into|to))|went away|stopped|cleared(?: up)?|clear now|settled|resolved|healed|over now|fine now|ok now|okay now|better now|nothing since|not since|no more|not any ?more|no longer|took it out|came out|finished)\b/;
const EN_WORSE = /\b(?:worse|(?:gone|spread|moved|got) further|getting worse|going up|gone up|bigger|spreading|spread|past the line|more and more|increasing|keeps? (?:me )?(?:up|getting)|back just as bad|just as bad)\b/;
const EN_CURRENT = /\b(?:now|still|currently|at the moment|right now|today|this morning|these days|since)\b/;
const EN_HYPO = /\b(?:if|would|could|might|in case|suppose|what if|nearly|almost)\b/;
const EN_MIN = /\b(?:just|only|a (?:little|bit|touch|tad)|bit of|slightly|nothing much|not much|nothing (?:really|serious)|it'?s nothing|hardly|barely|mild)\b/;
const EN_UNSURE = /\b(?:maybe|perhaps|possibly|probably|i think|i guess|i suppose|not sure|don'?t know|dunno|might|seems?|sort of|kind of)\b/;
const EN_OTHER = /^(?:(?:my|our|his|her) (?:husband|wife|son|daughter|mum|mom|mother|dad|father|brother|sister|child|kid|baby|partner|neighbou?r|friend|grandson|granddaughter)|(?:he|she|they)\b|(?:mum|mom|dad)\b)/;
const EN_CORRECT = /^(?:actually|no wait|wait|i mean|sorry|no sorry|oh you mean|well actually|correction|or rather)\b|\bactually\b/;

const ZH_DENIAL = /^(?:没有?|没得|不是|不|没呢|没有啊|没有的|不会|不用|[\u4e00-\u9fff]{1,3}(?:倒)?(?:没有|不(?![了动住起来下去着])[\u4e00-\u9fff]))$/u;
const ZH_NEG = /不|没|无|未|别/u;
const ZH_AFFIRM = /^(?:是|是的|对|对的|有|有的|嗯|嗯嗯|好|好的|行|可以|会|要)$/u;
const ZH_PAST = /以前|之前|原来|那时候?|当时|住院(?:之前|前|的时候)|前天|昨天|大前天|上(?:个)?(?:周|星期|礼拜|月)|过(?!敏)|第一天|刚开始|开始的时候/u;
const ZH_RESOLVED = /(?:退|消|停|止|好|愈合|结痂|干|没|不[\u4e00-\u9fff]{0,2})了|没再|不再|已经好|好多了/u;
const ZH_WORSE = /越来越|加重|更(?:厉害|严重|重|疼|痛|难受)|反而|变大|扩大|蔓延/u;
const ZH_CURRENT = /现在|目前|这两天|这几天|今天|还在|还有|还是|一直/u;
const ZH_HYPO = /如果|要是|万一|假如|的话|会不会|差点|差一点|险些/u;
const ZH_MIN = /一点点?|有点|稍微|没什么|没啥|不严重|不多|小毛病|老毛病|没事/u;
const ZH_UNSURE = /可能|也许|或许|大概|好像|应该|估计|不知道|不确定|说不好|不清楚/u;
const ZH_OTHER = /^(?:是|就是|但是)?(?:我|咱)?(?:老伴|老公|爱人|媳妇|老婆|儿子|女儿|闺女|孩子|孙子|孙女|妈|爸|妈妈|爸爸|母亲|父亲|婆婆|公公|丈夫|妻子|邻居|他|她)/u;
const ZH_CORRECT = /^(?:哦不对|噢不对|啊不对|不对不对|不对|哦不是|说错了|我说错了|应该是|其实)/u;

/**
 * The clause reports a good state and names no complaint: "胸口好得很", "一觉睡到天光",
 * "吃得蛮好的", "sleeping like a log". It answers a question about a problem with no, never yes.
 */
export function reportsWell(text: string, lang: Lang): boolean {
  if (lang === 'en') {
    return /\b(?:fine|good|great|grand|ok|okay|alright|all right|normal|(?:like )?a (?:log|baby)|through the night|all night|no bother)\b/.test(text)
      && !/\b(?:not|isn'?t|wasn'?t|aren'?t|never|but|except|apart)\b|n'?t (?:so|that|very|too) /.test(text)
      && !/\b(?:pain\w*|hurt\w*|ache\w*|sore|swell\w*|swollen|bleed\w*|sick|dizz\w*|breath\w*|cough\w*|itch\w*|weak\w*|numb\w*|tight|burn\w*)\b/.test(text);
  }
  return /(?:很|挺|蛮|都|还|特别|老|非常)(?:好|正常|舒服)|好得很|好着呢|好好的|正常|不错|没事|舒服|(?:一觉|一晚上)(?:睡)?到|香/u.test(text) && !/疼|痛|肿|吐|晕|喘|咳|烧|痒|麻|胀|酸|慌|闷|血|脓|软|没劲|无力|难受|不(?:太|怎么|大|是很|是太)?(?:好|正常|舒服)/u.test(text);
}

/**
 * Negation of degree, not of the fact: "never this bad", "not too bad", "not as bad as before",
 * 没那么疼, 不太厉害. The fact stays present, minimised.
 */
const EN_DEGREE_NEG = /\b(?:not|never|isn'?t|wasn'?t|hasn'?t been) (?:(?:as|this|that|so|too|very) (?:bad|much|often|severe|strong|painful)|as bad as \w+|like (?:this|that) before)\b/g;
const ZH_DEGREE_NEG = /(?:没|没有|不)(?:那么|这么|以前那么|之前那么|太|很|特别)(?=[疼痛厉害严重难受重痒肿晕])/gu;

/** The clause without its negations of degree (for the negation tests). */
export function withoutDegree(text: string, lang: Lang): string {
  return lang === 'en' ? text.replace(EN_DEGREE_NEG, 'a bit') : text.replace(ZH_DEGREE_NEG, '有点');
}

export function analyzeClause(text: string, lang: Lang, raw?: Pick<RawClause, 'asked' | 'corrects'>): Clause {
  const en = lang === 'en';
  const t = text;
  const plain = withoutDegree(t, lang);
  const echo = raw?.asked === true || (en ? /\?$/.test(t) || /^me$/.test(t) : /[吗么]$|想问|请问|问一下|问下|怎么(?:吃|办|弄|回事)|是不是|要不要|能不能/u.test(t));
  const resolved = (en ? EN_RESOLVED : ZH_RESOLVED).test(t);
  const worse = (en ? EN_WORSE : ZH_WORSE).test(t);
  const past = (en ? EN_PAST : ZH_PAST).test(t);
  const current = (en ? EN_CURRENT : ZH_CURRENT).test(t);
  const time: ClauseTime = worse ? 'worsening' : resolved ? 'resolved' : current ? 'current' : past ? 'past' : 'unspecified';
  return {
    text: t,
    denial: (en ? EN_DENIAL : ZH_DENIAL).test(plain),
    negated: (en ? EN_NEG : ZH_NEG).test(plain),
    affirmation: (en ? EN_AFFIRM : ZH_AFFIRM).test(t),
    time,
    hypothetical: (en ? EN_HYPO : ZH_HYPO).test(t),
    minimised: plain !== t || (en ? EN_MIN : ZH_MIN).test(t),
    uncertain: (en ? EN_UNSURE : ZH_UNSURE).test(t),
    subject: (en ? EN_OTHER : ZH_OTHER).test(t) ? 'other' : 'patient',
    corrective: raw?.corrects === true || (en ? EN_CORRECT : ZH_CORRECT).test(t),
    echo,
  };
}

/** The clauses of a turn with their features. */
export function clauses(utterance: string, lang: Lang): Clause[] {
  return rawClauses(utterance, lang).map((c) => analyzeClause(c.text, lang, c));
}

/**
 * The part of a turn after its last self-correction ("Four. No, five", "六十五公斤，不对，六十三",
 * "no sorry, the opposite", "三十八度五 哦不 三十八度三"), or null when the caller did not correct themselves. A bare "no"
 * followed by a new value counts as a correction only when `valueFollows` says the rest carries
 * the kind of value being read (a number for numbers and scales).
 */
export function correctedTail(utterance: string, lang: Lang, valueFollows?: (rest: string) => boolean): string | null {
  const text = lang === 'zh' ? utterance : utterance.toLowerCase();
  const re = lang === 'zh'
    ? /(?:哦|噢|啊|呃)?不对(?:不对)?|(?:哦|噢)不是|(?<=^|[\s，,。…])不是(?=[\s，,。…])|(?:我)?说错了|(?:刚才)?(?:记|看|量|听)(?:错|岔)了|(?:哦|噢|呃)不(?![对是])|(?<=^|[\s，,。…])不不(?:不)?/gu
    : /\b(?:no wait|wait|actually|i mean|sorry|no sorry|or rather|correction)\b|(?:^|[.,;!?…—–]\s*)(?:no|nope)\b/g;
  let cut = -1;
  for (const m of text.matchAll(re)) {
    const rest = text.slice(m.index + m[0].length);
    if (valueFollows && !valueFollows(rest)) continue;
    cut = m.index + m[0].length;
  }
  if (cut < 0) return null;
  const tail = utterance.slice(cut).replace(/^[\s,，。.、:：;；!！?？…—–-]+/u, '');
  return tail.length > 0 ? tail : null;
}
