/** English features for red-flag rules; see features-zh.ts. */
import type { Lexicon } from '../types.js';

const P = '(?:my|his|her|their|the)';

export const EN_FEATURES: Lexicon = {
  'x:sweating': ['\\bsweat(?:ing|y|s)?\\b', '\\bclammy\\b', '\\bdrenched\\b', '\\bpouring with sweat\\b', '\\bcold sweats?\\b'],
  'x:radiating': [
    `\\b(?:spread(?:s|ing)?|radiat(?:es|ing)|going|goes|moving|moves|shoots?|shooting|travels?|travel(?:l)?ing) (?:down|up|to|into|through) ${P}? ?(?:left )?(?:arm|jaw|neck|back|shoulder)s?\\b`,
    `\\b(?:left )?(?:arm|jaw|shoulder) (?:pain|hurts|is (?:hurting|numb|aching)|aches)\\b`, `\\bpain in ${P} (?:left )?(?:arm|jaw)\\b`,
  ],
  'x:pressure': ['\\bcrushing\\b', '\\bsqueez(?:ing|ed|e)\\b', '\\bin a vice\\b', '\\bcrushed\\b', '\\bpressure\\b', '\\bheav(?:y|iness)\\b', '\\btight(?:ness)?\\b', '\\blike (?:an elephant|a weight|a band|someone (?:is )?sitting|a vice)\\b'],
  'x:severe': [
    '\\bsevere\\b', '\\bterrible\\b', '\\bexcruciating\\b', '\\bunbearable\\b', '\\bworst\\b', '\\bagon(?:y|izing|ising)\\b', '\\breally bad\\b', '\\bvery bad\\b', '\\bextreme(?:ly)?\\b',
    '\\bintense\\b', '\\bkilling (?:me|him|her)\\b', '\\btearing\\b', '\\bripping\\b', '\\bhorrible\\b', '\\bawful\\b', '\\b(?:9|10|nine|ten) out of ten\\b',
  ],
  'x:sudden': ['\\bsudden(?:ly)?\\b', '\\ball of a sudden\\b', '\\bout of nowhere\\b', '\\bcame on (?:fast|quickly)\\b', '\\babrupt(?:ly)?\\b', '\\bout of the blue\\b'],
  'x:worst-headache': [
    '\\bworst headache\\b', '\\bworst headache (?:of|in) (?:my|his|her) life\\b', '\\b(?:head|headache)\\b[a-z ,\']{0,30}\\bworst pain (?:of|in) (?:my|his|her) life\\b', '\\bworst pain (?:of|in) (?:my|his|her) life\\b[a-z ,\']{0,20}\\b(?:head|headache)\\b', '\\bthunderclap\\b', '\\bhead (?:is )?(?:going to|about to|gonna) explode\\b',
    '\\bnever had a headache like (?:this|it)\\b', '\\bhit (?:on|in) the head with a (?:hammer|bat)\\b',
  ],
  'x:vision-loss': [
    "!\\b(?:can'?t|cannot|unable to) see\\b", '\\blost (?:the )?(?:vision|sight)\\b', '\\bvision (?:loss|went|is (?:blurry|blurred|gone|dark))\\b', '\\bblind (?:in|on) one eye\\b', '\\bdouble vision\\b',
    '\\bseeing double\\b', '\\bblurr(?:ed|y) vision\\b', '\\bloss of vision\\b', '\\bwent blind\\b', '\\bcurtain (?:over|across) (?:my|his|her) eye\\b',
  ],
  'x:balance': [
    '\\b(?:lost|losing|loss of) (?:his |her |my )?balance\\b', "!\\b(?:can'?t|cannot) (?:walk straight|stand up straight|keep (?:my|his|her) balance|stand)\\b", '\\bstagger(?:ing|ed)?\\b',
    '\\bunsteady on (?:my|his|her) feet\\b', '\\bfalling to one side\\b', '\\bwalking like (?:he|she|i) (?:is|am)? ?drunk\\b',
  ],
  'x:rf-severe-breathing': [
    "!\\b(?:can'?t|cannot|unable to|can not) (?:speak|talk|say) (?:in )?(?:full |whole |complete )?sentences\\b", "!\\b(?:can'?t|cannot) finish (?:a |my |his |her )?sentences?\\b",
    '\\btoo (?:breathless|short of breath|out of breath) to (?:speak|talk)\\b', "!\\b(?:can'?t|cannot|can not) breathe\\b", "!\\b(?:can'?t|cannot) get (?:any )?air\\b", '\\bstruggling (?:to breathe|for (?:breath|air))\\b', "!\\b(?:wheez\\w*|breathless|gasping|short of breath|out of breath)\\b[^.]{0,20}\\b(?:can'?t|cannot|unable to) (?:get a word out|speak|talk|say anything)\\b", '\\b(?:going|turning|gone|turned) (?:blue|grey|gray|purple)\\b',
    '\\bgasping(?: for (?:air|breath))?\\b', '\\bsuffocating\\b', '\\bfighting for (?:breath|air)\\b', '\\bbreathing (?:is )?(?:very|really|extremely|so) (?:hard|difficult|labou?red|bad)\\b',
    '\\bsevere (?:shortness of breath|breathing difficult(?:y|ies)|breathlessness)\\b', '\\b(?:short of breath|breathless) (?:at|while|even at|even while|when) (?:rest|resting|sitting)\\b', "!\\b(?:can'?t|cannot) lie (?:down )?flat\\b",
    '\\b(?:lips|face|skin|fingers?) (?:(?:are|is|turning|turned|look|looking|went|going|gone|getting|a bit|kind of) ){0,2}(?:blue|purple|grey|gray|bluish)\\b', '\\bblue lips\\b', '\\bcyano(?:sis|tic)\\b', '\\bchoking\\b',
    '\\bbarely breathing\\b', "!\\b(?:isn'?t|is not|not|wasn'?t|aren'?t) breathing (?:properly|right|normally|well)\\b", '\\b(?:only|barely|hardly) (?:say|speak|get out|manage) (?:a few|one or two|two or three|a couple of|single) words\\b', '\\bwords between (?:breaths|gasps)\\b', '\\bgrunting\\b', '\\b(?:skin )?between (?:his|her|the|my|their) ribs (?:is |are )?(?:sucking|pulling|drawing|going) in\\b', '\\bnostrils (?:are )?flaring\\b', "!\\b(?:can|could) (?:hardly|barely|scarcely) (?:speak|talk|breathe|get (?:a|any) words? out)\\b", '\\bwheezing (?:like mad|badly|really badly|terribly)\\b', "!\\b(?:can'?t|cannot|couldn'?t) (?:catch|get) (?:my|his|her|their) breath at all\\b", "!\\binhaler (?:isn'?t|is not|not|doesn'?t|does not|didn'?t|wasn'?t) (?:working|helping|doing anything)\\b", '\\bribs (?:are )?sucking in\\b',
  ],
  'x:throat-swell': [
    "\\bthroat(?:'s| is| feels)? (?:closing|closing up|swelling|swollen|swelled)\\b", '\\btongue (?:is )?(?:swollen|swelling|swelled)\\b', '\\bswollen (?:tongue|throat)\\b', '\\banaphyla(?:xis|ctic)\\b',
    "!\\b(?:can'?t|cannot) swallow (?:and|or) breathe\\b",
  ],
  'x:throat-tight': ['\\bthroat (?:is |feels )?(?:tight|closing|strange|scratchy and tight)\\b', '\\btight(?:ness in (?:my|his|her|the))? throat\\b', "!\\b(?:can'?t|cannot) swallow\\b", '\\bhoarse voice suddenly\\b'],
  'x:lip-swell': ['\\b(?:lips?|face|eyes?|eyelids?|mouth) (?:is |are |has |have |got |getting )?(?:swollen|swelling|puffy|swelled up|puffed up)\\b', '\\bswollen (?:lips?|face|eyes?|mouth)\\b'],
  'x:allergen': [
    '\\ballerg(?:y|ic|ies)\\b', '\\bafter (?:eating|taking|being stung|the injection|the shot|a shot)\\b', '\\b(?:bee|wasp|hornet|insect) stings?\\b', '\\bstung\\b', '\\bpeanuts?\\b', '\\bnuts\\b',
    '\\bshellfish\\b', '\\bshrimps?\\b', '\\bprawns?\\b', '\\b(?:crab|lobster|seafood|sesame|kiwi)\\b', '\\bafter (?:that|the|my|a|some) (?:curry|meal|takeaway|food|dinner|lunch|tablet|pill|jab|injection)\\b', '\\bpenicillin\\b', '\\bantibiotics?\\b', '\\bnew (?:medication|medicine|pill|drug)\\b', '\\binjection\\b', '\\bepi-?pen\\b', '\\bcontrast dye\\b', '\\bvaccine\\b',
  ],
  'x:rf-severe-bleeding': ['\\b(?:brought|bringing|threw|throwing|coughed|coughing) up (?:a (?:load|lot|bowl|cup|mug|pool)\\w* of |loads of |lots of )?(?:fresh |dark |bright red )?blood\\b', '\\b(?:a )?(?:bowl|cup|mug)ful of blood\\b',
    "!\\bbleeding (?:that )?(?:won'?t|will not|doesn'?t|does not|can'?t|isn'?t going to|wouldn'?t) stop\\b", "!\\b(?:won'?t|can'?t|doesn'?t|does not|will not|cannot) stop (?:the )?bleeding\\b",
    '\\bbleeding (?:heavily|badly|a lot|profusely|everywhere|like crazy)\\b', '\\b(?:lots|a lot|loads|tons) of blood\\b', '\\bblood everywhere\\b', '\\bpool of blood\\b',
    '\\b(?:vomit(?:ing|ed|s)?|throwing up|threw up|thrown up|puking) (?:up )?(?:a lot of |lots of |bright red |some )?blood\\b', '\\b(?:coughing|coughed|spitting|spat) up (?:a lot of|lots of|cups of|a cup of|mouthfuls of) blood\\b', '\\bspurting\\b',
    '\\bsoak(?:ed|ing) (?:through )?(?:the |a |several )?(?:towels?|bandages?|dressings?|pads?)\\b', '\\bpouring (?:out )?blood\\b', '\\bblood (?:is )?(?:pouring|gushing|pumping|spurting)\\b', '\\b(?:gushing|pouring|spurting|pumping|squirting|pissing) (?:out )?blood\\b',
    "\\b(?:coughing|coughed|spitting|spat|bringing|brought) up blood\\b[^.]{0,30}\\b(?:cupfuls?|a cup|mouthfuls?|lots|a lot|loads|handfuls?)\\b", '\\bmouthfuls? of blood\\b',
    '\\b(?:covered in|soaked (?:in|with)|full of) blood\\b',
    '\\bha?emorrhag\\w*\\b', '\\bmassive bleed\\w*\\b', '\\bha?ematemesis\\b', '\\bbleeding out\\b',
  ],
  'x:rf-altered': [
    '\\bunresponsive\\b', "!\\b(?:won'?t|doesn'?t|does not|isn'?t|is not|not|can'?t) (?:respond|responding)\\b", '\\bnot responding\\b', "!\\b(?:won'?t|will not|can'?t|cannot|didn'?t|doesn'?t) wake(?: (?:him|her|them))?(?: up)?\\b", "!\\b(?:can'?t|cannot|couldn'?t) (?:wake|rouse) (?:him|her|them|my \\w+)(?: up)?\\b",
    // Hard to rouse is a lowered level of consciousness (CTAS: GCS < 14 / responds to voice only).
    "\\b(?:is|are|was|were|'s|'re)\\b[^.;]{0,30}\\b(?:hard|difficult) to keep awake\\b", '\\b(?:hard|difficult|struggling) to (?:keep (?:him|her|them) awake|wake (?:him|her|them)(?: up)?|rouse)\\b', '\\bkeeps? (?:drifting|nodding) off\\b[^.]{0,30}\\b(?:talking|mid[- ]sentence|can\'t keep)\\b',
    '\\bunconscious\\b', '\\bout cold\\b', '\\bnot waking up\\b', '\\bseiz(?:ure|ures|ing)\\b', '\\bfitting\\b', '\\bconvuls(?:ing|ions?|ed)\\b', '\\bhaving a fit\\b',
    "!\\bpassed out and (?:won'?t|hasn'?t|didn'?t|isn'?t|is not|has not) (?:wake|woken|come to|waking|coming round|come round)\\b", "!\\bnot breathing\\b", '\\bstopped breathing\\b',
    '!\\bno pulse\\b', "!\\bcollapsed and (?:isn'?t|is not|not) (?:responding|moving|waking)\\b", "!\\b(?:isn'?t|is not|not) (?:moving|responding) at all\\b", '\\bcomatose\\b', '\\b(?:hard|difficult) to (?:wake|rouse)\\b', '\\b(?:can|could) (?:barely|hardly|only just) (?:wake|rouse) (?:him|her|them)\\b', '\\bbarely (?:awake|conscious)\\b', '\\bin a coma\\b', '\\b(?:responding|responds|responsive) (?:only )?to (?:pain|painful stimul\\w+)\\b', '\\bonly (?:responding|responds|responsive) to (?:pain|voice)\\b', '\\bavpu (?:is )?(?:p|u)\\b', '\\bfound (?:him|her|them)? ?(?:slumped|collapsed|unresponsive)\\b',
    '\\bshaking (?:all over|uncontrollably) and (?:not|unresponsive)\\b', "!\\bnot making sense and (?:can'?t|won'?t) stay awake\\b", "!\\bcan'?t stay awake\\b",
  ],
  'x:rf-suicidal': [
    '\\bkill(?:ing)? (?:myself|himself|herself)\\b', '\\bsuicid(?:e|al)\\b', '\\bend(?:ing)? (?:my|his|her) (?:own )?life\\b', '\\bend(?:ing)? it all\\b', "\\b(?:going to|gonna|wants? to|will|'ll|threaten\\w* to|about to) end it\\b", '\\bend it (?:tonight|today|now)\\b', '\\bbetter off (?:if|when) (?:i|he|she) (?:was|were|am|is|\'m) (?:gone|dead|not here|not around)\\b', "\\b(?:going to|gonna|want to|wanna|plan(?:ning)? to|will|i'?ll) (?:take|swallow) (?:all (?:of )?(?:my|the) (?:pills|tablets|meds|medication)|an overdose)\\b", '\\b(?:go to sleep|sleep|fall asleep) and (?:never|not) wake up\\b', '\\b(?:he|she|they|i)(?:\'ll| will| is going to|\'s going to| wants to| want to|\'m going to| am going to| threatening to| threatened to) (?:jump|hang (?:himself|herself|myself)|kill (?:himself|herself|myself))\\b', '\\bthreaten(?:ing|ed)? (?:to )?(?:suicide|jump)\\b', '\\b(?:took|taken|swallowed|downed) (?:a (?:lot|load|bunch|handful|whole bottle|bottle|box|packet) of |loads of |lots of |the whole (?:bottle|pack|box|packet) of )(?:my |his |her |their |the )?(?:sleeping )?(?:pills|tablets|meds|medication|medicine|antidepressants|painkillers|paracetamol|insulin)\\b',
    // "took all my tablets" is an adherence answer; all at once, or swallowed/downed, is an overdose.
    '\\b(?:swallowed|downed) all (?:of )?(?:my |his |her |their |the )?(?:sleeping )?(?:pills|tablets|meds|medication|medicine|antidepressants|painkillers|paracetamol)\\b',
    '\\b(?:took|taken) all (?:of )?(?:my |his |her |their |the )?(?:sleeping )?(?:pills|tablets|meds|medication|medicine|antidepressants|painkillers|paracetamol) (?:at once|in one go|together|at the same time)\\b', '\\b(?:everyone|everybody|they|people|my family)(?: would| will|\'d)? be better off without (?:me|him|her)\\b', '\\b(?:cut|slit|slash)(?:ting|ted|s)? (?:my|his|her|their) wrists?\\b', '\\bjump(?:ing)? off (?:a|the) (?:bridge|roof|building)\\b', '\\bwant(?:s|ed)? to die\\b', '\\bwanna die\\b',
    "!\\b(?:don'?t|doesn'?t|do not|does not) want to (?:live|be alive|be here anymore|go on|wake up)\\b", '\\b(?:better|be) off dead\\b', '!\\bno (?:reason|point) (?:to|in) (?:live|living|going on)\\b',
    '\\b(?:hurt|harm)(?:ing)? (?:myself|himself|herself)\\b', '\\bself[- ]?harm\\w*\\b', '\\bcut(?:ting)? (?:myself|himself|herself)\\b', "!\\bnot worth living\\b", '\\btake (?:my|his|her) (?:own )?life\\b',
    "!\\bcan'?t go on\\b", '\\bwish (?:i|he|she) (?:was|were) dead\\b', '\\boverdos(?:e|ed|ing)\\b',
    // Passive death wishes and self-harm count as suicidal (CTAS: suicidal ideation or self-harm, level II).
    "\\b(?:easier|better|simpler|better off) (?:for everyone |for them |for my family )?if (?:i|he|she) (?:wasn'?t|weren'?t|was not|were not|wasnt|werent) (?:here|around|alive)\\b", "\\b(?:easier|better|simpler|better off) (?:for everyone |for them )?if (?:i|he|she) (?:was|were) (?:gone|dead|not here|not around)\\b", "!\\b(?:don'?t|dont|doesn'?t|do not) (?:really |even |much |honestly )?care (?:if|whether) (?:i|he|she) (?:wake|wakes|woke) up\\b",
    "\\b(?:wouldn'?t|would not) (?:mind|care) if (?:i|he|she) (?:didn'?t|did not|never) wake up\\b", '\\b(?:walk|walking|walked|step|stepping|stepped) (?:into|in front of) (?:the |a )?(?:river|sea|lake|canal|traffic|train|bus|lorry|truck)\\b', '\\bso (?:it|everything) would (?:all )?(?:stop|end)\\b', "!\\b(?:don'?t|doesn'?t|do not|does not|can'?t|cannot) see the point (?:of|in) (?:being here|being alive|it all|anything any ?more)\\b", "\\bgave (?:away )?(?:her|his|my) (?:wedding ring|belongings|things|jewellery|jewelry|savings)\\b[^.]{0,60}\\b(?:won'?t|will not) (?:be )?need(?:ing)?\\b", "\\b(?:the )?(?:baby|kids|children|family|everyone|everybody|they|he|she|we) (?:would|will|'d) be better off without (?:me|her|him)\\b",
    "\\b(?:he|she|i|they)'?d be better off dead\\b", "!\\b(?:don'?t|dont|doesn'?t|do not|can'?t|cannot) see (?:much |the |any )?point (?:in|of) (?:anything|living|life|going on|carrying on)\\b", '\\b(?:thoughts?|thinking) (?:of|about) (?:dying|death|not being here|ending it)\\b',
    '\\b(?:cutting|cuts? on|scratching|burning) (?:her|his|my|their) (?:arms?|forearms?|wrists?|legs?|thighs?)\\b', '\\b(?:stockpil\\w+|saving up|hoarding|collecting|keeping) (?:all )?(?:my |his |her |the )?(?:sleeping )?(?:pills|tablets|meds|medication)\\b', '\\b(?:fresh|new|superficial) cuts\\b', '\\bcut (?:her|his|my|their) (?:arms?|forearms?|wrists?)\\b', '\\btook (?:a lot of|a bunch of|lots of|a load of|loads of|a handful of|a whole (?:bottle|pack|box) of|the whole (?:bottle|pack|box)(?: of)?) (?:sleeping |his |her |my |their )?(?:pills|tablets|meds|medication|medicine)\\b',
  ],
  'x:suicide-act': [
    '\\b(?:took|taken|swallowed|swallowing) (?:all|a (?:bunch|lot|load|handful|whole bottle|bottle)|loads|an overdose|(?:\\w+ )?(?:pills|tablets))\\b', '\\b(?:have|has|got|made) a plan\\b', '\\bplanning (?:to|how)\\b',
    '\\bon the (?:roof|bridge|ledge|edge)\\b', '\\b(?:is|he\'s|she\'s|they\'re|i\'m|am|standing|sitting|climbed) (?:out )?on (?:his|her|their|the|my) (?:[\\w-]+ )?(?:balcony|roof|ledge|window ?sill|bridge|railing)\\b', '\\b(?:wrote|written|left) a (?:note|letter)\\b', '\\b(?:have|got|bought) (?:a gun|the pills|pills|a rope|a knife)\\b', '\\bright now\\b', '\\btonight\\b', '\\balready (?:cut|took|taken)\\b', '\\b(?:cut|slit|slashed) (?:my|his|her|their) wrists?\\b',
  ],
  'x:poison-severe': ['\\b(?:pesticide|insecticide|weedkiller|weed killer|herbicide|paraquat|rat poison|antifreeze|organophosphate)\\b', '\\bcarbon monoxide\\b', '\\bco (?:poisoning|alarm|detector)\\b', '\\bgas (?:leak|poisoning)\\b', '\\bcharcoal (?:burner|grill|bbq|barbecue) (?:indoors|inside)\\b'],
  'x:arm-jaw-radiation': ['\\b(?:going|goes|went|gone|spreading|spreads|spread|moving|moves|shooting|shoots|radiating|radiates|travel\\w*) (?:down |up )?(?:into|to|down|up) (?:his|her|my|the|their) (?:left )?(?:arm|jaw)\\b'],
  'x:halos': ['\\bhalos?\\b', '\\brainbow (?:rings?|circles?|colou?rs?) (?:around|round) (?:the )?lights?\\b', '\\brings? (?:around|round) (?:the )?lights\\b'],
  'x:wild-mushroom': ['\\b(?:wild|foraged|picked) (?:mushrooms?|fungi)\\b', '\\bmushrooms? (?:we|i|he|she|they) (?:picked|found|foraged)\\b'],
  'x:hangover': ['\\bhangover\\b', '\\bhung ?over\\b', '\\bwent (?:pretty |really |a bit )?(?:hard|heavy) last night\\b', '\\b(?:drank|had) (?:way )?too much(?: to drink)?\\b', '\\b(?:bachelor|stag|hen|office) (?:party|do)\\b[^.]{0,40}\\b(?:drink|drank|beers?|shots)\\b'],
  'x:pleuritic': ["\\b(?:can'?t|cannot|couldn'?t) (?:take|get) (?:a )?(?:deep |full )?breath(?: in)? without (?:\\w+ ){0,4}(?:pain|hurting|it hurting)\\b", '\\b(?:hurts?|pain\\w*|stabs?|catches) (?:\\w+ ){0,5}(?:when|whenever|if|as|every time) i (?:breathe in|take a (?:deep )?breath|inhale)\\b', '\\bpain (?:on|with) (?:deep )?(?:breathing|inspiration|inhalation)\\b', '\\bpleuritic\\b'],
  'x:clot-risk': ['\\bon the (?:contraceptive |combined )?pill\\b', '\\b(?:take|taking|on|use|using) (?:the )?(?:contraceptive|combined|birth control|oral contraceptive) pills?\\b', '\\b(?:\\d+|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen)[- ]hours? (?:flight|drive|journey|coach)\\b', '\\b(?:hrt|oestrogen|estrogen)\\b', '\\blong[- ](?:haul )?flight\\b', '\\b(?:drove|driven|driving|flew|flying|coach|train|plane|flight)\\b[^.]{0,20}\\b(?:\\d+|five|six|seven|eight|nine|ten|eleven|twelve|several|many) hours?\\b', '\\b(?:\\d+|five|six|seven|eight|nine|ten|eleven|twelve) hours? (?:in|on) (?:a|the) (?:plane|car|coach|train)\\b', '\\b(?:had|after) (?:an? )?(?:operation|surgery)\\b[^.]{0,20}\\b(?:last|two|three|weeks?|days?)\\b', '\\b(?:plaster )?cast on\\b', '\\b(?:had|history of|previous) (?:a )?(?:blood )?clots?\\b', '\\b(?:dvt|pulmonary embolism)\\b'],
  'x:co-source': ['\\bgas (?:heater|water heater|boiler|fire|stove|geyser)\\b', '\\b(?:paraffin|kerosene|charcoal|coal|wood|log) (?:heater|stove|fire|burner|brazier)\\b', '\\b(?:generator|barbecue|bbq) (?:indoors|inside|in the (?:house|garage|tent|flat))\\b', '\\b(?:heater|boiler|stove) in the (?:bathroom|bedroom|tent|caravan)\\b'],
  'x:poison': ['\\bpoison(?:ed|ing)?\\b', '\\bswallowed (?:bleach|chemicals|detergent|pesticide|antifreeze|a battery|batteries)\\b', '\\bcarbon monoxide\\b', '\\bpesticide\\b', '\\bdrank (?:bleach|pesticide|antifreeze)\\b'],
  'x:overdose': ['\\b(?:about |around |roughly |nearly |over |at least |maybe )?(?:twenty|thirty|forty|fifty|sixty|a hundred|\\d{2,})(?: or so)? (?:of (?:the|his|her|my|their) )?(?:[\\w-]+ )?(?:(?:mg|milligrams?) )?(?:tablets|pills|capsules)\\b[^.]{0,40}\\b(?:ago|taken|took|swallowed|gone|missing)\\b', '\\b(?:taken|took|swallowed) (?:about |around |roughly |nearly |over |at least )?(?:twenty|thirty|forty|fifty|\\d{2,}) (?:of (?:the|his|her|my|their) )?(?:[\\w-]+ )?(?:(?:mg|milligrams?) )?(?:tablets|pills|capsules)\\b',
    '\\boverdos(?:e|ed|ing)\\b', '\\bod(?:\'?d)? on\\b',
    '\\b(?:took|taken|swallowed|downed|ate|eaten) (?:like |about |maybe |around |over |nearly |almost )?(?:\\d{2,}(?! ?(?:mg|milligrams?|ml|mcg|micrograms?|units?)\\b)|twenty|thirty|forty|fifty|sixty|a hundred|a bunch of|a handful of|a whole (?:bottle|box|pack|packet|strip) of|a (?:bottle|box|pack|packet|strip|sheet) of|the whole (?:bottle|box|pack|packet|strip)(?: of)?|loads of|lots of|a lot of|a load of) (?:of )?(?:my |his |her |their |the |mum\'?s |dad\'?s |grandma\'?s )?(?:\\w+ )?(?:pills|tablets|capsules|tylenol|paracetamol|acetaminophen|ibuprofen|advil|aspirin|meds|painkillers|antidepressants)\\b',
  ],
  'x:chills': ['\\b(?:shaking|shivering) (?:chills|uncontrollably|all over)\\b', '\\brigors?\\b', '\\bteeth (?:are )?chattering\\b', '\\bshaking chills\\b', '\\bchills\\b', '\\bshivering\\b', '\\bshivers\\b'],
  'x:mottled': ['\\b(?:blotchy|mottled) (?:and |, )?(?:purple|blue)\\b', '\\b(?:purple|blue) (?:and )?blotch\\w*\\b', '\\blook (?:a bit |all )?blotchy\\b','\\bmottled\\b', '\\bblotchy skin\\b', '\\bcold (?:and )?clammy\\b', '\\bskin (?:is |feels )?(?:cold|ice cold|pale and cold|grey|gray)\\b', '\\bice cold (?:hands|feet)\\b'],
  'x:fast-breathing': ["\\bbreathing(?:'s| is)? (?:quite |very |really |so )?(?:fast|quick|rapid)\\b",'\\bbreathing (?:very |really |so )?(?:fast|quickly|rapidly)\\b', '\\brapid breathing\\b', '\\bfast breathing\\b', '\\bpanting\\b'],
  'x:postop': [
    '\\b(?:after|since) (?:my |his |her |the |an? )?(?:surgery|operation|op|procedure)\\b', '\\bpost[- ]?op(?:erative)?\\b', '\\bhad (?:an? )?(?:surgery|operation|procedure)\\b', '\\bincision\\b',
    '\\bstitches\\b', '\\bdischarged from (?:the )?hospital\\b', '\\bsurgery (?:last|this|two|three|a) \\w+\\b',
  ],
  'x:high-fever': ['\\bhigh fever\\b', '\\bvery high (?:fever|temperature)\\b', '\\bburning up\\b', '\\bspiking\\b'],
  'x:newborn': ['\\bnewborn\\b', '\\bneonate\\b', '\\b(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](?:week|day)s?[- ]old\\b', '\\bweeks old\\b', '\\bdays old\\b', "\\b(?:only|just|she'?s|he'?s|baby is|is) (?:only |just )?(?:\\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:weeks?|days?)\\b(?! ago| pregnant| late| now| of)", '\\bjust (?:born|had (?:a|the) baby)\\b'],
  'x:brief-loc': ['\\bknocked (?:out|unconscious)\\b', '\\bblacked out\\b', '\\b(?:was|went) out (?:cold |for )', '\\blost consciousness\\b', '\\bpassed out (?:for )?(?:a (?:bit|moment|minute|second|few)|briefly)\\b'],
  'x:drowsy': ['\\b(?:very |really |so )?(?:sleepy|drowsy)\\b', '\\bkeeps? (?:falling|nodding) (?:asleep|off)\\b', "!\\bcan'?t (?:stay|keep) awake\\b"],
  'x:not-awake': ["!\\b(?:still|hasn'?t|has not|not) (?:unconscious|woken|come round|come to|waking)\\b"],
  'x:high-energy': [
    '\\b(?:hit|struck|knocked (?:down|over)|run over) by (?:a |the )?(?:car|truck|lorry|bus|van|motorbike|motorcycle|vehicle)\\b', '\\b(?:car|motorbike|motorcycle|traffic|road|bike) (?:accident|crash|collision)\\b', '\\bcar crash\\b', '\\b(?:came|come|thrown|flew) off (?:his|her|my|the|a) (?:motor ?bike|motorcycle|scooter|moped)\\b', '\\bthrown (?:from|over) (?:the|his|her)\\b', '\\bhit (?:a|the) (?:barrier|wall|tree|lamp ?post|crash barrier) at\\b',
    '\\bfell (?:off|from|out of) (?:a |the )?(?:roof|balcony|scaffold\\w*|(?:second|third|fourth|2nd|3rd) (?:floor|storey|story)|building|window|ladder from|height)\\b', '\\bfell from (?:a )?height\\b', '\\b(?:fell|fallen|fall|came down)\\b[a-z ,\']{0,40}\\b(?:\\d+|two|three|four|five|six|eight|ten|twelve|fifteen|twenty) ?(?:metres|meters|m|feet|foot|ft|storeys|stories|floors)\\b', '\\b(?:fell|fallen) (?:off|from) (?:a |the |his |her )?(?:ladder|scaffold\\w*|roof|tree|horse)\\b[a-z ,\']{0,30}\\b(?:hit|head|bent|deformed|not moving|unconscious|knocked out)\\b', '\\bcrushed (?:by|under)\\b',
  ],
  'x:uninjured': ['\\bno (?:injur(?:y|ies)|one (?:was )?hurt)\\b', "!\\b(?:not|isn'?t|wasn'?t) (?:hurt|injured)\\b", '\\bunhurt\\b', '\\bwalked away\\b'],
  'x:photophobia': ['\\bphotophobi\\w*\\b', '\\b(?:sensitive to|hates the|bothered by the|can\'?t stand the) light\\b', '\\blight (?:hurts|is hurting|bothers) (?:his|her|my|their) eyes\\b'],
  'x:rigid-abdomen': [
    '\\b(?:belly|stomach|tummy|abdomen)(?:\'s| is| feels| went| has gone| gone)? (?:rigid|hard as (?:a )?(?:board|rock)|rock hard|like a board|board[- ]like|very hard|really hard|solid)\\b', '\\brigid (?:belly|abdomen|stomach|tummy)\\b', '\\b(?:belly|stomach|tummy|abdomen)\\b[a-z ,\']{0,20}\\b(?:hard|rigid|tight) (?:like|as) (?:a )?(?:board|rock|plank|wood)\\b', "!\\bcan'?t (?:bear|stand) (?:anyone |anybody |me )?(?:to )?touch(?:ing)? (?:it|his belly|her belly|my belly|the belly)\\b",
  ],
  'x:anuria': ["!\\b(?:hasn'?t|has not|haven'?t|have not|hasnt|havent|didn'?t|not) (?:peed|pee'?d|weed|urinated|wee'?d|had a wet (?:nappy|diaper)|passed (?:any )?urine)\\b[^.]{0,12}\\b(?:all day|since (?:this morning|yesterday|last night)|for (?:\\d+|eight|ten|twelve|\\w+) hours|in (?:\\d+|eight|ten|twelve) hours|today)\\b", '\\bno (?:wet nappies|wet diapers|pee|urine) (?:all day|since|for|today)\\b', "!\\b(?:not|hasn'?t|haven'?t) (?:passed|had) a (?:single )?drop\\b", '\\bnot a drop of (?:urine|pee|wee)\\b'],
  'x:no-tears': ['\\bno tears\\b', "!\\bcries? without tears\\b"],
  'x:sunken': ['\\beyes? (?:are |is )?(?:look(?:ing|s)? )?(?:a bit |very |all )?sunken\\b','\\bsunken (?:eyes|soft spot|fontanelle)\\b', '\\beyes (?:look |are |have )?(?:sunken|sunk)\\b'],
  'x:cant-drink': ["!\\b(?:isn'?t|is not|not|hasn'?t been|has not been|won'?t|wont) (?:been )?drinking\\b(?! (?:alcohol|coffee|beer|wine|tea|excessively|too much|a lot|loads|heavily|much (?:alcohol|coffee|beer)))", "!\\b(?:can'?t|cannot|won'?t|unable to) (?:drink|keep (?:even )?(?:a sip of )?water down|take fluids)\\b"],
  'x:old': ['\\belderly\\b', '\\bgrand(?:ma|pa|mother|father|dad|da|ad)\\b', '\\bgranddad\\b', '\\bnan(?:a|na)?\\b', '\\bgran\\b', '\\bold (?:dear|boy|girl|folks)\\b', '\\b(?:elderly|older|aged) (?:mother|father|mum|mom|dad|parent|relative|neighbou?r)\\b', '\\bold (?:man|woman|lady|gentleman)\\b', '\\bin (?:his|her) (?:70|80|90)s\\b', '\\bnursing home\\b', '\\bgranny\\b'],
  // A small child: accidental poisoning rather than self-harm (see redflags.ts).
  'x:small-child': ['\\bbaby\\b', '\\binfant\\b', '\\btoddler\\b', '\\bnewborn\\b', '\\blittle one\\b'],
  // Pills a child must not swallow (a child's own "medicine" is not in it: pills or tablets are).
  'x:ingested-medicine': [
    "\\b(?:swallowed|ate|eaten|chewed|got into|bit into)\\b(?: [\\w']+){0,4}? (?:pills?|tablets?|capsules?)\\b",
  ],
  // Chemicals nobody should swallow.
  'x:ingested-chemical': [
    "\\b(?:swallowed|ate|eaten|drank|drunk|chewed|licked|got into|bit into)\\b(?: [\\w']+){0,4}? (?:bleach|detergent|(?:laundry|dishwasher|washing)(?: \\w+)? (?:pods?|capsules?|tablets?|liquid)|button batter(?:y|ies)|batter(?:y|ies)|chemicals?|cleaners?|antifreeze|insecticide|lamp oil|paraffin|kerosene|gasoline|petrol|drain cleaner|nicotine|e-?liquid|vape juice)\\b",
  ],
  // A reaction to a medicine, an injection or a vaccine (not a food or a sting).
  'x:drug-allergen': ['\\b(?:penicillin|amoxicillin|amoxycillin|augmentin|co-amoxiclav|cephalexin|antibiotics?|sulfa|septrin|trimethoprim|ibuprofen|aspirin|contrast(?: dye)?|vaccine|jab|injection|infusion)\\b', '\\bnew (?:medication|medicine|pills?|drug|tablets?|cream)\\b', '\\b(?:started|starting|since) (?:the |a |my )?(?:new )?(?:tablets?|pills?|medication|medicine|antibiotics?|course)\\b', '\\bdrug (?:rash|reaction|allergy)\\b'],
  'x:blister': ['\\bblisters?\\b', '\\bblistered\\b', '\\bblistering\\b'],
  // The episode is over and the person is well now (a faint, a fit, a TIA that passed).
  'x:now-well': ["\\bnow (?:i'?m|im|he'?s|she'?s|they'?re|i am|he is|she is) (?:completely |totally |absolutely )?(?:fine|ok|okay|normal|alright|all right|back to normal)\\b", '\\b(?:went|came|is|was|got|gone) back to normal\\b', "\\b(?:seems|seemed|looks|feels|feel|felt) (?:completely |totally )?(?:alright|all right|fine|ok|okay|normal|himself|herself) (?:now|again|since)\\b", '\\bcame (?:round|around|to) (?:straight away|quickly|after)\\b', '\\bback to (?:his|her|my) (?:normal )?(?:self|usual self)\\b', "\\b(?:that'?s|it'?s|its|it has|it'?s all|that'?s all|they'?ve|they have) (?:all )?(?:gone|passed|cleared|settled)(?: off| away)? now\\b", '\\b(?:all|completely) (?:gone|back to normal|recovered) now\\b'],
  // Weakness or numbness of one side of the body (a stroke's pattern), not one limb.
  'x:side-body': ['\\b(?:left|right|one) side\\b', '\\barm and (?:the |his |her |my )?leg\\b', '\\bleg and (?:the |his |her |my )?arm\\b', '\\bhalf (?:of )?(?:his|her|my|the) body\\b', '\\bhemipar\\w+\\b'],
  'x:child': ['\\bbaby\\b', '\\binfant\\b', '\\bchild\\b', '\\bkids?\\b', '\\btoddler\\b', '\\bgrand(?:son|daughter|child|kid)\\b', '\\bnewborn\\b', '\\blittle (?:one|boy|girl)\\b', '\\bchildren\\b'],
  'x:cardiac-history': ['\\bheart (?:disease|attack|condition|problems?)\\b', '\\bstents?\\b', '\\bbypass\\b', '\\bangina\\b', '\\bcoronary\\b'],
  'x:heart-failure': ['\\bheart failure\\b', '\\bchf\\b', '\\bweak heart\\b'],
};
