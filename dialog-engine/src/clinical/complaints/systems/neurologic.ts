/**
 * CEDIS system "neurologic": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The rows "altered-consciousness", "seizure" and "syncope" of ../complaints.ts stay there; the
 * rows here add focal deficit / TIA (a deficit that has passed still counts), headache with its
 * modifiers, vertigo, gait disturbance, tremor, and the familiar minor headaches (benign).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

/** The usual migraine is self-care only when it is not coming more often (that needs a routine review). */
const NOT_MORE_OFTEN_ZH = (src: string): string => `(?:${src})(?![\\s\\S]*(?:发作(?:得)?(?:越来越)?(?:多|频繁)|(?:每周|一周|一个星期|一个礼拜|一个月)(?:[两三四五六七八九十]|\\d)次|越来越(?:频繁|勤)))`;
const NOT_MORE_OFTEN_EN = (src: string): string => `(?:${src})(?![\\s\\S]*(?:more (?:often|frequent)|(?:three|four|five|six|[3-9]) (?:or (?:four|five|six|[4-9]) )?(?:times )?a (?:month|week)|every (?:week|other day)|(?:like|about) (?:four|five|[4-9]) a month|don'?t (?:really )?work anymore|running out|preventer|preventive))`;

/** One-sided weakness, numbness, a dropped object, a crooked mouth, muddled words (new phrasings). */
const FOCAL_ZH = [
      '!(?:左|右|一边|半边|一侧)(?:边|侧)?(?:的)?(?:手|胳膊|腿|脚|身子|身体|脸)(?:突然|一下子)?(?:就)?(?:发麻|麻了|没劲|没力气|无力|不听使唤|抬不起来|拿不住|使不上劲)',
      '!(?:牙刷|筷子|杯子|碗|勺子|手机)(?:都|也)?(?:掉了|拿不住|握不住|掉地上)',
      '(?:嘴|嘴巴|嘴角)(?:有点|有些)?(?:歪|斜)', '!说话(?:有点|突然)?(?:大舌头|含糊|不利索|说不清|说不出来)',
];
const FOCAL_EN = [
      '\\b(?:left|right|one) (?:hand|arm|leg|side|foot)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,25}\\b(?:went|go|gone|going|became|felt) (?:all )?(?:numb|useless|weak|heavy|dead|floppy)\\b',
      "!\\b(?:couldn'?t|could not|can'?t) (?:get (?:my|his|her|the) words out|find (?:my|his|her|the) words|hold (?:my|his|her|a|the) (?:cup|pen|fork|phone))\\b", '\\bmouth (?:felt|went|looked) (?:funny|weird|droopy|crooked|lopsided)\\b', '\\b(?:smile|face) (?:looked|was|went|is) (?:crooked|lopsided|droopy|drooping)\\b', '\\bslurr(?:ed|ing)\\b', '\\btia\\b', '\\bmini[- ]stroke\\b', '\\bword[- ]finding\\b', '\\bdysphasi\\w+\\b', '\\bhemipares\\w+\\b',
];
/** A deficit told as over ("lasted ten minutes", "现在又好了") is a TIA (D2), not a stroke now (D1). */
const TRANSIENT_ZH = '(?:(?:几|十来|十几|二十|[\\d一二三四五六七八九十]+)(?:来)?分钟(?:左右)?(?:就|又|后)?(?:好|恢复|缓过来|没事)|现在(?:又)?(?:好了|没事了|正常了|能(?:握拳|说话|动)了)|跟没事人一样|已经(?:好了|恢复))';
const TRANSIENT_EN = "(?:\\bfor (?:about |maybe |around |like )?(?:a few|a couple of|five|ten|fifteen|twenty|thirty|\\d+) (?:minutes|mins|seconds)\\b|\\blasted (?:about |maybe |around )?(?:a few|five|ten|fifteen|twenty|thirty|\\d+)|\\bwent away\\b|\\b(?:went |is |was |now )?back to normal\\b|\\bnow (?:i'?m|he'?s|she'?s|it'?s) (?:fine|ok|okay|normal)\\b|\\bresolved\\b)";
/** Wraps a term source in a whole-narrative guard, keeping its '!' / '=' prefix in front. */
const guarded = (guard: string) => (src: string): string => {
  const prefix = /^[!=]*/.exec(src)?.[0] ?? '';
  return `${prefix}(?<!${guard}[\\s\\S]*)(?:${src.slice(prefix.length)})(?![\\s\\S]*${guard})`;
};
const NOT_TRANSIENT_ZH = guarded(TRANSIENT_ZH);
const NOT_TRANSIENT_EN = guarded(TRANSIENT_EN);

export const COMPLAINTS: Complaint[] = [
  { id: 'focal-deficit', system: 'neurologic', label: { zh: '肢体无力/言语障碍（卒中症状）', en: 'extremity weakness / symptoms of stroke' }, terms: ['weakness-one-side', 'speech-difficulty', 'facial-droop', 'm:neuro-focal', 'm:neuro-focal-any'], base: null, department: 'neurology', modifiers: [
    { id: 'focal-deficit-now', all: ['m:neuro-focal'], level: 2, disposition: 'D1', redFlag: 'stroke-signs', source: 'CTAS2016 symptoms of CVA, onset within the thrombolysis window: level II; CN2018 急性脑卒中 level 2; BE-FAST' },
    { id: 'tia-resolved', all: ['weakness-one-side|speech-difficulty|facial-droop|m:neuro-focal|m:neuro-focal-any'], level: 2, disposition: 'D2', resolvedToo: true, source: 'CTAS2016 TIA, symptoms resolved: level II-III; NICE NG128: a suspected TIA is assessed within 24 h (ABCD2 no longer used to delay); a deficit that has passed still counts' },
  ] },
  { id: 'headache', system: 'neurologic', label: { zh: '头痛', en: 'headache' }, terms: ['headache', 'm:neuro-headache'], base: null, department: 'neurology', modifiers: [
    { id: 'headache-anticoagulated', all: ['m:anticoagulant'], level: 2, disposition: 'D2', source: 'CTAS2016 headache on anticoagulants: level II; NICE CG150 headache red flags (anticoagulation)' },
    { id: 'headache-immunosuppressed', all: ['m:immunosuppressed'], level: 3, disposition: 'D4', source: 'NICE CG150 headache with compromised immunity (red flag): same-day assessment; CTAS2016 level III' },
    { id: 'headache-meningism', all: ['fever|x:high-fever', 'x:photophobia|x:stiff-neck|m:neuro-neck-stiff'], level: 2, disposition: 'D2', redFlag: 'meningitis-signs', source: 'CTAS2016 headache with fever and meningism: level II; NICE NG240 / CG150 (fever with neck stiffness or photophobia)' },
    { id: 'headache-new-elderly-jaw', all: ['m:neuro-gca'], level: 3, disposition: 'D4', source: 'BSR 2020 giant cell arteritis: new headache over 50 with jaw claudication or scalp tenderness, same-day assessment; CTAS2016 level III' },
    { id: 'headache-after-head-injury', all: ['x:head-injury|m:head-strike', 'nausea-vomiting|x:severe|dizziness'], level: 2, disposition: 'D2', source: 'CTAS2016 headache after head injury with vomiting: level II-III; NICE CG176' },
  ] },
  { id: 'migraine-pattern-change', system: 'neurologic', label: { zh: '偏头痛发作变频繁', en: 'usual migraine coming more often' }, terms: ['m:neuro-headache-frequent'], base: { level: 4, disposition: 'D6' }, department: 'neurology', benign: true, benignIf: ['m:usual|x:chronic|m:neuro-migraine|x:headache-chronic'], modifiers: [] },
  { id: 'headache-usual', system: 'neurologic', label: { zh: '平时那样的头痛', en: 'usual recurrent headache' }, terms: ['headache', 'm:neuro-headache'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:neuro-usual', 'x:chronic|m:neuro-relieved|x:improving|m:usual|x:headache-chronic'], modifiers: [] },
  { id: 'migraine-usual', system: 'neurologic', label: { zh: '平时的偏头痛', en: 'usual migraine' }, terms: ['m:neuro-migraine'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:usual|x:chronic|m:neuro-as-before|x:improving|m:neuro-relieved'], modifiers: [] },
  { id: 'tension-headache', system: 'neurologic', label: { zh: '紧张性头痛', en: 'tension-type headache' }, terms: ['m:neuro-tension'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'vertigo', system: 'neurologic', label: { zh: '眩晕', en: 'vertigo' }, terms: ['m:neuro-vertigo'], base: { level: 4, disposition: 'D5' }, department: 'neurology', modifiers: [
    { id: 'vertigo-central-signs', all: ['x:balance|m:neuro-cant-walk|weakness-one-side|speech-difficulty|facial-droop|x:vision-loss|m:neuro-double|x:worst-headache'], level: 2, disposition: 'D2', redFlag: 'stroke-signs', source: 'CTAS2016 vertigo with neurological signs / unable to walk: level II (posterior circulation stroke); CN2018 level 2' },
    { id: 'vertigo-recurrent-positional', all: [], level: 4, disposition: 'D5', resolvedToo: true, source: 'CTAS2016 vertigo, recurrent positional (BPPV) without neurological signs: level IV; 良性阵发性位置性眩晕诊断和治疗指南 (2017)' },
  ] },
  { id: 'gait-disturbance', system: 'neurologic', label: { zh: '步态不稳/共济失调', en: 'gait disturbance / ataxia' }, terms: ['x:balance', 'm:neuro-cant-walk'], base: null, department: 'neurology', modifiers: [
    { id: 'ataxia-acute', all: ['x:sudden|m:sudden|headache|nausea-vomiting|m:neuro-double'], level: 2, disposition: 'D2', source: 'CTAS2016 gait disturbance / ataxia, acute onset: level II-III (cerebellar stroke)' },
  ] },
  { id: 'tremor', system: 'neurologic', label: { zh: '震颤（手抖）', en: 'tremor' }, terms: ['m:neuro-tremor'], base: { level: 4, disposition: 'D6' }, department: 'neurology', modifiers: [] },
  { id: 'sensory-loss', system: 'neurologic', label: { zh: '感觉异常/麻木', en: 'sensory loss / paraesthesia' }, terms: ['m:neuro-numb-both'], base: null, department: 'neurology', modifiers: [
    { id: 'ascending-weakness', all: ['m:neuro-ascending'], level: 2, disposition: 'D2', source: 'CTAS2016 bilateral weakness / ascending paralysis (Guillain-Barré): level II' },
  ] },
  { id: 'unresponsive-groaning', system: 'neurologic', label: { zh: '叫不应只哼哼', en: 'only groaning, not answering' }, terms: ['m:neuro-unresponsive'], base: { level: 2, disposition: 'D1' }, department: null, modifiers: [
    { id: 'groaning-only', all: [], level: 2, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 altered level of consciousness (responds to voice or pain only, GCS < 14): level II; CN2018 意识障碍' },
  ] },
  { id: 'paraesthesia-chronic', system: 'neurologic', label: { zh: '手指麻木（慢性）', en: 'tingling fingers (long-standing)' }, terms: ['m:neuro-carpal'], base: { level: 4, disposition: 'D6' }, department: 'neurology', modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:neuro-focal': FOCAL_ZH.map(NOT_TRANSIENT_ZH),
    'm:neuro-focal-any': FOCAL_ZH,
    'm:neuro-headache': ['脑(?:壳|瓜子?|袋)(?:有点)?(?:胀|疼|痛|闷)', '头(?:有点)?(?:胀|胀痛|昏沉沉)'],
    'm:neuro-neck-stiff': ['脖子(?:发)?(?:硬|僵)', '颈(?:项)?强直'],
    'm:neuro-gca': ['(?:嚼|吃)东西(?:的时候)?(?:下巴|腮帮子)(?:酸|疼|痛)', '头皮(?:一碰就|摸着|梳头)(?:疼|痛)', '梳头(?:都|也)?(?:疼|痛)', '颞动脉炎', '巨细胞动脉炎'],
    'm:neuro-headache-frequent': ['(?:偏头痛|头痛|头疼)[^不没无未，。,.;；!?！？]{0,80}(?:发作(?:得)?(?:越来越)?(?:多|频繁)|(?:每周|一周|一个星期|一个礼拜|一个月)(?:[两三四五六七八九十]|\\d)次|越来越(?:频繁|勤))', '(?:发作(?:得)?(?:越来越)?(?:多了|频繁)|(?:每周|一周)(?:[两三四五六七八九十]|\\d)次)[^不没无未，。,.;；!?！？]{0,20}(?:偏头痛|头痛|头疼)'],
    'm:neuro-migraine': ['偏头痛', '(?:一边|半边|一侧)(?:的)?(?:太阳穴|头)(?:一跳一跳|跳着|突突)'].map(NOT_MORE_OFTEN_ZH),
    'm:neuro-as-before': ['!(?:跟|和)(?:以前|往常|平时|以往)(?:一样|一模一样|差不多)', '又犯了', '老(?:毛病|样子)'],
    'm:neuro-relieved': ['(?:吃|喝)了(?:片|颗|粒)?[^不没无未，。,.;；!?！？]{0,8}(?:好(?:一)?些|好多了|轻(?:一)?点|缓解)', '(?:已经)?(?:轻|好)(?:一)?点了', '躺了(?:一)?会(?:儿)?[^不没无未，。,.;；!?！？]{0,6}(?:好|轻)'],
    'm:neuro-usual': ['老毛病', '又犯了', '(?:跟|和)(?:以前|往常|平时|以往|平常)(?:一样|一模一样|差不多)', '以前也(?:这样|这么疼|犯过)'].map(NOT_MORE_OFTEN_ZH),
    'm:neuro-tension': ['(?:太阳穴|额头|头)(?:两边)?(?:像|跟)?(?:被)?(?:箍|勒|绑|紧箍咒)(?:着|住|了)?(?:一样|似的)?', '(?:熬夜|通宵|加班|开会|紧张|压力大|看(?:电脑|手机)|喝多了|宿醉)[^不没无未，。,.;；!?！？]{0,20}(?:头|脑壳|脑袋|太阳穴)(?:有点|有些)?(?:疼|痛|胀)', '紧张性头痛'],
    'm:neuro-vertigo': ['天旋地转', '(?:房子|屋子|东西|天花板)(?:都)?(?:在)?(?:转|打转|旋转)', '(?:一|翻身|起床|躺下|低头|抬头)[^不没无未，。,.;；!?！？]{0,4}(?:就)?(?:晕|转)(?:得)?(?:厉害|天旋地转)?', '耳石(?:症)?', '眩晕', '转个?(?:十几|几)秒'],
    'm:neuro-cant-walk': ['!走不了路', '!(?:站|走)(?:都)?(?:站|走)不(?:住|稳)', '!没法走路'],
    'm:neuro-double': ['重影', '复视', '看(?:东西)?(?:成)?(?:两个|双影)'],
    'm:neuro-tremor': ['手(?:老|一直|总是|有点)?(?:抖|哆嗦|发抖)', '(?:拿|端)(?:杯子|碗|筷子)[^不没无未，。,.;；!?！？]{0,4}(?:抖|哆嗦)', '写字[^不没无未，。,.;；!?！？]{0,4}(?:抖|歪歪扭扭)', '震颤', '帕金森'],
    'm:neuro-numb-both': ['!(?:两|双)(?:手|脚|腿|条腿|只手|只脚)(?:都)?(?:发麻|麻木|没劲|无力|软)', '!手脚(?:都)?(?:发麻|麻木|没劲|无力)'],
    'm:neuro-ascending': ['!(?:从|由)(?:脚|腿|下面)(?:往上|向上)(?:麻|没劲|无力|发展)', '!(?:越来越|一天比一天)(?:没劲|走不动)', '格林巴利', '吉兰巴雷'],
    'm:neuro-unresponsive': ['!(?:叫|喊)(?:他|她)(?:光|只|就)?(?:会)?哼(?:哼|唧)?(?:不说话)?', '光哼哼', '只会哼', '!问(?:他|她)?(?:什么|啥)(?:都)?不(?:回答|说话|吭声)'],
    'm:neuro-carpal': ['(?:手指|手指头|手)(?:头)?(?:发麻|麻木|麻)[^不没无未，。,.;；!?！？]{0,10}(?:晚上|夜里|半夜|麻醒|甩甩手|好几个月|几个月|好久)', '腕管综合征', '(?:颈椎病|颈椎)[^不没无未，。,.;；!?！？]{0,6}(?:手麻|手指麻)'],
  },
  en: {
    'm:neuro-focal': FOCAL_EN.map(NOT_TRANSIENT_EN),
    'm:neuro-focal-any': FOCAL_EN,
    'm:neuro-headache': ['\\bhead (?:is )?(?:pounding|throbbing|splitting|killing)\\b', '\\bthumping head\\b'],
    'm:neuro-neck-stiff': ['\\bstiff neck\\b', '\\bneck (?:is )?stiff\\b', '\\bneck stiffness\\b', '\\bmeningism\\b'],
    'm:neuro-gca': ['\\bjaw (?:hurts|aches|pain) (?:when|while) (?:chewing|eating)\\b', '\\bjaw claudication\\b', '\\bscalp (?:is )?(?:tender|sore|hurts)\\b', '\\btemporal arteritis\\b', '\\bgiant cell\\b', '\\bgca\\b'],
    'm:neuro-headache-frequent': ['\\b(?:migraines?|headaches?)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z0-9 ,\'.—-]){0,260}\\b(?:more (?:often|frequent)|(?:three|four|five|six|[3-9]) (?:or (?:four|five|six|[4-9]) )?(?:times )?a (?:month|week)|(?:four|five|[4-9]) a month|every week)\\b'],
    'm:neuro-migraine': ['\\bmigraines?\\b', '\\bzig-?zag(?:s| lights)?\\b', '\\b(?:my|the) usual (?:headache|migraine)\\b'].map(NOT_MORE_OFTEN_EN),
    'm:neuro-usual': ['\\bsame as (?:always|usual|before|every time)\\b', '\\bmy usual (?:headache|migraine)s?\\b', '\\bhad (?:them|these|it) for years\\b', '\\ban old problem\\b', '\\blike (?:it )?always (?:does|is)\\b', '\\bi (?:often|always|usually) get (?:these|them|this)\\b'].map(NOT_MORE_OFTEN_EN),
    'm:neuro-as-before': ['\\bsame as (?:always|usual|before|every time)\\b', '\\blike (?:all )?(?:my|the) (?:other|usual|previous) (?:ones|migraines|attacks)\\b', '\\bhad them for years\\b', '\\bsince i was (?:a teenager|a kid|young)\\b'],
    'm:neuro-relieved': ['\\b(?:paracetamol|ibuprofen|tablets?|painkillers?|triptan|sumatriptan)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,20}\\b(?:helped|helps|works|worked|takes the edge off|easing)\\b', '\\balready (?:easing|better|settling|going)\\b', '\\beasing off\\b'],
    'm:neuro-tension': ['\\b(?:tight )?band (?:round|around|across) (?:my|his|her|the) (?:head|forehead)\\b', '\\blike a (?:tight )?band\\b', '\\btension(?:[- ]type)? headache\\b', '\\b(?:screen|computer|deadlines?|stress(?:ed)?|long day)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,.]){0,60}\\bheadache\\b', '\\bheadache\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,.]){0,60}\\b(?:screen|computer|deadlines?|stress(?:ed)?|hangover|not drinking enough)\\b'],
    'm:neuro-vertigo': ['\\b(?:room|world|everything) (?:is |was |starts |started )?(?:spinning|spins|spun|going round)\\b', '\\bvertigo\\b', '\\bbppv\\b', '\\bspinning\\b', '\\b(?:roll|turn) over in bed\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:spin|dizzy)'],
    'm:neuro-cant-walk': ["!\\b(?:can'?t|cannot|unable to) (?:walk|stand)(?: up)?(?: straight)?\\b", '\\bwalking like (?:he|she|i)(?:\'s| is| was| am) drunk\\b', '\\bataxi\\w+\\b'],
    'm:neuro-double': ['\\bdouble vision\\b', '\\bseeing double\\b', '\\bdiplopia\\b'],
    'm:neuro-tremor': ['\\b(?:hands?|arms?) (?:shake|shakes|shaking|tremble|trembling|shaky)\\b', '\\btremors?\\b', '\\bshaky hands?\\b', '\\bparkinson\\w*\\b'],
    'm:neuro-numb-both': ['\\bboth (?:hands|feet|legs|arms)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:numb|tingling|weak|pins and needles)\\b', '\\b(?:hands and feet|feet and hands) (?:are |have gone |went )?(?:numb|tingling|weak)\\b'],
    'm:neuro-ascending': ['\\b(?:weakness|numbness|tingling)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:spreading|creeping|moving|going) up\\b', '\\bguillain\\w*\\b', '\\bgbs\\b', '\\bascending (?:weakness|paralysis)\\b'],
    'm:neuro-unresponsive': ['\\b(?:just|only) (?:groaning|moaning|mumbling)\\b', "!\\bnot (?:responding|answering) (?:to )?(?:me|us|properly)\\b"],
    'm:neuro-carpal': ['\\bpins and needles in (?:my|his|her) (?:fingers|thumb|hand)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:at night|weeks|months|wakes)\\b', '\\bcarpal tunnel\\b', '\\b(?:fingers|hands?) (?:go|goes|going) numb at night\\b'],
  },
};
