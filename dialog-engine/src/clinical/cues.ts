/**
 * Language cues around a mention: what splits a clause, what negates, what puts a symptom in the
 * past, what says it has gone, and who the sentence is about. Recognizer text has no punctuation,
 * so clause breaks also come from conjunctions and time words.
 */
import { oneWordRegExp } from './one-word.js';
import type { ClinicalLang } from './types.js';

export interface Cues {
  /** Zero-width split points (before these words) plus punctuation. */
  breaker: RegExp;
  /** Negators that precede a symptom ("没有发烧", "no fever"). */
  negator: RegExp;
  /** "不" style negators that must sit right before the symptom (zh only). */
  closeNegator: RegExp | null;
  /** Words allowed between a negator and the symptom it negates (lists, hedges). */
  gapFiller: RegExp;
  /** Maximum leftover gap (zh: characters, en: words) for the negator to still apply. */
  maxGap: number;
  /** A negation right after the symptom: "发烧倒是没有". */
  postNegation: RegExp | null;
  /** The finding named and said to be normal right after it: "喘气正常", "breathing's fine". */
  postNormal: RegExp;
  /** Resolution after the mention in the same clause: "已经好了", "went away". */
  resolution: RegExp;
  /** A clause that is nothing but a resolution: "现在好了", "it's gone now". */
  resolutionClause: RegExp;
  /** Distant-past markers: "以前", "last year". */
  past: RegExp;
  /** Markers that keep a past-marked symptom current: "还", "一直", "still". */
  ongoing: RegExp;
  /**
   * A clause that opens with the present ("今天发烧", "now fever") is not put in the past by a
   * time word in the clause before it ("上周做了手术 今天发烧").
   */
  current: RegExp;
  /**
   * A question about a what-if ("要是胸口疼怎么办", "what should I do if I get chest pain"): the
   * symptom is not present. `before` must end right before the mention (same clause); `after`,
   * when set, must follow it.
   */
  hypothetical: { before: RegExp; after: RegExp | null };
  /**
   * A near miss before a swallowing or poisoning mention ("差一点把降压药吃了", "nearly swallowed
   * it but I took it off him"): it did not happen. Only for ingestion ids (a near faint is real).
   */
  nearMiss: RegExp;
  /** What separates items of a list ("a, b or c", "甲、乙、丙"); with listNegator, a negated list. */
  listSeparator?: RegExp;
  /** A list item that opens a negated list ("no headache", "denies fever", "没有头痛"). */
  listNegator?: RegExp;
  /** A list item that is a clause with its own subject ("she fell..."): not a list of findings. */
  listItemClause?: RegExp;
  /** A correction right after a mention that takes it back ("- well, no, not ..."). */
  selfCorrection?: RegExp;
  /** Words between a negator and a mention that end the negator's reach ("没发烧我抽烟": 我 starts a new clause). */
  scopeBreaker?: RegExp;
  /** After a negated word, what makes it an adjective of the next one ("无痛性…", "painless …"). */
  negatedAdjective?: RegExp;
  /** An either-or question echoed before the mention ("问我想不想…", "有没有…"). */
  echoQuestion?: RegExp;
  /** The answer to it, at the start of the next clause: no ("那倒没有", "没有"). */
  echoDenial?: RegExp;
  /** Mentions of someone other than the patient. */
  other: RegExp;
  /** Mentions of the patient (first person) that switch the subject back. */
  self: RegExp;
  /** Inner negation inside a matched span (zh gap patterns such as 胸口不疼). */
  innerNegation: RegExp | null;
  /** Negation words that are part of a symptom phrase (不舒服, 抬不起来), removed before that check. */
  innerLexical: RegExp | null;
}

const ZH_KIN =
  '儿子|女儿|闺女|孩子|小孩|小孩子|宝宝|宝贝|婴儿|娃|娃娃|孙子|孙女|外孙|外孙女|老公|丈夫|先生|爱人|老伴|老婆|媳妇|妻子|太太|' +
  '妈妈|妈|母亲|老妈|爸爸|爸|父亲|老爸|老爷子|老太太|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|岳父|岳母|丈母娘|' +
  '哥哥|哥|姐姐|姐|弟弟|妹妹|叔叔|阿姨|舅舅|姑姑|邻居|朋友|同事|同学|室友|老人|老人家';

const ZH_CUES_AS_WRITTEN: Cues = {
  breaker: /[，。,.;；!?！？、\s]+|(?=但是|可是|不过|然而|只是|现在|目前|今天|这两天|这几天|最近|后来|而且|并且|另外|还有|就是|然后|有点|有些|有一点|有时|也有|又有|还是有|倒是有|就有|今早|早上|晚上|昨晚|之前(?!就)|以前(?!就))/gu,
  negator: /没有|没|无|否认|未|从来没|并没|不/gu,
  closeNegator: /不(?:是|会|再|觉得|觉)?$/u,
  gapFiller:
    /什么的?|任何|其他的?|别的|说过|说要|说|想过|想要|要|啊|呀|哦|嗯|呃|也|和|或者|或|跟|及|还|都|感觉|觉得|感到|出现|出现过|发生|有过|有|过|明显的?|特别|太|一点儿?|的|了|再|又|怎么|真的|就|那些|这些|之类|等|以及|像|那个|这个|啥|么|吧|发生过/gu,
  maxGap: 1,
  postNegation: /^(?:[呢啊吧呀的嘛]|倒是|倒|也|都|是|还|就|嘛)*(?:没有|没|无)(?!好|减轻|缓解|退|消|停|怎么|见|以前|那么|原来|之前|上次|变化|加重|什么变化|缓|想|打算|干|做|说|去|吃|敢|告诉|跟|劲|力|知觉|感觉|反应|精神)/u,
  postNormal: /^(?:[气息吸声色]|起来|上)?(?:[呢啊吧呀的嘛都也还倒]|一切)*(?:正常|没(?:什么|啥)?问题|没事|挺好的?|顺畅|平稳|不费劲|好好的)|^(?:[气息吸声色]|起来|上)?倒(?:是)?(?:还)?(?:行|好|可以)/u,
  resolution:
    /(?:已经|都|早就|早|现在|基本)?(?:(?<!准备|做|弄|想|说|搞|安排|收拾|写|买|定|约|商量|计划|装|找|备|配|绑|系|穿|打包|攒|存|囤|藏|选|挑|磨|拿|放)好了|(?<!准备|做|弄|想|说|搞|安排|收拾|写|买|定|约|商量|计划|装|找|备|配|绑|系|穿|打包|攒|存|囤|藏|选|挑|磨|拿|放)好啦|没了|没事了|消了|退了|停了|止住了|缓解了|消失了|没有了|痊愈|康复了|恢复了|过去了(?!的)|不(?:怎么|太)?(?:疼|痛|晕|咳|咳嗽|烧|发烧|热|喘|吐|拉|泻|痒|肿|闷|慌|麻|红|流|渗|酸|胀|难受|憋|恶心|出血|流血|头疼|头晕|心慌)了)/u,
  resolutionClause:
    /^(?:现在|目前|已经|早就|后来|但是?|不过|可是|今天|昨天|这两天|这几天|最近|吃了药|吃药以后|休息(?:了)?(?:一下|一会儿?)?(?:就|以后)?)*(?:就|都|也|基本|基本上)?(?:好了|好啦|没了|没事了|没有了|消了|退了|停了|止住了|缓解了|消失了|恢复了|痊愈了|不(?:怎么|太)?(?:疼|痛|晕|咳|咳嗽|烧|发烧|热|喘|吐|拉|泻|痒|肿|闷|慌|麻|红|流|渗|酸|胀|难受|憋|恶心|出血|流血|头疼|头晕|心慌)了)[了啊呀吧]*$/u,
  past: /以前|之前|曾经|去年|前年|上个月|上上个月|上(?:个)?(?:礼拜|星期|周)|小时候|年轻(?:的)?时候|那时候|(?<![昏晕厥倒死])过去|几年前|多年前|前几年|前些年|早些年|好几年前|上次|前段时间|得过|患过|有过|犯过/u,
  ongoing: /还|又|一直|仍然|依然|到现在|至今|现在也|开始|持续|老是|总是|反复/u,
  current: /^(?:现在|目前|今天|今早|今晚|这两天|这几天|刚才|刚刚)/u,
  hypothetical: {
    before: /(?:要是|如果|万一|假如|假设|假使|若是)[^，。,.?？]{0,6}$/u,
    after: /^[^，。,.?？]{0,8}?(?:怎么办|咋办|怎么处理|该怎么|要怎么|怎么弄|该咋|应该怎么|应该咋|要不要|需不需要|用不用)/u,
  },
  nearMiss: /(?:差一点|差点儿?|险些|几乎|想要|刚要|正要)(?:就)?[^，。,.;；!?！？]{0,8}$/u,
  listSeparator: /、\s*$/u,
  negatedAdjective: /^(?:性|的)/u,
  scopeBreaker: /[我你俺咱]|(?<!其)他(?!克莫司|汀)|她|然后|但是|可是|不过/u,
  listNegator: /(?:^|[，,\s])(?:也)?(?:没有|没|无|未|否认|不)[^，,、]{1,8}$/u,
  echoQuestion: /(?:想不想|有没有|会不会|是不是|要不要|有木有|曾不曾)[^，。,.;；!?！？]{0,3}$/u,
  // A bare no only ("那倒没有", "没有 从来没想过"): "是不是中风 没法说话" is not a denial.
  echoDenial: /^(?:那|这|这个|那个)?(?:倒|倒是|可)?(?:是)?(?:没有|没|不会|不想|不是|从来没有?|从没有?|从来不)(?=$|[\s,，。.;；!?！？]|那么想|这么想|想过|过|啊|呢|吧|的|从来|绝对)/u,
  other: new RegExp(`(?:我|俺|我们|咱)?(?:家)?(?:的)?(?:${ZH_KIN})|孩子他爸|孩子他妈|他们|她们|(?<![伐其])他(?!克莫司|汀|莫昔芬)|她|病人|患者`, 'gu'),
  self: /(?:我|俺|本人|自己)(?!家|们|的?(?:儿子|女儿|闺女|孩子|小孩|宝宝|老公|丈夫|爱人|老伴|老婆|媳妇|妈|爸|父亲|母亲|爷爷|奶奶|外公|外婆|哥|姐|弟|妹|邻居|朋友)|觉得|想问|想咨询|担心|怕|是他|是她|跟|给|帮|替|陪|带|说|看他|看她|问)/gu,
  innerNegation: /[没不无未]/u,
  innerLexical: /差不多|不止|不齐|不规则|不整|不下于?|不到|不久|不停地?|不断|不了了之|不(?:太|大|怎么|是很)?舒服|不适|不得劲|不对劲|不舒坦|不好受|不带劲|不对劲|不清楚?|不利索|不利落|不灵活?|不听使唤|不上|不过|不动|不起来?|不了|不住|不停|不醒|不着|没劲|没有?力气?|没知觉|不见好|不好|不连贯|不稳|不正常/gu,
};

const EN_KIN =
  'son|daughter|kid|kids|child|children|baby|infant|newborn|toddler|wife|husband|partner|spouse|mom|mum|mother|dad|father|' +
  'grandma|grandmother|grandpa|grandfather|granny|grandson|granddaughter|brother|sister|friend|neighbou?r|boyfriend|girlfriend|' +
  'uncle|aunt|roommate|colleague|patient|parents?|family member|little one|boy|girl';

export const EN_CUES: Cues = {
  breaker:
    /[,.;!?]+|\s+(?=\b(?:but|however|though|although|except|just|only|apart from|now|currently|today|these days|lately|recently|then|also|plus|and (?:i|he|she|my|his|her|now|also|then|it|the)|which|so)\b)/gu,
  negator:
    /\b(?:no|not|never|without|denies|deny|denied|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|hadn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|neither|nor|none|free of|negative for|no longer|ain'?t|nothing like)\b/gu,
  closeNegator: null,
  gapFiller:
    /\b(?:a|an|any|the|have|has|had|having|got|get|getting|feel|feeling|felt|experienced?|experiencing|notice[ds]?|really|much|more|other|or|and|i|i'?m|i'?ve|he|she|they|it|is|am|are|was|were|be|been|think|believe|any more|anymore|that|some|real|major|serious|signs? of|symptoms? of|complain(?:ing|ed)? of|of|at all|all|bad|too|very|ever|do|does|did|so far|yet|really had|suffer(?:ing|ed)? from|with|my|his|her|want(?:s|ed)? to|wanna|going to|gonna|plan(?:s|ned|ning)? to|intend(?:s|ed)? to|thoughts? (?:of|about)|thinking (?:of|about)|ideas? (?:of|about)|urges? to)\b/gu,
  maxGap: 1,
  // "chest pain? no." / "fever - none": a bare no right after the symptom.
  postNegation: /^\s*(?:\?|:|-)\s*(?:no|nope|nah|none|not really|nothing)\b/u,
  postNormal: /^(?:'s|s)?\s*(?:is |are |was |seems |looks |feels )?(?:completely |totally |absolutely |all )?(?:normal|fine|ok|okay|unaffected|clear)\b/u,
  resolution:
    // "he's gone all pale" is became, not over.
    /\b(?:gone(?! (?:really |very |all |quite |a bit |so )?(?:pale|grey|gray|white|blue|red|quiet|floppy|cold|clammy|yellow|purple|limp|stiff|further|worse|up|funny|weird|sleepy|drowsy))|went away|go(?:ne)? away|resolved|cleared up|stopped|settled(?: down)?|no longer|not any ?more|is over|are over|subsided|passed|disappeared|better now|fine now|all better|recovered|got better)\b/u,
  resolutionClause:
    /^(?:but |and |now |it'?s |it is |it |they |that |which |they'?re |they are |that'?s |that is |which is |its |it has |it'?s been |i'?m |i am )*(?:all )?(?:gone|better|fine|ok|okay|resolved|over|stopped|cleared up|went away|not anymore|no more|fine now|better now)(?: now)?$/u,
  past: /\b(?:last (?:year|month|week)|years? ago|months? ago|used to|in the past|previously|history of|once had|as a (?:child|kid)|when i was (?:young|little|a kid)|a long time ago|had (?:it|one) before|years back)\b/u,
  ongoing: /\b(?:still|again|since|ever since|keeps?|keep|ongoing|continu\w*|getting worse|worse)\b/u,
  current: /^(?:now|currently|today|tonight|this morning|right now|these days)\b/u,
  hypothetical: {
    before: /\b(?:what (?:should|do|would|can|shall|could) (?:i|we|he|she|you|they) do|what (?:happens|to do)|what if|(?:just )?in case)\b[^.?!]{0,40}$/u,
    after: null,
  },
  nearMiss: /\b(?:almost|nearly|was about to|were about to|tried to|trying to|went to)\b[^.,;!?]{0,30}$/u,
  listSeparator: /,\s*$/u,
  listNegator: /(?:^|[-:–—]\s*|^\w+\s+[-:–—]?\s*)(?:no|nil|without|denies|denied|negative for|free of|no signs? of|no history of|not any)\s+(?:\S+\s*){1,4}$/u,
  listItemClause: /^(?:and |but |or )?(?:i|i'?m|i'?ve|he|she|it|they|we|you|he'?s|she'?s|it'?s|they'?re|we'?re|my|his|her|their|our|the \w+ (?:is|was|has))\b/u,
  selfCorrection: /^\s*[-–—,.]*\s*(?:well|actually|sorry|i mean|no wait|wait)[,.]?\s+no\b/u,
  other: new RegExp(`\\b(?:my|our|his|her|their|the)\\s+(?:\\w+\\s+)?(?:${EN_KIN})\\b|\\b(?:he|she|they|him|his|her|he'?s|she'?s|they'?re|them)\\b`, 'gu'),
  self: /\b(?:i(?!\s+(?:think|thought|guess|wonder|was wondering|want|wanted|would|need to ask|am calling|'?m calling|am worried|'?m worried|am not sure|'?m not sure|don'?t know|do not know|believe|am scared|'?m scared|called|found))|i'?m|im|i'?ve|ive|me|myself)\b|\bmy\b(?!\s+(?:\w+\s+)?(?:son|daughter|kid|kids|child|children|baby|infant|newborn|toddler|wife|husband|partner|spouse|mom|mum|mother|dad|father|grand\w*|granny|brother|sister|friend|neighbou?r|boyfriend|girlfriend|uncle|aunt|roommate|colleague|parents?|family|little one|boy|girl)\b)/gu,
  innerNegation: null,
  innerLexical: null,
};

/** Every regular expression of a cue set read with one-word synonyms (see one-word.ts). */
function withOneWord(c: Cues): Cues {
  const map = (v: unknown): unknown => (v instanceof RegExp ? oneWordRegExp(v) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)])) : v);
  return map(c) as Cues;
}

/** Mandarin cues as the rules read them: narratives have 痛 as 疼, so the cues do too. */
export const ZH_CUES: Cues = withOneWord(ZH_CUES_AS_WRITTEN);

export function cuesFor(lang: ClinicalLang): Cues {
  return lang === 'zh' ? ZH_CUES : EN_CUES;
}
