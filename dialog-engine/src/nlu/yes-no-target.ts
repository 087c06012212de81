/**
 * Yes/no read against the question's target (yes-no-question-target.ts): what is asked about, whether the question is
 * universal ("every day", "regularly", 按时, 坚持), existential ("any X?", "have you had", 有没有),
 * conjunctive ("dry and clean"), about the patient or about someone else, and whether it screens
 * for a red flag. These readings run before the clause-by-clause ones (yes-no-clauses.ts) and
 * answer only when one of these classes of phone answers is recognised; otherwise null:
 *  - safety: a question screening a red flag is a yes on any sign of it ("sometimes I think it
 *    would be easier if I didn't wake up" to "thoughts of harming yourself?"), a denial before it
 *    notwithstanding;
 *  - the subject: clauses about someone else do not answer a question about the patient, and the
 *    speaker's own state does not answer a question about a relative;
 *  - the caller asks whether their fact counts as the asked target ("is that better?",
 *    "is that blood?", 算正常吧？): unclear;
 *  - rhetorical denial (好啥呀, 测啥呀, 推荐啥呀, 做个啥哟): no;
 *  - the Mandarin concessive topic (X倒是不X，就是Y / X是X，就是Y / X倒没有): a denied X answers
 *    for X whatever Y adds; a conceded X followed by a shortfall answers a question about an
 *    action or a good state with no, and one explained by another cause (那是天冷) with no;
 *  - attribution to another cause or place ("that's the bladder, not the pain", "it's my back
 *    that hurts, not the wound", 是胖不是肿): no to a problem question (never to a red-flag one);
 *  - a universal question with an exception ("only when I need them" to "regularly?", "The short
 *    one I stopped" to "as prescribed?", 也不是每天, 后来就没做了, "I try, but"): no;
 *  - a partial yes to a non-universal question ("During the day yes", 出门用，在家不用,
 *    "Part-time, mornings only"): yes;
 *  - indirect facts: not enough supply for the need ("I have for one week, the appointment is in
 *    three weeks"), a broken device for a measuring question, a pet for "anyone with you?", a
 *    scarcity word for an adequacy question ("eating like a bird", "two hours maybe");
 *  - an event that happened, however minimised or already over ("once, small, stopped by
 *    itself", 拉了两天今天好了, 没去……哦去了一趟) answers an existential question with yes;
 *    a later clause that states the asked action after a denial is the answer.
 */
import type { Lang } from '../text/index.js';
import { analyzeClause, reportsWell, withoutDegree, type Clause, type RawClause } from './clause.js';
import { aboutFamilies, anySymptomWord, askedFamilies, atAskedSite } from './symptom-families.js';
import type { YesNo } from './types.js';
import { contentOf, overlaps, SYNONYMS, targetOf, type Target } from './yes-no-question-target.js';

// ---- lexicons ---------------------------------------------------------------------------------

/** Passive wishes to be dead, said without the clinical words. */
const EN_PASSIVE_DEATH = /\b(?:easier if i (?:didn'?t|did not|never) wake|(?:wish|hope) i (?:didn'?t|wouldn'?t|would not|never) wake|not (?:wake|waking) up|better off (?:without me|dead)|don'?t (?:want|care) to (?:live|be here|go on)|no point (?:in )?(?:living|going on|anything)|(?:end|finish) it(?: all)?|want(?:ed)? to die|rather be dead|can'?t go on|don'?t see the point)\b/;
const ZH_PASSIVE_DEATH = /不想活|活着没(?:意思|劲)|活够了|死了算了|死了(?:倒)?(?:好|干净|省心)|一了百了|不如死|想死|睡过去(?:就)?(?:别|不)(?:醒|起来)|一觉不醒|拖累|没(?:啥|什么)?盼头|解脱/u;

/** The caller asks whether their fact counts as the target. */
const EN_COUNTS_Q = /\b(?:is (?:that|it|this)|does (?:that|it|this) (?:count|mean)|would (?:that|it) be|isn'?t (?:that|it)) (?:a |an |the )?([a-z]+)/;
const ZH_COUNTS_Q = /算(?:不算)?([\u4e00-\u9fff]{1,4}?)(?:吧|吗|么|呢)|(?:这|那)(?:是|算)(?:不是)?([\u4e00-\u9fff]{1,4}?)(?:吗|么|吧|呢)/u;

const EN_EXCEPTION = /\b(?:only (?:when|if|at|on|in|sometimes)|when i (?:need|remember|feel like|can)|(?:i )?stopped|sometimes|not (?:every|always|all)|most (?:days|nights|of the time)|except|i try|trying|skip\w*|miss(?:ed)?|forg[eo]t|ran out|run out|found (?:\w+ ){0,2}(?:under|in the bin|behind)|gave up|give up|now and then|on and off|once in a while)\b/;
const ZH_EXCEPTION = /停了|停药|不吃了|没吃了|断了|有时候?|偶尔|想起来(?:就|才)|不是每|也不是每|不是天天|不一定|尽量|忘了|漏了|后来(?:就)?(?:没|不)|没坚持|坚持不了|[了过][一两二三四五几](?:天|回|次|趟)(?:就)?|还剩|剩下|剩了|停了/u;

const EN_PARTIAL_YES = /\b(?:during the (?:day|night)|at night|in the (?:morning|evening|day)s?|mornings?|evenings?|part[- ]time|(?:the )?\w+ one|when i go out|outside|only|just|half days?|a few hours|short walks?|and back)\b/;
const ZH_PARTIAL_YES = /白天|晚上|夜里|早上|上午|下午|出门|在家|外面|睡觉|半天|一会儿|有时/u;

const EN_SCARCITY = /\b(?:(?:like )?a (?:bird|sparrow|mouse)|picks?(?: at)?|a few (?:spoons|spoonfuls|bites|mouthfuls|sips)|barely|hardly|not much|nothing much|(?:one|two|three|an?|\d) hours?(?: (?:maybe|at most|a night|if i'?m lucky))?|that'?s (?:it|all))\b/;
const ZH_SCARCITY = /吃得?(?:很|特别|太)?少|几口|没(?:啥|什么)?胃口|(?:一|两|三|俩)(?:个)?(?:小时|钟头)|睁着眼|醒了就睡不着|吃不下/u;

const EN_BROKEN = /\b(?:broke|broken|not working|stopped working|doesn'?t work|no batter(?:y|ies)|ran out of strips|no strips|can'?t (?:work|use) it|don'?t know how to use)\b/;
const ZH_BROKEN = /坏了|不会用|用不来|没电|没试纸|不好使|不能用/u;

const EN_ATTRIB = /\b(?:that'?s (?:the|my|because|from|just)|it'?s (?:the|my) \w+ (?:that|which)|because of|due to|from the)\b/;
const EN_NOT_THE = /\bnot (?:the|from (?:the|my)|my|because of (?:the|my))\s+([a-z]+)/g;
const ZH_ATTRIB = /^那是|是因为|因为|那是(?:因为)?|是[\u4e00-\u9fff]{1,3}(?:的|引起的)$/u;
const ZH_NOT_THE = /(?<![也并])不是(?![不没])(?:那种)?([\u4e00-\u9fff]{1,6})/gu;

const LONG_AGO = /以前|之前|老毛病|上个月|去年|前年|几年前|\bused to\b|\byears? ago\b|\blast (?:month|year)\b/u;
const GENERIC_Q = /\b(?:problems?|trouble(?! \w+ing)|issues?|side effects?|anything (?:wrong|unusual))\b|问题|不舒服|副作用|异常|不良反应/u;
const ZH_PROBLEM_WORD = /疼|痛|肿|红|吐|晕|喘|咳|烧|痒|麻|胀|酸|慌|闷|血|脓|渗/u;

const FINE_STATE = /\b(?:is|are|am|'s|'re|feels?|looks?) (?:fine|ok|okay|alright|all right|normal|good)$|^(?:mine|me) (?:fine|ok|okay|no)$|(?:我|俺)的?(?:没事|挺好|好着呢|正常|不[\u4e00-\u9fff])$/u;

// ---- helpers ----------------------------------------------------------------------------------

function negated(c: Clause, lang: Lang): boolean {
  const text = withoutDegree(c.text, lang);
  if (lang === 'en') return /\b(?:no|not|never|nothing|none|nobody|no one)\b|n'?t\b/.test(text);
  return /没|不|无|未|别|莫得/u.test(text.replace(/不(?=[着了动清过上下出住起来去懂见到完])|不错|不少|差不多/gu, ''));
}

/** A clause that states something happened: neither negated, hypothetical nor someone else's. */
function happened(c: Clause, lang: Lang): boolean {
  return !c.hypothetical && !c.echo && c.subject === 'patient' && !negated(c, lang);
}

const EN_EVENT_COUNT = /\b(?:once|twice|a few (?:spots|drops|times|minutes|seconds)|a (?:spot|drop|couple)|(?:one|two|three|\d) times?|for (?:a few|a couple of|\w+) (?:minutes|seconds|hours)|a little bit|small|tiny)\b/;
const ZH_EVENT_COUNT = /[了过](?:一|两|二|三|几|好几)(?:天|回|次|趟|下|阵|口|盅|杯)|(?:一|两|几)(?:回|次|趟)|一小(?:盅|杯|口)|一点|有点|几个/u;

/** A bare small amount after a denial, naming nothing else ("well, a little bit at the bottom", 没有……就是有一点). */
function takenBack(text: string, t: Target, lang: Lang, next?: Clause): boolean {
  // "就是有点 咳嗽": the recogniser cut the amount from what it is of.
  if (next && !overlaps(next.text, t, lang) && (anySymptomWord(next.text, lang) || (lang === 'zh' && ZH_PROBLEM_WORD.test(next.text)) || /咳|痰/u.test(next.text))) return false;
  const m = (lang === 'en' ? /^(?:well |but |just |only |maybe )*(?:a (?:little|tiny|wee)(?: bit)?|a bit|slightly|a touch|once)\b/ : /^(?:就是|不过|但是|可是)?(?:有)?(?:一点点?|一丁点|有点儿?|有一点点?)/u).exec(text);
  if (!m) return false;
  const rest = text.slice(m[0].length);
  if (overlaps(rest, t, lang)) return true;
  return lang === 'en' ? !anySymptomWord(rest, lang) : rest.replace(/[的了儿吧呢啊]/gu, '').length === 0;
}

/** The clause names the asked complaint itself (its family, a lay synonym, or a shared problem word). */
function predicateAbout(text: string, t: Target, lang: Lang, lay = true): boolean {
  if (!atAskedSite(text, t.ids, lang)) return false;
  if (aboutFamilies(text, t.ids, lang)) return true;
  if (lay && SYNONYMS.some((syn) => syn.q.test(t.asked) && syn.a.test(text))) return true;
  const problemWords = lang === 'en' ? [...contentOf(text, lang)].filter((w) => t.words.has(w) && anySymptomWord(w, lang)) : [...text].filter((ch) => t.words.has(ch) && ZH_PROBLEM_WORD.test(ch));
  return problemWords.length > 0;
}

/** What an exception clause names ("apart from X" -> "X"). */
function exceptionWords(text: string): string {
  return text.replace(/^(?:apart from|except(?: for)?|other than|besides|aside from|only|除了|除开|就是除了)\s*/u, '').replace(/(?:以外|之外|外)$/u, '');
}

// ---- the reading ------------------------------------------------------------------------------

export function targetReading(raws: RawClause[], lang: Lang, asked: string, recur: (clauses: RawClause[]) => YesNo): YesNo | null {
  if (asked.length === 0 || raws.length === 0) return null;
  const en = lang === 'en';
  const t = targetOf(asked, lang);
  const cls = raws.map((r) => analyzeClause(r.text, lang, r));
  const whole = cls.map((c) => c.text).join(' ');

  // Safety: any sign of the screened red flag is a yes.
  if (t.redFlags.includes('suicidal') && cls.some((c) => {
    const m = (en ? EN_PASSIVE_DEATH : ZH_PASSIVE_DEATH).exec(c.text);
    // "我没想过一了百了": the wish itself denied.
    return m !== null && !c.echo && c.subject === 'patient' && !(en ? /\b(?:no|not|never)\b|n'?t\b/ : /没|不|从未/u).test(c.text.slice(0, m.index));
  })) return 'yes';

  // "Any questions for the doctor?" "没得啥子，就是想问一哈，能不能洗澡？": asking one is the yes.
  if ((en ? /\b(?:any (?:other |more |further )?questions|anything (?:else )?(?:you(?:'d)? (?:like|want) to|to) ask)\b/ : /(?:问题|疑问|事情?)(?:想|要)?(?:问|咨询)|想问|要问|有(?:什么|没有)(?:疑问|不明白)/u).test(t.asked)
    && cls.some((c, i) => i > 0 && c.echo && (en ? /\b(?:can|could|should|do|does|is|am|will|when|how|what)\b/ : /能不能|可不可以|可以|要不要|是不是|什么时候|怎么|吗|想问|问一/u).test(c.text))) return 'yes';

  // "Apart from feeling sick and a dry mouth, no", "除了有点头晕，别的都还好": the exception is the yes.
  if (t.problem || t.existential || GENERIC_Q.test(t.asked)) {
    const ex = cls.find((c) => !c.echo && c.subject === 'patient' && (en ? /^(?:apart from|except(?: for)?|other than|besides|aside from)\b/ : /^(?:除了|除开|就是除了)/u).test(c.text));
    const exWords = ex ? exceptionWords(ex.text) : '';
    const deniedRest = ex !== undefined && cls.slice(cls.indexOf(ex) + 1).some((c) => c.denial || (en ? /^(?:no|nothing|not really)\b/ : /^(?:别的|其他|其它)?(?:都)?(?:没|没有|还好|挺好|正常)/u).test(c.text));
    if (ex && deniedRest && exWords.length > 0 && (anySymptomWord(exWords, lang) || predicateAbout(exWords, t, lang)) && !(en ? /\b(?:no|not|never|nothing)\b|n'?t\b/ : /没|不|无/u).test(exWords)) return 'yes';
  }
  // "With my stick, yes", "Mostly, yeah": a bare yes after a short qualifier is the answer.
  if (cls.length >= 2 && !t.universal && t.redFlags.length === 0) {
    const q = cls[0]!;
    const y = cls[1]!;
    const bareYes = en ? /^(?:yes|yeah|yep|yup|aye)$/.test(y.text) : /^(?:是|是的|对|对的|有|有的|能|可以|会)$/u.test(y.text);
    const qualifier = !q.echo && !q.corrective && !q.negated && !q.uncertain && (en ? q.text.split(' ').length <= 4 : q.text.length <= 6);
    // Nothing later takes it back: a denial, a correction, a question, an attribution or contrast about the target, an end.
    const takenBackLater = cls.slice(2).some((c) => c.denial || c.corrective || c.echo || c.time === 'resolved'
      || ((en ? /^(?:but|though|however)\b/ : /^(?:但是|可是|不过|但)/u).test(c.text) && (overlaps(c.text, t, lang) || /\b(?:that'?s|it'?s) (?:the|my|from|because)\b|那是|是因为/u.test(c.text))));
    if (bareYes && qualifier && !takenBackLater) return 'yes';
  }

  // The subject: clauses about someone else do not answer about the patient, and vice versa.
  if (!t.other && cls.length > 1) {
    // "they" may be the toes or the tablets: only people count as someone else.
    const mine = raws.filter((_, i) => cls[i]!.subject === 'patient' || /^they\b/.test(cls[i]!.text));
    if (mine.length > 0 && mine.length < raws.length) {
      const r = recur(mine);
      // "My husband's legs are swollen, mine are fine."
      if (r === 'unclear' && t.problem && mine.every((m) => FINE_STATE.test(m.text))) return 'no';
      return r;
    }
  }
  if (t.other && cls.length > 1) {
    const self = (c: Clause): boolean => (en ? /^(?:me|mine|i|i'?m)\b/ : /^(?:倒是|就是|但是|可是|不过|而)?(?:我|俺)(?!看|觉得|听|说|发现|找|给|帮|问|估计|猜)/u).test(c.text) && overlaps(c.text, t, lang);
    const theirs = raws.filter((_, i) => !self(cls[i]!));
    if (theirs.length > 0 && theirs.length < raws.length) return recur(theirs);
  }

  // "Yes- no", "yes no that was yesterday": the yes taken back at once.
  if (en && /^(?:yes|yeah|yep)[\s-]+no\b/.test(cls[0]!.text) && !cls.some((c) => /^(?:i mean|actually|sorry) (?:yes|yeah)\b/.test(c.text))) return 'no';

  // "is that better?", "is that blood?", 算正常吧？: the caller cannot say whether it counts.
  const lastRaw = raws[raws.length - 1]!;
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i]!;
    if (!(c.echo || raws[i]!.asked) || i === 0) continue;
    const m = (en ? EN_COUNTS_Q : ZH_COUNTS_Q).exec(c.text);
    const word = m ? (m[1] ?? m[2] ?? '') : '';
    if (word && overlaps(word, t, lang) && t.redFlags.length === 0) return 'unclear';
    if (word && overlaps(word, t, lang) && i === cls.length - 1 && lastRaw.asked) return 'unclear';
  }

  // Rhetorical denial: 好啥呀, 测啥呀, 做个啥哟, 啥子复查哦.
  if (!en) {
    const f = cls[0]!.text;
    if (/^(?!没|不)[\u4e00-\u9fff]{1,3}(?:个)?(?:啥|什么|啥子)(?:呀|啊|哟|哦|嘛|呢)?$|^(?:啥子|什么)[\u4e00-\u9fff]{1,4}(?:哦|呀|啊|哟)$/u.test(f) && !/^(?:为|干|做|是|说|吃|有|要)(?:啥|什么)$/u.test(f)) return 'no';
  }

  // The Mandarin concessive topic.
  if (!en) {
    for (let i = 0; i < cls.length; i++) {
      const c = cls[i]!.text;
      const neg = /([\u4e00-\u9fff]{1,2})(?:倒是|倒|是|呢)(?:也)?(?:不|没)(?:怎么|太|大|咋|是很)?(?:能|会)?\1/u.exec(c) ?? /^([\u4e00-\u9fff]{1,4}?)(?:倒是|倒)(?:没有|没|莫得|不)$/u.exec(c);
      if (neg && overlaps(neg[1]!, t, lang)) {
        // "红倒是不红，就是肿了一点点" to 红肿: another part of the question is there.
        const rest = { ...t, words: new Set([...t.words].filter((w) => !neg[1]!.includes(w))), ids: [] };
        const other = cls.slice(i + 1).some((x) => happened(x, lang) && overlaps(x.text, rest, lang) && ZH_PROBLEM_WORD.test(x.text));
        if (!other && t.redFlags.length === 0) return 'no';
        if (other && t.problem) return 'yes';
      }
      const pos = /([\u4e00-\u9fff]{1,2})(?:倒是|是)(?:能|会)?\1/u.exec(c);
      if (pos && !new RegExp(`(?:不|没)${pos[1]!}`, 'u').test(c.slice(pos.index)) && overlaps(pos[1]!, t, lang) && i + 1 < cls.length) {
        const x = pos[1]!;
        const rest = cls.slice(i + 1);
        const cause = rest.some((r) => ZH_ATTRIB.test(r.text) || /不是[\u4e00-\u9fff]*的$|不是那种/u.test(r.text));
        if (t.problem) return cause && t.redFlags.length === 0 ? 'no' : 'yes';
        // Conceded only part of what was asked (讲是讲了 to 讲清楚, 抬是能抬 to 抬过头顶, 降是降了点 to 降下来).
        const qualified = new RegExp(`${x}(?:得|[清过下上完好到明白起出进回])`, 'u').test(asked);
        if (/了点|一点|一些/u.test(c) && rest.some((r) => /还是|还(?:有点|挺)/u.test(r.text))) return 'unclear';
        if (qualified || t.universal || rest.some((r) => negated(r, lang) && overlaps(r.text, t, lang))) return 'no';
        return 'yes';
      }
    }
    // "胸口不痛 是后背痛", "不疼，是痒": the target denied, something else named instead.
    for (let i = 0; i + 1 < cls.length; i++) {
      const a = cls[i]!;
      const b = cls[i + 1]!;
      if (t.redFlags.length === 0 && (t.problem || t.existential) && negated(a, lang) && !/^(?:不是|并不是|也不是)(?:不|没)/u.test(a.text) && overlaps(a.text, t, lang) && /^(?:是|就是|而是)[\u4e00-\u9fff]/u.test(b.text) && !overlaps(b.text.slice(1), { ...t, ids: [] }, lang) && cls.slice(i + 2).every((r) => !overlaps(r.text, t, lang) || negated(r, lang))) return 'no';
    }
  }

  // Attribution to another cause or place ("not the pain", 是胖不是肿): no to a problem question.
  if ((t.problem || t.existential) && t.redFlags.length === 0) {
    const notThe = en
      ? [...whole.matchAll(EN_NOT_THE)].map((m) => m[1]!)
      : [...whole.matchAll(ZH_NOT_THE)].map((m) => m[1]!);
    const deniesTarget = notThe.some((w) => overlaps(w, t, lang));
    const attributes = cls.some((c) => (en ? EN_ATTRIB : ZH_ATTRIB).test(c.text) || (!en && /是[\u4e00-\u9fff]{1,2}，?不是/u.test(c.text)));
    if (deniesTarget && (attributes || cls.length > 1 || !en)) return 'no';
  }

  // Universal questions with an exception.
  if (t.universal && (t.action || !t.problem)) {
    const exc = cls.some((c) => !c.echo && (en ? EN_EXCEPTION : ZH_EXCEPTION).test(c.text) && !(en ? /\b(?:never|not once|didn'?t|don'?t|haven'?t) (?:\w+ )?(?:miss|forg|skip)/ : /(?:从不|没|不)(?:忘|漏)|一(?:次|顿)(?:都|也)?没/u).test(c.text));
    if (exc) return 'no';
  }

  // Indirect facts.
  if (en ? /\benough\b/.test(asked.toLowerCase()) : /够/u.test(asked)) {
    const days = durations(whole, lang);
    if (days.length >= 2) return days[0]! >= Math.max(...days.slice(1)) ? 'yes' : 'no';
  }
  if ((en ? /\b(?:check\w*|measur\w*|test\w*|monitor\w*|weigh\w*|using)\b/.test(asked.toLowerCase()) : /测|量|称|监测|用/u.test(asked)) && (en ? EN_BROKEN : ZH_BROKEN).test(whole)) return 'no';
  if ((en ? /\b(?:anyone|anybody|someone|somebody)\b/.test(asked.toLowerCase()) : /有人|有没有人|谁/u.test(asked)) && (en ? /^(?:(?:just |only )?(?:my|the|a) (?:dog|cat|bird|budgie|parrot|pets?|telly|tv|radio)|(?:just )?me(?: and (?:the|my) (?:dog|cat))?|no ?one|nobody)$/ : /^(?:就)?(?:我)?(?:一个人|自己|家里的?)?(?:狗|猫|一条狗|一只猫)$|^就我(?:一个|自己)/u).test(cls[0]!.text) && cls.length <= 2) return 'no';
  if ((t.good || (en ? /\b(?:able to|eating|sleep\w*|appetite)\b/.test(asked.toLowerCase()) : /吃得|睡得|胃口|饭量/u.test(asked))) && !t.problem) {
    const scarce = cls.some((c) => !c.echo && (en ? EN_SCARCITY : ZH_SCARCITY).test(c.text));
    const affirmed = cls.some((c) => c.affirmation || (en && /\b(?:but|yes)\b.*\b(?:he|she|i)'?s? (?:is )?\w+ing\b/.test(c.text)));
    if (scarce && !affirmed) return 'no';
  }

  // Good states: a problem reported anywhere (however small) is a no; "nearly / mostly" before it too.
  if (t.good && cls.length > 1 && !t.problem) {
    const opener = cls.find((c) => !c.echo) ?? cls[0]!;
    const hedgedYes = en ? /^(?:(?:yeah|yes|yep) )?(?:mostly|nearly|almost|more or less|not quite)$/.test(opener.text) : /^(?:差不多|基本上?|大部分|还行吧?|正常|就那样吧?|凑合吧?|一般吧?|马马虎虎)$/u.test(opener.text);
    const problemLater = cls.slice(1).some((c) => happened(c, lang) && (en ? /\b(?:yellow|green|wet|damp|soaked|ooz\w*|leak\w*|smell\w*|cold|blue|red|still|puff\w*|hurts?|sore|bleed\w*|pus|stuff)\b/ : /湿|渗|黄|红|肿|疼|痛|稀|硬|黑|带血|多了|少了|次数多|起夜|不算|高了|高|低/u).test(c.text));
    if (problemLater && (hedgedYes || (en && /\b(?:a little|a bit|bit of|some)\b/.test(whole)))) return 'no';
    if (!en && problemLater && /^(?:正常|干的|好的|挺好)/u.test(opener.text)) return 'no';
  }
  // "Pink yes, warm... they're a bit cold": one part of a conjunctive good-state question fails.
  if (en && t.good && /\b(\w+) and (\w+)\??$/.test(asked.toLowerCase()) && cls.some((c) => /^\w+ (?:yes|yeah)$/.test(c.text)) && cls.some((c) => /\b(?:cold|wet|dirty|red|swollen|not)\b/.test(c.text))) return 'no';
  // "I can do them but it hurts" to "without pain".
  if (en && /\bwithout (?:\w+ )?(\w+)/.test(asked.toLowerCase())) {
    const m = /\bwithout (?:\w+ )?(\w+)/.exec(asked.toLowerCase())!;
    const ids = askedFamilies(m[0].replace(/^without /, ''), lang);
    if (cls.some((c) => happened(c, lang) && (aboutFamilies(c.text, ids, lang) || c.text.includes(m[1]!)))) return 'no';
  }

  // A partial yes to a non-universal action question.
  if ((t.action || t.ability) && !t.universal && !t.problem && cls.length > 1) {
    const partYes = cls.some((c) => (en ? /^(?:[a-z]+ ){1,4}(?:yes|yeah|yep)$/.test(c.text) || (EN_PARTIAL_YES.test(c.text) && !negated(c, lang) && c.text.split(' ').length <= 4) : ZH_PARTIAL_YES.test(c.text) && !negated(c, lang) && (overlaps(c.text, t, lang) || /开着|用着|戴着|穿着/u.test(c.text))));
    const partNo = cls.some((c) => negated(c, lang) || (en && /\b(?:only when|take (?:them|it) off|off to)\b/.test(c.text)));
    if (partYes && partNo) return 'yes';
  }
  if (en && (t.action || t.ability) && !t.universal && !t.problem && cls.length <= 3 && cls.every((c) => !negated(c, lang) && !c.echo) && /^(?:part[- ]time|half days?|mornings? only|only mornings|(?:to|round) the \w+ and back|(?:only )?(?:short|small|little) (?:walks?|trips?|distances?|bits?))\b/.test(cls[0]!.text)) return 'yes';

  // "I went, but they sent me home": the asked action restated in the first person.
  if (en && t.action && /^i (?:went|did|took|have|had|got|used|made|saw|called|rang|do|use|take)(?: (?:it|them|that|there|one|so))?$/.test(cls[0]!.text) && !cls.slice(1).some((c) => c.denial || c.corrective || /^(?:but )?(?:i )?(?:didn'?t|haven'?t|not)\b/.test(c.text))) return 'yes';
  // "If it's not too far, yes": a yes on a condition is a yes.
  if (cls.length > 1 && cls[0]!.hypothetical && (en ? /^(?:if|as long as|provided)\b/ : /^(?:如果|要是|只要)/u).test(cls[0]!.text) && cls.slice(1).some((c) => (en ? /^(?:then )?(?:yes|yeah|ok|okay|sure|fine|please)\b/ : /^(?:那)?(?:可以|行|好|要|好的|需要)$/u).test(c.text))) return 'yes';
  // "不用了，我自己约好了": a need declined.
  if (t.need && (en ? /^(?:no need|no thanks?|no thank you|not needed|don'?t need)\b/ : /^(?:不用|不需要|不必|用不着)/u).test(cls[0]!.text)) return 'no';
  // "not since the hospital, five days": a regular or normal function that has not happened.
  if (en && !t.problem && /^not (?:since|for)\b/.test(cls[0]!.text)) return 'no';
  // "还行吧，忍得住": bearable pain is pain.
  if (t.problem && cls.some((c) => !c.echo && (en ? /\b(?:bearable|manageable|i can (?:live with|bear|stand) it)\b/ : /忍得住|能忍|忍一忍|受得了|扛得住|挺得住/u).test(c.text))) return 'yes';

  // Not yet: a past action asked about, answered with later / tomorrow.
  if (t.action && (en ? !t.problem && /^(?:not yet|i(?:'ll| will)? take it later|later)\b|\b(?:i (?:take|do|will take) it later)\b/.test(cls[0]!.text) : /^还没|^(?:等会|待会|一会儿|明天|下午)(?:再)?(?:去|做|吃|量)/u.test(cls[0]!.text))) return 'no';

  // An event that happened answers an existential question with yes, whatever came before it.
  if (t.existential || t.action) {
    const di = cls.findIndex((c) => c.denial || (en ? /^(?:[a-z]+ ){0,2}(?:no|not|nope|never)\b|^i (?:didn'?t|haven'?t|don'?t)\b/ : /^(?:没|不|没有|从不|早不|早就不)|^[\u4e00-\u9fff]{1,4}(?:没有|没)$/u).test(c.text));
    if (di >= 0) {
      const later = cls.slice(di + 1).filter((c) => happened(c, lang) && !c.corrective && !(t.problem && reportsWell(c.text, lang)));
      const ev = later.find((c) =>
        // A question about a complaint during an activity (吃饭的时候有没有呛咳) is answered by the complaint, not the activity.
        (overlaps(c.text, t, lang) && !(t.problem && t.ids.length > 0 && !predicateAbout(c.text, t, lang)) && (t.action || (en ? EN_EVENT_COUNT : ZH_EVENT_COUNT).test(c.text) || c.time === 'past' || /[了过]/u.test(c.text)))
        || ((t.problem || t.existential) && predicateAbout(c.text, t, lang))
        || (t.problem && t.existential && aboutFamilies(c.text, t.ids, lang))
        // "No no, no problems, just it burns a bit": any complaint answers a question about problems.
        || (t.existential && t.redFlags.length === 0 && GENERIC_Q.test(t.asked) && anySymptomWord(c.text, lang))
        // "No, I manage. Well, the shopping is hard": a difficulty answers a question about needs.
        || (t.need && (en ? /\b(?:hard|difficult|struggl\w*|tricky|can'?t manage|a job)\b/ : /费劲|困难|吃力|不方便|够呛|难/u).test(c.text))
        // "no it didn't open, well a little bit": the denial taken back by a small amount.
        || (t.existential && takenBack(c.text, t, lang, cls[cls.indexOf(c) + 1])),
      );
      // The last clause in the question's own words (not a lay synonym: "couldn't get up" is the event, not its denial).
      const after = ev ? cls.slice(cls.indexOf(ev) + 1) : [];
      const lastTopical = [...after].reverse().find((c) => [...contentOf(c.text, lang)].some((w) => t.words.has(w)) && !c.echo);
      if (ev && (!lastTopical || happened(lastTopical, lang))) {
        return 'yes';
      }
    }
    // "once, small, stopped by itself": a counted event, even if over.
    if (t.existential && t.problem && !t.now && (en ? /^(?:once|twice|a few|a couple)\b/ : /^(?:有过|有一回|有一次|一次|两次)/u).test(cls[0]!.text) && !negated(cls[0]!, lang)) return 'yes';
  }
  // A past episode that is over: yes to an existential question that is not about now.
  if (t.existential && (t.problem || /\bchanges?\b|变化/u.test(t.asked)) && !t.now) {
    const ep = cls.find((c, i) => happened(c, lang) && (aboutFamilies(c.text, t.ids, lang) || overlaps(c.text, t, lang)) && (c.time === 'past' || (en ? /\b(?:yesterday|for a (?:few|couple of) (?:minutes|hours|days)|for \w+ (?:minutes|hours|days))\b/ : /[了过](?:一|两|二|三|几|好几)(?:天|回|次|阵)/u).test(c.text)) && cls.slice(i + 1).every((x) => x.time === 'resolved' || /\bthen fine\b|好了|没事了/u.test(x.text) || !overlaps(x.text, t, lang)));
    // Long ago ("以前有过 现在没有了 上个月的事") is history, not what was asked.
    const longAgo = cls.some((c) => LONG_AGO.test(c.text));
    if (ep && !longAgo && !/住院(?:之前|以前|前)|before (?:i went in|the operation|admission)/u.test(ep.text)) return 'yes';
  }
  // "左手麻，右手不麻", "起猛了就晕，坐一会儿就好了": one part or one episode present is present.
  if (t.problem && t.existential && !t.now && t.redFlags.length === 0 && cls.length > 1) {
    const part = cls.find((c) => happened(c, lang) && !c.corrective && predicateAbout(c.text, t, lang, false) && !/以前|之前|老毛病|上个月|去年|used to|years? ago|last (?:month|year)/u.test(c.text));
    const denied = cls.some((c) => negated(c, lang) && predicateAbout(c.text, t, lang));
    const corrected = cls.some((c) => c.corrective);
    const episodic = cls.some((c) => c.time === 'resolved' || (en ? /\b(?:then|when|if|after)\b/ : /就|的时候/u).test(c.text));
    if (part && !corrected && (denied || episodic)) return 'yes';
  }
  // "消了一大半了，还剩脚面那一块": some of it still there.
  if (t.problem && t.now && cls.some((c) => !c.echo && c.subject === 'patient' && (en ? /\bstill (?:a (?:bit|little)|some)\b|\b(?:some|a bit) (?:left|remains?)\b/ : /还剩|还有(?:一点|点|些)|剩(?:下)?(?:一点|一块|一些)/u).test(c.text))) return 'yes';
  // An action the caller did not do, in its own words ("医生开了，我没敢吃", "I haven't really bothered").
  if (t.action && !t.problem && !(en ? /\b(?:miss|forget|forgot|skip)\w*/ : /漏|忘|落/u).test(t.asked) && cls.length > 1) {
    const refused = (c: Clause): boolean => !c.echo && c.subject === 'patient' && (en ? /^(?:i|we) (?:haven'?t|hadn'?t|didn'?t|don'?t|never|can'?t)\b/.test(c.text) : negated(c, lang) && /^(?:我|俺)?(?:没|不|还没)(?:敢|想|去|再|有)?/u.test(c.text));
    const topical = (c: Clause): boolean => [...contentOf(c.text, lang)].some((w) => t.words.has(w));
    const lastC = en ? cls[cls.length - 1]! : [...cls].reverse().find(topical);
    if (lastC && refused(lastC) && (en || topical(lastC))) return 'no';
  }
  // "以前有过 现在没有了 上个月的事": history, over now, answers a present screening question no.
  if (t.problem && t.existential && !(en ? /\b(?:since|lately|recently|last (?:week|few days))\b/ : /最近|出院|这几天|这两天|以来/u).test(t.asked) && cls.some((c) => LONG_AGO.test(c.text)) && cls.some((c) => c.time === 'resolved' || (en ? /\b(?:not (?:now|any ?more|since)|gone now)\b/ : /现在(?:没|不)|不再/u).test(c.text)) && !cls.some((c) => c.time === 'current' && happened(c, lang) && predicateAbout(c.text, t, lang, false))) return 'no';
  // Strict adherence that stopped later ("坚持了几天 后来…就没做了").
  if (t.action && !en && cls.length > 1) {
    const lastT = [...cls].reverse().find((c) => overlaps(c.text, t, lang) || /后来|就没|不[\u4e00-\u9fff]了$/u.test(c.text));
    if (lastT && /后来|以后|就没|没再|不再/u.test(lastT.text) && negated(lastT, lang)) return 'no';
  }
  return null;
}

/** Durations said in the answer, in days, in order. */
function durations(text: string, lang: Lang): number[] {
  const out: number[] = [];
  const unit: Record<string, number> = lang === 'en'
    ? { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30 }
    : { 天: 1, 日: 1, 周: 7, 星期: 7, 礼拜: 7, 个星期: 7, 个礼拜: 7, 月: 30, 个月: 30 };
  const num: Record<string, number> = { one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, ten: 10, 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 十: 10, 半: 0.5 };
  const re = lang === 'en'
    ? /\b(\d+|one|a|an|two|three|four|five|six|seven|eight|ten) (days?|weeks?|months?)\b/g
    : /(\d+|[一两二三四五六七八十半])(个星期|个礼拜|个月|天|日|周|星期|礼拜|月)/gu;
  for (const m of text.matchAll(re)) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : num[m[1]!];
    const u = unit[m[2]!];
    if (n !== undefined && u !== undefined) out.push(n * u);
  }
  return out;
}
