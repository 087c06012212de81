/**
 * Yes/no read clause by clause, with the question's focus: the clause layer (clause.ts) splits
 * the turn, and these readings decide before the single-string readers (yes-no-zh/en) are asked:
 *  - a self-correction: what follows it is the answer ("No — well, actually yes", "没有…哦不对");
 *  - time: a resolved event answers "now / still" questions with no ("pinkish the first day but
 *    clear now"); a past event answers "since discharge / have you had" questions with yes, unless
 *    it came before the hospital stay ("那是住院之前的事了");
 *  - a measured temperature answers a fever question by its value;
 *  - good-state questions ("going down", "under control", "normally", "well"): a clause that
 *    reports the problem (worse, going up, keeps me up, noisy) is a no;
 *  - a denial followed by a clause about the asked symptom or its synonyms, or by a limited
 *    presence ("only when I climb the stairs", "爬楼梯喘一点"), is a yes; a denial followed only
 *    by other complaints stays a no ("Headache, no. Neck's a bit stiff");
 *  - facts without yes/no: quantities and frequencies of a habit ("cut down to three a day"),
 *    the question's own verb ("Finished them Saturday"), not-yet ("快吃完了");
 *  - hedges: not checked ("haven't checked", "没敢看"), so-so, a soft denial with contrary
 *    evidence ("I don't think so... I'm late") are unclear.
 * Nothing here is decided by a whole phrasing: every rule reads a clause feature or the question.
 */
import { mandarinFromDialect, type Lang } from '../text/index.js';
import { analyzeClause, rawClauses, reportsWell, withoutDegree, type Clause, type RawClause } from './clause.js';
import { parseNumber } from './number.js';
import { questionFrame } from './question.js';
import { aboutFamilies, anySymptomWord, askedFamilies, familiesOf } from './symptom-families.js';
import type { YesNo } from './types.js';
import { targetReading } from './yes-no-target.js';
import { repairFromQuestion } from './yes-no-zh.js';

type Base = (utterance: string, asked: string) => YesNo;

interface Focus {
  problem: boolean;
  action: boolean;
  good: boolean;
  now: boolean;
  since: boolean;
  fever: boolean;
  generic: boolean;
  habit: boolean;
  strict: boolean;
  completion: boolean;
  /** Asks whether something has been done by now ("Have you restarted…", "Did you go for…", "拆线了吗"). */
  doneYet: boolean;
  know: boolean;
  allergy: boolean;
  ids: string[];
}

function focusOf(asked: string, lang: Lang): Focus {
  const q = lang === 'en' ? asked.toLowerCase() : asked;
  const frame = questionFrame(asked, lang);
  const en = lang === 'en';
  const good = en
    ? /\b(?:going down|come down|came down|gone down|eased|easing|under control|working|normally|normal|well|ok|okay|fine|better|healing|improving|settling|clearing|comfortable|managing|coping|clear|safe)\b/.test(q) && !/\b(?:worse|spread|bigger)\b/.test(q)
    : /正常|好吗|好不好|好点|控制住|管用|有效|顺利|顺畅|通畅|畅通|好转|长得好|清楚吗|清醒|稳(?:吗|不稳)|够(?:吗|不够)/u.test(q);
  return {
    problem: frame.problem && !good,
    action: frame.action,
    good,
    now: en ? /\b(?:now|at the moment|currently|still|right now|today|these days)\b/.test(q) : /现在|目前|还(?!记得)|今天/u.test(q),
    since: en ? /\b(?:since|have you had|have you been|has (?:he|she|the \w+|your \w+) (?:had|been)|did you (?:have|get|notice)|any .* (?:lately|recently)|last (?:week|few days))\b/.test(q) : /最近|出院(?:后|以来|以后)|这(?:几|两)天|有没有.{0,6}过|近来/u.test(q),
    fever: (en ? /\b(?:fever|temperature|temp)\b/.test(q) : /发烧|发热|体温/u.test(q)) && !(en ? /\b(?:take|took|check(?:ed)?|measured?)\b/.test(q) : /量|测/u.test(q)),
    generic: en ? /\b(?:problems?|side effects?|trouble|issues?|anything (?:wrong|unusual)|symptoms?|bother\w*)\b/.test(q) : /不舒服|问题|副作用|异常|不良反应|不适/u.test(q),
    habit: en ? /\b(?:smok\w*|drink\w*|alcohol|cigarettes?|fluids?|taking (?:the )?painkillers|cups)\b/.test(q) : /抽烟|吸烟|喝酒|饮酒|喝水/u.test(q),
    strict: en ? /\b(?:all (?:your|the|of)|every (?:day|dose)|as prescribed|on time|whole course)\b/.test(q) : /按时|按量|每天都|全部/u.test(q),
    completion: en ? /\b(?:finish(?:ed)?|complete(?:d)?)\b/.test(q) : /吃完|做完|用完/u.test(q),
    doneYet: en ? EN_DONE_YET_Q.test(q) : ZH_DONE_YET_Q.test(q),
    know: en ? /\b(?:do you know|do you remember|have you got the)\b/.test(q) : /知道吗|记得吗|还记得/u.test(q),
    allergy: en ? /\ballerg\w*\b/.test(q) : /过敏/u.test(q),
    ids: specific(askedFamilies(asked, lang)),
  };
}

/** A named pain ("chest pain", 胸口痛) is its own family, not any pain. */
function specific(ids: string[]): string[] {
  return ids.some((id) => ['chest-pain', 'headache', 'abdominal-pain'].includes(id)) ? ids.filter((id) => id !== 'pain-general') : ids;
}

/** A question whether something is done by now: perfect or past of an action, not of a symptom. */
const EN_DONE_YET_Q = /^(?:and |so )?(?:have you|has (?:he|she|it|the \w+|your \w+)|have (?:the|your) \w+(?: \w+)? been|did you|did (?:he|she|the \w+)|were you able to)\b(?! (?:had|got|noticed?|felt|feel|been (?:having|feeling|getting|sick|unwell|in pain)|any|get (?:any|a (?:fever|temperature|rash|cough)|sick|worse|better|feverish|dizzy))\b)/;
const ZH_DONE_YET_Q = /(?:去|做|拆|换|吃|取|拿|打|查|约|开始|用|办|交|挂)[\u4e00-\u9fff]{0,4}(?:了|过)(?:吗|没有?|没)[？?]?$|有没有(?:去|做|拆|换|复查|取|拿|开始|打|约)|是不是已经/u;
/** The answer puts it ahead: not yet, a plan, a day to come. A weekday counts only with a future verb (it may be past: "She did, Thursday"). */
const EN_NOT_YET = /\bnot (?:\w+ )?yet\b|\bhaven'?t (?:\w+ )?yet\b|\byet to\b|\b(?:i|we|he|she|they|it)(?:'ll| will| am going to|'m going to| are going to|'re going to| is going to|'s going to)\b|\bwill (?:go|do|take|start|come|get|be|have|book|call|see)\b|\b(?:tomorrow|tonight|next (?:week|month|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|\blater (?:today|on|this week)\b|\bfrom (?:tomorrow|next \w+)\b|\bin (?:a|one|two|three|four|five|\d+) (?:more )?(?:days?|weeks?)(?: time)?\b|\b(?:booked|scheduled|due) (?:for|on|in)\b|\b(?:supposed|meant|due|have|got) to \w+ (?:it |them )?(?:on|from|next|in|after|tomorrow|tonight)\b/;
const ZH_NOT_YET = /还(?:没|未)(?:有)?(?:呢|啊|哪|去|做|拆|换|吃|开始|复查|到|轮到|来|取|拿|打|约|办|交|挂|弄|定)|还没(?:有)?$|尚未|没来得及|明天|后天|下(?:周|星期|礼拜|个月|回|次)|过(?:两|几|些)天(?:再|才)?|等.{1,8}(?:再|才)|准备(?:去|做)|打算|到时候|约(?:在|了)?(?:下|明|后)/u;
/** A pronoun and the question's auxiliary, nothing else: the English short answer ("she did", "we haven't"). */
const EN_AUX_ANSWER = /^(?:(?:yes|yeah|yep|no|nope|oh|well),? )?(?:i|he|she|we|they|it) (?:did|do|does|have|has|had|was|were|is|are|am|will|can|could)(?:n'?t| not)?(?: (?:yes|yeah|indeed|thanks|thank you))?$/;
/** Mandarin V着呢 opening an answer: the act goes on (吃着呢, 用着呢, 还戴着呢); a good state (好着呢) is not an act. */
const ZH_ONGOING = /^(?:嗯|对|是)?(?:还|一直|天天|都|每天)?(?:在)?(?![好行美挺])[\u4e00-\u9fff]着(?:呢|哪|嘞|的呢)/u;
const EN_WILL_ASK = /\b(?:'ll|will|going to|have to|need to) (?:have to )?(?:ask|check|find out|look)\b/;
const ZH_WILL_ASK = /(?:得|要|去)?问问|回头问|我问一下|我查一下/u;
/** The answer says it is done: that outweighs a plan for more ("took it this morning, will take the next tonight"). */
const EN_DONE = /\b(?:already|just did|did it|done it|yesterday|this morning|last (?:night|week)|(?:days?|weeks?) ago|went|took|collected|picked (?:it |them )?up|got (?:it|them)|had (?:it|them) (?:done|out|taken|changed))\b|^(?:yes|yeah|yep|yup|i did|i have|we did|done)\b/;
const ZH_DONE = /^(?:是的?|对|嗯)?[\u4e00-\u9fff]{0,2}(?:去|做|拆|换|吃|取|拿|打|查|约|办|交|挂)(?:了|过了)|已经|早就|昨天|前天|上(?:周|星期|礼拜)|刚(?:才|刚)?(?:去|做|吃|换|拆|取|拿|打)|(?:去|做|吃|换|拆|取|拿|打|查)(?:过|好|完)了/u;

const EN_PARTIAL = /\b(?:only (?:when|in|at|after|before|if|on|for)|sometimes|some (?:days|nights|mornings|evenings)|at night|in the (?:mornings?|evenings?)|on and off|now and then|when i (?:get up|stand|climb|walk|cough|move|bend|lie|eat))\b/;
const ZH_PARTIAL = /(?:爬楼梯?|上楼|走路|走快|快走|活动|干活|一动|早上|晚上|夜里|半夜|起来|起床|有时候?|偶尔|时不时)/u;
const EN_MINIMISED_PRESENT = /\b(?:a (?:little|bit|touch|tad)|bit of|slightly|a little bit)\b/;
const ZH_MINIMISED_PRESENT = /有点|有一点|一点点?|稍微|有些/u;
const NOT_CHECKED = /\b(?:haven'?t (?:checked|looked|measured)|didn'?t (?:check|look|measure)|not checked|(?:thermometer|scale|machine) (?:is )?broken|can'?t find)\b|没敢看|没看|没量|没测|没称|看不到|看不见/u;
const BEFORE_STAY = /住院(?:之前|以前|前)|before (?:i (?:went|came) in|the (?:operation|surgery|procedure)|admission|hospital)/u;
const EN_PROBLEM_REPORT = /\b(?:wakes? me(?: up)?|worse|going up|gone up|bigger|spread\w*|keeps? (?:me )?up|up at night|noisy|fast|slow|can'?t|won'?t|not (?:really|much|very|good|great|interested|eating|working)|spat|spit|bad|hurts?|painful|swollen|back (?:just )?as bad|just as bad|struggl\w*|wheez\w*)\b/;
const ZH_PROBLEM_REPORT = /越来越|加重|更(?:厉害|严重|重|疼|痛)|不(?:好|行|管用|正常|清楚|通|畅|顺)|[拉尿解排]不(?:出|下|干净)|便秘|没(?:用|效果)|疼|痛|喘|肿|难受/u;

function lc(s: string, lang: Lang): string {
  return lang === 'en' ? s.toLowerCase() : s;
}

/** Naming hedges that doubt the word, not the fact: "I don't know if you call it pain", "I wouldn't call it nausea", 不知道是不是药的味儿. */
function dropNamingHedges(text: string, lang: Lang): string {
  return lang === 'en'
    ? text.replace(/\bwhy (?:wouldn'?t|would) (?:i|he|she|it|we)(?: not)?\b/g, ' ').replace(/\b(?:i (?:don'?t|do not) know|not sure) (?:if|whether) (?:you(?:'?d| would)? call it|it'?s|that'?s|it counts as) (?:a |an )?\w+/g, ' ').replace(/\b(?:but )?i wouldn'?t (?:call it|say it'?s) (?:a |an )?\w+/g, ' ').replace(/\bis (?:that|it|this) (?:an? )?\w+$/g, ' ')
    : text.replace(/不知道(?:是不是|算不算)[\u4e00-\u9fff]{0,8}/gu, ' ').replace(/(?:这不是|不是)[\u4e00-\u9fff]{1,10}(?:嘛|吗)$/gu, ' ');
}

function temperatureAnswer(utterance: string, lang: Lang): YesNo | null {
  const r = parseNumber(utterance, lang, lang === 'zh' ? '体温多少度' : 'what was your temperature');
  if (!('value' in r) || r.value === null) return null;
  const t = r.unit === '°F' ? ((r.value - 32) * 5) / 9 : r.value;
  if (t < 34 || t > 43) return null;
  if (t >= 37.5) return 'yes';
  // A low reading is a no unless the words say there is a (low-grade) fever.
  if (t < 37.3 && !(lang === 'zh' ? /低烧|有点烧|发烧/u : /\b(?:low[- ]grade|a bit (?:of a )?(?:fever|temperature)|feverish)\b/).test(utterance)) return 'no';
  return null;
}

function isDenial(c: Clause, lang: Lang, ids: readonly string[]): boolean {
  if (/^(?:不是|并不是|也不是)(?:不|没)|^not (?:un|without)|^不(?:多|大|严重|太多|厉害)$/u.test(c.text)) return false;
  if (c.denial) return true;
  if (lang === 'en') return /^(?:no|not)\b/.test(c.text) || (/\b(?:no|not|none)$/.test(c.text) && c.text.split(' ').length <= 4) || /^(?:i'?m|i am|it'?s|all) (?:fine|good|ok|okay|alright)$/.test(c.text) || /^(?:nothing(?: much| really)?|not problems?|no problems?)$/.test(c.text);
  const t = c.text;
  return /^(?:没有?|不|没什么|没啥|还好|还行|挺好)/u.test(t) || (/(?:倒)?(?:没有|不[\u4e00-\u9fff])$/u.test(t) && aboutFamilies(t, ids, lang) && t.length <= 6);
}

function present(c: Clause, lang: Lang): boolean {
  if (c.hypothetical || c.subject === 'other' || c.echo) return false;
  if (c.time === 'resolved') return false;
  const t = withoutDegree(c.text, lang);
  if (lang === 'en') return !/\b(?:no|not|never|nothing|none)\b|n'?t\b/.test(t.replace(/\bcan'?t (?:lift|grip|hold|sleep|breathe|lie (?:down )?flat)\b/g, ''));
  return !/没|不|无|未/u.test(t.replace(/不得劲|不听使唤|不想吃|不多|(?<=[\u4e00-\u9fff])不(?=[着了动清过上下出住起来去懂见到完])/gu, '症'));
}

export function yesNoClauses(utterance: string, lang: Lang, asked: string, base: Base): YesNo {
  const focus = focusOf(asked, lang);
  // Regional words and recogniser homophones of the question's own words (发少 for 发烧) first.
  const said = lang === 'zh' ? repairFromQuestion(mandarinFromDialect(utterance), asked) : utterance;
  const cleaned = dropNamingHedges(lc(said, lang), lang);
  const raws = rawClauses(cleaned, lang);
  const texts = raws.map((r) => r.text);
  if (texts.length === 0) return base(utterance, asked);
  const cls = raws.map((r) => analyzeClause(r.text, lang, r));
  const whole = texts.join(lang === 'zh' ? ' ' : ' ');
  const baseOf = (s: string): YesNo => base(s, asked);

  // Classes read before the target: explicit "now" against "before", a habit given up, a lying-flat
  // question answered with pillows, a good state to a good-state question.
  const early = earlyClasses(raws.map((r) => analyzeClause(r.text, lang, r)), lang, focus, asked);
  if (early) return early;

  // The question's target first: safety, subject, concession, attribution, exceptions, events.
  const byTarget = targetReading(raws, lang, asked, (kept) => yesNoClauses(kept.map((r) => r.text).join(lang === 'zh' ? '，' : ', '), lang, asked, base));
  if (byTarget) return byTarget;

  // A wh-question put back ("What antibiotics?") is no answer.
  if (lang === 'en' && /^(?:what|which|who)\b/.test(cls[0]!.text) && cls[0]!.echo && !cls.some((c) => c.affirmation || c.denial)) return 'unclear';

  // Self-correction: the part after the last corrective clause decides.
  let k = -1;
  cls.forEach((c, i) => {
    if (c.corrective && (i > 0 || /^oh you mean\b/.test(c.text))) k = i;
  });
  if (k >= 0) {
    const rest = texts.slice(k);
    const restRaw = raws.slice(k);
    rest[0] = rest[0]!.replace(lang === 'en' ? /^(?:well )?(?:actually|no wait|wait|i mean|sorry|no sorry|oh you mean(?: \w+)?|or rather|correction)\b\s*/ : /^(?:哦|噢|啊)?(?:不对(?:不对)?|不是|说错了|我说错了|应该是|其实)\s*/u, '');
    const tail = rest.map((t, i) => ({ ...restRaw[i]!, text: t, corrects: false })).filter((r) => r.text.trim().length > 0);
    if (tail.length > 0) {
      const r = readClauses(tail, lang, focus, asked, baseOf, true) ?? baseOf(tail.map((r) => r.text).join(' '));
      if (r !== 'unclear') return r;
    }
  }
  return readClauses(raws, lang, focus, asked, baseOf, false) ?? (cleaned === lc(utterance, lang) ? base(utterance, asked) : cleaned === lc(said, lang) ? base(said, asked) : baseOf(whole));
}

const EN_NOW = /\b(?:now|today|at the moment|right now|currently|these days|any ?more|since (?:i came home|discharge))\b/;
const ZH_NOW = /现在|目前|今天|这两天|这几天|出院(?:以后|后|以来)|如今/u;
const EN_BEFORE = /\b(?:yesterday|last (?:night|week)|before|at first|used to|in hospital|the other day|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/;
const ZH_BEFORE = /以前|之前|昨天|前天|住院(?:的时候|那会儿?|时)|刚开始|原来/u;
const EN_QUIT = /\b(?:gave (?:it )?up|given (?:it )?up|quit|stopped (?:smoking|drinking)|packed (?:it|them) in|don'?t (?:smoke|drink) any ?more|off the (?:fags|cigarettes|booze))\b/;
const ZH_QUIT = /戒(?:了|掉了|烟了|酒了)|早戒|早就戒|不抽了|不喝了|早不抽|早就不抽|早不喝/u;
const EN_PILLOWS = /\b(?:(?:two|three|four|\d) pillows|propped up|sit(?:ting)? up to sleep|sleep(?:ing)? (?:sitting )?up(?:right)?|in the (?:arm)?chair)\b/;
const ZH_PILLOWS = /垫(?:了)?(?:两|三|四|几|好几|\d)个枕头|垫高|靠着睡|坐着睡|半躺/u;

/** Readings of whole classes that decide before the target reading (see the call site). */
/** The clause names a complaint of another kind than the asked one ("a bit giddy sometimes" to a headache question); pains and cramps count as the asked pain. */
function namesOtherComplaint(text: string, lang: Lang, ids: readonly string[]): boolean {
  // "only when I cough": the circumstance is not a complaint of its own.
  const said = lang === 'en' ? text.replace(/\b(?:when|if|after|as) (?:i|he|she) (?:cough|sneeze|laugh|walk|move|bend|stand|breathe|eat|lie)\w*\b/g, ' ') : text.replace(/(?:咳嗽|打喷嚏|走路|活动|弯腰|吃饭)(?:的时候|时)/gu, ' ');
  const named = familiesOf(said, lang).filter((id) => !['pain-general', 'abdominal-pain', 'chest-pain', 'headache'].includes(id));
  return named.length > 0 && !named.some((id) => ids.includes(id));
}

function earlyClasses(cls: Clause[], lang: Lang, focus: Focus, asked: string): YesNo | null {
  const en = lang === 'en';
  const q = lc(asked, lang);
  const spoken = cls.filter((c) => !c.echo && c.subject === 'patient');
  // "Not now. Yesterday it was high", "以前有的，出院以后就没得了": the clause that says "now" answers a now-question.
  if (focus.now && !focus.since && !focus.good && spoken.length > 1) {
    const nowC = spoken.filter((c) => (en ? EN_NOW : ZH_NOW).test(c.text) || /^not now\b/.test(c.text));
    const before = spoken.some((c) => (en ? EN_BEFORE : ZH_BEFORE).test(c.text));
    if (nowC.length === 1 && before && !(en ? EN_BEFORE : ZH_BEFORE).test(nowC[0]!.text)) {
      const c = nowC[0]!;
      if (!present(c, lang) || c.time === 'resolved') return 'no';
    }
  }
  // The answer that restates the question's auxiliary or its verb with the ongoing 着呢: "She did.",
  // "I have, every evening", "用着呢，一天两回", "还吸着呢"; unless a later clause takes it back.
  const head = cls[0];
  if (head && !head.echo && !cls.slice(1).some((c) => c.corrective || c.denial || (en ? /^(?:but|though|except|until|only)\b/ : /^(?:但是|可是|不过|就是|只是)/u).test(c.text))) {
    // (A negative one is left to the readings below: "no it didn't, well, a tiny bit at the top".)
    if (en && EN_AUX_ANSWER.test(head.text) && !/n'?t\b|\bnot\b|^no/.test(head.text)) return 'yes';
    if (!en && ZH_ONGOING.test(head.text) && head.subject === 'patient') return 'yes';
  }
  // Not done yet: "not yet, after dinner", "they'll come out Thursday", "明天去复查".
  const all = cls.map((c) => c.text).join(' ');
  // ("I'll have to ask him" puts off the answer, not the act.)
  if (focus.doneYet && (en ? EN_NOT_YET : ZH_NOT_YET).test(all) && !(en ? EN_DONE : ZH_DONE).test(all) && !(en ? EN_WILL_ASK : ZH_WILL_ASK).test(all)) return 'no';
  // "Gave up twenty years ago", "早戒了": a habit given up.
  if (focus.habit && spoken.some((c) => (en ? EN_QUIT : ZH_QUIT).test(c.text)) && !(en ? /\bcut (?:right )?down\b|\b(?:the )?odd one\b|\bstarted again\b|\bmostly\b|\bone (?:after|with|at)\b|\bsometimes\b|\bnow and then\b|\bexcept\b/ : /又抽|又开始|少抽|偶尔|有时|一口|一小盅|一小杯|一根|喝了|抽了/u).test(cls.map((c) => c.text).join(' '))) return 'no';
  // Lying flat: pillows or sitting up to breathe.
  if ((en ? /\blie (?:down )?flat|lying (?:down )?flat|lie down\b/ : /平躺|躺平|躺下/u).test(q) && spoken.some((c) => (en ? EN_PILLOWS : ZH_PILLOWS).test(c.text) || (en ? /\bflat\b.*\b(?:gasp|breath|puff|cough)/ : /(?:平躺|躺下|躺平)(?:就|会)?(?:喘|憋|咳)/u).test(c.text))) {
    const asksAbility = en ? /\b(?:can|able to|manage to)\b/.test(q) && !/\bbreath|\bshort\b/.test(q) : /能|可以/u.test(q) && !/喘|憋|气/u.test(q);
    return asksAbility ? 'no' : 'yes';
  }
  // "Like a log", "好得很": a good state alone answers a good-state question.
  const addressed = spoken.filter((c) => !(en ? /^(?:dear|love|darling|mate|pet|hun|son|sweetheart|thanks|thank you)$/ : /^(?:谢谢|放心|姑娘|闺女)$/u).test(c.text));
  if (focus.good && addressed.length > 0 && addressed.every((c) => reportsWell(c.text, lang) || c.affirmation) && addressed.some((c) => reportsWell(c.text, lang))) return 'yes';
  // "Only my usual cough, nothing new", "always have done, that's nothing new": the usual is no to a new or since question.
  if ((/\bnew\b|新/u.test(q) || focus.since) && (focus.problem || focus.generic) && cls.some((c) => (en ? /\bnothing new\b|\b(?:always (?:have|had|do|did)(?: done)?|my usual|the usual|same as always|as usual)\b/ : /老毛病|一直(?:都)?(?:这样|是这样)|以前就(?:这样|有)|不是新的/u).test(c.text)) && !cls.some((c) => c.time === 'worsening')) return 'no';
  return spokenClasses(cls.filter((c) => !c.echo), lang, focus);
}

/** "Ask my son", "my brother would know better", "你问我个仔啦": the caller passes the question on. */
const EN_DEFER = /\b(?:would|'d|will|might) know better\b|\bask (?:my|his|her|the) (?:son|daughter|wife|husband|brother|sister|mum|mom|mother|dad|father|carer|nurse|neighbou?r)\b|\bi couldn'?t (?:tell you|say)\b|\bi haven'?t (?:looked|checked|seen)\b/;
const ZH_DEFER = /(?:你|您)?(?:去)?问(?:问)?(?:我|他|她)?(?:的|个)?(?:仔|儿子|女儿|闺女|老伴儿?|老公|老婆|媳妇|家里人|孩子|护工|保姆)|^(?:我)?(?:不知|不晓得|不清楚)(?:道)?(?:啊|呀|哦|喔|嘛)?$/u;
/** Mandarin concession "V是V了，就是…" / "V还是V的": the asked act happens, with a limit. */
const ZH_CONCEDE = /^[^，,]{0,3}?([\u4e00-\u9fff])(?:倒|也)?(?:是|还是)\1(?:了|的|过|着|啊|嘛|呢)?/u;
const ZH_CONCEDE_UNDONE = /^(?:那|这)(?:都|个|也)?是|^不是|之前|以前|住院(?:的时候|那会)|没(?:太|怎么|大)?(?:明白|记住|听懂|懂|记得|听清)|听不懂|记不住|不明白/u;
/** A rhetorical question that denies ("哪敢出门啊", "where got sleep well"); 哪有不吃的 affirms. */
const ZH_RHETORICAL_NO = /哪(?:里|儿)?(?:敢|能|会|有空|有时间|睡得着|吃得下|走得动|顾得上)|哪(?:里|儿)?有(?!不[\u4e00-\u9fff]{1,2}的)/u;
const ZH_RHETORICAL_YES = /哪(?:里|儿)?(?:有|能|会|敢)不[\u4e00-\u9fff]{1,2}(?:的|呢)/u;
const EN_RHETORICAL_NO = /\bwhere got\b|\bwhere (?:to|can) (?:find|get) (?:the )?time\b/;

/** Whole-class readings of what the caller says, before the clause-by-clause reading. */
function spokenClasses(spoken: Clause[], lang: Lang, focus: Focus): YesNo | null {
  if (spoken.length === 0) return null;
  const en = lang === 'en';
  const texts = spoken.map((c) => c.text);
  if (!focus.know && texts.some((t) => (en ? EN_DEFER : ZH_DEFER).test(t)) && !spoken.some((c) => c.affirmation)) return 'unclear';
  if (en) return texts.some((t) => EN_RHETORICAL_NO.test(t)) ? 'no' : null;
  // ... unless what follows takes it back: another cause (冷倒是冷，那是天冷), before (烧是烧过，那是住院之前),
  // or the point missed (听是听了，没太明白).
  if (ZH_CONCEDE.test(texts[0]!) && !texts.slice(1).some((t) => ZH_CONCEDE_UNDONE.test(t))) return 'yes';
  if (texts.some((t) => ZH_RHETORICAL_YES.test(t))) return 'yes';
  if (texts.some((t) => ZH_RHETORICAL_NO.test(t))) return 'no';
  return null;
}

function readClauses(raws: RawClause[], lang: Lang, focus: Focus, asked: string, baseOf: (s: string) => YesNo, corrected: boolean): YesNo | null {
  const cls = raws.map((r) => analyzeClause(r.text, lang, r));
  const whole = raws.map((r) => r.text).join(' ');
  const en = lang === 'en';
  const last = cls[cls.length - 1]!;
  const first = cls[0]!;

  // Not checked: the caller cannot know.
  if (NOT_CHECKED.test(whole) && !focus.know && temperatureAnswer(whole, lang) === null && (cls.some((c) => c.uncertain || /^i (?:don'?t|do not) think so$|^应该没有/u.test(c.text)) || first.uncertain)) return 'unclear';
  // A soft denial with evidence against it: "I don't think so... I'm late".
  if (cls.length > 1 && (en ? /^i (?:don'?t|do not) think so$/ : /^(?:应该|可能|好像)没有/u).test(first.text) && cls.slice(1).some((c) => (en ? /\b(?:but|late|haven'?t)\b/ : /但是|可是|不过/u).test(c.text))) return 'unclear';
  // So-so opening.
  if ((en ? /^(?:so[- ]so|sort of|kind of|more or less)$/ : /^(?:还行吧|一般般?|马马虎虎|凑合)$/u).test(first.text) && cls.length > 1 && !cls.slice(1).some((c) => c.affirmation || c.denial)) return 'unclear';

  // Time: before the hospital stay is not what was asked.
  if (cls.some((c) => BEFORE_STAY.test(c.text)) && !cls.some((c) => !BEFORE_STAY.test(c.text) && c.time === 'current' && present(c, lang) && aboutFamilies(c.text, focus.ids, lang))) {
    if (focus.problem || focus.since) return 'no';
  }
  // A resolved event answers "now / still" with no.
  if (focus.now && !focus.since && last.time === 'resolved' && !/\bnot (?:gone|over|finished)\b|没(?:好|退|消)/u.test(last.text) && cls.length > 1) return 'no';
  if (focus.now && !focus.since && cls.length === 1 && last.time === 'resolved' && (en ? /\b(?:took it out|came out|finished)\b/ : /吃完了|拔了|拆了/u).test(last.text)) return 'no';
  // A past event answers "since / have you had" with yes.
  if (focus.since && !focus.now && (focus.problem || focus.fever)) {
    const temp = temperatureAnswer(whole, lang);
    if (focus.fever && temp) return temp;
    const past = cls.find((c) => (c.time === 'past' || /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last night)\b|前天|昨天|那天/u.test(c.text)) && present(c, lang) && (focus.ids.length === 0 || aboutFamilies(c.text, focus.ids, lang)));
    if (past && !BEFORE_STAY.test(past.text)) return 'yes';
  }
  if (focus.fever && !focus.good) {
    const temp = temperatureAnswer(whole, lang);
    if (temp && !cls.some((c) => c.subject === 'other')) return temp;
  }

  // Good-state questions: a clause that reports the problem is a no.
  if (focus.good) {
    const after = cls.slice(1);
    const problemClause = after.find((c) => (en ? EN_PROBLEM_REPORT : ZH_PROBLEM_REPORT).test(c.text) && !(c.minimised && !en) && !/\b(?:not (?:bad|too bad))\b/.test(c.text));
    if (first.uncertain && problemClause) return 'unclear';
    const lastProblem = (en ? EN_PROBLEM_REPORT : ZH_PROBLEM_REPORT).test(last.text) && !(last.minimised && !en) && cls.length > 1;
    if (lastProblem || (problemClause && !present({ ...last, text: last.text }, lang))) return 'no';
    if (cls.some((c) => c.time === 'worsening' && !c.negated && !c.echo)) return 'no';
    // A clause that names a blockage ("拉不出来", 便秘), with nothing said to be fine, is a no to a good-state question.
    if (!en && cls.some((c) => !c.echo && /[拉尿解排]不(?:出|下|干净)|便秘|不(?:通|畅|顺)/u.test(c.text)) && !cls.some((c) => !c.echo && reportsWell(c.text, lang))) return 'no';
  }
  // "Has the redness spread?" "it's past the line": worse answers a worse-question with yes.
  if (en && /\b(?:spread|worse|bigger|grown)\b/.test(asked.toLowerCase()) && cls.some((c) => c.time === 'worsening' && !c.negated)) return 'yes';

  // "Short of breath? Me? I ran for the bus": a rhetorical "me?" is a denial.
  if (en && focus.problem && !corrected && cls.some((c) => c.text === 'me' || c.text === 'me?') && !cls.some((c) => c.corrective)) return 'no';
  // "Any trouble sleeping?" "I don't sleep at all": the activity denied is the trouble confirmed.
  if (en) {
    const m = /\b(?:trouble|difficulty|problems?) (\w+?)(?:ing)\b/.exec(asked.toLowerCase());
    const said = cls.filter((c) => !c.echo).map((c) => c.text).join(' ');
    if (m && new RegExp(`\\b(?:don'?t|can'?t|cannot|not|never|barely|hardly) (?:\\w+ )?${m[1]}`).test(said)) return 'yes';
  }

  // A denial, then a clause about the asked symptom (or a limited presence): yes.
  if (focus.problem || focus.generic || focus.action) {
    const partial = cls.find((c) => (en ? EN_PARTIAL : ZH_PARTIAL).test(c.text) && present(c, lang) && (focus.ids.length === 0 || aboutFamilies(c.text, focus.ids, lang) || (en && c.text.split(' ').length <= 8 && !/\b(?:stiff|itch|rash)\b/.test(c.text) && !namesOtherComplaint(c.text, lang, focus.ids))) && !(focus.action && focus.strict));
    if (partial && (focus.problem || focus.generic || /\b(?:only|maybe once|once a day)\b/.test(partial.text))) return 'yes';
    const di = cls.findIndex((c) => isDenial(c, lang, focus.ids));
    if (di >= 0 && (focus.problem || focus.generic)) {
      const later = cls.slice(di + 1).filter((c) => !c.echo);
      const related = later.find((c) => present(c, lang) && !reportsWell(c.text, lang) && (focus.ids.length > 0 ? aboutFamilies(c.text, focus.ids, lang) : (en ? EN_MINIMISED_PRESENT : ZH_MINIMISED_PRESENT).test(c.text) || /\b(?:burns?|hurts?|stings?|sick|sore|itch\w*|dry)\b|疼|痛|痒|不得劲|难受|胀|鼓/u.test(c.text)));
      if (related) return 'yes';
      if (focus.ids.length > 0 && later.length > 0 && !later.some((c) => aboutFamilies(c.text, focus.ids, lang)) && !later.some((c) => c.affirmation) && (aboutFamilies(cls[di]!.text, focus.ids, lang) || (di > 0 && aboutFamilies(cls[di - 1]!.text, focus.ids, lang)))) return 'no';
    }
  }

  // "It aches, but not as bad as last week", "没那么疼了，还是有点": less, but there.
  if ((focus.problem || focus.generic) && cls.length > 1 && cls.some((c) => withoutDegree(c.text, lang) !== c.text)) {
    const there = cls.find((c) => withoutDegree(c.text, lang) === c.text && !c.echo && c.subject === 'patient' && !c.hypothetical && present(c, lang) && !reportsWell(c.text, lang)
      && (aboutFamilies(c.text, focus.ids, lang) || (en ? EN_MINIMISED_PRESENT : ZH_MINIMISED_PRESENT).test(c.text) || (en ? /\b(?:aches?|hurts?|sore|still)\b/ : /还是|还有|疼|痛/u).test(c.text)));
    if (there) return 'yes';
  }

  // The clauses about the asked complaint decide when the others name something else
  // ("肚子不疼了，就是膝盖有点疼"): all of them denied or over is a no.
  const improving = (en ? /\b(?:improv\w*|better|eas\w*|settl\w*|go(?:ne|ing) down|come down|less)\b/ : /减轻|好转|好点|缓解|消|退|轻了|少了/u).test(lc(asked, lang));
  if (focus.problem && !focus.good && !improving && focus.ids.length > 0 && cls.length > 1) {
    const about = cls.filter((c) => !c.echo && aboutFamilies(c.text, focus.ids, lang));
    const others = cls.filter((c) => !c.echo && !aboutFamilies(c.text, focus.ids, lang) && !reportsWell(c.text, lang) && anySymptomWord(c.text, lang));
    if (about.length > 0 && others.length > 0 && about.every((c) => c.subject === 'patient' && !c.hypothetical && !c.uncertain && !present(c, lang))) return 'no';
  }

  // Facts without yes/no.
  if (focus.completion && (en ? /\b(?:almost|nearly|still (?:have|got) (?:some|a few)|a few left)\b/ : /快(?:吃|用|做)?完|还剩|还有几/u).test(whole)) return 'no';
  if (focus.know && (en ? /\b(?:don'?t|do not|can'?t) (?:remember|know|recall)\b/ : /不记得|忘了|不知道/u).test(whole)) return 'no';
  if (focus.allergy && (en ? /\b(?:gives? me|brings? me out in|makes? me|react\w*)\b.*\b(?:rash|hives|itch\w*|swell\w*|spots|sick)\b/ : /(?:一吃|吃了|用了).{0,6}(?:起疹子|起红点|痒|肿|过敏)/u).test(whole)) return 'yes';
  if (focus.action && !en && /^[\u4e00-\u9fff]{1,3}(?:不了|不住)/u.test(first.text) && !focus.problem) return 'no';
  if (focus.action && (en ? /\b(?:forget|forgot|miss|missed|skip\w*)\b/ : /忘|漏/u).test(whole) && !(en ? /\b(?:never|not once|don'?t|didn'?t|haven'?t) (?:\w+ )?(?:forget|forgot|miss|missed|skip\w*)\b/ : /(?:没|不|从不)(?:忘|漏)/u).test(whole)) {
    if (focus.strict || /\bsometimes\b|有时/u.test(whole)) return 'no';
  }
  if ((focus.habit || focus.action) && !focus.strict) {
    const qty = en
      ? /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple|once|twice|the one)\b(?:[ ,]+\w+){0,3}?\b(?:a day|a week|a night|cups?|beers?|glass(?:es)?|pints?|cigarettes?|after (?:dinner|lunch|tea)|times?)\b|\b(?:just |only )?(?:a|one) (?:glass|pint|beer|cigarette|drink|can|cup)\b|\bjust the one\b|\bcut down\b|\bmostly\b/
      : /[一二两三四五六七八九十几\d]+(?:根|支|杯|瓶|两|口|次)|少抽|少喝/u;
    if (qty.test(whole) && !cls.some((c) => c.denial && !/\bmostly\b/.test(c.text))) return 'yes';
  }
  // The question's own verb restated ("Finished them Saturday" to "Did you finish").
  if (en && focus.completion && !focus.now && /\bfinish(?:ed)?\b/.test(first.text) && !first.negated) return 'yes';

  // A clear opening answer stands when nothing later denies, corrects or resolves it.
  const firstYes = !cls.some((c) => c.echo) && !first.uncertain && !first.hypothetical && first.subject === 'patient' && baseOf(first.text) === 'yes' && (en ? first.text.split(' ').length <= 5 : first.text.length <= 6 || (first.text.length <= 12 && aboutFamilies(first.text, focus.ids, lang)));
  if (firstYes && cls.length > 1 && !cls.slice(1).some((c) => c.denial || c.corrective || (c.time === 'resolved' && focus.problem))) {
    if (!(en && focus.good)) return 'yes';
    if (!cls.slice(1).some((c) => EN_PROBLEM_REPORT.test(c.text) && !/\bbut (?:he|she|i)'?s \w+ing\b/.test(c.text)) || /\bbut (?:he|she|i)'?s \w+ing$/.test(last.text)) return 'yes';
  }
  // A bare yes or no closing the turn ("If you must. Yes, all right.", "but no, not more than usual").
  if (cls.length > 1) {
    if (en && /^(?:(?:mostly|probably|so|then|ok|okay|well|but) )*(?:yes|yeah|yep)(?: (?:all right|alright|then|please|of course|i do|i have))*$/.test(last.text)) return 'yes';
    if (en && /^(?:but )?no(?: not (?:more than usual|really|any ?more|at all))?$/.test(last.text) && !focus.good) return 'no';
  }
  return null;
}
