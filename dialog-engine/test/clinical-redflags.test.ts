import { describe, expect, it } from 'vitest';
import { detectRedFlags, type RedFlagId } from '../src/clinical/index.js';

type Row = [string, RedFlagId | null];

const ZH: Row[] = [
  ['胸口压着疼出冷汗', 'chest-pain-cardiac'],
  ['胸口疼得厉害还喘不上气', 'chest-pain-cardiac'],
  ['心口像大石头压着一样疼', 'chest-pain-cardiac'],
  ['胸口疼窜到左胳膊', 'chest-pain-cardiac'],
  ['我爸胸口闷得慌一身冷汗', 'chest-pain-cardiac'],
  ['没有胸口疼也没出汗', null],
  ['去年胸口疼过出了一身汗', null],
  ['嘴歪了', 'stroke-signs'],
  ['突然半边身子没劲', 'stroke-signs'],
  ['我妈说话不清楚嘴也歪了', 'stroke-signs'],
  ['左手左脚突然发麻抬不起来', 'stroke-signs'],
  ['一只眼睛突然看不见了', 'stroke-signs'],
  ['突然站不稳走路往一边倒', 'stroke-signs'],
  ['这辈子最严重的头疼突然就来了', 'stroke-signs'],
  ['没有嘴歪也没有说话不清', null],
  ['以前中风嘴歪现在已经好了', null],
  ['喘不过气来', 'severe-breathing'],
  ['嘴唇发紫', 'severe-breathing'],
  ['喘得说不出话', 'severe-breathing'],
  ['坐着都喘', 'severe-breathing'],
  ['呼吸特别困难', 'severe-breathing'],
  ['没有喘不过气', null],
  ['吃了花生以后喉咙发紧身上起疙瘩', 'anaphylaxis'],
  ['舌头肿起来了', 'anaphylaxis'],
  ['打完针浑身起疹子喘不上气', 'anaphylaxis'],
  ['被蜜蜂蛰了嗓子发紧', 'anaphylaxis'],
  ['喉咙没有肿', null],
  ['血止不住', 'severe-bleeding'],
  ['吐血了', 'severe-bleeding'],
  ['流了好多血', 'severe-bleeding'],
  ['伤口一直在流血按不住', 'severe-bleeding'],
  ['拉了很多血', 'severe-bleeding'],
  ['没有吐血', null],
  ['叫不醒', 'altered-consciousness'],
  ['我爸晕倒了叫不醒', 'altered-consciousness'],
  ['孩子在抽搐', 'altered-consciousness'],
  ['突然抽风口吐白沫', 'altered-consciousness'],
  ['喊他没反应', 'altered-consciousness'],
  ['昏迷了', 'altered-consciousness'],
  ['腿抽筋', null],
  ['不想活了', 'suicidal'],
  ['活着没意思', 'suicidal'],
  ['我想自杀', 'suicidal'],
  ['有时候想死', 'suicidal'],
  ['想一死了之', 'suicidal'],
  ['没有想自杀', null],
  ['宝宝两个月发烧三十八度', 'infant-fever'],
  ['孩子才六周发烧了', 'infant-fever'],
  ['新生儿发烧', 'infant-fever'],
  ['宝宝两个月体温三十七度二', null],
  ['宝宝两岁发烧三十八度', null],
  ['高烧寒战意识模糊', 'sepsis-signs'],
  ['手术后发烧打寒战', 'sepsis-signs'],
  ['发烧三十九度尿很少', 'sepsis-signs'],
  ['做完手术三天烧到三十九度五', 'sepsis-signs'],
  ['发烧浑身发抖', 'sepsis-signs'],
  ['有点咳嗽', null],
  ['心脏病犯了胸口疼', 'chest-pain-cardiac'],
  ['说话舌头不利索', 'stroke-signs'],
  ['突然头疼得像要炸开一样', 'stroke-signs'],
  ['孩子烧到四十度抽了', 'altered-consciousness'],
  ['孩子高烧叫他也不怎么理人', 'altered-consciousness'],
  ['他吃了好多安眠药', 'suicidal'],
  ['我有时候想一了百了', 'suicidal'],
  ['宝宝一个半月体温三十八度', 'infant-fever'],
  ['医生我那个胸口啊就是有点疼不是很厉害', null],
  ['我儿子咳嗽', null],
  ['上礼拜头晕现在不晕了', null],
  ['没有胸痛', null],
  ['伤口有点红', null],
  ['头晕', null],
  // A whole strip of pills is an overdose whoever took it; a child's treatment is not one.
  ['宝宝把一板药都吃了', 'poisoning'],
  ['孩子吃了药还是发烧', null],
  ['孩子吃了退烧药烧退了', null],
  ['我把药都吃了', null],
];

const EN: Row[] = [
  ['crushing chest pain going down my left arm', 'chest-pain-cardiac'],
  ['chest pain and im sweating a lot', 'chest-pain-cardiac'],
  ['my chest feels tight and im short of breath', 'chest-pain-cardiac'],
  ['pressure in my chest spreading to my jaw', 'chest-pain-cardiac'],
  ['no chest pain and no sweating', null],
  ['my father cant speak properly and his face is drooping', 'stroke-signs'],
  ['her face is drooping on one side', 'stroke-signs'],
  ['sudden weakness in his right arm', 'stroke-signs'],
  ['he is slurring his words', 'stroke-signs'],
  ['worst headache of my life', 'stroke-signs'],
  ['i suddenly lost vision in one eye', 'stroke-signs'],
  ['no slurred speech', null],
  ['i cant breathe', 'severe-breathing'],
  ['she cant speak in full sentences', 'severe-breathing'],
  ['his lips are turning blue', 'severe-breathing'],
  ['struggling to breathe', 'severe-breathing'],
  ['my throat is closing up after eating peanuts', 'anaphylaxis'],
  ['his tongue is swollen', 'anaphylaxis'],
  ['stung by a bee and now hives and trouble breathing', 'anaphylaxis'],
  ['bleeding that wont stop', 'severe-bleeding'],
  ['he is vomiting blood', 'severe-bleeding'],
  ['there is blood everywhere', 'severe-bleeding'],
  ['my dad is unresponsive', 'altered-consciousness'],
  ['we cant wake her up', 'altered-consciousness'],
  ['my son is having a seizure', 'altered-consciousness'],
  ['she passed out and wont wake up', 'altered-consciousness'],
  ['i want to kill myself', 'suicidal'],
  ['i dont want to live anymore', 'suicidal'],
  ['sometimes i think about ending my life', 'suicidal'],
  ['i have been cutting myself', 'suicidal'],
  ['i have no thoughts of hurting myself', null],
  ['my two month old has a fever', 'infant-fever'],
  ['my 6 week old baby has a temperature of 38.3', 'infant-fever'],
  ['my 2 year old has a fever', null],
  ['fever with shaking chills after my surgery', 'sepsis-signs'],
  ['high fever and he is confused', 'sepsis-signs'],
  ['i have a cough', null],
  ['left arm and leg feel numb', 'stroke-signs'],
  ['he is really sleepy and hard to wake', 'altered-consciousness'],
  ['my baby is 7 weeks old and feels hot', 'infant-fever'],
  ['i have a history of heart disease and my chest hurts', 'chest-pain-cardiac'],
  ['dad is confused and cant walk straight', 'stroke-signs'],
  ['a bit of chest pain but its not too bad', null],
  ['im not suicidal', null],
  ['i had chest pain last year', null],
  ['my son has a cough', null],
  ['my son took his medicine and still has a fever', null],
  ['I took all my tablets today', null],
];

describe('detectRedFlags zh', () => {
  for (const [text, flag] of ZH) {
    it(`${text} -> ${flag ?? 'none'}`, () => {
      const r = detectRedFlags(text, 'zh');
      if (flag) expect(r).toContain(flag);
      else expect(r).toEqual([]);
    });
  }
});

describe('detectRedFlags en', () => {
  for (const [text, flag] of EN) {
    it(`${text} -> ${flag ?? 'none'}`, () => {
      const r = detectRedFlags(text, 'en');
      if (flag) expect(r).toContain(flag);
      else expect(r).toEqual([]);
    });
  }
});

describe('detectRedFlags context', () => {
  it('uses ctx age for infant fever', () => {
    expect(detectRedFlags('发烧三十八度五', 'zh', { ageMonths: 2 })).toContain('infant-fever');
    expect(detectRedFlags('发烧三十八度五', 'zh', { ageYears: 30 })).toEqual([]);
  });
  it('subject patient ignores other people', () => {
    expect(detectRedFlags('我爸嘴歪了', 'zh', { subject: 'patient' })).toEqual([]);
    expect(detectRedFlags('我爸嘴歪了', 'zh')).toEqual(['stroke-signs']);
  });
  it('a small child\'s overdose is a poisoning, not self-harm, unless the words say so', () => {
    expect(detectRedFlags('my toddler swallowed a bunch of pills', 'en')).toEqual(['poisoning']);
    expect(detectRedFlags('my toddler says he wants to die and swallowed pills', 'en')).toContain('suicidal');
    expect(detectRedFlags('我闺女吃了一整瓶安眠药', 'zh')).toEqual(expect.arrayContaining(['suicidal', 'poisoning']));
  });
});
