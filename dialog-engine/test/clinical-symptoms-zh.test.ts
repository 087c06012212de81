import { describe, expect, it } from 'vitest';
import { extractSymptoms, type SymptomId } from '../src/clinical/index.js';

type Row = [string, SymptomId[], SymptomId[]?];

/** [utterance, present (exact set), absent (must include)] — patient subject. */
const ROWS: Row[] = [
  ['发烧', ['fever']],
  ['我发热了', ['fever']],
  ['烧到三十九度', ['fever']],
  ['体温有点高', ['fever']],
  ['体温三十八度五', ['fever']],
  ['体温三十六度八', [], ['fever']],
  ['昨天开始发烧今天烧到三十九度二', ['fever']],
  ['没有发烧', [], ['fever']],
  ['不发烧', [], ['fever']],
  ['烧已经退了', [], ['fever']],
  ['前两天发烧现在不烧了', [], ['fever']],
  ['发烧倒是没有', [], ['fever']],
  ['胸口闷', ['chest-pain']],
  ['胸口有点疼', ['chest-pain']],
  ['心口疼', ['chest-pain']],
  ['胸痛', ['chest-pain']],
  ['胸口不疼', [], ['chest-pain']],
  ['没有胸痛也没有气短', [], ['chest-pain', 'shortness-of-breath']],
  ['喘不上气', ['shortness-of-breath']],
  ['气短', ['shortness-of-breath']],
  ['走两步就憋气', ['shortness-of-breath']],
  ['呼吸困难', ['shortness-of-breath']],
  ['头疼得厉害', ['headache']],
  ['脑袋有点疼', ['headache']],
  ['上礼拜头晕现在不晕了', [], ['dizziness']],
  ['以前头晕现在又晕了', ['dizziness']],
  ['头晕眼花', ['dizziness']],
  ['有点恶心想吐', ['nausea-vomiting']],
  ['肚子疼', ['abdominal-pain']],
  ['胃有点不舒服', ['abdominal-pain']],
  ['伤口有点红', ['wound-redness']],
  ['刀口红肿', ['wound-redness']],
  ['伤口流脓了', ['wound-discharge']],
  ['伤口有渗液', ['wound-discharge']],
  ['伤口还在渗血', ['wound-bleeding']],
  ['伤口不红也不肿', [], ['wound-redness']],
  ['腿肿', ['leg-swelling']],
  ['脚肿得厉害', ['leg-swelling']],
  ['两条腿都浮肿', ['leg-swelling']],
  ['咳嗽', ['cough']],
  ['一直咳个不停', ['cough']],
  ['咳嗽好了', [], ['cough']],
  ['不咳了', [], ['cough']],
  ['心慌', ['palpitations']],
  ['心跳特别快', ['palpitations']],
  ['左边身子没劲', ['weakness-one-side']],
  ['半边身子没劲', ['weakness-one-side']],
  ['右手发麻抬不起来', ['weakness-one-side']],
  ['说话不清楚', ['speech-difficulty']],
  ['口齿不清', ['speech-difficulty']],
  ['嘴歪了', ['facial-droop']],
  ['口角歪斜', ['facial-droop']],
  ['人有点糊涂', ['confusion']],
  ['意识不清', ['confusion']],
  ['晕倒了', ['fainting']],
  ['昨天在厕所昏倒了', ['fainting']],
  ['大便发黑', ['black-stool']],
  ['拉的是黑便', ['black-stool']],
  ['大便像柏油一样', ['black-stool']],
  ['尿血', ['blood-in-urine']],
  ['小便发红', ['blood-in-urine']],
  ['身上起了好多红疹子', ['rash']],
  ['皮肤痒', ['itching']],
  ['晚上睡不着', ['insomnia']],
  ['失眠好几个月了', ['insomnia']],
  ['心情不好', ['low-mood']],
  ['情绪很低落', ['low-mood']],
  ['有时候想不开', ['suicidal-thoughts']],
  ['不想活了', ['suicidal-thoughts']],
  ['没有想死的念头', [], ['suicidal-thoughts']],
  ['便秘', ['constipation']],
  ['三天没大便了', ['constipation']],
  ['拉肚子', ['diarrhea']],
  ['拉稀拉了两天', ['diarrhea']],
  ['浑身没劲', ['fatigue']],
  ['乏力', ['fatigue']],
  ['尿少', ['reduced-urine']],
  ['一天都没怎么尿', ['reduced-urine']],
  ['体重增加了', ['weight-gain']],
  ['这两天长了三斤', ['weight-gain']],
  ['腰疼', ['pain-general']],
  // other people are not the patient
  ['我儿子咳嗽', []],
  ['我妈发烧了', []],
  ['孩子他爸胸口疼', []],
  ['我儿子咳嗽我自己发烧', ['fever']],
  ['我老伴头晕我没事', []],
  ['我家孩子拉肚子我也有点拉肚子', ['diarrhea']],
  // negation lists and clause scope
  ['没有头疼发烧', [], ['headache', 'fever']],
  ['没有发烧但是咳嗽', ['cough'], ['fever']],
  ['不发烧就是有点咳嗽', ['cough'], ['fever']],
  ['没发烧有点拉肚子', ['diarrhea'], ['fever']],
  ['否认胸痛', [], ['chest-pain']],
  ['没吃饭有点头晕', ['dizziness']],
  ['睡不着头疼', ['insomnia', 'headache']],
  ['咳嗽没有胸痛', ['cough'], ['chest-pain']],
  ['那个呃就是胸口闷得慌然后喘不上气', ['chest-pain', 'shortness-of-breath']],
  ['以前得过胸痛', [], ['chest-pain']],
  ['去年心慌过现在还是心慌', ['palpitations']],
];

describe('extractSymptoms zh', () => {
  for (const [text, present, absent = []] of ROWS) {
    it(text, () => {
      const r = extractSymptoms(text, 'zh');
      expect(r.present).toEqual([...present].sort((a, b) => r.present.indexOf(a) - r.present.indexOf(b)));
      expect(new Set(r.present)).toEqual(new Set(present));
      for (const a of absent) expect(r.absent).toContain(a);
    });
  }
  it('counts other people with subject any', () => {
    expect(extractSymptoms('我儿子咳嗽发烧', 'zh', { subject: 'any' }).present).toEqual(['fever', 'cough']);
  });
});
