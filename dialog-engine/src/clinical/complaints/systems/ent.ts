/**
 * CEDIS system "ENT": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The row "sore-throat" of ../complaints.ts stays there; the rows here add upper-airway
 * obstruction, foreign bodies (throat, ear, nose), hearing loss (sudden and gradual), tinnitus,
 * earache with mastoid signs, epistaxis, sinusitis with orbital signs, neck swelling, and the
 * familiar minor ones (a nosebleed that has stopped, hay fever, a simple sore throat).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

/** Hay fever is the familiar minor complaint only without asthma in the same narrative (that is an asthma review). */
const NO_ASTHMA = (guard: string) => (src: string): string => `(?<!${guard}[\\s\\S]*)(?:${src})(?![\\s\\S]*${guard})`;
const NO_ASTHMA_ZH = NO_ASTHMA('(?:哮喘|喘鸣|喷雾|气雾剂)');
const NO_ASTHMA_EN = NO_ASTHMA('(?:\\basthma|\\bwheez|\\binhaler|\\bpuffer)');

export const COMPLAINTS: Complaint[] = [
  { id: 'upper-airway-obstruction', system: 'ent', label: { zh: '咽喉肿痛伴喉鸣', en: 'sore throat with stridor' }, terms: ['x:sore-throat', 'm:throat-danger', 'x:cant-swallow'], base: null, department: 'ent', modifiers: [
    { id: 'epiglottitis-stridor', all: ['m:resp-stridor|m:few-words|m:ent-tripod|m:cyanosis', 'x:cant-swallow|m:throat-danger|m:resp-drooling|fever|x:sore-throat'], level: 1, disposition: 'D1', redFlag: 'severe-breathing', source: 'CTAS2016 sore throat with stridor / drooling / tripod position (epiglottitis): level I; CN2018 气道梗阻 level 1' },
  ] },
  { id: 'throat-foreign-body', system: 'ent', label: { zh: '咽部异物（鱼刺）', en: 'foreign body in throat (fish bone)' }, terms: ['m:ent-fb-throat'], base: { level: 4, disposition: 'D4' }, department: 'ent', modifiers: [
    { id: 'throat-fb-obstruction', all: ['x:cant-swallow|m:throat-danger|m:resp-drooling|shortness-of-breath|x:rf-severe-breathing|chest-pain|m:ent-swallow-chest'], level: 2, disposition: 'D2', source: 'CTAS2016 foreign body in throat / oesophagus, unable to swallow secretions or chest pain: level II-III; 食管异物诊治专家共识 (2022)' },
  ] },
  { id: 'ear-nose-foreign-body', system: 'ent', label: { zh: '耳/鼻异物', en: 'foreign body in ear or nose' }, terms: ['m:ent-fb-ear-nose'], base: { level: 4, disposition: 'D5' }, department: 'ent', modifiers: [
    { id: 'button-battery-ear-nose', all: ['m:ent-battery'], level: 2, disposition: 'D2', source: 'CTAS2016 foreign body, button battery: level II; NICE / BAPS button battery guidance (caustic injury within hours)' },
    { id: 'live-insect-ear', all: ['m:ent-insect'], level: 4, disposition: 'D4', source: 'CTAS2016 foreign body in ear, live insect / painful: level IV, same day' },
  ] },
  { id: 'hearing-loss-sudden', system: 'ent', label: { zh: '突发性耳聋', en: 'sudden hearing loss' }, terms: ['m:ent-sudden-deaf'], base: { level: 3, disposition: 'D4' }, department: 'ent', modifiers: [
    { id: 'sudden-deafness-neuro', all: ['weakness-one-side|facial-droop|speech-difficulty|x:balance|m:neuro-vertigo|m:neuro-double'], level: 2, disposition: 'D2', source: 'CTAS2016 hearing loss with neurological signs or vertigo: level II-III (AICA stroke); 突发性聋诊断和治疗指南 (2015)' },
  ] },
  { id: 'hearing-loss-gradual', system: 'ent', label: { zh: '听力逐渐下降', en: 'gradual hearing loss' }, terms: ['m:ent-gradual-deaf'], base: { level: 4, disposition: 'D6' }, department: 'ent', modifiers: [] },
  { id: 'tinnitus', system: 'ent', label: { zh: '耳鸣', en: 'tinnitus' }, terms: ['m:ent-tinnitus'], base: { level: 4, disposition: 'D6' }, department: 'ent', modifiers: [
    { id: 'tinnitus-pulsatile-or-one-sided-deaf', all: ['m:ent-pulsatile|m:ent-sudden-deaf'], level: 4, disposition: 'D5', source: 'NICE NG155 tinnitus: pulsatile or with sudden hearing loss needs prompt referral' },
  ] },
  { id: 'earache', system: 'ent', label: { zh: '耳痛', en: 'earache' }, terms: ['m:ent-earache', 'x:ear'], base: null, department: 'ent', modifiers: [
    { id: 'mastoiditis-signs', all: ['m:ent-mastoid'], level: 2, disposition: 'D2', source: 'CTAS2016 / CNPED2023 earache with post-auricular swelling (mastoiditis): level II-III; NICE CKS otitis media: admit if mastoiditis' },
    { id: 'ear-trauma-or-barotrauma-deaf', all: ['m:ent-ear-trauma', 'm:ent-sudden-deaf|m:ent-gradual-deaf|m:ent-ear-bleed|m:neuro-vertigo'], level: 3, disposition: 'D4', source: 'CTAS2016 ear injury with hearing loss or vertigo: level III' },
  ] },
  { id: 'epistaxis', system: 'ent', label: { zh: '鼻出血', en: 'epistaxis' }, terms: ['x:nosebleed', 'm:ent-nosebleed'], base: null, department: 'ent', modifiers: [
    { id: 'epistaxis-anticoagulated-ongoing', all: ['x:nosebleed|m:ent-nosebleed', 'm:anticoagulant', 'x:wont-stop|m:ent-still-bleeding|x:severe'], level: 3, disposition: 'D2', source: 'CTAS2016 epistaxis, active bleeding with a coagulopathy / anticoagulant: level II-III' },
    { id: 'epistaxis-posterior-or-dizzy', all: ['x:nosebleed|m:ent-nosebleed', 'm:ent-blood-throat|dizziness|fainting|m:syncope'], level: 2, disposition: 'D2', source: 'CTAS2016 epistaxis with haemodynamic symptoms or posterior bleeding into the throat: level II' },
  ] },
  { id: 'sinusitis', system: 'ent', label: { zh: '鼻窦炎', en: 'sinusitis' }, terms: ['m:ent-sinusitis'], base: null, department: 'ent', modifiers: [
    { id: 'sinusitis-orbital-or-intracranial', all: ['m:eye-periorbital|x:vision-loss|m:neuro-double|x:stiff-neck|m:neuro-neck-stiff|confusion|x:worst-headache'], level: 2, disposition: 'D2', source: 'NICE NG79 sinusitis: admit with periorbital oedema, visual change or intracranial signs; CTAS2016 level II' },
  ] },
  { id: 'neck-swelling', system: 'ent', label: { zh: '颈部/口底肿胀', en: 'neck swelling' }, terms: ['m:ent-neck-swell'], base: { level: 4, disposition: 'D5' }, department: 'ent', modifiers: [
    { id: 'deep-neck-infection', all: ['x:cant-swallow|m:throat-danger|m:ent-trismus|m:resp-stridor|fever|x:high-fever'], level: 2, disposition: 'D2', source: 'CTAS2016 neck swelling with fever, trismus or difficulty swallowing (deep neck space infection / Ludwig angina): level II' },
  ] },
  { id: 'hoarseness-chronic', system: 'ent', label: { zh: '声音嘶哑', en: 'hoarse voice' }, terms: ['m:ent-hoarse-weeks'], base: { level: 4, disposition: 'D6' }, department: 'ent', modifiers: [
    { id: 'hoarse-smoker', all: ['m:resp-smoker'], level: 4, disposition: 'D5', source: 'NICE NG12: persistent unexplained hoarseness in people 45 and over: suspected cancer pathway (2 weeks)' },
  ] },
  // Familiar minor ENT complaints (CTAS V / China level 4).
  { id: 'nosebleed-stopped', system: 'ent', label: { zh: '已止住的鼻出血', en: 'nosebleed that has stopped' }, terms: ['m:ent-nosebleed-stopped'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'hay-fever', system: 'ent', label: { zh: '过敏性鼻炎（花粉症）', en: 'hay fever' }, terms: ['m:ent-hayfever'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'dysphagia-progressive', system: 'ent', label: { zh: '进行性吞咽困难', en: 'progressive difficulty swallowing' }, terms: ['m:ent-dysphagia'], base: { level: 4, disposition: 'D5' }, department: 'gastroenterology', modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:ent-tripod': ['(?:往前|前倾)(?:趴着|坐着)(?:才能)?(?:喘|呼吸)', '!(?:只能|必须)坐着(?:往前)?(?:趴|倾)'],
    'm:ent-fb-throat': ['(?:鱼刺|鱼骨|骨头|鸡骨|鸭骨|枣核|骨渣|刺)(?:好似|好像|似乎)?(?:卡|鲠|哽|扎)(?:在|喺|住|到|了)?(?:喉咙|嗓子|喉咙度|食道)?', '(?:喉咙|嗓子)(?:里)?(?:卡|鲠)(?:了|住|着)(?:根|个|块|条)?(?:鱼刺|鱼骨|骨头|东西)', '吞(?:了)?(?:个|颗)?(?:硬币|枣核|假牙)'],
    'm:ent-swallow-chest': ['(?:吞|咽)(?:东西|口水)?(?:的时候)?(?:胸口|胸骨后)(?:疼|痛)'],
    'm:ent-fb-ear-nose': ['(?:豆子|珠子|纸团|玩具|小球|花生|米粒|橡皮|电池|虫子|小虫|飞虫|蚂蚁|棉花)(?:给)?(?:塞|钻|飞|爬|掉|弄)(?:进|到)(?:了)?(?:耳朵|鼻子|鼻孔|耳道)', '(?:耳朵|鼻子|鼻孔)(?:里)?(?:塞|进|钻|有)(?:了)?(?:个|颗|只)?(?:东西|豆子|珠子|虫子|电池|异物)'],
    'm:ent-battery': ['(?:纽扣|扣式|扣子)?电池'],
    'm:ent-insect': ['(?:虫子|小虫|飞虫|蚂蚁|蟑螂)[^不没无未，。,.;；!?！？]{0,6}(?:耳朵|耳道)', '耳朵里(?:有)?(?:东西|虫)(?:在)?(?:动|爬|嗡嗡)'],
    'm:ent-sudden-deaf': ['!(?:耳朵|一边耳朵|左耳|右耳)(?:突然|一下子|早上起来|睡醒)(?:就)?(?:听不见|听不清|聋了|像(?:被)?(?:棉花|东西)堵)', '!(?:突然|一下子|早上起来|睡醒)(?:右边|左边|一边)?(?:的)?(?:耳朵)?(?:突然)?(?:就)?听不见了?', '突发性(?:耳)?聋', '突聋'],
    'm:ent-gradual-deaf': ['!(?:耳朵|耳|听力)(?:越来越|慢慢|一年比一年|逐渐)(?:背|聋|差|不好|下降)', '耳背', '(?:电视|说话)(?:声音)?(?:开得?|说得?)(?:越来越)?(?:很|特别)?大(?:声)?(?:才听得见|才听得到)', '助听器'],
    'm:ent-tinnitus': ['耳鸣', '耳朵(?:里)?(?:一直|老是|总)?(?:嗡嗡|知了叫|蝉叫|响|吱吱)', '(?:像)?知了(?:在)?叫'],
    'm:ent-pulsatile': ['(?:跟着|随着)(?:心跳|脉搏)(?:一起)?(?:响|跳|咚咚)', '搏动性耳鸣'],
    'm:ent-earache': ['耳朵(?:里)?(?:疼|痛|胀痛|流脓|流水)', '中耳炎', '外耳道炎', '(?:孩子|宝宝)(?:老)?(?:抓|揪|拽)耳朵'],
    'm:ent-mastoid': ['耳(?:朵)?(?:后面|后头|后边)(?:的)?(?:骨头)?(?:红肿|肿|鼓|红)', '耳朵(?:往外|向外)(?:支|翘|扇)(?:出来|着)', '乳突炎'],
    'm:ent-ear-trauma': ['(?:耳朵|耳光)[^不没无未，。,.;；!?！？]{0,4}(?:被)?(?:打|扇|掏|捅)(?:了|伤|破)?', '掏耳朵[^不没无未，。,.;；!?！？]{0,6}(?:捅|戳|疼|出血)', '(?:坐飞机|潜水)[^不没无未，。,.;；!?！？]{0,10}耳朵', '鼓膜(?:穿孔|破)'],
    'm:ent-ear-bleed': ['耳朵(?:里)?(?:流|出)(?:了)?血'],
    'm:ent-nosebleed': ['鼻(?:子|孔)?(?:里)?(?:一直|老是)?(?:流|出|淌)(?:了)?血', '鼻衄'],
    'm:ent-still-bleeding': [ "!(?:捏|压|按|塞|堵)(?:着|住|了)?[^，。,.]{0,6}(?:也|还是|都|还)(?:不好使|不管用|没用|止不住|往外渗|往外冒|在流|在渗)", "往外(?:渗|冒|流)", "(?:流|出)(?:血)?(?:了)?(?:快|将近|有|都)?(?:二十|三十|四十|五十|六十|[2-9]\\d)(?:来|多)?分钟", "(?:流|出)(?:血)?(?:了)?(?:快|将近|有|都)?(?:半个?|一个?|两个?|好几个)(?:多)?(?:小时|钟头)",'(?:还在|一直|还)(?:流|出|滴|淌)', '!(?:压|捏|按)(?:了)?[^不没无未，。,.;；!?！？]{0,8}(?:还是|也|都)(?:止不住|没止住|在流|流)'],
    'm:ent-blood-throat': [ "(?:嗓子眼|嗓子|喉咙)(?:里|儿)?(?:也)?(?:往下)?(?:淌|流|咽)(?:血)", "吐(?:了)?(?:好几口|几口|一口)?血沫",'(?:血)(?:往|从)(?:嗓子|喉咙|嘴里)(?:流|吐|咽)', '(?:嘴里|嗓子里)(?:也)?(?:吐|流)(?:出)?(?:了)?血'],
    'm:ent-nosebleed-stopped': ['!(?:鼻血|流鼻血|鼻子出血|鼻出血)[^不没无未，。,.;；!?！？]{0,20}(?:已经|就)?(?:止住|不流了|停了|好了)'],
    'm:ent-sinusitis': ['鼻窦炎', '(?:脸颊|颧骨|额头|眉毛)(?:上面|那里)?(?:胀痛|压痛|发胀)[^不没无未，。,.;；!?！？]{0,10}(?:鼻涕|鼻塞)', '(?:黄|绿|脓)(?:色)?(?:的)?(?:鼻涕|脓涕)', '鼻涕(?:是)?(?:黄|绿|脓)'],
    'm:ent-neck-swell': ['(?:脖子|颈部|下巴底下|下颌下|口底|腮帮子)(?:下面|这里)?(?:突然)?(?:肿(?:了|得|起来)|肿胀|鼓起来|红肿)', '颈部(?:肿块|包块)'],
    'm:ent-trismus': ['!张(?:不开|不大)(?:嘴|口)', '!嘴(?:都)?张不开', '张(?:嘴|口)(?:只能)?(?:放进|塞进)(?:一|两)(?:指|个手指)', '开口受限', '牙关紧闭'],
    'm:ent-hoarse-weeks': ['(?:声音|嗓子)(?:嘶哑|哑|沙哑)(?:了)?(?:快|都|有|已经)?(?:三|四|五|六|几|好几|3|4|5|6)个?(?:多)?(?:礼拜|星期|周|月)', '(?:三|四|五|六|几|好几|一|两)个?(?:多)?(?:礼拜|星期|周|月)(?:了)?(?:声音|嗓子)?(?:一直)?(?:嘶哑|哑|沙哑)'],
    'm:ent-hayfever': ['过敏性鼻炎', '花粉(?:过敏|症)', '(?:一到|每年)(?:春天|秋天|换季)[^不没无未，。,.;；!?！？]{0,10}(?:打喷嚏|流鼻涕|鼻子痒)', '鼻子(?:很|特别)?痒[^不没无未，。,.;；!?！？]{0,8}(?:打喷嚏|流清鼻涕)'].map(NO_ASTHMA_ZH),
    'm:ent-dysphagia': ['!(?:吃|咽|吞)(?:东西|饭|馒头|肉)(?:越来越|总是|老是)(?:噎|卡|咽不下去|下不去)', '!(?:一|几|两|好几)个?(?:多)?(?:月|礼拜|星期)(?:来|了)?[^不没无未，。,.;；!?！？]{0,4}(?:吃|咽)(?:东西)?(?:老)?(?:噎|卡|咽不下)', '吞咽困难(?:越来越|[一二三几两好]+个?(?:多)?月)'],
  },
  en: {
    'm:ent-tripod': ['\\bsitting (?:forward|bolt upright)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,15}\\bbreath', '\\btripod(?:ing)?\\b', '\\bleaning forward to breathe\\b'],
    'm:ent-fb-throat': ['\\b(?:fish ?bone|bone|chicken bone|something)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:stuck|caught|lodged) in (?:my|his|her|the) (?:throat|gullet|food ?pipe)\\b', '\\b(?:food|meat|steak)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\bstuck\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:gullet|oesophagus|esophagus|chest|throat)\\b', '\\bfood bolus\\b', '\\bswallowed (?:a|the) (?:coin|magnet|denture|bone)\\b'],
    'm:ent-swallow-chest': ['\\b(?:hurts|pain) in (?:my|his|her) chest when (?:i|he|she) swallow'],
    'm:ent-fb-ear-nose': ['\\b(?:bead|pea|peanut|button|battery|toy|rubber|stone|insect|bug|crayon|sweetcorn|cotton)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,25}\\b(?:up|in|into) (?:his|her|my|their|the) (?:nose|nostril|ear)\\b', '\\b(?:pushed|stuck|put) (?:something|a \\w+) (?:up|in) (?:his|her|my|their) (?:nose|nostril|ear)\\b', '\\bforeign body (?:in|up) (?:the )?(?:ear|nose|nostril)\\b'],
    'm:ent-battery': ['\\b(?:button|coin|watch|disc) (?:cell|batter(?:y|ies))\\b', '\\bbattery\\b'],
    'm:ent-insect': ['\\b(?:insect|bug|moth|fly|beetle|cockroach|ant)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:in|into) (?:my|his|her|the) ear\\b', '\\bsomething (?:buzzing|moving|crawling) in (?:my|his|her) ear\\b'],
    'm:ent-sudden-deaf': ["\\b(?:suddenly|woke up|all of a sudden|overnight)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:deaf|can'?t hear|lost (?:the )?hearing)\\b", "\\b(?:deaf|lost (?:the )?hearing|can'?t hear)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:in (?:my|his|her|one) (?:right |left )?ear)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:suddenly|since (?:this morning|yesterday|last night)|overnight)\\b", '\\bsudden (?:sensorineural )?(?:hearing loss|deafness)\\b', '\\bsudden(?:ly)? (?:loss of|lost (?:the |my |his |her |all )?|drop in )hearing\\b', '\\b(?:lost|loss of) (?:the |my |his |her |all )?hearing in (?:my|his|her|one) (?:left |right )?ear\\b', '\\bssnhl\\b'],
    'm:ent-gradual-deaf': ['\\b(?:getting|got|gone|going) (?:a bit |more |much )?(?:deaf|deafer|hard of hearing)\\b', '\\b(?:deafer|hard of hearing)\\b', '\\bhearing (?:is )?(?:getting|got|has got|gradually) (?:worse|poor)\\b', '\\btv (?:up )?(?:loud|louder)\\b', '\\bhearing aids?\\b'],
    'm:ent-tinnitus': ['\\btinnitus\\b', '\\b(?:ringing|buzzing|humming|whooshing|hissing) (?:in|of) (?:my|his|her|the|both) ears?\\b', '\\bears? (?:are |is )?(?:ringing|buzzing)\\b'],
    'm:ent-pulsatile': ['\\bpulsatile\\b', '\\b(?:in time|beats?) with (?:my|his|her|the) (?:heart|pulse)\\b', '\\bwhooshing\\b'],
    'm:ent-earache': ['\\bear ?ache\\b', '\\bears? (?:is |are )?(?:sore|painful|hurting|hurts)\\b', '\\b(?:pulling|tugging|rubbing) (?:at )?(?:his|her|their) ears?\\b', '\\botitis\\b', '\\bear infection\\b', '\\bdischarge from (?:his|her|my|the) ear\\b'],
    'm:ent-mastoid': ['\\bbehind (?:his|her|my|the) ear\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:red|swollen|swelling|tender|puffy)\\b', '\\bear (?:is )?(?:sticking|pushed|poking) out\\b', '\\bmastoid\\w*\\b'],
    'm:ent-ear-trauma': ['\\b(?:slapped|hit|punched|cotton bud|q-?tip|poked)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\bear\\b', '\\b(?:flight|flying|diving|scuba)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\bears?\\b', '\\bperforated (?:ear ?drum|tympanic membrane)\\b', '\\bburst ear ?drum\\b'],
    'm:ent-ear-bleed': ['\\bblood (?:coming )?(?:from|out of) (?:his|her|my|the) ear\\b', '\\bear (?:is )?bleeding\\b'],
    'm:ent-nosebleed': [ "\\bnose (?:has been |is |was |keeps |kept |started )?(?:pouring|gushing|streaming|pumping)\\b(?! (?:with )?(?:snot|mucus|water))", "\\b(?:pouring|gushing|streaming) (?:blood )?(?:from|out of) (?:his|her|my|the) nose\\b",'\\bnose ?bleeds?\\b', '\\bnose (?:is |has been |keeps |started )?bleeding\\b', '\\bepistaxis\\b', '\\bblood (?:pouring|running|dripping|coming) (?:from|out of) (?:his|her|my|the) nose\\b'],
    'm:ent-still-bleeding': [ "\\bstill (?:coming|running|going|dripping|oozing)\\b", "\\bsoaked (?:a|the|two|three|several|a whole|the whole) (?:whole )?(?:tea ?towel|towel|hand ?towel|tissues?|hanky|hankie|handkerchief|cloth|flannel)s?\\b", "\\b(?:best part of|for|over) (?:forty|thirty|twenty|fifty|sixty|[2-9]\\d) (?:minutes|mins)\\b",'\\bstill (?:bleeding|going|dripping|pouring)\\b', "!\\b(?:won'?t|will not|doesn'?t|hasn'?t) (?:stop|stopped)\\b", '\\bover (?:twenty|thirty|20|30|an hour|half an hour)\\b'],
    'm:ent-blood-throat': ['\\b(?:swallowing|spitting|coughing) (?:up )?blood\\b', '\\bblood (?:running |going )?down (?:the back of )?(?:his|her|my|the) throat\\b'],
    'm:ent-nosebleed-stopped': ["!\\bnose ?bleed\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,.']){0,60}\\b(?:stopped|has stopped|it's stopped|settled|stopped on its own)\\b", "!\\b(?:pinched|pressed|held)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,.']){0,40}\\b(?:stopped|it's stopped)\\b"],
    'm:ent-sinusitis': ['\\bsinusitis\\b', '\\b(?:facial|cheek|sinus) (?:pain|pressure)\\b', '\\b(?:pressure|pain) (?:over|in) (?:my|his|her|the) (?:cheeks|sinuses|forehead)\\b', '\\b(?:green|yellow|thick) (?:snot|discharge|mucus)\\b'],
    'm:ent-neck-swell': ['\\b(?:neck|under (?:his|her|my|the) jaw|floor of (?:the|his|her|my) mouth)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,15}\\b(?:swollen|swelling|swelled up|lump)\\b', '\\bswollen neck\\b', '\\bludwig\\w*\\b', '\\bneck abscess\\b'],
    'm:ent-trismus': ["!\\b(?:can'?t|cannot|can only|can hardly|barely) open (?:my|his|her) mouth\\b", '\\btrismus\\b', '\\bone finger(?:breadth)?\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,10}\\bmouth\\b'],
    'm:ent-hoarse-weeks': ['\\bhoarse\\w*\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:three|four|five|six|several|3|4|5|6) weeks\\b', '\\bhoarse\\w*\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:a|one|two|over a) months?\\b', '\\b(?:lost my voice|voice has gone)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:weeks|months?)\\b'],
    'm:ent-hayfever': ['\\bhay ?fever\\b', '\\ballergic rhinitis\\b', '\\bpollen\\b', '\\bsneez\\w+ (?:every|each) (?:spring|summer)\\b'].map(NO_ASTHMA_EN),
    'm:ent-dysphagia': ['\\bfood (?:gets|getting|keeps getting) stuck\\b', '\\b(?:difficulty|trouble) swallowing\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:weeks|months|getting worse|worse and worse)\\b', '\\bprogressive dysphagia\\b', '\\bdysphagia\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:weeks|months|weight loss)\\b'],
  },
};
