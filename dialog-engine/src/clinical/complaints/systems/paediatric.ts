/**
 * CEDIS system "paediatric": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 paediatric list and CNPED2023): fever in a well child who is
 * playing and drinking (benign, NICE traffic-light green), newborn jaundice (first 24 h, unwell
 * baby), feeding difficulty in a baby, inconsolable crying, apnoeic spell / BRUE, a limp or
 * refusing to walk (septic joint with fever), bulging fontanelle, bedwetting, teething, nappy
 * rash and a fever after vaccination (benign). The benign rows never apply under 12 months (the
 * engine keeps every infant off the self-care path). Intussusception lives in complaints.ts.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017; paediatric CTAS)';
const CNPED = 'CNPED2023 儿科急诊预检分诊专家共识';

export const COMPLAINTS: Complaint[] = [
  { id: 'ped-fever-well-child', system: 'paediatric', label: { zh: '精神好的发热儿童', en: 'fever in a child who is playing and drinking' }, terms: ['fever'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:ped-well', 'x:child|x:small-child|m:ped-child'], modifiers: [] },
  { id: 'ped-newborn-jaundice', system: 'paediatric', label: { zh: '新生儿黄疸', en: 'newborn jaundice' }, terms: ['m:gi-jaundice', 'm:ped-jaundice'], base: { level: 3, disposition: 'D4' }, department: 'pediatrics', modifiers: [
    { id: 'jaundice-first-day', all: ['m:ped-first-day'], level: 2, disposition: 'D2', source: `NICE CG98 neonatal jaundice: visible jaundice in the first 24 hours -> bilirubin within 2 hours; ${CNPED} level 2` },
    { id: 'jaundice-unwell-baby', all: ['x:lethargic|m:ped-poor-feeding|m:ped-pale-stool|fever|m:ped-high-cry'], ages: ['infant'], level: 2, disposition: 'D2', source: `NICE CG98: jaundice with poor feeding, lethargy or pale stools: urgent (kernicterus / biliary atresia); ${CNPED} 新生儿黄疸伴反应差 level 2` },
    { id: 'jaundice-unwell-baby-words', all: ['x:lethargic|m:ped-poor-feeding|m:ped-pale-stool|fever|m:ped-high-cry', 'x:newborn|x:small-child'], level: 2, disposition: 'D2', source: `NICE CG98: jaundice with poor feeding, lethargy or pale stools: urgent (kernicterus / biliary atresia); ${CNPED} 新生儿黄疸伴反应差 level 2` },
  ] },
  { id: 'ped-feeding-difficulty', system: 'paediatric', label: { zh: '婴儿喂养困难', en: 'baby not feeding' }, terms: ['m:ped-poor-feeding'], base: null, department: 'pediatrics', modifiers: [
    { id: 'infant-poor-feeding', all: ['m:ped-poor-feeding'], ages: ['infant'], level: 3, disposition: 'D4', source: `${CTAS} feeding difficulties in a newborn / infant: level III; ${CNPED} 婴儿拒奶 level 3; NICE NG143 (reduced feeding is an amber feature)` },
    { id: 'infant-poor-feeding-unwell', all: ['m:ped-poor-feeding', 'x:lethargic|m:ped-few-wet|x:dehydration|x:sunken|fever|nausea-vomiting'], ages: ['infant'], level: 2, disposition: 'D2', source: `${CNPED} 婴儿拒奶伴精神差/尿少/发热 level 2; NICE NG143 red / amber features` },
  ] },
  { id: 'ped-inconsolable-crying', system: 'paediatric', label: { zh: '哭闹不止', en: 'inconsolable crying' }, terms: ['m:ped-inconsolable'], base: null, department: 'pediatrics', modifiers: [
    { id: 'inconsolable-crying-infant', all: [], ages: ['infant', 'child'], level: 3, disposition: 'D4', source: `${CTAS} inconsolable crying in an infant or young child: level III; ${CNPED} 持续哭闹 level 3` },
    { id: 'inconsolable-high-pitched', all: ['m:ped-high-cry|x:lethargic|fever|m:ped-bulging'], ages: ['infant', 'child'], level: 2, disposition: 'D2', source: `${CTAS} inconsolable crying with a high-pitched cry, fever or lethargy: level II; ${CNPED}` },
  ] },
  { id: 'ped-brue', system: 'paediatric', label: { zh: '婴儿呼吸暂停/发紫发软', en: 'apnoeic spell / BRUE in a baby' }, terms: ['m:ped-apnoea'], base: null, department: 'pediatrics', modifiers: [
    { id: 'infant-apnoea', all: [], ages: ['infant'], level: 2, disposition: 'D2', resolvedToo: true, source: `${CTAS} apnoeic spells in an infant: level II; AAP 2016 BRUE guideline (a resolved event with colour change, limpness or pause still needs assessment); ${CNPED} level 2` },
  ] },
  { id: 'ped-limp', system: 'paediatric', label: { zh: '儿童跛行/不肯走路', en: 'child limping or refusing to walk' }, terms: ['m:ped-limp'], base: null, department: 'orthopedics', modifiers: [
    { id: 'child-limp', all: ['x:child|x:small-child|m:ped-child'], level: 3, disposition: 'D4', source: `${CTAS} paediatric gait disorder / painful walk: level III; NICE CKS acute childhood limp (same-day assessment)` },
    { id: 'limp-with-fever', all: ['fever|x:high-fever|m:msk-hot-joint', 'x:child|x:small-child|m:ped-child'], level: 2, disposition: 'D2', source: `${CTAS} paediatric gait disorder / painful walk with fever (septic arthritis, osteomyelitis): level II; NICE CKS acute childhood limp; Kocher criteria` },
    { id: 'child-limp-by-age', all: [], ages: ['child', 'infant'], level: 3, disposition: 'D4', source: `${CTAS} paediatric gait disorder / painful walk: level III; NICE CKS acute childhood limp (same-day assessment)` },
    { id: 'limp-with-fever-by-age', all: ['fever|x:high-fever|m:msk-hot-joint'], ages: ['child', 'infant'], level: 2, disposition: 'D2', source: `${CTAS} paediatric gait disorder / painful walk with fever (septic arthritis, osteomyelitis): level II; NICE CKS acute childhood limp; Kocher criteria` },
  ] },
  { id: 'ped-bulging-fontanelle', system: 'paediatric', label: { zh: '囟门鼓起', en: 'bulging fontanelle' }, terms: ['m:ped-bulging'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'bulging-fontanelle-unwell', all: ['fever|x:lethargic|nausea-vomiting|m:ped-high-cry|x:drowsy'], level: 2, disposition: 'D2', redFlag: 'meningitis-signs', source: `NICE NG143 bulging fontanelle is a red feature (meningitis); ${CNPED} level 2` },
  ] },
  { id: 'ped-bedwetting', system: 'paediatric', label: { zh: '尿床', en: 'bedwetting' }, terms: ['m:ped-enuresis'], base: { level: 4, disposition: 'D6' }, department: 'pediatrics', modifiers: [] },
  { id: 'ped-teething', system: 'paediatric', label: { zh: '出牙不适', en: 'teething' }, terms: ['m:ped-teething'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, infantsToo: true, benignIf: ['x:child|x:small-child|m:ped-child'], modifiers: [] },
  { id: 'ped-nappy-rash', system: 'paediatric', label: { zh: '尿布疹', en: 'nappy rash' }, terms: ['m:ped-nappy-rash'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, infantsToo: true, modifiers: [] },
  { id: 'ped-post-vaccine', system: 'paediatric', label: { zh: '打疫苗后低烧', en: 'fever after vaccination' }, terms: ['m:ped-vaccine'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, infantsToo: true, benignIf: ['m:ped-well|m:gi-keeping-fluids'], modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:ped-well': ['(?:能|还能|照样|照常)(?:吃)?(?:能)?(?:玩|跑|闹)', '在(?:那)?(?:玩|耍|看动画片|看电视)', '看(?:动画片|电视)', '!(?:精神|状态)(?:很好|挺好|还好|不错|还行)', '(?:又|还)(?:要|想)吃(?:饼干|东西|零食)', '(?:跑来跑去|蹦蹦跳跳|又蹦又跳|活蹦乱跳)', '(?:跟|和)平时一样'],
    'm:ped-child': ['(?:儿子|闺女|女儿|孙子|孙女|外孙|外孙女|小家伙|小丫头|俺家小子|我家小子)', '(?:俺|我|我们|我家|俺家|咱)(?:的)?(?:娃|娃子|娃娃|小孩|小子|丫头)', '(?<![\\d一二两三四五六七八九十])(?:[一二两三四五六七八九]|十[一二三]?|1[0-3]|[1-9])(?:周)?岁(?:半)?', '(?<![\\d一二两三四五六七八九十])(?:[一二两三四五六七八九]|十[一二三]?|1[0-3]|[1-9])(?:岁|个月)(?:大)?的(?:孩子|娃|儿子|女儿|男孩|女孩|小孩)'],
    'm:ped-jaundice': ['黄疸', '(?:脸|身上|皮肤|眼白|白眼珠)(?:都|也|有点)?(?:发)?黄'],
    'm:ped-first-day': ['!(?:刚|才)?出生(?:才|不到)?(?:一天|24小时|二十四小时|一晚上|第一天)', '!生下来(?:第一天|当天|不到一天)'],
    'm:ped-poor-feeding': ['!(?:不|不肯|不愿意|不爱)(?:吃奶|喝奶|吃东西)', '!吃奶(?:很|特别)?(?:少|差|不好|费劲)', '!(?:奶|奶瓶)(?:都)?(?:不吃|不喝|吃不进)', '拒奶'],
    'm:ped-few-wet': ['!(?:尿不湿|尿布)(?:很|比平时)?(?:干|少)', '!(?:半天|一上午|一下午|好几个小时)(?:都)?没(?:有)?(?:尿|换尿布)'],
    'm:ped-pale-stool': ['大便(?:发白|灰白|白色|陶土色)'],
    'm:ped-high-cry': ['尖叫(?:样)?(?:的)?哭', '哭声(?:很)?(?:尖|怪)', '尖声哭'],
    'm:ped-inconsolable': ['!哭(?:闹)?(?:个)?不停', '!怎么(?:哄|抱)(?:都|也)(?:哄不好|不行|不管用|停不下来)', '一直(?:在)?哭(?:了)?(?:好几个小时|几个小时|一晚上|半天)', '!哭闹不止', '!哄不好'],
    'm:ped-apnoea': ['!(?:突然)?(?:没了呼吸|停了呼吸)(?:了)?(?:几秒|一会儿|十几秒)?', '呼吸(?:暂停|停了)', '(?:突然|一下子)(?:发紫|发青|脸紫|嘴唇紫)(?:了)?(?:一下|一会儿)?', '(?:突然|一下子)(?:软|瘫)了(?:一下|一会儿)?'],
    'm:ped-limp': ['(?:走路)?一瘸一拐', '瘸(?:了|着)', '!不(?:肯|愿意|敢)(?:走路|走|下地|站)', '跛(?:行|着)', '!腿(?:不让|不敢)(?:碰|动)'],
    'm:ped-bulging': ['囟门(?:鼓|凸|膨|胀)(?:起来|出来)?', '前囟(?:饱满|膨隆)'],
    'm:ped-enuresis': ['尿床', '遗尿'],
    'm:ped-teething': [ "(?:老|总|一直|整天)?(?:啃|咬|吃)(?:手|手指头?|拳头|小手|东西|玩具)",'(?:长|出|冒)牙', '出牙', '萌牙', '牙(?:快|要)?(?:冒|长|出)出?来'],
    'm:ped-nappy-rash': ['!(?:尿布|尿不湿)(?:疹|皮炎)', '红屁股', '屁屁(?:红|烂)', '淹(?:了)?屁股'],
    'm:ped-vaccine': ['(?:打|接种)(?:了|完)?(?:疫苗|预防针|针)(?:以后|之后|后|当天|第二天)?'],
  },
  en: {
    'm:ped-well': ['\\bplaying\\b', '\\bwatching (?:cartoons|tv|telly)\\b', '\\brunning (?:about|around)\\b', '\\basking for (?:biscuits|food|snacks|juice)\\b', '\\b(?:eating|drinking) (?:juice|a biscuit|normally|well|fine)\\b', '\\bsmiling\\b', '\\b(?:his|her) (?:usual|normal) self\\b', '\\bhappy otherwise\\b', '\\blively\\b', '\\bbouncing around\\b'],
    'm:ped-child': ["\\b(?:my|our|the) (?:son|daughter|boy|girl|grandson|granddaughter|nephew|niece)\\b", "\\b(?:son|daughter|boy|girl)'s\\b", '\\b(?:[1-9]|1[0-3]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)[- ](?:year|month)s?[- ]old\\b(?! (?:man|woman|lady|gentleman))', '\\btoddler\\b', '\\bpreschooler\\b'],
    'm:ped-jaundice': ['\\bjaundice[d]?\\b', '\\b(?:face|skin|whites of (?:his|her) eyes)\\b[a-z ]{0,20}\\byellow\\b', '\\b(?:gone|looks|looking) (?:a bit )?yellow\\b'],
    'm:ped-first-day': ['\\bday (?:1|one)(?: of life)?\\b', '\\b(?:1|one)[- ]day[- ]old\\b', '\\b(?:born|delivered) (?:yesterday|last night|this morning|today|(?:\\w+ )?hours ago)\\b', '\\bunder 24 hours\\b', '\\bfirst day of life\\b', '\\b(?:\\d+|twelve|eighteen|twenty)[- ]hours?[- ]old\\b'],
    'm:ped-poor-feeding': ["!\\b(?:not|isn'?t|won'?t|refusing to|doesn'?t want to) (?:feeding|feed|take (?:the|his|her|a) (?:bottle|feeds?)|latch\\w*|drink(?:ing)? (?:his|her) milk)\\b", '\\b(?:feeding|feeds) (?:poorly|badly|less)\\b', '\\brefusing (?:feeds|the bottle|the breast|milk)\\b', '\\bpoor feeding\\b', '\\bonly (?:taking|took) (?:a little|half|a few (?:ml|ounces))\\b'],
    'm:ped-few-wet': ['!\\b(?:fewer|no|dry) (?:wet )?(?:nappies|diapers)\\b', "!\\bhasn'?t (?:had a )?wet (?:a |his |her )?(?:nappy|diaper)\\b"],
    'm:ped-pale-stool': ['\\b(?:pale|white|chalky|clay[- ]colou?red) (?:poo|poos|stools?)\\b'],
    'm:ped-high-cry': ['\\bhigh[- ]pitched (?:cry|crying|scream)\\b', '\\bweird (?:cry|scream)\\b', '\\bshrill cry\\b'],
    'm:ped-inconsolable': ['\\binconsolabl[ey]\\b', "!\\bwon'?t (?:stop|settle)\\b[a-z ]{0,10}\\bcry\\w*\\b", '\\bcrying (?:non[- ]?stop|for hours|all night|for (?:\\w+ )?hours)\\b', "!\\bcan'?t (?:settle|calm|console) (?:him|her)\\b", '\\bscreaming (?:non[- ]?stop|for hours)\\b'],
    'm:ped-apnoea': ['\\bstopped breathing\\b', '\\bapno?ea\\w*\\b', '\\bbrue\\b', '\\bwent (?:blue|floppy|limp)\\b[a-z ]{0,25}\\b(?:seconds|then|and then|for a (?:moment|bit))\\b', '\\bpaused (?:his|her) breathing\\b', '\\bturned blue\\b'],
    'm:ped-limp': ['\\blimp(?:ing|s)?\\b', "!\\b(?:won'?t|refus\\w+ to|doesn'?t want to) (?:walk|weight[- ]bear|put (?:any )?weight on|stand)\\b", '\\bantalgic\\b'],
    'm:ped-bulging': ['\\bbulging (?:soft spot|fontanelle|fontanel)\\b', '\\b(?:soft spot|fontanelle) (?:is )?(?:bulging|tense|raised|swollen)\\b'],
    'm:ped-enuresis': ['\\bwet(?:s|ting)? the bed\\b', '\\bbed[- ]?wetting\\b', '\\benuresis\\b'],
    'm:ped-teething': [ "\\b(?:chewing|gnawing|biting|gumming) (?:on )?(?:his|her|their)? ?(?:hands?|fists?|fingers|toys|everything)\\b",'\\bteething\\b', '\\b(?:tooth|teeth) (?:is |are )?coming (?:through|in)\\b', '\\bcutting (?:a |his |her )?(?:tooth|teeth)\\b', '\\b(?:first|new|front|bottom|top|back) (?:tooth|teeth)\\b[a-z ,\']{0,20}\\b(?:on (?:its|their) way|coming|through)\\b'],
    'm:ped-nappy-rash': ['\\b(?:nappy|diaper) rash\\b', '\\bsore (?:red )?bottom\\b'],
    'm:ped-vaccine': ['\\b(?:jabs|vaccinations?|immuni[sz]ations?|shots|vaccine)\\b[a-z ]{0,20}\\b(?:yesterday|today|this morning|last night|ago)\\b', '\\bhad (?:his|her|their) (?:jabs|vaccinations?|immuni[sz]ations?|shots)\\b', '\\bpost[- ]vaccin\\w+\\b'],
  },
};
