/**
 * CEDIS system "musculoskeletal": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 MSK list): joint pain / swelling (septic joint, gout attack,
 * gout flare like previous ones, long-standing joint pain), back pain with red flags (fever in
 * an immunosuppressed person or drug injector, cancer history, older person with sudden severe
 * pain), limb pain without injury (acute limb ischaemia), cast problem (compartment syndrome),
 * neck pain (torticollis vs. neurological signs). Back pain with cauda equina signs, back strain
 * and minor sprain rows also live in complaints.ts; injuries are in trauma.ts.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

export const COMPLAINTS: Complaint[] = [
  { id: 'msk-hot-joint', system: 'musculoskeletal', label: { zh: '关节红肿热痛', en: 'hot swollen joint' }, terms: ['m:msk-hot-joint'], base: null, department: 'orthopedics', modifiers: [
    { id: 'septic-joint-signs', all: ['fever|x:high-fever|x:chills'], level: 2, disposition: 'D2', source: `${CTAS} joint pain, hot swollen joint with fever (septic arthritis): level II; BSR/BOA 2006 hot swollen joint guideline: aspirate before antibiotics` },
    { id: 'hot-joint-immunosuppressed', all: ['m:immunosuppressed|m:msk-prosthesis|m:msk-ivdu'], level: 3, disposition: 'D4', source: `${CTAS} hot joint in an immunosuppressed patient or a prosthetic joint: level III; BSR/BOA 2006` },
  ] },
  { id: 'msk-gout-attack', system: 'musculoskeletal', label: { zh: '痛风发作', en: 'gout attack' }, terms: ['m:msk-gout', 'm:msk-toe'], base: null, department: 'orthopedics', modifiers: [
    { id: 'gout-severe-or-untreated', all: ['m:msk-gout|m:msk-toe', 'm:msk-exquisite|m:worst-pain|m:msk-no-meds'], level: 4, disposition: 'D5', source: `${CTAS} joint pain, moderate-severe (4-10) peripheral pain, stable: level IV; NICE CKS gout: treat a flare within 24 h (NSAID, colchicine or steroid)` },
  ] },
  { id: 'msk-gout-usual', system: 'musculoskeletal', label: { zh: '和以前一样的痛风发作', en: 'gout flare like previous ones' }, terms: ['m:msk-gout'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:usual|m:msk-like-before'], modifiers: [] },
  { id: 'msk-chronic-joint', system: 'musculoskeletal', label: { zh: '慢性关节/肩痛', en: 'long-standing joint or shoulder pain' }, terms: ['x:joint', 'm:msk-joint-pain'], base: { level: 4, disposition: 'D6' }, department: 'orthopedics', benign: true, benignIf: ['m:msk-long'], modifiers: [] },
  { id: 'msk-back-red-flags', system: 'musculoskeletal', label: { zh: '腰背痛伴危险信号', en: 'back pain with red flags' }, terms: ['x:back-pain', 'm:back', 'm:msk-back'], base: null, department: 'orthopedics', modifiers: [
    { id: 'back-pain-older-sudden', all: ['x:old', 'x:sudden|m:sudden|fainting|m:syncope', 'x:severe|m:worst-pain|fainting|m:syncope|x:sweating'], level: 2, disposition: 'D2', source: `${CTAS} back pain, sudden severe, age > 50-60 or with syncope: level II (consider a leaking aortic aneurysm); NICE NG156` },
    { id: 'back-pain-fever-risk', all: ['fever|x:high-fever|x:chills', 'm:immunosuppressed|m:msk-ivdu|m:diabetic'], level: 2, disposition: 'D2', source: `${CTAS} back pain with fever in an immunosuppressed person or drug injector (spinal epidural abscess, discitis): level II` },
    { id: 'back-pain-cancer', all: ['m:msk-cancer'], level: 4, disposition: 'D5', source: 'NICE NG234 (2023) metastatic spinal cord compression: back pain in a person with cancer, without neurological signs -> MRI within 1 week (with neurological signs within 24 h); CTAS2016 level III-IV' },
  ] },
  { id: 'msk-limb-ischaemia', system: 'musculoskeletal', label: { zh: '肢体急性缺血', en: 'cold painful limb (acute ischaemia)' }, terms: ['m:msk-cold-limb'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'msk-cast-problem', system: 'musculoskeletal', label: { zh: '石膏/夹板问题', en: 'cast or splint problem' }, terms: ['m:msk-cast'], base: { level: 4, disposition: 'D5' }, department: 'orthopedics', modifiers: [
    { id: 'cast-compartment', all: ['m:msk-numb-digits|m:msk-blue-digits|m:worst-pain|x:severe|m:msk-tight'], level: 2, disposition: 'D2', source: `${CTAS} cast problem with neurovascular compromise or pain out of proportion (compartment syndrome): level II; ${CN}` },
  ] },
  { id: 'msk-neck-pain', system: 'musculoskeletal', label: { zh: '颈痛', en: 'neck pain' }, terms: ['m:msk-neck'], base: null, department: 'orthopedics', modifiers: [
    { id: 'neck-pain-arm-weakness', all: ['weakness-one-side|m:msk-arm-numb'], level: 3, disposition: 'D4', source: `${CTAS} neck pain with new neurological symptoms in the arm: level III` },
  ] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:msk-hot-joint': ['(?:膝盖|膝|关节|脚踝|手腕|肩膀|肘|髋|大脚趾)(?:又)?(?:突然)?(?:红肿热痛|又红又肿又热|又红又肿又烫|红肿发烫|肿得发烫|又热又肿|又肿又热|发热肿|红肿)', '(?:关节|膝盖)(?:摸着|摸上去)?(?:发烫|烫)'],
    'm:msk-prosthesis': ['(?:人工|换了?)(?:关节|膝关节|髋关节)', '关节置换'],
    'm:msk-ivdu': ['吸毒', '注射毒品', '扎针吸'],
    'm:msk-gout': ['痛风', '尿酸(?:高|五百|六百|[5-9]\\d\\d)'],
    'm:msk-toe': ['大脚趾(?:头)?(?:根)?(?:红|肿|疼|痛)', '脚趾(?:头)?(?:根)?(?:红肿|肿得发亮)', '(?:第一)?跖趾关节'],
    'm:msk-exquisite': ['!碰(?:都|也)(?:不能|不敢|不让)碰', '!(?:被子|被单|床单)(?:都|也)?(?:碰不得|不能碰|压不得)', '!疼得(?:下不了地|走不了路|睡不着)', '!不敢(?:穿鞋|下地)'],
    'm:msk-no-meds': ['!(?:药|秋水仙碱|止痛药)(?:吃完了|没了|断了)', '!没(?:有)?药了'],
    'm:msk-like-before': ['!(?:跟|和)(?:上次|以前|之前|前几次|原来)(?:一样|差不多|一模一样)', '又犯了', '老毛病', '又发作了'],
    'm:msk-joint-pain': ['(?:肩膀|肩|膝盖|膝|手腕|胳膊肘|腰腿|脖子|颈椎|髋)(?:老是|一直|总是)?(?:疼|痛|酸痛|僵)', '(?:骨关节炎|关节炎|肩周炎|五十肩|骨质增生|滑膜炎|腱鞘炎|网球肘)'],
    'm:msk-long': ['(?:好几|几|两三|三四|[一二两三四五六七八九十\\d]+)(?:个)?(?:来)?(?:月|年)(?:了|多|来)?', '半年', '好些年', '多年', '一直(?:都)?这样', '(?:好几|几|[一二两三四五六七八九十\\d]+)(?:个)?(?:星期|礼拜|周)(?:了)?'],
    'm:msk-back': ['!(?:腰|后背|背)(?:疼|痛)(?:得)?(?:厉害|要命|受不了)?', '腰(?:闪|扭)了'],
    'm:msk-cancer': ['(?:癌|肿瘤|恶性)(?:症)?(?:病史|病人|患者|转移|术后)?', '(?:肺|乳腺|前列腺|肾)癌'],
    'm:msk-cold-limb': ['!(?:腿|脚|胳膊|手)(?:突然)?(?:又凉又白|冰凉发白|发白发凉|冰凉发紫|发紫发凉|凉得像冰|没有知觉还发凉)', '!(?:腿|脚|脚背)(?:上)?(?:摸不到|摸不着)(?:脉|动脉|搏动)', '下肢动脉栓塞', '急性肢体缺血'],
    'm:msk-cast': ['石膏', '夹板', '支具'],
    'm:msk-numb-digits': ['!(?:手指|脚趾|手指头|脚趾头)(?:发麻|麻了|没知觉|麻木)'],
    'm:msk-blue-digits': ['(?:手指|脚趾|手指头|脚趾头)(?:发紫|发青|发白|发黑|冰凉)'],
    'm:msk-tight': ['石膏(?:太)?(?:紧|勒)', '(?:越来越)?(?:肿|胀)得(?:厉害|发亮)'],
    'm:msk-neck': ['!脖子(?:疼|痛|僵|扭了|转不动)', '落枕', '颈椎(?:疼|痛|病)'],
    'm:msk-arm-numb': ['!(?:胳膊|手)(?:发麻|麻木|没劲|无力)'],
  },
  en: {
    'm:msk-hot-joint': ['\\b(?:knee|ankle|wrist|elbow|shoulder|hip|joint|toe)\\b[a-z ,]{0,12}\\b(?:hot and swollen|swollen and hot|red,? hot|hot,? red|red and hot|hot swollen|warm and swollen|swollen and warm)\\b', '\\bhot(?:,)? (?:red,? )?swollen (?:left |right )?(?:knee|ankle|wrist|elbow|shoulder|hip|joint|big toe)\\b', '\\bseptic (?:arthritis|joint)\\b', '\\beffusion\\b'],
    'm:msk-prosthesis': ['\\b(?:knee|hip|joint) replacement\\b', '\\bprosthetic (?:knee|hip|joint)\\b', '\\bnew (?:knee|hip)\\b'],
    'm:msk-ivdu': ['\\binject(?:s|ing)? (?:drugs|heroin)\\b', '\\bivdu\\b', '\\bpwid\\b', '\\bheroin\\b'],
    'm:msk-gout': ['\\bgout(?:y)?\\b', '\\burate\\b', '\\buric acid\\b', '\\bpodagra\\b'],
    'm:msk-toe': ['\\bbig toe\\b', '\\b(?:first )?mtp(?:j| joint)?\\b'],
    'm:msk-exquisite': ['\\bexquisitely\\b', "!\\bcan'?t (?:even )?(?:stand|bear) (?:the )?(?:bed ?sheets?|sheets?|duvet|blanket)\\b", "!\\bcan'?t (?:bear|stand) (?:anything|it being) touch\\w*\\b"],
    'm:msk-no-meds': ['\\bran out of (?:my |his |her |the )?(?:colchicine|naproxen|tablets|medication|pills)\\b', '!\\bno (?:colchicine|tablets|medication) left\\b'],
    'm:msk-like-before': ['\\b(?:same|just) (?:as|like) (?:the )?(?:last|previous|other) (?:times?|attacks?|ones?|flares?)\\b', '\\b(?:it\'?s )?my gout again\\b', '\\blike (?:it )?(?:always|usually) (?:does|is)\\b', '\\blike before\\b'],
    'm:msk-joint-pain': ['\\b(?:shoulder|knee|knees|hip|hips|wrist|elbow|neck)(?:\'s| has| have| is| are)? (?:been )?(?:hurting|aching|painful|sore|stiff)\\b', '\\b(?:osteo)?arthritis\\b', '\\bfrozen shoulder\\b', '\\brotator cuff\\b', '\\btennis elbow\\b', '\\bwear and tear\\b'],
    'm:msk-long': ['\\bfor (?:about |around |over |nearly )?(?:weeks|months|years|ages|(?:two|three|four|five|six|seven|eight|several|a few|a couple of|\\d+) (?:weeks|months|years))\\b', '\\b(?:weeks|months|years) now\\b', '\\bfor a year\\b', '\\bfor years\\b'],
    'm:msk-back': ['\\bback (?:pain|is (?:killing|agony))\\b', '\\bpain in (?:my|his|her) (?:mid |middle |lower |upper )?back\\b'],
    'm:msk-cancer': ['\\bcancer\\b', '\\bmetasta\\w+\\b', '\\bmyeloma\\b', '\\btumou?r\\b', '\\bon chemo\\b'],
    'm:msk-cold-limb': ['\\b(?:leg|foot|arm|hand)\\b[a-z ,]{0,15}\\b(?:cold and (?:white|pale|blue)|white and cold|pale and cold|ice cold|mottled and cold)\\b', "!\\bcan'?t feel (?:a|the|any) pulse in (?:his|her|my|the) (?:foot|leg)\\b", '\\b(?:pulseless|acute(?:ly)? isch(?:a)?emic) (?:leg|limb|foot|arm)\\b', '\\bacute limb isch(?:a)?emia\\b'],
    'm:msk-cast': ['\\b(?:plaster )?cast\\b', '\\bsplint\\b', '\\bbackslab\\b'],
    'm:msk-numb-digits': ['\\b(?:fingers|toes)\\b[a-z ]{0,10}\\b(?:numb|tingling|pins and needles)\\b', '\\bnumb (?:fingers|toes)\\b'],
    'm:msk-blue-digits': ['\\b(?:fingers|toes)\\b[a-z ]{0,10}\\b(?:blue|white|purple|cold|dusky)\\b'],
    'm:msk-tight': ['\\bcast (?:is |feels )?(?:too )?tight\\b', '\\bpain out of proportion\\b', '\\bpain on passive stretch\\b'],
    'm:msk-neck': ['\\bneck (?:pain|is (?:stiff|sore|painful)|hurts)\\b', '\\bcrick in (?:my|his|her) neck\\b', '\\btorticollis\\b', '\\bwry neck\\b'],
    'm:msk-arm-numb': ['\\b(?:arm|hand)\\b[a-z ]{0,10}\\b(?:numb|tingling|weak|pins and needles)\\b', '\\bradicul\\w+\\b'],
  },
};
