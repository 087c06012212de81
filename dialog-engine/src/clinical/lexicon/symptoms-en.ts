/**
 * English colloquial symptom names -> symptom ids (lower-case text, apostrophes optional because
 * recognizers drop them). '!' marks phrases containing their own negation ("can't sleep").
 */
import type { Lexicon } from '../types.js';

const POSS = "(?:my|his|her|their|the|your|our)";

export const EN_SYMPTOMS: Lexicon = {
  fever: [
    '\\bfevers?\\b', '\\bfeverish\\b', '\\bfebrile\\b', '\\b(?:high |a )?temperature\\b', '\\bhigh temp\\b', '\\brunning a (?:temp|temperature|fever)\\b',
    '\\bburning up\\b', '\\bhot to (?:the )?touch\\b', '\\b(?:feels?|feeling|is|was|felt) (?:very |really |so |a bit )?hot\\b', '\\bpyrexia\\b', '\\btemp of\\b',
    '!\\btemperature (?:is |was )?(?:normal|back to normal|down)\\b', '=\\bfever (?:has |is )?(?:broken|broke|gone down|came down|went down)\\b',
  ],
  'chest-pain': [
    '\\bchest (?:pains?|hurts?|hurting|tight(?:ness)?|pressure|discomfort|heaviness|aches?|aching|(?:is|feels) (?:(?:really|very|so|a bit|kinda|kind of|pretty) )?(?:tight|heavy|sore|hurting|funny|crushed|painful))\\b',
    `\\b(?:pains?|pressure|tightness|discomfort|heaviness|aches?|squeezing|burning) (?:in|on|across|around) ${POSS} chest\\b`,
    // Compositional: a sensation, a few words, then a part of the chest ("heavy squeezing in the middle of my chest").
    `\\b(?:pains?|pressure|tight(?:ness)?|discomfort|heav(?:y|iness)|aches?|aching|squeez\\w*|crushing|burning|stabbing|gripping|weight|band)\\b[a-z ,']{0,30}?\\b(?:in|on|across|around|round|at|through|into) (?:the )?(?:middle|centre|center|left side|right side|front|left|right|top|bottom|whole) of ${POSS} chest\\b`,
    `\\b${POSS} chest (?:went|goes|got|gets|getting|gone|going) (?:all |really |very )?(?:tight|heavy|funny|painful|sore)\\b`, `\\b(?:tight |heavy |crushing |squeezing )?(?:band|weight|vice|belt) (?:across|around|on) ${POSS} chest\\b`,
    `\\b${POSS} chest (?:is|feels) (?:tight|heavy|sore|painful|hurting)\\b`, '\\bangina\\b', `\\b${POSS} chest (?:is |was )?(?:being )?(?:squeezed|crushed|pressed|gripped|clamped)\\b`, '\\b(?:clutch|rubb|grabb|hold|grip|press|massag)(?:ing|ed|es|s)? (?:at )?(?:my|his|her|their|the) chest\\b', `\\b(?:someone|somebody|something|an elephant|a weight|a ton of bricks)(?:'s| is)? (?:standing|sitting|pressing|pushing|crushing|kneeling) on ${POSS} chest\\b`, `\\b${POSS} chest (?:feels|felt|is) like (?:a|an|someone|something|there'?s|it'?s)\\b`, '\\btight chest\\b', '\\bchest (?:has been |is |keeps |been |was |started )?(?:hurting|aching|sore|painful|tight|burning)\\b', '\\bheart (?:hurts|is hurting|pain)\\b',
    // Non-native: "chest is very pain", "chest so much pain", "my chest have pain".
    '\\bchest (?:is |are |have |has |got |feel |feels )?(?:very |so |too |much |so much |very very |really )*(?:pain|painful|hurt)\\b',
  ],
  'shortness-of-breath': [
    '\\bshort(?:ness)? of breath\\b', '\\bsob\\b', '\\bbreathless(?:ness)?\\b', '\\bout of breath\\b', "!\\bcan'?t (?:catch (?:my|his|her) breath|get (?:my|his|her) breath)\\b",
    '\\b(?:trouble|difficulty|problems?) breathing\\b', '\\bhard (?:time )?(?:to )?breath(?:e|ing)\\b', '\\bstruggling (?:to breathe|for breath)\\b', "!\\b(?:can'?t|cannot|can not) breathe\\b",
    '\\bwheez(?:e|es|ing|y)\\b', '\\bwinded\\b', '\\bgasping\\b', '\\bbreathing (?:is )?(?:hard|difficult|heavy|laboured|labored)\\b', '\\bshort winded\\b',
    "!\\bnot getting enough air\\b", '\\bdyspn(?:o)?ea\\b', '\\bbreathing problems?\\b', '\\bwinded\\b', '\\bpuffed\\b',
  ],
  headache: [ "\\b(?:was|felt|like|as if|as though) (?:someone|somebody|something) (?:had )?(?:just )?(?:hit|struck|smacked|whacked|clubbed|punched|kicked|slammed|cracked|bashed) (?:me|him|her) (?:on|in|at|over|round) the (?:back of the |side of the |top of the )?head\\b", "\\b(?:back|top|side|front) of (?:my|his|her|the) head\\b[^.?!]{0,40}\\b(?:pain|hurts?|hurting|aching|ache|throbbing|pounding|splitting|agony)\\b", "\\b(?:pain|hurts?|hurting|aching|ache|throbbing|pounding)\\b[^.?!]{0,25}\\b(?:back|top|side|front) of (?:my|his|her|the) head\\b",
    '\\bheadaches?\\b', '\\bhead (?:hurts|is hurting|aches|is (?:killing|pounding|splitting))\\b', '\\bmigraines?\\b', `\\b(?:pain|ache) in ${POSS} head\\b`,
    '\\bpounding head\\b', '\\bsplitting head\\b',
  ],
  dizziness: ['\\bdizz(?:y|iness)\\b', '\\blight[- ]?headed(?:ness)?\\b', '\\bvertigo\\b', '\\b(?:room|world|everything) (?:is )?spinning\\b', '\\bwoozy\\b', '\\bgiddy\\b', '\\bunsteady\\b'],
  'nausea-vomiting': [
    '\\bnause(?:a|ous|ated)\\b', '\\bvomit(?:ing|ed|s)?\\b(?! (?:blood|up blood))', '\\bthrow(?:ing)? up\\b(?! blood)', '\\bthrew up\\b(?! blood)', '\\bthrown up\\b(?! blood)',
    '\\bsick to (?:my|his|her) stomach\\b', '\\bfeel(?:ing|s)? sick\\b', '\\bretching\\b', '\\bpuk(?:e|ing|ed)\\b', '\\bqueasy\\b', '\\bbeing sick\\b',
  ],
  'abdominal-pain': [
    '\\b(?:stomach|tummy|belly|abdominal|abdomen|gut) ?(?:pains?|aches?|hurts?|cramps?|is (?:hurting|sore|killing))\\b', '\\bstomach ?ache\\b', '\\bbellyache\\b',
    `\\b(?:pain|cramps?|ache) in ${POSS} (?:stomach|belly|abdomen|tummy|side|lower belly|upper belly)\\b`, '\\babdominal pain\\b', '\\b(?:pain|cramps?|ache)s? in (?:the |my |his |her )?(?:[a-z]+ ){0,4}?(?:of )?(?:my |his |her |the )?(?:stomach|belly|abdomen|tummy)\\b', '\\bcramping\\b',
  ],
  'wound-redness': [
    `\\b(?:${POSS} )?(?:wound|incision|cut|scar|stitches|surgical site)(?: site)? (?:is |are |looks |look |has gone |got |getting )?(?:very |really |a bit |more )?(?:red|swollen|inflamed|hot|warm|angry)\\b`,
    `\\b(?:wound|incision|stitches|scar)\\b[^.,;!?]{0,30}?\\b(?:looks?|is|getting|gone|turned|turning) (?:a bit |very |quite |really )?(?:red|inflamed|angry)\\b`,
    `\\bredness (?:around|at|near|on) ${POSS} (?:wound|incision|cut|stitches|scar)\\b`, `\\bred (?:around|near) ${POSS} (?:wound|incision|stitches)\\b`,
  ],
  'wound-discharge': [
    `\\b(?:pus|discharge|oozing|leaking|fluid|drainage|gunk) (?:coming )?(?:from|at|around|out of) ${POSS} (?:wound|incision|cut|stitches|scar)\\b`,
    '\\b(?:wound|incision|cut|stitches) (?:is |are )?(?:oozing|leaking|weeping|draining|discharging|smelly|smells)\\b', '\\bpus\\b', '\\bpussy discharge\\b', '\\binfected (?:wound|incision)\\b',
  ],
  'wound-bleeding': [
    '\\b(?:wound|incision|cut|stitches) (?:is |are |keeps |started )?(?:bleeding|oozing blood)\\b', `\\bblood (?:from|on|coming out of|through) ${POSS} (?:wound|dressing|bandage|incision)\\b`,
    `\\bbleeding from ${POSS} (?:wound|incision|stitches)\\b`,
  ],
  'leg-swelling': [
    '\\b(?:legs?|ankles?|feet|foot|calf|calves) (?:are |is |have |has |got |getting )?(?:very |really |a bit |more )?(?:swollen|swelling|puffy|swelled)\\b',
    '\\bswollen (?:legs?|ankles?|feet|foot|calf|calves)\\b', `\\bswelling (?:in|of|around) ${POSS} (?:legs?|ankles?|feet|foot|calf|calves)\\b`, '\\boe?dema\\b', '\\bfluid in (?:my|his|her) legs\\b',
  ],
  cough: ['\\bcough(?:ing|s|ed)?\\b(?! (?:up )?blood)', '\\bphlegm\\b', '\\bmucus\\b', '\\bsputum\\b'],
  palpitations: [
    '\\bpalpitations?\\b', '\\bheart (?:is )?(?:racing|pounding|fluttering|skipping|beating (?:fast|too fast|irregularly|hard|funny|weird)|going (?:fast|crazy))\\b',
    '\\bracing heart\\b', '\\b(?:fast|rapid|irregular) heart ?(?:beat|rate)\\b', '\\bflutter(?:ing)? in (?:my|his|her) chest\\b', '\\bheart flutters?\\b', '\\bskipped beats?\\b', '\\bafib\\b',
  ],
  'weakness-one-side': [ "\\b(?:left|right|one) (?:hand|arm|leg|side)(?: of (?:his|her|my) body)? (?:has |had |got |with |suddenly )?no (?:power|strength|feeling|force)\\b", "\\bno (?:power|strength) in (?:his|her|my|the|one) (?:left |right )?(?:hand|arm|leg|side)\\b", "\\b(?:chopsticks|cup|spoon|fork|glass|pen|phone|mug|bowl|cigarette|kettle)s? (?:suddenly |just )?(?:drop|drops|dropped|fell|fall|falls|slipped|slid) (?:out of|from) (?:his|her|my) (?:left |right )?hand\\b", "\\bsuddenly (?:drop|dropped) (?:the |his |her |my )?(?:chopsticks|cup|spoon|fork|glass|pen|phone|mug|bowl)\\b",
    '\\b(?:weak(?:ness)?|numb(?:ness)?|tingling|heavy|paralys(?:ed|is)|paralyzed|limp|dead) (?:on|in|down) (?:one side|the (?:left|right)(?: side)?|(?:his|her|my) (?:left|right)(?: side)?|one (?:arm|leg))\\b',
    '\\b(?:one|left|right) (?:side|arm|leg|hand)(?: of (?:my|his|her) body)? (?:is |feels |went |has gone )?(?:weak|numb|heavy|limp|dead|floppy|paralys|paralyz)\\w*',
    "!\\b(?:can'?t|cannot|unable to) (?:lift|raise|move|feel) (?:my|his|her|one|the) (?:left |right )?(?:arm|leg|hand)\\b", '\\barm (?:is )?drifting\\b', '\\b(?:left|right) (?:arm|leg|hand|foot|side)(?: and (?:arm|leg|hand|foot|face))? (?:is |are |feels? |went |has gone |have gone )?(?:weak|numb|heavy|limp|dead|tingly)\\b', '\\bhemipa\\w+\\b', '\\bone[- ]sided (?:weakness|numbness|paralysis)\\b', '\\b(?:arm|leg|hand|face)(?: and (?:arm|leg|hand|face))? (?:on|down) the (?:left|right)(?: side)? (?:is |are |has |have )?(?:gone |went |become |feels? )?(?:floppy|weak|numb|limp|dead|heavy)\\b', '\\b(?:left|right) (?:arm|leg|hand|side)\\b[^.,;!?]{0,25}?\\b(?:gave way|gave out|went numb|feels numb|is numb|went weak|went dead|feels dead|collapsed under)\\b',
    '\\b(?:weakness|numbness) (?:of|in) (?:the |his |her |my )?(?:left|right) (?:arm|leg|side)\\b', '\\bhalf (?:of )?(?:my|his|her) (?:body|face) (?:is )?(?:weak|numb)\\b',
  ],
  'speech-difficulty': [ "\\b(?:his|her|my) (?:talking|speaking|speech|words|voice) (?:is |was |are |were |became |went |got |come out |came out )?(?:not clear|unclear|thick|all wrong|not making sense|not right|wrong|strange|like drunk)\\b", "\\b(?:talk|talking|speak|speaking) (?:is |was )?not clear\\b", "\\b(?:couldn'?t|could not|can'?t|cannot) (?:say|find) (?:the |his |her |my )?(?:words|what (?:he|she|i) (?:meant|wanted))\\b",
    '\\bslurr(?:ed|ing)\\b', '\\bwords (?:are |come out |coming out )?(?:all )?(?:muddled|jumbled|mixed up|garbled|slurred|wrong)\\b', '\\bspeech (?:is |sounds )?(?:slurred|garbled|strange|weird|funny|off|jumbled)\\b', "!\\b(?:can'?t|cannot|unable to) (?:speak|talk|get (?:the |his |her |my )?words out)\\b(?! (?:in )?(?:full |whole |complete )?sentences)",
    '\\b(?:trouble|difficulty|problems?) (?:speaking|talking|finding (?:the )?words|with speech)\\b', '\\b(?:talking|speaking) (?:funny|strangely|weird|gibberish|nonsense)\\b',
    '\\bwords (?:are |come out )?(?:jumbled|garbled|wrong|mixed up)\\b', '\\bslurring (?:his|her|my) words\\b', "!\\b(?:can'?t|cannot) speak properly\\b", "!\\bnot speaking properly\\b", '\\baphasia\\b',
  ],
  'facial-droop': [
    '\\bface (?:is |looks )?(?:drooping|droopy|lopsided|uneven|crooked|sagging|numb on one side|twisted)\\b', '\\bfacial droop\\w*\\b', '\\bdroop(?:ing|y|ed|s)? (?:face|mouth|eye|eyelid|smile|on one side)\\b',
    '\\b(?:mouth|smile|lip) (?:is |looks )?(?:drooping|droopy|crooked|lopsided|uneven|sagging|twisted)\\b', "\\bone side of (?:my|his|her|the) face (?:is |has |'s |has gone |went )?(?:drooping|droopy|numb|sagging|down|fallen|weak|dropped|drooped|slipped|gone down)\\b",
    "\\bbell'?s palsy\\b", '\\bface (?:has )?droop(?:ed|s)?\\b', '\\bface (?:is )?drooping\\b',
  ],
  confusion: [
    '\\bmuddled\\b', "\\b(?:doesn'?t|does not|didn'?t|did not) know (?:what day it is|where (?:she|he) is|who (?:i|we) (?:am|are))\\b",
    '\\bconfus(?:ed|ion)\\b', '\\bdisorient(?:ed|ated)\\b', '\\bnot making (?:any )?sense\\b', "!\\b(?:doesn'?t|does not|didn'?t) (?:know|recogni[sz]e) (?:where|who|me|us)\\b", '\\bdelirious\\b',
    '\\bnot (?:himself|herself|myself)\\b', '\\bmixed up\\b', '\\bout of it\\b', '\\btalking nonsense\\b', '\\bnot (?:thinking|talking) (?:straight|clearly)\\b', '\\bforgetful all of a sudden\\b',
  ],
  fainting: [ "\\bjust (?:dropped|collapsed|went down|keeled over)(?=\\s*(?:[,.;!?]|$|mid[- ]?\\w+|to the (?:floor|ground)|on the (?:spot|floor|ground|pitch|field)|like a (?:stone|sack)|without (?:a )?warning))", "\\b(?:he|she|i|they) (?:just )?(?:dropped|went down|crumpled)(?=\\s*(?:[,.;!?]|$|mid[- ]?\\w+|to the (?:floor|ground)|on the (?:spot|floor|ground|pitch|field)|like a (?:stone|sack)|without (?:a )?warning|suddenly|all of a sudden|and (?:was|went|lay|didn'?t|did not|wasn'?t)))", "\\bdropped like a stone\\b",
    '\\bfaint(?:ed|ing|s)?\\b', '\\bpass(?:ed|es|ing)? out\\b', "\\b(?:the )?next thing (?:i|he|she|they) knew,? (?:i|he|she|they) (?:was|were|'?m) on the (?:\\w+ )?(?:floor|ground)\\b", '\\b(?:woke|came round|came to|found (?:myself|himself|herself)) (?:up )?on the (?:\\w+ )?(?:floor|ground)\\b', '\\bblack(?:ed|s)? out\\b', '\\bcollaps(?:ed|e|es|ing)\\b', '\\bsyncope\\b', '\\blost consciousness\\b', '\\bkeeled over\\b',
  ],
  'black-stool': [
    '\\bblack (?:stools?|poo|poop|bowel movements?|tarry stools?|feces|faeces)\\b', '\\btarry (?:stools?|poo|poop)\\b', '\\b(?:stools?|poo|poop) (?:is |are |looks |look |has been |have been )?(?:black|tarry|like tar|dark black)\\b', '\\bmela?ena\\b',
  ],
  'blood-in-urine': [
    '\\bblood in (?:my |his |her |the )?(?:urine|pee|wee)\\b', '\\bbloody (?:urine|pee)\\b', '\\b(?:pee|urine|wee) (?:is |looks |was )?(?:red|pink|bloody|cola[- ]colou?red|like cola)\\b', '\\bha?ematuria\\b', '\\bpeeing blood\\b',
  ],
  rash: ['\\brash(?:es)?\\b', '\\bhives\\b', '\\bwelts\\b', '\\bred spots\\b', '\\bspots (?:all )?over\\b', '\\bblotch(?:es|y)\\b', '\\bbumps on (?:my|his|her) (?:skin|body|face|arms|legs)\\b', '\\beczema\\b', '\\bbreaking out\\b', '\\burticaria\\b'],
  itching: ['\\bitch(?:y|ing|es|iness)?\\b', '\\bpruritus\\b'],
  insomnia: [
    '\\binsomnia\\b', "!\\b(?:can'?t|cannot|can not|unable to) (?:fall )?(?:get to )?sleep\\b", '\\btrouble (?:sleeping|falling asleep|staying asleep|getting to sleep)\\b', "!\\bnot sleeping(?: well)?\\b",
    '\\bsleepless\\b', '\\bup all night\\b', '\\bwak(?:e|ing) up (?:at night|early|all night|several times)\\b', '\\b(?:poor|bad) sleep\\b', '\\bsleep(?:ing)? (?:badly|poorly)\\b', "!\\bhaven'?t slept\\b",
  ],
  'low-mood': [
    '\\bdepress(?:ed|ion)\\b', '\\b(?:feeling|feel|feels|been|so|very)(?: (?:really|so|very|pretty|quite|a bit|kinda|kind of|a little))? (?:down|low|blue|hopeless|sad|miserable|empty|worthless)\\b', '\\blow mood\\b', '\\bsad all the time\\b',
    '\\b(?:lost|no) interest in (?:anything|everything|things)\\b', "!\\bcan'?t enjoy anything\\b", '\\bcrying all the time\\b', '\\bhopeless(?:ness)?\\b', '\\bin a dark place\\b', '\\bunhappy\\b',
  ],
  'suicidal-thoughts': [ "\\b(?:texted|messaged|sent|wrote|left|rang|called) (?:me|us|his \\w+|her \\w+|the family)? ?(?:a )?(?:goodbye|farewell|good-bye|suicide note|final message|note saying (?:goodbye|sorry))\\b", "\\bsaying (?:goodbye|good-bye|sorry for everything)\\b", "\\b(?:goodbye|good-bye) and (?:sorry|i'?m sorry|i love you)\\b",
    '\\bkill(?:ing)? (?:myself|himself|herself)\\b', '\\bsuicid(?:e|al)\\b', '\\bend(?:ing)? (?:my|his|her) (?:own )?life\\b', '\\bend it all\\b', '\\bwant(?:s|ed)? to die\\b', '\\bwanna die\\b',
    "!\\b(?:don'?t|doesn'?t|do not|does not) want to (?:live|be alive|be here|go on|wake up)\\b", '\\b(?:better|be) off dead\\b', '!\\bno (?:reason|point) (?:to|in) (?:live|living|going on)\\b',
    '\\b(?:hurt|harm)(?:ing)? (?:myself|himself|herself)\\b', '\\bself[- ]?harm\\w*\\b', '\\bcut(?:ting)? (?:myself|himself|herself)\\b', "!\\bnot worth living\\b", '\\btake (?:my|his|her) (?:own )?life\\b',
    "!\\bcan'?t go on\\b", '\\bwish (?:i|he|she) (?:was|were) dead\\b',
  ],
  constipation: [
    '\\bconstipat(?:ed|ion)\\b', "!\\b(?:can'?t|cannot) (?:poo|poop|go to the toilet|pass (?:a )?stool)\\b", "!\\bhaven'?t (?:had a bowel movement|pooped|been to the toilet|gone) (?:in|for)\\b",
    '\\bhard stools?\\b', '\\bbunged up\\b', "!\\b(?:not|haven'?t|hasn'?t) been (?:to the loo |to the toilet )?(?:for|in) (?:days|a few days|\\d+ days|ages)\\b", "!\\b(?:haven'?t|hasn'?t|have not|has not|not) (?:pooed|pooped|had a (?:poo|poop|bowel movement|number two)|been for a poo|opened (?:my|his|her) bowels)\\b", '!\\bno bowel movement\\b',
  ],
  diarrhea: ['\\bdiarrh(?:o)?ea\\b', '\\bloose (?:stools?|bowels?|poo|poop|motions)\\b', '\\bthe runs\\b', '\\bthe (?:squits|trots|shits)\\b', '\\bupset (?:stomach|tummy) and (?:the runs|loose)\\b', '\\bgastro\\b', '\\b(?:keep|kept|keeps) (?:running|rushing) to the (?:loo|toilet|bathroom)\\b', '\\brunny (?:poo|stools?)\\b', '\\bwatery (?:stools?|poo|poop)\\b'],
  'pain-general': ['\\bpain(?:s|ful)?\\b', '\\b(?:tooth|ear|back|neck|knee) ?aches?\\b', '\\bhurt(?:s|ing)?\\b', '\\bach(?:e|es|ing|y)\\b', '\\bsore\\b', '\\btender\\b'],
  fatigue: [
    '\\btired(?:ness)?\\b', '\\bfatigu(?:e|ed)\\b', '\\bexhausted\\b', '!\\bno energy\\b', '\\bweak(?:ness)?\\b', '\\bworn out\\b', '\\b(?:knackered|shattered|pooped|zonked|done in|whacked|bushed|beat)\\b', '\\bno energy\\b', '\\blethargic\\b', '\\brun down\\b', '\\bdrained\\b', '\\bwiped out\\b',
  ],
  'reduced-urine': [
    '\\b(?:peeing|urinating|passing urine|passing water) (?:less|very little|hardly|much less)\\b', '\\b(?:less|very little|hardly any|decreased|low) urine\\b',
    "!\\bnot (?:peeing|urinating) (?:much|at all|enough)\\b", "!\\bhaven'?t (?:peed|urinated|passed urine|had a wee)\\b", '!\\bno urine\\b', '\\bhardly (?:peeing|urinating|any pee)\\b',
  ],
  'weight-gain': [
    '\\b(?:gained|put on|putting on|gaining) (?:some |a lot of )?(?:weight|\\d+(?:\\.\\d+)? ?(?:pounds|lbs?|kg|kilos?)|(?:a|one|two|three|four|five) (?:pounds?|kilos?|kg))\\b',
    '\\bweight (?:gain|is up|went up|has gone up|increased|keeps going up)\\b', '\\bheavier\\b',
  ],
};
