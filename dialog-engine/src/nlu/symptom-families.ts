/**
 * Lay and clinical words for each symptom id, both languages, broad on purpose: they tell
 * whether a clause is *about* the symptom a question asked for ("No pain. Only pressure" answers
 * a chest-pain question; "Neck's a bit stiff" does not answer a headache question). They decide
 * relatedness only; whether the symptom is present is the clause layer's reading.
 */
import type { Lang } from '../text/index.js';

interface Family {
  en: RegExp;
  zh: RegExp;
}

export const FAMILIES: Record<string, Family> = {
  fever: { en: /\b(?:fever\w*|temperature|temp|hot|burning up|chills?|shiver\w*|sweat\w*)\b/, zh: /发烧|发热|发少|发骚|烧|体温|发冷|打摆子|寒战|出汗/u },
  'chest-pain': { en: /\b(?:chest|pressure|tight\w*|heav(?:y|iness)|squeez\w*|crush\w*|angina)\b/, zh: /胸|心口|憋|压着|闷|紧/u },
  'shortness-of-breath': { en: /\b(?:breath\w*|winded|puff\w*|wheez\w*|pillows|gasp\w*|air)\b/, zh: /喘|气短|气急|憋气|上不来气|透不过气|呼吸|气不够/u },
  headache: { en: /\b(?:head\w*|migraine\w*)\b/, zh: /头(?:也|倒|是)?(?:不|没|没有)?(?:疼|痛|胀|昏)|脑袋(?:不)?疼|偏头痛/u },
  dizziness: { en: /\b(?:dizz\w*|light ?headed|woozy|spinning|giddy|unsteady|wobbly)\b/, zh: /晕|天旋地转|站不稳|发飘/u },
  'nausea-vomiting': { en: /\b(?:nause\w*|queasy|sick|vomit\w*|throw(?:ing)? up|threw up|puk\w*|retch\w*|spat up|spit up)\b/, zh: /恶心|吐|呕|反胃|想吐/u },
  'abdominal-pain': { en: /\b(?:stomach|tummy|belly|abdom\w*|cramp\w*|gut)\b/, zh: /肚子|胃|腹|肚/u },
  'wound-redness': { en: /\b(?:red\w*|inflamed|angry|hot|pink)\b/, zh: /红|发热|烫/u },
  'wound-discharge': { en: /\b(?:pus|ooz\w*|leak\w*|weep\w*|discharge|yellow|gunk|goo|fluid|smell\w*|wet)\b/, zh: /脓|渗|水|湿|味|分泌物/u },
  'wound-bleeding': { en: /\b(?:bl(?:ee|e)d\w*|blood\w*|spot)\b/, zh: /血/u },
  'leg-swelling': { en: /\b(?:swell\w*|swollen|puffy|puffed|balloon|bloated|ankles?)\b/, zh: /肿|胀|粗/u },
  cough: { en: /\b(?:cough\w*|phlegm|mucus|sputum|hack\w*)\b/, zh: /咳|痰/u },
  palpitations: { en: /\b(?:palpitat\w*|heart|racing|pounding|flutter\w*|skip\w*|thump\w*|clappers)\b/, zh: /心慌|心跳|跳得|慌|心悸|扑通/u },
  'weakness-one-side': { en: /\b(?:weak\w*|numb\w*|clumsy|dropping|drop things|tingl\w*|pins and needles|can'?t (?:lift|grip|hold)|dead)\b/, zh: /没劲|无力|麻|抬不起|拿不住|不听使唤|使不上劲/u },
  'speech-difficulty': { en: /\b(?:slurr?\w*|words?|speech|talk\w*|speak\w*)\b/, zh: /说话|口齿|大舌头|含糊|说不清/u },
  'facial-droop': { en: /\b(?:face|droop\w*|lopsided|smile|mouth)\b/, zh: /脸|嘴|口角|歪/u },
  confusion: { en: /\b(?:confus\w*|muddl\w*|forget\w*|disorient\w*|not making sense|wrong name|doesn'?t know where|not himself|not herself|not like (?:him|her))\b/, zh: /糊涂|认不得|不认人|记性|迷糊|胡话|犯糊涂/u },
  fainting: { en: /\b(?:faint\w*|pass(?:ed)? out|black(?:ed)? out|collaps\w*|keel\w* over)\b/, zh: /晕倒|晕过去|昏倒|昏过去/u },
  'black-stool': { en: /\b(?:black|tar\w*|dark|maroon|blood)\b/, zh: /黑|血|柏油/u },
  'blood-in-urine': { en: /\b(?:blood|pink\w*|red\w*|rosy|tea|cola)\b/, zh: /血|红|粉|茶色|酱油/u },
  rash: { en: /\b(?:rash\w*|hives|spots|bumps|welts|blotch\w*)\b/, zh: /疹|红点|疙瘩|包/u },
  itching: { en: /\b(?:itch\w*|scratch\w*)\b/, zh: /痒/u },
  insomnia: { en: /\b(?:sleep\w*|slept|awake|up at night|toss\w*)\b/, zh: /睡|失眠/u },
  'low-mood': { en: /\b(?:low|down|sad|blue|depress\w*|point|cry\w*|hopeless|fed up|miserable)\b/, zh: /情绪|心情|难过|郁闷|低落|想哭|没意思|烦/u },
  'suicidal-thoughts': { en: /\b(?:harm\w*|hurt\w* (?:myself|himself|herself)|end(?:ing)? it|kill\w*|die|dead|better off without me|not (?:be )?here|pills saved)\b/, zh: /想死|不想活|活着没意思|自杀|了结|轻生|解脱|寻死/u },
  constipation: { en: /\b(?:constipat\w*|bowels?|stool|hard|strain\w*)\b/, zh: /便秘|大便|解不出|拉不出/u },
  diarrhea: { en: /\b(?:diarrh\w*|runs|loose|watery)\b/, zh: /拉肚子|拉稀|腹泻|稀/u },
  'pain-general': { en: /\b(?:pain\w*|hurt\w*|ache\w*|aching|sore|back|knee|hip|joint|tender|throb\w*|burn\w*|sting\w*)\b/, zh: /疼|痛|酸/u },
  fatigue: { en: /\b(?:tired|fatigue\w*|exhaust\w*|worn out|no energy|wiped|weary)\b/, zh: /累|乏|没劲|没力气|疲/u },
  'reduced-urine': { en: /\b(?:pee\w*|urin\w*|wee|water)\b/, zh: /尿/u },
};

/** Question keywords that name each family (narrower than the family words themselves). */
const ASKED: Record<string, Family> = {
  fever: { en: /\b(?:fever|temperature|temp)\b/, zh: /发烧|发热|体温|烧/u },
  'chest-pain': { en: /\bchest\b/, zh: /胸/u },
  'shortness-of-breath': { en: /\b(?:breath\w*|winded)\b/, zh: /喘|气短|气急|呼吸|憋气/u },
  headache: { en: /\bheadaches?\b/, zh: /头疼|头痛/u },
  dizziness: { en: /\bdizz\w*|light ?headed\b/, zh: /头晕|晕/u },
  'nausea-vomiting': { en: /\b(?:nause\w*|vomit\w*|sick)\b/, zh: /恶心|呕吐|吐/u },
  'abdominal-pain': { en: /\b(?:stomach|tummy|belly|abdom\w*)\b/, zh: /肚子|腹|胃/u },
  'wound-redness': { en: /\b(?:red\w*)\b/, zh: /红/u },
  'wound-discharge': { en: /\b(?:pus|ooz\w*|leak\w*|discharge|fluid)\b/, zh: /脓|渗|流水|湿/u },
  'wound-bleeding': { en: /\bbleed\w*\b/, zh: /出血|流血/u },
  'leg-swelling': { en: /\b(?:swell\w*|swollen)\b/, zh: /肿/u },
  cough: { en: /\bcough\w*\b/, zh: /咳/u },
  palpitations: { en: /\b(?:palpitat\w*|heart racing|racing)\b/, zh: /心慌|心悸|心跳/u },
  'weakness-one-side': { en: /\b(?:weak\w*|numb\w*)\b/, zh: /没劲|无力|麻/u },
  'speech-difficulty': { en: /\b(?:speak\w*|speech|talk\w*|slurr\w*)\b/, zh: /说话|口齿/u },
  confusion: { en: /\b(?:confus\w*|forgetful)\b/, zh: /糊涂|迷糊/u },
  fainting: { en: /\b(?:faint\w*|pass(?:ed)? out|black(?:ed)? out)\b/, zh: /晕倒|昏倒/u },
  'black-stool': { en: /\b(?:stool|poo|bowel)\b/, zh: /大便|黑便/u },
  'blood-in-urine': { en: /\burine\b/, zh: /尿/u },
  rash: { en: /\brash\w*\b/, zh: /疹/u },
  itching: { en: /\bitch\w*\b/, zh: /痒/u },
  insomnia: { en: /\bsleep\w*\b/, zh: /睡|失眠/u },
  'low-mood': { en: /\b(?:low|(?:feel\w*|felt|been|so|bit|a little) down|depress\w*|mood)\b/, zh: /情绪|心情/u },
  'suicidal-thoughts': { en: /\b(?:harm\w*|hurt\w* yourself|suicid\w*|end\w* your life)\b/, zh: /想不开|轻生|自杀|伤害自己/u },
  constipation: { en: /\bconstipat\w*\b/, zh: /便秘/u },
  diarrhea: { en: /\bdiarrh\w*\b/, zh: /腹泻|拉肚子/u },
  'pain-general': { en: /\b(?:pain|hurt\w*|ache\w*|sore)\b/, zh: /疼|痛/u },
  fatigue: { en: /\b(?:tired|fatigue\w*|energy)\b/, zh: /乏力|累|没劲/u },
  'reduced-urine': { en: /\b(?:pee\w*|passing water|urinat\w*)\b/, zh: /尿/u },
};

/**
 * Body sites, for questions about a complaint at one place: a clause that names only another
 * site ("头不痛，腰痛", "胸口不痛，就是背后有点酸", "my knee hurts" to a wound question) is not
 * about the asked site.
 */
const SITES: Record<string, Family> = {
  head: { en: /\bhead(?!ache)\b|\bforehead\b|\btemples?\b/, zh: /(?<![骨指枕里外上前后码老锄丫馒])头(?![发晕昏])|脑袋/u },
  chest: { en: /\bchest\b|\bribs?\b/, zh: /胸|心口/u },
  abdomen: { en: /\b(?:stomach|tummy|belly|abdom\w*|gut)\b/, zh: /肚|腹|胃/u },
  back: { en: /\b(?:my|the|lower|upper|his|her) back\b|\bspine\b/, zh: /背|腰|脊/u },
  leg: { en: /\b(?:legs?|knees?|ankles?|foot|feet|calf|calves|thighs?|hips?)\b/, zh: /腿|脚|膝|踝|胯/u },
  arm: { en: /\b(?:arms?|hands?|shoulders?|wrists?|fingers?|elbows?)\b/, zh: /手(?![术机续])|胳膊|肩|手腕|手指/u },
  wound: { en: /\b(?:wound|cut|incision|scar|stitch\w*|staples|dressing)\b/, zh: /伤口|刀口|切口|缝线|疤/u },
  throat: { en: /\bthroat\b/, zh: /嗓子|喉咙|咽/u },
  teeth: { en: /\b(?:tooth|teeth|gums?|jaw)\b/, zh: /牙/u },
  eye: { en: /\beyes?\b/, zh: /眼(?!前发黑|前一黑)/u },
};
const SITED = new Set(['pain-general', 'chest-pain', 'headache', 'abdominal-pain', 'wound-redness', 'wound-discharge', 'wound-bleeding', 'leg-swelling']);

function sitesOf(text: string, lang: Lang): string[] {
  return Object.entries(SITES).filter(([, f]) => (lang === 'en' ? f.en : f.zh).test(text)).map(([id]) => id);
}

/**
 * Symptom families a question asks about. A named pain (chest pain, 头痛) is its own family, not
 * any pain; a question about a complaint at a body site also carries the site (`site:chest`).
 */
export function askedFamilies(asked: string, lang: Lang): string[] {
  const q = lang === 'en' ? asked.toLowerCase() : asked;
  let ids = Object.entries(ASKED).filter(([, f]) => (lang === 'en' ? f.en : f.zh).test(q)).map(([id]) => id);
  if (ids.some((id) => ['chest-pain', 'headache', 'abdominal-pain'].includes(id))) ids = ids.filter((id) => id !== 'pain-general');
  if (ids.some((id) => SITED.has(id))) ids.push(...sitesOf(q, lang).map((site) => `site:${site}`));
  return ids;
}

/** False when the clause names only body sites other than the asked ones (`site:` ids). */
export function atAskedSite(clause: string, ids: readonly string[], lang: Lang): boolean {
  const asked = ids.filter((id) => id.startsWith('site:'));
  if (asked.length === 0) return true;
  const named = sitesOf(lang === 'en' ? clause.toLowerCase() : clause, lang);
  return named.length === 0 || named.some((site) => asked.includes(`site:${site}`));
}

/** Whether a clause talks about one of the given families (at the asked site, when one was asked). */
export function aboutFamilies(clause: string, ids: readonly string[], lang: Lang): boolean {
  if (!atAskedSite(clause, ids, lang)) return false;
  return ids.some((id) => {
    const f = FAMILIES[id];
    return f !== undefined && (lang === 'en' ? f.en : f.zh).test(clause);
  });
}

/** The families a clause names. */
export function familiesOf(clause: string, lang: Lang): string[] {
  return Object.entries(FAMILIES).filter(([, f]) => (lang === 'en' ? f.en : f.zh).test(clause)).map(([id]) => id);
}

/** Whether a clause names any symptom at all (any family). */
export function anySymptomWord(clause: string, lang: Lang): boolean {
  return Object.values(FAMILIES).some((f) => (lang === 'en' ? f.en : f.zh).test(clause));
}
