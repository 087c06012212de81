/**
 * Complaint rows of the CEDIS systems cardiovascular, respiratory, neurologic, eye, ENT,
 * dental / oral, skin, mental health and environmental (complaints/systems/*.ts): each system's
 * key second-order modifiers and its familiar minor complaints, in both languages. The narratives
 * were written for this file (not taken from a blind set).
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
}

const ROWS: Row[] = [
  // Cardiovascular
  { lang: 'en', n: 'my husband is 70 he has had a heavy feeling in the middle of his chest for twenty minutes, it goes into his jaw and he looks grey, he says it is only wind', d: ['D1'], rf: ['chest-pain-cardiac'] },
  { lang: 'en', n: 'district nurse: 66M, central CP since 7am radiating to the left arm, clammy', d: ['D1'], rf: ['chest-pain-cardiac'], by: 'chest-pain-described/chest-discomfort-cardiac-features' },
  { lang: 'zh', n: '我爸七十了 突然后背像被撕开一样疼 疼到胸口', d: ['D1'], rf: ['chest-pain-cardiac'], by: 'aortic-dissection-pain/tearing-pain' },
  { lang: 'zh', n: '我妈有心衰 这三天体重长了三斤 晚上要垫两个枕头才能睡', d: ['D4', 'D2'], by: 'heart-failure-worse/heart-failure-fluid-gain' },
  { lang: 'en', n: 'my heart keeps skipping beats and this afternoon i fainted at my desk', d: ['D2', 'D1'], by: 'palpitations/palpitations-with-syncope-or-chest-pain' },
  // Respiratory
  { lang: 'en', n: 'my toddler has a barking cough since last night, fine when sitting quietly, noisy only when he cries', d: ['D4'], by: 'croup' },
  { lang: 'zh', n: '孩子咳嗽像小狗叫 现在安静的时候也有呼噜声 肋骨那里一吸一凹', d: ['D1', 'D2'], rf: ['severe-breathing'] },
  { lang: 'zh', n: '我咳嗽快一个多月了，干咳，抽烟三十年了，没发烧。', d: ['D5'], by: 'cough-chronic/cough-chronic-lung-cancer-features' },
  { lang: 'en', n: 'i have had a dry cough for about five weeks now, never smoked, no fever, otherwise fine', d: ['D5', 'D6'], by: 'cough-chronic' },
  { lang: 'zh', n: '我老公打呼噜特别响 鼾声像打雷 白天开车老打瞌睡', d: ['D6'], by: 'sleep-apnoea' },
  { lang: 'en', n: 'just a head cold, runny nose and sneezing for two days, no fever, eating fine', d: ['D7'], rf: [] },
  { lang: 'en', n: "my son's asthma is bad today, he has used his inhaler ten times and it isn't helping", d: ['D1', 'D2'] },
  // Neurologic
  { lang: 'zh', n: '我妈昨天晚上左边胳膊突然没劲 筷子都拿不住 大概二十分钟就好了 现在跟没事人一样', d: ['D2', 'D1'] },
  { lang: 'en', n: 'this morning my right leg went weak and heavy and my words came out muddled, it lasted about fifteen minutes and now he is back to normal', d: ['D2', 'D1'] },
  { lang: 'en', n: 'my usual migraine again, one sided with the zigzag lights first, same as always, the triptan helped', d: ['D7'], rf: [] },
  { lang: 'zh', n: '加班熬夜 下午头两边像被箍着一样胀 吃了片止痛药好点了 以前也这样', d: ['D7'], rf: [] },
  { lang: 'en', n: 'headache since this morning and i am on warfarin', d: ['D2'], by: 'headache/headache-anticoagulated' },
  { lang: 'zh', n: '我一躺下翻身就天旋地转 十几秒就好 走路稳 说话正常', d: ['D5'] },
  { lang: 'en', n: 'for a year or so my hands shake when i hold a cup, no other problems', d: ['D6'], by: 'tremor' },
  // Eye
  { lang: 'zh', n: '我在家装修用角磨机 没戴护目镜 好像有铁屑崩进眼睛里了 一眨眼就磨', d: ['D4'], by: 'eye-foreign-body' },
  { lang: 'en', n: 'since this afternoon loads of new floaters in my right eye and little flashes at the side', d: ['D4'], by: 'flashes-floaters' },
  { lang: 'zh', n: '我奶奶晚上突然右眼胀痛 看灯有彩虹圈 还吐了', d: ['D2', 'D1'] },
  { lang: 'en', n: 'my little girl has sticky eyes, crusty in the morning, no pain, she can see fine, no fever', d: ['D7'], rf: [] },
  { lang: 'zh', n: '我爸这两年看东西越来越模糊 像隔了一层雾 不疼不红', d: ['D6'], by: 'vision-gradual' },
  // ENT
  { lang: 'zh', n: '今天早上醒来左耳突然听不见了 还嗡嗡响 不疼', d: ['D4'], by: 'hearing-loss-sudden' },
  { lang: 'en', n: 'a fish bone is stuck in my throat since dinner, it pricks when i swallow, breathing is fine', d: ['D4'], by: 'throat-foreign-body' },
  { lang: 'en', n: 'my daughter pushed a button battery up her nose', d: ['D2'], by: 'ear-nose-foreign-body/button-battery-ear-nose' },
  { lang: 'zh', n: '孩子耳朵疼了三天 今天耳朵后面红肿 耳朵往外支出来了 还发烧', d: ['D2'], by: 'earache/mastoiditis-signs' },
  { lang: 'en', n: 'nosebleed earlier, i pinched it for ten minutes and it has stopped, not on blood thinners', d: ['D7'], rf: [] },
  // Dental / oral
  { lang: 'zh', n: '牙龈上鼓了个脓包 半边脸都肿了 还有点发烧', d: ['D4'], by: 'dental-abscess/dental-abscess-facial-swelling-fever' },
  { lang: 'en', n: 'bad tooth abscess, now my neck under the jaw is swollen and i can only open my mouth one finger, hard to swallow', d: ['D2', 'D1'] },
  { lang: 'zh', n: '牙上有个黑洞 吃甜的有点酸 想约个时间补牙', d: ['D6'], by: 'toothache' },
  // Skin
  { lang: 'en', n: 'the red patch on my leg is hot and spreading past the pen line i drew this morning', d: ['D4'], by: 'cellulitis' },
  { lang: 'zh', n: '我七十二了 右边腰上一条带状的小水泡 火辣辣地疼', d: ['D5', 'D4'], by: 'shingles' },
  { lang: 'en', n: 'shingles blisters on my forehead and the tip of my nose, and my eye is red', d: ['D4'], by: 'shingles/shingles-ophthalmic' },
  { lang: 'zh', n: '吃了新药以后全身起红疹 嘴里也起泡溃烂了 还发烧', d: ['D2', 'D1'] },
  { lang: 'en', n: 'my mole has got bigger and darker at one edge over the summer', d: ['D5'], by: 'mole-change/mole-suspicious' },
  { lang: 'zh', n: '我是护士 刚才被病人用过的针头扎到手了', d: ['D2'], by: 'body-fluid-exposure' },
  // Mental health
  { lang: 'zh', n: '女儿十四岁 胳膊上有好几道新的划痕 她说心烦才划的 不想死', d: ['D3', 'D2'], rf: ['suicidal'] },
  { lang: 'en', n: 'since his wife died he keeps saying everyone would be better off without him', d: ['D3'], rf: ['suicidal'] },
  { lang: 'en', n: 'my brother is standing on the roof of the car park saying he is going to jump', d: ['D1'], rf: ['suicidal'] },
  { lang: 'zh', n: '我姐这几天说邻居在她屋里装了摄像头 天天派人跟踪她 晚上都不睡', d: ['D3'], by: 'psychosis/psychosis-acute' },
  { lang: 'en', n: 'my wife is two weeks postnatal and says she cannot look after the baby and the baby would be better off without her', d: ['D3'], rf: ['suicidal'] },
  // Environmental
  { lang: 'zh', n: '工地上一个工人大中午在太阳底下干活 突然倒了 现在叫他光哼哼 身上滚烫', d: ['D1'], rf: ['altered-consciousness'] },
  { lang: 'en', n: 'out hiking in the sun, got a headache and felt dizzy, now inside with the air-con and drank two litres, feel much better', d: ['D7'], rf: [] },
  { lang: 'zh', n: '钓鱼冻得手指头发白发木 用温水泡了一会 现在红过来了 也不疼', d: ['D7'], rf: [] },
  { lang: 'en', n: 'found my neighbour on the kitchen floor, she has been there since last night, cold to touch and muddled', d: ['D1'], rf: ['altered-consciousness'] },
  { lang: 'zh', n: '捅了个马蜂窝 被蜇了十几个包', d: ['D2'], by: 'multiple-stings' },
  { lang: 'zh', n: '刚坐了十几个小时飞机回来 右边小腿又肿又疼 现在上楼有点喘', d: ['D2', 'D1'], by: 'unilateral-leg-swelling/dvt-with-pe-features' },
  { lang: 'en', n: 'since this morning i am seeing double and my right eyelid is drooping, bad headache too', d: ['D2', 'D1'] },
  { lang: 'en', n: 'food keeps getting stuck when i swallow, worse over the last two months, lost some weight', d: ['D5'], by: 'dysphagia-progressive' },
  { lang: 'zh', n: '打扫厕所的时候把84和洁厕灵倒在一起了 现在胸口闷 有点喘', d: ['D2', 'D1'], by: 'noxious-gas/gas-breathing-symptoms' },
  { lang: 'en', n: 'stung by a jellyfish on my leg at the beach, red lines and stinging, nothing else', d: ['D7'], rf: [] },
  { lang: 'zh', n: '我老公打呼噜 有时候突然停一会儿不喘气 然后猛吸一口 白天老犯困', d: ['D6'], rf: [], by: 'sleep-apnoea' },
];

describe('complaint rows of the CEDIS systems A (cardiovascular ... environmental)', () => {
  it.each(ROWS)('$lang $n', (row) => {
    const r = triage(row.n, row.lang);
    expect(row.d).toContain(r.disposition);
    if (row.rf && row.rf.length === 0) expect(r.red_flags).toEqual([]);
    for (const f of row.rf ?? []) expect(r.red_flags).toContain(f);
    if (row.by) expect(r.modifiers.map((m) => m.id)).toContain(row.by);
  });
});
