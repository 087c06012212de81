/**
 * CEDIS system "genitourinary": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 GU list): UTI complaints (cystitis, pyelonephritis, in
 * pregnancy), flank pain / renal colic (infected stone, possible aneurysm in an older person),
 * haematuria, urinary retention and blocked catheter, lower urinary tract symptoms (prostate),
 * testicular/scrotal pain in a child (torsion), penile swelling (priapism, paraphimosis, penile
 * fracture), genital discharge or lesion, oliguria in a dialysis patient (missed dialysis),
 * abnormal PSA. Testicular pain, retention and flank pain rows also live in complaints.ts.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

export const COMPLAINTS: Complaint[] = [
  { id: 'gu-uti', system: 'genitourinary', label: { zh: '尿路感染症状', en: 'urinary tract infection symptoms' }, terms: ['x:urinary', 'm:gu-dysuria'], base: { level: 4, disposition: 'D5' }, department: 'urology', modifiers: [
    { id: 'pyelonephritis-signs', all: ['x:urinary|m:gu-dysuria', 'fever|x:high-fever|x:chills', 'x:flank-pain|m:gu-loin|x:back-pain|m:back|nausea-vomiting'], level: 3, disposition: 'D4', source: `${CTAS} UTI complaints with fever and flank pain / vomiting (pyelonephritis), stable: level III; NICE NG111 acute pyelonephritis` },
    { id: 'uti-in-pregnancy', all: ['x:urinary|m:gu-dysuria', 'x:pregnant|m:pregnant-late'], level: 3, disposition: 'D4', source: `${CTAS} pregnancy modifier; NICE NG109 UTI in pregnancy: treat the same day with a urine culture (risk of pyelonephritis and preterm labour)` },
    { id: 'uti-febrile-child', all: ['x:urinary|m:gu-dysuria', 'fever|x:high-fever'], ages: ['child', 'infant'], level: 3, disposition: 'D4', source: 'NICE NG224 / CG54 UTI in under-16s with fever: assess the same day; CNPED2023 level 3' },
  ] },
  { id: 'gu-renal-colic', system: 'genitourinary', label: { zh: '肾绞痛/泌尿系结石', en: 'renal colic / kidney stone' }, terms: ['m:gu-stone', 'm:gu-loin'], base: null, department: 'urology', modifiers: [
    { id: 'infected-obstructed-stone', all: ['m:gu-stone', 'fever|x:high-fever|x:chills'], level: 2, disposition: 'D2', source: `${CTAS} renal colic with fever (infected obstructed kidney): level II; EAU urolithiasis guideline 2023: urgent decompression` },
    { id: 'flank-pain-older-aneurysm', all: ['m:gu-loin|x:flank-pain|m:gu-stone', 'x:old', 'm:worst-pain|x:sudden|m:sudden|fainting|m:syncope'], level: 2, disposition: 'D2', source: `${CTAS} flank pain in an older patient without a stone history: consider a leaking abdominal aortic aneurysm (level II); NICE NG156` },
    { id: 'renal-colic-severe', all: ['m:gu-stone|m:gu-loin|x:flank-pain', 'x:severe|m:worst-pain|nausea-vomiting|blood-in-urine'], level: 3, disposition: 'D4', source: `${CTAS} renal colic, moderate-severe pain: level III (severe 8-10 level II by the pain modifier); ${CN}` },
    { id: 'known-stone-review', all: ['m:gu-stone'], level: 4, disposition: 'D5', resolvedToo: true, source: `${CTAS} flank pain, settled, known stone: level IV-V; EAU 2023 follow-up imaging` },
  ] },
  { id: 'gu-haematuria', system: 'genitourinary', label: { zh: '血尿', en: 'blood in the urine' }, terms: ['blood-in-urine', 'm:gu-haematuria'], base: { level: 4, disposition: 'D5' }, department: 'urology', modifiers: [
    { id: 'haematuria-clot-retention', all: ['blood-in-urine|m:gu-haematuria', 'm:gu-clots|m:urine-retention|x:urine-retention'], level: 3, disposition: 'D2', source: `${CTAS} haematuria with clot retention: level III; ${CN}` },
    { id: 'haematuria-anticoagulated', all: ['blood-in-urine|m:gu-haematuria', 'm:anticoagulant'], level: 3, disposition: 'D4', source: `${CTAS} bleeding on anticoagulants: level III` },
    { id: 'visible-haematuria-once', all: ['blood-in-urine|m:gu-haematuria'], level: 4, disposition: 'D5', resolvedToo: true, source: 'NICE NG12 (2015) visible haematuria (age >= 45), even once: urgent (2-week) urology referral; CTAS2016 level IV' },
  ] },
  { id: 'gu-luts', system: 'genitourinary', label: { zh: '排尿不畅/夜尿多', en: 'lower urinary tract symptoms (prostate)' }, terms: ['m:gu-luts'], base: { level: 4, disposition: 'D6' }, department: 'urology', modifiers: [] },
  { id: 'gu-catheter', system: 'genitourinary', label: { zh: '导尿管问题', en: 'urinary catheter problem' }, terms: ['m:gu-catheter'], base: { level: 4, disposition: 'D5' }, department: 'urology', modifiers: [
    { id: 'catheter-blocked', all: ['m:gu-catheter', 'm:gu-not-draining|abdominal-pain|x:lower-abd|m:urine-retention|fever'], level: 3, disposition: 'D4', source: `${CTAS} urinary retention / blocked catheter: level III; catheter with fever (CAUTI) level III` },
  ] },
  { id: 'gu-testicle-acute', system: 'genitourinary', label: { zh: '急性睾丸/阴囊痛', en: 'acute testicular or scrotal pain' }, terms: ['m:gu-scrotal'], base: null, department: 'urology', modifiers: [
    { id: 'acute-scrotum', all: ['m:sudden|x:sudden|nausea-vomiting|x:severe|m:worst-pain|x:swollen'], level: 2, disposition: 'D2', source: `${CTAS} testicular / scrotal pain of acute onset (possible torsion): level II; EAU paediatric urology / NICE CKS: torsion is a surgical emergency (salvage within 6 h)` },
  ] },
  { id: 'gu-testicle-child', system: 'genitourinary', label: { zh: '儿童睾丸痛', en: 'testicular pain in a child' }, terms: ['m:testicle', 'm:gu-scrotal'], base: null, department: 'urology', modifiers: [
    { id: 'torsion-child', all: ['pain-general|x:swollen|abdominal-pain|nausea-vomiting|m:gu-scrotal'], ages: ['child', 'infant'], level: 2, disposition: 'D2', source: 'CNPED2023 儿童急性阴囊痛 (testicular torsion) level 2; CTAS2016 testicular pain level II; NICE CKS scrotal pain: torsion is an emergency at any age' },
  ] },
  { id: 'gu-penile', system: 'genitourinary', label: { zh: '阴茎问题（异常勃起/包皮嵌顿）', en: 'penile swelling (priapism, paraphimosis)' }, terms: ['m:gu-priapism', 'm:gu-paraphimosis', 'm:gu-penile-fracture'], base: { level: 2, disposition: 'D2' }, department: 'urology', modifiers: [] },
  { id: 'gu-genital-lesion', system: 'genitourinary', label: { zh: '生殖器分泌物/皮损', en: 'genital discharge or lesion' }, terms: ['m:gu-sti'], base: { level: 4, disposition: 'D5' }, department: 'dermatology', modifiers: [] },
  { id: 'gu-dialysis', system: 'genitourinary', label: { zh: '透析患者', en: 'dialysis patient' }, terms: ['m:gu-dialysis'], base: null, department: 'nephrology', modifiers: [
    { id: 'missed-dialysis-symptoms', all: ['m:gu-missed', 'shortness-of-breath|palpitations|fatigue|leg-swelling|weight-gain|x:severe|confusion'], level: 2, disposition: 'D2', source: `${CTAS} missed dialysis with dyspnoea, weakness or palpitations (hyperkalaemia / fluid overload): level II; ${CN}` },
    { id: 'missed-dialysis', all: ['m:gu-missed'], level: 3, disposition: 'D4', source: `${CTAS} dialysis patient, missed session, no symptoms: level III` },
    { id: 'dialysis-fever', all: ['fever|x:high-fever|x:chills'], level: 2, disposition: 'D2', source: `${CTAS} fever in a dialysis patient with a line (line sepsis): level II` },
  ] },
  { id: 'gu-psa', system: 'genitourinary', label: { zh: 'PSA升高', en: 'raised PSA' }, terms: ['m:gu-psa'], base: { level: 4, disposition: 'D6' }, department: 'urology', modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:gu-dysuria': ['尿(?:尿)?(?:的时候)?(?:刺痛|烧|火辣辣|辣辣的|疼|痛)', '(?:撒尿|解小便|小便|尿尿)(?:的时候)?(?:有点)?(?:刺|烧|辣|疼|痛)', '尿频', '尿急', '尿痛', '尿路感染', '膀胱炎', '泌尿系感染', '尿常规.{0,8}(?:白细胞|亚硝酸盐|阳性)'],
    'm:gu-loin': ['(?:左|右)?(?:边|侧)?腰(?:眼|子|部)?(?:那里|这块|这边)?(?:疼|痛|绞痛|酸胀|酸痛)', '(?:左|右)(?:边|侧)?(?:后)?腰(?:疼|痛|酸)', '肾区(?:叩痛|疼|痛)', '肋脊角(?:叩痛|压痛)', '腰(?:酸酸胀胀|胀胀的)'],
    'm:gu-stone': ['(?:肾|输尿管|尿路|泌尿系|膀胱)结石', '(?:肾|输尿管)(?:里)?(?:有)?(?:石头|结石)', '结石(?:犯了|又犯)', '肾绞痛'],
    'm:gu-haematuria': ['(?:尿|小便)(?:是|像|跟)?(?:洗肉水|茶色|浓茶|酱油|可乐|红)(?:色|一样|那个颜色)?', '肉眼血尿'],
    'm:gu-clots': ['(?:尿|小便)(?:里)?(?:有)?(?:血块|血凝块)', '血块堵'],
    'm:gu-luts': ['起夜', '夜尿(?:多|频)', '(?:晚上|夜里|一宿|一晚上)(?:要)?(?:老)?起来(?:尿|小便|上厕所)', '!尿线(?:细|变细|无力)', '!尿得(?:慢|不痛快|费劲)', '!尿不(?:痛快|干净)', '滴滴答答', '!排尿(?:不畅|费力|等待)', '前列腺'],
    'm:gu-catheter': ['(?:导)?尿管', '尿袋', '膀胱造瘘'],
    'm:gu-not-draining': ['!(?:尿袋|尿管)(?:里)?(?:没|不)(?:尿|出尿|流)', '(?:尿管)?(?:堵|堵住|堵了)', '!尿管.{0,4}不(?:通|出尿)', '(?:尿管)?(?:旁边|外面)(?:漏|渗)尿'],
    'm:gu-scrotal': ['(?:蛋蛋|睾丸|阴囊|卵蛋|蛋子)(?:突然)?(?:疼|痛|肿|红|发紫)'],
    'm:gu-priapism': ['!(?:勃起|硬着)(?:了)?(?:好几个小时|几个小时|[\\d一二三四五六七八九十]+(?:个)?小时)(?:都|还)?(?:不|没)(?:软|消)', '!(?:一直|老是)?(?:勃起|硬着)(?:不|消不下去|软不下来)', '阴茎异常勃起'],
    'm:gu-paraphimosis': ['!包皮(?:翻)?(?:卡住|嵌顿|翻不回去|退不回去|勒住)', '!包皮.{0,6}(?:翻不回|推不回|回不去)'],
    'm:gu-penile-fracture': ['(?:同房|性生活)(?:的时候)?.{0,8}(?:咔|啪)(?:的)?一(?:声|下).{0,10}(?:肿|紫|软)', '阴茎(?:折断|骨折)'],
    'm:gu-sti': ['(?:尿道口|尿道)(?:流脓|有脓|滴白|有分泌物)', '(?:下面|下体|私处|生殖器|阴茎|龟头)(?:长了?|起了?|有)(?:个)?(?:溃疡|疱|水疱|疙瘩|小肉芽|菜花|疣)', '尖锐湿疣', '淋病', '梅毒', '生殖器疱疹', '性病'],
    'm:gu-dialysis': ['透析', '血透', '腹透'],
    'm:gu-missed': ['!(?:这次|上次|这周|昨天|今天|周[一二三四五六日]|星期[一二三四五六日天])?(?:的)?(?:没|没有|没去|漏了|错过了?)(?:去)?(?:做)?(?:透析|血透)', '!(?:透析|血透)(?:也)?(?:没|没有)(?:去|做)', '!透析(?:没做|漏了|推迟|停了)'],
    'm:gu-psa': ['psa', '前列腺特异(?:性)?抗原'],
  },
  en: {
    'm:gu-dysuria': ['\\bdysuria\\b', '\\b(?:urinary )?frequency\\b', '\\burgency\\b', '\\b(?:stings?|burns?|burning|hurts?|stinging) (?:when|while|to) (?:i |he |she )?(?:pee|wee|urinate|pass water)\\b', '\\bcystitis\\b', '\\bwater infection\\b', '\\b(?:urine )?dip(?:stick)? (?:is |was )?(?:positive|showed|shows)\\b', '\\bnitrites?\\b', '\\bleucs?\\b', '\\bpyuria\\b'],
    'm:gu-loin': ['\\bloin (?:pain|tenderness)\\b', '\\b(?:right|left) loin\\b', '\\brenal angle\\b', '\\bcva tenderness\\b', '\\bcostovertebral\\b', '\\bpain in (?:my|his|her) back on the (?:left|right)\\b', '\\b(?:left|right) (?:side of (?:my|his|her) )?(?:lower )?back\\b'],
    'm:gu-stone': ['\\bkidney stones?\\b', '\\brenal (?:stones?|colic|calcul\\w+)\\b', '\\bureteric (?:stone|colic|calcul\\w+)\\b', '\\bstones? in (?:my|his|her|the) kidney\\b', '\\bnephrolithiasis\\b', '\\burolithiasis\\b'],
    'm:gu-haematuria': ['\\b(?:pee|urine|wee)\\b[a-z ]{0,15}\\b(?:pink|red|cola|tea[- ]colou?red|rusty|brown)\\b', '\\bfrank haematuria\\b', '\\bvisible ha?ematuria\\b', '\\bmacroscopic ha?ematuria\\b'],
    'm:gu-clots': ['\\bclots? in (?:my|his|her|the) (?:urine|pee)\\b', '\\bclot retention\\b', '\\bpassing clots\\b'],
    'm:gu-luts': ['\\bnocturia\\b', '\\b(?:up|get up|getting up|wake up|waking up) (?:two|three|four|five|\\d|several|a few|a couple of) times (?:a|at|in the|every) night\\b[a-z ]{0,15}\\b(?:pee|wee|loo|toilet)?', '\\bweak (?:stream|flow)\\b', '\\bdribbl(?:e|es|ing)\\b[a-z ]{0,15}\\b(?:pee|urine|after)\\b', '\\bhesitancy\\b', '\\bprostate\\b', '\\bbph\\b', '\\bluts\\b', "!\\b(?:don'?t|doesn'?t) (?:feel|empty) (?:like )?(?:i'?ve |he'?s )?(?:emptied|empty)\\b", '\\bincomplete emptying\\b'],
    'm:gu-catheter': ['\\bcatheter\\b', '\\bsuprapubic\\b', '\\bcatheter bag\\b'],
    'm:gu-not-draining': ["!\\b(?:not|isn'?t|hasn'?t been) draining\\b", '\\bblocked\\b', '\\bbypassing\\b', '!\\bnothing (?:in|coming into) the bag\\b', '\\bbag (?:is )?empty\\b'],
    'm:gu-scrotal': ['\\b(?:testicular|scrotal) (?:pain|swelling|torsion|ache)\\b', '\\btorsion\\b', '\\b(?:testicle|testis|ball|balls|scrotum|nuts)\\b[a-z ]{0,15}\\b(?:pain|hurts|hurting|swollen|red|purple|tender|sore)\\b', '\\b(?:pain|swelling|sore)\\b[a-z ]{0,10}\\b(?:testicle|testis|scrotum|balls)\\b'],
    'm:gu-priapism': ['\\bpriapism\\b', "!\\berection (?:that )?(?:won'?t|will not|hasn'?t|has not) go(?:ne)? (?:down|away)\\b", '\\berection (?:for|lasting) (?:over |more than )?(?:\\w+|\\d+) hours\\b'],
    'm:gu-paraphimosis': ['\\bparaphimosis\\b', "!\\bforeskin\\b[a-z ]{0,25}\\b(?:stuck|won'?t go back|can'?t (?:get|pull) it (?:back|forward)|swollen)\\b"],
    'm:gu-penile-fracture': ['\\bpenile fracture\\b', '\\b(?:snap|crack|pop)\\b[a-z ]{0,25}\\b(?:during sex|penis)\\b'],
    'm:gu-sti': ['\\b(?:discharge|pus) from (?:my|his|the) (?:penis|willy|urethra)\\b', '\\burethral discharge\\b', '\\bgenital (?:sores?|ulcers?|warts|blisters|herpes|lesions?)\\b', '\\b(?:sores?|ulcers?|blisters|warts) (?:on|down) (?:my|his|her|the) (?:penis|genitals|privates|there)\\b', '\\b(?:chlamydia|gonorrh?oea|syphilis|sti|std)\\b'],
    'm:gu-dialysis': ['\\bdialysis\\b', '\\bha?emodialysis\\b', '\\bpd (?:patient|fluid|catheter)\\b', '\\bfistula\\b'],
    'm:gu-missed': ["!\\b(?:missed|skipped|didn'?t (?:go to|have)|couldn'?t get to) (?:my |his |her |a |the |this week'?s )?(?:last |(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|today'?s|yesterday'?s)(?:'s)? )?(?:dialysis|session|haemodialysis|hemodialysis|run)\\b"],
    'm:gu-psa': ['\\bpsa\\b', '\\bprostate[- ]specific antigen\\b'],
  },
};
