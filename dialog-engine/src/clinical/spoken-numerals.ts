/**
 * Spoken English numbers a lexicon must not read in pieces. A lexicon phrase such as "six years
 * old" or "four weeks pregnant" would otherwise match inside "seventy-six years old" and
 * "thirty-four weeks pregnant" (the hyphen is a word boundary), and a blood pressure read the way
 * people say it ("one-fifty over one hundred") would not be a number at all. So, before any
 * lexicon runs, an English narrative gets:
 * - compound tens ("seventy-six", "thirty four") as digits: 76, 34;
 * - a blood pressure spoken in words on either side of "over" as digits: "150 over 100";
 * - a spoken decimal as one number: "thirty-eight point three" = 38.3.
 * Lone small numbers ("one", "two", "first") stay words: they are ambiguous ("no one", "the first
 * time") and the lexicons read them as words.
 */
import { parseEnInteger } from '../nlu/en-number.js';

const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const TENS = 'twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';

/** "seventy-six", "thirty four" (not "thirty-four-year-old" split wrongly: the hyphen after stays). */
const COMPOUND = new RegExp(`\\b(${TENS})[- ](${UNITS})\\b`, 'g');

/** One side of a spoken blood pressure: "one-fifty", "a hundred and ten", "ninety", "one twenty five". */
const BP_SIDE = `(?:(?:a|one|two) hundred(?: and)?(?:[- ](?:${TENS})(?:[- ](?:${UNITS}))?|[- ](?:${TEENS}|${UNITS}))?|(?:one|two)[- ](?:${TENS}|${TEENS})(?:[- ](?:${UNITS}))?|(?:${TENS})(?:[- ](?:${UNITS}))?|\\d{2,3})`;
const BP_WORDS = new RegExp(`\\b(${BP_SIDE}) over (${BP_SIDE})\\b`, 'g');

/** A spoken decimal: "thirty-eight point three", "38 point five", "one point two". */
const DIGIT = `(?:${UNITS}|zero|oh)`;
const DECIMAL = new RegExp(`\\b((?:${TENS})(?:[- ](?:${UNITS}))?|${TEENS}|${UNITS}|\\d+) point (${DIGIT}(?: ${DIGIT})*)\\b`, 'g');

function value(words: string): number | null {
  const w = words.replace(/-/g, ' ').split(/\s+/).filter(Boolean);
  if (w.length === 1 && /^\d+$/.test(w[0]!)) return Number(w[0]);
  return parseEnInteger(w);
}

/** The narrative with spoken compound numbers and spoken blood pressures as digits. Pure. */
export function spokenNumeralsToDigits(text: string): string {
  let s = text.replace(BP_WORDS, (all, a: string, b: string) => {
    const hi = value(a);
    const lo = value(b);
    // Only a plausible pressure is rewritten ("one hundred over ten" is not read as one).
    if (hi === null || lo === null || hi < 50 || hi > 300 || lo < 20 || lo > 200 || lo >= hi) return all;
    return `${hi} over ${lo}`;
  });
  s = s.replace(DECIMAL, (all, i: string, f: string) => {
    const int = value(i);
    const frac = f.split(' ').map((d) => (d === 'zero' || d === 'oh' ? 0 : parseEnInteger([d])));
    return int === null || frac.some((d) => d === null) ? all : `${int}.${frac.join('')}`;
  });
  s = s.replace(COMPOUND, (all, t: string, u: string) => {
    const v = parseEnInteger([t, u]);
    return v === null ? all : String(v);
  });
  return s;
}
