/**
 * Complaint rows of the CEDIS systems gastrointestinal, genitourinary, obstetrics-gynaecology,
 * musculoskeletal, trauma, substance-toxicology, endocrine-metabolic, paediatric and general /
 * minor (complaints/systems/*.ts): each system's key second-order modifiers and its familiar
 * minor complaints, in both languages and registers. The narratives were written for this file
 * (not taken from a blind set).
 */
import { describe, expect, it } from 'vitest';
import { triage, type DispositionId } from '../src/clinical/index.js';

interface Row {
  lang: 'zh' | 'en';
  n: string;
  /** Allowed dispositions. */
  d: DispositionId[];
  /** Red flags that must be raised; an empty list means none may be. */
  rf?: string[];
  /** The complaint row (or row/modifier) that must be among the modifiers found. */
  by?: string;
  ageYears?: number;
  ageMonths?: number;
}

const ROWS: Row[] = [
  // Gastrointestinal
  { lang: 'zh', n: '我闺女十六 昨天胃那块疼 今天跑到右下边了 坐车一颠就疼 还有点发烧', d: ['D2'], rf: ['acute-abdomen'], by: 'gi-appendicitis-pattern/appendicitis-migration-or-jolt' },
  { lang: 'en', n: 'my dad had bowel surgery years ago, now his belly is blown up like a drum, he keeps vomiting and has not passed wind since yesterday', d: ['D2', 'D1'], rf: ['acute-abdomen'] },
  { lang: 'en', n: 'my baby is five weeks old and he is throwing up green stuff', d: ['D2', 'D1'], by: 'gi-bilious-vomiting/bilious-vomiting' },
  { lang: 'zh', n: '拉肚子一天了 拉了五六回 水能喝进去 尿也正常 没发烧', d: ['D7'], rf: [], by: 'gi-gastroenteritis-mild' },
  { lang: 'en', n: 'sharp ache under my right ribs for an hour after a fried breakfast, settled now, I was told I have gallstones', d: ['D5'], by: 'gi-biliary-pain/biliary-colic' },
  { lang: 'en', n: 'RUQ pain, temp 38.9 with rigors and her eyes have gone yellow, known gallstones', d: ['D2', 'D1'], rf: ['sepsis-signs'] },
  { lang: 'zh', n: '我两岁的孙子把遥控器里的纽扣电池吞下去了 现在看着还好', d: ['D2', 'D1'] },
  { lang: 'zh', n: '有痔疮 这两天大便完纸上有点鲜血 不疼', d: ['D6', 'D5'], rf: [] },
  { lang: 'zh', n: '右边大腿根鼓了个包 以前能推回去 今天推不回去了 还吐了两次', d: ['D2'], rf: ['acute-abdomen'], by: 'gi-hernia/hernia-incarcerated' },
  // Genitourinary
  { lang: 'en', n: 'stinging when I wee for three days, now a high temperature and pain in my right loin, I threw up once', d: ['D4', 'D2'], by: 'gu-uti/pyelonephritis-signs' },
  { lang: 'zh', n: '我有肾结石 现在左边腰绞着疼 发烧三十九度 还打寒战', d: ['D2'] },
  { lang: 'zh', n: '我老伴七十二 夜里要起来尿四五回 尿线细 尿得不痛快 别的没什么', d: ['D6'], rf: [], by: 'gu-luts' },
  { lang: 'en', n: 'my son is nine and woke up with really bad pain in his left testicle and he has been sick', d: ['D2'] },
  { lang: 'en', n: "I'm on haemodialysis, I missed my Monday session and now I'm short of breath and my legs are puffy", d: ['D2', 'D1'], by: 'gu-dialysis/missed-dialysis-symptoms' },
  // Obstetrics-gynaecology
  { lang: 'en', n: 'positive pregnancy test last week, about seven weeks, now sharp pain low down on the right side', d: ['D2', 'D1'], rf: ['acute-abdomen'] },
  { lang: 'zh', n: '怀孕十周了 今天擦的时候有点褐色的分泌物 肚子不疼', d: ['D4', 'D5'], by: 'obs-early-pregnancy/early-pregnancy-spotting' },
  { lang: 'en', n: "I'm thirty-two weeks and I haven't felt the baby move since this morning", d: ['D2'], by: 'obs-late-pregnancy/reduced-fetal-movements' },
  { lang: 'zh', n: '每个月来例假都肚子疼 今天是第一天 跟以前一样 想问能不能吃布洛芬', d: ['D7'], rf: [] },
  { lang: 'en', n: 'I was sexually assaulted last night and I do not know what to do', d: ['D2'], by: 'obs-sexual-assault' },
  { lang: 'zh', n: '我是一年前绝经的 这两天又出血了 量不多', d: ['D5', 'D4'], by: 'obs-vaginal-bleeding/postmenopausal-bleeding' },
  // Musculoskeletal
  { lang: 'en', n: 'she has rheumatoid arthritis, today her left knee is hot and swollen and she has a fever of 38.5', d: ['D2'] },
  { lang: 'zh', n: '痛风又犯了 大脚趾红肿 跟上次一样 家里还有秋水仙碱', d: ['D7'], rf: [], by: 'msk-gout-usual' },
  { lang: 'en', n: 'my shoulder has been aching for about three months, worse reaching up, no injury', d: ['D6'], rf: [] },
  { lang: 'zh', n: '打了石膏以后手指头发紫发麻 疼得越来越厉害', d: ['D2'], by: 'msk-cast-problem/cast-compartment' },
  // Trauma
  { lang: 'zh', n: '被人用刀捅了肚子一刀 在流血', d: ['D1'], rf: ['major-trauma'] },
  { lang: 'en', n: 'he came off his bike and the handlebar went into his tummy, now he is pale and says his belly hurts', d: ['D2', 'D1'] },
  { lang: 'en', n: 'tripped in the garden and landed on my outstretched hand, the wrist is very swollen', d: ['D4'], by: 'trauma-upper-limb' },
  { lang: 'zh', n: '削水果把左手拇指划了个口子 大概三厘米 有点张开 血按住了', d: ['D4'], by: 'trauma-laceration/laceration-needs-closure' },
  { lang: 'en', n: 'my little girl is three, she bumped her head on the table, cried straight away, no vomiting, now running around as usual', d: ['D7'], rf: [] },
  { lang: 'en', n: 'dived into the shallow end and now his arms are tingling', d: ['D1'], rf: ['major-trauma'] },
  // Substance / toxicology
  { lang: 'en', n: 'I took about thirty paracetamol over the weekend for toothache, I feel fine', d: ['D2', 'D1'] },
  { lang: 'en', n: 'our two year old chewed on a laundry capsule and has been vomiting and drooling', d: ['D2', 'D1'], by: 'tox-household-product/household-product-symptoms' },
  { lang: 'zh', n: '我早上吃了降脂药 中午忘了又吃了一片 人没什么不舒服', d: ['D7'], rf: [] },
  { lang: 'en', n: "I'm seventy and I think I took my warfarin twice today, no bleeding", d: ['D3'], by: 'tox-extra-dose/extra-dose-high-risk-drug' },
  { lang: 'zh', n: '他戒酒三天了 今天开始说看到墙上有虫子在爬 手抖得厉害', d: ['D2', 'D1'] },
  // Endocrine / metabolic
  { lang: 'en', n: 'type 1 diabetic, vomiting since this morning and can\'t keep anything down', d: ['D2'], by: 'endo-type1-sick-day/type1-vomiting' },
  { lang: 'zh', n: '我妈糖尿病吃格列齐特的 刚才低血糖 吃了糖好点了', d: ['D4', 'D2'], by: 'endo-hypoglycaemia/hypo-on-sulfonylurea' },
  { lang: 'en', n: "I had a hypo before lunch, 2.9, had juice and a sandwich and I'm back up to 7.2 and feel normal", d: ['D7'], rf: [] },
  { lang: 'zh', n: '我有艾迪生病 天天吃氢化可的松 今天一直吐 头晕站不住', d: ['D2', 'D1'], by: 'endo-adrenal/adrenal-crisis' },
  // Paediatric
  { lang: 'zh', n: '儿子四岁 发烧三十八度五 吃了退烧药 现在在看动画片 能吃能玩', d: ['D7'], rf: [] },
  { lang: 'en', n: 'my daughter is six and since this morning she refuses to walk and is limping, temperature 38.7', d: ['D2'], by: 'ped-limp/limp-with-fever' },
  { lang: 'zh', n: '宝宝两个月 这两天不肯吃奶 一直睡 尿不湿也比平时干', d: ['D2', 'D1'] },
  { lang: 'en', n: 'my four month old stopped breathing and went floppy for a few seconds then came round', d: ['D2', 'D1'], ageMonths: 4 },
  { lang: 'zh', n: '孩子七岁了 晚上还经常尿床 白天都正常', d: ['D6'], rf: [], by: 'ped-bedwetting' },
  // General / minor
  { lang: 'zh', n: '我是肝移植的 一直吃他克莫司 这两天拉肚子 尿少了', d: ['D4', 'D3', 'D2'], by: 'gen-immunosuppressed-infection' },
  { lang: 'en', n: 'just back from Nigeria two weeks ago and now fever and shivers', d: ['D2'] },
  { lang: 'zh', n: '这半年老觉得累 睡够了还是乏 想做个全面检查', d: ['D6'], rf: [] },
  { lang: 'en', n: 'nurse here, needlestick from a used needle an hour ago, what do I do', d: ['D2', 'D4'] },
  // Clinical register and abbreviations
  { lang: 'en', n: 'G2P1 at 8/40, LIF pain since this morning, small PV bleed, obs stable', d: ['D2', 'D1'], rf: ['acute-abdomen'] },
  { lang: 'en', n: '29/40, RFM since yesterday, otherwise well', d: ['D2'], by: 'obs-late-pregnancy/reduced-fetal-movements' },
  { lang: 'en', n: '78F, abdominal distension, absolute constipation, not passing flatus, vomiting', d: ['D2'], rf: ['acute-abdomen'] },
  { lang: 'en', n: '15M sudden onset left testicular pain two hours ago, vomited', d: ['D2'], by: 'gu-testicle-acute/acute-scrotum' },
  { lang: 'en', n: 'day 1 baby, yellow since this morning', d: ['D2'], by: 'ped-newborn-jaundice/jaundice-first-day' },
  { lang: 'zh', n: '宝宝一个月 喂奶老吐 吐的时候喷出去老远', d: ['D4'], ageMonths: 1, by: 'gi-projectile-vomiting-infant' },
  // Dialect and elderly speech
  { lang: 'zh', n: '老汉好几天没屙屎了 屁也不放 肚子鼓得像个球 吐了两回', d: ['D2'], rf: ['acute-abdomen'] },
  { lang: 'zh', n: '怀娃七个多月了 今天娃在肚子里一直不咋动', d: ['D2'], by: 'obs-late-pregnancy/reduced-fetal-movements' },
  { lang: 'zh', n: '俺娃四岁 发烧三十八度 吃了药 在那耍呢 能吃能喝', d: ['D7'], rf: [] },
  { lang: 'zh', n: '俺妈下楼摔了一跤 手杵地上了 手腕子肿得老高 一动就疼', d: ['D4'] },
];

describe('complaint rows B (GI, GU, OB-GYN, MSK, trauma, toxicology, endocrine, paediatric, general)', () => {
  it.each(ROWS)('$lang $n', (row) => {
    const r = triage(row.n, row.lang, { ageYears: row.ageYears, ageMonths: row.ageMonths });
    expect(row.d).toContain(r.disposition);
    if (row.rf && row.rf.length === 0) expect(r.red_flags).toEqual([]);
    for (const f of row.rf ?? []) expect(r.red_flags).toContain(f);
    if (row.by) expect(r.modifiers.map((m) => m.id).some((id) => id === row.by || id.startsWith(`${row.by}/`))).toBe(true);
  });
});
