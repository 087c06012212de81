/**
 * CEDIS system "general-minor": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 general & minor list): infection symptoms in an
 * immunosuppressed person without fever (transplant, chemotherapy; tacrolimus with diarrhoea),
 * fever in a returned traveller (malaria), exposure to a communicable disease (HIV post-exposure
 * prophylaxis), new general weakness in an older person, long-standing tiredness, a request for
 * a check-up, abnormal lab values, dressing change / suture removal, a medical device problem,
 * and a low blood pressure that is usual for the person (benign). Fever when immunosuppressed
 * lives in complaints.ts; the common cold row is the respiratory helper's.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

export const COMPLAINTS: Complaint[] = [
  { id: 'gen-immunosuppressed-infection', system: 'general-minor', label: { zh: '免疫抑制患者感染症状', en: 'infection symptoms when immunosuppressed' }, terms: ['m:immunosuppressed', 'm:gen-transplant'], base: null, department: null, modifiers: [
    { id: 'immunosuppressed-diarrhoea-dehydration', all: ['diarrhea|nausea-vomiting|x:cant-keep-fluids', 'reduced-urine|x:dehydration|m:gen-drug-level|x:cant-keep-fluids|dizziness'], level: 3, disposition: 'D4', source: `${CTAS} immunocompromised modifier; KDIGO 2009 transplant recipient care: diarrhoea or vomiting raises tacrolimus / ciclosporin levels and risks acute kidney injury -> same-day levels and creatinine` },
    { id: 'immunosuppressed-infection-symptoms', all: ['x:cold|x:sore-throat|x:nose|cough|diarrhea|nausea-vomiting|m:gen-cold-symptoms|x:urinary|wound-redness|rash'], level: 3, disposition: 'D4', source: `${CTAS} immunocompromised patient with symptoms of infection, even afebrile: level III (blunted fever response); NICE NG151 / transplant-unit advice: contact the team the same day` },
  ] },
  { id: 'gen-returned-traveller', system: 'general-minor', label: { zh: '境外旅行回国后发热', en: 'fever after travel (possible malaria)' }, terms: ['m:gen-travel'], base: null, department: 'infectious-disease', modifiers: [
    { id: 'traveller-fever', all: ['fever|x:high-fever|x:chills'], level: 3, disposition: 'D2', source: `${CTAS} fever in a returned traveller from a malaria area: level II-III; UKHSA / WHO malaria guidance: same-day blood film (falciparum can kill within 24 h); ${CN}` },
  ] },
  { id: 'gen-pep', system: 'general-minor', label: { zh: 'HIV/血液暴露', en: 'exposure needing post-exposure prophylaxis' }, terms: ['m:gen-exposure'], base: { level: 3, disposition: 'D2' }, department: 'infectious-disease', modifiers: [] },
  { id: 'gen-elderly-weakness', system: 'general-minor', label: { zh: '老人新近全身无力', en: 'new general weakness in an older person' }, terms: ['m:gen-weak-all-over'], base: null, department: 'general-medicine', modifiers: [
    { id: 'elderly-new-weakness', all: ['x:old', 'm:gen-recent|x:sudden|m:sudden'], level: 3, disposition: 'D4', source: `${CTAS} generalized weakness in an older adult, new (infection, electrolytes, ACS, stroke mimics): level III; ${CN}` },
  ] },
  { id: 'gen-tiredness-long', system: 'general-minor', label: { zh: '长期乏力', en: 'tiredness for weeks or months' }, terms: ['fatigue', 'm:gen-tired'], base: null, department: 'general-medicine', modifiers: [
    { id: 'tiredness-for-months', all: ['fatigue|m:gen-tired', 'm:gen-months|x:chronic'], level: 4, disposition: 'D6', source: 'NICE CKS tiredness/fatigue in adults: persistent tiredness for weeks -> routine assessment and blood tests; CTAS2016 level V' },
  ] },
  { id: 'gen-checkup', system: 'general-minor', label: { zh: '体检/全面检查咨询', en: 'wants a check-up' }, terms: ['m:gen-checkup'], base: { level: 4, disposition: 'D6' }, department: 'general-medicine', modifiers: [] },
  { id: 'gen-abnormal-lab', system: 'general-minor', label: { zh: '化验结果异常', en: 'abnormal test result' }, terms: ['m:gen-abnormal-result'], base: { level: 4, disposition: 'D6' }, department: 'general-medicine', modifiers: [] },
  { id: 'gen-wound-care', system: 'general-minor', label: { zh: '换药/拆线', en: 'dressing change or suture removal' }, terms: ['m:gen-wound-care'], base: { level: 4, disposition: 'D6' }, department: 'general-surgery', modifiers: [] },
  { id: 'gen-device-problem', system: 'general-minor', label: { zh: '医疗器械问题', en: 'medical device problem' }, terms: ['m:gen-device'], base: { level: 4, disposition: 'D5' }, department: null, modifiers: [
    { id: 'line-infection', all: ['fever|x:high-fever|x:chills|wound-redness|wound-discharge'], level: 2, disposition: 'D2', source: `${CTAS} central line / port with fever or site infection (line sepsis): level II` },
    { id: 'pacemaker-shock-or-faint', all: ['m:gen-icd-shock|fainting|m:syncope|dizziness|palpitations'], level: 2, disposition: 'D2', source: `${CTAS} implanted defibrillator shock or pacemaker patient with syncope: level II` },
  ] },
  { id: 'gen-low-bp-usual', system: 'general-minor', label: { zh: '一贯偏低的血压', en: 'low blood pressure that is usual for the person' }, terms: ['m:gen-low-bp'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:gen-always|m:usual'], modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:gen-transplant': ['(?:换|移植)(?:过|了)?(?:肾|肝|心|肺|骨髓)', '(?:肾|肝|骨髓|干细胞)移植', '他克莫司', '环孢素', '吗替麦考酚酯', '骁悉'],
    'm:gen-drug-level': ['血药浓度', '(?:他克莫司|环孢素)(?:浓度|谷浓度)'],
    'm:gen-cold-symptoms': ['流(?:清)?鼻涕', '鼻(?:子)?塞', '打喷嚏', '!嗓子(?:疼|痛|不舒服|发干)', '咽(?:喉)?(?:痛|疼)'],
    'm:gen-travel': ['(?:从|去|刚从|去了)(?:非洲|东南亚|南亚|印度|尼日利亚|刚果|安哥拉|赞比亚|坦桑尼亚|肯尼亚|缅甸|柬埔寨|老挝|巴布亚|南美)(?:回来|出差|旅游|打工|务工)?', '疟疾', '(?:外派|援外|出国务工)(?:回来)?'],
    'm:gen-exposure': ['(?:艾滋|hiv)(?:病毒)?(?:暴露|阻断)', '阻断药', '(?:被)?(?:用过的)?针头(?:扎|刺)(?:了|到|伤)', '职业暴露', '高危性行为', '!(?:病人|别人)的血(?:溅|进)(?:到)?(?:眼|嘴|伤口)'],
    'm:gen-weak-all-over': ['!(?:浑身|全身|一点)(?:都)?(?:没劲|没力气|无力|发软|软)', '!(?:起不来床|下不了床|站不起来|走不动路)', '软绵绵', '!(?:人)?没(?:有)?(?:一点)?精神'],
    'm:gen-recent': ['(?:这|最近)(?:两|几|一两|两三)天', '(?:今天|昨天|今早|早上|昨晚)(?:开始|起)?', '突然', '(?:一|两|三)天(?:了|来)'],
    'm:gen-tired': ['老(?:是)?(?:觉得)?累', '(?:睡够了|睡足了|睡了)(?:还是|也)(?:累|乏|困)', '疲(?:劳|乏|惫)'],
    'm:gen-months': ['(?:这|最近)?(?:几|好几|两三|三四|[一二两三四五六七八九十\\d]+)(?:个)?(?:多)?月', '半年', '一年(?:多)?', '(?:好几|几|两三|三四)(?:个)?(?:星期|礼拜|周)'],
    'm:gen-checkup': ['全面(?:的)?检查', '(?:做|查)(?:个|一个|一下)?(?:全身|全面)?体检', '!查查(?:是不是|哪)', '(?:想|要)(?:去)?(?:查一查|检查一下|查一下)'],
    'm:gen-abnormal-result': ['!(?:化验|检查|体检|验血)(?:单|结果|报告)(?:上)?.{0,8}(?:偏高|偏低|异常|箭头|高了|低了|不正常)', '(?:转氨酶|肌酐|尿酸|血脂|胆固醇|白细胞|血小板|血红蛋白)(?:有点|稍微)?(?:偏高|偏低|高|低|异常)'],
    'm:gen-wound-care': ['拆线', '换药', '换(?:个)?(?:纱布|敷料)'],
    'm:gen-device': ['(?:输液港|picc|picc管|中心静脉导管|深静脉置管)', '心脏起搏器', '起搏器', '除颤器', '胰岛素泵'],
    'm:gen-icd-shock': ['(?:除颤器|起搏器)(?:放电|电了我|电击)', '被电了一下'],
    'm:gen-low-bp': ['血压(?:一直|平时|本来)?(?:都)?(?:偏低|低|比较低|就低)', '(?:低压|高压)(?:才|只有)(?:六十|五十|九十)', '体检血压(?:[八九]十|\\d{2})'],
    'm:gen-always': ['(?:平时|一直|从来|向来|一向)(?:都)?(?:这么|这样|就)(?:低)?', '从小(?:就)?'],
  },
  en: {
    'm:gen-transplant': ['\\b(?:kidney|renal|liver|heart|lung|bone marrow|stem cell) transplant\\b', '\\btransplant (?:patient|recipient)\\b', '\\btacrolimus\\b', '\\bciclosporin\\b', '\\bcyclosporine\\b', '\\bmycophenolate\\b', '\\bprograf\\b'],
    'm:gen-drug-level': ['\\b(?:tacrolimus|ciclosporin|drug) levels?\\b', '\\btrough levels?\\b'],
    'm:gen-cold-symptoms': ['\\brunny nose\\b', '\\bsniff(?:ly|les)\\b', '\\bscratchy throat\\b', '\\bsore throat\\b', '\\bblocked nose\\b', '\\bsneez\\w+\\b'],
    'm:gen-travel': ['\\b(?:back|returned|came back|just got back|flew back) from (?:africa|nigeria|ghana|kenya|uganda|tanzania|congo|sierra leone|india|pakistan|bangladesh|southeast asia|thailand|cambodia|vietnam|papua|the amazon|brazil)\\b', '\\b(?:trip|holiday|travel\\w*) (?:to|in) (?:africa|nigeria|ghana|kenya|uganda|tanzania|india|southeast asia)\\b', '\\bmalaria\\b'],
    'm:gen-exposure': ['\\bneedle ?stick\\b', '\\bsharps injury\\b', '\\bpep\\b', '\\bpost[- ]exposure prophylaxis\\b', '\\bexposed to hiv\\b', '\\bcondom (?:split|broke)\\b[a-z ,]{0,30}\\bhiv\\b', '\\bpatient\'?s blood (?:in|into) (?:my|her|his) (?:eye|mouth|cut)\\b'],
    'm:gen-weak-all-over': ['!\\b(?:weak|wobbly|no strength) all over\\b', '\\bgeneral(?:ly|ised|ized)? weak(?:ness)?\\b', "!\\bcan'?t get (?:out of bed|up (?:from|off) (?:the )?(?:chair|bed|floor))\\b", '\\boff (?:his|her) legs\\b', '\\bgone off (?:his|her) legs\\b'],
    'm:gen-recent': ['\\bsince (?:yesterday|this morning|last night|today)\\b', '\\b(?:today|yesterday|this morning|the last (?:day|two days|couple of days|few days))\\b', '\\bsuddenly\\b', '\\bin the last (?:24|48) hours\\b'],
    'm:gen-tired': ['\\btired all the time\\b', '\\bexhausted all the time\\b', '!\\bno energy\\b', '\\bworn out\\b', '\\bfatigued?\\b'],
    'm:gen-months': ['\\bfor (?:about |around |over |nearly )?(?:weeks|months|(?:two|three|four|five|six|several|a few|a couple of|\\d+) (?:weeks|months))\\b', '\\b(?:the last|past) (?:few|couple of|several|\\d+|two|three|four|five|six) (?:weeks|months)\\b', '\\bmonths now\\b'],
    'm:gen-checkup': ['\\b(?:full|general|complete) (?:check[- ]?up|medical|health check|mot|work[- ]?up)\\b', '\\bhealth check\\b', '\\bcheck(?:ed)? over\\b', '\\bget (?:everything|it all) checked\\b'],
    'm:gen-abnormal-result': ['\\b(?:blood )?(?:test|results?|bloods)\\b[a-z ]{0,25}\\b(?:came back|were|was|showed|show)\\b[a-z ]{0,15}\\b(?:high|low|abnormal|raised|borderline|off)\\b', '\\b(?:cholesterol|alt|creatinine|egfr|ferritin|vitamin d|b12|platelets|white count)\\b[a-z ]{0,15}\\b(?:high|low|raised|abnormal)\\b'],
    'm:gen-wound-care': ['\\b(?:stitches|sutures|staples) (?:out|removed|removal|taken out)\\b', '\\bsuture removal\\b', '\\bdressing (?:change|changed)\\b', '\\bchange (?:the|my|his|her) dressing\\b'],
    'm:gen-device': ['\\bpicc(?: line)?\\b', '\\b(?:portacath|port-a-cath|central line|hickman line)\\b', '\\bpacemaker\\b', '\\bicd\\b', '\\bdefibrillator\\b', '\\binsulin pump\\b'],
    'm:gen-icd-shock': ['\\b(?:icd|defibrillator|device) (?:fired|went off|shocked)\\b', '\\bgot a shock from (?:my|his|her) (?:icd|defibrillator|device)\\b'],
    'm:gen-low-bp': ['\\b(?:blood pressure|bp) (?:is |was |runs |has always been |always )?(?:a bit |quite )?low\\b', '\\blow blood pressure\\b', '\\bhypotension\\b'],
    'm:gen-always': ['\\b(?:always|normally|usually) (?:been )?(?:like that|that low|low|runs low)\\b', '\\bsince (?:i was|she was|he was) (?:young|a child|little)\\b'],
  },
};
