/**
 * CEDIS system "endocrine-metabolic": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 *
 * Complaints covered here (CEDIS v2: hyperglycaemia, hypoglycaemia; plus thyroid, adrenal and
 * electrolyte problems that the list files under metabolic / abnormal lab values): a treated
 * hypo that has recovered (benign), a hypo that has not recovered or on a sulfonylurea, a
 * type 1 diabetic who is vomiting (sick-day rules), persistently high sugars with symptoms,
 * thyrotoxic symptoms, thyroid storm, an abnormal thyroid test, adrenal crisis in a
 * steroid-dependent patient, high potassium / low sodium on a blood test. The DKA row lives in
 * complaints.ts; measured glucose levels are first-order modifiers (vital-thresholds.ts).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

const CTAS = 'CTAS2016 (Bullard et al., CJEM 2017)';
const CN = 'CN2018 急诊预检分诊专家共识';

export const COMPLAINTS: Complaint[] = [
  { id: 'endo-hypo-recovered', system: 'endocrine-metabolic', label: { zh: '低血糖已纠正', en: 'hypo treated and recovered' }, terms: ['x:hypo', 'm:endo-hypo'], base: { level: 4, disposition: 'D7' }, department: null, benign: true, benignIf: ['m:endo-recovered'], modifiers: [] },
  { id: 'endo-hypoglycaemia', system: 'endocrine-metabolic', label: { zh: '低血糖', en: 'hypoglycaemia' }, terms: ['x:hypo', 'm:endo-hypo'], base: null, department: 'endocrinology', modifiers: [
    { id: 'hypo-not-recovering', all: ['confusion|m:altered|x:rf-altered|m:not-back-to-normal|m:endo-cant-swallow|m:seizure'], level: 1, disposition: 'D1', redFlag: 'altered-consciousness', source: `${CTAS} hypoglycaemia with altered consciousness (GCS < 14) or unable to take sugar by mouth: level I-II; ${CN} 血糖 < 3.33 mmol/L level 1` },
    { id: 'hypo-on-sulfonylurea', all: ['m:endo-sulfonylurea'], level: 3, disposition: 'D4', source: `${CTAS} hypoglycaemia on a sulfonylurea (long-acting, recurs for 24 h or more): level III; JBDS-IP hypoglycaemia guideline 2022` },
  ] },
  { id: 'endo-type1-sick-day', system: 'endocrine-metabolic', label: { zh: '1型糖尿病呕吐', en: 'type 1 diabetes with vomiting' }, terms: ['m:endo-type1', 'm:endo-insulin-missed'], base: null, department: 'endocrinology', modifiers: [
    { id: 'type1-vomiting', all: ['nausea-vomiting|x:cant-keep-fluids', 'm:endo-type1|m:endo-insulin-missed'], level: 2, disposition: 'D2', source: `${CTAS} hyperglycaemia with vomiting in type 1 diabetes (DKA until shown otherwise): level II; NICE NG17 / ISPAD 2022 sick-day rules: vomiting with ketones -> hospital` },
    { id: 'type1-ketones', all: ['m:obs-ketones|m:kussmaul'], level: 2, disposition: 'D2', source: `${CTAS} hyperglycaemia with ketones (type 1): level II; NICE NG17 blood ketones >= 1.5 with symptoms or >= 3: hospital` },
  ] },
  { id: 'endo-high-sugars', system: 'endocrine-metabolic', label: { zh: '血糖持续偏高', en: 'persistently high blood sugars' }, terms: ['m:endo-high-sugar'], base: { level: 4, disposition: 'D5' }, department: 'endocrinology', modifiers: [
    { id: 'high-sugars-symptomatic', all: ['m:endo-thirst|m:polyuria|x:dehydration|fatigue|m:gi-weight-loss|x:blurred'], level: 3, disposition: 'D4', source: `${CTAS} hyperglycaemia (> 18 mmol/L or symptomatic) without ketosis: level III; ADA Standards of Care 2024 (symptomatic hyperglycaemia needs a same-day review)` },
    { id: 'high-sugars-confused', all: ['confusion|m:altered|x:drowsy|x:lethargic'], level: 2, disposition: 'D2', redFlag: 'altered-consciousness', source: `${CTAS} hyperglycaemia with altered consciousness (hyperosmolar state): level II; ${CN}` },
  ] },
  { id: 'endo-thyroid', system: 'endocrine-metabolic', label: { zh: '甲状腺问题', en: 'thyroid problem' }, terms: ['x:thyroid', 'm:endo-thyroid-test'], base: { level: 4, disposition: 'D6' }, department: 'endocrinology', modifiers: [
    { id: 'thyroid-storm', all: ['fever|x:high-fever', 'palpitations|vital:hr-121-149|vital:hr-150-180|vital:hr-gt180', 'confusion|m:altered|nausea-vomiting|diarrhea|m:tox-agitated'], level: 2, disposition: 'D2', source: `${CTAS} thyrotoxicosis with fever, tachycardia and agitation / GI upset (thyroid storm, Burch-Wartofsky): level II; ${CN}` },
    { id: 'thyrotoxic-symptoms', all: ['palpitations|m:endo-tremor|m:endo-heat|m:gi-weight-loss'], level: 4, disposition: 'D5', source: 'NICE NG145 thyroid disease: symptomatic hyperthyroidism -> endocrinology referral (beta-blocker meanwhile); CTAS2016 level IV' },
  ] },
  { id: 'endo-thyrotoxic-pattern', system: 'endocrine-metabolic', label: { zh: '疑似甲亢症状', en: 'possible overactive thyroid' }, terms: ['m:endo-heat', 'm:endo-tremor'], base: null, department: 'endocrinology', modifiers: [
    { id: 'thyrotoxic-pattern', all: ['m:gi-weight-loss', 'palpitations|m:endo-tremor|m:endo-heat'], level: 4, disposition: 'D5', source: 'NICE NG145: weight loss with tremor, heat intolerance or palpitations -> thyroid function tests; CTAS2016 level IV' },
  ] },
  { id: 'endo-adrenal', system: 'endocrine-metabolic', label: { zh: '肾上腺皮质功能不全', en: 'adrenal insufficiency (steroid-dependent)' }, terms: ['m:endo-adrenal'], base: null, department: 'endocrinology', modifiers: [
    { id: 'adrenal-crisis', all: ['nausea-vomiting|diarrhea|x:cant-keep-fluids|dizziness|fainting|confusion|fever|x:severe|abdominal-pain'], level: 2, disposition: 'D2', source: `${CTAS} steroid-dependent patient unwell with vomiting or hypotension symptoms (adrenal crisis): level II; Society for Endocrinology emergency guidance 2020: hydrocortisone 100 mg IM and hospital` },
  ] },
  { id: 'endo-electrolytes', system: 'endocrine-metabolic', label: { zh: '电解质异常', en: 'abnormal potassium or sodium' }, terms: ['m:endo-potassium-high', 'm:endo-sodium-low', 'm:endo-potassium-low'], base: { level: 3, disposition: 'D4' }, department: 'general-medicine', modifiers: [
    { id: 'electrolytes-severe', all: ['m:endo-potassium-high|m:endo-sodium-low', 'm:endo-severe-value|palpitations|confusion|m:seizure|fatigue|x:severe'], level: 2, disposition: 'D2', source: `${CTAS} abnormal lab values: potassium > 6.5 or sodium < 120 mmol/L, or with symptoms (arrhythmia, confusion, seizure): level II; ${CN}` },
  ] },
];

export const TERMS: { zh: Lexicon; en: Lexicon } = {
  zh: {
    'm:endo-hypo': ['血糖(?:掉到|降到|只有|才|低到)(?:了)?(?:[一二三两]点[\\d一二三四五六七八九]|[1-3](?:\\.\\d)?)', '低血糖'],
    'm:endo-recovered': ['(?:又|再)?(?:测|量)(?:了)?(?:一下)?(?:血糖)?(?:是|有|到|就)?(?:[五六七八九]点[\\d一二三四五六七八九]?|[5-9](?:\\.\\d)?)(?:了)?', '!(?:现在|已经)(?:人)?(?:好好的|好了|没事了|正常了|缓过来了|恢复了)', '吃了?(?:点|几块|块)?(?:糖|饼干|面包|巧克力)(?:以后|之后|就)?(?:好了|好多了|缓过来)', '说话(?:也)?清楚'],
    'm:endo-cant-swallow': ['!(?:喂|喝)不(?:进|下)(?:糖水|东西)?', '!不敢喂'],
    'm:endo-sulfonylurea': ['格列(?:本脲|齐特|吡嗪|美脲|喹酮)', '优降糖', '达美康', '亚莫利', '磺脲类'],
    'm:endo-type1': ['(?:一|1)型糖尿病', '一型', '1型', '青少年糖尿病'],
    'm:endo-insulin-missed': ['!(?:没|没有|没怎么|忘了|停了?)(?:打|用)(?:胰岛素|针)', '!胰岛素(?:没打|停了|断了|漏打)'],
    'm:endo-high-sugar': ['血糖(?:老是|一直|总是|这几天|最近)?(?:都)?(?:在)?(?:十[一二三四五六七八九几]|二十|[12]\\d)(?:多|几)?', '!血糖(?:老|一直|总是)?(?:降不下来|控制不好|偏高|很高|老高)', '空腹(?:血糖)?(?:十[一二三四五六七八九几]?|1\\d)'],
    'm:endo-thirst': ['口(?:渴|干)', '老想喝水', '渴得(?:要命|厉害)', '!喝水(?:特别|很)多'],
    'm:endo-thyroid-test': ['tsh', 'ft4', 'ft3', '促甲状腺(?:激素)?', '甲功', '游离t[34]'],
    'm:endo-tremor': ['手(?:老是|一直)?(?:抖|发抖|哆嗦)', '手颤'],
    'm:endo-heat': ['怕热', '!(?:老是|总是|特别)(?:出汗|多汗)', '多汗'],
    'm:endo-adrenal': ['艾迪生', '阿狄森', '!肾上腺(?:皮质)?(?:功能)?(?:不全|减退)', '氢化可的松', '长期(?:吃|服用)(?:激素|强的松|泼尼松)', '垂体(?:功能)?(?:减退|低下)'],
    'm:endo-potassium-high': ['(?:血钾|钾)(?:高|偏高|升高|[六七]点|[6-9](?:\\.\\d)?)', '高钾'],
    'm:endo-potassium-low': ['(?:血钾|钾)(?:低|偏低|[二两]点|2\\.\\d)', '低钾'],
    'm:endo-sodium-low': ['(?:血钠|钠)(?:低|偏低|一百一|11\\d|1[01]\\d)', '低钠'],
    'm:endo-severe-value': ['(?:血钾|钾)(?:[七]|6\\.[5-9]|[7-9])', '(?:血钠|钠)(?:一百一十?[一二三四五六七八九]?|11\\d)'],
  },
  en: {
    'm:endo-hypo': ['\\b(?:sugar|glucose|bm|bg)\\b[a-z ]{0,15}\\b(?:dropped|went down|fell|was|is) (?:to )?(?:[1-3](?:\\.\\d)?|one|two|three)(?: point \\w+)?\\b', '\\bhypo(?:glyc\\w+)?\\b', '\\bhad a hypo\\b'],
    'm:endo-recovered': ["\\b(?:back up|come up|came up|now) (?:to )?(?:[5-9](?:\\.\\d)?|five|six|seven|eight|nine)(?: point \\w+)?\\b", '\\b(?:feeling|feel|feels|back to) (?:normal|fine|myself|himself|herself|ok)\\b', '\\b(?:recovered|came round|came right)\\b', '\\bback to normal\\b'],
    'm:endo-cant-swallow': ["!\\bcan'?t (?:swallow|take|drink) (?:the )?(?:sugar|juice|glucose|anything)\\b", "!\\bwon'?t (?:swallow|drink|take)\\b"],
    'm:endo-sulfonylurea': ['\\b(?:gliclazide|glipizide|glibenclamide|glimepiride|glyburide|tolbutamide)\\b', '\\bsulfonylurea\\b', '\\bsulphonylurea\\b'],
    'm:endo-type1': ['\\btype (?:one|1)(?: diabet\\w+)?\\b', '\\bt1dm?\\b', '\\binsulin pump\\b', '\\bjuvenile diabetes\\b'],
    'm:endo-insulin-missed': ["!\\b(?:missed|skipped|stopped|haven'?t (?:taken|had|done)|didn'?t take|not been taking|ran out of) (?:my |his |her |the )?(?:insulin|lantus|novorapid|basal|bolus|jabs|injections)\\b"],
    'm:endo-high-sugar': ['\\b(?:sugars?|glucose|bms?|readings?|levels?)\\b[a-z ]{0,25}\\b(?:1[4-9]|2\\d|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ]\\w+)?)(?:\\.\\d)?\\b', '\\b(?:sugars?|glucose) (?:have been |are |is )?(?:running |really |very )?(?:high|all over the place|through the roof)\\b', '\\bcapillary glucose (?:1[4-9]|2\\d)\\b'],
    'm:endo-thirst': ['\\bthirst(?:y)?\\b', '\\bdry mouth\\b', '\\bpolydipsia\\b'],
    'm:endo-thyroid-test': ['\\btsh\\b', '\\b(?:free )?t[34]\\b', '\\bthyroid (?:function )?(?:test|bloods|levels?|results?)\\b'],
    'm:endo-tremor': ['\\b(?:hands|hand) (?:shake|shaking|tremble|trembling)\\b', '\\btremor\\b', '\\bshaky hands\\b', '\\bjittery\\b'],
    'm:endo-heat': ['\\b(?:hot|sweaty)\\b[a-z ,]{0,30}\\b(?:everyone else is cold|when others are cold)\\b', '\\bheat intolerance\\b', "!\\bcan'?t (?:stand|tolerate) the heat\\b", '\\bsweating all the time\\b'],
    'm:endo-adrenal': ["\\baddison'?s\\b", '\\badrenal (?:insufficiency|failure|crisis)\\b', '\\bhydrocortisone\\b', '\\bhypopituitar\\w+\\b', '\\bsteroid[- ]dependent\\b', '\\blong[- ]term (?:steroids|prednisolone)\\b'],
    'm:endo-potassium-high': ['\\bpotassium\\b[a-z ]{0,15}\\b(?:high|raised|6(?:\\.\\d)?|7(?:\\.\\d)?|six|seven)\\b', '\\bhyperkala?emi\\w+\\b', '\\bk\\+? (?:of )?(?:6|7)(?:\\.\\d)?\\b'],
    'm:endo-potassium-low': ['\\bpotassium\\b[a-z ]{0,15}\\b(?:low|2(?:\\.\\d)?|two)\\b', '\\bhypokala?emi\\w+\\b'],
    'm:endo-sodium-low': ['\\bsodium\\b[a-z ]{0,15}\\b(?:low|1[01]\\d|12\\d)\\b', '\\bhyponatra?emi\\w+\\b'],
    'm:endo-severe-value': ['\\bpotassium\\b[a-z ]{0,15}\\b(?:6\\.[5-9]|7(?:\\.\\d)?|seven)\\b', '\\bk\\+? (?:of )?(?:6\\.[5-9]|7(?:\\.\\d)?)\\b', '\\bsodium\\b[a-z ]{0,15}\\b(?:1[01]\\d)\\b'],
  },
};
