/**
 * Sentence splitting for long prompts, so TTS can start speaking after the first sentence.
 * Splits after Chinese and English sentence punctuation and newlines; an over-long sentence is
 * split again at commas, then hard-cut. A full stop between digits ("3.5") is not a boundary.
 */

/** Longest piece handed to the synthesizer, in characters (about 5 s of speech in Mandarin). */
export const MAX_SENTENCE_CHARS = 60;

const STRONG = /([。！？；!?;…]+["'”’」』）)]*|\.(?!\d)["'”’)]*(?=\s|$)|\n+)/u;
const WEAK = /([，、,：:]+)/u;

function splitKeep(text: string, re: RegExp): string[] {
  const parts = text.split(new RegExp(re.source, `${re.flags}g`));
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const piece = (parts[i] ?? '') + (parts[i + 1] ?? '');
    if (piece.trim() !== '') out.push(piece.trim());
  }
  return out;
}

function hardCut(s: string, max: number): string[] {
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join('').trim());
  return out.filter((x) => x !== '');
}

export function splitSentences(text: string, maxChars = MAX_SENTENCE_CHARS): string[] {
  const out: string[] = [];
  for (const sentence of splitKeep(text, STRONG)) {
    if ([...sentence].length <= maxChars) { out.push(sentence); continue; }
    let buf = '';
    for (const clause of splitKeep(sentence, WEAK)) {
      const joined = buf === '' ? clause : `${buf}${/[\u4e00-\u9fff，、：]$/u.test(buf) ? '' : ' '}${clause}`;
      if ([...joined].length <= maxChars) { buf = joined; continue; }
      if (buf !== '') out.push(buf);
      if ([...clause].length > maxChars) { out.push(...hardCut(clause, maxChars)); buf = ''; } else buf = clause;
    }
    if (buf !== '') out.push(buf);
  }
  return out;
}
