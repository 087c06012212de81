/**
 * CEDIS system "cardiovascular": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The rows "chest-pain" and "syncope" of ../complaints.ts stay there; the rows here add the other
 * CEDIS cardiovascular complaints (cardiac arrest, chest pain said in other words, palpitations,
 * hypertension, oedema / heart failure, cool pulseless limb) and the modifiers those rows lack.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

export const COMPLAINTS: Complaint[] = [
  { id: 'cardiac-arrest', system: 'cardiovascular', label: { zh: '心跳呼吸骤停', en: 'cardiac arrest (non-traumatic)' }, terms: ['m:cv-arrest'], base: { level: 1, disposition: 'D1' }, department: null, modifiers: [
    { id: 'arrest', all: [], level: 1, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 cardiac arrest (non-traumatic): level I; CN2018 level 1 (心跳呼吸骤停)' },
  ] },
  { id: 'chest-pain-described', system: 'cardiovascular', label: { zh: '胸部不适（其他说法）', en: 'chest discomfort in other words' }, terms: ['m:cv-chest'], base: { level: 3, disposition: 'D2' }, department: null, modifiers: [
    { id: 'chest-discomfort-cardiac-features', all: ['m:cv-chest', 'm:cardiac-features|m:cv-radiation|x:sweating|x:radiating|x:pressure|x:exertional|shortness-of-breath|nausea-vomiting|m:cv-grey'], level: 2, disposition: 'D1', redFlag: 'chest-pain-cardiac', resolvedToo: true, source: 'CTAS2016 chest pain with cardiac features: level II (a normal ECG last week and "only indigestion" do not lower it); CN2018 胸痛 疑似ACS level 2' },
    { id: 'chest-discomfort-risk-factors', all: ['m:cv-chest', 'm:cardiac-risk|x:cardiac-history|x:old|m:diabetic'], level: 2, disposition: 'D2', source: 'CTAS2016 chest pain not obviously cardiac, with risk factors: level II-III; CN2018 胸痛 level 2-3' },
  ] },
  { id: 'aortic-dissection-pain', system: 'cardiovascular', label: { zh: '撕裂样胸背痛', en: 'tearing chest or back pain' }, terms: ['m:cv-tearing'], base: { level: 1, disposition: 'D1' }, department: null, modifiers: [
    { id: 'tearing-pain', all: [], level: 1, disposition: 'D1', redFlag: 'chest-pain-cardiac', source: 'CTAS2016 chest pain, severe tearing pain radiating to the back (possible dissection): level I-II; CN2018 主动脉夹层 level 1' },
  ] },
  { id: 'palpitations', system: 'cardiovascular', label: { zh: '心悸/心律不齐', en: 'palpitations / irregular heartbeat' }, terms: ['palpitations', 'm:irregular-pulse', 'm:cv-palp'], base: null, department: 'cardiology', modifiers: [
    { id: 'palpitations-with-syncope-or-chest-pain', all: ['palpitations|m:irregular-pulse|m:cv-palp', 'fainting|m:syncope|chest-pain|m:chest-pain|m:cv-chest|shortness-of-breath'], level: 2, disposition: 'D2', resolvedToo: true, source: 'CTAS2016 palpitations with chest pain, dyspnoea or syncope: level II; CN2018 心律失常伴血流动力学改变 level 2' },
    { id: 'palpitations-presyncope', all: ['palpitations|m:irregular-pulse|m:cv-palp', 'dizziness|m:cv-presyncope'], level: 3, disposition: 'D4', source: 'CTAS2016 palpitations with presyncope / light-headedness, haemodynamically stable: level III' },
    { id: 'palpitations-ongoing-cardiac-history', all: ['palpitations|m:irregular-pulse|m:cv-palp', 'x:cardiac-history|x:heart-failure|m:cv-valve'], level: 3, disposition: 'D4', source: 'CTAS2016 palpitations, ongoing, with structural heart disease: level III' },
  ] },
  { id: 'hypertension', system: 'cardiovascular', label: { zh: '血压高', en: 'hypertension' }, terms: ['vital:sbp-ge160', 'vital:dbp-ge110', 'm:cv-bp-high'], base: null, department: 'cardiology', modifiers: [
    { id: 'hypertension-with-symptoms', all: ['vital:sbp-ge220|vital:sbp-200-219|vital:dbp-ge130|m:cv-bp-very-high', 'headache|chest-pain|m:chest-pain|shortness-of-breath|confusion|x:vision-loss|x:blurred|weakness-one-side|speech-difficulty|nausea-vomiting'], level: 2, disposition: 'D2', source: 'CTAS2016 hypertension: SBP > 220 or DBP > 130 with symptoms level II (SBP 200-220 with symptoms level III); CN2018 高血压急症' },
    { id: 'hypertension-severe-no-symptoms', all: ['vital:sbp-ge220|vital:dbp-ge130|m:cv-bp-very-high'], level: 3, disposition: 'D4', source: 'CTAS2016 hypertension: SBP > 220 or DBP > 130 without symptoms: level III' },
    { id: 'hypertension-raised', all: ['vital:sbp-ge160|vital:dbp-ge110|m:cv-bp-high'], level: 4, disposition: 'D5', source: 'CTAS2016 hypertension SBP 160-200 without symptoms: level IV-V; 中国高血压防治指南 (2018) 高血压亚急症: lower over 24-48 h with outpatient review' },
  ] },
  { id: 'heart-failure-worse', system: 'cardiovascular', label: { zh: '心衰加重/水肿', en: 'worsening heart failure / oedema' }, terms: ['x:heart-failure', 'm:cv-hf'], base: null, department: 'cardiology', modifiers: [
    { id: 'heart-failure-breathless-at-rest', all: ['x:heart-failure|m:cv-hf', 'x:rf-severe-breathing|m:cv-orthopnoea-severe|m:few-words'], level: 2, disposition: 'D2', source: 'CTAS2016 shortness of breath with heart failure, moderate distress: level II; CN2018 急性心衰 level 2' },
    { id: 'heart-failure-fluid-gain', all: ['x:heart-failure|m:cv-hf', 'weight-gain|m:cv-weight-up|leg-swelling|m:cv-orthopnoea|shortness-of-breath'], level: 3, disposition: 'D4', source: 'CTAS2016 edema / SOB, mild: level III; ESC 2021 heart failure: weight gain > 2 kg in 3 days or new orthopnoea needs same-day review' },
  ] },
  { id: 'limb-ischaemia', system: 'cardiovascular', label: { zh: '肢体冰凉无脉', en: 'cool pulseless limb' }, terms: ['m:cv-limb-ischaemia'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'unilateral-leg-swelling', system: 'cardiovascular', label: { zh: '单侧下肢肿痛（疑似血栓）', en: 'one swollen painful leg (possible DVT)' }, terms: ['m:cv-dvt'], base: { level: 3, disposition: 'D4' }, department: 'general-surgery', modifiers: [
    { id: 'dvt-with-pe-features', all: ['shortness-of-breath|x:rf-severe-breathing|chest-pain|m:chest-pain|m:resp-haemoptysis|x:blood-sputum|fainting|m:syncope|palpitations'], level: 2, disposition: 'D2', source: 'CTAS2016 unilateral swollen limb with dyspnoea or pleuritic chest pain (possible PE): level II; NICE NG158' },
  ] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:cv-arrest': ['!没(?:有)?(?:了)?(?:呼吸|心跳|气)了', '!(?:心跳|呼吸)(?:都)?(?:停|没)了', '!摸不到(?:脉|心跳|脉搏)', '在做(?:心肺复苏|人工呼吸|胸外按压)', '心肺复苏', '心脏骤停', '心跳骤停'],
    'm:cv-chest': ['(?:胸口|心口|胸前|前胸|胸骨|胸)(?:这|那)?(?:里|块|儿)?(?:有点|有些|特别|很)?(?:发紧|紧绷|压得慌|沉|发沉|憋得慌|堵得慌|闷得慌|揪着|像被压)', '(?:胸|心口)(?:上|口)?(?:像)?压了?(?:块|个)?(?:石头|东西|重物)', '心绞痛', '!胸部不适'],
    'm:cv-radiation': ['!(?:下巴|下颌|牙|左胳膊|左臂|左肩|胳膊|后背|脖子)(?:也|都|跟着)?(?:有点)?(?:酸|疼|痛|麻|发紧|不舒服)', '(?:窜|放射|扯)(?:到)?(?:下巴|下颌|牙|左胳膊|胳膊|肩膀|后背|脖子)'],
    'm:cv-grey': ['脸(?:色)?(?:发白|煞白|发灰|灰白|蜡黄|难看)', '面色(?:苍白|灰)'],
    'm:cv-tearing': ['撕裂(?:样|一样|似的)?(?:的)?(?:疼|痛)', '(?:胸|背|后背)[^不没无未，。,.;；!?！？]{0,6}(?:像)?(?:被)?撕(?:开|裂)', '主动脉夹层', '夹层'],
    'm:cv-palp': ['心(?:里|脏|口)?(?:老是|总是|一直|有时候|时不时|突然)?(?:咯噔|扑通|突突|怦怦|砰砰|扑腾|乱跳|狂跳)(?:一下)?', '漏(?:了|跳)(?:一)?(?:拍|下|跳)', '早搏', '!心跳(?:得)?(?:好|很|特别)?(?:乱|快|不齐|一下快一下慢)', '房颤', '室上速'],
    'm:cv-valve': ['!(?:主动脉)?瓣(?:膜)?(?:重度)?(?:狭窄|关闭不全|病)', '心肌病', '起搏器', '装了?(?:个)?起搏器'],
    'm:cv-bp-high': ['血压(?:很|特别|非常|突然|一下子)(?:高|升高)', '血压(?:高|升)(?:得)?(?:厉害|吓人)', '!血压降不下来', '高压(?:到了?|有)?(?:一百[六七八九]|1[6-9]\\d|2\\d\\d|二百)'],
    'm:cv-bp-very-high': ['(?:高压|血压)(?:到了?|有|量出来|测出来)?(?:二百[二三四五六七八九十]?|2[2-9]\\d)'],
    'm:cv-presyncope': ['眼前(?:发黑|一黑)', '(?:差点|险些|快要)(?:晕|倒|栽)', '头(?:发)?(?:晕|昏)(?:得)?(?:站不住|要倒)'],
    'm:cv-hf': ['心衰', '心力衰竭', '!心功能不全', '!心功能(?:不好|差)', '射血分数'],
    'm:cv-orthopnoea': ['(?:要|得|垫)(?:垫)?(?:两|三|好几|高)(?:个)?枕头', '!躺(?:平|下)(?:就|了)?(?:喘|憋)', '晚上(?:憋醒|坐起来(?:才)?(?:能)?喘)', '夜里憋醒'],
    'm:cv-orthopnoea-severe': ['坐着(?:都|也)(?:喘|憋)', '!(?:完全|根本)躺不下'],
    'm:cv-weight-up': ['(?:体重|重了|长了)(?:[一二三四五两\\d.]+)(?:斤|公斤|kg)', '(?:几天|三天|两天)(?:内|里)?(?:体重)?(?:长|重|涨)了'],
    'm:cv-limb-ischaemia': ['!(?:腿|脚|手|胳膊)[^不没无未，。,.;；!?！？]{0,8}(?:冰凉|发白|发紫|苍白)[^不没无未，。,.;；!?！？]{0,10}(?:摸不到|没有|没)(?:脉|脉搏|动脉)', '(?:腿|脚)(?:突然)?(?:冰凉|煞白)(?:又)?(?:疼|痛|麻)'],
    'm:cv-dvt': ['(?:一条|一边|一侧|左|右)(?:边)?(?:的)?(?:腿|小腿|腿肚子|大腿)(?:突然)?[^不没无未，。,.;；!?！？]{0,4}(?:肿|胀)(?:了|得|起来)?[^不没无未，。,.;；!?！？]{0,6}(?:疼|痛|发紧|发硬|发红|比另一条粗)', '(?:坐|做)(?:了)?(?:长途)?(?:飞机|火车|大巴|车)[^不没无未，。,.;；!?！？]{0,12}(?:腿|小腿|腿肚子)(?:又)?(?:肿|胀|疼)', '下肢(?:深静脉)?血栓', '深静脉血栓'],
  },
  en: {
    'm:cv-arrest': ["!\\b(?:isn'?t|is not|not|he'?s not|she'?s not) breathing\\b", '\\bno pulse\\b', "!\\bcan'?t (?:find|feel) a pulse\\b", '\\b(?:doing|started|giving) (?:cpr|chest compressions)\\b', '\\bcardiac arrest\\b', '\\bin arrest\\b'],
    'm:cv-chest': ['\\b(?:heavy|tight|crushing|squeezing|pressing|weird|funny) (?:feeling|sensation|weight|pain|ache|pressure) (?:in|on|across) (?:the )?(?:middle of )?(?:my|his|her|the) chest\\b', '\\bchest (?:feels |felt |is )?(?:heavy|tight|like (?:a|an) (?:elephant|weight|band))\\b', '\\btight(?:ness)? (?:in|across|around|round) (?:the )?(?:middle of )?(?:my|his|her|the) chest\\b', '\\b(?:heavy|crushing|central|squeezing|tight) (?:cp|chest)\\b', '\\bcp\\b(?= (?:for|since|going|radiat|with|on|at))', '\\bchest (?:feels|felt|is) (?:tight|heavy|like)\\b', '\\bpressure on (?:my|his|her) chest\\b', '\\bangina\\b', '\\bacs\\b', '\\bstemi\\b'],
    'm:cv-radiation': ['\\b(?:jaw|left arm|arm|neck|shoulder|back)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,12}\\b(?:aches?|aching|hurts?|pain|heavy|numb)\\b', '\\b(?:into|to|up to|down) (?:my|his|her|the) (?:jaw|left arm|arm|neck)\\b'],
    'm:cv-grey': ['\\b(?:grey|gray|pale|ashen|clammy)\\b'],
    'm:cv-tearing': ['\\btearing (?:pain|feeling)\\b', '\\b(?:ripping|tearing)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,20}\\b(?:back|between (?:my|his|her) shoulder)', '\\b(?:aortic )?dissection\\b'],
    'm:cv-palp': ['\\bskip(?:ped|s|ping)? (?:a )?beats?\\b', '\\b(?:heart|it) (?:sort )?(?:of )?(?:flutters|fluttering|flips|flipping|pounding|racing|thumping)\\b', '\\bflutter(?:s|ing)?\\b', '\\bectopics?\\b', '\\b(?:pvcs?|svt|af|afib)\\b', '\\bpalps\\b', '\\bmissed beats?\\b'],
    'm:cv-presyncope': ['\\b(?:nearly|almost) (?:fainted|passed out|blacked out|went down)\\b', '\\blight[- ]?headed\\b', '\\bpre-?syncop\\w*\\b', '\\bgreying out\\b'],
    'm:cv-valve': ['\\b(?:aortic|mitral) (?:stenosis|valve)\\b', '\\bcardiomyopathy\\b', '\\bpacemaker\\b', '\\bicd\\b'],
    'm:cv-bp-high': ['\\bblood pressure (?:is |was |has been )?(?:really |very |sky )(?:high|up)\\b', '\\bbp (?:is |was )?(?:high|up|raised)\\b', '\\bhypertensive\\b'],
    'm:cv-bp-very-high': ['\\b(?:bp|blood pressure|systolic)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,12}\\b2[2-9]\\d\\b', '\\bhypertensive (?:crisis|emergency|urgency)\\b'],
    'm:cv-hf': ['\\bheart failure\\b', '\\bccf\\b', '\\bchf\\b', '\\bhfref\\b', '\\bef (?:of )?[1-3]\\d ?%', '\\bweak heart\\b'],
    'm:cv-orthopnoea': ['\\b(?:two|three|more|extra) pillows\\b', "!\\bcan'?t lie (?:flat|down)\\b", '\\bwakes? (?:up )?(?:at night )?(?:gasping|breathless|short of breath)\\b', '\\borthopn\\w+\\b', '\\bpnd\\b'],
    'm:cv-orthopnoea-severe': ['\\bbreathless (?:at|even at) rest\\b', '\\bshort of breath (?:at|even at) rest\\b', '\\bsob at rest\\b'],
    'm:cv-weight-up': ['\\bweight (?:is )?up (?:by )?(?:\\d|two|three|four)', '\\bput on (?:\\d|two|three|four) ?(?:kg|kilos?|pounds|lbs?)\\b', '\\bgained (?:\\d|two|three|four) ?(?:kg|kilos?|pounds|lbs?)\\b'],
    'm:cv-limb-ischaemia': ['\\b(?:leg|foot|arm|hand)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:cold|white|pale|blue)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\bno pulse\\b', '\\bcold,? (?:white|pale) (?:leg|foot|arm|hand)\\b', "!\\bcan'?t feel a pulse in (?:his|her|my) (?:foot|leg|arm)\\b", '\\bacute limb isch(?:a)?emia\\b'],
    'm:cv-dvt': ['\\b(?:one|left|right) (?:leg|calf)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,25}\\b(?:swollen|swelling|puffy|tender|tight|hot)\\b', '\\b(?:calf|leg)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,15}\\b(?:swollen and (?:sore|tender|painful|red)|tender and swollen)\\b', '\\b(?:long[- ]haul|long) (?:flight|drive|coach trip)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,60}\\b(?:calf|leg)\\b', '\\bdvt\\b', '\\bdeep vein thrombosis\\b'],
  },
};
