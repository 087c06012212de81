/**
 * CEDIS system "substance-toxicology": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 list: overdose / ingestion, substance misuse / intoxication,
 * substance withdrawal): paracetamol overdose (large or staggered), one tablet of a dangerous
 * drug swallowed by a small child, a household product (dishwasher tablet, laundry pod, bleach),
 * a non-toxic ingestion (silica gel, a crayon), an extra dose of an ordinary medicine (benign)
 * vs. an extra dose of a high-risk one (warfarin, insulin, methotrexate...), alcohol
 * intoxication and hangover, alcohol / benzodiazepine withdrawal (tremor vs. delirium or a fit),
 * opioid toxicity, stimulant toxicity, and a request to stop smoking or drinking.
 * The existing child-ingestion row lives in complaints.ts.
 *
 * A modifier that would add the `poisoning` red flag also sends the caller to 120 (the red-flag
 * table maps poisoning to D1); an awake child after one tablet, or an adult after a paracetamol
 * overdose, goes to the ED now instead, so those rows raise to D2 without the flag.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

/** Household products a child must not swallow (named as callers name them). */
const ZH_HOUSEHOLD = '(?:洗碗(?:块|粉|凝珠)|洗衣(?:凝珠|球|珠|液|粉)|洗洁精|(?:84|八四)消毒液|消毒(?:水|液)|漂白(?:水|剂)|洁厕(?:灵|剂)|管道疏通剂|烧碱|洗发水|沐浴露|洗手液)';
const EN_HOUSEHOLD = "\\b(?:dishwasher (?:tablets?|tabs?|pods?|capsules?|gel|powder)|(?:laundry|washing|liquitab|gel|detergent) (?:pods?|capsules?|tabs?|tablets?)|washing[- ]up liquid|bleach|(?:oven|drain|toilet|floor) cleaner|detergent|caustic soda|white spirit|hand sanitiser|hand sanitizer)\\b";

export const COMPLAINTS: Complaint[] = [
  { id: 'tox-paracetamol', system: 'substance-toxicology', label: { zh: '对乙酰氨基酚过量', en: 'paracetamol overdose' }, terms: ['m:tox-paracetamol'], base: null, department: null, modifiers: [
    { id: 'paracetamol-overdose', all: ['m:tox-many-tablets|x:overdose|m:tox-over-limit'], level: 2, disposition: 'D2', resolvedToo: true, source: `${CTAS} overdose ingestion: level II even when well (delayed hepatotoxicity); UK NPIS / TOXBASE paracetamol: >= 75 mg/kg or a staggered overdose needs a 4-hour level and treatment; ${CN} 急性中毒 level 2` },
  ] },
  { id: 'tox-child-one-tablet', system: 'substance-toxicology', label: { zh: '幼儿误吞危险药物', en: 'small child swallowed a dangerous tablet' }, terms: ['m:tox-child-swallowed'], base: null, department: null, modifiers: [
    { id: 'child-one-pill-can-kill', all: ['m:one-pill-can-kill|m:tox-high-risk-drug'], ages: ['child', 'infant'], level: 2, disposition: 'D2', resolvedToo: true, source: 'AAPCC out-of-hospital management guidelines (Olson 2005 calcium channel blockers, Wax 2005 beta blockers, Calello 2006 sulfonylureas): any ingestion by a child goes to the ED; CNPED2023 儿童误服 level 2; CTAS2016 overdose ingestion level II' },
  ] },
  { id: 'tox-household-product', system: 'substance-toxicology', label: { zh: '误食家用化学品', en: 'household product swallowed' }, terms: ['m:tox-household'], base: { level: 3, disposition: 'D3' }, department: null, modifiers: [
    { id: 'household-product-symptoms', all: ['m:tox-household', 'x:cant-swallow|m:throat-danger|nausea-vomiting|shortness-of-breath|x:rf-severe-breathing|m:tox-mouth-burn|x:drowsy|x:lethargic'], level: 2, disposition: 'D2', source: `${CTAS} ingestion of a corrosive / detergent with symptoms (drooling, vomiting, breathing trouble; a cough that settled stays with the poison-advice call): level II; UK NPIS TOXBASE laundry detergent capsules: symptomatic children to hospital` },
  ] },
  { id: 'tox-non-toxic-ingestion', system: 'substance-toxicology', label: { zh: '误食无毒物品', en: 'non-toxic item swallowed' }, terms: ['m:tox-nontoxic'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'tox-extra-dose', system: 'substance-toxicology', label: { zh: '多吃了一次药', en: 'took a dose twice' }, terms: ['m:tox-double-dose', 'x:med-error'], base: null, department: 'pharmacy', modifiers: [
    { id: 'extra-dose-high-risk-drug', all: ['m:tox-double-dose|x:med-error', 'm:tox-high-risk-drug|m:anticoagulant'], level: 3, disposition: 'D3', source: `${CTAS} medication error with a narrow-therapeutic-index drug (warfarin, insulin, methotrexate, lithium, digoxin, sulfonylurea, opioid): poison-information / clinician advice now; ISMP high-alert medications list` },
  ] },
  { id: 'tox-extra-dose-ordinary', system: 'substance-toxicology', label: { zh: '普通药物多吃一次', en: 'one extra dose of an ordinary medicine' }, terms: ['m:tox-double-dose'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:tox-feels-fine'], modifiers: [] },
  { id: 'tox-alcohol', system: 'substance-toxicology', label: { zh: '醉酒', en: 'alcohol intoxication' }, terms: ['m:tox-alcohol'], base: null, department: null, modifiers: [
    { id: 'intoxicated-unrousable', all: ['x:rf-altered|m:altered|x:not-awake'], level: 1, disposition: 'D1', redFlag: 'altered-consciousness', source: `${CTAS} intoxication with altered consciousness (GCS < 14) or unable to protect the airway: level I-II; ${CN} 醉酒昏迷 level 1-2` },
    { id: 'intoxicated-injured', all: ['x:head-injury|m:head-strike|x:injury|m:tox-vomit-blood'], level: 2, disposition: 'D2', source: `${CTAS} intoxicated patient with a head injury or other injury: level II (the drink hides the injury); NICE CG176` },
  ] },
  { id: 'tox-hangover', system: 'substance-toxicology', label: { zh: '宿醉', en: 'hangover' }, terms: ['m:tox-hangover'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:tox-awake|m:gi-keeping-fluids'], modifiers: [] },
  { id: 'tox-withdrawal', system: 'substance-toxicology', label: { zh: '戒断反应', en: 'alcohol or drug withdrawal' }, terms: ['m:tox-withdrawal'], base: { level: 4, disposition: 'D5' }, department: 'psychiatry', modifiers: [
    { id: 'withdrawal-delirium-or-fit', all: ['m:tox-hallucination|confusion|m:seizure|m:altered|x:rf-altered'], level: 2, disposition: 'D2', resolvedToo: true, source: `${CTAS} substance withdrawal with hallucinations, confusion or a seizure (delirium tremens): level II; NICE CG100 alcohol withdrawal: admit` },
    { id: 'withdrawal-tremor', all: ['m:tox-tremor|x:sweating|palpitations|insomnia|nausea-vomiting'], level: 3, disposition: 'D4', source: `${CTAS} substance withdrawal, moderate (tremor, sweating, tachycardia): level III; NICE CG100 (CIWA-Ar): medically assisted withdrawal the same day` },
  ] },
  { id: 'tox-opioid', system: 'substance-toxicology', label: { zh: '阿片类中毒', en: 'opioid toxicity' }, terms: ['m:tox-opioid'], base: null, department: null, modifiers: [
    { id: 'opioid-toxicity', all: ['m:tox-pinpoint|m:not-back-to-normal|x:drowsy|x:rf-altered|m:cyanosis|m:tox-slow-breathing'], level: 1, disposition: 'D1', redFlag: 'poisoning', source: `${CTAS} opioid overdose with decreased consciousness or slow breathing: level I; ${CN} 急性中毒 level 1 (naloxone)` },
  ] },
  { id: 'tox-stimulant', system: 'substance-toxicology', label: { zh: '兴奋剂中毒', en: 'stimulant toxicity' }, terms: ['m:tox-stimulant'], base: null, department: null, modifiers: [
    { id: 'stimulant-chest-pain-or-agitation', all: ['chest-pain|m:chest-pain|palpitations|m:tox-agitated|m:seizure|x:high-fever|x:psychosis'], level: 2, disposition: 'D2', source: `${CTAS} stimulant intoxication with chest pain, agitation, hyperthermia or a seizure: level II; ${CN}` },
  ] },
  { id: 'tox-quit-request', system: 'substance-toxicology', label: { zh: '戒烟戒酒咨询', en: 'wants help to stop smoking or drinking' }, terms: ['m:tox-quit'], base: { level: 4, disposition: 'D6' }, department: 'psychiatry', modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:tox-paracetamol': ['扑热息痛', '对乙酰氨基酚', '泰诺(?:林)?', '必理通', '百服宁', '醋氨酚', '散利痛'],
    'm:tox-many-tablets': ['(?:[二三四五六七八九两几]十(?:多|几)?|\\d{2,}多?|十[几多]|好几十)(?:片|粒|颗)', '一整?(?:瓶|盒|板)', '(?:一把|一大把|一堆)(?:药|药片)?'],
    'm:tox-over-limit': [ "(?:一天|每天|一日)(?:吃|服)?(?:了)?(?:快|将近|有)?(?:[5-9]|[1-3]\\d|五|六|七|八|九|十|十[一二三四五六七八九]|二十)(?:多)?克", "(?:每|隔)(?:两|三|2|3)个?(?:钟头|小时)(?:就)?(?:吃|服)(?:两|2)(?:片|粒)",'超过(?:了)?(?:说明书|规定|最大)?(?:的)?(?:剂量|量)', '!(?:说明书|规定)(?:上)?(?:说)?不能超过', '过量'],
    'm:tox-child-swallowed': ['(?:可能|好像|估计)?(?:吞|吃|舔|咬)(?:了|下去了?|进去了?)(?:一|两|几|半)?(?:片|颗|粒)', '(?:药板|药瓶|药盒)(?:上)?(?:少了|空了)(?:一|两|几)?(?:颗|片|粒)?', '(?:手里|嘴里)(?:攥着|拿着|含着)(?:.{0,6})?药'],
    'm:tox-high-risk-drug': ['华法林', '胰岛素', '甲氨蝶呤', '锂盐', '碳酸锂', '地高辛', '格列(?:本脲|齐特|吡嗪|美脲)', '优降糖', '吗啡', '羟考酮', '芬太尼', '美沙酮', '曲马多', '可待因', '氯氮平', '茶碱', '秋水仙碱'],
    'm:tox-household': [`(?:吃|喝|吞|舔|咬|误服|误食|误喝|偷喝|偷吃)(?:了|进去了?|下去了?|开了?|破了?)?(?:一口|一点|几口|点|一个|一颗|一粒)?.{0,6}?${ZH_HOUSEHOLD}`, `${ZH_HOUSEHOLD}.{0,10}?(?:吃|喝|吞|舔|咬)(?:了|进去|下去|开|破)`],
    'm:tox-mouth-burn': ['嘴(?:里|巴)?(?:起泡|烧|红了|破了)', '流口水', '舌头(?:起泡|发白)'],
    'm:tox-nontoxic': ['干燥剂', '硅胶(?:包|珠)', '蜡笔', '橡皮泥', '(?:一小块|一点)?(?:牙膏|肥皂)', '防腐剂包', '小珠珠'],
    'm:tox-double-dose': ['!不小心.{0,12}(?:吃|服|打)了两(?:次|回|遍)', '(?:吃|服)(?:重|重复)了', '服多了', '(?<=(?:药|片|粒|颗|胶囊|[a-z]{3})[^，。,]{0,6})吃多了', '吃多了(?=[^，。,]{0,3}(?:药|片|粒|颗))', '(?:又|多)(?:吃|服|打)了(?:一次|一片|一颗|一粒|一回|一遍|两片)', '(?:重复|多)(?:吃|服)(?:了)?(?:一次|药)', '忘了(?:已经)?吃过(?:了)?(?:又吃)?', '吃(?:了)?(?:两|双)(?:倍|份)(?:剂量)?'],
    'm:tox-feels-fine': ['!(?:人)?(?:没(?:啥|什么|有什么)?(?:不舒服|感觉|事|反应))(?:的)?', '感觉(?:挺|还)?好(?:的)?', '(?:一切|都)正常', '跟平时一样'],
    'm:tox-alcohol': ['喝(?:醉|多)了?', '(?<!麻)醉(?:了|得|酒|倒)', '喝(?:了)?(?:一斤|半斤|小半斤|一瓶|好几瓶|很多|好多)(?:白酒|白的|酒|啤酒)?', '酒精中毒', '(?:断片|喝断片)'],
    'm:tox-vomit-blood': ['吐(?:了)?(?:血|血丝)'],
    'm:tox-hangover': ['宿醉', '(?:昨晚|昨天晚上|昨天)(?:聚餐|喝酒|喝多|喝醉)', '!酒(?:还)?没醒', '喝多了(?:以后|之后)?(?:头疼|难受|吐)'],
    'm:tox-awake': ['(?:人)?(?:是)?清醒(?:的)?', '能(?:喝水|说话|走)', '能正常(?:说话|走路)'],
    'm:tox-withdrawal': ['戒(?:了)?酒', '(?:停|断)(?:了)?酒', '戒断', '(?:停|断)(?:了)?(?:安眠药|安定|毒)', '!不喝酒(?:了)?(?:以后|之后|就)'],
    'm:tox-tremor': ['手(?:抖|哆嗦|发抖)', '(?:拿)?筷子(?:都)?(?:哆嗦|抖)', '浑身(?:发抖|哆嗦)'],
    'm:tox-hallucination': ['!(?<![没不无])(?:有|出现|产生)(?:了)?幻(?:觉|视|听)', '(?:看到|看见|说有|说看到)[^，。,.]{0,6}?(?:虫子|蛇|老鼠|蚂蚁|小人|鬼)(?:在)?(?:爬|动|跑|说话)?', '幻视', '幻听', '!看到(?:虫子|有人|奇怪的东西|不存在)', '听到(?:有人|声音)', '胡言乱语', '说胡话'],
    'm:tox-opioid': ['海洛因', '吸毒', '美沙酮', '芬太尼', '杜冷丁', '(?:吗啡|羟考酮)(?:过量|吃多)'],
    'm:tox-pinpoint': ['瞳孔(?:很小|针尖|缩小)', '针尖样瞳孔'],
    'm:tox-slow-breathing': ['!呼吸(?:很|特别)?(?:慢|浅|弱)', '(?:一分钟)?(?:才)?喘(?:一|两|几)口气'],
    'm:tox-stimulant': ['冰毒', '摇头丸', '可卡因', 'k粉', '麻古', '吸(?:了)?毒'],
    'm:tox-agitated': ['!(?:很|特别)?(?:躁动|兴奋|亢奋|狂躁)', '打人', '!控制不住'],
    'm:tox-quit': ['戒烟(?:门诊)?', '想(?:彻底)?戒(?:了|掉)?(?:烟|酒)', '戒(?:烟|酒)门诊'],
  },
  en: {
    'm:tox-paracetamol': ['\\bparacetamol\\b', '\\bacetaminophen\\b', '\\btylenol\\b', '\\bpanadol\\b', '\\bcalpol\\b', '\\bco-?codamol\\b', '\\bapap\\b'],
    'm:tox-many-tablets': ['\\b(?:1[0-9]|[2-9]\\d|twelve|fourteen|fifteen|sixteen|eighteen|twenty|thirty|forty|fifty|dozens?)(?:[- ]\\w+)? (?:of (?:the |his |her |my )?)?(?:tablets|pills|paracetamol|caplets|capsules)\\b', '\\btook (?:twenty|thirty|forty|fifty|\\d{2})\\b', '\\b(?:a whole|the whole|an entire) (?:packet|box|bottle|strip)\\b', '\\b(?:two|three|four|\\d) (?:packets|boxes|strips)\\b', '\\bhandful\\b'],
    'm:tox-over-limit': [ "\\b(?:[5-9]|[1-3]\\d|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)(?: or (?:[5-9]|[1-3]\\d|six|seven|eight|nine|ten|eleven|twelve))? ?(?:grams?|g)\\b[^.]{0,12}\\b(?:a|per|each|every) day\\b", "\\b(?:two|2) (?:x )?(?:500|500 ?mg)\\b[^.]{0,20}\\bevery (?:two|three|2|3) hours\\b",'\\bmore than (?:the )?(?:maximum|max|recommended|8 in a day|eight in a day|4 ?g)\\b', '\\bstaggered overdose\\b', '\\bover the (?:limit|maximum|max)\\b', '\\bexceed(?:ed)? the (?:dose|maximum)\\b'],
    'm:tox-child-swallowed': ['\\b(?:may have |might have |could have |has |had )?(?:swallowed|eaten|chewed|bitten|taken) (?:one|a|two|half a|some) (?:of (?:the |his |her |my |grandad\'?s |grandma\'?s |granny\'?s )?)?(?:tablets?|pills?|capsules?)\\b', '\\b(?:one|two|a) (?:tablet|pill)s? (?:is |are )?missing\\b', '\\bgot into (?:the |his |her |my |grandad\'?s |grandma\'?s |granny\'?s )?(?:tablets|pills|medicine|blister pack)\\b'],
    'm:tox-high-risk-drug': ['\\bwarfarin\\b', '\\binsulin\\b', '\\bmethotrexate\\b', '\\blithium\\b', '\\bdigoxin\\b', '\\b(?:gliclazide|glipizide|glibenclamide|glimepiride)\\b', '\\b(?:morphine|oxycodone|fentanyl|methadone|tramadol|codeine|buprenorphine)\\b', '\\bclozapine\\b', '\\btheophylline\\b', '\\bcolchicine\\b'],
    'm:tox-household': [`\\b(?:swallowed|drank|drunk|ate|eaten|bit|bitten|chewed|licked|sucked|swig of|sip of|mouthful of|got hold of|had some|got into|mouthing|in (?:his|her) mouth)\\b[a-z ,'-]{0,40}?${EN_HOUSEHOLD}`, `${EN_HOUSEHOLD}[a-z ,'-]{0,30}?\\b(?:swallowed|drank|in (?:his|her) mouth|round (?:his|her) mouth|on (?:his|her) lips|burst)\\b`],
    'm:tox-mouth-burn': ['\\b(?:mouth|lips|tongue)\\b[a-z ]{0,10}\\b(?:burn\\w*|blister\\w*|sore|swollen|swelling)\\b', '\\bdrool\\w*\\b'],
    'm:tox-nontoxic': ['\\bsilica gel\\b', '!\\b(?:do not eat|desiccant) (?:packet|sachet|beads)\\b', '\\bcrayons?\\b', '\\bplay-?doh\\b', '\\bblu-?tack\\b', '\\bchalk\\b', '\\b(?:a little|a bit of|some) toothpaste\\b', '\\bmultivitamins?\\b'],
    'm:tox-double-dose': ["\\btook (?:it|my dose|my tablets?|my pills?|my medication|them) (?:again|twice)\\b", '\\btook (?:another|an extra|a second) (?:one|dose|tablet|pill)\\b', '\\b(?:dose|tablet|pill|it) twice\\b', '\\btwice (?:today|this morning|by mistake)\\b', '\\bdouble(?:d)? (?:dose|up)\\b', "\\bforgot (?:i'?d|i had|that i'?d) (?:already )?(?:taken|had) (?:it|one|my dose)\\b", '\\btook another one\\b', '\\ban extra (?:dose|tablet|pill)\\b'],
    'm:tox-feels-fine': ['\\b(?:i|he|she) (?:feels?|feel) (?:completely |totally |absolutely )?(?:fine|ok|okay|normal|well)\\b', '\\b(?:i|he|she)(?:\'m| is| am) (?:completely |totally )?fine\\b', '!\\bno symptoms\\b', '\\bfeel(?:ing)? completely fine\\b'],
    'm:tox-alcohol': ['\\bdrunk\\b', '\\bintoxicated\\b', '\\b(?:had|drank|been drinking) (?:way )?(?:too much|a lot|loads|heavily|a bottle of|half a bottle of)\\b', '\\bpassed out drunk\\b', '\\balcohol poisoning\\b', '\\bwasted\\b', '\\bbinge\\b'],
    'm:tox-vomit-blood': ['\\bvomit\\w* (?:some )?blood\\b'],
    'm:tox-hangover': ['\\bhang ?over\\b', '\\bhungover\\b', '\\btoo much to drink last night\\b', '\\b(?:big|heavy) night (?:out|last night)\\b'],
    'm:tox-awake': ['\\b(?:awake|alert|talking|chatting|making sense)\\b', '\\bclear[- ]headed\\b'],
    'm:tox-withdrawal': ['\\bwithdrawal\\b', '\\b(?:stopped|quit|gave up|came off) (?:the )?(?:drinking|booze|alcohol|benzos|diazepam|heroin)\\b', '\\bthe shakes\\b', '\\bdts\\b', '\\bdelirium tremens\\b', '\\bdetox(?:ing)?\\b', '\\bciwa\\b'],
    'm:tox-tremor': ['\\btremor\\w*\\b', '\\bshak(?:y|ing|es)\\b', '\\bhands (?:are )?trembling\\b'],
    'm:tox-hallucination': ['\\bhallucinat\\w+\\b', '\\bseeing (?:things|bugs|insects|spiders|people who)\\b', '\\bhearing (?:things|voices)\\b', '\\bcrawling on (?:his|her|my) skin\\b'],
    'm:tox-opioid': ['\\bheroin\\b', '\\bfentanyl\\b', '\\bmethadone\\b', '\\bopioids?\\b', '\\bopiates?\\b', '\\boxycontin\\b'],
    'm:tox-pinpoint': ['\\bpinpoint (?:pupils)?\\b', '\\bpupils (?:are )?(?:tiny|pinpoint|like pinheads)\\b'],
    'm:tox-slow-breathing': ['\\bbreathing (?:is )?(?:very |really )?(?:slow|shallow)\\b', '!\\bsnoring (?:loudly )?and (?:won\'?t wake|not waking)\\b', '\\b(?:barely|hardly) breathing\\b', '\\bslow breathing\\b'],
    'm:tox-stimulant': ['\\bcocaine\\b', '\\bcrack cocaine\\b', '\\bamphetamines?\\b', '\\bmeth(?:amphetamine)?\\b', '\\bcrystal meth\\b', '\\bmdma\\b', '\\becstasy\\b', '\\bpills at a (?:festival|party|club|rave)\\b'],
    'm:tox-agitated': ['\\bagitated\\b', '\\bparanoid\\b', '!\\bcan\'?t sit still\\b', '\\bjaw clenching\\b', '\\bburning up\\b', '\\boverheating\\b'],
    'm:tox-quit': ['\\b(?:stop|quit|give up|cut down) (?:smoking|drinking|vaping|the booze|the cigarettes)\\b', '\\bsmoking cessation\\b', '\\bstop[- ]smoking (?:clinic|service)\\b'],
  },
};
