/**
 * Default interrupt prompts. A script may override them (`interrupts:`), never the red-flag
 * first-aid instructions, which live in the clinical module.
 */
import type { Lang, LangText } from '../script/common.js';
import type { InterruptTexts } from '../script/schema.js';

export const DEFAULT_TEXTS: Required<{ [K in keyof InterruptTexts]: { zh: string; en: string } }> = {
  human: { zh: '好的，正在为您转接人工，请稍候。', en: 'Sure, I am connecting you to a person now. Please hold.' },
  humanUnavailable: {
    zh: '现在暂时没有工作人员接听。我们已经记录下来，会尽快给您回电。如果情况加重，请立即拨打120。再见。',
    en: 'Nobody can take the call right now. We have noted it and will call you back soon. If things get worse, call 120 at once. Goodbye.',
  },
  optOut: { zh: '好的，我们以后不会再给您打这类电话。祝您健康，再见。', en: 'Understood, we will not call you with these calls again. Take care, goodbye.' },
  wrongPerson: { zh: '不好意思，打扰您了，再见。', en: 'Sorry to have troubled you. Goodbye.' },
  deceased: { zh: '非常抱歉，听到这个消息我们很难过，请您节哀。我们会更新记录，不会再打扰您。再见。', en: 'I am very sorry for your loss. We will update our records and will not call again. Goodbye.' },
  busy: { zh: '好的，我们稍后再给您打过来，再见。', en: 'No problem, we will call you back later. Goodbye.' },
  redFlagD1: {
    zh: '您说的情况可能很危险。请马上挂断电话，拨打120急救电话。我们已经通知了护士。',
    en: 'What you describe may be an emergency. Please hang up now and call 120 for an ambulance. We have alerted a nurse.',
  },
  redFlagD2: {
    zh: '请尽快到最近医院的急诊科就诊，最好请家人陪同，不要自己开车。我们已经通知了护士。',
    en: 'Please go to the nearest emergency department now, ideally with someone, and do not drive yourself. We have alerted a nurse.',
  },
  confirmRedFlag: {
    zh: '我好像听到您说有紧急情况，是这样吗？是请按1，不是请按2。',
    en: 'I think I heard you mention something urgent. Is that right? Press 1 for yes, 2 for no.',
  },
  noResponse: { zh: '我们没有听到您的回答，稍后会再联系您。再见。', en: 'We could not hear your answer and will contact you again later. Goodbye.' },
  recordingNotice: { zh: '本次通话会被录音，仅用于医疗服务和质量管理。', en: 'This call is recorded, only for your care and quality review.' },
  resumed: {
    zh: '我们上次的通话中断了，这次接着上次继续，已经回答过的问题就不再重复问了。',
    en: 'Our last call was cut off, so we will continue where we left off and not repeat the questions you already answered.',
  },
  keypadOnly: { zh: '抱歉，现在只能用按键回答。', en: 'Sorry, I can only take keypad answers right now.' },
  restarted: {
    zh: '我们上次的通话中断了，为了确保记录准确，这次从头再问一遍。',
    en: 'Our last call was cut off, so to keep your record accurate we will go through the questions again from the start.',
  },
};

/**
 * Red flag -> disposition and the first-aid line come from the clinical module (one table for
 * triage and calls); re-exported here for runner users.
 */
export { RED_FLAG_DISPOSITION, RED_FLAG_INSTRUCTION } from '../clinical/index.js';

export function defaultText(key: keyof InterruptTexts, override: LangText | undefined, lang: Lang): string {
  return override?.[lang] ?? DEFAULT_TEXTS[key][lang];
}
