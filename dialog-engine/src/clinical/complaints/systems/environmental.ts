/**
 * CEDIS system "environmental": presenting complaints with their second-order modifiers (rows), and
 * the `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 * The rows "sunburn" (../complaints.ts) and "breathing-difficulty/drowning" stay there; the rows
 * here add heat illness, hypothermia and the long lie, frostbite, submersion, smoke inhalation,
 * lightning / electrical injury, multiple stings, altitude illness, and the familiar minor ones
 * (heat exhaustion already cooled down, frost-nip rewarmed, a child pulled out well).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

/** A submersion told with "now he's fine, running about" is the reassuring reading (benign row below). */
const NOT_FINE = (guard: string) => (src: string): string => {
  const prefix = /^[!=]*/.exec(src)?.[0] ?? '';
  return `${prefix}(?<!${guard}[\\s\\S]*)(?:${src.slice(prefix.length)})(?![\\s\\S]*${guard})`;
};
const NOT_FINE_ZH = NOT_FINE('(?:现在(?:好好的|没事了|活蹦乱跳|又玩|在玩|正常了|能吃能喝)|活蹦乱跳|又跑又跳|跟没事人一样)');
const NOT_FINE_EN = NOT_FINE("(?:\\bnow (?:he'?s|she'?s|they'?re|i'?m) (?:fine|ok|okay|back to normal|running about|playing)\\b|\\brunning (?:about|around)\\b|\\bbreathing normally\\b)");
const SUBMERSION_ZH = ['(?:掉|栽|滑|摔)(?:进|到)(?:了)?(?:水里|河里|池子|泳池|水池|游泳池|鱼塘|池塘|浴缸)', '呛(?:了)?(?:几口|好几口|一口)?水', '!(?:沉|没)(?:到)?水(?:里|下)', '淹(?:着|了|水)', '溺水'];
const SUBMERSION_EN = ['\\bwent under\\b', '\\bpulled (?:him|her|them) out\\b', '\\b(?:fell|slipped) (?:in|into) (?:the )?(?:pool|pond|river|lake|water|bath)\\b', '\\bswallowed (?:some |a lot of |loads of )?(?:pool |bath |sea )?water\\b', '\\bunder ?water for\\b', '\\bsubmersion\\b', '\\bnear[- ]drowning\\b'];

export const COMPLAINTS: Complaint[] = [
  { id: 'heat-illness', system: 'environmental', label: { zh: '中暑', en: 'heat illness' }, terms: ['m:env-heat'], base: null, department: null, modifiers: [
    { id: 'heat-stroke', all: ['m:altered|x:rf-altered|m:not-back-to-normal|m:neuro-unresponsive|confusion|x:drowsy|m:seizure|fainting|m:syncope|m:env-hot-dry'], level: 1, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 hyperthermia with altered mental status (heat stroke): level I; 中国热射病诊断与治疗专家共识 (2019): core temperature > 40 °C with CNS dysfunction — cool and call 120' },
    { id: 'heat-exhaustion-not-improving', all: ['nausea-vomiting|x:cant-keep-fluids|m:env-cramps|x:severe'], level: 3, disposition: 'D4', source: 'CTAS2016 heat exhaustion with vomiting / unable to drink: level III; 职业性中暑诊断标准 GBZ 41' },
  ] },
  { id: 'hypothermia', system: 'environmental', label: { zh: '低体温/冻僵', en: 'hypothermia' }, terms: ['m:env-hypothermia', 'vital:temp-lt35'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'hypothermia-altered', all: ['m:env-confused|confusion|x:drowsy|m:altered|x:rf-altered|m:not-back-to-normal|m:neuro-unresponsive|x:lethargic'], level: 2, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 hypothermia with altered mental status (moderate-severe, < 32 °C): level II, level I if unstable; CN2018' },
  ] },
  { id: 'long-lie', system: 'environmental', label: { zh: '老人跌倒后长时间卧地', en: 'long lie after a fall' }, terms: ['m:env-long-lie'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'long-lie-altered-or-cold', all: ['m:env-confused|confusion|x:drowsy|m:altered|m:env-hypothermia|vital:temp-lt35'], level: 2, disposition: 'D1', redFlag: 'altered-consciousness', source: 'CTAS2016 elderly found down for hours (hypothermia, rhabdomyolysis, pressure injury): level II; NICE CG161 falls' },
  ] },
  { id: 'frostbite', system: 'environmental', label: { zh: '冻伤', en: 'frostbite' }, terms: ['m:env-frost'], base: null, department: null, modifiers: [
    { id: 'frostbite-deep', all: ['m:env-frost-severe'], level: 3, disposition: 'D4', source: 'CTAS2016 frostbite with blisters, no sensation or dusky skin after rewarming: level III; Wilderness Medical Society frostbite guideline 2019' },
  ] },
  { id: 'frostnip-rewarmed', system: 'environmental', label: { zh: '轻度冻伤已复温', en: 'frost-nip, rewarmed' }, terms: ['m:env-frost'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:env-rewarmed'], modifiers: [] },
  { id: 'submersion', system: 'environmental', label: { zh: '溺水/呛水', en: 'submersion (near drowning)' }, terms: ['m:env-submersion-unwell'], base: null, department: null, modifiers: [
    { id: 'submersion-symptoms-now', all: ['cough|shortness-of-breath|x:fast-breathing|m:cyanosis|x:lethargic|x:drowsy|nausea-vomiting|m:resp-wheeze|confusion'], level: 2, disposition: 'D2', redFlag: 'severe-breathing', source: 'CTAS2016 near drowning with any respiratory symptom: level II; CNPED2023 溺水; ILCOR / ERC drowning 2021 (symptomatic after submersion: hospital)' },
  ] },
  { id: 'submersion-well', system: 'environmental', label: { zh: '呛水后已无症状', en: 'submersion, now well' }, terms: ['m:env-submersion'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:env-now-fine'], modifiers: [] },
  { id: 'smoke-inhalation', system: 'environmental', label: { zh: '吸入烟雾', en: 'smoke inhalation' }, terms: ['m:env-smoke'], base: { level: 3, disposition: 'D2' }, department: null, modifiers: [
    { id: 'inhalation-airway-burn', all: ['m:env-soot|m:env-hoarse|shortness-of-breath|x:rf-severe-breathing|m:resp-stridor|confusion|x:drowsy|headache'], level: 1, disposition: 'D1', redFlag: 'severe-breathing', source: 'CTAS2016 smoke inhalation with soot, hoarseness, stridor or dyspnoea (airway burn; carbon monoxide / cyanide): level I-II' },
  ] },
  { id: 'lightning-electrical', system: 'environmental', label: { zh: '雷击/电击', en: 'lightning or electrical injury' }, terms: ['m:env-electric'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'electric-high-voltage-or-symptoms', all: ['m:env-high-voltage|fainting|m:syncope|palpitations|chest-pain|m:chest-pain|confusion|m:altered'], level: 1, disposition: 'D1', redFlag: 'major-trauma', source: 'CTAS2016 electrical injury, high voltage / lightning or with loss of consciousness or arrhythmia: level I-II' },
  ] },
  { id: 'multiple-stings', system: 'environmental', label: { zh: '群蜂蜇伤', en: 'multiple stings' }, terms: ['m:env-many-stings'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'sting-in-mouth', system: 'environmental', label: { zh: '口腔咽喉蜇伤', en: 'sting in the mouth or throat' }, terms: ['m:env-sting-mouth'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'altitude-illness', system: 'environmental', label: { zh: '高原反应', en: 'altitude illness' }, terms: ['m:env-altitude'], base: null, department: null, modifiers: [
    { id: 'hape-hace', all: ['x:rf-severe-breathing|m:few-words|x:balance|m:neuro-cant-walk|confusion|m:altered|x:drowsy|m:env-breathless-rest'], level: 2, disposition: 'D2', source: 'Wilderness Medical Society altitude illness guideline 2019: HAPE (breathless at rest) or HACE (ataxia, confusion) — descend and emergency care; CTAS2016 level II' },
  ] },
  { id: 'heat-exhaustion-recovered', system: 'environmental', label: { zh: '中暑先兆已缓解', en: 'heat exhaustion, already better' }, terms: ['m:env-heat'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:env-cooled|x:improving'], modifiers: [] },
  { id: 'noxious-gas', system: 'environmental', label: { zh: '吸入刺激性气体', en: 'noxious gas inhalation' }, terms: ['m:env-gas'], base: { level: 4, disposition: 'D4' }, department: null, modifiers: [
    { id: 'gas-breathing-symptoms', all: ['shortness-of-breath|x:rf-severe-breathing|m:resp-wheeze|chest-pain|m:chest-pain|m:cv-chest|m:resp-stridor'], level: 2, disposition: 'D2', source: 'CTAS2016 noxious inhalation with respiratory symptoms: level II; 急性刺激性气体中毒 (chlorine, ammonia): observation for delayed pulmonary oedema' },
  ] },
  { id: 'marine-sting', system: 'environmental', label: { zh: '水母蜇伤', en: 'jellyfish sting' }, terms: ['m:env-jellyfish'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:env-heat': ['中暑', '热射病', '(?:大)?太阳(?:底下|下面|太毒|很毒|特别毒|晒)', '(?:大)?中午(?:的)?(?:在)?太阳', '烈日', '高温(?:天|作业|下)?', '(?:天|天气)(?:太|特别|很)热', '桑拿', '汗蒸', '(?:在)?(?:大棚|车里|厨房)(?:里)?(?:闷|热)'],
    'm:env-hot-dry': ['(?:身上|皮肤)[^不没无未，。,.;；!?！？]{0,8}(?:干干的|干烫|又干又烫|干巴巴)', '(?:摸着|摸起来)(?:又)?(?:干|烫)(?:又)?(?:干|烫)'],
    'm:env-cramps': ['(?:腿|小腿|手|肚子)(?:抽筋|痉挛)', '热痉挛'],
    'm:env-cooled': ['吹(?:着|了)?(?:空调|风扇|电扇)', '喝了(?:点|好多|两瓶|一瓶|几瓶)?(?:水|盐水|淡盐水|藿香正气)', '(?:回|进)(?:到)?(?:屋|家|屋里|阴凉)', '(?:人|脑子)(?:是)?清醒', '好多了', '缓过来了'],
    'm:env-hypothermia': ['冻僵', '体温(?:只有|才|量出来)?(?:三十[一二三四]|3[0-4])(?:度|点)', '(?:身上|浑身|全身)(?:冰凉|冰冷|冰得)', '!(?:冻得|冷得)(?:发抖|直哆嗦|说不出话|动不了)', '低体温', '掉(?:进)?(?:冰窟窿|冰水|河里)'],
    'm:env-confused': ['糊涂', '迷糊', '说胡话', '反应慢'],
    'm:env-long-lie': ['(?:在地上|地上)(?:躺|趴|坐)(?:了)?(?:一|一整|大半|半)?(?:夜|晚上|宿|天|个晚上)', '!(?:摔|倒)(?:在)?(?:地上)?(?:一|一整)?(?:夜|晚上)(?:都)?(?:没人|起不来)', '(?:早上|今早)(?:才)?(?:发现|看到)(?:她|他)(?:倒|躺|摔)在地上'],
    'm:env-frost': ['冻(?:伤|坏|疮|得煞白|得发白|得发紫|木了)', '(?:手指|脚趾|耳朵|手|脚|脸)(?:头)?(?:都)?冻(?:得|了|伤|木)', '零下(?:[二三四]十|\\d{2})'],
    'm:env-frost-severe': ['(?:起|冒)(?:了)?(?:水|血)?泡', '(?:发黑|发紫|黑了|紫黑)', '!(?:还是|一直)?(?:没有|没)(?:知觉|感觉)', '(?:硬邦邦|硬得)'],
    'm:env-rewarmed': ['(?:现在)?(?:又)?红(?:过来|回来)了', '(?:恢复|回)(?:了)?(?:知觉|颜色|血色|感觉)', '暖过来了', '(?:温水|热水)(?:泡|捂)(?:了)?(?:会儿|一会)?'],
    'm:env-submersion': SUBMERSION_ZH,
    'm:env-submersion-unwell': SUBMERSION_ZH.map(NOT_FINE_ZH),
    'm:env-now-fine': ['!现在(?:好好的|没事了|活蹦乱跳|又玩|在玩|正常了|能吃能喝)', '!(?:活蹦乱跳|又跑又跳|跟没事人一样)'],
    'm:env-smoke': ['吸(?:了|入)(?:很多|好多|大量)?(?:浓)?烟', '(?:着火|火灾|失火)', '烟(?:熏|呛)(?:着|了|到)', '(?:被)?(?:浓烟|烟)(?:呛|熏)'],
    'm:env-soot': ['(?:鼻孔|鼻子|嘴里|痰|口水)(?:里)?(?:有|是|都是)?(?:黑|烟灰|黑灰|黑色)', '(?:鼻毛|眉毛|头发)(?:烧|燎)(?:焦|了)'],
    'm:env-hoarse': ['声音(?:嘶哑|哑了|变了)', '嗓子哑'],
    'm:env-electric': ['雷(?:劈|击)', '被雷', '触电', '电击', '(?:被)?电(?:到|打|了一下)', '漏电'],
    'm:env-high-voltage': ['高压(?:电|线)', '雷(?:劈|击)', '电线杆', '变压器'],
    'm:env-many-stings': ['(?:一群|一窝|好多|很多|十几只|几十只)(?:的)?(?:马蜂|蜜蜂|黄蜂|野蜂|胡蜂|蜂子|蜂)', '(?:蜇|叮)了(?:十几|几十|好多|很多|一身)(?:个|处|下)?(?:包)?', '捅了(?:个)?(?:马蜂窝|蜂窝)', '群蜂'],
    'm:env-sting-mouth': ['(?:嘴里|嘴巴里|喉咙|舌头)(?:被)?(?:蜇|叮)', '(?:蜜蜂|马蜂|蜂)(?:飞)?(?:进)?(?:嘴里|饮料里)[^不没无未，。,.;；!?！？]{0,6}(?:蜇|叮)'],
    'm:env-altitude': ['高原反应', '高反', '(?:在|去|到)(?:了)?(?:西藏|拉萨|青藏|高原|珠峰|稻城|川西|海拔)'],
    'm:env-breathless-rest': ['!(?:躺着|坐着|不动)(?:也|都)(?:喘|憋)', '咳(?:出)?(?:粉红色|粉色)(?:泡沫)?痰'],
    'm:env-gas': ['(?:84|八四|消毒液|漂白(?:水|剂)|洁厕(?:灵|剂)|洗厕所的)[^不没无未，。,.;；!?！？]{0,12}(?:混|掺|兑|一起用|倒在一起)', '氯气', '氨气', '(?:闻|吸)(?:了|到)(?:一股|很多|好多)?(?:刺鼻|呛人|难闻)?(?:的)?(?:气|气味|味道|烟)', '(?:化学品|化工厂|槽罐车)(?:泄漏|漏了)'],
    'm:env-jellyfish': ['水母', '海蜇(?:蜇|蛰)', '被(?:水母|海蜇)(?:蜇|蛰)'],
  },
  en: {
    'm:env-heat': ['\\bheat ?stroke\\b', '\\bheat exhaustion\\b', '\\bin the (?:hot )?sun\\b', '\\b(?:hot|baking|boiling|scorching) (?:day|weather|sun|afternoon|site|kitchen|car)\\b', '\\bheat ?wave\\b', '\\bsauna\\b', '\\bhiking in the (?:heat|sun)\\b', '\\bout in the heat\\b'],
    'm:env-hot-dry': ['\\b(?:hot|burning) (?:and )?dry skin\\b', '\\bskin (?:is )?(?:hot and dry|bone dry)\\b', '\\bdry and (?:hot|burning)\\b'],
    'm:env-cramps': ['\\bheat cramps\\b', '\\bmuscle cramps\\b'],
    'm:env-cooled': ['\\bair[- ]?con\\w*\\b', '\\bdrank (?:a lot|two litres|loads|plenty|lots)\\b', '\\bcooled (?:off|down)\\b', '\\bin the shade\\b', '\\bfeel(?:ing)? (?:much |a lot )?better\\b', '\\bhead(?:\'s| is) clear\\b'],
    'm:env-hypothermia': ['\\bhypotherm\\w*\\b', '\\bcold to (?:the )?touch\\b', '\\b(?:ice[- ]?cold|freezing cold|stone cold) (?:skin|hands|body)\\b', '\\b(?:tympanic|temp(?:erature)?|core) (?:of )?3[0-4](?:\\.\\d)?\\b', '\\bfell (?:through the ice|into (?:a |the )?(?:river|lake|sea))\\b'],
    'm:env-confused': ['\\bmuddled\\b', '\\bconfused\\b', '\\bnot with it\\b', '\\bdisorient\\w+\\b', '\\bnot making sense\\b'],
    'm:env-long-lie': ['\\b(?:found|lying) (?:him|her|them)? ?(?:on|lying on) the (?:bedroom |bathroom |kitchen )?floor\\b', "\\b(?:been|was|lay|lying) (?:there|on the floor)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,']){0,20}\\b(?:since|all) (?:last night|night|yesterday)\\b", '\\blong lie\\b', "!\\bcouldn'?t get up (?:all|since)\\b"],
    'm:env-frost': ['\\bfrost ?(?:bite|bitten|nip)\\b', '\\b(?:fingers?|fingertips|toes?|ears?|nose)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:went|turned|go|gone) (?:white|numb|waxy|hard)\\b', '\\b(?:skiing|snowboarding|mountaineering|ice fishing)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,40}\\b(?:white|numb|frost)\\w*\\b', '\\bchilblains?\\b'],
    'm:env-frost-severe': ['\\bblisters?\\b', '\\b(?:black|dusky|purple|blue-?black)\\b', '\\bstill (?:numb|white|hard)\\b', "!\\bno (?:feeling|sensation)\\b"],
    'm:env-rewarmed': ['\\brewarm\\w*\\b', '\\bwarm(?:ed)? (?:it |them )?(?:up )?in (?:warm )?water\\b', '\\bnow pink\\b', '\\bfull sensation\\b', '\\b(?:feeling|colour|color) (?:has )?come back\\b', '\\bback to normal colou?r\\b'],
    'm:env-submersion': SUBMERSION_EN,
    'm:env-submersion-unwell': SUBMERSION_EN.map(NOT_FINE_EN),
    'm:env-now-fine': ["\\bnow (?:he'?s|she'?s|they'?re|i'?m) (?:fine|ok|okay|back to normal|running about|playing)\\b", '\\brunning (?:about|around)\\b', '\\bbreathing normally\\b', '\\bback to (?:his|her) (?:normal|usual) self\\b'],
    'm:env-smoke': ['\\bsmoke inhalation\\b', '\\b(?:house|kitchen|flat|building) fire\\b', '\\b(?:breathed|inhaled|took) in (?:a lot of |loads of |some )?smoke\\b', '\\bin (?:a|the) fire\\b'],
    'm:env-soot': ['\\bsoot\\b', '\\bblack (?:spit|phlegm|sputum|snot)\\b', '\\bsinged (?:nose|nasal) hairs?\\b', '\\bcarbonaceous\\b'],
    'm:env-hoarse': ['\\bhoarse\\b', '\\bvoice (?:has )?(?:changed|gone croaky)\\b'],
    'm:env-electric': ['\\b(?:electric(?:al)? shock|electrocut\\w+|shocked by|struck by lightning|lightning strike)\\b', '\\bgot a shock (?:off|from)\\b', '\\bhit by lightning\\b'],
    'm:env-high-voltage': ['\\bhigh[- ]voltage\\b', '\\blightning\\b', '\\bpower lines?\\b', '\\bpylon\\b', '\\bsubstation\\b'],
    'm:env-many-stings': ['\\bswarm\\b', '\\b(?:stung|stings)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\b(?:loads of|dozens of|many|lots of|multiple|(?:ten|twenty|\\d{2}) ?\\+?) (?:times|stings)\\b', '\\bmultiple stings\\b', '\\b(?:wasps?|hornets?|bees?) nest\\b'],
    'm:env-sting-mouth': ['\\bstung (?:in|inside) (?:the|his|her|my) (?:mouth|throat|tongue)\\b', '\\b(?:bee|wasp) (?:in|inside) (?:the|his|her|my) (?:drink|can|mouth)\\b(?:(?!\\b(?:no|not|never|nor|without|denies|denied|nothing|none|(?:don|doesn|didn|isn|wasn|aren|weren|haven|hasn|hadn|can|couldn|won|wouldn)\\u0027?t)\\b)[a-z ,]){0,20}\\bstung\\b'],
    'm:env-altitude': ['\\baltitude\\b', '\\b(?:ams|hape|hace)\\b', '\\b(?:tibet|lhasa|everest|kilimanjaro|machu picchu|the andes|base camp)\\b'],
    'm:env-breathless-rest': ['\\bbreathless (?:at|even at) rest\\b', '\\bpink frothy\\b', '\\bgurgl\\w+ (?:chest|breathing)\\b'],
    'm:env-gas': ['\\bmixed (?:bleach|cleaning products|cleaners|chemicals)\\b', '\\bbleach and (?:ammonia|toilet cleaner|vinegar|acid)\\b', '\\b(?:chlorine|ammonia) (?:gas|fumes)\\b', '\\b(?:breathed|inhaled|took) in (?:the |some |a lot of )?(?:fumes|gas|chemical)\\b', '\\bchemical (?:leak|spill)\\b'],
    'm:env-jellyfish': ['\\bjelly ?fish\\b', "\\bportuguese man o\u0027? ?war\\b", '\\bsea (?:lice|nettle)\\b'],
  },
};
