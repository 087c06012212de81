/**
 * CEDIS system "gastrointestinal": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2 GI list): abdominal pain (appendicitis pattern, biliary pain,
 * bowel obstruction; the general row is in complaints.ts), nausea/vomiting (bilious, projectile,
 * after a head injury is in the rules), diarrhoea, constipation, vomiting blood (complaints.ts),
 * blood in stool / rectal bleeding, jaundice, rectal/perineal pain, groin pain/mass (hernia),
 * oral/oesophageal foreign body, dysphagia, abdominal distension, hiccoughs, anorexia / weight
 * loss, stoma and feeding-tube problems; benign rows: gastroenteritis keeping fluids down,
 * simple reflux after a meal.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

export const COMPLAINTS: Complaint[] = [
  { id: 'gi-appendicitis-pattern', system: 'gastrointestinal', label: { zh: '转移性右下腹痛', en: 'pain moving to the right lower abdomen' }, terms: ['m:gi-rlq-shift', 'm:gi-jolt'], base: null, department: 'general-surgery', modifiers: [
    { id: 'appendicitis-migration-or-jolt', all: ['m:gi-rlq-shift|m:gi-jolt', 'abdominal-pain|m:rlq|x:rlq|m:gi-rlq-shift', 'm:gi-rlq-shift|m:rlq|x:rlq|fever|nausea-vomiting|m:gi-off-food'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: `${CTAS} abdominal pain with peritoneal irritation (pain on walking / jolting, migration to the right iliac fossa): level II-III; ${CN} 急腹症 level 2; Alvarado score (migration, anorexia, fever, RIF tenderness)` },
  ] },
  { id: 'gi-bowel-obstruction', system: 'gastrointestinal', label: { zh: '肠梗阻表现', en: 'possible bowel obstruction' }, terms: ['m:gi-no-flatus', 'm:gi-faecal-vomit'], base: null, department: 'general-surgery', modifiers: [
    { id: 'obstruction-signs', all: ['m:gi-no-flatus|m:gi-faecal-vomit', 'nausea-vomiting|abdominal-pain|m:gi-distension|constipation|m:gi-faecal-vomit'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: `${CTAS} abdominal pain / vomiting with distension and no flatus (obstruction): level II; ${CN} 肠梗阻 level 2` },
  ] },
  { id: 'gi-bilious-vomiting', system: 'gastrointestinal', label: { zh: '呕吐胆汁（绿色）', en: 'green (bilious) vomiting' }, terms: ['m:gi-bilious'], base: { level: 2, disposition: 'D2' }, department: 'general-surgery', modifiers: [
    { id: 'bilious-vomiting', all: [], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: 'CNPED2023 婴幼儿胆汁性呕吐 (possible malrotation / volvulus) level 2; NICE NG143 / NICE CG84 bile-stained vomit: urgent surgical assessment; CTAS2016 vomiting, paediatric: level II with bile' },
  ] },
  { id: 'gi-projectile-vomiting-infant', system: 'gastrointestinal', label: { zh: '婴儿喷射性呕吐', en: 'projectile vomiting in a baby' }, terms: ['m:gi-projectile'], base: null, department: 'pediatrics', modifiers: [
    { id: 'projectile-vomiting-infant', all: ['m:gi-projectile'], ages: ['infant'], level: 3, disposition: 'D4', source: 'CNPED2023 婴儿反复喷射性呕吐 (pyloric stenosis) level 3; CTAS2016 vomiting in an infant, mild dehydration: level III' },
  ] },
  { id: 'gi-gastroenteritis-mild', system: 'gastrointestinal', label: { zh: '轻度胃肠炎（能喝水）', en: 'mild gastroenteritis, keeping fluids down' }, terms: ['diarrhea', 'nausea-vomiting', 'm:gi-loose-stools'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:gi-keeping-fluids'], modifiers: [] },
  { id: 'gi-reflux-simple', system: 'gastrointestinal', label: { zh: '饮食后反酸烧心', en: 'reflux after a meal' }, terms: ['m:heartburn'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:gi-meal-trigger|m:gi-known-reflux'], modifiers: [] },
  { id: 'gi-dyspepsia-persistent', system: 'gastrointestinal', label: { zh: '反复胃部不适', en: 'persistent indigestion' }, terms: ['m:gi-dyspepsia', 'm:gi-scope', 'x:hiccup', 'm:heartburn'], base: null, department: 'gastroenterology', modifiers: [
    { id: 'dyspepsia-alarm', all: ['m:gi-dyspepsia|m:gi-scope|x:hiccup|m:heartburn|abdominal-pain', 'm:gi-weight-loss|m:gi-dysphagia'], level: 4, disposition: 'D5', source: 'NICE NG12 (2015) dyspepsia with weight loss or dysphagia: urgent (2-week) endoscopy referral; CTAS2016 level IV-V' },
    { id: 'dyspepsia-for-weeks', all: ['m:gi-dyspepsia|m:gi-scope|x:hiccup|m:heartburn|abdominal-pain', 'm:gi-weeks|m:gi-scope|x:chronic'], level: 4, disposition: 'D6', source: 'NICE CG184 dyspepsia: routine review / endoscopy when persistent; CTAS2016 level V (chronic) -> routine appointment' },
  ] },
  { id: 'gi-biliary-pain', system: 'gastrointestinal', label: { zh: '右上腹痛（胆囊）', en: 'right upper abdominal (biliary) pain' }, terms: ['m:gi-ruq', 'm:gi-gallstones'], base: null, department: 'general-surgery', modifiers: [
    { id: 'cholangitis-signs', all: ['m:gi-ruq|m:gi-gallstones', 'fever|x:high-fever|x:chills', 'm:gi-jaundice|x:chills'], level: 2, disposition: 'D2', redFlag: 'sepsis-signs', source: `${CTAS} RUQ pain with fever and jaundice / rigors (Charcot triad): level II; ${CN} 急性胆管炎 level 2; Tokyo Guidelines 2018` },
    { id: 'cholecystitis-signs', all: ['m:gi-ruq|m:gi-gallstones', 'fever|x:high-fever|m:gi-jaundice|x:severe|m:worst-pain'], level: 3, disposition: 'D4', source: `${CTAS} abdominal pain, moderate, with fever: level III; Tokyo Guidelines 2018 acute cholecystitis` },
    { id: 'biliary-colic', all: ['m:gi-ruq|m:gi-gallstones', 'm:gi-fatty-meal|m:gi-gallstones|abdominal-pain|pain-general|nausea-vomiting'], level: 4, disposition: 'D5', resolvedToo: true, source: `${CTAS} abdominal pain, mild (< 4/10) or settled: level IV; NICE CG188 gallstone disease: biliary colic referred for assessment` },
  ] },
  { id: 'gi-jaundice', system: 'gastrointestinal', label: { zh: '黄疸', en: 'jaundice' }, terms: ['m:gi-jaundice'], base: { level: 3, disposition: 'D4' }, department: 'gastroenterology', modifiers: [
    { id: 'jaundice-fever', all: ['fever|x:high-fever|x:chills'], level: 2, disposition: 'D2', redFlag: 'sepsis-signs', source: `${CTAS} jaundice with fever (cholangitis): level II; ${CN}` },
  ] },
  { id: 'gi-rectal-bleeding', system: 'gastrointestinal', label: { zh: '便血', en: 'blood in stool / rectal bleeding' }, terms: ['x:blood-stool', 'm:gi-pr-bleed'], base: { level: 4, disposition: 'D6' }, department: 'general-surgery', modifiers: [
    { id: 'rectal-bleeding-unstable', all: ['x:blood-stool|m:gi-pr-bleed', 'dizziness|fainting|m:syncope|m:gi-large-amount'], level: 2, disposition: 'D2', redFlag: 'severe-bleeding', source: `${CTAS} GI bleed with haemodynamic symptoms (light-headed, faint) or large volume: level II; ${CN} 消化道出血 level 2` },
    { id: 'rectal-bleeding-anticoagulated', all: ['x:blood-stool|m:gi-pr-bleed', 'm:anticoagulant'], level: 3, disposition: 'D4', source: `${CTAS} bleeding disorder / anticoagulant with active bleeding: level II-III` },
    { id: 'rectal-bleeding-minor', all: ['m:gi-pr-bleed|x:blood-stool', 'x:hemorrhoid|constipation|m:gi-anal-pain|m:gi-on-paper'], level: 4, disposition: 'D6', resolvedToo: true, source: `${CTAS} rectal bleeding, small amount, stable: level IV-V; NICE NG12 (unexplained rectal bleeding is referred; a haemorrhoid or fissure bleed is a routine review)` },
  ] },
  { id: 'gi-anal-pain', system: 'gastrointestinal', label: { zh: '肛周疼痛', en: 'rectal / perianal pain' }, terms: ['m:gi-anal-pain'], base: { level: 4, disposition: 'D5' }, department: 'general-surgery', modifiers: [
    { id: 'perianal-abscess', all: ['m:gi-anal-pain', 'fever|x:swollen|m:gi-anal-lump'], level: 3, disposition: 'D4', source: `${CTAS} rectal/perineal pain with fever or fluctuant swelling (abscess): level III` },
  ] },
  { id: 'gi-hernia', system: 'gastrointestinal', label: { zh: '腹股沟疝/包块', en: 'groin lump or hernia' }, terms: ['m:gi-hernia'], base: { level: 4, disposition: 'D6' }, department: 'general-surgery', modifiers: [
    { id: 'hernia-incarcerated', all: ['m:gi-hernia', 'm:gi-irreducible|nausea-vomiting|x:severe|m:worst-pain|m:gi-no-flatus'], level: 2, disposition: 'D2', redFlag: 'acute-abdomen', source: `${CTAS} groin pain/mass, irreducible or with vomiting (incarcerated / strangulated hernia): level II; ${CN} 嵌顿疝 level 2` },
  ] },
  { id: 'gi-foreign-body-swallowed', system: 'gastrointestinal', label: { zh: '误吞异物/异物卡喉', en: 'swallowed foreign body' }, terms: ['m:gi-fb', 'm:gi-battery-magnet'], base: { level: 3, disposition: 'D4' }, department: 'ent', modifiers: [
    { id: 'button-battery-or-magnets', all: ['m:gi-battery-magnet'], level: 2, disposition: 'D2', resolvedToo: true, source: 'CNPED2023 纽扣电池/多枚磁铁误吞 level 2 (emergency removal); NASPGHAN 2015 button battery guideline: X-ray and removal within 2 h; CTAS2016 oral/oesophageal foreign body' },
    { id: 'fb-cannot-swallow', all: ['m:gi-fb', 'x:cant-swallow|m:throat-danger|m:gi-dysphagia'], level: 2, disposition: 'D2', source: `${CTAS} oesophageal foreign body, unable to swallow saliva / drooling: level II` },
  ] },
  { id: 'gi-dysphagia', system: 'gastrointestinal', label: { zh: '吞咽困难', en: 'difficulty swallowing' }, terms: ['m:gi-dysphagia'], base: { level: 4, disposition: 'D5' }, department: 'gastroenterology', modifiers: [
    { id: 'dysphagia-food-bolus', all: ['m:gi-dysphagia', 'x:cant-swallow|m:throat-danger|m:gi-bolus'], level: 2, disposition: 'D2', source: `${CTAS} food bolus obstruction, unable to swallow saliva: level II` },
  ] },
  { id: 'gi-distension', system: 'gastrointestinal', label: { zh: '腹胀/腹水', en: 'abdominal distension' }, terms: ['m:gi-distension'], base: null, department: 'gastroenterology', modifiers: [
    { id: 'distension-cirrhosis-fever', all: ['m:gi-distension', 'm:gi-cirrhosis', 'fever|abdominal-pain|confusion'], level: 2, disposition: 'D2', redFlag: 'sepsis-signs', source: `${CTAS} ascites with fever / pain in cirrhosis (spontaneous bacterial peritonitis): level II; EASL 2018 decompensated cirrhosis` },
    { id: 'distension-vomiting', all: ['m:gi-distension', 'nausea-vomiting', 'constipation|m:gi-no-flatus|abdominal-pain'], level: 3, disposition: 'D2', source: `${CTAS} abdominal distension with vomiting: level III (possible obstruction)` },
  ] },
  { id: 'gi-hiccups', system: 'gastrointestinal', label: { zh: '顽固性呃逆', en: 'persistent hiccups' }, terms: ['m:gi-hiccups'], base: { level: 4, disposition: 'D6' }, department: 'gastroenterology', modifiers: [] },
  { id: 'gi-weight-loss', system: 'gastrointestinal', label: { zh: '食欲差/体重下降', en: 'poor appetite or weight loss' }, terms: ['m:gi-weight-loss'], base: { level: 4, disposition: 'D6' }, department: 'general-medicine', modifiers: [] },
  { id: 'gi-stoma-tube', system: 'gastrointestinal', label: { zh: '造口/胃管问题', en: 'stoma or feeding tube problem' }, terms: ['m:gi-stoma'], base: { level: 4, disposition: 'D5' }, department: 'general-surgery', modifiers: [
    { id: 'stoma-not-working', all: ['m:gi-stoma', 'nausea-vomiting|m:gi-no-flatus|m:gi-stoma-dark|x:severe'], level: 2, disposition: 'D2', source: `${CTAS} stoma problem with no output and vomiting, or a dusky stoma: level II-III` },
    { id: 'feeding-tube-out', all: ['m:gi-stoma', 'm:gi-tube-out'], level: 3, disposition: 'D4', source: `${CTAS} feeding tube dislodged (tract closes within hours): level III-IV` },
  ] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:gi-rlq-shift': ['(?:肚脐|脐|胃|上腹|心口窝)(?:周围|附近|那|这|眼)?.{0,14}(?:疼|痛)?(?:到|去|向|往|挪到|转到|跑到|移到)(?:了)?右(?:下|边下面|下边|下面|下腹|下肚子)', '转移性右下腹'],
    'm:gi-jolt': ['(?:走路|走|下楼|跳|咳嗽|车)(?:一)?(?:颠|震|颠簸)(?:一下)?(?:就|都)?(?:疼|痛)', '!(?:疼得|疼的)(?:直不起腰|不敢走路|弯着腰)', '!(?:按|压|摸)(?:一下|着|他|她)?(?:右下|那里|那块|肚子)?.{0,4}(?:就叫|就喊|疼得叫|直叫)', '(?:一)?(?:松手|松开)(?:更|就)疼'],
    'm:gi-off-food': ['!吃不下(?:东西|饭)?', '!不想吃(?:东西|饭)', '!没胃口'],
    'm:gi-no-flatus': ['!(?:不|没|没有)(?:排气|放屁)', '!屁(?:都|也)?(?:放|排)不出(?:来)?', '!屁(?:都|也)(?:不|没)(?:放|排)(?:了)?', '!(?:不|没)(?:拉|解)(?:大便)?(?:也)?不(?:放屁|排气)', '!肛门(?:停止)?(?:不)?排气'],
    'm:gi-faecal-vomit': ['吐(?:出)?(?:的)?(?:是)?(?:屎|粪)', '吐(?:出)?(?:的)?(?:东西)?(?:有)?(?:粪|臭)味'],
    'm:gi-distension': ['肚子(?:胀|鼓)(?:得)?(?:像|跟)?(?:个|一个)?(?:鼓|球|气球|皮球)', '(?:肚子|腹部)(?:越来越)?(?:大|鼓|胀)(?:起来了|得厉害)', '腹胀(?:明显|厉害)', '腹水', '肚子里(?:有)?水'],
    'm:gi-bilious': ['吐(?:出)?(?:的)?(?:是)?(?:绿|黄绿|墨绿)(?:色)?(?:的)?(?:水|东西|汁)?', '吐胆汁', '胆汁(?:性)?呕吐', '吐(?:的)?(?:都)?是绿'],
    'm:gi-projectile': ['喷射(?:性|状|样)?(?:地|的)?(?:吐|呕吐)', '喷(?:出去|出来)(?:老远|很远|好远|一米)', '(?:吐|呕)(?:的时候)?(?:直接)?喷(?:出去|出来)', '(?:吐|呕)(?:得|出来)?(?:像)?(?:喷|喷出来|喷泉)', '一吃(?:奶)?就喷'],
    'm:gi-keeping-fluids': ['(?:水|汤|稀饭|粥|补液盐)(?:也)?(?:都)?(?:能|可以|还能)(?:喝|喝进去|喝得下|吃)', '能(?:吃|喝)(?:能喝|东西|水)?', '!喝水(?:没问题|正常|还行|可以)', '!(?:尿|小便)(?:也)?(?:正常|跟平时一样|跟平常一样|不少)', '吃(?:饭|东西)(?:还)?(?:正常|行|可以)'],
    'm:gi-loose-stools': ['(?:拉|泻)了?(?:[一二两三四五六七八九十几好]+)(?:次|回|趟)', '(?:大便|拉的)(?:是)?(?:稀|水)(?:的|样)'],
    'm:gi-meal-trigger': ['吃(?:了|完)?(?:火锅|辣的?|烧烤|油腻的?|大餐|太饱|多了|甜的?|宵夜|夜宵)', '喝(?:了)?(?:点)?(?:酒|咖啡|浓茶)', '躺下(?:就|更)(?:明显|厉害|重)'],
    'm:gi-known-reflux': ['(?:平时|以前|一直|老)(?:就)?有(?:胃)?反流', '老胃病', '胃(?:病|炎)(?:好多年|老毛病)', '反流(?:性)?食管炎'],
    'm:gi-dyspepsia': ['!胃(?:这块|里|部)?(?:老|总|经常)?(?:是)?(?:胀|不舒服|难受|隐隐)', '(?:吃完饭|饭后)(?:胃)?(?:老是|总是)?(?:胀|饱胀|打嗝)', '!消化不良', '胃胀'],
    'm:gi-scope': ['胃镜', '肠镜', '做(?:个)?镜子'],
    'm:gi-weeks': ['(?:一|两|三|几|好几|[\\d])(?:个)?(?:来)?月', '(?:好几|几|两三|三四)(?:个)?(?:礼拜|星期|周)', '半年', '一年多?', '最近一两个月', '老是', '总是', '反复'],
    'm:gi-weight-loss': ['(?:体重|人)(?:一下子)?(?:掉|瘦|轻|下降)了(?:好多|很多|十|[\\d一二三四五六七八九十几]+)(?:斤|公斤)?', '瘦了(?:好多|很多|一圈|[\\d一二三四五六七八九十几]+(?:斤|公斤))', '体重(?:明显)?下降', '!没胃口.{0,6}瘦'],
    'm:gi-dysphagia': ['吞咽(?:困难|疼|痛)', '!(?:饭|东西|馒头|肉)(?:咽|吞)不下去', '(?:吃|咽)(?:东西|饭)(?:的时候)?(?:噎|卡|堵)', '噎(?:住|得慌)'],
    'm:gi-bolus': ['(?:肉|食物|饭|馒头|东西)(?:卡|堵)(?:在)?(?:嗓子|喉咙|食道|胸口)'],
    'm:gi-ruq': ['右上腹', '右(?:边)?(?:肋骨|肋)(?:下面|下边|底下|下)', '右(?:边)?上(?:边)?(?:肚子|腹)', '胆(?:囊)?(?:那块|那里|区)?(?:疼|痛|绞痛)', '胆绞痛'],
    'm:gi-gallstones': ['胆(?:囊)?结石', '胆囊炎', '胆(?:里|囊里)?有(?:石头|结石)'],
    'm:gi-fatty-meal': ['(?:吃|吃了|吃完)(?:油腻|油大|肥肉|油炸|炸的|鸡蛋|大餐|火锅)'],
    'm:gi-jaundice': ['(?:皮肤|脸|身上|全身|眼白|白眼珠|眼睛|巩膜)(?:都|也|有点|发)?(?:发)?黄(?:了|黄的)?', '黄疸', '(?:尿|小便)(?:像|跟)?(?:浓茶|酱油)(?:色|一样)?', '大便(?:发白|灰白|白陶土)'],
    'm:gi-pr-bleed': ['(?:擦|手纸|卫生纸|纸)(?:上|的时候)?(?:有|带|见)(?:点|一点|些)?(?:鲜)?(?:红)?(?:的)?血', '(?:大便|便后|拉完)(?:的时候)?(?:滴|带)(?:点)?血', '鲜血(?:便|滴)', '(?:马桶|便池)(?:里)?(?:有)?(?:点)?血'],
    'm:gi-on-paper': ['(?:擦|手纸|卫生纸|纸)(?:上|的时候)', '一点点', '就一点'],
    'm:gi-large-amount': ['(?:一马桶|满马桶|很多|好多|大量)(?:的)?血', '拉(?:了)?(?:好多|很多)血'],
    'm:gi-anal-pain': ['肛门(?:周围|旁边|边上)?(?:疼|痛|肿|长了)', '屁股(?:眼|沟)(?:疼|痛|肿)', '肛周(?:脓肿|疼|肿)', '(?:拉屎|大便|解手)(?:的时候)?(?:像刀割|撕裂|疼)'],
    'm:gi-anal-lump': ['(?:肛门|屁股)(?:边|旁边|周围)?(?:长了?|有)(?:个)?(?:包|疙瘩|硬块)'],
    'm:gi-hernia': ['疝气', '小肠气', '(?:大腿根|腹股沟|肚脐)(?:那里|这里|部位)?(?:鼓|长)(?:出|了)?(?:个)?(?:包|疙瘩)', '腹股沟(?:疝|包|肿)', '脐疝'],
    'm:gi-irreducible': ['!(?:推|按|揉)不回去', '!回不去了?', '(?:包|疝)(?:变)?(?:硬|紫|发紫|发黑)(?:了)?', '嵌顿'],
    'm:gi-fb': ['(?:鱼刺|骨头|鸡骨头|鱼骨|枣核)(?:卡|扎)(?:在|住|到)?', '!(?:吞|咽|吃)(?:了|下去了|进去了?)?(?:一)?(?:个|枚|颗|块)?(?:硬币|钢镚|钉子|别针|大头针|玻璃球|弹珠|珠子|假牙|戒指|钥匙|小零件|玩具)', '(?:硬币|钢镚|珠子|零件)(?:被)?(?:吞|咽)(?:下去|进去)'],
    'm:gi-battery-magnet': ['纽扣电池', '扣子电池', '(?:圆|小)(?:的|圆的)?电池', '磁(?:力)?(?:珠|铁|球)', '吸铁石', '巴克球'],
    'm:gi-hiccups': ['!打嗝(?:打了|一直|停不下来|好几天|两天|三天)', '!(?:一直|不停)(?:地)?打嗝', '呃逆'],
    'm:gi-stoma': ['造口', '造瘘', '人工肛门', '胃管', '鼻饲管', '胃造瘘', 'peg管'],
    'm:gi-stoma-dark': ['造口(?:发紫|发黑|变黑|变紫)'],
    'm:gi-tube-out': ['(?:管子|胃管|造瘘管)(?:掉|脱|拔)(?:出来|了)'],
    'm:gi-cirrhosis': ['肝硬化', '肝(?:癌|病)', '乙肝'],
  },
  en: {
    'm:gi-rlq-shift': ['\\b(?:started|began)\\b[a-z ,]{0,30}\\b(?:belly ?button|navel|middle|centre|center|umbilic\\w*)\\b[a-z ,]{0,40}\\b(?:moved|shifted|gone|went|now|settled)\\b[a-z ,]{0,20}\\bright\\b', '\\b(?:periumbilical|central)\\b[a-z ,]{0,30}\\b(?:migrat\\w+|moved|shift\\w*)\\b[a-z ,]{0,20}\\b(?:rif|right)\\b'],
    'm:gi-jolt': ['\\b(?:hurts|pain|worse|agony) (?:with|on|when|every time|going over)\\b[a-z ]{0,20}\\b(?:bump|bumps|walking|walks|jump\\w*|jolt\\w*|going over bumps)\\b', '\\bevery bump\\b', "!\\bcan'?t (?:stand|walk) up straight\\b", '\\bwalking (?:bent|hunched) over\\b', '\\b(?:rebound|heel[- ]drop|jolt) (?:tenderness|test|positive)\\b', '\\brovsing\\b', '\\bpsoas\\b'],
    'm:gi-off-food': ['\\boff (?:his|her|my) food\\b', "!\\b(?:won'?t|doesn'?t want to|can'?t) eat\\b", '\\banorexi[ac]\\b', '!\\bno appetite\\b'],
    'm:gi-no-flatus': ["!\\b(?:hasn'?t|haven'?t|not|no) (?:passed|passing) (?:wind|gas|flatus)\\b", '\\babsolute constipation\\b', '!\\bnot passing (?:wind|gas|flatus)\\b', '!\\bno (?:flatus|wind)\\b', "!\\b(?:can'?t|cannot) (?:fart|pass wind|pass gas)\\b", '\\bobstipat\\w+\\b'],
    'm:gi-faecal-vomit': ['\\bvomit\\w*\\b[a-z ]{0,20}\\b(?:smells? like (?:poo|faeces|feces)|faecal|feculent)\\b', '\\bfaeculent\\b', '\\bfeculent\\b'],
    'm:gi-distension': ['\\b(?:belly|tummy|stomach|abdomen)(?: is| has)? (?:really |very |massively )?(?:distended|swollen up|blown up|bloated like|tight as a drum|huge)\\b', '\\bdistended\\b', '\\bascites\\b', '\\bfluid on (?:the|his|her|my) (?:belly|tummy|abdomen)\\b'],
    'm:gi-bilious': ['\\b(?:green|bright green|dark green|yellow-green) (?:vomit|sick|bile)\\b', '\\b(?:vomit|sick|throwing up|vomiting)\\b[a-z ]{0,12}\\b(?:green|bile)\\b', '\\bbilious\\b', '\\bbile[- ]stained\\b'],
    'm:gi-projectile': ['\\bprojectile\\b', '\\bshoots? (?:out|across)\\b[a-z ]{0,15}\\b(?:room|floor|metre|meter)\\b'],
    'm:gi-keeping-fluids': ["\\bkeeping (?:down )?(?:fluids|water|sips|drinks|it|things|crackers)(?: down)?\\b", '\\b(?:drinking|peeing|weeing|eating) (?:fine|ok|okay|normally|well|as normal)\\b', '\\bpass(?:ed|ing) urine\\b', '\\b(?:wet nappies|wet diapers) (?:normal|as usual|fine)\\b', '\\bplenty of wet nappies\\b', '\\b(?:eating and drinking|drinking and eating)\\b', '\\bcan (?:drink|keep)\\b', '\\brehydration salts\\b', '\\bdioralyte\\b'],
    'm:gi-loose-stools': ['\\bn/v/d\\b', '\\bd&v\\b', '\\bd and v\\b', '\\b(?:loose|watery|runny) (?:stools?|poos?|motions)\\b[a-z ]{0,10}\\b(?:\\d|one|two|three|four|five|six|several|a few)?', '\\bthe runs\\b'],
    'm:gi-meal-trigger': ['\\bafter (?:a |the |my )?(?:big |heavy |spicy |late )?(?:meal|dinner|lunch|curry|takeaway|pizza|kebab|hotpot)\\b', '\\bhotpot\\b', '\\bspicy food\\b', '\\b(?:late|big) (?:meal|dinner)\\b', '\\b(?:lying|lie) (?:down|flat) after\\b'],
    'm:gi-known-reflux': ['\\b(?:known|usual|my|i get|i have|always had|long[- ]standing) (?:acid )?(?:reflux|gord|gerd|heartburn|indigestion)\\b', '\\bon (?:omeprazole|lansoprazole|a ppi|gaviscon)\\b'],
    'm:gi-dyspepsia': ['\\bbloat(?:ed|ing)\\b[a-z ]{0,20}\\bafter (?:eating|meals|food)\\b', '\\bindigestion\\b', '\\bdyspepsia\\b', '\\b(?:upper )?(?:stomach|tummy|epigastric) (?:discomfort|ache|pain)\\b[a-z ]{0,20}\\b(?:months|weeks|on and off)\\b', '\\bepigastric\\b'],
    'm:gi-scope': ['\\b(?:camera|endoscopy|gastroscopy|colonoscopy|ogd|scope)\\b'],
    'm:gi-weeks': ['\\bfor (?:months|weeks|ages|a few months|a couple of months|the last (?:few|couple of) (?:months|weeks))\\b', '\\b(?:months|weeks) now\\b', '\\b(?:two|three|four|five|six|several|a few|couple of|\\d+) (?:months|weeks)\\b', '\\bon and off\\b', '\\brecurrent\\b'],
    'm:gi-weight-loss': ['\\blost (?:a lot of |loads of |some |\\w+ (?:kilos?|kg|pounds|stone) (?:of )?)?weight\\b', '\\b(?:unintentional|unexplained) weight loss\\b', '\\bweight loss\\b', '\\blosing weight\\b(?! on purpose)', '\\bclothes (?:are )?(?:hanging off|too big)\\b'],
    'm:gi-dysphagia': ['\\bdysphagia\\b', '\\b(?:food|it|meat|bread) (?:gets?|getting) stuck\\b', '\\b(?:trouble|difficulty|problems?|pain) swallowing\\b', '\\bodynophagia\\b'],
    'm:gi-bolus': ['\\b(?:food|meat|steak|chicken|bread)\\b[a-z ]{0,15}\\bstuck\\b[a-z ]{0,15}\\b(?:throat|gullet|chest|oesophagus|esophagus)\\b', '\\bfood bolus\\b'],
    'm:gi-ruq': ['\\bruq\\b', '\\bright upper (?:quadrant|abdomen|tummy|belly)\\b', '\\bunder (?:my|his|her|the) right ribs\\b', '\\bright (?:side )?under (?:my|his|her|the) ribs\\b', "\\bmurphy'?s\\b", '\\bbiliary colic\\b', '\\bgallbladder (?:pain|attack)\\b'],
    'm:gi-gallstones': ['\\bgall ?stones?\\b', '\\bcholecystitis\\b', '\\bcholelithiasis\\b'],
    'm:gi-fatty-meal': ['\\bafter (?:i eat |eating )?(?:something )?(?:fatty|fried|greasy|rich) (?:food|meal|things)?\\b', '\\bfatty (?:meal|food)\\b', '\\bfried food\\b'],
    'm:gi-jaundice': ['\\b(?:skin|eyes|whites of (?:his|her|my|the) eyes)\\b[a-z ]{0,15}\\b(?:yellow|yellowish)\\b', '\\b(?:turned|gone|going|looks?|looking) (?:a bit |quite |very )?yellow\\b', '\\bjaundice[d]?\\b', '\\bicteric\\b', '\\b(?:baby|newborn|he|she|he\'s|she\'s)\\b[a-z \',]{0,20}\\b(?:yellow|yellowish)\\b(?! (?:vomit|sick|phlegm|snot|discharge|pus|poo))', '\\b(?:yellow|yellow-?ish) (?:skin|eyes)\\b', '\\bpale (?:poo|stools?)\\b[a-z ]{0,15}\\bdark (?:pee|urine)\\b'],
    'm:gi-pr-bleed': ['\\b(?:bright )?(?:red )?blood (?:on|in) the (?:paper|toilet|pan|bowl|tissue)\\b', '\\bwhen i wipe\\b[a-z ,]{0,30}\\bblood\\b', '\\bblood\\b[a-z ,]{0,30}\\bwhen i wipe\\b', '\\bpr bleed(?:ing)?\\b', '\\bfresh red blood\\b', '\\bbright red blood\\b'],
    'm:gi-on-paper': ['\\bon the (?:paper|tissue|toilet paper)\\b', '\\bwhen i wipe\\b', '\\bjust a (?:little|bit|streak|smear)\\b', '\\bstreaks?\\b'],
    'm:gi-large-amount': ['\\b(?:lots|loads|a lot|a large amount|cups?) of (?:fresh )?blood\\b', '\\bbowl (?:was |is )?full of blood\\b', '\\bclots of blood\\b'],
    'm:gi-anal-pain': ['\\b(?:painful|sore) (?:bottom|bum|back passage|anus)\\b', '\\b(?:bottom|bum|anus|back passage) (?:is )?(?:really )?(?:sore|painful|hurts|throbbing)\\b', '\\bperianal\\b', '\\banal (?:pain|fissure|abscess)\\b', '\\bhurts (?:a bit |a lot )?when i go\\b', '\\bfissure\\b'],
    'm:gi-anal-lump': ['\\b(?:lump|swelling|boil)\\b[a-z ]{0,15}\\b(?:bottom|bum|anus|back passage)\\b', '\\bperianal abscess\\b'],
    'm:gi-hernia': ['\\bhernias?\\b', '\\b(?:lump|bulge|swelling) in (?:my|his|her|the) groin\\b', '\\bgroin (?:lump|bulge|swelling)\\b', '\\binguinal\\b', '\\bumbilical hernia\\b'],
    'm:gi-irreducible': ["!\\b(?:won'?t|can'?t|cannot|doesn'?t) (?:go|push|pop) (?:back )?(?:in|back)\\b", '\\birreducible\\b', '\\bincarcerated\\b', '\\bstrangulated\\b', '\\b(?:hard|tense|purple|dusky) (?:lump|bulge)\\b'],
    'm:gi-fb': ['\\bswallowed (?:a |an |the |some )?(?:coin|marble|pin|safety pin|bead|toy|ring|key|screw|nail|denture|part|piece of (?:plastic|metal))\\b', '\\b(?:fish ?bone|chicken bone|bone) (?:is )?stuck\\b', '\\bstuck in (?:his|her|my) throat\\b', '\\b(?:oesophageal|esophageal) foreign body\\b'],
    'm:gi-battery-magnet': ['\\bbutton batter(?:y|ies)\\b', '\\bcoin (?:cell|battery)\\b', '\\b(?:lithium|watch|hearing aid|remote) batter(?:y|ies)\\b', '\\bmagnets?\\b', '\\bmagnetic (?:balls|beads)\\b'],
    'm:gi-hiccups': ['!\\bhiccups?\\b[a-z ]{0,20}\\b(?:days|won\'?t stop|for \\w+ (?:hours|days))\\b', '\\bhiccoughs?\\b', '\\bsingultus\\b'],
    'm:gi-stoma': ['\\bstoma\\b', '\\bcolostomy\\b', '\\bileostomy\\b', '\\bpeg (?:tube)?\\b', '\\bfeeding tube\\b', '\\bng tube\\b', '\\bgastrostomy\\b'],
    'm:gi-stoma-dark': ['\\bstoma\\b[a-z ]{0,15}\\b(?:black|purple|dark|dusky)\\b'],
    'm:gi-tube-out': ['\\b(?:tube|peg)\\b[a-z ]{0,15}\\b(?:fell|came|pulled|come) out\\b'],
    'm:gi-cirrhosis': ['\\bcirrho\\w+\\b', '\\bliver (?:disease|failure)\\b', '\\bhepatitis\\b'],
  },
};
