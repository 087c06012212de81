/**
 * CEDIS system "eye": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The rows "vision-loss-sudden", "chemical-eye" and "dry-eyes" of ../complaints.ts stay there; the
 * rows here add sudden visual loss in other words, foreign body, acute painful red eye (angle
 * closure), flashes and floaters, gradual visual change, periorbital swelling, eye trauma, and the
 * familiar minor red eyes (conjunctivitis, hay-fever eyes, subconjunctival haemorrhage, stye).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

/** Floaters are urgent only when new: the same words in a narrative that tells them as years old are a routine question. */
const NOT_CHRONIC = (guard: string) => (src: string): string => {
  const prefix = /^[!=]*/.exec(src)?.[0] ?? '';
  return `${prefix}(?<!${guard}[\\s\\S]*)(?:${src.slice(prefix.length)})(?![\\s\\S]*${guard})`;
};
const NOT_CHRONIC_ZH = NOT_CHRONIC('(?:好几年|几年了|多年|一直都这样|一直这样|老早就有|从小就|很多年)');
const NOT_CHRONIC_EN = NOT_CHRONIC("(?:\\bfor years\\b|\\balways had\\b|\\byears now\\b|\\blong[- ]standing\\b|\\bhaven\u0027?t changed\\b|\\bno change\\b|\\bsame as always\\b)");

export const COMPLAINTS: Complaint[] = [
  { id: 'vision-loss-curtain', system: 'eye', label: { zh: '突发视力丧失（其他说法）', en: 'sudden visual loss in other words' }, terms: ['m:eye-sudden-loss'], base: { level: 2, disposition: 'D1' }, department: null, modifiers: [
    { id: 'sudden-visual-loss', all: [], level: 2, disposition: 'D1', redFlag: 'stroke-signs', resolvedToo: true, source: 'CTAS2016 visual disturbance, sudden loss of vision: level II (retinal artery occlusion is a stroke: BE-FAST "Eyes"); amaurosis fugax counts as a TIA (NICE NG128)' },
  ] },
  { id: 'eye-foreign-body', system: 'eye', label: { zh: '眼异物', en: 'foreign body in eye' }, terms: ['m:eye-fb'], base: { level: 3, disposition: 'D4' }, department: 'ophthalmology', modifiers: [
    { id: 'eye-penetrating', all: ['m:eye-penetrating|x:vision-loss|m:eye-sudden-loss'], level: 2, disposition: 'D2', source: 'CTAS2016 eye trauma, penetrating or with visual loss: level II; 眼外伤 (high-velocity metal fragment)' },
  ] },
  { id: 'eye-pain-acute', system: 'eye', label: { zh: '急性眼痛（青光眼发作）', en: 'acute eye pain (possible angle closure)' }, terms: ['m:eye-halos', 'm:eye-pain'], base: null, department: 'ophthalmology', modifiers: [
    { id: 'angle-closure', all: ['m:eye-halos|m:eye-hard', 'm:eye-pain|headache|nausea-vomiting|x:blurred|m:eye-red'], level: 2, disposition: 'D2', source: 'CTAS2016 eye pain, severe with visual change (acute angle-closure glaucoma): level II; 中国原发性闭角型青光眼诊治方案专家共识 (2019) 急性发作 emergency' },
    { id: 'painful-red-eye-visual-change', all: ['m:eye-pain', 'x:blurred|x:vision-loss|x:photophobia|m:eye-contact-lens'], level: 3, disposition: 'D4', source: 'CTAS2016 eye pain with visual change or photophobia / contact lens wearer: level III (keratitis, uveitis); NICE CKS red eye red flags' },
  ] },
  { id: 'flashes-floaters', system: 'eye', label: { zh: '闪光感/飞蚊突然增多', en: 'new flashes or floaters' }, terms: ['m:eye-floaters'], base: { level: 3, disposition: 'D4' }, department: 'ophthalmology', modifiers: [
    { id: 'floaters-with-curtain', all: ['m:eye-sudden-loss|m:monocular-loss'], level: 2, disposition: 'D2', source: 'CTAS2016 visual disturbance with a field defect (retinal detachment): level II' },
  ] },
  { id: 'floaters-longstanding', system: 'eye', label: { zh: '多年的飞蚊症', en: 'long-standing floaters' }, terms: ['m:eye-floaters-any'], base: { level: 4, disposition: 'D6' }, department: 'ophthalmology', modifiers: [] },
  { id: 'vision-gradual', system: 'eye', label: { zh: '视力逐渐下降', en: 'gradual visual change' }, terms: ['m:eye-gradual'], base: { level: 4, disposition: 'D6' }, department: 'ophthalmology', modifiers: [] },
  { id: 'periorbital-swelling', system: 'eye', label: { zh: '眼睑/眶周红肿', en: 'periorbital swelling' }, terms: ['m:eye-periorbital'], base: { level: 4, disposition: 'D5' }, department: 'ophthalmology', modifiers: [
    { id: 'orbital-cellulitis-signs', all: ['fever|x:high-fever|m:eye-pain-moving|x:blurred|x:vision-loss|m:neuro-double|m:eye-bulging'], level: 2, disposition: 'D2', source: 'CTAS2016 periorbital swelling with fever or visual change: level II-III; CNPED2023 眶蜂窝织炎; NICE CKS periorbital cellulitis: same-day admission' },
  ] },
  { id: 'eye-trauma-blunt', system: 'eye', label: { zh: '眼部钝挫伤', en: 'eye trauma' }, terms: ['m:eye-hit'], base: { level: 3, disposition: 'D4' }, department: 'ophthalmology', modifiers: [
    { id: 'eye-trauma-visual-change', all: ['x:blurred|x:vision-loss|m:neuro-double|m:eye-blood-front|m:eye-penetrating'], level: 2, disposition: 'D2', source: 'CTAS2016 eye trauma with visual loss, hyphaema or globe injury: level II' },
  ] },
  // Familiar minor red eyes (CTAS V / China level 4): self-care or the pharmacist when nothing else is found.
  { id: 'conjunctivitis', system: 'eye', label: { zh: '结膜炎（红眼有眼屎）', en: 'conjunctivitis' }, terms: ['m:eye-conjunctivitis'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'allergic-eyes', system: 'eye', label: { zh: '过敏性眼痒', en: 'hay-fever eyes' }, terms: ['m:eye-allergic'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'dry-tired-eyes', system: 'eye', label: { zh: '眼睛干涩疲劳', en: 'dry, tired eyes' }, terms: ['m:eye-dry'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'subconjunctival-haemorrhage', system: 'eye', label: { zh: '结膜下出血', en: 'subconjunctival haemorrhage' }, terms: ['m:eye-subconj'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'stye', system: 'eye', label: { zh: '麦粒肿', en: 'stye' }, terms: ['m:eye-stye'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'contact-lens-red-eye', system: 'eye', label: { zh: '戴隐形眼镜后眼红痛', en: 'red painful eye in a contact lens wearer' }, terms: ['m:eye-contact-lens'], base: null, department: 'ophthalmology', modifiers: [
    { id: 'contact-lens-keratitis', all: ['m:eye-red|m:eye-pain|x:eye|x:photophobia|x:blurred'], level: 3, disposition: 'D4', source: 'NICE CKS red eye: a contact lens wearer with a painful red eye needs same-day ophthalmology (microbial keratitis); CTAS2016 eye pain level III' },
  ] },
  { id: 'diplopia', system: 'eye', label: { zh: '复视', en: 'double vision' }, terms: ['m:neuro-double'], base: { level: 3, disposition: 'D4' }, department: 'ophthalmology', modifiers: [
    { id: 'diplopia-acute-neuro', all: ['x:sudden|m:sudden|headache|m:eye-droopy-lid|x:balance|dizziness|speech-difficulty'], level: 2, disposition: 'D2', source: 'CTAS2016 diplopia, acute with headache, ptosis or other neurological signs: level II (aneurysm, brainstem stroke)' },
  ] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:eye-sudden-loss': ['!(?:一只眼|一边眼睛?|一个眼睛?|左眼|右眼)(?:睛)?[^不没无未，。,.;；!?！？]{0,6}(?:突然|一下子)(?:就)?(?:看不见|黑了|什么都看不(?:见|到)|只能看到(?:光|亮))', '眼前(?:像)?(?:有)?(?:一块|一片)?(?:黑幕|帘子|黑影)(?:挡|拉|落|遮)', '!(?:一只眼|左眼|右眼)(?:睛)?[^不没无未，。,.;；!?！？]{0,4}只能(?:看到|感觉到)(?:光|亮)'],
    'm:eye-fb': ['(?:铁屑|铁渣|木屑|沙子|沙粒|灰|虫子|小虫|睫毛|异物|东西|玻璃渣|碎屑|铁末)(?:好像)?(?:崩|蹦|飞|迸|进|溅|掉|吹|弄)(?:进|到|入)?(?:了)?(?:右|左)?(?:眼睛|眼里|眼|眼珠)', '(?:眼睛|眼里)(?:里)?(?:进了?|有)(?:个)?(?:东西|沙子|异物|铁屑)', '(?:打磨|切割|电焊|磨铁|砸铁|锤)[^不没无未，。,.;；!?！？]{0,16}(?:眼睛|眼)', '一眨眼就(?:磨|疼|扎)', '(?:眼睛|眼)(?:里)?(?:磨得慌|磨得疼|硌得慌)', '角膜异物'],
    'm:eye-penetrating': ['(?:扎|戳|刺)(?:进|到|破)(?:了)?眼(?:睛|球)?', '眼球(?:破|穿通)', '!(?:眼睛|眼)[^不没无未，。,.;；!?！？]{0,4}(?:流|出)(?:了)?(?:血|水)(?:止不住)?'],
    'm:eye-halos': ['(?:看|看着)?(?:灯|灯光|路灯)(?:周围|旁边|边上)?(?:有)?(?:彩虹|彩色|七彩)(?:样|一样|的)?(?:光)?(?:圈|环|晕)', '虹视', '(?:彩色|彩虹)(?:的)?(?:圈圈|光圈)'],
    'm:eye-hard': ['眼球(?:硬|发硬|硬得像石头)', '眼(?:睛)?(?:按着|摸着)?硬(?:得像石头)?', '眼压(?:高|很高)'],
    'm:eye-pain': ['眼(?:睛|球|眶)?(?:里|后面)?(?:胀痛|剧痛|疼得厉害|痛得厉害|胀得(?:厉害|疼)|(?:很|特别|非常)(?:疼|痛))', '(?:一边|一只|左|右)(?:边)?(?:眼睛?)(?:突然)?(?:胀|疼|痛)'],
    'm:eye-red': ['眼(?:睛)?(?:很|特别|通)?红', '眼(?:睛)?充血'],
    'm:eye-contact-lens': ['隐形眼镜', '美瞳', '角膜塑形镜', 'ok镜'],
    'm:eye-floaters': ['(?:眼前|眼睛|眼)(?:面|里|前)?(?:突然|一下子)?(?:多了|出现|冒出|好多|很多|一堆)(?:了)?(?:好多|很多|一堆)?(?:的)?(?:小)?(?:黑点|黑影|黑丝|蚊子|蜘蛛网)', '(?:小)?(?:黑点|黑影|黑丝)(?:在)?(?:眼前)?(?:飘|飞|晃)', '(?:眼前|眼睛|眼)(?:面|里)?[^不没无未，。,.;；!?！？]{0,8}(?:还)?(?:有|看到|出现)(?:一道道|一道)?(?:闪光|闪电|亮光一闪)', '飞蚊(?:症)?(?:突然)?(?:多|增多|变多)', '(?:眼前|眼睛里)(?:突然)?(?:好多|很多|一堆|多了(?:好多|很多)?)(?:黑点|黑影|小黑点|蚊子|蜘蛛网)', '(?:眼前|眼角|眼睛)(?:有)?(?:闪光|闪电|一闪一闪)', '看到(?:闪光|闪电一样)'].map(NOT_CHRONIC_ZH),
    'm:eye-floaters-any': ['(?:眼前|眼睛|眼)(?:面|里|前)?(?:突然|一下子)?(?:多了|出现|冒出|好多|很多|一堆)(?:了)?(?:好多|很多|一堆)?(?:的)?(?:小)?(?:黑点|黑影|黑丝|蚊子|蜘蛛网)', '(?:小)?(?:黑点|黑影|黑丝)(?:在)?(?:眼前)?(?:飘|飞|晃)', '(?:眼前|眼睛|眼)(?:面|里)?[^不没无未，。,.;；!?！？]{0,8}(?:还)?(?:有|看到|出现)(?:一道道|一道)?(?:闪光|闪电|亮光一闪)', '飞蚊(?:症)?(?:突然)?(?:多|增多|变多)', '(?:眼前|眼睛里)(?:突然)?(?:好多|很多|一堆|多了(?:好多|很多)?)(?:黑点|黑影|小黑点|蚊子|蜘蛛网)', '(?:眼前|眼角|眼睛)(?:有)?(?:闪光|闪电|一闪一闪)', '看到(?:闪光|闪电一样)'],
    'm:eye-gradual': ['!(?:看东西|视力|眼睛)(?:越来越|慢慢|逐渐|一年比一年)(?:模糊|差|不清|看不清|下降)', '!(?:越来越|慢慢)(?:看不清|模糊)', '(?:像)?隔(?:了)?(?:层|一层)(?:雾|纱|毛玻璃)', '!(?:看黑板|看书|看报纸|看字)(?:看)?不清', '老花(?:眼)?', '白内障', '近视(?:了|加深)?', '配(?:副)?眼镜'],
    'm:eye-periorbital': ['眼皮(?:又)?(?:红肿|肿(?:得|起来|了))', '!眼(?:睛|眶)(?:周围)?(?:红肿|肿得(?:睁不开|厉害))', '!眼睛肿得睁不开'],
    'm:eye-pain-moving': ['(?:转|动)眼(?:睛|珠)?(?:的时候)?(?:就|会)?(?:疼|痛)'],
    'm:eye-bulging': ['眼(?:睛|珠|球)(?:往外)?(?:突|鼓)(?:出来)?'],
    'm:eye-hit': ['(?:眼睛|眼)(?:被)?(?:球|拳头|东西|树枝)?(?:打|砸|撞|戳|磕)(?:到|了|中|伤)', '(?:被|让)(?:球|拳头|树枝|东西)[^不没无未，。,.;；!?！？]{0,4}(?:打|砸|撞|戳)(?:到|中|了)?(?:眼睛|眼)'],
    'm:eye-blood-front': ['(?:黑眼珠|眼珠)(?:里|前面)?(?:有)?(?:血|积血)', '前房积血'],
    'm:eye-conjunctivitis': ['眼屎(?:很|特别)?多', '(?:眼睛|眼皮)(?:被眼屎)?(?:黏|粘)(?:住|在一起)', '!(?:早上)?(?:眼睛)?睁不开[^不没无未，。,.;；!?！？]{0,4}眼屎', '结膜炎', '红眼病', '(?:眼睛|眼)(?:又)?红(?:又)?(?:有)?(?:眼屎|分泌物)'],
    'm:eye-allergic': ['(?:一到|每年)(?:春天|秋天|花粉)[^不没无未，。,.;；!?！？]{0,10}(?:眼睛|眼)(?:就)?(?:痒|红)', '(?:眼睛|眼)(?:很|特别)?痒[^不没无未，。,.;；!?！？]{0,12}(?:打喷嚏|流鼻涕|年年|每年)', '过敏性结膜炎', '花粉过敏'],
    'm:eye-dry': ['眼睛(?:有点|有些|老是|总是|经常)?(?:干|干涩|发干|酸涩|酸胀|累)(?:得慌)?', '(?:看|玩)(?:手机|电脑|屏幕)(?:看|玩)?(?:多了|久了|太久)(?:眼睛)?(?:干|酸|累|涩)?', '视疲劳'],
    'm:eye-subconj': ['(?:眼白|白眼珠|眼球)(?:上)?(?:有)?(?:一块|一片)?(?:出血|血红|通红|红了一块|红了一片)', '结膜下出血'],
    'm:eye-stye': ['麦粒肿', '针眼', '长了?(?:个)?(?:小)?(?:包|疙瘩)[^不没无未，。,.;；!?！？]{0,3}(?:在)?眼皮', '眼皮(?:上)?(?:长|起)了?(?:个)?(?:小)?(?:包|疙瘩|脓点)'],
    'm:eye-droopy-lid': ['眼皮(?:耷拉|下垂|抬不起来|睁不开)', '上睑下垂'],
  },
  en: {
    'm:eye-sudden-loss': ["\\b(?:vision|sight) in (?:my|his|her|one) (?:right |left )?eye (?:just )?(?:went|has gone|disappeared|went black|went dark|blacked out)\\b", '\\b(?:black|dark|grey|gray) (?:curtain|shadow|veil)\\b', '\\bcurtain (?:came|coming|come) down\\b', '\\bshadow (?:came|coming|spreading) (?:down|across|over)\\b', '\\bcan only see light\\b', '\\bamaurosis\\b', '\\bcrao\\b'],
    'm:eye-fb': ["\\bsomething (?:stuck |caught )?in (?:my|his|her) eye\\b", '\\b(?:grit|sand|dust|sawdust|(?:an? )?(?:eyelash|insect|fly|bug|speck|splinter|chip)|a bit of \\w+)\\b (?:stuck |caught |lodged )?in (?:my|his|her|the|their) (?:right |left )?eye\\b', '\\b(?:grinding|angle grinder|welding|hammering|drilling|chiselling|cutting metal)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,.\']){0,80}\\b(?:eye|goggles)\\b', '\\b(?:metal|wood|grit|sand|dust|glass) (?:fragment|filing|shard|splinter|particle|speck)s?\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\beye\\b', '\\bforeign body (?:in|sensation)\\b', '\\b(?:feels|feeling) (?:like )?(?:there\'?s )?(?:grit|sand|something) in (?:my|his|her|the) eye\\b', '\\bcorneal (?:fb|foreign body|abrasion)\\b'],
    'm:eye-penetrating': ['\\bpenetrat\\w+\\b', '\\b(?:stabbed|poked|pierced) (?:in|into) (?:the|my|his|her) eye\\b', '\\bglobe (?:injury|rupture)\\b', '\\bfluid (?:coming|leaking) (?:out of|from) (?:the|my|his|her) eye\\b'],
    'm:eye-halos': ['\\b(?:halos?|rainbows?|rainbow (?:rings|circles)|coloured rings)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,20}\\b(?:round|around) (?:the )?lights?\\b', '\\bhalos\\b', '\\bangle[- ]closure\\b', '\\bacute glaucoma\\b'],
    'm:eye-hard': ['\\beye(?:ball)? (?:feels |is )?(?:rock )?hard\\b', '\\bhigh (?:eye|intraocular) pressure\\b', '\\biop \\d'],
    'm:eye-pain': ['\\b(?:severe|bad|terrible|really painful|aching|throbbing) (?:pain in )?(?:the |my |his |her )?(?:right |left )?eye(?: pain)?\\b', '\\beye (?:is )?(?:really |very )?(?:painful|aching|throbbing|hurts? (?:a lot|badly))\\b', '\\bpain (?:in|behind) (?:my|his|her|the) (?:right |left )?eye\\b'],
    'm:eye-red': ['\\beye (?:is |was )?(?:very |really |bright )?red\\b', '\\bred eye\\b'],
    'm:eye-contact-lens': ['\\bcontact lens(?:es)?\\b', '\\bcontacts in\\b', '\\bwears? contacts\\b'],
    'm:eye-floaters': ['\\b(?:new |lots of |lots of new |loads of |shower of )floaters\\b', '\\bfloaters\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:new|suddenly|since yesterday|today)\\b', '\\bflash(?:es|ing)? (?:of light|in (?:my|his|her|the) (?:eye|vision))\\b', '\\bflashes of light\\b', '\\b(?:black )?(?:dots|spots|cobwebs)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:in (?:my|his|her) (?:left |right )?eye)\\b'].map(NOT_CHRONIC_EN),
    'm:eye-floaters-any': ['\\b(?:new |lots of |lots of new |loads of |shower of )floaters\\b', '\\bfloaters\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:new|suddenly|since yesterday|today)\\b', '\\bflash(?:es|ing)? (?:of light|in (?:my|his|her|the) (?:eye|vision))\\b', '\\bflashes of light\\b', '\\b(?:black )?(?:dots|spots|cobwebs)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:in (?:my|his|her) (?:left |right )?eye)\\b'],
    'm:eye-gradual': ['\\b(?:vision|eyesight|sight|reading)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\b(?:gradually|slowly|getting|got|has got) (?:worse|harder|blurr(?:y|ier)|really hard)\\b', '\\bhold (?:the )?(?:newspaper|book|phone|menu)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\bfurther\\b', '\\b(?:need|needs|think i need) (?:new )?glasses\\b', '\\bcataracts?\\b', '\\bshort[- ]sighted\\b(?= and (?:getting|worse))', "!\\bcan'?t see the (?:board|blackboard|whiteboard)\\b", '\\blike (?:looking )?through (?:a )?(?:fog|mist|frosted glass)\\b'],
    'm:eye-periorbital': ['\\b(?:eyelids?|around (?:his|her|my) eye|eye socket)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,15}\\b(?:swollen|puffy|red and swollen|swelling)\\b', '\\bswollen (?:eyelid|eye)s?\\b', '\\beye (?:is )?swollen (?:shut|closed)\\b', '\\bperiorbital\\b', '\\borbital cellulitis\\b'],
    'm:eye-pain-moving': ['\\b(?:hurts|pain|painful) (?:to|when (?:he|she|i)) (?:move|moving|moves) (?:the|his|her|my) eyes?\\b'],
    'm:eye-bulging': ['\\b(?:eye|eyeball) (?:is )?(?:bulging|sticking out|pushed forward)\\b', '\\bproptosis\\b'],
    'm:eye-hit': ['\\b(?:hit|struck|punched|elbowed|poked) (?:in|on) the eye\\b', '\\b(?:ball|fist|elbow|branch|stick)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ]){0,15}\\b(?:hit|struck|caught|went into) (?:him |her |me )?(?:in )?(?:the|his|her|my) eye\\b', '\\bblack eye\\b'],
    'm:eye-blood-front': ['\\bhyph(?:a)?ema\\b', '\\bblood (?:in|inside) the (?:front of the )?eye\\b'],
    'm:eye-conjunctivitis': ['\\b(?:gunky|sticky|crusty|goopy|gooey) eyes?\\b', '\\beyes? (?:is |are |was |were |has gone |have gone )?(?:pink|red) and (?:gunky|sticky|crusty|watery)\\b', '\\b(?:glued|stuck) (?:shut|together)\\b', '\\bpink ?eye\\b', '\\bconjunctivitis\\b', '\\bgunk\\b'],
    'm:eye-allergic': ['\\bhay ?fever\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,30}\\beyes?\\b', '\\bitchy,? (?:watery|red|streaming) eyes\\b', '\\beyes? (?:are |get )?(?:itchy|streaming) (?:every|each) (?:spring|summer|year)\\b', '\\ballergic conjunctivitis\\b', '(?<!\\basthma[\\s\\S]*)\\bpollen\\b(?![\\s\\S]*\\basthma)'],
    'm:eye-dry': ['\\beyes? (?:feel |are |get |getting )?(?:a bit |really |so )?(?:dry|tired|strained|sore from the screen)\\b', '\\beye ?strain\\b', '\\b(?:screen|computer|phone) (?:all day|too much)\\b'],
    'm:eye-subconj': ['\\b(?:red|blood) (?:patch|spot|blotch|splodge) on the white of\\b', '\\bwhite of (?:my|his|her|the) (?:left |right )?eye (?:is |has gone |went )?(?:bright )?red\\b', '\\bbroken blood vessel in (?:my|his|her|the) eye\\b', '\\bsubconjunctival\\b'],
    'm:eye-stye': ['\\bstyes?\\b', '\\bchalazion\\b', '\\b(?:lump|bump|spot) on (?:my|his|her|the) (?:upper |lower )?eyelid\\b'],
    'm:eye-droopy-lid': ['\\b(?:eyelid|lid) (?:is )?(?:drooping|droopy|dropped|hanging)\\b', '\\bptosis\\b', '\\bdroopy (?:eye ?lid|eye)\\b'],
  },
};
