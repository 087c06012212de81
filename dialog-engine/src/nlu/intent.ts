/**
 * Global intents checked before every step: human, opt-out, repeat, wrong-person,
 * busy-call-later, emergency. Negated mentions do not count ("我不需要人工", "不用再说一遍",
 * "i don't need an operator").
 */
import { normalizeUtterance, pinyinFind, type Lang } from '../text/index.js';
import type { IntentId } from './types.js';

type Rule = [IntentId, RegExp];

/** Order matters: emergency first (safety), then opt-out before human ("别打了 找人也没用"). */
const ZH_RULES: Rule[] = [
  ['emergency', /救命|救救我|帮帮我|快来帮|快来救|快不行了|不行了快|要死了|叫救护车|打120|打一二零|叫120|叫一二零|快来人|出大事了|晕倒了|昏过去了|没气了|没呼吸了|喘不上气了|心脏病犯了|快死了/u],
  // 不用 + 打 alone may be about an injection (不用打了): 不用 needs 给我 / 电话 / 以后 to be an opt-out.
  ['opt-out', /(?:别|不要)(?:再|老|总|每次)?(?:给我|往我这儿?|找我)?(?:再)?(?:打|拨)(?:这种|这类|这样的|这些|你们的)?(?:电话|过来)?(?:了|$)|(?:不用|不必|甭|无需|没必要)(?:再|老|总|每次)?(?:给我|往我这儿?|找我)(?:再)?(?:打|拨)(?:电话|过来)?(?:了|$)|(?:不用|不必|甭|无需|没必要)(?:再)?(?:给我)?(?:打|拨)电话(?:了|$)|以后(?:就)?(?:不用|不必|甭)(?:再)?(?:给我)?(?:打|拨)|别(?:再)?(?:给我)?打(?:电话)?了|不要(?:再)?(?:给我)?打(?:电话)?了|不要再打|别再打|以后别打|以后不要打|再也别打|拉黑|取消随访|不想(?:再)?(?:接|参加)|退订|不需要(?:这个)?随访|不要(?:这个)?随访|别(?:再)?联系我|不要(?:再)?联系我|把我(?:的)?(?:号码|电话|手机号)?(?:给)?删(?:了|掉)|(?:删除|删掉)我的(?:号码|电话)|骚扰电话|别烦我|不要烦我/u],
  ['human', /(?:找|叫|请|换)(?:你们|个|一个|一位|你们的)?(?:护士|医生|大夫|人工|真人|工作人员|负责人|领导|主任)(?![看开查说了过])|(?:要|让|请)(?:人工|真人|(?:你们)?(?:的)?(?:值班|主治|管床|主管|负责的|我的|那个)?的?(?:护士|医生|大夫)(?:接|来|跟我|和我|给我(?:打|回)|回电|回个电|联系我))|投诉|不要机器人?|不想(?:跟|和)机器|别用机器|机器人(?:没用|不行|听不懂)|转人工|人工服务|人工客服|找人工|要人工|接人工|真人|活人|(?:护士|医生|大夫)(?:接电话|来接|接一下)|和人说话|跟人说话|跟人讲|和人讲|找个人|找人(?:说|聊|讲)|转接|接线员|客服|值班护士/u],
  ['repeat', /^(?:什么|啥|啥子|你说啥|你说什么|什么意思|喂喂)$|说慢一?点|慢一?点说|慢点儿说|再说一遍|再说一次|再讲一遍|再讲一次|重复一(?:遍|下|次)|重说|没听清|没听见|没听到|听不清|听不见|听不懂|你说什么|说啥|啥意思|什么意思|你刚才说|再来一遍|大声点|说慢点|没听明白|再念一遍/u],
  ['wrong-person', /我是(?:他|她)的?(?:女儿|儿子|老婆|老伴|爱人|妻子|丈夫|老公|孙子|孙女|家属|媳妇|女婿|妈妈?|爸爸?|母亲|父亲|姐姐?|妹妹?|哥哥?|弟弟?|保姆|护工|邻居|朋友|同事)|打错了|打错电话|你打错|不是我(?:本人)?$|我不是(?:他|她|本人|那个人|病人|患者|[\u4e00-\u9fff]{1,3}(?:先生|女士|阿姨|大爷|老师|师傅))|不是本人|他不在|她不在|不在家|不认识(?:这个人|他|她)|没有这个人|没这个人|没有这人|找错人|他去世了|她去世了|已经去世|人已经走了|号码换了|换号了/u],
  ['busy-call-later', /(?:回头|改天|以后|下次|晚点|等会儿?|待会儿?|过会儿?)再说|在开车|开着车|在忙|正忙|很忙|忙着|没空|没时间|不方便|等会(?:儿)?再打|等一会(?:儿)?再|晚点(?:再)?打|晚些(?:再)?打|过会(?:儿)?再?打|回头再?打|改天(?:再)?打|明天再打|下午再打|晚上再打|一会(?:儿)?再打|待会(?:儿)?再?打|在上班|在开会|在外面|稍后再|现在不行|现在说话不方便|等下再打|在吃饭|在睡觉/u],
];

const EN_RULES: Rule[] = [
  ['emergency', /\b(?:help me|help help|call (?:an |the )?ambulance|call 911|call 120|call 999|emergency|i'?m dying|i am dying|can'?t breathe|cannot breathe|he'?s not breathing|she'?s not breathing|not breathing|passed out|collapsed|heart attack|having a stroke|unconscious|save me)\b/],
  ['opt-out', /\b(?:(?:asked|told) you (?:not to|to stop) call|stop calling|(?:don'?t|do not|never|not|no) (?:to )?(?:call|ring|phone|contact|bother) (?:me )?(?:again|anymore|any more|no more)|stop (?:ringing|phoning|bothering|contacting) me|do not call|never call|quit calling|remove me|take me off|unsubscribe|opt out|no more calls|leave me alone|not interested|don'?t want (?:these|this|any) calls?|cancel (?:the |my )?follow ?ups?|delete my number|put me on (?:the|your) do not call)\b/],
  ['human', /\b(?:(?:don'?t|do not) want (?:to talk to )?(?:a |this |the )?(?:robot|machine|computer)|not a (?:robot|machine)|(?:real|live|actual) (?:person|human|nurse|doctor|agent|operator)|human|operator|representative|agent|talk to (?:a |the |my )?(?:person|nurse|doctor|someone|somebody|staff)|speak (?:to|with) (?:a |the |my )?(?:person|nurse|doctor|someone|somebody|staff)|transfer me|put me through|connect me|get me (?:a |the )?(?:nurse|doctor)|a nurse please|nurse please|doctor please|customer service)\b/],
  ['repeat', /\b(?:(?:i )?(?:don'?t|do not|didn'?t|did not|not|no) (?:understand|get|hear|catch)(?: (?:you|that|it|what you said|the question))?$|(?:i )?(?:don'?t|do not|didn'?t|did not|not|no) (?:understand|hear|catch)\b(?= (?:again|please|sorry|say|repeat|what))|(?:i )?missed (?:that|what you said)|slow down|say (?:that|it) again|repeat (?:that|it|please|the question)?|pardon|sorry what|what did you say|come again|didn'?t (?:catch|hear|get) (?:that|you|it)|can'?t hear|couldn'?t hear|one more time|again please|what was that|say what|speak up|slower please|huh\??$|excuse me\??$|what\??$|sorry\??$)/],
  ['wrong-person', /\b(?:(?:this is|i'?m|i am) (?:his|her) (?:daughter|son|wife|husband|mother|mom|father|dad|sister|brother|granddaughter|grandson|caregiver|carer|neighbou?r|friend)|(?:he|she)(?:'s| is) (?:in (?:the )?hospital|at work|out|away|asleep|sleeping|not available)|wrong number|wrong person|this isn'?t (?:him|her|them|me)|that'?s not me|i'?m not (?:him|her|them|that person)|not (?:him|her) speaking|(?:he|she)(?:'s| is) not (?:here|home|in|available)|(?:he|she) isn'?t (?:here|home|in|available)|(?:no ?one|nobody|no body)(?: \w+){0,2} (?:by|with|called|named) (?:that|this|the) name|(?:no ?one|nobody) (?:here )?(?:called|named)|no such person|(?:doesn'?t|does not) live here|never heard of|(?:he|she) passed away|(?:he|she) died|you have the wrong)\b/],
  ['busy-call-later', /\b(?:call (?:me )?(?:back )?(?:in (?:an?|one|two|three|half an|a few|\d+|\w+) (?:hours?|minutes?|mins?)|this (?:afternoon|evening)|tonight)|call (?:me )?(?:back|later|again later|tomorrow|another time)|i'?m driving|i am driving|driving right now|i'?m busy|i am busy|busy right now|in a meeting|at work|(?:not|isn'?t|is not) (?:a |really a |the )?(?:good|great|convenient|right) time|not convenient|inconvenient|bad time|can'?t talk|cannot talk|try (?:again )?later|later please|some other time|another time|i'?m at work|i'?m in the middle of|ring me later|get back to me later)\b/],
];

/** Negation right before the trigger cancels it ("我不需要人工", "don't repeat"). */
const ZH_NEG_BEFORE = /(?:不需要|不用|不要|无需|没必要|不必|别|不想|用不着|不是要|不找)[\u4e00-\u9fff]{0,3}$/u;
const EN_NEG_BEFORE = /\b(?:don'?t|do not|no need to|not|no|never|without)(?: \w+){0,3}\s*$/;

/** Keywords worth a pinyin fallback (recognizer homophones): two+ syllables, distinctive. */
const ZH_FUZZY: Array<[IntentId, string]> = [
  ['human', '转人工'], ['human', '人工'], ['human', '护士'], ['opt-out', '拉黑'], ['opt-out', '随访'],
  ['wrong-person', '打错'], ['emergency', '救命'], ['emergency', '救护车'], ['repeat', '再说一遍'],
];

const ZH_NEG_NEAR = /不需要|不用|不要|无需|没必要|不必|用不着|不想|不找/u;

function negatedBefore(text: string, index: number, lang: Lang): boolean {
  const before = text.slice(0, index);
  if (lang === 'zh') return ZH_NEG_BEFORE.test(before) || ZH_NEG_NEAR.test(text.slice(Math.max(0, index - 4), index + 1));
  return EN_NEG_BEFORE.test(before);
}

export function detectIntent(utterance: string, lang: Lang): IntentId {
  // Fillers are dropped for robustness, but 这个/那个 can be content (没有这个人): try both forms.
  const texts = [...new Set([normalizeUtterance(utterance, lang), normalizeUtterance(utterance, lang, { dropFillers: false })])];
  for (const text of texts) {
    const hit = ruleIntent(text, lang);
    if (hit !== 'none') return hit;
  }
  return fuzzyIntent(texts[0] ?? '', lang);
}

function ruleIntent(text: string, lang: Lang): IntentId {
  if (text.length === 0) return 'none';
  const rules = lang === 'zh' ? ZH_RULES : EN_RULES;
  for (const [intent, re] of rules) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of text.matchAll(g)) {
      // Opt-out, wrong-person and busy phrases carry their own negation (别再打了, 不方便).
      if ((intent === 'human' || intent === 'repeat') && negatedBefore(text, m.index, lang)) continue;
      if (spokenOfSelf(intent, text, m.index, lang)) continue;
      if (intent === 'emergency' && negatedBefore(text, m.index, lang) && !/救命|help/u.test(m[0])) continue;
      return intent;
    }
  }
  return 'none';
}

/**
 * The caller repeating themself (我再说一遍, "i'll say it again") is no request to repeat, and
 * 没打错 / 不是打错 checks the number is right rather than saying it is wrong.
 */
function spokenOfSelf(intent: IntentId, text: string, index: number, lang: Lang): boolean {
  const before = text.slice(0, index);
  if (intent === 'repeat') return lang === 'zh' ? /我(?:都|已经|刚才|刚|就)?$/u.test(before) : /\bi(?:'ll| will)? $/.test(before);
  if (intent === 'wrong-person' && lang === 'zh') return /(?:没有?|不是|不会)$/u.test(before);
  return false;
}

/** Pinyin fallback for recognizer homophones of a few distinctive keywords (Mandarin only). */
function fuzzyIntent(text: string, lang: Lang): IntentId {
  if (lang !== 'zh' || text.length === 0) return 'none';
  for (const [intent, kw] of ZH_FUZZY) {
    const m = pinyinFind(text, kw, { fold: false });
    if (!m || negatedBefore(text, m.start, lang) || spokenOfSelf(intent, text, m.start, lang)) continue;
    if (intent === 'opt-out' && !/(?:取消|不要|不想|别)/u.test(text)) continue;
    if (intent === 'human' && !/(?:转|找|要|接|叫|让)/u.test(text.slice(Math.max(0, m.start - 2), m.start))) continue;
    return intent;
  }
  return 'none';
}
