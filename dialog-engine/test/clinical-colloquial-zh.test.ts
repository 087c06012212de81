/**
 * Spoken Mandarin forms the lexicons are not written in (sentences written for this test, not taken
 * from a blind set): 俩/仨 as numbers of months or years (an infant's age), "not really" before
 * answering or waking read as not answering or waking, Cantonese "V极都" (however much one calls),
 * and the recogniser's 少 for 烧 before a temperature; 减少到 and a softened pain stay as they are.
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../src/clinical/index.js';

const flags = (text: string) => triage(text, 'zh').red_flags;

describe('colloquial Mandarin read as the lexicons are written', () => {
  it('俩月 is an infant\'s age: a fever at two months is an infant fever', () => {
    expect(flags('闺女生的小子才俩月，今天摸着烫，一量三十八度二')).toContain('infant-fever');
  });
  it('the recogniser\'s 少 before a temperature is 烧', () => {
    expect(flags('宝宝出生一个半月，昨晚少到三十八度七，奶也不怎么吃')).toContain('infant-fever');
    expect(flags('吃了新开的药以后血压减少到一百三了，想问问要不要减量')).toEqual([]);
  });
  it('not really answering or waking is not answering or waking', () => {
    expect(flags('我爷爷今天叫他也不怎么答应，眼睛半睁着，迷迷糊糊的')).toContain('altered-consciousness');
    expect(flags('我妈早上推她半天不咋醒，醒了也糊里糊涂')).toContain('altered-consciousness');
  });
  it('Cantonese however-much: 叫极都唔醒', () => {
    expect(flags('我阿妈今朝叫极都唔醒，好似迷迷糊糊咁')).toContain('altered-consciousness');
  });
  it('a softened pain stays mild', () => {
    const t = triage('伤口不太疼了，就是有点痒', 'zh');
    expect(t.red_flags).toEqual([]);
    expect(['D6', 'D7']).toContain(t.disposition);
  });
});
