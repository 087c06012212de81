import { describe, expect, it } from 'vitest';
import { interpret, yesNoEn, yesNoZh } from '../src/nlu/index.js';

type Case = [utterance: string, asked: string, answer: 'yes' | 'no' | 'unclear'];

const ZH: Case[] = [
  // plain colloquial yes
  ['是', '您是张伟先生本人吗', 'yes'], ['是的', '您是张伟先生本人吗', 'yes'], ['对', '您是张伟先生本人吗', 'yes'],
  ['对的', '您是张伟先生本人吗', 'yes'], ['对对对', '您是张伟先生本人吗', 'yes'], ['嗯', '现在方便说话吗', 'yes'],
  ['嗯嗯', '现在方便说话吗', 'yes'], ['嗯嗯嗯', '现在方便说话吗', 'yes'], ['好', '我们开始吧好吗', 'yes'], ['好的', '可以吗', 'yes'],
  ['好啊', '可以吗', 'yes'], ['可以', '现在方便说话吗', 'yes'], ['可以的', '现在方便说话吗', 'yes'], ['行', '可以吗', 'yes'],
  ['行啊', '可以吗', 'yes'], ['没错', '您是李娜女士吗', 'yes'], ['没错是我', '您是李娜女士吗', 'yes'], ['当然', '您愿意参加随访吗', 'yes'],
  ['当然可以', '您愿意参加随访吗', 'yes'], ['有', '最近有没有发烧', 'yes'], ['有的', '最近有没有发烧', 'yes'], ['有啊', '最近有没有发烧', 'yes'],
  ['有点', '伤口疼吗', 'yes'], ['有一点', '伤口疼吗', 'yes'], ['有一点点', '伤口疼吗', 'yes'], ['稍微有一点', '头晕吗', 'yes'],
  ['是啊', '您是张伟先生本人吗', 'yes'], ['肯定的', '您按时吃药了吗', 'yes'], ['确实有', '腿肿吗', 'yes'], ['同意', '您同意录音吗', 'yes'],
  ['没问题', '现在方便说话吗', 'yes'], ['没事你说吧', '现在方便说话吗', 'yes'], ['ok', '可以吗', 'yes'],
  // plain colloquial no
  ['不', '需要转人工吗', 'no'], ['不是', '您是张伟先生本人吗', 'no'], ['不是的', '您是张伟先生本人吗', 'no'], ['没有', '最近有没有发烧', 'no'],
  ['没有没有', '最近有没有发烧', 'no'], ['没', '最近有没有发烧', 'no'], ['没呢', '今天吃药了吗', 'no'], ['还没', '今天吃药了吗', 'no'],
  ['还没有', '今天量血压了吗', 'no'], ['不用', '需要转人工吗', 'no'], ['不用了', '需要护士给您回电话吗', 'no'], ['不需要', '需要护士给您回电话吗', 'no'],
  ['算了', '需要我们安排复诊吗', 'no'], ['不要', '需要安排复诊吗', 'no'], ['不对', '您是张伟先生本人吗', 'no'], ['没有啊', '有没有胸闷', 'no'],
  ['木有', '有没有胸闷', 'no'], ['无', '有没有药物过敏', 'no'], ['不疼', '伤口疼吗', 'no'], ['不痛了', '伤口还痛吗', 'no'],
  ['不愿意', '您愿意参加随访吗', 'no'], ['不同意', '您同意录音吗', 'no'], ['不方便', '现在方便说话吗', 'no'], ['不满意', '您对服务满意吗', 'no'],
  // hedges
  ['不知道', '最近有没有发烧', 'unclear'], ['我也不知道', '最近有没有发烧', 'unclear'], ['说不清', '最近心慌吗', 'unclear'],
  ['说不清楚', '最近心慌吗', 'unclear'], ['不太清楚', '最近有没有发烧', 'unclear'], ['不清楚', '有没有黑便', 'unclear'],
  ['可能吧', '最近有没有发烧', 'unclear'], ['也许吧', '最近有没有发烧', 'unclear'], ['还好吧', '伤口还疼吗', 'unclear'],
  ['不好说', '最近睡眠好吗', 'unclear'], ['不确定', '有没有漏服', 'unclear'], ['记不清了', '有没有漏服药', 'unclear'],
  ['不记得了', '上周有没有发烧', 'unclear'], ['说不上来', '有没有心慌', 'unclear'], ['一般般吧', '您对服务满意吗', 'unclear'],
  ['没注意', '大便颜色黑不黑', 'unclear'], ['呃 那个 不太确定', '有没有发烧', 'unclear'], ['', '有没有发烧', 'unclear'],
  ['今天天气不错', '您对服务满意吗', 'yes'],
  // double negatives
  ['不是没有', '最近有没有发烧', 'yes'], ['也不是没有', '最近有没有心慌', 'yes'], ['不是不疼', '伤口疼吗', 'yes'],
  ['没有不舒服', '有没有哪里不舒服', 'no'], ['没有什么不舒服', '有没有哪里不舒服', 'no'], ['有点不舒服', '有没有哪里不舒服', 'yes'],
  ['不舒服', '有没有哪里不舒服', 'yes'], ['挺不舒服的', '有没有哪里不舒服', 'yes'], ['没有不按时吃', '您按时吃药了吗', 'yes'],
  ['有点不舒服', '感觉好吗', 'no'],
  // restating the symptom
  ['不咳了', '还咳嗽吗', 'no'], ['咳嗽倒是不咳', '还咳嗽吗', 'no'], ['还有一点咳', '还咳嗽吗', 'yes'], ['还咳', '还咳嗽吗', 'yes'],
  ['咳得厉害', '还咳嗽吗', 'yes'], ['咳嗽已经好了', '还咳嗽吗', 'no'], ['早就不咳了', '还咳嗽吗', 'no'], ['烧退了', '还发烧吗', 'no'],
  ['烧已经退了', '还发烧吗', 'no'], ['还有点烧', '还发烧吗', 'yes'], ['有点低烧', '有没有发烧', 'yes'], ['没发烧', '有没有发烧', 'no'],
  ['不烧', '有没有发烧', 'no'], ['发烧了', '有没有发烧', 'yes'], ['伤口有点红', '伤口有没有红肿', 'yes'], ['伤口挺好的', '伤口有没有红肿', 'no'],
  ['不红也不肿', '伤口有没有红肿', 'no'], ['疼', '伤口疼吗', 'yes'], ['疼得不行', '伤口疼吗', 'yes'], ['疼得受不了', '伤口疼吗', 'yes'],
  ['一点都不疼', '伤口疼吗', 'no'], ['一点也不晕', '头晕吗', 'no'], ['完全没有', '有没有胸痛', 'no'], ['从来没有', '有没有晕倒过', 'no'],
  ['睡不着', '晚上失眠吗', 'yes'], ['喘不过气', '有没有气短', 'yes'], ['腿肿了', '腿肿吗', 'yes'], ['腿不肿', '腿肿吗', 'no'],
  ['好多了', '伤口还疼吗', 'no'], ['已经好了', '还头晕吗', 'no'], ['没事了', '还头晕吗', 'no'], ['没事', '有没有哪里不舒服', 'no'],
  ['挺好的', '有没有哪里不舒服', 'no'], ['都挺好', '有没有哪里不舒服', 'no'], ['好多了', '感觉好点了吗', 'yes'], ['好了', '准备好了吗', 'yes'],
  // past vs now
  ['以前有现在没有了', '还头晕吗', 'no'], ['上礼拜头晕现在不晕了', '还头晕吗', 'no'], ['之前不疼现在有点疼', '伤口疼吗', 'yes'],
  ['昨天还烧今天不烧了', '还发烧吗', 'no'], ['前两天没有这两天有点', '有没有咳嗽', 'yes'], ['不疼了但是有点痒', '伤口还疼吗', 'no'],
  ['本来挺好的后来又疼了', '伤口疼吗', 'yes'],
  // adherence / actions
  ['忘了两次', '按时吃药了吗', 'no'], ['漏了一次', '每天按时吃药吗', 'no'], ['偶尔忘记', '按时吃药了吗', 'no'], ['有时候忘', '您每天都按时吃药吗', 'no'],
  ['每天都按时吃', '按时吃药了吗', 'yes'], ['吃了', '今天吃药了吗', 'yes'], ['量了', '今天量血压了吗', 'yes'], ['忘了', '今天量血压了吗', 'no'],
  ['早上吃过了', '今天吃药了吗', 'yes'], ['一直坚持吃', '您按时吃药了吗', 'yes'], ['忘了', '上周有没有发烧', 'unclear'],
  // fillers, softeners, stutters
  ['呃 那个 就是 有一点点', '伤口疼不疼', 'yes'], ['嗯 是的是的', '您是本人吗', 'yes'], ['那个 没有没有', '有没有胸闷', 'no'],
  ['好像没有', '有没有发烧', 'no'], ['应该没有吧', '有没有发烧', 'no'], ['应该有吧', '有没有发烧', 'yes'], ['好像有一点', '头晕吗', 'yes'],
  ['我觉得还行', '您对服务满意吗', 'yes'], ['挺满意的', '您对服务满意吗', 'yes'], ['有时候会', '会头晕吗', 'yes'], ['偶尔', '会心慌吗', 'yes'],
  ['没感觉', '有没有胸闷', 'no'], ['不怎么疼', '伤口疼吗', 'no'], ['也没有', '有没有恶心', 'no'], ['都没有', '有没有恶心呕吐', 'no'],
  // recognizer homophones
  ['发骚', '还发烧吗', 'yes'], ['不发骚了', '还发烧吗', 'no'], ['上口有点红', '伤口红不红', 'yes'],
];

const EN: Case[] = [
  ['yes', 'is this john', 'yes'], ['yeah', 'is this john', 'yes'], ['yep', 'is this john', 'yes'], ['yup', 'can we start', 'yes'],
  ['sure', 'can we start', 'yes'], ['of course', 'can we start', 'yes'], ['definitely', 'are you taking your pills', 'yes'],
  ['absolutely', 'can we start', 'yes'], ["that's right", 'is this john', 'yes'], ['correct', 'is this john', 'yes'], ['uh huh', 'is this john', 'yes'],
  ['mm hmm', 'is this john', 'yes'], ['ok', 'can we start', 'yes'], ['okay sure', 'can we start', 'yes'], ['i do', 'do you have pain', 'yes'],
  ['i did', 'did you take your medicine', 'yes'], ['i have', 'have you had a fever', 'yes'], ['a little', 'does it hurt', 'yes'],
  ['a bit', 'are you dizzy', 'yes'], ['kind of', 'are you dizzy', 'yes'], ['sometimes', 'do you feel short of breath', 'yes'],
  ['yes it hurts', 'does your wound hurt', 'yes'], ['um yeah i guess', 'are you ok to talk', 'yes'], ['i think so', 'did you take your pills', 'yes'],
  ['no', 'do you have a fever', 'no'], ['nope', 'do you have a fever', 'no'], ['nah', 'do you have a fever', 'no'], ['not really', 'any pain', 'no'],
  ["i don't think so", 'any chest pain', 'no'], ['not at all', 'any chest pain', 'no'], ['never', 'have you fainted', 'no'],
  ['none', 'any side effects', 'no'], ['nothing', 'any problems', 'no'], ['no thanks', 'would you like a nurse to call', 'no'],
  ["i don't", 'do you smoke', 'no'], ["i didn't", 'did you fall', 'no'], ["i haven't", 'have you had a fever', 'no'], ['not yet', 'did you take your pills today', 'no'],
  ['no i feel fine', 'any pain', 'no'], ["i'm fine", 'any pain', 'no'], ["i'm fine", 'are you feeling well', 'yes'],
  ['not sure', 'any fever', 'unclear'], ['maybe', 'any fever', 'unclear'], ["i don't know", 'any fever', 'unclear'], ['no idea', 'any black stools', 'unclear'],
  ["i can't remember", 'did you miss any doses', 'unclear'], ['hard to say', 'is the swelling worse', 'unclear'], ['dunno', 'any fever', 'unclear'],
  ['perhaps', 'any fever', 'unclear'], ['', 'any fever', 'unclear'],
  ['the cough is gone', 'are you still coughing', 'no'], ["it's gone now", 'do you still have a fever', 'no'], ['not anymore', 'are you still dizzy', 'no'],
  ['no more cough', 'are you still coughing', 'no'], ['the fever went away', 'do you still have a fever', 'no'], ['it stopped', 'is the wound still bleeding', 'no'],
  ['still coughing a bit', 'are you still coughing', 'yes'], ['yes still', 'are you still coughing', 'yes'], ['a bit swollen', 'is your leg swollen', 'yes'],
  ['it used to but not now', 'does your chest hurt', 'no'], ['it was bad last week but now it is better', 'does it still hurt', 'no'],
  ['i missed two doses', 'did you take your medicine every day', 'no'], ['i forgot a couple of times', 'did you take your pills every day', 'no'],
  ['i took them all', 'did you take your medicine', 'yes'], ['every day', 'did you take your medicine every day', 'yes'],
  ["i'm not sure but i think so", 'did you take your pills', 'yes'], ['no problem', 'can you talk now', 'yes'], ['not bad', 'are you feeling well', 'yes'],
];

describe('yes-no, Mandarin', () => {
  it.each(ZH)('%s (asked %s) -> %s', (utterance, asked, answer) => {
    expect(yesNoZh(utterance, asked)).toBe(answer);
  });
});

describe('yes-no, English', () => {
  it.each(EN)('%s (asked %s) -> %s', (utterance, asked, answer) => {
    expect(yesNoEn(utterance, asked)).toBe(answer);
  });
});

describe('yes-no through interpret()', () => {
  it('dispatches on expect and language', () => {
    expect(interpret({ lang: 'zh', asked: '还咳嗽吗', expect: 'yes-no', utterance: '不咳了' })).toEqual({ kind: 'yes-no', answer: 'no' });
    expect(interpret({ lang: 'en', asked: 'any fever', expect: { kind: 'yes-no' }, utterance: 'Yeah.' })).toEqual({ kind: 'yes-no', answer: 'yes' });
  });
  it('handles full-width punctuation and upper case', () => {
    expect(interpret({ lang: 'zh', expect: 'yes-no', utterance: '是的，是的！' })).toMatchObject({ answer: 'yes' });
    expect(interpret({ lang: 'en', expect: 'yes-no', utterance: 'NO!' })).toMatchObject({ answer: 'no' });
  });
});

describe('yes-no, streaming-recognizer style answers', () => {
  const zh: Case[] = [
    ['嗯那个就是没有没有都挺好的', '伤口有没有红肿', 'no'], ['呃红倒是不红就是有一点点肿', '伤口有没有红肿', 'yes'],
    ['没有渗液就是有点痒', '伤口有没有渗液', 'no'], ['昨天还有点烧今天已经退了', '还发烧吗', 'no'], ['不烧了不烧了', '还发烧吗', 'no'],
    ['还是有点低烧', '还发烧吗', 'yes'], ['有时候闷', '胸口闷不闷', 'yes'], ['闷得很', '胸口闷不闷', 'yes'], ['睡不好', '最近睡得好吗', 'no'],
    ['还可以', '最近睡得好吗', 'yes'], ['有的时候会忘', '有没有按时吃药', 'no'], ['停了', '有没有按时吃药', 'no'], ['早就停了', '您还在吃降压药吗', 'no'],
    ['还在吃', '您还在吃降压药吗', 'yes'], ['头疼倒没有就是有点晕', '有没有头疼', 'no'], ['头有点疼', '有没有头疼', 'yes'], ['听不清', '您能听清楚吗', 'no'],
    ['走不了', '能自己走路吗', 'no'], ['能走一点', '能自己走路吗', 'yes'], ['我就是', '您是王芳吗', 'yes'], ['我是他老伴', '您是张建国吗', 'no'],
    ['你说吧', '方便接电话吗', 'yes'], ['我在忙', '方便接电话吗', 'no'], ['漏过一次', '有没有漏服', 'yes'], ['满意', '您对这次服务满意吗', 'yes'],
    ['颜色正常', '大便颜色发黑吗', 'no'], ['晚上咳白天不咳', '还咳嗽吗', 'yes'], ['这个倒没有', '有没有胸闷', 'no'],
  ];
  const en: Case[] = [
    ['um no no it looks fine', 'is your wound red or swollen', 'no'], ['its a little swollen but not red', 'is your wound red or swollen', 'yes'],
    ['i had one yesterday but its gone today', 'do you still have a fever', 'no'], ['still a low grade fever', 'do you still have a fever', 'yes'],
    ['i stopped taking it', 'are you taking your medication', 'no'], ['yeah pretty good', 'are you sleeping well', 'yes'],
    ['i cant sleep', 'are you sleeping well', 'no'], ["i'm busy", 'is now a good time', 'no'], ['only when i climb stairs', 'any shortness of breath', 'yes'],
    ['nope breathing fine', 'any shortness of breath', 'no'], ['i did last week not now', 'have you had any dizziness', 'no'],
    ['speaking', 'is this mary', 'yes'], ['that is me', 'is this mary', 'yes'], ['just a tiny bit', 'any swelling', 'yes'], ['i doubt it', 'any fever', 'no'],
    ["it's worse", 'is the wound still painful', 'yes'], ['on and off', 'are you coughing', 'yes'], ["that's wrong", 'is that correct', 'no'],
    ['nuh uh', 'any fever', 'no'], ['dont think so', 'any fever', 'no'],
  ];
  it.each(zh)('zh %s (asked %s) -> %s', (u, a, r) => {
    expect(yesNoZh(u, a)).toBe(r);
  });
  it.each(en)('en %s (asked %s) -> %s', (u, a, r) => {
    expect(yesNoEn(u, a)).toBe(r);
  });
});
