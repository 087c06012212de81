/**
 * CEDIS system "obstetrics-gynaecology": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 OB-GYN list): pregnancy issues < 20 weeks (bleeding,
 * one-sided pain = possible ectopic, hyperemesis, booking), pregnancy issues > 20 weeks (reduced
 * fetal movements, labour before term, trauma, itching), vaginal bleeding outside pregnancy
 * (heavy with a faint, postmenopausal), menstrual problems (usual period pain, long-standing
 * heavy or irregular periods), vaginal discharge (pelvic infection), sexual assault, foreign
 * body in the vagina (retained tampon), labial swelling (Bartholin's abscess), postpartum
 * problems, emergency contraception. Pre-eclampsia, postpartum haemorrhage and early-pregnancy
 * pain rows also live in complaints.ts.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

/** Gestation under 20 weeks, in words and digits. */
const ZH_EARLY = '(?:[一二三四五六七八九]|十[一二三四五六七八九]?|1\\d|[1-9])';
const EN_EARLY = '(?:[1-9]|1\\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';

export const COMPLAINTS: Complaint[] = [
  { id: 'obs-early-pregnancy', system: 'obstetrics-gynaecology', label: { zh: '早孕期问题（<20周）', en: 'pregnancy issue under 20 weeks' }, terms: ['m:obs-early-weeks', 'm:pregnancy-early', 'x:pregnant'], base: null, department: 'gynecology', modifiers: [
    { id: 'early-pregnancy-faint', all: ['m:obs-iliac-pain|abdominal-pain|x:lower-abd|x:vaginal-bleeding|m:obs-spotting', 'fainting|m:syncope|m:obs-near-faint'], level: 1, disposition: 'D1', redFlag: 'acute-abdomen', resolvedToo: true, source: `${CTAS} pregnancy < 20 weeks with pain or bleeding and syncope / shock: level I-II (ruptured ectopic); ${CN} 异位妊娠破裂 level 1` },
    { id: 'early-pregnancy-one-sided-pain', all: ['m:obs-iliac-pain'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: `${CTAS} pregnancy < 20 weeks with abdominal pain: level II (possible ectopic); NICE NG126 ectopic pregnancy: pain with a positive test = same-day early pregnancy assessment` },
    { id: 'early-pregnancy-heavy-bleeding', all: ['m:heavy-pv-bleeding|m:obs-heavy'], level: 2, disposition: 'D2', source: `${CTAS} pregnancy < 20 weeks, heavy vaginal bleeding: level II` },
    { id: 'early-pregnancy-spotting', all: ['x:vaginal-bleeding|m:obs-spotting|x:bleeding'], level: 3, disposition: 'D4', resolvedToo: true, source: `${CTAS} pregnancy < 20 weeks, light bleeding, stable: level III; NICE NG126 bleeding after 6 weeks: early pregnancy assessment unit` },
    { id: 'hyperemesis', all: ['nausea-vomiting|x:cant-keep-fluids', 'x:cant-keep-fluids|m:obs-ketones|m:gi-weight-loss|x:dehydration'], level: 3, disposition: 'D4', source: `${CTAS} vomiting in pregnancy with dehydration; RCOG GTG69 hyperemesis gravidarum (ketonuria, > 5 % weight loss, unable to keep fluids): ambulatory or inpatient care the same day` },
  ] },
  { id: 'obs-booking', system: 'obstetrics-gynaecology', label: { zh: '建档/产检咨询', en: 'booking an antenatal visit' }, terms: ['m:obs-booking'], base: { level: 4, disposition: 'D6' }, department: 'obstetrics', benign: true, benignIf: ['x:pregnant|m:obs-early-weeks|m:pregnancy-early'], modifiers: [] },
  { id: 'obs-late-pregnancy', system: 'obstetrics-gynaecology', label: { zh: '孕20周以后问题', en: 'pregnancy issue over 20 weeks' }, terms: ['m:pregnant-late', 'm:obs-late-gest', 'm:obs-rfm', 'x:fetal-movement'], base: null, department: 'obstetrics', modifiers: [
    { id: 'reduced-fetal-movements', all: ['m:obs-rfm|x:fetal-movement', 'm:pregnant-late|m:obs-late-gest|x:pregnant|m:obs-baby-moves'], level: 2, disposition: 'D2', source: `${CTAS} pregnancy > 20 weeks with decreased fetal movement: level II; RCOG GTG57 reduced fetal movements: same-day assessment in the maternity unit` },
    { id: 'late-pregnancy-trauma', all: ['m:pregnant-late|m:obs-late-gest', 'x:injury|x:head-injury|m:vehicle|m:obs-belly-blow'], level: 2, disposition: 'D2', source: `${CTAS} trauma in pregnancy > 20 weeks: level II (abruption; fetal monitoring); ${CN}` },
    { id: 'preterm-labour', all: ['m:pregnant-late|m:obs-late-gest', 'x:labour|m:obs-contractions'], level: 2, disposition: 'D2', source: `${CTAS} pregnancy > 20 weeks, contractions / rupture of membranes: level II; NICE NG25 preterm labour` },
    { id: 'late-pregnancy-bleeding-or-pain', all: ['m:pregnant-late|m:obs-late-gest', 'x:vaginal-bleeding|m:obs-spotting|abdominal-pain|m:heavy-pv-bleeding'], level: 2, disposition: 'D2', source: `${CTAS} pregnancy > 20 weeks with vaginal bleeding or abdominal pain: level II (abruption, praevia); ${CN}` },
    { id: 'cholestasis-itch', all: ['m:pregnant-late|m:obs-late-gest', 'm:obs-palm-itch'], level: 3, disposition: 'D4', source: 'RCOG GTG43 (2022) intrahepatic cholestasis of pregnancy: itching of palms and soles needs bile acids and LFTs within days; CTAS2016 level III-IV' },
  ] },
  { id: 'obs-menstrual-usual-pain', system: 'obstetrics-gynaecology', label: { zh: '和平时一样的痛经', en: 'period pain like every month' }, terms: ['m:obs-period-pain', 'm:period-pain'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:usual|m:obs-every-month'], modifiers: [] },
  { id: 'obs-menstrual-chronic', system: 'obstetrics-gynaecology', label: { zh: '长期月经问题', en: 'long-standing menstrual problem' }, terms: ['m:obs-menstrual'], base: { level: 4, disposition: 'D6' }, department: 'gynecology', benign: true, benignIf: ['m:obs-months'], modifiers: [] },
  { id: 'obs-vaginal-bleeding', system: 'obstetrics-gynaecology', label: { zh: '阴道出血（非妊娠）', en: 'vaginal bleeding, not pregnant' }, terms: ['x:vaginal-bleeding', 'm:obs-heavy', 'm:obs-pmb'], base: null, department: 'gynecology', modifiers: [
    { id: 'heavy-bleeding-faint', all: ['m:obs-heavy|m:heavy-pv-bleeding', 'fainting|m:syncope|m:obs-near-faint'], level: 2, disposition: 'D2', resolvedToo: true, source: `${CTAS} heavy vaginal bleeding with haemodynamic symptoms (syncope): level II; ${CN}` },
    { id: 'postmenopausal-bleeding', all: ['m:obs-pmb'], level: 4, disposition: 'D5', resolvedToo: true, source: 'NICE NG12 (2015) postmenopausal bleeding (age >= 55): urgent (2-week) referral; CTAS2016 level IV' },
  ] },
  { id: 'obs-vaginal-discharge', system: 'obstetrics-gynaecology', label: { zh: '白带异常', en: 'vaginal discharge' }, terms: ['m:obs-discharge'], base: { level: 4, disposition: 'D5' }, department: 'gynecology', modifiers: [
    { id: 'pelvic-infection', all: ['m:obs-discharge', 'fever|x:high-fever', 'abdominal-pain|x:lower-abd|pain-general'], level: 3, disposition: 'D4', source: `${CTAS} vaginal discharge with fever and pelvic pain (PID): level III; NICE CKS PID` },
  ] },
  { id: 'obs-sexual-assault', system: 'obstetrics-gynaecology', label: { zh: '性侵害', en: 'sexual assault' }, terms: ['m:obs-assault'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'obs-vaginal-fb', system: 'obstetrics-gynaecology', label: { zh: '阴道异物/卫生棉条滞留', en: 'foreign body in the vagina (retained tampon)' }, terms: ['m:obs-tampon'], base: { level: 4, disposition: 'D5' }, department: 'gynecology', modifiers: [
    { id: 'toxic-shock-signs', all: ['m:obs-tampon', 'fever|x:high-fever', 'rash|dizziness|nausea-vomiting|diarrhea|confusion|fainting'], level: 2, disposition: 'D2', redFlag: 'sepsis-signs', source: `${CTAS} fever with rash and hypotension symptoms after tampon use (toxic shock syndrome): level II; CDC TSS case definition` },
  ] },
  { id: 'obs-labial-swelling', system: 'obstetrics-gynaecology', label: { zh: '外阴肿痛', en: 'labial swelling' }, terms: ['m:obs-labial'], base: { level: 4, disposition: 'D5' }, department: 'gynecology', modifiers: [
    { id: 'bartholin-abscess', all: ['m:obs-labial', 'fever|x:severe|m:worst-pain'], level: 3, disposition: 'D4', source: `${CTAS} labial swelling with fever or severe pain (Bartholin's abscess): level III` },
  ] },
  { id: 'obs-postpartum', system: 'obstetrics-gynaecology', label: { zh: '产后问题', en: 'postpartum problem' }, terms: ['m:postpartum'], base: null, department: 'obstetrics', modifiers: [
    { id: 'postpartum-pre-eclampsia', all: ['headache|m:visual-disturbance|x:blurred', 'm:visual-disturbance|x:blurred|m:edema-face|vital:sbp-ge160|vital:dbp-ge110|x:severe'], level: 2, disposition: 'D2', source: `${CTAS} postpartum (up to 6 weeks) headache with visual change or hypertension: level II (postpartum pre-eclampsia); NICE NG133` },
    { id: 'postpartum-sepsis', all: ['fever|x:high-fever', 'm:obs-lochia|abdominal-pain|x:lower-abd|x:chills|wound-redness|wound-discharge'], level: 3, disposition: 'D4', source: `${CTAS} postpartum fever with foul lochia / uterine tenderness / wound infection: level III (II with sepsis signs); WHO maternal sepsis` },
    { id: 'mastitis', all: ['m:obs-breast', 'fever|x:high-fever|x:chills'], level: 4, disposition: 'D5', source: 'NICE CKS mastitis: antibiotics when fever or symptoms > 24 h; CTAS2016 level IV' },
  ] },
  { id: 'obs-emergency-contraception', system: 'obstetrics-gynaecology', label: { zh: '紧急避孕', en: 'emergency contraception' }, terms: ['m:obs-ec'], base: { level: 4, disposition: 'D4' }, department: 'gynecology', modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:obs-early-weeks': [`(?:孕|怀孕|怀了|怀上)(?:了)?(?:才)?${ZH_EARLY}(?:个)?(?:多)?(?:周|礼拜|星期)`, '(?:孕|怀孕|怀了|怀上)(?:了)?(?:才)?(?:一|两|二|三|四)个(?:多)?月', '早孕', '孕早期', '刚怀孕', '怀孕(?:头|前)三个月', '!(?:例假|月经|大姨妈)(?:已经)?(?:推迟|晚了|没来|过了)(?:快|有|了)?'],
    'm:obs-late-gest': ['孕(?:2\\d|3\\d|4[0-2])(?:\\+\\d)?周', '(?:2\\d|3\\d|4[0-2])(?:\\+\\d)?/40', '(?:孕|怀孕|怀娃|怀了|怀上|怀着)(?:[五六七八九])个(?:多)?月', '孕晚期', '孕中期'],
    'm:obs-iliac-pain': ['(?:左|右)(?:边|侧)?(?:小肚子|下腹|小腹|肚子下面|下肚子)(?:一阵一阵(?:地|的)?|一阵|突然|剧|绞|有点|很|特别)?(?:疼|痛|剧痛|绞痛)', '(?:左|右)(?:下腹|附件区)(?:压痛|疼|痛)'],
    'm:obs-spotting': ['(?:擦|擦屁股|上厕所|内裤上?)(?:的时候)?(?:发现)?(?:有)?(?:一点|一点点|点|少量|些)?(?:咖啡色|褐色|粉红色?|粉色|暗红色?|血丝|红色?)(?:的)?(?:东西|分泌物|血)', '(?:内裤|护垫|纸|卫生纸)上?(?:有|见)?(?:一点|一点点|点|少量)?(?:咖啡色|褐色|粉红色?|红色?|暗红色?)(?:的)?(?:东西|分泌物|血)?', '见红', '少量出血', '有点出血', '点滴出血'],
    'm:obs-near-faint': ['差点(?:晕|昏)(?:过去|倒)', '眼前发黑', '头晕眼花', '脸(?:都|色)?(?:发白|煞白|苍白|白了)'],
    'm:obs-heavy': ['!(?:出血|血|月经|例假)(?:量)?(?:特别|很|非常)?多(?:得)?(?:吓人|不得了)?', '(?:一|两|每)(?:个)?小时(?:就)?(?:换|湿)(?:一|两)?(?:片|张|块)', '大出血', '血(?:像)?(?:来月经|流水)(?:一样|似的)', '月经量(?:大|多)'],
    'm:obs-ketones': ['尿酮', '酮体', '酮(?:体)?(?:阳性|[一二两三四]个加|\\+)'],
    'm:obs-booking': ['建档', '建卡', '产检', '孕检', '挂(?:个)?产科', 'nt检查', '唐筛'],
    'm:obs-rfm': [ "!(?:bb|bb仔|bebe|胎宝宝|胎宝)(?:在肚子里)?(?:今天|一天|半天|好久|一上午|一下午|一晚上|由朝早到而家|从早上到现在)?(?:都|也)?(?:好少|很少|少|不怎么|没怎么|不|没|没有)(?:动|踢)",'!胎动(?:少|减少|没了|不动|变少|很少|弱|不明显)', '!(?:宝宝|孩子|胎儿|娃|小孩)(?:在肚子里)?(?:今天|一天|半天|好久|一上午|一下午|一晚上)?(?:一直|都|也|老是)?(?:不怎么|没怎么|不咋|没咋|没|不|不太)(?:动|踢)', '!感觉不到(?:胎动|宝宝动|孩子动)'],
    'm:obs-baby-moves': ['胎动', '宝宝(?:在肚子里)?(?:动|踢)', '踢(?:我|肚子)'],
    'm:obs-belly-blow': ['(?:肚子|腹部)(?:着地|撞|磕|被撞|被踢)', '(?:摔|跌)(?:了)?(?:一跤|一下|倒)'],
    'm:obs-contractions': ['宫缩', '肚子(?:一阵一阵|发紧|发硬)', '规律(?:的)?(?:宫缩|肚子疼)', '(?:流|破)(?:了)?(?:水|羊水)'],
    'm:obs-palm-itch': ['!(?:手心|脚心|手掌|脚掌)(?:特别|很|非常)?痒'],
    'm:obs-period-pain': ['(?:来|来了)(?:大姨妈|月经|例假)(?:的)?(?:第一天|头一天|头两天|时候)?.{0,8}(?:肚子|小肚子|小腹)?(?:坠着|坠)?(?:疼|痛)', '痛经', '(?:例假|月经|大姨妈)(?:期间|来的时候|第一天)?.{0,6}(?:疼|痛)'],
    'm:obs-every-month': ['每个月都(?:这样|疼|痛)', '每(?:个月|次|回)(?:来)?(?:例假|月经|大姨妈)(?:的时候)?(?:都|也)', '每次(?:来|来月经|来例假|来大姨妈)都(?:这样|疼|痛)', '跟以前一样', '一直都这样'],
    'm:obs-menstrual': ['!月经(?:不调|紊乱|不规律|乱)', '!(?:月经|例假|大姨妈)(?:量)?(?:一直|老是|总是)?(?:很多|特别多|偏多|不准|乱|不规律|时间长|淋漓不尽)', '(?:例假|月经)(?:有时候|时早时晚|提前|推后|错后)'],
    'm:obs-months': ['(?:半年|一年|好几个月|几个月|[一二两三四五六七八九十\\d]+个(?:多)?月)(?:了|多|来)?', '好几年', '一直(?:都)?这样', '很久了'],
    'm:obs-pmb': ['绝经(?:了|后|以后|的|好几年|[一二两三四五六七八九十\\d]+年)?.{0,10}?(?:又|突然)(?:有)?(?:出血|见红|来了|有血|流血)', '绝经(?:了|后|以后|好几年|[一二两三四五六七八九十\\d]+年).{0,8}(?:出血|见红|有血)', '绝经后(?:阴道)?出血'],
    'm:obs-discharge': ['白带(?:多|黄|绿|有味|发臭|像豆腐渣|异常|带血)?', '(?:下面|下体|阴道)(?:分泌物|流黄水|有味|发臭)', '豆腐渣'],
    'm:obs-assault': ['强奸', '强暴', '性侵', '被(?:人)?(?:侵犯|糟蹋)', '性暴力'],
    'm:obs-tampon': ['!(?:卫生)?棉条(?:忘了|取不出|拿不出|还在里面|留在)', '(?:阴道|下面)(?:里)?(?:有|塞了|掉进)(?:东西|异物)', '!(?:棉条|避孕环|东西)(?:取|拿)不出来'],
    'm:obs-labial': ['(?:外阴|阴唇|下面)(?:一边|一侧|左边|右边)?(?:长了?|肿|起了?)(?:个)?(?:包|肿块|疙瘩)?(?:肿|疼|痛)?', '前庭大腺', '巴氏腺'],
    'm:obs-lochia': ['恶露(?:有)?(?:臭|味|多|发臭)', '下面(?:流的)?(?:东西)?(?:有)?(?:臭味|味道)'],
    'm:obs-breast': ['(?:乳房|奶|胸)(?:红肿|硬块|胀痛|结块|发红|疼)', '乳腺炎', '堵奶'],
    'm:obs-ec': ['紧急避孕', '事后(?:避孕)?药', '毓婷', '(?:套|避孕套)(?:破了|掉了)'],
  },
  en: {
    'm:obs-early-weeks': [`\\b${EN_EARLY} weeks?(?: pregnant| by (?:dates|scan|lmp)| gestation|'? gestation)\\b`, '\\bfirst trimester\\b', '\\bearly pregnancy\\b', '\\b(?:[4-9]|1\\d)(?:\\+\\d)?/40\\b', '\\bg\\d ?p\\d\\b[a-z ,]{0,12}\\b(?:[4-9]|1\\d)(?:\\+\\d)? ?(?:/40|weeks?)\\b', `\\blmp (?:was )?${EN_EARLY} weeks ago\\b`, "!\\b(?:my|her|the) periods?(?:'s| is| are| was)? (?:about |nearly |almost |over |a )?(?:\\w+ ){0,2}(?:late|overdue)\\b", '!\\bmissed (?:a |my |her |last )?period\\b', '\\bpositive (?:pregnancy )?test\\b'],
    'm:obs-late-gest': ['\\b(?:2\\d|3\\d|4[0-2])(?:\\+\\d)?/40\\b', '\\b(?:2\\d|3\\d|4[0-2])(?:\\+\\d)? weeks? (?:pregnant|gestation|by dates)\\b', '\\b(?:second|third) trimester\\b'],
    'm:obs-iliac-pain': ['\\b(?:left|right) (?:iliac fossa|lower (?:tummy|abdomen|belly|quadrant)|side of (?:my|her) (?:lower )?(?:tummy|belly))\\b[a-z ]{0,10}\\b(?:pain|hurts|cramp\\w*|tender\\w*)?', '\\b(?:lif|rif|llq|rlq) (?:pain|tenderness)\\b', '\\b(?:pain|cramp\\w*) (?:low )?(?:down )?(?:on|in) (?:the|my|her) (?:left|right)(?: side)?\\b', '\\badnexal (?:pain|tenderness)\\b'],
    'm:obs-spotting': ['\\bspotting\\b', '\\b(?:brown|pink|light) (?:blood|bleeding|discharge|spotting)\\b', '\\bblood when i wipe\\b', '\\bwhen i wiped\\b', '\\bpv (?:bleed|bleeding|spotting)\\b'],
    'm:obs-near-faint': ['\\b(?:nearly|almost) (?:fainted|passed out|blacked out)\\b', '\\bpresyncop\\w+\\b', '\\blight[- ]headed\\b', '\\bwent (?:white|pale|grey|gray)\\b'],
    'm:obs-heavy': ['\\bheavy (?:bleeding|periods?|flow)\\b', '\\bflooding\\b', '\\bmenorrhagia\\b', '\\bsoak(?:ing|ed) (?:through )?(?:a |\\w+ )?(?:pads?|tampons?)\\b', '\\bclots\\b'],
    'm:obs-ketones': ['\\bketon\\w*\\b', '\\bketonuria\\b'],
    'm:obs-booking': ['\\bbook(?:ing)? (?:in|my|a|the)?\\s?(?:first )?(?:antenatal|midwife|booking)\\b', '\\bbooking (?:visit|appointment|bloods)\\b', '\\bantenatal (?:visit|appointment|care|booking)\\b', '\\bdating scan\\b', '\\bfirst (?:midwife|antenatal|scan) (?:visit|appointment)\\b'],
    'm:obs-rfm': ['\\b(?:reduced|decreased|fewer|less) (?:fetal |foetal )?(?:movements?|kicks)\\b', '\\b(?:barely|hardly) (?:felt|feeling) (?:anything|him|her|the baby|it|baby)(?: move| kick)?\\b', '!\\bnot (?:felt|feeling) (?:the baby|him|her|baby) (?:move|kick)\\b', "!\\bbaby (?:hasn'?t|has not|hasn't been|isn'?t|is not) (?:moved|moving|kicking)\\b", "!\\b(?:haven'?t|have not|not) felt (?:the baby|him|her|it|baby) (?:move|kick)\\b", '\\bquieter than usual\\b', '\\b(?:only )?(?:one|two|a couple of|a few) kicks\\b', '\\brfm\\b'],
    'm:obs-baby-moves': ['\\bbaby\\b[a-z \']{0,20}\\b(?:busy|moving|moves|kicks?|kicking|active)\\b', '\\bkicks?\\b', '\\bfetal movements?\\b'],
    'm:obs-belly-blow': ['\\b(?:fell|landed|hit|kicked|punched)\\b[a-z ]{0,20}\\b(?:on|in) (?:my|her|the) (?:bump|belly|tummy|stomach)\\b', '\\bfell (?:over|down)\\b'],
    'm:obs-contractions': ['\\bcontractions?\\b', '\\btightenings?\\b', '\\bwaters? (?:broke|went|have gone|has gone|breaking)\\b', '\\b(?:srom|prom|pprom)\\b', '\\bgush of (?:fluid|water)\\b'],
    'm:obs-palm-itch': ['\\bitch\\w*\\b[a-z ]{0,20}\\b(?:palms|soles|hands and feet)\\b', '\\b(?:palms|soles|hands and feet) (?:are )?(?:so |really )?itchy\\b'],
    'm:obs-period-pain': ['\\bperiods? (?:pain|cramps?)\\b', '\\b(?:menstrual|period) cramps\\b', '\\bdysmenorrh?oea\\b', '\\bcramps\\b[a-z ]{0,20}\\b(?:period|time of the month)\\b', '\\b(?:on|started) my period\\b[a-z ,]{0,30}\\b(?:cramp\\w*|pain|hurts?)\\b'],
    'm:obs-every-month': ['\\bevery (?:month|period|cycle|time)\\b', '\\b(?:same|like) (?:as )?(?:always|usual|every month)\\b', '\\balways (?:get|have) (?:this|them|bad periods)\\b'],
    'm:obs-menstrual': ['\\b(?:heavy|irregular|painful|erratic|long) periods\\b', '\\bperiods (?:have been |are )?(?:all over the place|irregular|heavy|erratic|unpredictable)\\b', '\\bmenorrhagia\\b', '\\bflooding\\b', '\\bbleeding between periods\\b', '\\bintermenstrual\\b', '\\bferritin\\b'],
    'm:obs-months': ['\\bfor (?:about |around |over |nearly )?(?:a year|a few months|months|years|(?:half|a half) (?:a )?year|(?:two|three|four|five|six|several|\\d+) (?:months|years))\\b', '\\b(?:half a year|a year|months|years)\\b(?! ago)'],
    'm:obs-pmb': ['\\bpost[- ]?menopausal bleed\\w*\\b', '\\bbleed\\w*\\b[a-z ,]{0,20}\\bafter (?:the |my |her )?menopause\\b', '\\bbleed\\w*\\b[a-z ,]{0,30}\\bgone through the change\\b', '\\bpmb\\b'],
    'm:obs-discharge': ['\\bvaginal discharge\\b', '\\bdischarge (?:down there|from (?:my|her|the) (?:vagina|front passage))\\b', '\\b(?:itch\\w*|sore) down there\\b[a-z ,]{0,30}\\bdischarge\\b', '\\bcottage[- ]cheese\\b', '\\bthrush\\b', '\\bbacterial vaginosis\\b', '\\btrichomon\\w+\\b'],
    'm:obs-assault': ['\\braped\\b', '\\brape\\b', '\\bsexual(?:ly)? assault(?:ed)?\\b', '\\bforced (?:me|her|him) to have sex\\b', '\\bdrink was spiked\\b'],
    'm:obs-tampon': ['!\\b(?:tampon|menstrual cup|condom)\\b[a-z \']{0,20}\\b(?:stuck|forgot|forgotten|lost|left in|still in|can\'?t get (?:it )?out)\\b', '\\bretained tampon\\b'],
    'm:obs-labial': ['\\b(?:labia|labial|vulval|vulva)\\b[a-z ]{0,15}\\b(?:swelling|swollen|lump|abscess|painful)\\b', "\\bbartholin'?s?\\b", '\\blump (?:down there|on (?:my|her) (?:labia|vulva))\\b'],
    'm:obs-lochia': ['\\b(?:smelly|offensive|foul[- ]smelling) (?:lochia|discharge|bleeding)\\b', '\\blochia\\b[a-z ]{0,15}\\bsmell\\w*\\b'],
    'm:obs-breast': ['\\b(?:breast|boob)\\b[a-z ]{0,15}\\b(?:red|hot|lump|hard|painful|swollen|sore)\\b', '\\bmastitis\\b', '\\bblocked duct\\b'],
    'm:obs-ec': ['\\bmorning[- ]after pill\\b', '\\bemergency contracepti\\w+\\b', '\\bcondom (?:split|broke|came off)\\b', '\\bunprotected sex\\b', '\\blevonelle\\b', '\\bellaone\\b'],
  },
};
