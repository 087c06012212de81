/**
 * English yes-no: yeah/yep/sure/of course, nope/not really/i don't think so, hedges
 * (not sure, maybe, i don't know) -> unclear, answers that restate the symptom ("the cough is
 * gone" = no, "still coughing a bit" = yes), and polarity that depends on the question.
 */
import { normalizeUtterance } from '../text/index.js';
import { questionFrame } from './question.js';
import type { YesNo } from './types.js';

const HEDGE = /\b(?:not sure|unsure|i (?:do not|don'?t|dunno) know|dunno|don'?t know|no idea|maybe|perhaps|possibly|probably not sure|hard to say|can'?t (?:say|tell|remember)|don'?t remember|do not remember|not certain|i forget|i'm not certain|who knows|it depends|depends|more or less|so so|so-so|hard to tell|i wonder)\b/;
const HEDGE_WORD_ONLY = /^(?:i guess|i suppose|maybe|perhaps|possibly|kind of|sort of|kinda|sorta|somewhat|not sure|i don'?t know|dunno|hmm+|mm)$/;

const YES_HEAD = /^(?:religiously|like clockwork|without fail|every (?:single )?(?:day|time|dose)|never miss(?:ed)?(?: a (?:dose|day|one))?|very much so|i reckon(?: so)?|reckon so|i expect so|i'?d say so|i would say so|seems so|looks like it|(?:i'?m )?afraid so|for sure|you bet|totally|yes indeed|that'?s correct|speaking|this is (?:he|she|him|her|me|it)|that'?s me|that is me|it'?s me|it is me|you got (?:him|her|me)|yes|yeah|yea|yep|yup|ya|yah|aye|sure|of course|definitely|absolutely|certainly|correct|right|that'?s right|exactly|indeed|affirmative|okay|ok|alright|all right|fine|uh ?huh|mhm|mm ?hmm|yes please|i do|i did|i have|i am|i'?m|it is|it does|it did|there is|a little|a bit|slightly|somewhat|kind of|sort of|kinda|sorta|i guess so|i think so|i believe so|sometimes|occasionally|still|always|very|really|pretty|quite|please do|go ahead|sounds good|why not)\b/;
const NO_HEAD = /^(?:i reckon not|i don'?t reckon|(?:i'?m )?afraid not|hardly|not in the slightest|not a bit|no chance|i doubt it|wrong|that'?s wrong|that is wrong|incorrect|not correct|not right|that'?s not right|no|nope|nah|naw|not really|not at all|not anymore|not any more|no more|never|none|nothing|negative|i don'?t think so|i do not think so|don'?t think so|not that i know|not that i(?:'ve)? noticed|i don'?t|i didn'?t|i haven'?t|i'?m not|it'?s not|it isn'?t|it doesn'?t|there isn'?t|no way|absolutely not|of course not|certainly not|definitely not|not yet|not today|no thanks|no thank you)\b/;

const GONE = /\b(?:finish(?:ed)?|(?:is|are|it'?s|all) (?:over|done)|over now|done now|gone|went away|go away|stopped|disappeared|cleared up|healed|resolved|better now|all better|no longer|not anymore|any more|anymore|fine now|okay now|ok now|subsided|settled)\b/;
const FINE = /\b(?:(?:i'?m|i am|it'?s|feel(?:ing)?|doing|all) (?:fine|good|great|ok|okay|alright|well|better)|no problems?|nothing wrong|all good|not bad|pretty good)\b/;
const DOUBLE_NEG = /\b(?:not (?:un|without)|can'?t say (?:i )?(?:don'?t|didn'?t|haven'?t)|it'?s not that i (?:don'?t|didn'?t)|not no)\b/;
const NEG = /\b(?:no|not|never|none|nothing|neither|nor|without|n'?t)\b|n'?t\b/;
const FORGOT = /\b(?:forgot|forget|missed|miss|skipped|skip)\b/;
const A_LITTLE = /\b(?:(?:a )?(?:tiny|little|wee) bit|a touch|a little|a bit|a tad|slightly|somewhat|kind of|sort of|kinda|sorta|some)\b/;
const NOW_SPLIT = /\b(?:but|now|today|these days|currently|anymore|although|though|however)\b/g;

const PARTIAL = /\b(?:only (?:at|in|when|after|before)|on and off|off and on|at night|in the mornings?|sometimes|now and then|from time to time|every now|worse|getting worse|comes and goes)\b/;

function clause(c: string, problem: boolean, action: boolean): YesNo | null {
  const s = c.trim();
  if (s.length === 0) return null;
  if (/^yeah no\b/.test(s)) return 'no';
  if (/^no yeah\b/.test(s)) return 'yes';
  if (problem && PARTIAL.test(s) && !/\b(?:not|never|no)\b|n't\b/.test(s)) return 'yes';
  if (action && /\b(?:stopped|quit|ran out|run out|no longer|gave up)\b/.test(s)) return 'no';
  if (/\b(?:i'?m busy|busy right now|i'?m driving|not now|not a good time|bad time|call (?:me )?(?:back|later))\b/.test(s)) return 'no';
  if (DOUBLE_NEG.test(s)) return 'yes';
  if (problem && (GONE.test(s) || FINE.test(s)) && !/\bstill\b/.test(s)) return 'no';
  if (problem && /\bbetter\b/.test(s) && !/\bnot\b|n't\b|\bstill\b/.test(s)) return 'no';
  // "i never missed a dose" / "didn't forget once": nothing missed is a yes.
  if (action && FORGOT.test(s)) return /\b(?:never|not once|didn'?t|did not|haven'?t|have not|don'?t|do not|no)\b(?: \w+){0,2} (?:forgot|forget|missed|miss|skipped|skip)\b/.test(s) ? 'yes' : 'no';
  if (!problem && FINE.test(s)) return 'yes';
  if (NO_HEAD.test(s)) return 'no';
  if (action && !NEG.test(s) && /\b(?:took|taken|did|done|measured|checked|went|always|every|all of them|each)\b/.test(s)) return 'yes';
  if (YES_HEAD.test(s)) return /\bnot\b|n't\b/.test(s) && !A_LITTLE.test(s) ? 'no' : 'yes';
  if (A_LITTLE.test(s) && !/\b(?:not even|not a)\b/.test(s)) return 'yes';
  if (FINE.test(s)) return problem ? 'no' : 'yes';
  if (NEG.test(s)) return 'no';
  return null;
}

export function yesNoEn(utterance: string, asked?: string): YesNo {
  const t = normalizeUtterance(utterance, 'en').replace(/\bdo not\b/g, "don't").replace(/\bcannot\b/g, "can't");
  if (t.length === 0) return 'unclear';
  if (HEDGE_WORD_ONLY.test(t) && !/^(?:kind of|sort of|kinda|sorta|somewhat)$/.test(t)) return 'unclear';
  const { problem, action } = questionFrame(asked, 'en');
  // "Is it red or swollen?": a yes to any part is a yes.
  if (asked && /\bor\b/.test(asked)) {
    const parts = t.split(/\bbut\b|\band\b/).map((p) => clause(p, problem, action));
    if (parts.includes('yes') && !HEDGE.test(t)) return 'yes';
  }
  if (HEDGE.test(t)) {
    // "not sure, but i think it's gone" -> the firm part after the hedge decides.
    const after = t.slice(t.search(HEDGE)).replace(HEDGE, '').replace(/^\s*(?:but|though)\s*/, '');
    const firm = /\b(?:but|now|definitely|for sure)\b/.test(t) ? clause(after, problem, action) : null;
    return firm ?? 'unclear';
  }
  // "Is it worse?" / "any better?" answered "about the same": no change is a no.
  if (asked && /\b(?:worse|better|changed?|bigger|increased|improv\w*|different)\b/i.test(asked) && /^(?:(?:it'?s |about |pretty much |much |roughly |just )*(?:the )?same(?: as (?:before|ever|usual|last time))?|no (?:real )?(?:change|difference)|(?:it )?(?:hasn'?t|has not) changed|no different)$/.test(t)) return 'no';
  // "Is the cough any better?": gone is a yes, still there or the same is a no.
  if (asked && /\b(?:better|improv\w*|eas(?:ed|ing)|gone down|going down|settl(?:ed|ing)|clear(?:ed|ing) up|healing)\b/i.test(asked)) {
    if (/\b(?:same|worse|no (?:better|change|different)|not (?:really |much |any |getting |at all )?(?:better|improv\w*)|(?:hasn'?t|has not|haven'?t|didn'?t|did not) (?:changed|improved|gotten better|got better|helped))\b/.test(t)) return 'no';
    if (GONE.test(t) || /\b(?:better|improv\w*|less|eas(?:ed|ing)|went down|gone down|going down|healing|healed)\b/.test(t)) return 'yes';
    if (/\bstill\b/.test(t)) return 'no';
  }
  const head = clause(t, problem, action);
  // A plain "yes"/"no" head wins; otherwise the last clause (after "but"/"now") decides.
  if (/^(?:yes|yeah|yep|no|nope|nah)\b/.test(t) && head) {
    const parts = t.split(NOW_SPLIT);
    const last = parts.length > 1 ? clause(parts[parts.length - 1]!, problem, action) : null;
    return last && /\bbut\b/.test(t) ? last : head;
  }
  const parts = t.split(NOW_SPLIT).filter((p) => p.trim().length > 0);
  if (parts.length > 1) {
    const last = clause(parts[parts.length - 1]!, problem, action);
    if (last) return last;
  }
  if (head) return head;
  // A bare restatement of what was asked ("coughing", "the wound") without negation: yes.
  if (asked && t.split(' ').some((w) => w.length > 3 && asked.toLowerCase().includes(w.replace(/ing$|s$/, '')))) return 'yes';
  return 'unclear';
}
