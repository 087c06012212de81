/**
 * The mention engine: finds lexicon matches in a narrative and decides for each one whether it is
 * present now, negated, past or resolved, and whether it is about the patient or someone else.
 * Pure and synchronous; lexicons are compiled once per language.
 */
import { cuesFor, type Cues } from './cues.js';
import { narrativeAsRead } from './narrative-text.js';
import { oneWord } from './one-word.js';
import type { ClinicalLang, Lexicon, Mention, MentionStatus, Subject } from './types.js';
import { ZH_SYMPTOMS } from './lexicon/symptoms-zh.js';
import { EN_SYMPTOMS } from './lexicon/symptoms-en.js';
import { ZH_FEATURES } from './lexicon/features-zh.js';
import { EN_FEATURES } from './lexicon/features-en.js';
import { ZH_FEATURES_2 } from './lexicon/features-zh-2.js';
import { EN_FEATURES_2 } from './lexicon/features-en-2.js';

interface Pattern {
  id: string;
  re: RegExp;
  lexicalNegation: boolean;
  resolved: boolean;
  feature: boolean;
}

function compile(lexicons: Lexicon[]): Pattern[] {
  const out: Pattern[] = [];
  for (const lex of lexicons) {
    for (const [id, sources] of Object.entries(lex)) {
      for (const raw of sources) {
        const prefix = /^[!=]*/.exec(raw)?.[0] ?? '';
        const lexicalNegation = prefix.includes('!');
        const resolved = prefix.includes('=');
        const src = oneWord(raw.slice(prefix.length));
        out.push({ id, re: new RegExp(src, 'gu'), lexicalNegation, resolved, feature: /^[a-z]+:/.test(id) });
      }
    }
  }
  return out;
}

const PATTERNS: Record<ClinicalLang, Pattern[]> = {
  zh: compile([ZH_SYMPTOMS, ZH_FEATURES, ZH_FEATURES_2]),
  en: compile([EN_SYMPTOMS, EN_FEATURES, EN_FEATURES_2]),
};

/** Catch-all ids that a more specific phrase around them always absorbs. */
const GENERIC = new Set(['pain-general', 'fatigue']);

/** Ids a near miss takes back ("差一点吃了"): swallowing, poisoning and medication errors. */
const NEAR_MISS_IDS = /ingest|poison|overdose|med-error|swallow/u;

const HISTORY_FEATURES = new Set(['x:cardiac-history', 'x:postop', 'x:heart-failure', 'x:pregnant', 'x:allergen', 'x:chronic', 'x:glucose', 'x:bp', 'x:brief-loc']);

interface RawMatch {
  p: Pattern;
  start: number;
  end: number;
}

/** Extra lexicons (complaint and modifier terms, ids `c:` / `m:`) compiled once each. */
const EXTRA = new WeakMap<Lexicon, Pattern[]>();
function extraPatterns(extra: readonly Lexicon[]): Pattern[] {
  const out: Pattern[] = [];
  for (const lex of extra) {
    let ps = EXTRA.get(lex);
    if (!ps) {
      ps = compile([lex]);
      EXTRA.set(lex, ps);
    }
    out.push(...ps);
  }
  return out;
}

function rawMatches(norm: string, lang: ClinicalLang, extra: readonly Lexicon[] = []): RawMatch[] {
  const found: RawMatch[] = [];
  for (const p of [...PATTERNS[lang], ...extraPatterns(extra)]) {
    for (const m of norm.matchAll(p.re)) {
      if (m[0].length === 0) continue;
      found.push({ p, start: m.index, end: m.index + m[0].length });
    }
  }
  // A shorter symptom inside a longer symptom match is part of it (痛 inside 头痛, 没劲 inside
  // 左边没劲); features never suppress or get suppressed.
  const symptoms = found.filter((r) => !r.p.feature).sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: RawMatch[] = [];
  for (const r of symptoms) {
    // Two phrases that start together (伤口红肿 / 伤口红肿流脓) are both real findings.
    const inside = kept.some((k) => k.start <= r.start && r.end <= k.end && (k.p.id === r.p.id || k.start !== r.start || GENERIC.has(r.p.id)));
    if (!inside) kept.push(r);
  }
  return [...kept, ...found.filter((r) => r.p.feature)].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Clause start offsets (sorted, first is 0). */
function clauseStarts(norm: string, cues: Cues): number[] {
  const starts = new Set<number>([0]);
  for (const m of norm.matchAll(cues.breaker)) starts.add(m.index + m[0].length);
  return [...starts].filter((s) => s <= norm.length).sort((a, b) => a - b);
}

function clauseOf(starts: number[], pos: number, len: number): [number, number] {
  let s = 0;
  let e = len;
  for (const st of starts) {
    if (st <= pos) s = st;
    else {
      e = st;
      break;
    }
  }
  return [s, e];
}

function overlapsAny(spans: RawMatch[], start: number, end: number): boolean {
  return spans.some((r) => r.start < end && start < r.end);
}

/** Remove covered spans and filler words from a gap; what is left is real content. */
function gapContent(norm: string, from: number, to: number, spans: RawMatch[], cues: Cues, lang: ClinicalLang): number {
  let chars = [...norm.slice(from, to)].map((c, i) => (overlapsAny(spans, from + i, from + i + 1) ? ' ' : c)).join('');
  chars = chars.replace(cues.gapFiller, ' ');
  if (lang === 'zh') return chars.replace(/\s+/g, '').length;
  return chars.split(/\s+/).filter((w) => w.length > 0).length;
}

/**
 * English: a negator whose own predicate is a word that is not a finding, followed by "and", has
 * ended its reach ("which never happens and both legs feel weak", "not eating and vomiting all
 * night"); a list of findings under one negator ("no fever and no cough", "no fever and chills")
 * is not, because its words before "and" are findings.
 */
function negatedPredicateEnds(norm: string, from: number, to: number, spans: RawMatch[], cues: Cues): boolean {
  const chars = [...norm.slice(from, to)].map((c, i) => (overlapsAny(spans, from + i, from + i + 1) ? ' ' : c)).join('');
  const m = /^(.*?)\band\b/u.exec(chars);
  if (!m) return false;
  return m[1]!.replace(cues.gapFiller, ' ').trim().length > 0;
}

function isNegated(norm: string, r: RawMatch, clause: [number, number], all: RawMatch[], cues: Cues, lang: ClinicalLang): boolean {
  const before = norm.slice(clause[0], r.start);
  let last: { index: number; text: string } | null = null;
  for (const m of before.matchAll(cues.negator)) {
    const abs = clause[0] + m.index;
    // A negation word inside a term that legitimately contains one (睡不着, 没劲, can't breathe:
    // marked '!') belongs to that term; any other match covering it does not steal it.
    if (all.some((o) => o !== r && o.p.lexicalNegation && o.start <= abs && abs < o.end)) continue;
    last = { index: abs, text: m[0] };
  }
  if (last && cues.scopeBreaker?.test(norm.slice(last.index + last.text.length, r.start))) last = null;
  if (last) {
    const gapStart = last.index + last.text.length;
    // A negated adjective ("无痛性视力下降", "painless loss of vision") negates its own word only.
    const adjacent = all.find((o) => o !== r && o.start === gapStart && o.end <= r.start && !o.p.feature);
    if (adjacent && cues.negatedAdjective?.test(norm.slice(adjacent.end, adjacent.end + 2))) return false;
    if (lang === 'zh' && last.text === '不') {
      const gap = '不' + norm.slice(gapStart, r.start);
      if (cues.closeNegator?.test(gap)) return true;
      // 不是很厉害 / 不太严重: a hedged modifier is denied, a hedged symptom (不太疼) is still there.
      if (r.p.feature && /^不(?:是|算)?(?:很|太|那么|特别|怎么|大)$/u.test(gap)) return true;
    } else if (lang === 'en' && negatedPredicateEnds(norm, gapStart, r.start, all.filter((o) => o !== r && o.start >= gapStart), cues)) {
      // "wet myself, which never happens, and both legs feel weak": the negator took its own verb.
    } else if (gapContent(norm, gapStart, r.start, all.filter((o) => o !== r && o.start >= gapStart), cues, lang) <= cues.maxGap) {
      return true;
    }
  }
  if (cues.innerNegation && !r.p.lexicalNegation) {
    const inner = norm.slice(r.start, r.end).replace(cues.innerLexical ?? /$^/u, '');
    if (cues.innerNegation.test(inner)) return true;
  }
  if (cues.postNegation) {
    const after = norm.slice(r.end, Math.min(r.end + 8, norm.length));
    const nextOther = all.find((o) => o.start >= r.end && !o.p.feature);
    const limit = nextOther ? nextOther.start - r.end : after.length;
    const m = cues.postNegation.exec(after);
    // "咳嗽没有胸痛": a 没有 right before the next symptom negates that one, not this one.
    if (m && m[0].length <= limit && (!nextOther || nextOther.start - r.end - m[0].length > 2)) return true;
  }
  const next = all.find((o) => o.start >= r.end && o !== r);
  const normal = cues.postNormal.exec(norm.slice(r.end, r.end + 10));
  if (normal && (!next || next.start >= r.end + normal[0].length)) return true;
  return false;
}

/**
 * A list under one negator: "no headache, chest pain or visual symptoms", "denies fever, cough,
 * or SOB", "没有头痛、胸闷、手脚麻木". The mention's clause follows a list separator, every
 * earlier item is short, and the first item ends in a negator and a few words.
 */
function inNegatedList(norm: string, r: RawMatch, clause: [number, number], starts: number[], cues: Cues): boolean {
  if (!cues.listSeparator || !cues.listNegator) return false;
  let idx = starts.indexOf(clause[0]);
  if (idx <= 0) return false;
  const words = (s: string): number => (cues.listSeparator!.source.includes('、') ? [...s.replace(/\s/gu, '')].length / 2 : s.trim().split(/\s+/u).length);
  // The mention's own item is short too ("chest pain or visual symptoms").
  const own = norm.slice(clause[0], clause[1]);
  if (words(own) > 6 || cues.listItemClause?.test(own.trim())) return false;
  for (let hops = 0; idx > 0 && hops < 6; hops++) {
    const sepEnd = starts[idx]!;
    const prevStart = starts[idx - 1]!;
    const sep = norm.slice(Math.max(prevStart, sepEnd - 3), sepEnd);
    if (!cues.listSeparator.test(sep)) return false;
    const item = norm.slice(prevStart, sepEnd).replace(/[\s,，、]+$/u, '');
    if (words(item) > 6) return false;
    if (cues.listNegator.test(item.trim())) return true;
    if (cues.listItemClause?.test(item.trim())) return false;
    idx -= 1;
  }
  return false;
}

function subjectAt(norm: string, pos: number, cues: Cues): Subject {
  let subject: Subject = 'patient';
  let lastPos = -1;
  const otherSpans: [number, number][] = [];
  for (const m of norm.matchAll(cues.other)) {
    otherSpans.push([m.index, m.index + m[0].length]);
    if (m.index < pos && m.index > lastPos) {
      lastPos = m.index;
      subject = 'other';
    }
  }
  for (const m of norm.matchAll(cues.self)) {
    if (otherSpans.some(([s, e]) => s <= m.index && m.index < e)) continue;
    if (m.index < pos && m.index > lastPos) {
      lastPos = m.index;
      subject = 'patient';
    }
  }
  return subject;
}

function statusOf(norm: string, r: RawMatch, starts: number[], all: RawMatch[], cues: Cues, lang: ClinicalLang): MentionStatus {
  if (r.p.resolved) return 'resolved';
  const pre = clauseOf(starts, r.start, norm.length);
  const post = clauseOf(starts, Math.max(r.start, r.end - 1), norm.length);
  if (isNegated(norm, r, pre, all, cues, lang)) return 'negated';
  if (inNegatedList(norm, r, pre, starts, cues)) return 'negated';
  // A correction right after the words takes them back ("blood everywhere - well, no, not everywhere").
  if (cues.selfCorrection?.test(norm.slice(r.end, r.end + 30))) return 'negated';
  if (NEAR_MISS_IDS.test(r.p.id) && cues.nearMiss.test(norm.slice(pre[0], r.start + 1))) return 'negated';
  // An echoed either-or question answered no ("你问想不想伤害自己 那倒没有", "any chest pain? no").
  if (cues.echoQuestion?.test(norm.slice(pre[0], r.start))) {
    const rest = norm.slice(r.end, r.end + 12).replace(/^[\s,，。.;；!?！？呢吗吧啊]+/u, '');
    if (cues.echoDenial?.test(rest)) return 'negated';
  }
  // A what-if question is not a complaint ("要是胸口疼怎么办"): treat it as not present.
  const hypo = cues.hypothetical;
  if (hypo.before.test(norm.slice(pre[0], r.start)) && (!hypo.after || hypo.after.test(norm.slice(r.end, post[1] + 12)))) return 'negated';
  const after = norm.slice(r.end, post[1]);
  const nextSymptom = all.find((o) => o.start >= r.end && o.start < post[1] && !o.p.feature && o.p.id !== r.p.id);
  const afterOwn = nextSymptom ? after.slice(0, nextSymptom.start - r.end) : after;
  if (cues.resolution.test(afterOwn)) return 'resolved';
  // The next clause says it went away ("上礼拜头晕 现在好了").
  const nextIdx = starts.findIndex((s) => s >= post[1] && s > r.start);
  if (nextIdx >= 0) {
    const ns = starts[nextIdx]!;
    const ne = starts[nextIdx + 1] ?? norm.length;
    const next = norm.slice(ns, ne).trim();
    const hasMention = all.some((o) => o.start >= ns && o.start < ne && !o.p.feature);
    if (!hasMention && next.length > 0 && cues.resolutionClause.test(next)) return 'resolved';
  }
  // Background facts (heart disease, a recent operation) matter even when told as history.
  if (HISTORY_FEATURES.has(r.p.id)) return 'present';
  const clauseText = norm.slice(pre[0], post[1]);
  const opensNow = cues.current.test(norm.slice(pre[0], r.start).trimStart());
  // Recogniser text has no punctuation, so a past marker just before the clause may still be its
  // own; written punctuation (，。) is a real boundary and the look-back stops there.
  const hardStop = /[，。,.;；!?！？]\s*$/u.test(norm.slice(Math.max(0, pre[0] - 3), pre[0]));
  const pastCtx = opensNow || hardStop ? norm.slice(pre[0], r.start) : norm.slice(Math.max(0, pre[0] - 12), r.start);
  if ((cues.past.test(clauseText) || cues.past.test(pastCtx)) && !cues.ongoing.test(clauseText)) return 'past';
  return 'present';
}

/**
 * Code-switched speech (我妈chest pain 出冷汗, 有点fever): English runs inside a Mandarin
 * narrative are read with the English lexicon; who it is about comes from the Mandarin context
 * unless the English itself names someone else.
 */
function latinMentions(norm: string, zhCues: Cues): Mention[] {
  const out: Mention[] = [];
  for (const run of norm.matchAll(/[a-z][a-z' -]*[a-z]/gu)) {
    if (run[0].replace(/[^a-z]/g, '').length < 3) continue;
    const inner = findMentions(run[0], 'en');
    // A Mandarin negator right before the English (没有fever, 不是很painful) negates its first mention.
    const negatedBefore = /(?:没有|没|不|无|并没有)(?:什么|啥|太|怎么)?\s*$/u.test(norm.slice(Math.max(0, run.index - 5), run.index));
    for (const [i, m] of inner.mentions.entries()) {
      out.push({
        ...m,
        status: negatedBefore && i === 0 && m.status === 'present' ? 'negated' : m.status,
        start: run.index + m.start,
        end: run.index + m.end,
        subject: m.subject === 'other' ? 'other' : subjectAt(norm, run.index, zhCues),
      });
    }
  }
  return out;
}

export interface MentionResult {
  norm: string;
  mentions: Mention[];
}

/**
 * All mentions in a narrative with their clause-level status (negated, past, resolved, present)
 * and subject. `extra` lexicons (feature-like ids such as `c:` complaints and `m:` modifiers) go
 * through the same clause layer; without them the result is exactly the built-in lexicons'.
 */
export function findMentions(text: string, lang: ClinicalLang, extra: readonly Lexicon[] = []): MentionResult {
  // One answer is read several times per turn (red flags, symptoms, yes/no, triage): the reading
  // of the same words with the same lexicons is kept in a small LRU cache. Results are frozen.
  const key = `${lang}\u0000${extra.map(lexiconKey).join(',')}\u0000${text}`;
  const hit = CACHE.get(key);
  if (hit) {
    CACHE.delete(key);
    CACHE.set(key, hit);
    return hit;
  }
  const result = readMentions(text, lang, extra);
  CACHE.set(key, result);
  if (CACHE.size > CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  return result;
}

const CACHE_SIZE = 512;
const CACHE = new Map<string, MentionResult>();
const LEXICON_KEYS = new WeakMap<Lexicon, number>();
function lexiconKey(lex: Lexicon): number {
  let k = LEXICON_KEYS.get(lex);
  if (k === undefined) {
    k = nextLexiconKey++;
    LEXICON_KEYS.set(lex, k);
  }
  return k;
}
let nextLexiconKey = 1;

function readMentions(text: string, lang: ClinicalLang, extra: readonly Lexicon[]): MentionResult {
  const cues = cuesFor(lang);
  const norm = narrativeAsRead(text, lang);
  const all = rawMatches(norm, lang, extra);
  const starts = clauseStarts(norm, cues);
  const mentions: Mention[] = all.map((r) => ({
    id: r.p.id,
    start: r.start,
    end: r.end,
    status: statusOf(norm, r, starts, all, cues, lang),
    subject: subjectAt(norm, r.start, cues),
  }));
  if (lang === 'zh') mentions.push(...latinMentions(norm, cues));
  mentions.sort((a, b) => a.start - b.start);
  for (const m of mentions) Object.freeze(m);
  return Object.freeze({ norm, mentions: Object.freeze(mentions) as Mention[] });
}

/** The current state of each id: the last mention wins (later speech corrects earlier speech). */
export function latestById(mentions: Mention[], subject: 'patient' | 'any'): Map<string, Mention> {
  const out = new Map<string, Mention>();
  for (const m of mentions) {
    if (subject === 'patient' && m.subject !== 'patient') continue;
    const prev = out.get(m.id);
    if (!prev || m.start >= prev.start) out.set(m.id, m);
  }
  return out;
}

/**
 * Ids with a present mention that no later mention of the same words takes back (used for red
 * flags and triage). Later speech corrects earlier speech only about the same thing: "chest pain
 * last night, no chest pain now" is resolved, but "left iliac fossa pain ... no shoulder tip pain"
 * still has its pain on the left (one id can name several findings).
 */
export function presentIds(mentions: Mention[], subject: 'patient' | 'any', norm?: string): Set<string> {
  const latest = new Map<string, Mention>();
  for (const m of mentions) {
    if (subject === 'patient' && m.subject !== 'patient') continue;
    const key = norm === undefined ? m.id : `${m.id}\u0000${norm.slice(m.start, m.end)}`;
    const prev = latest.get(key);
    // A later past mention does not take a present one back: "a fever since this afternoon ...
    // the doctor said a fever means come in" or "chest pain now, I had chest pain last year too"
    // still has the fever and the pain. Only a later negation, resolution or present mention does.
    if (prev && prev.status === 'present' && m.status === 'past') continue;
    if (!prev || m.start >= prev.start) latest.set(key, m);
  }
  const out = new Set<string>();
  for (const m of latest.values()) if (m.status === 'present') out.add(m.id);
  return out;
}
