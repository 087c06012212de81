/**
 * CEDIS system "respiratory": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The row "breathing-difficulty" of ../complaints.ts stays there; the rows here add respiratory
 * arrest, stridor / croup, airway foreign body, asthma-COPD exacerbation, haemoptysis, chronic
 * cough, sleep apnoea, and the familiar minor upper respiratory infection (benign).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

/**
 * A cold is the familiar minor complaint only while it is short: the same words in a narrative
 * that also tells weeks or months of symptoms are not read as one (that is a chronic cough).
 */
const SHORT_ZH = (src: string): string => `(?<!${LONG_ZH}[\\s\\S]*)(?:${src})(?![\\s\\S]*${LONG_ZH})`;
const SHORT_EN = (src: string): string => `(?<!${LONG_EN}[\\s\\S]*)(?:${src})(?![\\s\\S]*${LONG_EN})`;
/** Breathing that stops in a snorer's sleep and starts again is sleep apnoea, not an arrest. */
const NOT_SNORING = (guard: string) => (src: string): string => {
  const prefix = /^[!=]*/.exec(src)?.[0] ?? '';
  return `${prefix}(?<!${guard}[\\s\\S]*)(?:${src.slice(prefix.length)})(?![\\s\\S]*${guard})`;
};
const NOT_SNORING_ZH = NOT_SNORING('(?:打呼噜|打呼|打鼾|鼾声|呼噜)');
const NOT_SNORING_EN = NOT_SNORING('(?:\\bsnor|\\bsleep apno)');
const LONG_ZH = '(?:(?:三|四|五|六|七|八|3|4|5|6|7|8|好几|几)个?(?:多)?(?:礼拜|星期)|(?:三|四|五|六|七|八|3|4|5|6|7|8|好几)周|个(?:多)?月|哮喘|慢阻肺|肺气肿|喷雾)';
const LONG_EN = '(?:\\b(?:three|four|five|six|seven|eight|several|[3-8]|a few) weeks\\b|\\bmonths?\\b|\\basthma\\w*|\\bcopd\\b|\\binhaler\\b)';

export const COMPLAINTS: Complaint[] = [
  { id: 'respiratory-arrest', system: 'respiratory', label: { zh: '呼吸停止', en: 'respiratory arrest' }, terms: ['m:resp-arrest'], base: { level: 1, disposition: 'D1' }, department: null, modifiers: [
    { id: 'apnoea', all: [], level: 1, disposition: 'D1', redFlag: 'severe-breathing', source: 'CTAS2016 respiratory arrest: level I; CN2018 level 1' },
  ] },
  { id: 'stridor', system: 'respiratory', label: { zh: '喉鸣/喉梗阻', en: 'stridor' }, terms: ['m:resp-stridor'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'stridor-distress', all: ['m:few-words|m:cyanosis|m:retractions|x:rf-severe-breathing|x:cant-swallow|m:throat-danger|m:resp-drooling'], level: 1, disposition: 'D1', redFlag: 'severe-breathing', source: 'CTAS2016 stridor with severe respiratory distress or drooling (epiglottitis): level I; CNPED2023 喉梗阻 III-IV度 level 1' },
  ] },
  { id: 'croup', system: 'respiratory', label: { zh: '犬吠样咳嗽（喉炎）', en: 'croup (barking cough)' }, terms: ['m:resp-croup'], base: { level: 3, disposition: 'D4' }, department: 'pediatrics', modifiers: [
    { id: 'croup-stridor-at-rest', all: ['m:resp-stridor-rest|m:retractions|m:cyanosis|x:rf-severe-breathing|x:lethargic'], level: 2, disposition: 'D2', redFlag: 'severe-breathing', source: 'CTAS2016 croup with stridor at rest / moderate distress: level II; CNPED2023 急性喉炎 II度以上 level 2' },
  ] },
  { id: 'airway-foreign-body', system: 'respiratory', label: { zh: '气道异物/呛咳', en: 'airway foreign body / choking' }, terms: ['m:resp-choking'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'choking-obstructed', all: ['m:few-words|m:cyanosis|x:rf-severe-breathing|shortness-of-breath|m:resp-stridor|m:resp-cant-cough'], level: 1, disposition: 'D1', redFlag: 'severe-breathing', source: 'CTAS2016 respiratory foreign body with distress: level I-II; CNPED2023 气道异物 level 1-2' },
  ] },
  { id: 'asthma-copd-exacerbation', system: 'respiratory', label: { zh: '哮喘/慢阻肺加重', en: 'asthma or COPD exacerbation' }, terms: ['m:resp-asthma'], base: null, department: 'respiratory', modifiers: [
    { id: 'exacerbation-reliever-failing', all: ['m:resp-reliever-failing'], level: 2, disposition: 'D2', source: 'CTAS2016 asthma / COPD, moderate distress or not responding to usual therapy: level II; GINA 2023 / 中国支气管哮喘防治指南 2020: urgent care when the reliever does not help' },
    { id: 'asthma-poorly-controlled', all: ['m:resp-asthma-control'], level: 4, disposition: 'D5', source: 'GINA 2023: night waking or reliever use more than twice a week means poorly controlled asthma, review within days; CTAS2016 level IV' },
    { id: 'exacerbation-worse', all: ['shortness-of-breath|m:resp-wheeze|m:resp-sputum-change|x:fast-breathing'], level: 3, disposition: 'D4', source: 'CTAS2016 SOB mild distress (asthma / COPD): level III; GOLD 2023 exacerbation: same-day review' },
  ] },
  { id: 'haemoptysis', system: 'respiratory', label: { zh: '咯血', en: 'haemoptysis' }, terms: ['x:blood-sputum', 'm:resp-haemoptysis'], base: null, department: 'respiratory', modifiers: [
    { id: 'haemoptysis-with-pe-features', all: ['x:blood-sputum|m:resp-haemoptysis', 'shortness-of-breath|chest-pain|m:chest-pain|x:calf|palpitations'], level: 2, disposition: 'D2', source: 'CTAS2016 haemoptysis with dyspnoea or chest pain: level II; NICE NG158 (pulmonary embolism)' },
  ] },
  { id: 'cough-chronic', system: 'respiratory', label: { zh: '慢性咳嗽', en: 'chronic cough' }, terms: ['m:resp-cough-weeks'], base: { level: 4, disposition: 'D6' }, department: 'respiratory', modifiers: [
    { id: 'cough-chronic-lung-cancer-features', all: ['m:resp-smoker|x:blood-sputum|m:resp-haemoptysis|m:resp-weight-loss'], level: 4, disposition: 'D5', source: 'NICE NG12 (suspected cancer): chest X-ray within 2 weeks for a cough over 3 weeks in an ever-smoker or with haemoptysis / weight loss; CTAS2016 cough, chronic: level V' },
  ] },
  { id: 'sleep-apnoea', system: 'respiratory', label: { zh: '打鼾/睡眠呼吸暂停', en: 'snoring / sleep apnoea' }, terms: ['m:resp-snoring'], base: { level: 4, disposition: 'D6' }, department: 'respiratory', modifiers: [] },
  { id: 'upper-respiratory-infection', system: 'respiratory', label: { zh: '普通感冒', en: 'common cold (URTI)' }, terms: ['m:resp-uri'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:resp-arrest': ['!(?:不|没)(?:喘气|呼吸)了', '!(?:没|没有)(?:了)?(?:呼吸|气)了', '!呼吸(?:停|没)了', '呼吸停止'].map(NOT_SNORING_ZH),
    'm:resp-stridor': ['喉鸣', '喉喘鸣', '(?:吸气|喘气|出气)(?:的时候)?(?:有|带)?(?:呼噜|嘶嘶|咝咝|吱吱|尖)?(?:的)?(?:声音|声|响)', '嗓子(?:眼)?(?:里)?(?:有)?(?:呼噜呼噜|吱吱)(?:的)?(?:响|声)', '喉梗阻'],
    'm:resp-stridor-rest': ['!(?:安静|不哭|睡着|坐着)(?:的时候)?(?:也|都)(?:有)?(?:声音|响|呼噜|喘)'],
    'm:resp-drooling': ['流口水', '!口水咽不下'],
    'm:resp-croup': ['犬吠(?:样|一样|似的)?(?:的)?(?:咳|咳嗽)?', '(?:咳|咳嗽)(?:的)?(?:声音)?(?:像|跟)(?:小)?(?:狗叫|狗|鸭子叫|公鸡)', '空空(?:样|的)?(?:咳|声)', '喉炎', '声音(?:嘶哑|哑了)[^不没无未，。,.;；!?！？]{0,8}(?:咳|喘)'],
    'm:resp-choking': ['(?:被|让)?(?:花生|瓜子|果冻|葡萄|糖|豆|枣|硬币|玩具|东西|食物|骨头|饭)(?:米)?(?:给)?(?:呛|噎|卡)(?:住|到|着)', '(?:呛|噎|卡)(?:住|到|着)(?:了)?(?:喉咙|嗓子|气管)', '气管(?:里)?(?:有)?异物', '吃(?:东西|饭)(?:的时候)?呛(?:着|到)(?:了)?(?:一直咳)'],
    'm:resp-cant-cough': ['!咳(?:不出|不了)(?:声|来)', '!发不出声'],
    'm:resp-asthma': ['哮喘', '慢阻肺', '慢性阻塞性肺', '肺气肿', '老慢支', '慢性支气管炎', '气管炎犯了', '气喘病'],
    'm:resp-reliever-failing': ['!(?:喷|吸)(?:了)?(?:药|喷雾|气雾剂|喷剂|沙丁胺醇|万托林)(?:也|都)?(?:不管用|没用|不见效|不顶用|不好使)', '!(?:喷|吸)了(?:好几|三|四|五)(?:次|下|口)(?:还)?(?:不行|没用)'],
    'm:resp-asthma-control': ['(?:夜里|晚上|半夜)(?:老)?(?:咳醒|憋醒|喘醒)', '(?:喷|吸)(?:药|喷雾)(?:的)?(?:次数)?(?:越来越多|多了|增加)', '(?:一天|每天)(?:要)?(?:喷|吸)(?:好几|三|四|五|3|4|5)(?:次|下)'],
    'm:resp-wheeze': ['喘鸣', '(?:嗓子|胸口|喉咙)(?:里)?(?:有)?(?:拉风箱|吱吱|呼噜|嘶嘶)', '哮鸣'],
    'm:resp-sputum-change': ['痰(?:也)?(?:变|是|发)?(?:黄|绿|多|脓)(?:了)?', '(?:黄|绿|脓)痰'],
    'm:resp-haemoptysis': ['咯血', '咳(?:出)?(?:了)?(?:血|血丝|血块)', '痰(?:里|中)(?:带|有)(?:血|血丝)'],
    'm:resp-cough-weeks': ['!咳(?:嗽)?(?:了)?(?:快|都|有|已经|差不多)?(?:三|四|五|六|七|八|3|4|5|6|7|8|好几|几)个?(?:多)?(?:礼拜|星期|周)', '!咳(?:嗽)?(?:了)?(?:快|都|有|已经|差不多)?(?:一|两|三|几|好几|1|2|3|半)个(?:多)?月', '咳(?:嗽)?(?:了)?(?:快|都|有|已经)?(?:一|两|几)年', '(?:三|四|五|六|3|4|5|6|好几|几)个?(?:多)?(?:礼拜|星期|周)(?:了)?(?:一直)?(?:都)?(?:在)?(?:干)?咳', '(?:一|两|几|1|2)个(?:多)?月(?:了)?(?:一直)?(?:都)?(?:在)?(?:干)?咳', '慢性咳嗽'],
    'm:resp-smoker': ['抽烟', '吸烟', '烟(?:抽|吸)了', '(?:一天|每天)(?:一|两|半)包', '老烟(?:枪|民)'],
    'm:resp-weight-loss': ['(?:体重)?(?:掉|瘦|轻)了(?:好几|十几|[一二三四五六七八九十\\d]+)?(?:斤|公斤)', '人(?:也)?瘦了', '消瘦', '盗汗', '晚上出(?:虚)?汗'],
    'm:resp-snoring': ['打(?:呼噜|鼾|呼)', '鼾声', '!睡觉(?:的时候)?(?:会|突然)?(?:憋气|不喘气|喘不上气)', '睡眠呼吸暂停'],
    'm:resp-uri': ['流(?:清)?鼻涕', '!鼻(?:子)?(?:塞|不通)', '打喷嚏', '嗓子(?:有点)?(?:干|痒)', '伤风', '感冒(?!药|冲剂|灵|胶囊|片|颗粒|糖浆)', '着凉', '受凉', '流感(?!疫苗|药)'].map(SHORT_ZH),
  },
  en: {
    'm:resp-arrest': ["!\\b(?:stopped|isn'?t|is not|he'?s not|she'?s not) breathing\\b(?! (?:properly|well|right|normally|easily|through|so))", '\\brespiratory arrest\\b', '\\bapno(?:e)?ic\\b(?! spells)'].map(NOT_SNORING_EN),
    'm:resp-stridor': ['\\bstridor\\b', '\\b(?:noise|noisy|squeak\\w*|whistl\\w*|high[- ]pitched (?:noise|sound))\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,20}\\bbreath(?:es|ing)? in\\b', '\\bnoisy breathing\\b', '\\bcrowing\\b'],
    'm:resp-stridor-rest': ['\\b(?:noise|noisy|stridor)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:at rest|when (?:he|she)(?:\'s| is) (?:sitting )?(?:quiet|calm|still|asleep|resting))\\b', '\\bstridor at rest\\b'],
    'm:resp-drooling': ['\\bdrool\\w*\\b', '\\bdribbl\\w*\\b'],
    'm:resp-croup': ['\\bbark(?:ing|y)? cough\\b', '\\bcough (?:like|sounds like) a (?:seal|dog|bark)\\b', '\\bseal(?:-like)? (?:cough|bark)\\b', '\\bcroup\\b'],
    'm:resp-choking': ['\\bchok(?:ed|ing) on\\b', '\\b(?:peanut|grape|sweet|coin|toy|marble|bead|food|nut|popcorn)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,20}\\b(?:went down (?:the )?wrong way|stuck in (?:his|her|my) throat|inhaled|swallowed the wrong way)\\b', '\\binhaled (?:a|the|some) \\w+', '\\b(?:aspirated|aspiration of) (?:a )?(?:foreign body|peanut|nut)\\b', '\\bforeign body (?:in (?:the )?airway|aspiration)\\b'],
    'm:resp-cant-cough': ["!\\b(?:can'?t|cannot|unable to) (?:cough|make a sound|speak)\\b", '\\bsilent cough\\b'],
    'm:resp-asthma': ['\\basthma\\w*\\b', '\\bcopd\\b', '\\bemphysema\\b', '\\bchronic bronchitis\\b'],
    'm:resp-reliever-failing': ["!\\b(?:inhaler|pump|puffer|ventolin|salbutamol|nebuli[sz]er)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,']){0,30}\\b(?:isn'?t|not|doesn'?t|didn'?t|hasn'?t|no) (?:working|helping|help|touching|much use)\\b", '\\b(?:ten|10|several|lots of|loads of) puffs\\b'],
    'm:resp-asthma-control': ['\\bwak(?:ing|e|es) (?:up )?(?:once or twice |two or three times |at night |in the night )?(?:a night )?(?:coughing|wheezing|breathless)\\b', '\\b(?:using|used|needing) (?:the|my|his|her) (?:blue |reliever )?(?:inhaler|pump|puffer)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:more|three|four|five|several|[3-9]) ?(?:times|or)', '\\bnight[- ]time (?:cough|symptoms)\\b'],
    'm:resp-wheeze': ['\\bwheez\\w*\\b', '\\bwhistling (?:in|from) (?:his|her|my) chest\\b', '\\btight chest\\b'],
    'm:resp-sputum-change': ['\\b(?:green|yellow|brown|more) (?:sputum|phlegm|stuff)\\b', '\\b(?:sputum|phlegm)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,20}\\b(?:green|yellow|purulent|more of it)\\b', '\\bpurulent\\b'],
    'm:resp-haemoptysis': ['\\bcough(?:ed|ing)? up (?:some )?(?:a )?(?:streaks? of |bits of |specks of )?blood\\b', '\\bblood (?:in|streaked) (?:my|his|her|the) (?:sputum|phlegm|spit)\\b', '\\bha?emoptysis\\b'],
    'm:resp-cough-weeks': ['\\bcough\\w*\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:three|four|five|six|seven|eight|several|3|4|5|6|7|8) weeks\\b', '\\bcough\\w*\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:a|one|two|three|over a|more than a|1|2|3) months?\\b', '\\b(?:three|four|five|six|several|3|4|5|6) weeks? of (?:a )?(?:dry )?cough\\b', '(?<=\\bmonths? ago\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,.]){0,80})\\bexcept (?:this|the|a) cough\\b', '\\bchronic cough\\b', '\\bcough (?:that )?(?:won\'?t|doesn\'?t|will not) go away\\b'],
    'm:resp-smoker': ['\\bsmok(?:e|es|er|ing|ed)\\b', '\\bpacks? a day\\b', '\\bpack[- ]years?\\b', '\\bcigarettes\\b'],
    'm:resp-weight-loss': ['\\blost (?:a lot of |some |loads of )?weight\\b', '\\bweight loss\\b', '\\bnight sweats\\b'],
    'm:resp-snoring': ['\\bsnor(?:e|es|ing)\\b', '\\bstop(?:s|ped)? breathing (?:in (?:my|his|her) sleep|at night|for a few seconds)\\b', '\\bsleep apno(?:e)?a\\b', '\\bosa\\b'],
    'm:resp-uri': ['\\brunny nose\\b', '\\bblocked nose\\b', '\\bstuffy nose\\b', '\\bsniffl\\w+\\b', '\\bscratchy throat\\b', '\\bsneez\\w*\\b', '\\bhead cold\\b', '\\burti\\b', '\\bchest cold\\b', '\\b(?:a|common|head|bad|stinking|heavy) cold\\b(?! (?:to|hands|feet|sweat|water|compress|weather|day|night|snap|drink))', '\\bflu\\b(?! (?:jab|vaccine|shot|tablets|medicine|remedy|remedies|pills|sachets|capsules))'].map(SHORT_EN),
  },
};
