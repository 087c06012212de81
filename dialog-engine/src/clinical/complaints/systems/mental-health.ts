/**
 * CEDIS system "mental health": presenting complaints with their second-order modifiers (rows), and
 * the `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The row "suicidal" of ../complaints.ts stays there; the rows here add passive death wishes told
 * in other words, self-harm without suicidal intent, an attempt in progress, psychosis / mania,
 * perinatal mental illness, violent behaviour, and low mood or anxiety where the caller denies
 * any risk (a routine appointment, not within days).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

export const COMPLAINTS: Complaint[] = [
  { id: 'suicidal-passive', system: 'mental-health', label: { zh: '消极厌世念头', en: 'passive death wish' }, terms: ['m:mh-passive'], base: { level: 2, disposition: 'D3' }, department: null, modifiers: [
    { id: 'passive-death-wish', all: [], level: 2, disposition: 'D3', redFlag: 'suicidal', source: 'CTAS2016 depression / suicidal ideation (passive ideation included): level II-III, assessed by a clinician now; CN2018; NICE CG133 / NG225 self-harm (ask directly, same-day risk assessment)' },
  ] },
  { id: 'self-harm', system: 'mental-health', label: { zh: '自伤（割伤等）', en: 'self-harm' }, terms: ['m:mh-self-harm'], base: { level: 2, disposition: 'D3' }, department: null, modifiers: [
    { id: 'self-harm-no-intent', all: [], level: 2, disposition: 'D3', redFlag: 'suicidal', resolvedToo: true, source: 'NICE NG225 self-harm (2022): every act of self-harm, whatever the stated intent, gets a psychosocial assessment; CTAS2016 self-harm level II-III' },
    { id: 'self-harm-wound', all: ['x:deep-cut|x:rf-severe-bleeding|x:wont-stop|wound-bleeding'], level: 2, disposition: 'D2', redFlag: 'suicidal', source: 'CTAS2016 laceration from self-harm, bleeding or deep: level II; NICE NG225' },
  ] },
  { id: 'suicide-attempt-imminent', system: 'mental-health', label: { zh: '正在实施自杀', en: 'suicide attempt in progress' }, terms: ['m:mh-imminent'], base: { level: 1, disposition: 'D1' }, department: null, modifiers: [
    { id: 'at-the-edge', all: [], level: 1, disposition: 'D1', redFlag: 'suicidal', source: 'CTAS2016 suicidal with an act in progress or imminent: level I; CN2018 — call 120 / 110 now' },
  ] },
  { id: 'psychosis', system: 'mental-health', label: { zh: '精神病性症状/躁狂', en: 'hallucinations, delusions or mania' }, terms: ['x:psychosis', 'm:mh-psychosis'], base: { level: 3, disposition: 'D3' }, department: 'psychiatry', modifiers: [
    { id: 'psychosis-acute', all: ['x:psychosis|m:mh-psychosis'], level: 3, disposition: 'D3', source: 'CTAS2016 bizarre behaviour / hallucinations / delusions, new or worse: level II-III (urgent mental-health assessment); CN2018; NICE CG178 (first episode or relapse: crisis team)' },
    { id: 'violent-with-weapon', all: ['m:mh-violent'], level: 2, disposition: 'D1', source: 'CTAS2016 violent / homicidal behaviour: level II (immediate safety: 110 / 120)' },
  ] },
  { id: 'violent-behaviour', system: 'mental-health', label: { zh: '暴力/伤人行为', en: 'violent or homicidal behaviour' }, terms: ['m:mh-violent'], base: { level: 2, disposition: 'D1' }, department: null, modifiers: [] },
  { id: 'perinatal-mental-health', system: 'mental-health', label: { zh: '产后情绪问题', en: 'perinatal mental illness' }, terms: ['m:mh-postnatal'], base: null, department: 'psychiatry', modifiers: [
    { id: 'postnatal-death-wish', all: ['m:mh-passive|suicidal-thoughts|x:rf-suicidal'], level: 2, disposition: 'D3', redFlag: 'suicidal', source: 'NICE CG192 / NG225: thoughts of death or self-harm after birth — urgent assessment the same day; CTAS2016 level II' },
    { id: 'postnatal-harm-thoughts', all: ['m:mh-intrusive|m:mh-incompetent'], level: 2, disposition: 'D3', source: 'NICE CG192 antenatal and postnatal mental health: new thoughts of self-harm or of being an incompetent mother, or estrangement from the infant — urgent assessment; CTAS2016 level II-III' },
    { id: 'postnatal-low-mood', all: ['low-mood|m:mh-crying|insomnia|x:anxiety'], level: 3, disposition: 'D4', source: 'NICE CG192: a new or worsening mood disorder after birth is assessed promptly (same day when it is severe or escalating)' },
  ] },
  { id: 'situational-stress', system: 'mental-health', label: { zh: '考试/工作压力（否认其他）', en: 'situational stress, otherwise well' }, terms: ['m:mh-situational'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:mh-okay-otherwise|m:mh-denies-risk'], modifiers: [] },
  { id: 'low-mood-no-risk', system: 'mental-health', label: { zh: '情绪低落/焦虑（否认风险）', en: 'low mood or anxiety, no risk' }, terms: ['low-mood', 'x:anxiety', 'm:mh-mood'], base: { level: 4, disposition: 'D6' }, department: 'psychiatry', benign: true, benignIf: ['m:mh-denies-risk'], modifiers: [] },
  { id: 'situational-crisis', system: 'mental-health', label: { zh: '急性情绪危机', en: 'situational crisis' }, terms: ['m:mh-crisis'], base: { level: 3, disposition: 'D3' }, department: 'psychiatry', modifiers: [] },
  { id: 'eating-disorder', system: 'mental-health', label: { zh: '进食障碍', en: 'eating disorder' }, terms: ['m:mh-eating'], base: { level: 4, disposition: 'D6' }, department: 'psychiatry', modifiers: [
    { id: 'eating-disorder-medical-risk', all: ['fainting|m:syncope|dizziness|palpitations|m:mh-very-thin|x:lethargic|chest-pain'], level: 3, disposition: 'D4', source: 'NICE NG69 eating disorders (MARSIPAN / MEED 2022): fainting, palpitations or very low weight need same-day medical assessment; CTAS2016 level III' },
  ] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:mh-passive': [
      '!(?:没有我|没了我|我不在了?|少了我)(?:的话)?[^不没无未，。,.;；!?！？]{0,8}(?:更好|会更好|过得更好|好过|轻松)',
      '死了(?:就)?(?:轻松|解脱|好了|清净|一了百了)(?:了)?',
      '!活着(?:挺|真|也|太|都|实在)没(?:什么|啥)?(?:意思|劲|盼头|意义)',
      '!(?:不想|不愿意?)(?:再)?醒(?:过来)?', '!睡(?:着|过去)(?:了)?(?:就)?(?:别|不要|不)(?:再)?醒',
      '(?:消失|走了)(?:算了|就好了|大家都轻松)', '想(?:着)?(?:跳下去|一了百了)',
    ],
    'm:mh-self-harm': ['(?:手臂|胳膊|手腕|大腿|手上)(?:上)?(?:有)?(?:好几|几|很多|一些|新的)?(?:道|条)?(?:新的)?(?:割痕|划痕|刀痕|割伤|伤痕|口子)', '(?:割|划)(?:了)?(?:自己|手腕|胳膊|手臂|大腿)', '用(?:刀|刀片|小刀|圆规)(?:片)?(?:割|划)', '自残', '自伤', '(?:烫|烧)(?:自己)', '拿头撞墙'],
    'm:mh-imminent': ['(?:正|现在|此刻|这会儿)(?:站|坐|爬)?在(?:阳台|楼顶|天台|桥上|窗台|河边|江边|楼顶边)(?:上)?[^不没无未，。,.;；!?！？]{0,12}(?:要跳|说要跳|想跳|跳下去)', '(?:说|喊|闹)着?要(?:跳楼|跳河|跳下去|寻死|上吊)'],
    'm:mh-psychosis': ['(?:装|安)(?:了)?(?:窃听器|摄像头|监控|定位)', '(?:派人|有人)(?:跟踪|监视|监听|害|下毒)(?:她|他|我)?', '(?:跟踪|监视|监听)(?:她|他|我)', '(?:电视|广播|收音机|手机)(?:里)?(?:的人)?[^不没无未，。,.;；!?！？]{0,6}(?:在)?(?:跟|给|对)(?:他|她|我)(?:说话|发(?:信号|消息)|传(?:信号|消息))', '(?:把)?(?:窗户|窗帘)(?:全|都)?(?:用报纸|用锡纸)?(?:糊|封|挡)(?:上|住|起来)', '!(?:好几|三|两|四|几)天(?:都)?没(?:怎么)?(?:睡|合眼)[^不没无未，。,.;；!?！？]{0,16}(?:说个不停|话特别多|兴奋|停不下来|到处跑|乱花钱)', '(?:停|断)(?:了)?(?:抗精神病|精神科|奥氮平|利培酮|喹硫平|阿立哌唑|氯氮平)(?:的)?(?:药)?', '精神分裂(?:症)?(?:复发|又犯)', '胡言乱语', '自言自语', '疑神疑鬼', '(?:躁狂|发躁)'],
    'm:mh-violent': [ "(?:拿|举|挥|握|提)(?:着)?(?:刀|菜刀|斧头|剪刀|砍刀|水果刀)[^。]{0,16}(?:砍|杀|捅|比划|乱挥)", "(?:谁|见人)(?:进来|过来|靠近|敢)?(?:就)?(?:砍|杀|捅)(?:谁|死谁)?",'(?:拿|举|挥)(?:着)?(?:刀|菜刀|斧头|棍子|砖头|剪刀)[^不没无未，。,.;；!?！？]{0,8}(?:砍|打|追|威胁|吓唬|要杀)', '(?:要|扬言|说要)(?:杀|砍|弄死)(?:人|我|他|她|全家|我们)', '(?:把)?(?:家里|东西)(?:全)?(?:砸|打)(?:了|烂)(?:个遍)?(?:还要打人)?'],
    'm:mh-postnatal': ['产后', '生完(?:孩子|宝宝|小孩|老二)', '坐月子', '月子里', '刚生(?:完|了)(?:孩子|宝宝)?', '(?:孩子|宝宝)(?:刚)?(?:出生|生下来)(?:才|刚)?(?:[一二两三四五六七八九十几\\d]+)(?:天|周|个星期|个礼拜|个月)'],
    'm:mh-intrusive': ['(?:脑子里|脑海里|老是|总是)(?:冒出|出现|想到|浮现)[^不没无未，。,.;；!?！？]{0,10}(?:孩子|宝宝)[^不没无未，。,.;；!?！？]{0,8}(?:出事|摔|掉|伤|死)', '(?:伤害|掐|摔)(?:孩子|宝宝)的(?:念头|想法|画面)', '(?:怕|担心)(?:自己)?(?:会)?(?:伤害|摔|掐)(?:到)?(?:孩子|宝宝)'],
    'm:mh-incompetent': ['!(?:照顾|带)不好(?:孩子|宝宝)', '!(?:不配|不是个好)(?:当)?(?:妈妈|母亲)', '!(?:孩子|宝宝)(?:没有我|没了我)[^不没无未，。,.;；!?！？]{0,8}(?:更好|好过)'],
    'm:mh-crying': ['(?:一直|老是|天天|总是|整天)(?:在)?哭', '!(?:动不动|忍不住)(?:就)?(?:哭|掉眼泪)'],
    'm:mh-mood': ['!(?:心情|情绪)(?:一直|很|特别)?(?:低落|不好|差|低沉)', '!(?:提不起|没有)(?:劲|兴趣|精神)', '(?:焦虑|紧张|惊恐|恐慌)(?:症|障碍|发作)?'],
    'm:mh-situational': ['(?:考试|高考|中考|期末|考研|答辩|面试|赶工|项目)(?:快到了|要到了|前|压力)', '(?:考试|工作|学习)压力(?:太|很|特别)?大'],
    'm:mh-okay-otherwise': ['(?:别的|其他|其它)(?:都|也)?(?:还|挺)?(?:好|行|正常)', '就是(?:有点)?(?:紧张|压力大|焦虑)'],
    'm:mh-denies-risk': ['(?:还能|还)(?:撑得住|扛得住|应付)', '!(?:那倒|倒是|倒也|这个倒|那个倒)(?:是)?没(?:有)?(?:想过)?(?![\u4e00-\u9fff]{0,2}(?:疼|痛|晕|喘|吐|烧))', '(?:想|要)(?:挂|看|约)(?:个|一下)?(?:心理|精神)(?:科|医生|门诊)', '(?:还|照常|正常|照样|每天)(?:在)?(?:上班|工作|上学)'],
    'm:mh-crisis': ['(?:整个人|我)(?:都|快|要)?(?:崩溃|垮)了', '(?:快|要)(?:撑|扛)不(?:住|下去)了', '(?:就是)?想(?:找(?:个)?人|有人)(?:说说话|聊聊|陪我说说)', '!(?:不知道|不晓得)(?:该)?(?:跟|找)谁(?:说|讲)'],
    'm:mh-eating': ['厌食(?:症)?', '(?:吃完|吃了)(?:饭|东西)?(?:就)?(?:去)?(?:抠|扣)(?:喉咙|嗓子)(?:吐)?', '催吐', '暴食', '(?:怕胖|减肥)[^不没无未，。,.;；!?！？]{0,8}(?:不吃饭|几乎不吃|只吃一点|吃了就吐)'],
    'm:mh-very-thin': ['(?:瘦得|瘦成)(?:皮包骨|只剩|像)', '(?:体重|才|只有)(?:[三四]十|[3-4]\\d)(?:几)?(?:斤|公斤)'],
  },
  en: {
    'm:mh-passive': [
      '\\bbetter off without (?:me|her|him|them)\\b', "!\\b(?:easier|better) if i (?:wasn'?t|weren'?t|was not|were not) (?:here|around|alive)\\b", "!\\b(?:don'?t|do not|doesn'?t|didn'?t) care if (?:i|he|she) (?:wake|wakes|woke) up\\b", "!\\b(?:don'?t|do not|doesn'?t) care if (?:i|he|she) (?:die|dies|live|lives)\\b",
      '\\bwish (?:i|he|she) (?:was|were|could be) (?:dead|gone)\\b', "\\bwish (?:i|he|she) (?:could )?(?:just )?(?:disappear|not wake up|didn'?t wake up)\\b", '\\bbetter off dead\\b', "!\\b(?:don'?t|do not|doesn'?t|can'?t) see (?:much |the |any )?point (?:in (?:anything|living|going on|life)|anymore|any more)\\b", '\\bno point (?:in )?(?:living|going on|anything)\\b',
      '\\bthought (?:about|of) (?:the )?(?:pills|tablets|ending it|not being here)\\b',
    ],
    'm:mh-self-harm': ['\\b(?:cuts?|scratches|scars|burns) on (?:her|his|my|their) (?:fore)?arms?\\b', '\\b(?:superficial |fresh |new )?cuts? on (?:her|his|my|their) (?:fore)?(?:arms?|wrists?|thighs?|legs?)\\b', '\\b(?:been )?cutting (?:herself|himself|myself|themselves|her arms|his arms|my arms)\\b', '\\bself[- ]harm\\w*\\b', '\\b(?:burning|hurting|hitting) (?:herself|himself|myself) (?:on purpose|to cope)\\b', '\\bcut (?:herself|himself|myself) (?:on purpose|deliberately|to cope)\\b', '\\bdid it to cope\\b'],
    'm:mh-imminent': ["\\b(?:is|he'?s|she'?s|i'?m|am|standing|sitting) (?:out )?on (?:the|his|her|my|a) (?:[a-z0-9-]+ )?(?:balcony|roof|rooftop|ledge|bridge|window ?sill|railway line|train tracks)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,']){0,40}\\b(?:jump|end it|kill)", "\\b(?:saying|says|threatening) (?:he|she|they)(?:'s| is| are)? (?:going|gonna) to jump\\b", '\\bthreatening to jump\\b', '\\bgoing to jump\\b'],
    'm:mh-psychosis': ['\\bpeople on (?:the )?(?:tv|television|radio)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:messages|talking to|signals)\\b', '\\bsending (?:him|her|me|them) (?:messages|signals)\\b', '\\blistening through the walls?\\b', '\\b(?:bugged|bugging|spying on|following|poisoning|watching) (?:him|her|me|them|his|her|my)\\b', '\\bmore suspicious\\b', '\\bsuspicious of\\b', '\\btalking non-?stop\\b', "!\\b(?:hasn'?t|has not|haven'?t) slept (?:for )?(?:about )?(?:two|three|four|several|\\d) (?:days|nights)\\b", '\\bstopped (?:taking )?(?:his|her|my|their) (?:olanzapine|risperidone|quetiapine|aripiprazole|clozapine|lithium|antipsychotics?|depot)\\b', '\\bpsychos[ie]s\\b', '\\bpsychotic\\b', '\\bmanic\\b', '\\bmania\\b', '\\bdelusion\\w*\\b', '\\bvoices (?:telling|in (?:his|her|my) head)\\b'],
    'm:mh-violent': ['\\b(?:with|waving|holding|grabbed) a (?:knife|machete|axe|hammer|weapon|bat)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:threaten\\w*|chasing|attack\\w*|hurt|kill)\\b', "\\b(?:threatening|says he'?ll|says she'?ll|going) to (?:kill|stab|hurt) (?:us|me|someone|his|her|people)\\b", '\\bhomicidal\\b', '\\bsmashing (?:the place|everything|things) up\\b'],
    'm:mh-postnatal': ['\\bsince (?:i|she) had (?:my|her|the) baby\\b', '\\bpost[- ]?natal(?:ly)?\\b', '\\bpostpartum\\b', '\\bday (?:\\w+|\\d+) (?:post[- ]?natal|after (?:the )?(?:birth|delivery))\\b', '\\b(?:weeks?|days?) (?:after|since) (?:having|giving birth|the birth|delivery|i had)\\b', '\\bnew (?:mum|mom|mother)\\b', '\\b(?:had|gave birth to) (?:the |my |her |our )?baby\\b'],
    'm:mh-intrusive': ['\\b(?:horrible|awful|scary|intrusive) (?:pictures|thoughts|images)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:happening to|harm|hurt|dropping)\\b', '\\bthoughts of (?:harming|hurting) (?:the|my|her) baby\\b', '\\bintrusive thoughts\\b'],
    'm:mh-incompetent': ["!\\b(?:can'?t|cannot|not able to) (?:look after|cope with|care for) (?:the|my|her) baby\\b", '\\b(?:bad|terrible|useless|failing as a) (?:mum|mom|mother)\\b', '\\bbaby would be better off without (?:me|her)\\b'],
    'm:mh-crying': ['\\bcry(?:ing)? all the time\\b', '\\b(?:keeps|constantly|always) crying\\b', '\\btearful\\b', "!\\bcan'?t stop crying\\b"],
    'm:mh-situational': ['\\b(?:exams?|finals|deadlines?|job interview|viva)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:next week|tomorrow|coming up|start|soon|stress\\w*)\\b', '\\b(?:stressed|stress) (?:about|over|with) (?:exams?|work|deadlines?|my finals)\\b'],
    'm:mh-okay-otherwise': ["\\b(?:i'?m|i am|otherwise) (?:okay|ok|fine|well) otherwise\\b", '\\bokay otherwise\\b', '\\bjust stressed\\b', '\\botherwise (?:well|fine|healthy)\\b'],
    'm:mh-mood': ['\\b(?:felt|feeling|feel) (?:a bit |quite |really |so |very |pretty )?(?:flat|low|down|empty|numb|fed up)\\b', '\\bnot enjoying (?:stuff|things|anything)\\b', '\\b(?:depress\\w+|anxiety|anxious|generalised anxiety|panic attacks?)\\b'],
    'm:mh-denies-risk': ['\\bnothing like that\\b', "\\b(?:i'?m|i am|she'?s|he'?s) (?:still )?(?:coping|managing|getting by)\\b", '\\b(?:still|am|is) (?:going to|at) (?:work|school|college)\\b', '\\bstill working\\b', '\\bworking\\b(?=[,.] )', '\\bwants? (?:talking therapy|counselling|to talk to someone|a referral)\\b', "\\bi'?d like to (?:see|talk to) someone\\b", '\\b(?:and|but|so|okay|ok|also|well)\\b(?=,? no,? (?:no,? )?(?:thoughts of|suicidal|si\\b|self[- ]harm|plans? to))', "\\b(?:and|but|so|okay|ok|also|well)\\b(?=,? (?:i )?(?:don'?t|do not|doesn'?t) want to (?:hurt|harm|kill) (?:myself|herself|himself))"],
    'm:mh-crisis': ["\\b(?:i'?m|i am|feel like i'?m) falling apart\\b", "!\\b(?:can'?t|cannot) cope (?:any ?more|with (?:life|anything|everything))\\b", '\\b(?:just )?need (?:someone )?to talk to (?:someone|somebody)\\b', '\\bat the end of my tether\\b', '\\b(?:having|had) a breakdown\\b', '\\bcrisis\\b'],
    'm:mh-eating': ['\\banorexi\\w+\\b', '\\bbulimi\\w+\\b', '\\bmaking (?:herself|himself|myself) sick after (?:meals|eating)\\b', '\\bbinge\\w*\\b', '\\beating disorder\\b', '\\b(?:barely|hardly) eating\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:weight|thin|fat)\\b'],
    'm:mh-very-thin': ['\\bbmi (?:of |is |under |below )?1[0-5]\\b', '\\bskin and bone\\b', '\\b(?:very|dangerously|painfully) thin\\b'],
  },
};
