/**
 * What a yes-no question is about, read from its text: whether it asks about a problem (a
 * symptom: "still coughing?") or a good state / an action ("took your pills on time?"). The same
 * answer flips meaning between the two: 好了 ("it's gone") answers "still coughing?" with no but
 * "ready?" with yes.
 */
export interface QuestionFrame {
  /** Asks whether something bad is present (symptom, problem, discomfort). */
  problem: boolean;
  /** Asks about adherence or an action done (吃药, 量血压, 按时, took, measured). */
  action: boolean;
  /** The question itself contains a lexical negative (不舒服, 不适) that answers may echo. */
  negativeTerms: string[];
}

const ZH_PROBLEM = /黑|血|过敏|漏|疼|痛|咳|烧|热|晕|吐|恶心|肿|红|渗|流血|出血|喘|闷|慌|麻|痒|不舒服|难受|异常|拉肚子|腹泻|便秘|失眠|睡不着|累|乏力|没劲|无力|气短|憋|胀|酸|发冷|寒战|抽|黑便|血尿|尿少|问题|副作用|不适|担心|症状|出汗|心悸|抑郁|情绪|想不开|摔|跌/u;
const EN_PROBLEM = /pain|hurt|ache|cough|fever|temperature|dizz|vomit|nause|swell|swollen|red|discharge|pus|bleed|breath|short of|tight|palpitat|numb|itch|uncomfortable|discomfort|problem|side effect|symptom|tired|fatigue|weak|diarrh|constipat|sleep|trouble|worse|sick|faint|confus|blood|rash|chills|sweat|fall|fell|down|depress|worried/;
const ZH_ACTION = /吃.{0,4}药|服药|用药|按时|按量|坚持|量|测|复查|换药|做了|去了|记得|每天|规律|打针|锻炼|运动|监测|吃了|打了/u;
const EN_ACTION = /\b(?:take|took|taken|taking|measure|measured|check(?:ed)?|remember(?:ed)?|every day|daily|on time|as prescribed|follow|exercise|go to|went|attend)\b/;

const ZH_NEG_TERMS = ['不舒服', '不适', '不好', '不正常', '不对劲', '不良反应', '不良', '不方便', '不按时', '不规律', '睡不着', '睡不好', '吃不下', '喘不过气', '看不清', '说不清楚', '走不了', '站不稳', '不清醒', '不想活'];

export function questionFrame(asked: string | undefined, lang: 'zh' | 'en'): QuestionFrame {
  const q = (asked ?? '').toLowerCase();
  if (lang === 'zh') {
    const negativeTerms = ZH_NEG_TERMS.filter((t) => q.includes(t));
    return { problem: ZH_PROBLEM.test(q) || negativeTerms.length > 0, action: ZH_ACTION.test(q), negativeTerms };
  }
  // "Are you sleeping well?" asks about a good state even though it names sleep.
  const goodState = /\b(?:well|good|ok|okay|fine|better|normal(?:ly)?|able to)\b/.test(q) && !/\b(?:pain|hurt|fever|cough|bleed|swell|swollen|red|dizz|vomit)/.test(q);
  return { problem: EN_PROBLEM.test(q) && !goodState, action: EN_ACTION.test(q), negativeTerms: [] };
}
