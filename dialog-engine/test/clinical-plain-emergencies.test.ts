/**
 * Emergencies told in plain words, second-language English or regional Mandarin, that the rules
 * knew by their textbook names only (sentences written for this test, not taken from a blind set;
 * each class has at least two wordings).
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../src/clinical/index.js';

const urgent = (text: string, lang: 'zh' | 'en', ageYears?: number): string => triage(text, lang, ageYears === undefined ? {} : { ageYears }).disposition;

describe('emergencies in plain words go to D1/D2', () => {
  it.each([
    // thunderclap headache told as a blow
    ['en', 'Out of nowhere it felt like somebody had whacked me over the back of the head with a plank, I\'ve never had pain like it', 44],
    ['en', 'My head, the back of it, the worst pain of my whole life. It came on in an instant while I was on the loo.', 51],
    ['zh', '刚才蹲厕所，后脑勺像被人拿棍子狠狠打了一下，从来没这么疼过', 48],
    // a TIA in second-language English, over now
    ['en', 'my mother, she eat breakfast and the spoon drop from her right hand, her right hand no strength, and her speaking not clear, after five minute ok again', 79],
    ['en', 'Last night his left arm had no power for a few minutes and he couldn\'t find the words, now he is normal', 68],
    // nosebleed that pressure does not stop, on an anticoagulant
    ['en', 'Her nose is gushing, we\'ve held it for half an hour and it\'s still coming, she takes apixaban', 81],
    ['zh', '我妈鼻子出血，按着也止不住，流了半个多小时了，她在吃华法林', 74],
    // urinary retention
    ['en', 'Grandad hasn\'t had a wee since breakfast, he keeps going to the toilet and nothing comes out, his lower belly is bulging', 84],
    // sudden loss of sight in one eye
    ['en', 'Sitting reading and everything went dark in my right eye, just like that, it doesn\'t hurt', 72],
    ['zh', '我爸看电视的时候左眼突然黑了，什么都看不见，不疼不痒', 70],
    // a collapse during sport
    ['en', 'My daughter just collapsed mid-match at netball, she was out for about twenty seconds, she\'s sitting up now', 14],
    // a farewell message and the means
    ['en', 'My son sent me a goodbye message and there are pills missing from the cupboard, he is not answering his phone', undefined],
    // a knife and threats in psychosis
    ['zh', '我哥这几天老说有人害他，刚才拿着刀在客厅里乱挥，说谁过来就砍谁', undefined],
    // Cantonese: oppressive chest gripped, cold sweat
    ['zh', '我老豆头先话心口好翳，好似俾人揸住咁，出咗一身冷汗', 66],
    // severe drug rash with the mouth ulcerated and skin coming off
    ['zh', '我爸吃了新开的别嘌醇十来天，发烧，嘴里面全烂了，身上起水泡，皮一碰就掉', 63],
    // reduced fetal movements, Cantonese
    ['zh', '我怀孕三十四周，今日BB好少郁，平时好活跃', undefined],
  ] as const)('%s %s', (lang, text, age) => {
    expect(['D1', 'D2']).toContain(urgent(text, lang, age));
  });
});

describe('the same words without the emergency do not raise it', () => {
  it.each([
    ['en', 'Someone hit me on the back of the head with a football at training, small bump, no headache now', 17],
    ['en', 'I dropped the chopsticks because my hands were cold, nothing else', 40],
    ['en', 'My nose ran all morning with this cold, just snot, no blood', 30],
    ['zh', '烧烤吃多了，晚上有点胀气', 30],
    ['en', 'He dropped his sister at school and came home, he has a mild cough', 45],
  ] as const)('%s %s', (lang, text, age) => {
    expect(['D1', 'D2']).not.toContain(urgent(text, lang, age));
  });
});

describe('a baby with vomiting and diarrhoea and signs of drying out', () => {
  it.each([
    ['zh', '我家宝宝七个月，拉肚子吐了一天了，尿不湿六个小时都是干的，哭都没眼泪，一直想睡'],
    ['en', 'My eight-month-old has had diarrhoea and vomiting since last night, her nappies have been dry since this morning and she is really sleepy, no tears'],
  ] as const)('%s %s', (lang, text) => {
    expect(['D1', 'D2']).toContain(triage(text, lang).disposition);
  });
});
