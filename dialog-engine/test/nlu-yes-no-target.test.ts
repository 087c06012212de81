/**
 * Yes/no read against the question's target (yes-no-target.ts): one line per class of phone
 * answer, written for this test (not taken from any blind set).
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';

type Row = [lang: 'zh' | 'en', asked: string, utterance: string, want: 'yes' | 'no' | 'unclear'];

const ROWS: Row[] = [
  // Safety: a passive death wish answers a self-harm question with yes, a denial before it notwithstanding.
  ['en', 'Have you had any thoughts of ending your life?', 'No. Well, some nights I wish I would not wake up.', 'yes'],
  ['zh', '最近有没有想过伤害自己？', '没有没有……就是有时候觉得活着没意思。', 'yes'],
  ['zh', '有没有想伤害自己？', '没有，我从没想过不想活。', 'no'],
  // The Mandarin concessive topic.
  ['zh', '膝盖还肿吗？', '肿倒是不肿了，就是上楼梯有点酸。', 'no'],
  ['zh', '伤口有没有发红或者渗液？', '红倒是不红，就是纱布上渗了一点。', 'yes'],
  ['zh', '晚上会咳醒吗？', '醒是醒，那是孩子哭，不是咳醒的。', 'no'],
  ['zh', '您走路能走到小区门口吗？', '走是能走，走到一半就喘，到不了门口。', 'no'],
  ['zh', '药的用法护士讲明白了吗？', '讲是讲了，我耳朵背，没听清。', 'no'],
  ['zh', '您对这次住院满意吗？', '满意是满意，就是饭菜太咸。', 'yes'],
  // Rhetorical denial.
  ['zh', '最近胃口好吗？', '好啥呀，一天吃不了一碗饭。', 'no'],
  ['zh', '您在家有没有量体温？', '量啥呀，家里就没有体温计。', 'no'],
  // The target denied, something else named instead; attribution to another cause.
  ['zh', '头还疼吗？', '头不疼了，是脖子疼。', 'no'],
  ['zh', '您腿是不是肿？', '不是肿，是我本来就胖。', 'no'],
  ['en', 'Is the pain in your knee keeping you up?', "I'm up, yes, but that's my prostate, not the knee.", 'no'],
  ['en', 'Does your incision hurt?', "It's my shoulder that hurts, not the incision.", 'no'],
  // A universal question with an exception.
  ['en', 'Do you use your inhaler every day?', 'Only when I feel tight, really.', 'no'],
  ['en', 'Are you taking all your tablets as prescribed?', 'Yes, the water one I stopped though, it kept me up.', 'no'],
  ['en', 'Are you sticking to the fluid limit?', 'I try, but it is so hot here.', 'no'],
  ['zh', '降糖药每天都按时吃吗？', '是，哦也不是每天，有时候出门就忘带。', 'no'],
  ['zh', '走路锻炼有没有坚持？', '走了三天，后来下雨就没走了。', 'no'],
  // A partial yes to a question that is not universal.
  ['en', 'Are you wearing the wrist splint?', 'In the daytime yes, I take it off in bed.', 'yes'],
  ['zh', '助行器还在用吗？', '出门的时候用，在家里不用。', 'yes'],
  // Indirect facts.
  ['en', 'Do you have enough insulin until the clinic?', 'I have two weeks left and the clinic is in a month.', 'no'],
  ['zh', '您的药够吃到下次复诊吗？', '还有两个星期的，复诊是一个月以后。', 'no'],
  ['en', 'Have you been weighing yourself?', 'the scales are broken', 'no'],
  ['zh', '您在家测血糖了吗？', '那个机器坏了。', 'no'],
  ['en', 'Is there anybody at home with you?', 'Just the cat.', 'no'],
  ['en', 'Are you eating normally?', 'A few bites at dinner, that is it.', 'no'],
  // Good states: a small problem after a hedge is a no.
  ['en', 'Is the dressing dry?', 'Mostly, there is a little bit of wet on one corner.', 'no'],
  ['zh', '大便正常吗？', '正常，就是有点稀，一天三四次。', 'no'],
  // An event that happened, however minimised or over: yes to an existential question.
  ['zh', '最近有没有抽烟？', '不抽了不抽了……就上周打牌抽了一根。', 'yes'],
  ['zh', '这几天有没有吐？', '吐了一次，后来就好了。', 'yes'],
  ['zh', '出院以后有没有去过急诊？', '没有……哦去过一次，拿了点药。', 'yes'],
  // The subject: someone else's problem does not answer for the patient.
  ['en', 'Do you have a cough?', "My wife's coughing all night, mine's gone.", 'no'],
  ['zh', '您老伴最近睡得好吗？', '他睡得可好了，倒是我睡不着。', 'yes'],
  // Lay synonyms of the target after a denial.
  ['en', 'Have you had any falls?', "I didn't fall exactly, my legs gave way in the kitchen.", 'yes'],
  ['en', 'Have you been feeling anxious?', 'Not anxious as such, I am just worried sick about the bills.', 'yes'],
  ['en', 'Any problems with your waterworks?', 'No, no problems, it stings a little when I go.', 'yes'],
  ['en', 'Did the scar split open at all?', "no it didn't, well, a tiny bit at the top", 'yes'],
  ['zh', '出院以后摔过没有？', '没摔，就是在厕所滑倒了，坐地上起不来。', 'yes'],
  // Needs, conditions, first-person restatements, not since, bearable pain, not yet.
  ['en', 'Do you need any help with shopping?', 'No, I cope. Well, carrying the bags is hard.', 'yes'],
  ['en', 'Would you like a nurse to visit?', 'If she can come after lunch, yes.', 'yes'],
  ['zh', '需要我们帮您联系社区医生吗？', '不用，我女儿已经联系好了。', 'no'],
  ['en', 'Did you go to the blood test?', 'I went, they could not find a vein, I go back Friday.', 'yes'],
  ['en', 'Is your stoma working normally?', 'not since Sunday, nothing at all', 'no'],
  ['zh', '伤口现在还疼吗？', '一般吧，能忍。', 'yes'],
  ['zh', '拍片子做了吗？', '还没，明天上午去。', 'no'],
  ['en', 'Have you been able to drive?', 'Short trips only, to the shop.', 'yes'],
  // One part or one episode present; some still left; an action not done in its own words; Cantonese 唔.
  ['zh', '脚有没有肿？', '右脚肿，左脚不肿。', 'yes'],
  ['zh', '有没有心慌？', '心慌，一爬楼就慌，歇一会儿就好了。', 'yes'],
  ['zh', '眼皮现在还肿吗？', '消了不少，还有一点。', 'yes'],
  ['zh', '您有没有用那个药膏？', '药房给了，我没敢用，怕过敏。', 'no'],
  ['en', 'Have you been doing the leg exercises?', "The physio showed me. I haven't got round to it.", 'no'],
  ['zh', '您腰痛不痛？', '唔痛，好好的。', 'no'],
  // The caller asks whether their fact counts as the target: unclear.
  ['en', 'Has the swelling gone down?', 'It feels softer, is that gone down?', 'unclear'],
  ['zh', '您血压正常吗？', '一百四十五，算正常吧？', 'unclear'],
  // Regional words (Cantonese 冇/唔/食咗, Wu 勿/伊/有眼) read as Mandarin.
  ['zh', '手术的地方还肿吗？', '冇肿啦，就系有少少硬。', 'no'],
  ['zh', '您奶奶这两天咳嗽吗？', '伊讲勿咳了，就是有眼喉咙干。', 'no'],
  ['zh', '降压药每天都吃了吗？', '食咗，日日都食。', 'yes'],
  // A complaint at another body site does not answer a question about one site.
  ['zh', '肚子还疼吗？', '肚子不疼了，就是膝盖有点疼。', 'no'],
  ['en', 'Any pain in your chest?', 'No, my chest is fine. My knee aches a bit though.', 'no'],
  ['zh', '伤口疼不疼？', '伤口不疼，肩膀酸。', 'no'],
  // A good state after a denial is not a presence of the complaint.
  ['zh', '晚上睡觉有没有憋醒？', '冇得，睡得好得很。', 'no'],
  ['zh', '喝水的时候会不会呛？', '没有，喝水喝得挺好的，一天两大杯。', 'no'],
  // "What? X?": the repeated question is no answer; the clause after it is.
  ['zh', '这两天有没有头晕？', '啥，头晕啊？不晕，就是腿有点酸。', 'no'],
  // A question asked back answers "any questions?" with yes.
  ['zh', '您还有什么问题要问吗？', '没啥子，就想问问什么时候拆线？', 'yes'],
  ['en', 'Do you have any questions for the nurse?', 'Not really. Oh, actually, can I drive yet?', 'yes'],

  // Negation of degree is not a denial of the fact.
  ['en', 'Is your back hurting today?', 'It aches, but not as bad as last week.', 'yes'],
  ['zh', '膝盖还疼吗？', '疼是还疼，没以前那么厉害了。', 'yes'],
  // Worse is not over: "gone further".
  ['en', 'Is the swelling spreading?', 'Let me check. Oh, actually yes, it has gone further up my calf.', 'yes'],
  // The exception is the yes: "apart from X, no".
  ['en', 'Any problems with the new tablets?', 'Except for a bit of a headache, no.', 'yes'],
  ['zh', '吃了药以后有没有不舒服？', '除了有点头晕，别的都没有。', 'yes'],
  ['en', 'Any chest pain or trouble breathing?', 'No, none of that. Only a bit tired.', 'no'],
  // A bare yes after a short qualifier, unless taken back.
  ['en', 'Can you get to the toilet on your own?', 'With the frame, yes.', 'yes'],
  ['en', 'Is the cough keeping you awake?', "I'm awake, yes, but that's my neighbour's dog, not the cough.", 'no'],
  ['en', 'Is he still on the steroids?', 'He was, yes, but the doctor stopped them on Monday.', 'no'],

  // A now-question: the clause that says "now" answers it, not the one about before.
  ['en', 'Is the wound still oozing?', 'Not now. It was leaking on Monday but it has dried up.', 'no'],
  ['zh', '现在还咳嗽吗？', '以前咳得厉害，出院以后就不咳了。', 'no'],
  ['zh', '您还在发烧吗？', '琴日仲有啲热，今日冇啦。', 'no'],
  // A habit given up, unless an exception follows.
  ['en', 'Do you drink alcohol?', 'Packed it in ten years ago.', 'no'],
  ['zh', '您还喝酒吗？', '早戒了，出院前就戒了。', 'no'],
  ['en', 'Do you still smoke?', 'I quit, mostly. Just the one with my coffee.', 'yes'],
  // Lying flat: pillows or sitting up to breathe.
  ['en', 'Do you get short of breath lying flat?', 'I have to sleep on four pillows now or I am gasping.', 'yes'],
  ['zh', '晚上能平躺睡觉吗？', '一躺平就憋，得垫三个枕头。', 'no'],
  // A good state alone answers a good-state question.
  ['en', 'Are you sleeping okay at night?', 'Like a baby, dear.', 'yes'],
  // The usual is no to a "new" question.
  ['en', 'Any new swelling in your ankles?', 'Just my usual puffy ankles, nothing new.', 'no'],
  ['zh', '最近有没有新出现的头晕？', '老毛病了，一直这样，不是新的。', 'no'],
  // A partial presence of another complaint is not the asked one; a circumstance is not a complaint.
  ['en', 'Have you had any chest pain?', 'Chest pain no, but a bit dizzy sometimes.', 'no'],
  ['en', 'Any pain in your tummy?', 'No pain, only when I sneeze, then it really stabs.', 'yes'],

];

const FLAGS: Array<[lang: 'zh' | 'en', asked: string, utterance: string, want: string | null]> = [
  ['zh', '有没有胸痛、气喘这些情况？', '胸口疼倒冇得，就是喘得厉害，嘴唇都发紫了。', 'severe-breathing'],
  ['en', 'Any chest pain or breathing trouble?', "No chest pain. I'm puffing just sitting here and my lips look blue.", 'severe-breathing'],
  ['zh', '有没有胸痛、呼吸困难？', '胸口不疼 就是有点 咳嗽 嗓子干', null],
  ['zh', '有没有胸痛、呼吸困难？', '以前有过胸口疼 现在没有了 去年的事', null],
  ['en', 'Any trouble breathing?', 'I get a bit puffed on the stairs, that is all.', null],
];

describe('red-flag answers through the target reading', () => {
  it.each(FLAGS)('%s %s | %s', (lang, asked, utterance, want) => {
    expect(interpret({ lang, asked, expect: 'red-flag', utterance })).toEqual({ kind: 'red-flag', red_flag: want });
  });
});

describe('yes/no against the question target', () => {
  it.each(ROWS)('%s %s | %s', (lang, asked, utterance, want) => {
    expect(interpret({ lang, asked, expect: 'yes-no', utterance })).toEqual({ kind: 'yes-no', answer: want });
  });
});

describe('a bare 不是 between two values corrects the first', () => {
  it.each([
    ['吐了几次？', '三次 不是 四次 昨晚吐得最厉害', 4],
    ['烧了几天了？', '一天，不是，两天了', 2],
  ] as const)('%s %s', (asked, utterance, value) => {
    expect(interpret({ lang: 'zh', asked, expect: 'number', utterance })).toMatchObject({ kind: 'number', value });
  });
});
