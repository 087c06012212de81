/**
 * CEDIS system "skin": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The rows "petechial-rash", "insect-bites" and "bee-sting-local" of ../complaints.ts stay there;
 * the rows here add cellulitis, abscess, shingles (with the eye and immunosuppression modifiers),
 * severe drug reactions (mucosal involvement), impetigo, a changing mole, chronic rashes,
 * spontaneous bruising, blood / body-fluid exposure, nappy rash, and familiar minor hives.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

export const COMPLAINTS: Complaint[] = [
  { id: 'cellulitis', system: 'skin', label: { zh: '皮肤红肿热痛扩散（蜂窝织炎）', en: 'cellulitis (spreading redness)' }, terms: ['m:skin-cellulitis'], base: { level: 3, disposition: 'D4' }, department: 'dermatology', modifiers: [
    { id: 'cellulitis-sepsis', all: ['fever|x:high-fever', 'x:chills|confusion|x:mottled|m:cold-peripheries|x:lethargic|m:altered|x:fast-breathing'], level: 2, disposition: 'D2', redFlag: 'sepsis-signs', source: 'CTAS2016 cellulitis with systemic signs (SIRS): level II; NICE NG141 cellulitis: admit with sepsis signs; NICE NG51' },
    { id: 'cellulitis-necrotising', all: ['m:skin-pain-out-of-proportion'], level: 2, disposition: 'D2', source: 'CTAS2016 soft-tissue infection with severe pain out of proportion / rapid spread (necrotising fasciitis): level II; NICE NG141' },
    { id: 'cellulitis-face-eye', all: ['m:eye-periorbital|m:skin-face'], level: 2, disposition: 'D2', source: 'NICE NG141 cellulitis near the eye or on the face with systemic features: hospital; CNPED2023 眶周蜂窝织炎' },
  ] },
  { id: 'skin-abscess', system: 'skin', label: { zh: '皮肤脓肿/疖', en: 'skin abscess / boil' }, terms: ['m:skin-abscess'], base: { level: 4, disposition: 'D5' }, department: 'general-surgery', modifiers: [
    { id: 'abscess-systemic-or-risk', all: ['fever|x:high-fever|m:diabetic|m:immunosuppressed|m:skin-face|m:skin-spreading'], level: 3, disposition: 'D4', source: 'CTAS2016 localised swelling / abscess with fever, diabetes or immunosuppression: level III; 浅部软组织感染' },
  ] },
  { id: 'shingles', system: 'skin', label: { zh: '带状疱疹', en: 'shingles' }, terms: ['x:shingles', 'm:skin-zoster'], base: { level: 4, disposition: 'D5' }, department: 'dermatology', modifiers: [
    { id: 'shingles-ophthalmic', all: ['m:skin-zoster-eye|m:eye-red|x:eye|x:blurred|x:photophobia'], level: 3, disposition: 'D4', source: 'NICE CKS shingles: herpes zoster ophthalmicus (forehead, tip of the nose, red eye) — same-day ophthalmology; CTAS2016 level III' },
    { id: 'shingles-immunosuppressed', all: ['m:immunosuppressed|m:skin-low-wbc'], level: 3, disposition: 'D4', source: 'NICE CKS shingles: immunocompromised people need same-day assessment for antivirals / admission; CN2018 level 3' },
  ] },
  { id: 'severe-drug-reaction', system: 'skin', label: { zh: '重症药疹（黏膜受累）', en: 'severe drug rash (mucosal involvement)' }, terms: ['m:skin-mucosal', 'm:skin-peeling'], base: null, department: 'dermatology', modifiers: [
    { id: 'sjs-ten', all: ['rash|x:allergen|fever|m:skin-peeling|m:skin-mucosal', 'm:skin-mucosal|m:skin-peeling', 'rash|m:skin-blisters|m:skin-peeling'], level: 2, disposition: 'D2', source: 'CTAS2016 rash with mucosal involvement / skin sloughing (SJS / TEN): level II; 中国重症多形红斑 (SJS/TEN) 诊疗专家共识 2021' },
  ] },
  { id: 'drug-rash', system: 'skin', label: { zh: '药物过敏皮疹', en: 'rash after a new medicine' }, terms: ['m:skin-drug-rash'], base: { level: 3, disposition: 'D4' }, department: 'dermatology', modifiers: [] },
  { id: 'impetigo', system: 'skin', label: { zh: '脓疱疮', en: 'impetigo' }, terms: ['m:skin-impetigo'], base: { level: 4, disposition: 'D5' }, department: 'dermatology', modifiers: [] },
  { id: 'mole-change', system: 'skin', label: { zh: '痣的变化', en: 'changing mole' }, terms: ['m:skin-mole'], base: { level: 4, disposition: 'D6' }, department: 'dermatology', modifiers: [
    { id: 'mole-suspicious', all: ['m:skin-mole-change'], level: 4, disposition: 'D5', source: 'NICE NG12 suspected melanoma (weighted 7-point checklist: change in size, shape or colour): 2-week pathway' },
  ] },
  { id: 'chronic-rash', system: 'skin', label: { zh: '慢性皮肤病（银屑病/湿疹）', en: 'chronic skin condition (psoriasis, eczema)' }, terms: ['m:skin-chronic'], base: { level: 4, disposition: 'D6' }, department: 'dermatology', modifiers: [
    { id: 'eczema-infected-or-erythroderma', all: ['m:skin-eczema-herpeticum|m:skin-whole-body'], level: 3, disposition: 'D4', source: 'NICE CKS eczema herpeticum / erythroderma: same-day referral; CTAS2016 rash, widespread with systemic features: level III' },
  ] },
  { id: 'spontaneous-bruising', system: 'skin', label: { zh: '不明原因淤青/出血点', en: 'spontaneous bruising' }, terms: ['m:skin-bruising'], base: { level: 3, disposition: 'D4' }, department: null, modifiers: [
    { id: 'bruising-with-bleeding-or-fever', all: ['fever|x:high-fever|x:bleeding|m:dental-bleed|x:nosebleed|m:anticoagulant|m:immunosuppressed|fatigue'], level: 2, disposition: 'D2', source: 'CTAS2016 spontaneous bruising with bleeding or fever (possible leukaemia / thrombocytopenia / over-anticoagulation): level II-III; NICE NG12 (unexplained bruising in a child: very urgent blood count)' },
  ] },
  { id: 'body-fluid-exposure', system: 'skin', label: { zh: '血液体液职业暴露/针刺伤', en: 'blood and body fluid exposure' }, terms: ['m:skin-needlestick'], base: { level: 3, disposition: 'D2' }, department: 'infectious-disease', modifiers: [] },
  { id: 'nappy-rash', system: 'skin', label: { zh: '尿布疹', en: 'nappy rash' }, terms: ['m:skin-nappy'], base: null, department: 'pediatrics', modifiers: [
    { id: 'nappy-rash-candida', all: ['m:skin-satellite'], level: 4, disposition: 'D5', source: 'NICE CKS nappy rash: candidal infection (satellite lesions) needs a topical imidazole, review in days; CTAS2016 level V' },
    { id: 'nappy-rash-fever-or-blisters', all: ['fever|x:high-fever|m:skin-blisters|x:lethargic'], level: 3, disposition: 'D4', source: 'NICE CKS nappy rash: fever, blisters or an unwell baby (bullous impetigo, staphylococcal infection): same-day' },
  ] },
  // Familiar minor skin complaints (CTAS V / China level 4).
  { id: 'hives-settling', system: 'skin', label: { zh: '已在消退的荨麻疹', en: 'hives already settling' }, terms: ['m:skin-hives'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:skin-fading|m:skin-antihistamine|x:improving'], modifiers: [] },
  { id: 'pruritus-generalised', system: 'skin', label: { zh: '全身瘙痒（无皮疹）', en: 'itching all over' }, terms: ['m:skin-itch-all'], base: { level: 4, disposition: 'D6' }, department: 'dermatology', modifiers: [] },
  { id: 'scabies', system: 'skin', label: { zh: '疥疮', en: 'scabies' }, terms: ['m:skin-scabies'], base: { level: 4, disposition: 'D5' }, department: 'dermatology', modifiers: [] },
  { id: 'human-bite', system: 'skin', label: { zh: '人咬伤', en: 'human bite' }, terms: ['m:skin-human-bite'], base: { level: 3, disposition: 'D4' }, department: 'general-surgery', modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:skin-cellulitis': ['(?:周围|那一圈|一圈|一片|一大片|四周|附近|伤口边上)(?:都)?(?:红|发红|红肿)(?:了)?(?:一大片|一片|一圈)?', '红(?:了)?(?:一大片|一圈|一大圈)', '(?:红|红肿)(?:的)?(?:范围|那片|那块)?(?:比昨天)?(?:又)?(?:大了|扩大|扩散|越来越大|蔓延|往外扩|长出去)', '画了(?:个)?(?:圈|线)', '蜂窝织炎', '丹毒'],
    'm:skin-pain-out-of-proportion': ['!疼得(?:要命|受不了|不行)(?:但是|可)?(?:看着|外面)?(?:不怎么|不太)?(?:红|肿)', '(?:发黑|发紫|起血泡|皮肤坏死)', '(?:一小时|几个小时)(?:就)?(?:扩|蔓延|大)'],
    'm:skin-face': ['(?:脸|面部|鼻子|嘴唇|眼睛)(?:上|周围|旁边)'],
    'm:skin-abscess': ['疖(?:子|肿)?', '(?:长|起)(?:了)?(?:个|一个)?(?:大)?(?:脓包|脓疱|疔|疮)', '(?:包|疙瘩)(?:里)?(?:有|化|流)(?:了)?脓', '脓肿'],
    'm:skin-spreading': ['(?:越来越大|扩散|蔓延|比昨天大)'],
    'm:skin-zoster': ['带状(?:分布|排列)?(?:的)?(?:小)?(?:水疱|水泡|疱疹|泡)', '(?:一串|一簇|一簇簇|一片|一条|一圈)(?:带状的|的)?(?:小)?(?:水疱|水泡|疱疹)', '(?:水疱|水泡)[^不没无未，。,.;；!?！？]{0,12}(?:带状|一条|沿着肋骨|一边)', '带状疱疹', '蛇(?:盘|缠)(?:疮|腰)', '缠腰(?:龙|蛇|火丹)', '生蛇', '飞蛇'],
    'm:skin-zoster-eye': ['(?:额头|脑门|眼睛周围|眼皮|鼻尖|鼻子尖)(?:上)?[^不没无未，。,.;；!?！？]{0,6}(?:水疱|水泡|疱疹|疹子)', '(?:水疱|水泡|疱疹)[^不没无未，。,.;；!?！？]{0,6}(?:额头|眼睛|鼻尖|眼皮)'],
    'm:skin-low-wbc': ['白细胞(?:才|只有)?(?:低|少|[一二三]点|[0-3]\\.)', '化疗(?:中|期间)', '淋巴瘤', '白血病'],
    'm:skin-mucosal': [ "(?:嘴|嘴巴|口腔|嘴唇)(?:里面?|里头)?(?:全|都)?(?:烂了|烂|溃烂|起泡|糜烂)",'(?:嘴里|口腔|嘴唇|嘴巴)(?:里)?(?:也)?(?:都)?(?:起泡|溃烂|烂了|破了|脱皮)', '!(?:眼睛|眼)(?:也)?(?:红|烂|睁不开)[^不没无未，。,.;；!?！？]{0,6}(?:疹|皮疹|起泡)', '(?:下面|私处|生殖器)(?:也)?(?:破|烂|溃烂)'],
    'm:skin-peeling': [ "皮(?:一碰|一蹭|一擦|一摸|一搓)(?:就)?(?:掉|脱|破|起来)", "(?:大片|成片)?(?:的)?(?:皮)(?:都)?(?:脱|掉)(?:了|下来)",'(?:大片|成片|一片一片)(?:的)?(?:脱皮|皮肤脱落|掉皮)', '皮(?:一碰就|一擦就)(?:掉|破)', '表皮(?:剥脱|松解)'],
    'm:skin-blisters': ['(?:水疱|水泡|大泡|血泡)'],
    'm:skin-drug-rash': ['(?:吃|用|打|输|服)(?:了)?(?:新|这个|那个)?(?:的)?(?:药|阿莫西林|头孢|青霉素|抗生素|消炎药|布洛芬|别嘌醇|卡马西平|拉莫三嗪|磺胺)[^不没无未，。,.;；!?！？]{0,24}(?:起|出|长)(?:了)?(?:好多|很多|一片|一身)?(?:的)?(?:疹子|红疹|皮疹|红疙瘩|疙瘩|风团|红点|红斑)'],
    'm:skin-impetigo': ['脓疱疮', '黄水疮', '(?:黄色|蜂蜜色|金黄色)(?:的)?(?:痂|结痂|壳)', '结(?:了)?(?:黄|蜜)(?:色)?(?:的)?痂'],
    'm:skin-mole': ['痣', '黑痣', '色素痣'],
    'm:skin-mole-change': ['!(?:变大|长大|大了|变黑|颜色(?:变|不均|深浅不一)|边(?:缘)?(?:不齐|不规则|模糊)|出血|流血|破了|痒|凸起来|长得快)'],
    'm:skin-chronic': ['银屑病', '牛皮癣', '湿疹', '特应性皮炎', '鱼鳞病', '白癜风'],
    'm:skin-eczema-herpeticum': ['湿疹[^不没无未，。,.;；!?！？]{0,12}(?:小水泡|水疱|破了流水|结痂)[^不没无未，。,.;；!?！？]{0,8}(?:发烧|发热|扩散)', '疱疹样湿疹'],
    'm:skin-whole-body': ['(?:全身|浑身)(?:都)?(?:红|发红|脱皮)'],
    'm:skin-bruising': ['!(?:身上|腿上|胳膊上|到处)(?:莫名|无缘无故|不知道怎么|没磕没碰)(?:的)?(?:就)?(?:青|紫|乌青|淤青|青一块紫一块)', '青一块紫一块', '!(?:一碰就|动不动就)(?:青|紫|淤青)', '!不明原因(?:的)?(?:淤青|瘀斑|紫癜)'],
    'm:skin-needlestick': ['针(?:头)?(?:扎|刺)(?:伤|到)(?:了)?(?:手|自己)?', '被(?:用过的|病人(?:用过)?的)?针(?:头)?(?:扎|刺)', '(?:针刺伤|职业暴露)', '(?:病人|患者)(?:的)?(?:血|体液)(?:溅|喷)(?:到|进)'],
    'm:skin-nappy': ['!(?:尿布|纸尿裤|尿不湿)(?:疹|皮炎)', '红屁股', '!(?:屁股|屁屁|腹股沟|大腿根)(?:上)?(?:都)?(?:红|发红|红了|破了|烂了)[^不没无未，。,.;；!?！？]{0,4}(?:尿布|纸尿裤|尿不湿)?', '淹(?:了)?屁股'],
    'm:skin-satellite': ['(?:周围|边上|外面)(?:还)?(?:有)?(?:一些|好多)?(?:散在|零星)?(?:的)?(?:小)?(?:红点|红疹|丘疹)', '卫星(?:灶|病灶|样)'],
    'm:skin-hives': ['风团', '荨麻疹', '风疹块', '(?:一片一片|一块一块)(?:的)?(?:红)?(?:疙瘩|包|风团)', '(?:起|出)(?:了)?(?:好多|很多|一片片)?(?:鼓起来的)?(?:痒)?(?:包|疙瘩)'],
    'm:skin-fading': ['!(?:已经|开始|慢慢)?(?:消|退|淡|下去)(?:了)?(?:一些|一点|不少|好多|很多)', '(?:在)?(?:消退|变淡)'],
    'm:skin-antihistamine': ['(?:吃了|服了)(?:个|片|颗)?(?:抗过敏(?:药)?|氯雷他定|西替利嗪|开瑞坦|仙特明|扑尔敏)'],
    'm:skin-itch-all': ['(?:全身|浑身|身上)(?:都)?(?:痒|发痒|瘙痒)(?:得)?[^不没无未，。,.;；!?！？]{0,6}(?:没有|没起|不见)(?:疹子|包|疙瘩)', '皮肤瘙痒症'],
    'm:skin-scabies': ['疥疮', '(?:手指缝|指缝|手腕|肚脐|腰上)(?:里)?[^不没无未，。,.;；!?！？]{0,6}(?:晚上|夜里)(?:特别|更)?痒', '(?:家里|宿舍)(?:人)?(?:都|也)(?:在)?痒'],
    'm:skin-human-bite': ['被(?:人|孩子|小孩|同学)(?:给)?咬(?:了|伤|破)', '(?:打架|打人)[^不没无未，。,.;；!?！？]{0,6}(?:磕|碰)(?:到|在)(?:了)?(?:对方)?(?:的)?牙(?:齿)?(?:上)?', '人咬伤'],
  },
  en: {
    'm:skin-cellulitis': ['\\bred(?:,)? (?:hot |swollen |angry )?(?:patch|area|skin|streak)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:spreading|bigger|growing|hot|warm)\\b', '\\b(?:spreading|growing) (?:red(?:ness)?|patch)\\b', '\\b(?:past|beyond|over) the (?:pen |marker )?(?:line|mark)\\b', '\\bdrew (?:a )?(?:line |circle |ring )?(?:round|around) (?:it|the red)\\b', '\\bcellulitis\\b', '\\berysipelas\\b', '\\bhot,? (?:red|sore|swollen) and (?:swollen|spreading|sore)\\b'],
    'm:skin-pain-out-of-proportion': ['\\bpain (?:out of proportion|far worse than it looks)\\b', '\\b(?:skin )?(?:going|turning|gone) (?:black|dusky|purple)\\b', '\\bspreading (?:by the hour|really fast|very fast)\\b', '\\bnecrotising\\b', '\\bnec fasc\\b'],
    'm:skin-face': ['\\bon (?:his|her|my|the) (?:face|nose|lip|cheek)\\b'],
    'm:skin-abscess': ['\\babscess\\b', '\\bboils?\\b', '\\bcarbuncle\\b', '\\b(?:lump|spot|bump)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:full of pus|pus|pointing|head on it)\\b'],
    'm:skin-spreading': ['\\bspreading\\b'],
    'm:skin-zoster': ['\\b(?:band|strip|belt|line|clusters?|clumps?) of (?:little |small |tiny )?blisters\\b', '\\bblisters? in (?:a band|clumps|clusters|a strip|a line)\\b', '\\bblisters?\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:one side|in a band|going round|wrapping round)\\b', '\\bzoster\\b', '\\bshingles\\b'],
    'm:skin-zoster-eye': ['\\b(?:forehead|tip of (?:the|his|her|my) nose|nose tip|eyelid|around (?:the|his|her|my) eye)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:rash|vesicles|blisters)\\b', '\\b(?:rash|vesicles|blisters)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:forehead|tip of the nose|eyelid)\\b', '\\bhutchinson\\w*\\b', '\\bophthalmicus\\b', '\\bhzo\\b'],
    'm:skin-low-wbc': ['\\b(?:low|dropping) (?:white (?:cell|count)|neutrophils?)\\b', '\\blymphoma\\b', '\\bleuk(?:a)?emia\\b', '\\bon chemo\\b'],
    'm:skin-mucosal': ['\\b(?:blisters|sores|ulcers|peeling)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:in|inside|on) (?:his|her|my|the) (?:mouth|lips|eyes|genitals)\\b', '\\b(?:mouth|lips) (?:are |is )?(?:all )?(?:blistered|raw|peeling|crusted)\\b', '\\bmucosal\\b', '\\bsjs\\b', '\\bstevens[- ]johnson\\b', '\\bten\\b(?= (?:suspected|possible))'],
    'm:skin-peeling': ['\\bskin (?:is )?(?:peeling|coming|sloughing) off\\b', '\\bsheets of skin\\b', '\\bnikolsky\\b'],
    'm:skin-blisters': ['\\bblisters?\\b', '\\bbullae\\b', '\\bblistering\\b'],
    'm:skin-drug-rash': ['\\b(?:started|starting|began|on|taking|took) (?:on )?(?:a new |the new |some )?(?:\\w+cillin|antibiotics?|amoxicillin|co-?amoxiclav|cefalexin|septrin|allopurinol|carbamazepine|lamotrigine|tablets?|medicine|drug)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z0-9 ,.\'-]){0,80}\\b(?:rash|hives|spots|blotches|welts)\\b'],
    'm:skin-impetigo': ['\\bhoney[- ]colou?r(?:ed)?\\b', '\\bgolden crust\\w*\\b', '\\bcrust(?:y|ed) (?:yellow )?sores\\b', '\\bimpetigo\\b', '\\bschool sores\\b'],
    'm:skin-mole': ['\\bmoles?\\b', '\\bbirthmark\\b', '\\bfreckle\\b', '\\bnaevus\\b', '\\bnevus\\b'],
    'm:skin-mole-change': ['\\b(?:bigger|darker|grown|growing|changed|changing|uneven|irregular|two colou?rs|itch(?:y|ing)|bleed(?:s|ing)?|raised)\\b'],
    'm:skin-chronic': ['\\bpsoriasis\\b', '\\beczema\\b', '\\batopic dermatitis\\b', '\\bplaques?\\b', '\\bvitiligo\\b'],
    'm:skin-eczema-herpeticum': ['\\beczema\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:punched[- ]out|weeping|blisters|cold sores?)\\b', '\\beczema herpeticum\\b'],
    'm:skin-whole-body': ['\\b(?:whole body|all over (?:his|her|my) body|from head to toe)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,15}\\b(?:red|peeling)\\b', '\\berythroderm\\w*\\b'],
    'm:skin-bruising': ['\\bbruis(?:es|ing)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:for no reason|out of nowhere|without (?:knocking|bumping|hitting)|all over|easily)\\b', '\\bunexplained bruis\\w*\\b', '\\bbruises? (?:appearing|coming up)\\b', '\\beasy bruising\\b'],
    'm:skin-needlestick': ['\\bneedle ?stick\\b', '\\bsharps injury\\b', '\\b(?:stabbed|pricked|jabbed) (?:myself|himself|herself) with a (?:used )?needle\\b', '\\b(?:used|dirty) needle\\b', '\\b(?:blood|body fluid)s? (?:splash|exposure)\\b', '\\bsplashed with (?:a )?patient\'?s? blood\\b'],
    'm:skin-nappy': ['\\bnappy rash\\b', '\\bdiaper rash\\b', '\\bnappy area\\b', '\\bred (?:raw )?bottom\\b'],
    'm:skin-satellite': ['\\bsatellite\\b', '\\b(?:little|small) (?:red )?spots (?:beyond|outside|around) the (?:edge|main)\\b', '\\bskin folds\\b'],
    'm:skin-hives': ['\\bhives\\b', '\\burticaria\\b', '\\b(?:itchy )?(?:raised|red) (?:itchy )?(?:blotches|welts|wheals|bumps|lumps)\\b', '\\bwelts\\b', '\\bwheals?\\b', '\\bnettle rash\\b'],
    'm:skin-fading': ['\\b(?:already )?(?:fading|going down|settling|calming down|disappearing)\\b', '\\b(?:faded|gone down|settled) (?:a bit|a lot|already)\\b'],
    'm:skin-antihistamine': ['\\b(?:took|taken|had|given) (?:an |some )?(?:antihistamines?|piriton|cetirizine|loratadine|fexofenadine|benadryl|zyrtec|claritin)\\b'],
    'm:skin-itch-all': ['\\bitch(?:y|ing) all over\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:no rash|nothing to see|skin looks normal)\\b', '\\bgenerali[sz]ed (?:itch|pruritus)\\b', '\\bpruritus\\b'],
    'm:skin-scabies': ['\\bscabies\\b', '\\bburrows\\b', '\\bitch(?:y|ing)?\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\bbetween (?:my|his|her|the) fingers\\b', '\\b(?:whole|the whole) (?:family|house|household) (?:is )?(?:itching|itchy)\\b'],
    'm:skin-human-bite': ['\\bhuman bite\\b', '\\bbitten by (?:a|another) (?:child|kid|person|man|woman|pupil)\\b', '\\bfight bite\\b', '\\bpunched (?:someone|him|her|a guy) in the (?:mouth|teeth)\\b', '\\bcut (?:my|his|her) knuckles? on (?:his|her|someone\u0027s) teeth\\b'],
  },
};
