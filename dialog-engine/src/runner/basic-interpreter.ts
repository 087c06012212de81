/**
 * A deliberately small keyword interpreter: the fallback while the rule NLU / clinical modules
 * lack a function. Digits, yes/no and the global intents only; no red-flag knowledge beyond a
 * few unmistakable phrases.
 */
import type { Interpreter } from './interpreter.js';

const NO = /不是|没有|不方便|不用|不要|没|不|\bno\b|\bnot\b|nope|never/i;
const YES = /是|有|对|好|可以|方便|行|嗯|\byes\b|yeah|\bsure\b|\bok(ay)?\b|\bfine\b/i;
const UNSURE = /不知道|不清楚|说不好|not sure|don'?t know/i;

const RED: [RegExp, string][] = [
  [/胸口(剧痛|压着)|胸痛.*(出汗|冷汗)|crushing chest|chest pain.*sweat/i, 'chest-pain-cardiac'],
  [/喘不上气|喘不过气|呼吸不了|can'?t breathe|cannot breathe/i, 'severe-breathing'],
  [/半边(身子|身体).*(动不了|没力)|嘴歪|口角歪斜|one side of (my|his|her) body|face (is )?drooping/i, 'stroke-signs'],
  [/血止不住|大出血|bleeding (won'?t|will not) stop/i, 'severe-bleeding'],
  [/叫不醒|昏迷|unconscious|won'?t wake/i, 'altered-consciousness'],
  [/不想活|自杀|kill myself|end my life|suicid/i, 'suicidal'],
];

export const basicInterpreter: Interpreter = {
  interpret(req) {
    const u = req.utterance;
    switch (req.expect) {
      case 'intent':
        if (/转人工|人工|找护士|真人|\b(a )?(real )?person\b|human|operator/i.test(u)) return { intent: 'human' };
        if (/别再打|不要再打|别打了|don'?t call (me )?again|stop calling/i.test(u)) return { intent: 'opt-out' };
        if (/再说一遍|没听清|repeat|say that again/i.test(u)) return { intent: 'repeat' };
        if (/打错了|不是本人|wrong number|wrong person/i.test(u)) return { intent: 'wrong-person' };
        if (/在忙|晚点|等会再打|busy|call (me )?(back )?later/i.test(u)) return { intent: 'busy-call-later' };
        if (/救命|急救|emergency|help me/i.test(u)) return { intent: 'emergency' };
        return { intent: 'none' };
      case 'yes-no':
        if (UNSURE.test(u)) return { answer: 'unclear' };
        if (NO.test(u)) return { answer: 'no' };
        if (YES.test(u)) return { answer: 'yes' };
        return {};
      case 'blood-pressure': {
        const m = /(\d{2,3})\D+(\d{2,3})/.exec(u);
        return m ? { systolic: Number(m[1]), diastolic: Number(m[2]) } : {};
      }
      case 'number':
      case 'scale-0-10': {
        const m = /\d+(\.\d+)?/.exec(u);
        return m ? { value: Number(m[0]), unit: null } : { value: null };
      }
      case 'symptoms':
        return NO.test(u) ? { present: [], absent: [], none: true } : {};
      default:
        return {};
    }
  },
  detectRedFlags(text) {
    return RED.filter(([re]) => re.test(text)).map(([, id]) => id);
  },
  triage(narrative) {
    const red = RED.filter(([re]) => re.test(narrative)).map(([, id]) => id);
    return { disposition: red.length > 0 ? 'D1' : 'D6', red_flags: red, department: null };
  },
};
