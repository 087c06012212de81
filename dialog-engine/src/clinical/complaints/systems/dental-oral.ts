/**
 * CEDIS system "dental / oral": presenting complaints with their second-order modifiers (rows), and
 * the `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The row "tooth-avulsion" of ../complaints.ts stays there; the rows here add toothache / caries,
 * dental abscess (with the deep-space signs that make it an emergency), bleeding after an
 * extraction or on anticoagulants, dislocated jaw, oral ulcers and lip / tongue swelling.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

export const COMPLAINTS: Complaint[] = [
  { id: 'toothache', system: 'dental-oral', label: { zh: '牙痛/龋齿', en: 'toothache / dental caries' }, terms: ['m:dental-toothache', 'm:dental-caries'], base: { level: 4, disposition: 'D6' }, department: 'stomatology', modifiers: [
    { id: 'toothache-facial-swelling-fever', all: ['m:dental-toothache', 'x:face-swell|m:dental-face-swell|fever|x:high-fever'], level: 3, disposition: 'D4', source: 'CTAS2016 dental pain with facial swelling or fever (spreading odontogenic infection): level III; SDCEP 2013 (same day)' },
    { id: 'toothache-night-pain', all: ['m:dental-toothache', 'm:dental-night|x:severe|m:dental-throbbing'], level: 4, disposition: 'D5', source: 'CTAS2016 dental / gum problem, pain without swelling: level IV-V; 牙髓炎 (spontaneous night pain) within days' },
  ] },
  { id: 'dental-abscess', system: 'dental-oral', label: { zh: '牙龈脓肿/牙源性感染', en: 'dental abscess' }, terms: ['m:dental-abscess'], base: { level: 4, disposition: 'D5' }, department: 'stomatology', modifiers: [
    { id: 'dental-abscess-facial-swelling-fever', all: ['x:face-swell|m:dental-face-swell|fever|x:high-fever'], level: 3, disposition: 'D4', source: 'CTAS2016 dental problem with facial swelling or fever: level III-IV; SDCEP 2013 emergency dental care (same day)' },
    { id: 'dental-abscess-airway', all: ['m:ent-trismus|x:cant-swallow|m:throat-danger|m:ent-neck-swell|m:resp-stridor|m:dental-eye-closing'], level: 2, disposition: 'D2', source: 'CTAS2016 facial swelling with trismus, difficulty swallowing or floor-of-mouth swelling (Ludwig angina): level II; SDCEP 2013 (emergency: refer to hospital)' },
  ] },
  { id: 'dental-bleeding', system: 'dental-oral', label: { zh: '拔牙后/牙龈出血', en: 'bleeding after extraction or from the gums' }, terms: ['m:dental-bleed', 'm:dental-extraction-bleed'], base: { level: 4, disposition: 'D6' }, department: 'stomatology', modifiers: [
    { id: 'post-extraction-bleeding', all: ['m:dental-extraction-bleed'], level: 4, disposition: 'D5', source: 'CTAS2016 dental problem, post-extraction bleeding controlled: level IV-V; SDCEP 2013 (bleeding after an extraction: pressure, then review)' },
    { id: 'dental-bleeding-anticoagulated', all: ['m:anticoagulant|m:dental-inr-high'], level: 3, disposition: 'D4', source: 'CTAS2016 bleeding, minor, with a bleeding disorder or anticoagulant: level III; SDCEP 2015 management of dental patients taking anticoagulants (check INR, local measures the same day)' },
    { id: 'dental-bleeding-wont-stop', all: ['x:wont-stop|m:ent-still-bleeding|x:rf-severe-bleeding'], level: 3, disposition: 'D4', source: 'CTAS2016 post-extraction bleeding not controlled by pressure: level III' },
  ] },
  { id: 'jaw-dislocation', system: 'dental-oral', label: { zh: '下颌关节脱位', en: 'dislocated jaw' }, terms: ['m:dental-jaw-dislocated'], base: { level: 3, disposition: 'D4' }, department: 'stomatology', modifiers: [] },
  { id: 'dental-trauma', system: 'dental-oral', label: { zh: '牙外伤（折断/松动）', en: 'broken or loosened tooth' }, terms: ['m:dental-broken'], base: { level: 4, disposition: 'D5' }, department: 'stomatology', modifiers: [
    { id: 'dental-trauma-pulp-exposed', all: ['m:dental-pulp|wound-bleeding|x:bleeding'], level: 3, disposition: 'D4', source: 'IADT 2020 dental trauma guidelines: complicated crown fracture (pulp exposed) or displaced tooth treated the same day; CTAS2016 level III-IV' },
  ] },
  { id: 'oral-ulcers', system: 'dental-oral', label: { zh: '口腔溃疡', en: 'mouth ulcers' }, terms: ['m:dental-ulcer'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'oral-ulcer-persistent', system: 'dental-oral', label: { zh: '口腔溃疡久不愈合', en: 'mouth ulcer not healing' }, terms: ['m:dental-ulcer-weeks'], base: { level: 4, disposition: 'D5' }, department: 'stomatology', modifiers: [] },
  { id: 'dry-socket', system: 'dental-oral', label: { zh: '拔牙后干槽症', en: 'dry socket after an extraction' }, terms: ['m:dental-dry-socket'], base: { level: 4, disposition: 'D5' }, department: 'stomatology', modifiers: [] },
  { id: 'jaw-joint-pain', system: 'dental-oral', label: { zh: '颞下颌关节痛/弹响', en: 'jaw joint pain or clicking' }, terms: ['m:dental-tmj'], base: { level: 4, disposition: 'D6' }, department: 'stomatology', modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:dental-toothache': ['(?:牙|牙齿|槽牙|后槽牙|大牙|门牙|智齿|蛀牙|虫牙)[^不没无未，。,.;；!?！？]{0,10}(?:疼|痛|酸疼|一抽一抽)', '牙(?:疼|痛)', '(?:吃|喝)(?:冷|热|凉|甜)(?:的)?(?:东西)?(?:就)?(?:牙)?(?:疼|痛|酸)'],
    'm:dental-caries': ['(?:牙|牙齿|槽牙|后槽牙|大牙)(?:上)?(?:有|长了)(?:个|一个)?(?:黑)?洞', '蛀牙', '虫牙', '龋齿', '补牙', '牙(?:齿)?(?:坏|烂)了'],
    'm:dental-night': ['!(?:晚上|半夜|夜里)(?:有时候)?(?:疼|痛|一抽一抽|疼醒|睡不着)'],
    'm:dental-throbbing': ['一跳一跳', '一抽一抽', '跳着疼'],
    'm:dental-abscess': ['牙(?:龈|床|根)(?:上)?(?:鼓|长|起)(?:了)?(?:个)?(?:小)?(?:包|脓包|疙瘩)', '牙(?:龈|床)(?:上)?(?:流脓|有脓|化脓)', '(?:一按|按着)(?:有点|有)?脓', '牙(?:周|根尖|龈)?脓肿', '智齿(?:发炎|冠周炎)', '冠周炎'],
    'm:dental-face-swell': ['(?:脸|腮帮子|半边脸|下巴|面部)(?:都|也)?(?:肿|肿了|肿起来|肿得)'],
    'm:dental-eye-closing': [ "(?:肿|肿胀)(?:到|至)(?:了)?[^，。,.]{0,6}(?:舌头?(?:底下|下面|下边)|舌下|下颌下|脖子|颈部)", "舌头(?:有点|被)?(?:往上|向上)(?:顶|抬|翘)", "张(?:口|嘴)(?:只有|只能张|就)?(?:一|两)指(?:半)?",'!肿(?:到|得)(?:眼睛|眼皮)(?:都)?(?:睁不开|肿)'],
    'm:dental-extraction-bleed': ['拔(?:了)?(?:牙|智齿)(?:以后|后|之后)?[^不没无未，。,.;；!?！？]{0,10}(?:出血|流血|渗血|血)'],
    'm:dental-bleed': ['牙(?:龈|床|缝)(?:一直|老是|总)?(?:出血|流血|渗血)', '刷牙(?:的时候)?(?:出血|流血)'],
    'm:dental-inr-high': ['inr(?:测了?|是|有)?(?:[四五六七八九]|[4-9])', '凝血(?:指标)?(?:高|异常)'],
    'm:dental-jaw-dislocated': ['!下巴(?:掉了|脱臼|脱位|合不上)', '!嘴(?:巴)?合不上', '下颌(?:关节)?脱(?:位|臼)', '!张(?:着)?嘴(?:闭|合)不上'],
    'm:dental-broken': ['牙(?:齿)?(?:磕|撞|摔|咬)(?:断|掉|崩|裂|松)(?:了)?(?:一块|半颗|一半)?', '(?:门牙|牙)(?:被)?(?:磕|撞)(?:断|掉|松)(?:了)?', '牙(?:齿)?(?:松动|活动)了'],
    'm:dental-pulp': ['(?:露|看到)(?:出)?(?:了)?(?:红(?:色)?的)?(?:牙髓|神经|红点)', '牙髓'],
    'm:dental-ulcer': ['口腔溃疡', '口疮', '嘴里(?:长|起)(?:了)?(?:个|几个)?(?:泡|溃疡)', '(?:舌头|嘴唇|嘴巴)(?:上)?(?:长|起)(?:了)?(?:个)?(?:溃疡|泡)'],
    'm:dental-ulcer-weeks': ['!(?:溃疡|口疮)[^不没无未，。,.;；!?！？]{0,8}(?:三|四|五|六|几|好几|3|4|5|6)个?(?:多)?(?:礼拜|星期|周|月)(?:了)?(?:都|也|还)?(?:没好|不好|不愈合)?', '(?:三|四|五|六|几|好几|一|两)个?(?:多)?(?:礼拜|星期|周|月)(?:了)?(?:的)?(?:口腔)?溃疡'],
    'm:dental-dry-socket': ['拔(?:了)?(?:牙|智齿)(?:以后|后|之后)?[^不没无未，。,.;；!?！？]{0,8}(?:越来越疼|更疼了|疼得(?:更)?厉害|有(?:股)?臭味|口臭)', '干槽症'],
    'm:dental-tmj': ['(?:下巴|下颌|耳朵前面)(?:关节)?(?:一张嘴)?(?:就)?(?:弹响|咔咔响|咔哒|响)', '颞下颌(?:关节)?(?:紊乱|疼|痛)?', '张嘴(?:的时候)?(?:下巴|耳朵前面)(?:疼|痛|响)'],
  },
  en: {
    'm:dental-toothache': ['\\btooth ?ache\\b', '\\b(?:tooth|teeth|molar|wisdom tooth)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:hurts?|hurting|aching|aches|painful|killing|throbbing|sensitive)\\b', '\\b(?:hot|cold|sweet) (?:things|drinks|food)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,15}\\b(?:hurt|set it off|twinge)\\b', '\\bpulpitis\\b'],
    'm:dental-caries': ['\\b(?:hole|cavity|cavities) in (?:my|his|her|a) (?:back )?(?:tooth|teeth|molar)\\b', '\\bcavit(?:y|ies)\\b', '\\b(?:tooth )?decay\\b', '\\bcaries\\b', '\\b(?:need|needs) a filling\\b', '\\bfilling (?:fell|came|has come) out\\b', '\\blost a filling\\b'],
    'm:dental-night': ['\\b(?:at night|keeps? (?:me|him|her) (?:up|awake)|wakes? (?:me|him|her) up)\\b'],
    'm:dental-throbbing': ['\\bthrobb\\w+\\b'],
    'm:dental-abscess': ['\\b(?:dental|tooth|gum) abscess\\b', '\\babscess(?:ed)? (?:tooth|gum)\\b', '\\bgum ?boil\\b', '\\b(?:lump|bump|swelling|boil) on (?:my|his|her|the) gum\\b', '\\bpus\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:gum|tooth)\\b', '\\bpericoronitis\\b', '\\binfected (?:wisdom )?tooth\\b'],
    'm:dental-face-swell': ['\\b(?:face|cheek|jaw)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,16}\\b(?:swollen|swelling|puffed up|blown up|puffy|puffing up|getting bigger)\\b', '\\bswollen (?:face|cheek|jaw)\\b'],
    'm:dental-eye-closing': [ "\\bswelling\\b[^.]{0,30}\\b(?:under (?:the|his|her|my) (?:tongue|jaw|chin)|into (?:the|his|her|my) neck|floor of (?:the )?mouth)\\b", "\\btongue (?:is )?(?:pushed|raised|lifted) up\\b", "\\b(?:can (?:only|barely) open (?:his|her|my) mouth|mouth (?:only )?opens? (?:one|two|a) fingers?)\\b",'\\bswelling\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:up to|closing) (?:his|her|my|the) eye\\b'],
    'm:dental-extraction-bleed': ['\\b(?:extraction|tooth (?:out|pulled|taken out)|wisdom tooth removed)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\bbleed\\w*\\b'],
    'm:dental-bleed': ['\\b(?:gums?|socket)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,10}\\b(?:bleeding|oozing|keeps bleeding)\\b', '\\bbleeding (?:from )?(?:the )?(?:gums?|socket)\\b'],
    'm:dental-inr-high': ['\\binr (?:of |was |is |at )?(?:[4-9]|1\\d)(?:\\.\\d)?\\b', '\\binr (?:is |was )?(?:high|raised|through the roof)\\b'],
    'm:dental-jaw-dislocated': ['\\b(?:dislocated|locked) (?:his|her|my|the) jaw\\b', '\\bjaw (?:is )?(?:dislocated|locked open|stuck open|out of (?:place|joint))\\b', "!\\b(?:can'?t|cannot) (?:close|shut) (?:my|his|her) mouth\\b"],
    'm:dental-broken': ['\\b(?:chipped|broke|broken|cracked|knocked loose|loosened) (?:a |his |her |my |the )?(?:front )?(?:tooth|teeth)\\b', '\\b(?:tooth|teeth) (?:is |are |got )?(?:chipped|broken|cracked|loose|wobbly|pushed back)\\b'],
    'm:dental-pulp': ['\\b(?:pink|red) (?:dot|spot|bit) (?:in|showing)\\b', '\\bnerve (?:is )?(?:exposed|showing)\\b', '\\bpulp\\b'],
    'm:dental-ulcer': ['\\bmouth ulcers?\\b', '\\bcanker sores?\\b', '\\baphthous\\b', '\\bulcer on (?:my|his|her|the) (?:tongue|lip|gum|cheek)\\b'],
    'm:dental-ulcer-weeks': ['\\bulcer\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:three|four|five|six|several|3|4|5|6) weeks\\b', '\\bulcer\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:won\'?t|hasn\'?t|not) heal\\w*\\b'],
    'm:dental-dry-socket': ['\\bdry socket\\b', '\\b(?:extraction|tooth (?:out|pulled)|wisdom tooth (?:out|removed))\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:getting worse|worse (?:pain|now)|bad taste|smells?)\\b'],
    'm:dental-tmj': ['\\bjaw (?:clicks|clicking|joint)\\b', '\\btmj\\b', '\\btemporomandibular\\b', '\\bclicking jaw\\b'],
  },
};
