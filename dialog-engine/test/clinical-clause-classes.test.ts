/**
 * Classes of speech the clause layer and the red-flag layer must read the same way in any wording
 * (sentences written for this test, not taken from a blind set): a finding said to be normal, an
 * echoed question answered no, a near miss, a reading in words, passive death wishes and
 * self-harm, an injured limb that is not a stroke, and follow-up calls raising the same flags as
 * the triage.
 */
import { describe, expect, it } from 'vitest';
import { detectRedFlags, triage } from '../src/clinical/index.js';
import { extractSystolic } from '../src/clinical/modifiers/vitals.js';
import { normalizeNarrative } from '../src/clinical/narrative-text.js';

describe('a finding named and said to be normal is not present', () => {
  it.each([
    ['zh', '胳膊上被蚊子叮了好几个包 挺痒的 嘴唇也不肿 呼吸正常'],
    ['zh', '吃了海鲜身上起了几个红疙瘩 痒 喘气也没问题 嗓子也不紧'],
    ['zh', '手上起了点疹子 痒痒的 喘气倒还行'],
    ['en', 'a few itchy hives on my arm after the prawns, lips are fine, breathing is normal'],
    ['en', 'itchy rash after the new cream, breathing\'s fine, no swelling'],
  ] as const)('%s %s', (lang, text) => {
    expect(triage(text, lang).red_flags).not.toContain('anaphylaxis');
    expect(detectRedFlags(text, lang)).not.toContain('anaphylaxis');
  });

  it('a real breathing problem with an allergen still fires', () => {
    expect(detectRedFlags('吃了虾以后身上起疙瘩 现在喘不上气', 'zh')).toContain('anaphylaxis');
    expect(detectRedFlags('hives after the peanut and now she is wheezing and can\'t breathe', 'en')).toContain('anaphylaxis');
  });
});

describe('an echoed either-or question answered with a bare no', () => {
  it('denies the finding', () => {
    expect(triage('睡得不好 心情低落 你问我有没有想过伤害自己 那倒没有 从来没有', 'zh').red_flags).toEqual([]);
  });
  it('a no that starts a new symptom is not a denial', () => {
    expect(triage('是不是中风了 没法说话 嘴也歪了', 'zh').red_flags).toContain('stroke-signs');
  });
});

describe('a near miss of swallowing something did not happen', () => {
  it.each([
    ['zh', '孙子差点把我的降压药吞了 我一把抢过来了'],
    ['en', 'my toddler nearly swallowed one of grandad\'s heart pills but I got it off him'],
  ] as const)('%s %s', (lang, text) => {
    expect(detectRedFlags(text, lang)).not.toContain('poisoning');
  });
  it('a swallowed pill does', () => {
    expect(detectRedFlags('孙子把我的降压药吞了一片', 'zh')).toContain('poisoning');
  });
});

describe('blood pressure in words', () => {
  it('reads a reading without its keyword and never a disease name plus an age', () => {
    expect(extractSystolic(normalizeNarrative('高血压老病号六十岁 今天连量了两次都是一百九十五/一百一十', 'zh'), 'zh')).toBe(195);
    expect(extractSystolic(normalizeNarrative('高血压病人五十二岁 头不疼', 'zh'), 'zh')).toBeNull();
    expect(extractSystolic(normalizeNarrative('我有高血压今天量了一百八十五', 'zh'), 'zh')).toBe(185);
  });
  it('a reported normal reading is not a blood-pressure complaint', () => {
    const r = triage('sore throat for two days, no fever, BP 122/76, pulse 72', 'en');
    expect(r.department).not.toBe('cardiology');
  });
});

describe('words that look like a symptom and are not', () => {
  it.each([
    ['zh', '咳嗽两个礼拜了 我烟抽了三十年 不发烧', 'altered-consciousness'],
    ['zh', '手背被热水烫红了一块 有点疼', 'acute-abdomen'],
    ['en', 'my son wets the bed at night, he is not drinking excessively and is growing well', 'severe-dehydration'],
    ['zh', '痛风又犯了 脚趾头肿得发亮 碰都不能碰 不发烧', 'acute-abdomen'],
  ] as const)('%s %s', (lang, text, flag) => {
    expect(triage(text, lang).red_flags).not.toContain(flag);
  });
});

describe('passive death wishes and self-harm are suicidal (nurse now)', () => {
  it.each([
    ['en', 'my husband keeps saying we would all be better off without him, he has no plan he says'],
    ['en', 'honestly some nights I think it would be easier for everyone if I wasn\'t around'],
    ['en', 'i dont really care if i wake up tomorrow, i havent done anything'],
    ['en', 'found fresh cuts on my daughter\'s arms tonight, she says she is fine'],
    ['zh', '我最近觉得活着真没意思 也没想怎么样 就是心里难受'],
    ['zh', '她跟我说 孩子没有我可能会过得更好'],
    ['zh', '我发现儿子胳膊上有好几道新的划痕 问他也不说'],
  ] as const)('%s %s', (lang, text) => {
    const r = triage(text, lang);
    expect(r.red_flags).toContain('suicidal');
    expect(['D1', 'D2', 'D3']).toContain(r.disposition);
  });
  it('someone on a balcony threatening to jump is an act in progress (120)', () => {
    expect(triage('my brother is out on the balcony of his flat saying he will jump', 'en').disposition).toBe('D1');
  });
});

describe('an injured limb is not a stroke', () => {
  it('a fall with a limb that will not move has no stroke flag', () => {
    expect(triage('my grandad slipped on the stairs and now he can\'t move his arm, it is swollen', 'en').red_flags).not.toContain('stroke-signs');
  });
  it('a fall with a drooping face still does', () => {
    expect(triage('my grandad fell and now he can\'t move his arm and his face is drooping', 'en').red_flags).toContain('stroke-signs');
  });
});

describe('a follow-up answer raises the flags the triage raises', () => {
  it.each([
    ['zh', '在家测了一下血氧只有八十六'],
    ['en', 'the home monitor says my sats are 87'],
    ['en', 'the paramedic said his GCS was 11'],
    ['zh', '胸口压着疼 出冷汗 往左胳膊窜'],
  ] as const)('%s %s', (lang, text) => {
    const fromTriage = triage(text, lang).red_flags;
    expect(fromTriage.length).toBeGreaterThan(0);
    expect(detectRedFlags(text, lang)).toEqual(expect.arrayContaining(fromTriage));
  });
});

describe('a red-flag episode that has passed, with the person well now', () => {
  it.each([
    ['zh', '我爷爷下午突然右手没劲 话也说不清 过了二十分钟左右就好了 现在跟没事人一样'],
    ['en', 'my wife fainted in the kitchen an hour ago, she came round straight away and now she is completely fine, she has a heart condition'],
  ] as const)('%s %s goes to the emergency department now', (lang, text) => {
    expect(triage(text, lang).disposition).toBe('D2');
  });
  it('a sign after the "fine now" keeps the ambulance', () => {
    const r = triage('he had a funny turn, seems fine now, but his face is still drooping on one side', 'en');
    expect(r.disposition).toBe('D1');
  });
});

describe('red flags in a short answer, in any wording', () => {
  it.each([
    ['zh', '肚子疼得直打滚 摸着硬邦邦的', 'acute-abdomen'],
    ['en', 'his tummy is hard like a plank and he is in agony', 'acute-abdomen'],
    ['zh', '拉肚子拉了一整天 一滴尿都没有 嘴巴干得起皮', 'severe-dehydration'],
    ['zh', '我妈把杀虫剂当成酱油吃了一口', 'poisoning'],
    ['zh', '刚才吐血了 一口一口的 鲜红鲜红的', 'severe-bleeding'],
    ['en', 'he came down off the roof, about four metres, landed on his back', 'major-trauma'],
    ['zh', '我爸从梯子上摔下来 两米多高 磕到头了', 'major-trauma'],
  ] as const)('%s %s -> %s', (lang, text, flag) => {
    expect(detectRedFlags(text, lang)).toContain(flag);
  });
  it('a headache with fever and a stiff neck is meningitis, not a stroke', () => {
    const flags = detectRedFlags('头痛得像要裂开 脖子发硬 发烧三十九度', 'zh');
    expect(flags).toContain('meningitis-signs');
    expect(flags).not.toContain('stroke-signs');
  });
  it('blurred sight in a painful red eye is an eye emergency, not a stroke', () => {
    const r = triage('my right eye suddenly got very painful and red, vision is blurry, I see rainbow halos around lights', 'en');
    expect(r.red_flags).not.toContain('stroke-signs');
    expect(['D1', 'D2']).toContain(r.disposition);
  });
  it('the worst pain of one\'s life in the belly is not a thunderclap headache', () => {
    expect(detectRedFlags('worst pain of my life in my stomach, it is rock hard', 'en')).not.toContain('stroke-signs');
  });
  it('a hangover with a dry mouth is not severe dehydration', () => {
    expect(detectRedFlags('昨晚喝多了 早上吐了一次 口干 想睡觉 人清醒 能喝水', 'zh')).not.toContain('severe-dehydration');
  });
});

describe('lists, corrections and clinical shorthand', () => {
  it('one negator governs a list of findings', () => {
    expect(triage('routine check, no headache, chest pain or blurred vision, BP 150/90', 'en').red_flags).toEqual([]);
    expect(triage('denies fever, cough, or shortness of breath; sore knee after gardening', 'en').disposition).not.toBe('D1');
    expect(triage('没有头痛、胸闷、手脚麻木 就是想开点药', 'zh').red_flags).toEqual([]);
  });
  it('a clause with its own subject is not an item of that list', () => {
    expect(triage("she's not really okay, she fell and can't get up, her leg is turned outwards, she is my gran, 90", 'en').disposition).toMatch(/D[12]/);
  });
  it('a correction takes the words back', () => {
    expect(triage('there is blood everywhere - well, no, not really, it is a small cut and it stopped', 'en').red_flags).not.toContain('severe-bleeding');
  });
  it('"52F" is an age and a sex, not a temperature', () => {
    expect(triage('GP here about 52F, routine review of her thyroid tablets, feels well', 'en').disposition).not.toBe('D1');
  });
  it('an INR of 5 or more on warfarin without bleeding needs a nurse now', () => {
    expect(triage('my INR came back at six point two today, I am on warfarin, no bleeding', 'en').disposition).toBe('D3');
    expect(triage('吃华法林的 今天查INR是五点五 没有出血', 'zh').disposition).toBe('D3');
  });
  it('responding only to pain is altered consciousness', () => {
    expect(triage('found my dad on the floor, he is only responding to pain', 'en').red_flags).toContain('altered-consciousness');
    expect(triage('老人躺在床上 掐他才有点反应', 'zh').red_flags).toContain('altered-consciousness');
  });
  it('an infant named in passing with a fever still gets the infant flag', () => {
    expect(triage('mostly calling about my older son\'s rash, oh and the baby is only five weeks and had 38.4 this evening', 'en').red_flags).toContain('infant-fever');
  });
});

describe('engine requests from the complaint rows', () => {
  it('an age told as a number makes an older person for the complaint rows', () => {
    expect(triage('他今年八十二岁 早上起来晕倒了一下 几秒钟就醒了 现在没事', 'zh', {}).red_flags).toContain('altered-consciousness');
  });
  it('a thriving baby of 3 months or more with nappy rash is self-care; a newborn is not', () => {
    expect(triage('my baby is eight months old, red nappy rash for two days, no blisters, no fever, feeding and happy', 'en').disposition).toBe('D7');
    expect(triage('my baby is three weeks old and has a red nappy rash, no fever, feeding well', 'en').disposition).not.toBe('D7');
  });
  it('a pronoun ends a negator\'s reach in unpunctuated Mandarin', () => {
    expect(triage('没发烧我抽烟二十年了咳嗽三个礼拜了', 'zh').department).toBe('respiratory');
  });
  it('tacrolimus and statins are not "he"', () => {
    const r = triage('我是肾移植的 一直吃他克莫司 这两天发烧三十八度五', 'zh');
    expect(r.disposition).toBe('D2');
  });
});

describe('emergencies in words just outside the phrase lists (classes from the r3 round, after its score)', () => {
  it.each([
    ['en', 'for half an hour there has been a crushing weight right in the centre of my chest and I feel sick and clammy', 'chest-pain-cardiac'],
    ['en', 'walking up the hill his chest went all tight and he had to sit down', 'chest-pain-cardiac'],
    ['en', 'my brother came off his motorbike on the motorway and there is blood coming from his head', 'major-trauma'],
    ['en', 'we pulled our daughter out of the lake, she was under for a bit and now she is breathing fast and drowsy', 'severe-breathing'],
    ['zh', '我妈打完胰岛素没吃早饭 现在叫她不太应 满头大汗', 'altered-consciousness'],
    ['zh', '我没事 就是把家里的安眠药都攒起来了 放在抽屉里', 'suicidal'],
    ['en', 'to be honest I have been saving up my sleeping pills, I have not taken any', 'suicidal'],
  ] as const)('%s %s -> %s', (lang, text, flag) => {
    expect(triage(text, lang).red_flags).toContain(flag);
  });
  it('a faint told as "the next thing I knew I was on the floor" in an older person goes to the emergency department', () => {
    expect(['D1', 'D2']).toContain(triage('I am eighty-one, I was at the cooker and the next thing I knew I was on the floor, I feel fine now', 'en').disposition);
  });
  it('numb between the legs with back pain is cauda equina', () => {
    expect(triage('my back has been bad for days and now my bottom and between my legs feel numb', 'en').disposition).toBe('D2');
  });
  it('ages said as "I\'m 83" or "my dad is seventy-one" are read', () => {
    expect(triage('I\'m 83 and I blacked out for a second at the table, fine now', 'en').disposition).not.toMatch(/D[4-7]/);
  });
  it('a child falling off a bicycle is not high-energy trauma', () => {
    expect(triage('小孩骑自行车摔了 膝盖蹭破皮 走路跑步都没问题', 'zh').red_flags).not.toContain('major-trauma');
  });
});

describe('context that explains or limits a sign (round four)', () => {
  it.each([
    ['en', 'My ten-month-old is dribbling everywhere and gnawing on his toys, cheek a bit flushed, 37.4, feeding fine. I think his top teeth are coming through.'],
    ['zh', '宝宝九个月，口水直流，老啃东西，吃奶正常，体温37.3，下牙快冒出来了。'],
  ] as const)('a teething baby drooling is not "cannot swallow" (%s)', (lang, text) => {
    const r = triage(text, lang);
    expect(['D1', 'D2']).not.toContain(r.disposition);
    expect(r.red_flags).toEqual([]);
  });
  it('drooling that cannot swallow with a high fever and a noisy breath still goes to D1/D2', () => {
    expect(['D1', 'D2']).toContain(triage('My 4 year old has a high fever, he is drooling, can\'t swallow and sits forward making a noise when he breathes.', 'en').disposition);
  });
  it('half a bottle of juice after a low sugar is treatment, not an overdose', () => {
    const r = triage('我打胰岛素的，刚才出冷汗手抖，测了血糖三点二，喝了半瓶橙汁，现在五点九，人好了。', 'zh');
    expect(r.red_flags).not.toContain('poisoning');
    expect(triage('他把一整瓶安眠药都吃了', 'zh').red_flags).toContain('poisoning');
  });
  it.each([
    ['zh', '她说有时候想死，但是没有计划，家里的绳子和药我们都收起来了，现在我陪着她。'],
    ['en', 'He has been saying he wants to die. We have put the knives away and his brother is with him; he has no plan.'],
  ] as const)('means the family has put away are not a plan (%s)', (lang, text) => {
    const r = triage(text, lang);
    expect(r.red_flags).toContain('suicidal');
    expect(r.modifiers).not.toContain('suicidal/suicide-plan-with-means');
  });
  it('a means at hand is still a plan', () => {
    expect(triage('他说想死，绳子都准备好了', 'zh').disposition).toBe('D1');
    expect(triage('He says he wants to die and he has a knife with him.', 'en').disposition).toBe('D1');
  });
  it('"a little more breathless than usual" is not severe breathing; "very breathless, can\'t finish a sentence" is', () => {
    expect(triage('我妈慢阻肺好多年了，这两天比平时喘得厉害点，能说话能吃饭，不发烧。', 'zh').red_flags).not.toContain('severe-breathing');
    expect(triage('我爸喘得很厉害，说不出整句话', 'zh').red_flags).toContain('severe-breathing');
  });
  it('a nurse on a neonatal ward is not a newborn', () => {
    expect(triage('我是新生儿科护士，我自己三十岁，感冒两天，流鼻涕，体温37.6。', 'zh').red_flags).not.toContain('infant-fever');
  });
  it('半边身没力 is one-sided weakness', () => {
    expect(detectRedFlags('我爸突然半边身没力', 'zh')).toContain('stroke-signs');
  });
});

describe('passive death wishes and warning signs in other words (round four)', () => {
  it.each([
    ['en', "She keeps saying she has thought about stepping in front of a train so everything would stop. She hasn't done anything."],
    ['en', "Dad gave away his jewellery to the grandkids and said he won't be needing it; he doesn't see the point of being alive any more."],
    ['zh', '我老婆生完孩子以后老哭，跟我说要是我不在了，你们会过得更好。'],
    ['zh', '他最近把自己的积蓄都分给孩子了，还说有跳河的念头。'],
  ] as const)('%s: %s', (lang, text) => {
    expect(triage(text, lang).red_flags).toContain('suicidal');
    expect(detectRedFlags(text, lang)).toContain('suicidal');
  });
  it('needing a thing no longer because one is well is not a warning sign', () => {
    expect(triage("I won't be needing the crutches any more, the knee is much better.", 'en').red_flags).toEqual([]);
  });
});

describe('emergencies said without their names (round four)', () => {
  it.each([
    ['en', 'My husband and I both woke up with headaches, we keep being sick and feel dizzy. We have a paraffin heater in the bedroom.'],
    ['zh', '一家人早上起来都头晕恶心，孩子吐了两回，家里冬天烧煤炉取暖。'],
  ] as const)('a fuel-burning heater indoors with headache, dizziness, vomiting is carbon monoxide (%s)', (lang, text) => {
    expect(triage(text, lang).red_flags).toContain('poisoning');
  });
  it('a serviced boiler and a cold is not', () => {
    expect(triage('Our gas boiler was serviced yesterday. I have a mild headache from a cold.', 'en').red_flags).toEqual([]);
  });
  it('hard to keep awake, said of someone, is a lowered consciousness; of oneself at work it is not', () => {
    expect(triage('Grandad has a chest infection and today he is muddled and really hard to keep awake.', 'en').red_flags).toContain('altered-consciousness');
    expect(triage("I'm finding it hard to keep awake at work since the new tablets, otherwise fine.", 'en').red_flags).toEqual([]);
  });
  it.each([
    ['en', "Sharp pain in my left side whenever I take a deep breath, since this morning. I take the contraceptive pill and had a twelve-hour flight two days ago."],
    ['zh', '我在吃避孕药，前天坐了十二个小时的飞机，今天一吸气左边就疼。'],
  ] as const)('pain on breathing in with a clot risk goes to D1/D2 (%s)', (lang, text) => {
    expect(['D1', 'D2']).toContain(triage(text, lang).disposition);
  });
  it('a pulled muscle that hurts on a deep breath, no clot risk, stays non-urgent', () => {
    expect(['D1', 'D2']).not.toContain(triage("I pulled a muscle at the gym, my ribs hurt when I take a deep breath, and it's tender to press.", 'en').disposition);
  });
});

describe('emergencies in other words (after round r4)', () => {
  const urgent = (text: string, lang: 'zh' | 'en'): boolean => ['D1', 'D2'].includes(triage(text, lang).disposition);
  it.each([
    ['en', "My dad keeps rubbing his chest, he says it's like something heavy sitting on it and it's spreading into his jaw. He's clammy and pale. He says it's just wind."],
    ['zh', '我老公刚才说胸骨后头突然发紧，像被攥住一样，出了一身汗，现在好点了。他五十多，有糖尿病。'],
    ['en', "Please help, my brother has shut himself in his room with a rope and says he's going to end it."],
    ['zh', '我儿子跟我吵架以后把一盒布洛芬吃了，我数了少了三十片，他说就想睡过去别醒了。'],
    ['en', "My grandad can't pass water since this morning, only a few drops are coming, and his lower belly is swollen and sore."],
    ['en', "My back has been bad for years but now I've got pain shooting down both legs and I'm numb down there when I wipe."],
    ['en', "Nan is ninety, she's been muddled since last night, doesn't know where she is, she's hot to touch and breathing fast."],
    ['en', 'My toddler has been vomiting and has had runny poos since yesterday, he will not keep water down, his eyes look sunken and he is very sleepy.'],
    ['zh', '我爸在做化疗，刚打完第二次，今天发冷发抖，量了三十八度六。'],
    ['zh', '我们昨天在山上采了点野蘑菇炒着吃，今天早上全家都开始吐、拉肚子。'],
    ['en', 'My mum has a really painful red eye tonight, her head aches on that side, she has been sick and she sees rainbow rings around the lights.'],
    ['en', "My father is eighty and on warfarin; he slipped in the kitchen and banged his head on the cupboard. He seems fine."],
    ['en', "My girlfriend's period is two weeks late, she has a sharp pain low on the right and she just fainted in the shower."],
    ['zh', '我月经推迟了十来天，验孕棒两道杠，今天右边小肚子一阵一阵地疼。'],
  ] as const)('%s: %s', (lang, text) => {
    expect(urgent(text, lang)).toBe(true);
  });
  it.each([
    ['en', 'I rub some cream on my chest for the eczema every night, it itches a bit.'],
    ['zh', '我昨天吃了点超市买的蘑菇，今天挺好的。'],
    ['en', 'I bumped my head on the cupboard this morning, no blood thinners, no headache now.'],
    ['en', 'My eyes are a bit red and itchy from hay fever.'],
  ] as const)('not every mention is an emergency: %s', (lang, text) => {
    expect(urgent(text, lang)).toBe(false);
  });
});

describe('the other cause, the critical sign (after round r4)', () => {
  const d = (text: string, lang: 'zh' | 'en'): string => triage(text, lang).disposition;
  it.each([
    ['en', 'Bit of a heavy night at my mate\'s stag do, woke up with a thumping head and was sick once, keeping water down now.'],
    ['zh', '昨晚同学聚会喝了好多啤酒，今天头疼，吐了一次，现在能喝水。'],
    ['en', 'Four days of a blocked nose, sneezing and a scratchy throat, temperature 37.7 at most, feel okay otherwise.'],
    ['zh', '起床的时候头磕到床头了，鼓了个小包，碰一下有点疼，没晕没吐，没吃抗凝药。'],
  ] as const)('a headache with another cause, a sore bump: not same-day (%s)', (lang, text) => {
    expect(['D1', 'D2', 'D3', 'D4']).not.toContain(d(text, lang));
  });
  it.each([
    ['en', 'My wife has swallowed about forty of her sertraline tablets, maybe half an hour ago, she is crying.'],
    ['en', "Dad has just coughed up a mugful of bright red blood and he's gone all grey and sweaty."],
    ['en', 'My son has a fever of 39.4 and there are purple spots on his tummy that do not fade when I press a glass on them.'],
    ['zh', '我婆婆发高烧，人糊涂了，呼吸很快，腿上的皮肤一块一块发花。'],
  ] as const)('an overdose counted, a big bleed that made him pale, a non-blanching rash with fever, sepsis with two critical signs: D1 (%s)', (lang, text) => {
    expect(d(text, lang)).toBe('D1');
  });
  it('a fever with a rash that fades stays below D1', () => {
    expect(d('My son has a fever of 38.5 and a red blotchy rash that fades when I press a glass on it, he is playing.', 'en')).not.toBe('D1');
  });
});
