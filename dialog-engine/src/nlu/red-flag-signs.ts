/**
 * Red-flag classes read from a clause's parts, where the clinical lexicon has no phrase yet:
 *  - poisoning: a small child took an adult's medicine or a household chemical;
 *  - major trauma: a fall from a height (ladder, roof, stairs) with a sign of serious injury
 *    (not moving, cannot move, a head wound, unconscious, knocked out).
 * The parts are matched independently within one clause (or an adjacent pair), so the words
 * between them do not matter; a negated or hypothetical clause never reaches here.
 */
import type { Lang } from '../text/index.js';

interface Sign {
  id: string;
  all: Record<Lang, RegExp[]>;
}

const SIGNS: Sign[] = [
  {
    id: 'poisoning',
    all: {
      en: [
        /\b(?:toddler|baby|child|kid|little one|son|daughter|grandson|granddaughter|\d+ year old|\d+ month old)\b/,
        /\b(?:drank|drunk|swallowed|ate|eaten|got into|chewed|sucked on|has had some of)\b/,
        /\b(?:bleach|detergent|cleaner|cleaning|washing (?:up )?liquid|dishwasher|laundry (?:pod|capsule|tablet)s?|chemicals?|button batter(?:y|ies)|batter(?:y|ies)|paraffin|white spirit|antifreeze|weed ?killer|pills|tablets|(?:his|her|my|grandma'?s|grandad'?s|nan'?s|granny'?s|mum'?s|dad'?s) (?:medicine|medication|meds))\b/,
      ],
      zh: [
        /孩子|宝宝|小孩|娃|孙子|孙女|外孙|儿子|女儿|闺女|小朋友/u,
        /吃了|喝了|误吃|误服|误喝|误食|吞了|偷吃|吃下去|喝下去|吃掉|[吃喝吞](?:了)?[\u4e00-\u9fff]{0,4}(?:片|粒|颗|口|瓶)/u,
        /(?:降压|降糖|安眠|止痛|退烧|心脏|精神)?药(?!水果)|洗衣液|洗洁精|消毒(?:液|水)|84|漂白|洁厕|农药|老鼠药|杀虫|电池|酒精/u,
      ],
    },
  },
  {
    // Breathlessness with a sign of severity: blue lips, breathless at rest or after two steps, cannot finish a sentence.
    id: 'severe-breathing',
    all: {
      en: [
        /\b(?:breath\w*|puff\w*|gasp\w*|wheez\w*|winded|air)\b/,
        /\b(?:lips? (?:are |is |gone |going |turned |look )?(?:blue|grey|gray|purple|dusky)|blue (?:lips?|round the mouth)|(?:can'?t|cannot) (?:finish|get out) (?:a |my )?(?:sentence|words)|(?:at rest|sitting still|just sitting|two steps|a few steps))\b/,
      ],
      zh: [
        /喘|气紧|气短|气急|上不来气|喘不上|憋气|透不过气/u,
        /嘴(?:皮|唇)[\u4e00-\u9fff]{0,2}(?:乌|紫|青|黑)|(?:走|动)(?:两|几|一)步就|说不(?:了|出)(?:整|完整)?(?:句|话)|坐着(?:都|也)喘|躺不下|不能躺/u,
      ],
    },
  },
  {
    id: 'major-trauma',
    all: {
      en: [
        /\b(?:fell|fallen|falling|came off|come off|tumbled)\b[^.]{0,30}\b(?:ladder|roof|stairs|staircase|scaffold\w*|balcony|tree|horse|bike|motorbike|motorcycle|scooter|storeys?|stories|floors?|height|wall)\b/,
        /\b(?:not moving|can'?t move|cannot move|won'?t move|can'?t feel (?:his|her|my) legs|unconscious|knocked out|out cold|bone (?:is )?sticking out|head (?:is )?(?:bleeding|cut open|split)|not (?:waking|responding))\b/,
      ],
      zh: [
        /(?:楼梯|梯子|房顶|屋顶|高处|树上|楼上|阳台|脚手架|墙上)[\u4e00-\u9fff]{0,3}(?:摔|滚|掉|跌|栽)(?:下来|下去|了)/u,
        /动不了|不能动|动弹不得|头(?:磕|摔|撞)?破|骨头(?:露|戳)出来|叫不醒|昏过去|没反应|站不起来|不省人事/u,
      ],
    },
  },
];

export function redFlagSigns(clause: string, lang: Lang): string[] {
  const t = lang === 'en' ? clause.toLowerCase() : clause;
  return SIGNS.filter((s) => s.all[lang].every((re) => re.test(t))).map((s) => s.id);
}
