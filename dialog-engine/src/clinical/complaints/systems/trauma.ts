/**
 * CEDIS system "trauma": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 trauma list): penetrating trauma (stab, gunshot), isolated
 * chest trauma (rib injury, pneumothorax signs), isolated abdominal trauma (handlebar, kick),
 * neck / spine trauma (Canadian C-spine rule), upper extremity injury (FOOSH, suspected
 * fracture), lower extremity injury (Ottawa-negative ankle sprain), amputation, facial trauma,
 * laceration (needs closure, tendon / nerve signs), minor graze, minor head bump in a child who
 * is acting normally, assault with strangulation, an older person's long lie after a fall,
 * recurrent falls (NICE falls guidance: a multifactorial falls assessment).
 * Head injury, vehicle / fall-from-height and hip rows also live in complaints.ts.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

export const COMPLAINTS: Complaint[] = [
  { id: 'trauma-penetrating', system: 'trauma', label: { zh: '刀刺伤/枪伤', en: 'penetrating injury (stab, gunshot)' }, terms: ['m:trauma-stab'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [
    { id: 'penetrating-torso-head-neck', all: ['m:trauma-torso|abdominal-pain|chest-pain|shortness-of-breath|x:head-injury'], level: 1, disposition: 'D1', redFlag: 'major-trauma', source: `${CTAS} penetrating trauma to the head, neck, chest, abdomen or groin: level I-II; ${CN} 多发伤/穿透伤 level 1` },
  ] },
  { id: 'trauma-chest', system: 'trauma', label: { zh: '胸部外伤（肋骨）', en: 'chest injury (ribs)' }, terms: ['m:trauma-rib'], base: { level: 4, disposition: 'D5' }, department: 'orthopedics', modifiers: [
    { id: 'chest-injury-breathless', all: ['shortness-of-breath|x:rf-severe-breathing|x:blood-sputum|m:cyanosis|x:fast-breathing'], level: 2, disposition: 'D2', source: `${CTAS} isolated chest trauma with respiratory distress or haemoptysis (pneumothorax, haemothorax): level II` },
    { id: 'chest-injury-older', all: ['x:old|m:anticoagulant'], level: 3, disposition: 'D4', source: `${CTAS} chest trauma; rib fractures in older people carry a high risk of pneumonia (BTS / NICE NG39 rib fracture guidance): same-day assessment` },
  ] },
  { id: 'trauma-abdominal', system: 'trauma', label: { zh: '腹部外伤', en: 'blunt abdominal injury' }, terms: ['m:trauma-abdo-blow'], base: { level: 3, disposition: 'D4' }, department: 'general-surgery', modifiers: [
    { id: 'abdominal-injury-symptoms', all: ['abdominal-pain|nausea-vomiting|m:trauma-bruise|fainting|m:syncope|dizziness|blood-in-urine|x:severe'], level: 2, disposition: 'D2', source: `${CTAS} isolated abdominal trauma, blunt, with pain, vomiting or a handlebar / seat-belt mark (splenic, liver, bowel injury): level II; ${CN}` },
  ] },
  { id: 'trauma-neck-spine', system: 'trauma', label: { zh: '颈椎/脊柱外伤', en: 'neck or spine injury' }, terms: ['m:trauma-neck-injury'], base: { level: 4, disposition: 'D5' }, department: 'orthopedics', modifiers: [
    { id: 'spine-injury-neuro', all: ['m:trauma-limb-neuro|weakness-one-side|x:cauda|m:saddle'], level: 1, disposition: 'D1', redFlag: 'major-trauma', source: `${CTAS} traumatic neck / back injury with a neurological deficit: level I-II (keep still, ambulance); ${CN}` },
    { id: 'spine-injury-high-risk', all: ['m:trauma-spine-high-risk|x:old|m:vehicle|x:high-energy'], level: 2, disposition: 'D2', source: `${CTAS} traumatic neck injury with a high-risk factor: level II; Canadian C-spine rule (Stiell 2001): age >= 65, dangerous mechanism (diving, fall from height, vehicle) or midline tenderness needs imaging` },
  ] },
  { id: 'trauma-upper-limb', system: 'trauma', label: { zh: '上肢外伤（疑骨折）', en: 'arm or wrist injury (possible fracture)' }, terms: ['m:trauma-foosh', 'm:trauma-arm-injury'], base: null, department: 'orthopedics', modifiers: [
    { id: 'upper-limb-neurovascular', all: ['m:trauma-arm-injury|m:trauma-foosh', 'm:msk-blue-digits|m:msk-numb-digits|m:trauma-cold-hand'], level: 2, disposition: 'D2', source: `${CTAS} extremity injury with neurovascular compromise (cold, pale, numb): level II` },
    { id: 'foosh-swelling', all: ['m:trauma-foosh', 'x:swollen|x:severe|m:worst-pain|m:trauma-limb-swollen'], level: 3, disposition: 'D4', source: `${CTAS} upper extremity injury after a fall on an outstretched hand with swelling or marked pain (distal radius / scaphoid): level III; NICE NG38 fractures (non-complex): X-ray` },
    { id: 'upper-limb-suspected-fracture', all: ['m:trauma-arm-injury|m:trauma-foosh', 'm:trauma-limb-swollen|x:fracture-signs|m:trauma-hurts-to-move|m:deformity'], level: 3, disposition: 'D4', source: `${CTAS} upper extremity injury, suspected fracture (swelling, pain on movement), moderate pain: level III-IV; NICE NG38 fractures (non-complex): X-ray the same day` },
  ] },
  { id: 'trauma-ankle-sprain', system: 'trauma', label: { zh: '踝扭伤能走路', en: 'ankle sprain, able to walk' }, terms: ['m:trauma-sprain', 'm:ankle-sprain'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:can-walk|m:trauma-weight-bear|m:trauma-ottawa-negative'], modifiers: [] },
  { id: 'trauma-ankle-ottawa', system: 'trauma', label: { zh: '踝扭伤不能负重', en: 'ankle injury, cannot bear weight' }, terms: ['m:trauma-sprain', 'm:ankle-sprain'], base: null, department: 'orthopedics', modifiers: [
    { id: 'ankle-cannot-weight-bear', all: ['x:fracture-signs|m:deformity|m:trauma-no-weight'], level: 3, disposition: 'D4', source: `${CTAS} lower extremity injury, unable to weight bear: level III; Ottawa ankle rules (Stiell 1992): X-ray when unable to bear weight for 4 steps or bony tenderness` },
  ] },
  { id: 'trauma-amputation', system: 'trauma', label: { zh: '断指/肢体离断', en: 'amputation (finger, limb)' }, terms: ['m:trauma-amputation'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'trauma-facial', system: 'trauma', label: { zh: '面部外伤', en: 'facial injury' }, terms: ['m:trauma-face'], base: { level: 4, disposition: 'D5' }, department: 'ent', modifiers: [
    { id: 'facial-injury-jaw-or-eye', all: ['m:trauma-jaw|x:vision-loss|m:trauma-double|x:nosebleed'], level: 3, disposition: 'D4', source: `${CTAS} facial trauma with malocclusion, diplopia (orbital floor) or ongoing nosebleed: level III` },
  ] },
  { id: 'trauma-laceration', system: 'trauma', label: { zh: '切割伤/裂伤', en: 'cut (laceration)' }, terms: ['m:trauma-cut'], base: null, department: 'general-surgery', modifiers: [
    { id: 'laceration-tendon-nerve', resolvedToo: true, all: ['m:trauma-cut', 'm:trauma-digit-numb|m:trauma-cant-bend'], level: 3, disposition: 'D4', source: `${CTAS} laceration with a possible tendon or nerve injury (numb finger, cannot bend it): level III` },
    { id: 'laceration-needs-closure', resolvedToo: true, all: ['m:trauma-cut', 'm:trauma-gaping|x:deep-cut|m:trauma-length'], level: 4, disposition: 'D4', source: `${CTAS} laceration needing closure, bleeding controlled: level IV, closed the same day (primary closure best within 6-8 h; NICE CKS lacerations)` },
  ] },
  { id: 'trauma-graze', system: 'trauma', label: { zh: '擦伤', en: 'graze (abrasion)' }, terms: ['m:trauma-graze'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, modifiers: [] },
  { id: 'trauma-head-bump-child', system: 'trauma', label: { zh: '儿童头部轻微磕碰', en: "minor head bump, child acting normally" }, terms: ['x:head-injury', 'm:head-strike', 'm:trauma-head-bump'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:trauma-acting-normal'], modifiers: [] },
  { id: 'trauma-strangulation', system: 'trauma', label: { zh: '掐颈/勒颈', en: 'strangulation' }, terms: ['m:trauma-strangled'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
  { id: 'trauma-recurrent-falls', system: 'trauma', label: { zh: '反复跌倒', en: 'recurrent falls' }, terms: ['m:trauma-repeat-fall'], base: { level: 4, disposition: 'D5' }, department: 'general-medicine', modifiers: [] },
  { id: 'trauma-long-lie', system: 'trauma', label: { zh: '老人跌倒后长时间躺地', en: 'long lie after a fall' }, terms: ['m:trauma-long-lie'], base: { level: 2, disposition: 'D2' }, department: null, modifiers: [] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:trauma-stab': ['(?:捅|扎|刺|砍)(?:了)?(?:他|她|我)?(?:的)?(?:肚子|胸口|胸|背|后背|腿|胳膊|脖子|腰)?(?:一|两|几|好几)刀', '挨了(?:一|两|几|好几)刀', '被(?:人)?(?:用|拿)(?:刀|匕首)', '(?:被)?(?:人)?(?:用刀)?(?:捅|扎|刺)(?:了)?(?:一|两|几)?刀', '刀(?:捅|扎|刺)(?:伤|进)', '刺伤', '枪伤', '中枪', '被(?:枪)?打中', '钢筋(?:扎|插|戳)(?:进|穿)'],
    'm:trauma-torso': ['(?:肚子|胸口|胸|背|后背|脖子|腰|肋)(?:上|部)?(?:被)?(?:捅|扎|刺|插)', '(?:捅|扎|刺|插)(?:了)?(?:在|到|进)?(?:了)?(?:他|她|我)?(?:的)?(?:肚子|胸口|胸|背|后背|脖子|腰|肋)'],
    'm:trauma-rib': ['肋骨(?:磕|撞|摔|被|那|疼|痛|骨折|断)', '(?:磕|撞|摔)(?:到|在|了)?(?:肋骨|肋条|胸口|侧胸)', '肋骨骨折'],
    'm:trauma-abdo-blow': ['(?:车把|车把手|自行车把)(?:撞|顶|戳)(?:到|在|了)?(?:肚子|腹)', '(?:肚子|腹部)(?:被)?(?:踢|撞|顶|打|砸)(?:了|到)', '(?:踢|撞|顶|打|砸)(?:到|在|了)(?:他|她|我)?(?:的)?肚子', '腹部(?:外伤|撞击|闭合伤)', '安全带勒'],
    'm:trauma-bruise': ['(?:肚子|腹部)(?:上)?(?:有)?(?:一块|一道)?(?:淤青|青紫|印子|瘀斑)'],
    'm:trauma-neck-injury': ['(?:摔|撞|磕|跳水)(?:到|了|伤)?(?:了)?(?:脖子|颈椎|后颈)', '(?:脖子|颈椎|脊柱|脊椎)(?:受伤|外伤|骨折)', '(?:扎猛子|跳水)(?:头)?(?:撞|磕)(?:到)?(?:池底|底)', '(?:摔|撞)(?:到|伤|了)?(?:脊柱|脊椎)'],
    'm:trauma-spine-high-risk': ['扎猛子', '跳水', '(?:脖子|颈椎|后颈)(?:正中|中间)(?:按着)?(?:疼|痛)', '!(?:脖子|头)(?:转|扭)不(?:了|动)'],
    'm:trauma-limb-neuro': ['!(?:手脚|胳膊|四肢|双腿|两条腿|两只手)(?:都)?(?:发麻|麻了|麻木|没劲|动不了|没知觉)', '!(?:腿|脚|胳膊|手)(?:都)?动不了'],
    'm:trauma-foosh': ['(?:手|胳膊)(?:先)?(?:撑|杵|拄)(?:地|了一下|在地上)', '用手撑(?:了一下|地)', '摔倒(?:的时候)?手(?:撑|着地)'],
    'm:trauma-arm-injury': ['(?:摔|磕|撞|扭|砸|压)(?:到|了|伤)?(?:了)?(?:手腕|腕|前臂|小臂|胳膊|胳膊肘|肘|手|锁骨|肩膀)', '(?:手腕|腕|前臂|小臂|胳膊|胳膊肘|肘|锁骨)(?:摔|磕|撞|扭|砸)(?:了|伤|到)'],
    'm:trauma-limb-swollen': ['(?:手腕|腕|前臂|胳膊|胳膊肘|肘|手)(?:肿得|肿了|肿起来)(?:跟|像)?(?:馒头|包子|鸡蛋)?', '肿得(?:跟|像)(?:馒头|包子)'],
    'm:trauma-hurts-to-move': ['(?:一动|一碰|动一下|转一下)(?:就)?(?:疼|痛)', '!(?:不敢|不能)(?:动|用力|拿东西)'],
    'm:trauma-cold-hand': ['(?:手|手指)(?:发凉|冰凉|发白|发紫)'],
    'm:trauma-sprain': ['崴(?:了)?(?:一下)?(?:左|右)?(?:脚|脚踝|脚脖子|踝)', '(?:左|右)?(?:脚踝|脚脖子|脚)(?:崴了|扭了|扭伤|崴伤)', '扭(?:了|到|伤)(?:一下)?(?:左|右)?(?:脚踝|脚脖子|脚)', '踝(?:关节)?扭伤'],
    'm:trauma-weight-bear': ['能(?:自己)?(?:走|下地|站|着地)', '!走路(?:还行|没问题|可以)', '(?:能|可以)走(?:[四五六七八九十几]步|几步)'],
    'm:trauma-ottawa-negative': ['(?:按|压|摸)(?:了)?.{0,16}?(?:骨头)?(?:都)?(?=不(?:疼|痛))', '骨头(?:都)?(?=不(?:疼|痛))', '软组织'],
    'm:trauma-no-weight': ['!(?:脚)?(?:不能|没法|不敢)(?:着地|落地|下地|踩|走路|站)', '!(?:站|走)不了'],
    'm:trauma-amputation': ['(?:手指|指头|脚趾|手)(?:被)?(?:切断|切掉|轧断|压断|砍断|夹断)(?:了)?', '断指', '断肢', '(?:切|轧|压|砍)(?:断|掉)了(?:一截|半截)?(?:手指|指头|脚趾)?', '(?:手指|指头)(?:掉了一截|少了一截)'],
    'm:trauma-face': ['(?:鼻子|鼻梁)(?:被)?(?:打|撞|磕)(?:歪|断|了|伤)', '(?:脸|面部|颧骨|下巴)(?:被)?(?:打|撞|磕)(?:伤|肿|了)', '鼻骨骨折'],
    'm:trauma-jaw': ['!(?:嘴|牙)(?:合不上|咬不上|对不上)', '下巴(?:脱|掉|歪)'],
    'm:trauma-double': ['看东西(?:有)?重影', '重影'],
    'm:trauma-cut': ['!(?:切|割|划|砍|剁|刮)(?:到|破|伤|了)(?:了)?(?:一下)?(?:左|右)?(?:手|手指|手指头|食指|拇指|大拇指|中指|无名指|小指|脚|腿|胳膊|头|脸)', '(?:切|划|割|砍)(?:了|出|破)(?:个|一个|一道|道|条|一条)?(?:大)?口子', '(?:手|手指|食指|拇指)(?:被)?(?:刀|玻璃|菜刀)(?:切|划|割)', '裂伤', '割伤', '切割伤'],
    'm:trauma-gaping': ['!(?:口子|伤口)(?:有点|有些|都)?(?:裂开|张开|张着|翻开|合不上)', '张着口', '皮肉翻(?:开|出来)'],
    'm:trauma-length': ['(?:一|两|二|三|四|五|[1-9])(?:厘米|公分|cm)(?:多|左右)?(?:长)?'],
    'm:trauma-digit-numb': ['!(?:手指|指头|指尖)(?:发麻|麻了|没知觉|没感觉)', '!(?:手指|指头)(?:感觉)?不(?:太)?(?:灵|对劲)'],
    'm:trauma-cant-bend': ['!(?:手指|指头)(?:弯|伸)不(?:了|起来|直)', '!(?:弯|伸)不(?:了|动)(?:手指|指头)'],
    'm:trauma-graze': ['擦破(?:了)?(?:点)?皮', '擦伤', '蹭破(?:了)?(?:点)?皮', '磕破(?:了)?(?:点)?皮', '破了点皮'],
    'm:trauma-head-bump': ['(?:头|脑袋|额头|脑门)(?:上)?(?:磕|撞|碰)(?:了|到)?(?:一下|个包)', '(?:磕|撞|碰)(?:到|了)(?:一下)?(?:头|脑袋|额头|脑门)', '(?:头|额头|脑门)(?:上)?(?:起了|鼓了)(?:个)?包'],
    'm:trauma-acting-normal': ['(?:又蹦又跳|蹦蹦跳跳|跑来跑去|到处跑)', '(?:跟|和)平(?:时|常)一样', '(?:该吃吃该玩玩|能吃能玩|还在玩|照样玩|在那玩|在玩)', '(?:精神|反应)(?:很好|挺好|正常)'],
    'm:trauma-strangled': ['掐(?:住|了)?(?:脖子|喉咙)', '勒(?:住|了)?(?:脖子|喉咙)', '被(?:人)?掐'],
    'm:trauma-repeat-fall': ['(?:又|再)(?:一次)?(?:摔|跌|栽)(?:了|倒|跤)', '(?:这个月|最近|这半年|今年|这一年|一个月)(?:里|内|来)?(?:已经)?(?:摔|跌)(?:了|倒了?)?(?:两|三|好几|几)(?:次|回|跤)', '(?:第二|第三|第四)(?:次|回)(?:摔|跌)', '(?:老|经常|总)(?:是)?(?:摔跤|摔倒|跌倒|摔)'],
    'm:trauma-long-lie': ['(?:在)?地上(?:躺|趴)(?:了)?(?:一夜|一晚上|一整夜|一宿|好几个小时|半天|一天)', '!(?:摔倒|倒)(?:在地上)?(?:后)?(?:一夜|一晚上|一宿|好几个小时)(?:都)?(?:没|才)(?:人)?(?:发现|起来)'],
  },
  en: {
    'm:trauma-stab': ['\\bstabbed\\b', '\\bstab (?:wound|injury)\\b', '\\bknifed\\b', '\\bgunshot\\b', '\\bshot (?:in|through)\\b', '\\bbeen shot\\b', '\\bimpaled\\b', '\\bpenetrating (?:injury|trauma|wound)\\b'],
    'm:trauma-torso': ['\\b(?:in|into|to) (?:the |his |her |my )?(?:chest|abdomen|belly|stomach|tummy|back|neck|side|groin)\\b'],
    'm:trauma-rib': ['\\bribs?\\b[a-z ]{0,20}\\b(?:hurt|hurts|sore|bruised|cracked|broken|fractured|pain)\\b', '\\b(?:hit|landed on|banged|bruised|cracked|broke) (?:my|his|her) ribs?\\b', '\\brib (?:injury|fracture)\\b', '\\bchest wall (?:injury|bruising)\\b'],
    'm:trauma-abdo-blow': ['\\bhandlebars? (?:went )?(?:into|in) (?:his|her|my) (?:tummy|belly|stomach|abdomen)\\b', '\\bhandlebar injury\\b', '\\b(?:kicked|punched|hit|elbowed|kneed) in the (?:tummy|belly|stomach|abdomen|guts)\\b', '\\bseat ?belt (?:mark|sign|bruise)\\b', '\\bblunt abdominal (?:trauma|injury)\\b'],
    'm:trauma-bruise': ['\\bbruis\\w+ (?:on|across) (?:his|her|my|the) (?:tummy|belly|abdomen)\\b', '\\b(?:tummy|belly|abdomen) (?:is )?bruised\\b'],
    'm:trauma-neck-injury': ['\\b(?:dived|dove|jumped) into (?:the )?shallow\\b', '\\bhurt (?:his|her|my) neck\\b[a-z ]{0,20}\\b(?:fall|fell|crash|accident|dive|tackle)\\b', '\\bneck (?:injury|trauma)\\b', '\\bwhiplash\\b', '\\b(?:fell|landed)\\b[a-z ]{0,20}\\b(?:on|onto) (?:his|her|my) (?:neck|spine)\\b', '\\bc-?spine\\b', '\\bspinal injury\\b'],
    'm:trauma-spine-high-risk': ['\\b(?:dived|dove|jumped) into (?:the )?shallow\\b', '\\bmidline (?:neck |spinal |c-?spine )?tenderness\\b', "!\\bcan'?t (?:turn|rotate) (?:his|her|my) (?:neck|head)\\b", '\\bdangerous mechanism\\b'],
    'm:trauma-limb-neuro': ['\\b(?:arms|legs|hands|feet|arms and legs)\\b[a-z ]{0,10}\\b(?:numb|tingling|weak|pins and needles)\\b', "!\\bcan'?t (?:move|feel) (?:his|her|my) (?:legs|arms|feet|hands)\\b"],
    'm:trauma-foosh': ['\\bfoosh\\b', '\\b(?:landed|fell) on (?:my|his|her) (?:outstretched )?(?:hand|hands|arm|wrist)\\b', '\\bput (?:my|his|her) hand out\\b', '\\bfell on an outstretched hand\\b'],
    'm:trauma-arm-injury': ['\\b(?:fell|came|come|falling) (?:off|over|down|from)\\b[a-z ,\']{0,40}\\b(?:arm|forearm|wrist|elbow|hand|collarbone|shoulder)\\b', '\\b(?:hurt|injured|banged|twisted|bent back) (?:my|his|her) (?:arm|forearm|wrist|elbow|hand|thumb|collarbone|shoulder)\\b', '\\b(?:arm|forearm|wrist|elbow|collarbone)\\b[a-z ]{0,20}\\b(?:after|since) (?:the |a |he |she |i )?(?:fall|fell|tackle|crash)\\b'],
    'm:trauma-limb-swollen': ['\\b(?:wrist|forearm|arm|elbow|hand)(?:\'s| is)? (?:really |very |quite |badly |so )?(?:swollen|swelling)\\b(?! a bit)', '\\bswollen (?:wrist|forearm|arm|elbow|hand)\\b', '\\bsnuffbox tenderness\\b'],
    'm:trauma-hurts-to-move': ['\\bhurts (?:a lot |loads |badly )?(?:when|if) (?:he|she|i) (?:moves?|uses?|turns?|bends?) it\\b', "!\\b(?:won'?t|can'?t|doesn'?t want to) (?:move|use|lift) (?:it|his arm|her arm|my arm)\\b"],
    'm:trauma-cold-hand': ['\\b(?:hand|fingers)\\b[a-z ]{0,10}\\b(?:cold|white|pale|blue)\\b'],
    'm:trauma-sprain': ['\\b(?:rolled|twisted|sprained|turned|went over on) (?:my|his|her) (?:left |right )?ankle\\b', '\\b(?:ankle|inversion) (?:sprain|injury)\\b', '\\bsprained (?:ankle|wrist)\\b'],
    'm:trauma-weight-bear': ['\\b(?:can|could|able to) (?:still )?(?:walk|weight[- ]bear|bear weight|put weight on it)\\b', '\\bwalking (?:on it|normally|fine|ok)\\b', '\\b(?:4|four) steps\\b'],
    'm:trauma-ottawa-negative': ['!\\bottawa (?:rules? )?(?:negative|not met)\\b', '!\\bno bony tenderness\\b', '!\\bnot tender (?:over|on) the bone\\b'],
    'm:trauma-no-weight': ["!\\b(?:can'?t|cannot|unable to|won'?t) (?:put (?:any )?weight on it|weight[- ]bear|bear weight|walk on it|stand on it)\\b"],
    'm:trauma-amputation': ['\\bamputat\\w+\\b', '\\b(?:cut|sliced|chopped) (?:off|the (?:tip|end) off)\\b', '\\b(?:finger|fingertip|toe|thumb)\\b[a-z ]{0,15}\\b(?:came off|cut off|severed|hanging off)\\b', '\\bsevered\\b'],
    'm:trauma-face': ['\\bbroken nose\\b', '\\b(?:punched|hit|elbowed|smacked|headbutted) in the (?:face|nose|jaw|cheek|eye)\\b', '\\bfacial (?:injury|trauma|fracture)\\b', '\\bnose (?:looks )?(?:bent|crooked|squint) (?:now|since)\\b'],
    'm:trauma-jaw': ["!\\bteeth (?:don'?t|won'?t|do not) (?:meet|line up|fit together)\\b", "!\\bcan'?t (?:close|open) (?:his|her|my) (?:jaw|mouth)\\b", '\\bmalocclusion\\b', '\\bjaw (?:is )?(?:dislocated|locked|out)\\b'],
    'm:trauma-double': ['\\bdouble vision\\b', '\\bseeing double\\b', '\\bdiplopia\\b'],
    'm:trauma-cut': ['\\bcut (?:my|his|her) (?:finger|thumb|hand|palm|leg|foot|arm|head|face|forehead|chin)\\b', '\\b(?:finger|thumb|hand|palm)\\b[a-z ]{0,10}\\b(?:cut|sliced|slashed)\\b', '\\blaceration\\b', '\\bgash\\b', '\\bsliced (?:my|his|her|into)\\b', '\\bcut (?:on|to) (?:the|his|her|my)\\b'],
    'm:trauma-gaping': ['\\bgaping\\b', '!\\b(?:gapes|opens up|edges (?:don\'?t|won\'?t) (?:meet|close|come together))\\b', '\\bneeds? (?:stitches|sutures|glue|steri-?strips)\\b', '\\bdeep\\b'],
    'm:trauma-length': ['\\b(?:\\d|one|two|three|four|five) ?(?:cm|centimet(?:re|er)s?|inch(?:es)?)\\b(?: long)?'],
    'm:trauma-digit-numb': ['!\\b(?:finger|fingertip|thumb)\\b[a-z ]{0,10}\\b(?:numb|tingling|no feeling)\\b'],
    'm:trauma-cant-bend': ["!\\bcan'?t (?:bend|straighten|move) (?:the |his |her |my )?(?:finger|thumb|tip)\\b"],
    'm:trauma-graze': ['\\bgraze[ds]?\\b', '\\bgrazing\\b', '\\bscrap(?:e|ed|es) (?:on )?(?:his|her|my|the) (?:knee|elbow|hand|leg|arm)\\b', '\\babrasions?\\b', '\\bskinned (?:his|her|my) knee\\b', '\\broad rash\\b'],
    'm:trauma-head-bump': ['\\b(?:bumped|banged|knocked|hit) (?:his|her|my|their) (?:head|forehead)\\b', '\\b(?:bump|lump|egg) on (?:his|her|the|my) (?:head|forehead)\\b'],
    'm:trauma-acting-normal': ['\\b(?:running|racing) (?:about|around)\\b', '\\bplaying (?:normally|happily|as usual|again|away)\\b', '\\bback to (?:his|her) (?:usual|normal) self\\b', '\\b(?:acting|behaving|talking) normally\\b', '\\bhis usual self\\b', '\\bher usual self\\b', '\\b(?:eating|asking for) (?:a )?(?:biscuits?|snacks?|crisps)\\b'],
    'm:trauma-strangled': ['\\bstrangl\\w+\\b', '\\bchok(?:ed|ing) (?:me|her|him) (?:with|by)\\b', '\\bhands (?:round|around) (?:my|her|his) (?:neck|throat)\\b', '\\bput (?:his|her) hands (?:round|around) (?:my|her|his) neck\\b'],
    'm:trauma-repeat-fall': ['\\b(?:second|third|fourth|another) fall\\b', '\\bfell again\\b', '\\bkeeps? (?:on )?falling\\b', '\\b(?:several|two|three|a few|multiple|repeated|recurrent|frequent) falls\\b', '\\b(?:fallen|fell) (?:twice|three times|several times|a few times)\\b'],
    'm:trauma-long-lie': ['\\b(?:on|lying on) the floor (?:all night|overnight|for (?:hours|\\w+ hours|the whole night))\\b', '\\blong lie\\b', '\\bfound (?:him|her) on the floor\\b[a-z ]{0,20}\\b(?:this morning|all night|hours)\\b'],
  },
};
