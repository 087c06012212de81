/**
 * Mandarin yes-no: colloquial yes/no forms, hedges (unclear), double negatives (不是没有 = yes),
 * answers that restate the symptom (不咳了 = no, 还有一点咳 = yes), past vs now (以前有现在没有),
 * and polarity that depends on the question (好了 means "gone" for a symptom question).
 */
import { normalizeUtterance, pinyinFind } from '../text/index.js';
import { questionFrame, type QuestionFrame } from './question.js';
import type { YesNo } from './types.js';

const ZH_SOFT_FILLERS = /怎么说呢|那个|这个|然后|呃|额|噢|欸|诶|哎|唉/gu;

/** Hedges that make the whole answer unclear. */
const STRONG_HEDGE = /(?:我|俺)?(?:怎么|哪)(?:会|能)?知道|不(?:太|大|是很|怎么)?(?:清楚|确定|记得|知道|晓得)|说不上来|不好讲|不知道|不晓得|不清楚|说不清|讲不清|说不好|不好说|不确定|不一定|记不清|记不得|不记得|想不起|搞不清|弄不清|不太懂|听不懂|没注意|没留意|没感觉出来|看情况|难说|谁知道|也许吧|可能吧|或许吧|大概吧|应该吧|说不准|不敢说|我也不知/u;
/** Lukewarm answers: "so-so". */
const SO_SO = /^(?:还好吧|还行吧|一般般?吧?|马马虎虎|凑合吧?|还可以吧|差不多吧|就那样吧?|老样子|时好时坏|有时候吧|偶尔吧)$/u;

/** Everything-is-fine answers: no for a problem question, yes for a good-state question. */
const FINE = /没事了?|没问题|没关系|挺好|很好|好着呢|都好|还好|还行|正常|不错|好多了|好了|好得差不多|全好了|已经好了|康复了|恢复得?(?:不错|挺好|很好)|没什么(?:事|问题|感觉|大碍)?(?!好转|变化|改善|效果|起色|用)|没啥(?!好转|变化|改善|效果|起色|用)|都没有|一切正常|好着/u;
/** Symptom-gone answers: no for a problem question. */
const GONE = /不[\u4e00-\u9fff]{0,2}了|没[\u4e00-\u9fff]{0,2}了|(?:退|消|停|止|愈合|结痂|干)了|好了|消失|没再|不再|退烧了|烧退/u;

const DOUBLE_NEG = /(?:不能|不好|没法|不敢)说[\u4e00-\u9fff]{0,4}?(?:没有|没|不)|(?:不是|并不是|也不是|倒不是|并非|不会|不能|不可能)(?:没有|没|不)|没有不|没不|不是不/gu;

/** V不C potential complements and fixed words where 不/没 is not the answer's polarity. */
const POTENTIAL_NEG = /(?<=[\u4e00-\u9fff])(?<![也还都就并可是很太真倒又才已再没])不(?=[着了动清过上下出住起来去懂见到完])/gu;
const LEXICAL_NEG = /差不多|不得了|不止|不停|不断|不少|不过|不行了|得不行|受不了|忍不住|不一会|没多久|没过多久|要不然|要不|不然/gu;

const REFUSAL = /算了|免了|拉倒|不用|不需要|不要|别了/u;

const NEGATORS = /不|没|无|未|别|甭|莫|非(?!常)/u;

const POSITIVE = /^(?:是|对|嗯|恩|有|好|行|可以|要|会|能|中|成|在|当然|肯定|确实|没错|对的|是的|有的|好的|行的|是啊|对啊|有啊|好啊|嗯嗯|ok|okay|yes|yeah)|是的|对的|没错|当然|肯定|确实|有的|有啊|有点|有一点|有些|一点点|稍微|一直|还在|还有|经常|偶尔|有时|挺|蛮|很|特别|非常|厉害|严重|可以|好的|行|需要|愿意|同意|方便|记得|按时|吃了|量了|测了|做了|去了|来了|[\u4e00-\u9fff]了$|嗯|对|是|有/u;

/** A time-limited presence ("晚上咳白天不咳"): still present. */
const PARTIAL = /(?:晚上|夜里|半夜|白天|早上|早晨|上午|下午|有时候?|偶尔|时不时|一阵一阵)(?:还|也)?(?:会|有点|会有点)?([\u4e00-\u9fff])/u;

const ZH_SYMPTOM_WORD = /疼|痛|咳|烧|热|晕|吐|恶心|肿|红|渗|血|喘|闷|慌|麻|痒|难受|拉|累|乏|胀|酸|冷|抽/u;

/** Characters that carry no topic: used to tell whether a clause is about the question's topic. */
const FUNCTION_CHARS = new Set([...'有没不是的了吗呢还点一些很太都也就在现目前已经但可过后最近今天这两几稍微挺蛮特别非常厉害严重好多次嗯对啊呀吧哦您你我请问会要么什怎样得地着过其实倒就']);

function contentChars(s: string): Set<string> {
  return new Set([...s].filter((c) => /[\u4e00-\u9fff]/u.test(c) && !FUNCTION_CHARS.has(c)));
}

/** Clauses that mark "now" (or a contrast): the last one decides for still-questions. */
const NOW_MARK = /现在|目前|这两天|这几天|今天|已经|但是|可是|不过|但|后来|最近|就是|只是|倒是|倒/gu;

function stripHedgeWords(t: string): string {
  return t.replace(/可能|也许|或许|大概|好像|应该|估计|感觉|觉得|我看|似乎|吧|呢|啊|呀|哦|喔|啦|嘞|咯/gu, '');
}

/** Polarity of one clause: 'yes', 'no' or null when it says nothing. */
type Frame = QuestionFrame & { topic: Set<string>; ability: boolean; normalQ?: boolean; improve?: boolean };

/** "Is it better?" questions: a symptom that is gone is a yes, one that is still there a no. */
const IMPROVE_Q = /好(?:点|些|一点|一些|转|多了)|见好|改善|减轻|缓解|恢复|起色|轻(?:点|些)/u;
const NO_CHANGE = /一样|老样子|就那样|还那样|没变|没(?:啥|什么|有|怎么|见)?(?:好转|改善|效果|起色|变化|减轻|缓解|好)|不见(?:好|轻)|更(?:厉害|严重|重|疼|痛|难受)|加重|反而|越来越(?:厉害|重|疼|痛)/u;
const BETTER = /轻(?:了|点|些|多了)|减轻|好(?:点|些|多|转|一点|一些)|缓解|没那么|不那么|不太|不怎么|有起色/u;

function improvementPolarity(c: string): YesNo | null {
  if (NO_CHANGE.test(c)) return 'no';
  if (BETTER.test(c)) return 'yes';
  if ((GONE.test(c) || FINE.test(c)) && !/还有|还在|还是/u.test(c)) return 'yes';
  if (ZH_SYMPTOM_WORD.test(c) && !NEGATORS.test(c)) return 'no';
  return null;
}

function clausePolarity(clause: string, frame: Frame): YesNo | null {
  let c = clause;
  for (const term of frame.negativeTerms) c = c.split(term).join('症');
  c = c.replace(/不错/gu, '挺好').replace(DOUBLE_NEG, '是');
  c = c.replace(LEXICAL_NEG, '症');
  // An A不A / A没A form inside the answer ("我怎么知道疼不疼") names the question, not a no.
  c = c.replace(/([\u4e00-\u9fff])(?:不|没)\1/gu, '');
  // 睡不着 / 喘不过气 restate a problem; but for "能自己走路吗" 走不了 is a plain no.
  if (!frame.ability) c = c.replace(POTENTIAL_NEG, '症');
  if (frame.improve) {
    const p = improvementPolarity(c);
    if (p) return p;
  }
  // "有时候有 有时候没有": present now and then is present.
  if (frame.problem && /(?:有时候?|有的时候|偶尔|时不时)(?:还|也)?(?:有|会)/u.test(c)) return 'yes';
  if (frame.problem && PARTIAL.test(c)) {
    const m = PARTIAL.exec(c)!;
    if (frame.topic.has(m[1]!)) return 'yes';
  }
  if (c.length === 0) return null;
  // "一碰就疼" / "走路就喘": present when provoked is still present.
  if (frame.problem && /(?:一|只要|只有)(?:碰|按|压|动|走|咳|吃|活动|用力|弯腰|起来|站起来|上楼|爬楼|走路|干活)[\u4e00-\u9fff]{0,2}?(?:就|才|会|还)/u.test(c) && !GONE.test(c.replace(/不[\u4e00-\u9fff]{0,2}(?=[一只])/gu, ''))) return 'yes';
  // "一顿没落" / "一次都没漏": nothing missed is a yes to "did you take them" (not to "did you miss any").
  if (frame.action && frame.negativeTerms.length === 0 && /(?:一(?:顿|次|天|回|粒|片|顿饭)|从来|从)(?:都|也)?(?:没|不)(?:落|漏|忘|拉)(?:下|过|掉)?|没(?:漏|落)(?:过|下)?(?:一次|一顿)|天天(?:都)?(?:吃|按时)/u.test(c)) return 'yes';
  // "正常吗" answered with an abnormal sign (有点发黑, 带血): not normal.
  if (frame.normalQ && /发黑|发红|发白|发黄|变黑|变红|黑的|红的|有血|带血|异常|不对劲|稀/u.test(c)) return 'no';
  const fine = FINE.test(c);
  const hasNeg = NEGATORS.test(fine ? c.replace(new RegExp(FINE.source, 'gu'), '好') : c);
  if (fine && frame.problem && !/有点|有一点|还有|还是|还在/u.test(c.replace(/还有点好|还好/gu, ''))) return 'no';
  if (frame.problem && GONE.test(c) && !/还有|还在|还是有/u.test(c)) return 'no';
  const little = /(?:有点|有一点点?|有些|一点点|稍微)(?![不没])(.*)$/u.exec(c);
  if (little && !/(?:一点|点)(?:都|也)(?:不|没)/u.test(c)) {
    const about = contentChars(little[1]!);
    const offTopic = frame.topic.size > 0 && about.size > 0 && ![...about].some((ch) => frame.topic.has(ch)) && hasNeg;
    if (!offTopic) return 'yes';
  }
  if (/(?:一点|一次|从来|根本|完全|压根|从)(?:都|也)?(?:不|没)/u.test(c)) return 'no';
  if (frame.action && /忘了?|漏了?|落了?|没按时|有时候忘|偶尔忘/u.test(c)) return 'no';
  if (REFUSAL.test(c)) return 'no';
  if (frame.action && /停了|停药|不吃了|断了|吃完了|没药了/u.test(c)) return 'no';
  if (/^我是(?:他|她)/u.test(c)) return 'no'; // 我是他老伴: not the person asked for
  if (/在忙|很忙|没空|没时间|在开车|在开会/u.test(c)) return 'no';
  if (/^(?:你|您)?(?:说吧|说|讲吧|请讲|请说)$/u.test(c)) return 'yes';
  if (hasNeg) return 'no';
  if (fine) return 'yes';
  if (frame.problem && ZH_SYMPTOM_WORD.test(c)) return 'yes';
  // Restating the question's own words without negation (满意 to 满意吗, 漏过一次 to 有没有漏服).
  if ([...contentChars(c)].some((ch) => frame.topic.has(ch))) return 'yes';
  if (POSITIVE.test(c) || /症/u.test(c)) return 'yes';
  return null;
}

/**
 * Repair recognizer homophones of the question's own words in the answer (发骚 -> 发烧 when the
 * question asked about 发烧): every two-character content word of the question is looked up in
 * the answer by folded pinyin.
 */
export function repairFromQuestion(answer: string, asked: string | undefined): string {
  if (!asked) return answer;
  let out = answer;
  const q = normalizeUtterance(asked, 'zh');
  const seen = new Set<string>();
  for (let i = 0; i + 1 < q.length; i++) {
    const w = q.slice(i, i + 2);
    if (seen.has(w) || ![...w].every((c) => /[\u4e00-\u9fff]/u.test(c) && !FUNCTION_CHARS.has(c))) continue;
    seen.add(w);
    const m = pinyinFind(out, w);
    // The caller's own function words (讲是讲了) are never a misheard keyword.
    if (m?.fuzzy && ![...out.slice(m.start, m.end)].some((c) => FUNCTION_CHARS.has(c))) out = out.slice(0, m.start) + w + out.slice(m.end);
  }
  return out;
}

export function yesNoZh(utterance: string, asked?: string): YesNo {
  // Keep 就是 / 只是 (they separate "头疼倒没有 | 就是有点晕"); drop the other fillers.
  // Recognizer segments (the pauses it marks with spaces) are kept as spaces until questions
  // put back to us are dropped; then the answer is read as one string.
  const segments: string[] = [];
  for (const part of utterance.split(/[\s,，。！？?!；;]+/u)) {
    const seg = normalizeUtterance(part, 'zh', { dropFillers: false }).replace(ZH_SOFT_FILLERS, '');
    if (seg.length > 0 && seg !== segments[segments.length - 1]) segments.push(seg);
  }
  const raw = repairFromQuestion(segments.join(' '), asked)
    .replace(/没错|没毛病/gu, '对')
    // Recognizer spellings of the answer words themselves (a whole segment).
    .replace(/(?<=^| )(?:是得|事的|是滴|似的)(?= |$)/gu, '是的')
    .replace(/(?<=^| )(?:对得|对滴|队的)(?= |$)/gu, '对的')
    .replace(/(?<=^| )(?:有得|有滴)(?= |$)/gu, '有的')
    .replace(/(?<=^| )(?:好得|好滴)(?= |$)/gu, '好的')
    .replace(/(?<=^| )(?:嗯呢|恩呢|恩恩|摁|嗯呐|嗯哪)(?= |$)/gu, '嗯')
    .replace(/(?<=^| )(?:没油|没友|美有|梅有)(?= |$)/gu, '没有')
    .replace(/木有|冇|没得|莫得|么有/gu, '没有')
    // Cantonese 唔 (= 不) before a verb or adjective: 唔多, 唔系, 唔痛, 差唔多.
    .replace(/唔(?=[\u4e00-\u9fff])/gu, '不')
    // Rhetorical negation: 哪有 / 哪儿有 = 没有, 哪会 = 不会, 好什么好 = 不好.
    .replace(/哪(?:里|儿)?有(?!人|谁|地方)/gu, '没有')
    .replace(/哪(?:里|儿)?(会|能)/gu, '不$1')
    .replace(/([\u4e00-\u9fff])什么\1/gu, '不$1');
  const answered = withoutQuestionBack(raw);
  if (answered === null) return 'unclear';
  return yesNoAnswer(answered, utterance, asked);
}

/** A question put back to the caller's side ("是不是要去医院", "我想问一下…", "你说的是发烧吗"). */
const QUESTION_BACK = /是不是|要不要|用不用|需不需要|需要不需要|该不该|能不能|会不会|可不可以|行不行|严不严重|要不要紧|怎么办|怎么吃|怎么弄|怎么回事|为什么|啥意思|什么意思|我想问|想问一下|请问|问一下|问下|问问/u;
const QUESTION_END = /[吗么](?:啊|呀)?$/u;

/**
 * Drop a question the caller asks back: the answer before it stands ("没有 是不是要去医院" = no);
 * a question alone is no answer (null). Recognizer segments (spaces) bound a question.
 */
function withoutQuestionBack(raw: string): string | null {
  let asks = false;
  const kept = raw.split(' ').map((seg) => {
    const m = QUESTION_BACK.exec(seg);
    if (m) {
      asks = true;
      return seg.slice(0, m.index).replace(/(?:我|你|您|那)+$/u, '');
    }
    if (QUESTION_END.test(seg) && /^(?:你|您)|是.{1,8}[吗么]/u.test(seg)) {
      asks = true;
      return '';
    }
    return seg;
  });
  // 对了 / 还有 right before a question are discourse markers ("by the way"), not "right".
  if (asks) for (let i = 0; i < kept.length; i++) kept[i] = kept[i]!.replace(/^(?:对了|还有|另外)$|(?<=.)(?:对了|还有|另外)$/u, '');
  const joined = kept.join('');
  return asks && joined.length === 0 ? null : joined;
}

function yesNoAnswer(raw: string, utterance: string, asked?: string): YesNo {
  if (raw.length === 0) return 'unclear';
  const frame: Frame = {
    ...questionFrame(asked, 'zh'),
    topic: contentChars(asked ?? ''),
    // Ability and good-state questions (能走吗, 睡得好吗, 吃得下吗): 走不了 / 睡不着 is a plain no.
    ability: /能|可以|会|得了|得动|得(?:好|香|着|下|惯)|顺利/u.test(asked ?? '') && !ZH_SYMPTOM_WORD.test(asked ?? ''),
    normalQ: /正常/u.test(asked ?? ''),
  };
  if (IMPROVE_Q.test(asked ?? '')) {
    frame.improve = true;
    frame.problem = false;
  }
  if (frame.improve && /^(?:老样子|就那样吧?|还那样|差不多吧?)$/u.test(raw)) return 'no';
  if (/^我?就是(?:我|本人|他|她)?$|^就是就是$/u.test(normalizeUtterance(utterance, 'zh', { dropFillers: false }))) return 'yes';
  if (SO_SO.test(raw)) return 'unclear';
  // A hedge with nothing firmer said after it is unclear ("不知道 可能吧"); a firm answer after
  // the hedge wins ("不太清楚 应该没有" is still a hedge, but "说不好 反正现在不疼了" is no).
  const hedge = STRONG_HEDGE.exec(raw);
  if (hedge) {
    const afterHedge = stripHedgeWords(raw.slice(hedge.index + hedge[0].length));
    const firm = /现在|已经|反正|肯定|确实/u.test(afterHedge) ? clausePolarity(afterHedge, frame) : null;
    return firm ?? 'unclear';
  }
  if (frame.action && /^忘了?$|^忘记了?$/u.test(raw)) return 'no';
  if (/^(?:忘了?|忘记了?)$/u.test(raw)) return 'unclear';
  const t = stripHedgeWords(raw);
  if (t.length === 0) return 'unclear';
  // Past vs now, and contrasts: split at the markers; the last clause that is about the
  // question's topic (or is pure polarity, "现在没有") and says something decides.
  const topic = frame.topic;
  const cuts = [0, ...[...t.matchAll(NOW_MARK)].flatMap((m) => [m.index, m.index + m[0].length]), t.length];
  const clauses: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 2) clauses.push(t.slice(cuts[i], cuts[i + 1]));
  if (clauses.length > 1) {
    for (let i = clauses.length - 1; i >= 0; i--) {
      const clause = clauses[i]!;
      const content = contentChars(clause);
      const relevant = topic.size === 0 || content.size === 0 || [...content].some((c) => topic.has(c)) || GONE.test(clause) || FINE.test(clause);
      if (!relevant) continue;
      const p = clausePolarity(clause, frame);
      if (p) return p;
    }
    if (/已经/u.test(t) && frame.problem && !/还/u.test(t)) return 'no';
  }
  return clausePolarity(t, frame) ?? 'unclear';
}
