/**
 * Lay wording put into the words the clinical lexicon reads, before symptoms and red flags are
 * looked up: contractions and fillers that break a phrase ("the leg's swollen", "I can't really
 * lift my arm"), spoken numbers (to digits), and lay or recogniser synonyms of a symptom
 * ("muddled" = confused, "head egg" = headache, "slurry" words = slurred). Additive only: the
 * original words stay readable; nothing here decides presence or negation.
 */
import type { Lang } from '../text/index.js';

const EN: Array<[RegExp, string]> = [
  [/\b(he|she|it)'?s (got|been|had)\b/g, '$1 has $2'],
  [/\b(he|she|it)'s\b/g, '$1 is'],
  // Fillers between a negated modal and its verb.
  [/\b(can'?t|cannot|can not|couldn'?t) (?:really |just |even |properly |quite )+/g, '$1 '],
  // "the leg's swollen" -> "the leg is swollen"; "arm's gone weak" -> "arm has gone weak".
  [/\b(leg|legs|arm|ankle|ankles|face|wound|hand|throat|tongue|belly|tummy|stomach|head|chest|heart|neck|skin|lip|lips|foot|feet)'s (gone|got|been)\b/g, '$1 has $2'],
  [/\b(leg|legs|arm|ankle|ankles|face|wound|hand|throat|tongue|belly|tummy|stomach|head|chest|heart|neck|skin|lip|lips|foot|feet)'s\b(?! (?:name|fault))/g, '$1 is'],
  [/\bhead (?:egg|ake|aches?)\b/g, 'headache'],
  [/\b(?:muddled|muddly|befuddled|disoriented|disorientated)\b/g, 'confused'],
  [/\bforgetting where (?:i|he|she) (?:am|is|was)\b/g, 'confused'],
  [/\bheart (?:is |was )?going (?:like the clappers|ten to the dozen|like mad|like crazy|like a drum)\b/g, 'heart racing'],
  [/\b(?:yellow|green|smelly) (?:stuff|gunk|goo|liquid|water)\b/g, 'pus'],
  [/\b(wound|incision|cut|stitches|scar) (?:bled|has bled|is bleeding|bleeds)\b/g, 'wound is bleeding'],
  [/\bwords (?:are |were )?(?:slurry|slurring|all slurry|mushy|funny)\b/g, 'slurred speech'],
  [/\b(?:left|right) (hand|arm)(?: is| has)? (?:a bit |all )?clumsy\b/g, 'one $1 is weak'],
  [/\bkeep (?:dropping|dropped) things\b/g, 'one hand is weak'],
  [/\b(?:face|mouth|smile) (?:feels |looks |is |went )?(?:lopsided|crooked|droopy|twisted)\b/g, 'face drooping'],
  [/(?<!\b(?:not|never|n't|no) (?:\w+ )?)\b(?:everyone|everybody|they|people|my family|the family) (?:would|'d) be better off without me\b/g, 'better off dead'],
  [/(?<!\b(?:not|never|n't|no) (?:\w+ )?)\b(?:thinking|thought|thinks) (?:about|of) (?:ending it|ending it all|ending my life|not being here|not waking up)\b/g, 'thinking about ending my life'],
  [/\b(?:saved|saving|stockpil\w*|hoard\w*|kept|keeping) (?:up )?(?:the |my |all my )?(?:pills|tablets)\b|\b(?:pills|tablets) (?:saved|stockpiled|hoarded) up\b|\bgot the (?:pills|tablets) saved up\b/g, 'plan to swallow all my pills'],
  [/\b(?:black|dark) (?:as|like) tar\b|\blike tar\b|\btarry\b/g, 'black tarry stool'],
  [/\bpassed out\b/g, 'fainted'],
  [/\b(?:the )?words (?:wouldn'?t|won'?t|couldn'?t|would not|did not|didn'?t) come(?: out)?\b|\bcouldn'?t get (?:my |the )?words out\b/g, 'slurred speech'],
  [/\bblood in (?:the|my) (?:water|wee|pee)\b|\b(?:pee|wee|water) (?:is |was )?(?:pink|red|bloody)\b/g, 'blood in urine'],
  [/\bi (?:don'?t|can'?t|cannot|do not) sleep\b|\bno sleep\b|\bhardly (?:any )?sleep\b/g, 'insomnia'],
  [/\bsoak(?:ing|ed)? (?:through|right through)\b|\bit'?s soaking\b/g, 'bleeding heavily'],
];

const ZH: Array<[RegExp, string]> = [
  [/(?:往外)?冒血/gu, '流血'],
  [/(?:纱布|毛巾|衣服|床单)[^，。,.]{0,8}(?:都)?湿透了?/gu, '流了很多血'],
  [/(?<!(?:没|不|没有)(?:想|想过|打算)?)(?:药都攒着|攒(?:了|着)?(?:好多|很多|一堆)?(?:的)?药|一了百了)/gu, '想自杀'],
  [/认不得人|不认得人|不认人|记性变差|犯糊涂/gu, '糊涂'],
  [/([右左])(手|胳膊|腿)不(?:太)?听使唤/gu, '$1$2没劲'],
  [/大舌头/gu, '说话不清楚'],
  [/老想(?:些)?不好的事/gu, '心情不好'],
  [/(?:渗|流)(?:了|出)?(?:点|一点|些)?黄水/gu, '伤口渗液'],
  // Dialect and recogniser words: 冇/木有/莫得 = 没有, 脑壳 = 头, 不得劲 = 乏力, 发少/发骚 = 发烧, 拉度子 = 拉肚子.
  [/冇得?|木有|莫得|没得/gu, '没有'],
  [/脑壳(?=昏|晕|疼|痛)/gu, '头'],
  // 不得劲 alone or of the whole body is tiredness; of a place (心口窝不得劲) it is that place's discomfort.
  [/(?:浑身|哪儿都|哪里都|全身|人)不得劲儿?|(?<=^|[，,。\s])不得劲儿?/gu, '乏力'],
  [/发少|发骚/gu, '发烧'],
  [/拉度子|拉杜子/gu, '拉肚子'],
];

export function layToClinical(text: string, lang: Lang): string {
  if (lang === 'zh') {
    let t = text;
    for (const [re, to] of ZH) t = t.replace(re, to);
    return t;
  }
  let t = text.toLowerCase();
  for (const [re, to] of EN) t = t.replace(re, to);
  return t;
}
