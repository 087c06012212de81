/**
 * English number words to digits: "one hundred and twenty", "thirty-eight point five",
 * "a hundred and one", "one-sixty" (160, as blood pressure is read), "one oh one" (101),
 * "ninety eight point six". `enToDigits()` rewrites a sentence with its number-word runs
 * replaced by Arabic numerals so the unit rules can work on digits only.
 */

const ONES: Record<string, number> = {
  zero: 0, oh: 0, o: 0, nil: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000 };
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

function isNumWord(w: string): boolean {
  return w in ONES || w in TENS || w in SCALES || /^\d+(\.\d+)?$/.test(w);
}

/** Value of one simple word (ones, tens or digits). */
function simple(w: string): number | undefined {
  if (w in ONES) return ONES[w];
  if (w in TENS) return TENS[w];
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
  return undefined;
}

/**
 * Parse a run of number words (no "point") into one integer, or null. Handles "one hundred and
 * twenty", "a hundred", "twenty five", "one sixty" (year-style: 160), "one oh one" (101).
 */
export function parseEnInteger(words: readonly string[]): number | null {
  const ws = words.filter((w) => w !== 'and');
  if (ws.length === 0) return null;
  if (ws[0] === 'a' || ws[0] === 'an') ws[0] = 'one';
  if (!ws.every(isNumWord)) return null;
  const hasScale = ws.some((w) => w in SCALES);
  if (!hasScale && ws.length >= 2) {
    // Year-style: "one sixty" = 160, "one oh one" = 101, "ninety eight" = 98.
    const first = simple(ws[0]!)!;
    const rest = ws.slice(1);
    if (rest.length === 1 && first >= 20 && first % 10 === 0 && simple(rest[0]!)! < 10 && !(rest[0]! in { oh: 1, o: 1 })) {
      return first + simple(rest[0]!)!;
    }
    if ((ws[1] === 'oh' || ws[1] === 'o') && ws.length === 3 && first >= 1 && first <= 99 && simple(ws[2]!)! < 10) {
      return first * 100 + simple(ws[2]!)!;
    }
    const restVal = parseEnInteger(rest);
    if (restVal === null) return null;
    if (first >= 1 && first <= 99) {
      if (restVal >= 10 && restVal <= 99) return first * 100 + restVal;
    }
    return null;
  }
  let total = 0;
  let current = 0;
  for (const w of ws) {
    if (w in SCALES) {
      const s = SCALES[w]!;
      current = (current === 0 ? 1 : current) * s;
      if (s >= 1000) {
        total += current;
        current = 0;
      }
    } else {
      current += simple(w)!;
    }
  }
  return total + current;
}

/** Parse a full English number phrase ("thirty-eight point five") or null. */
export function parseEnNumber(text: string): number | null {
  const words = text.toLowerCase().replace(/-/g, ' ').split(/\s+/).filter(Boolean);
  const p = words.indexOf('point');
  if (p < 0) return parseEnInteger(words);
  const int = p === 0 ? 0 : parseEnInteger(words.slice(0, p));
  const frac = words.slice(p + 1).map((w) => simple(w));
  if (int === null || frac.length === 0 || frac.some((d) => d === undefined || d > 9)) return null;
  return Number(`${int}.${frac.join('')}`);
}

/**
 * Rewrite English text so every run of number words becomes digits:
 * "about thirty eight point five degrees" -> "about 38.5 degrees". Ordinals ("third") become
 * digits with "th" ("3th") so date rules can see them; "a"/"an" are only numbers before
 * hundred/thousand ("a hundred").
 */
export function enToDigits(text: string): string {
  const words = text.replace(/(?<=[a-z])-(?=[a-z])/g, ' ').split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (w in ORDINALS) {
      out.push(`${ORDINALS[w]}th`);
      i++;
      continue;
    }
    const startsRun = isNumWord(w) || ((w === 'a' || w === 'an') && words[i + 1] !== undefined && words[i + 1]! in SCALES);
    if (!startsRun) {
      out.push(w);
      i++;
      continue;
    }
    // Collect the run: number words, "and" between number words, one "point" with digits after.
    let j = i + 1;
    while (j < words.length) {
      const x = words[j]!;
      if (isNumWord(x) && !/^\d/.test(x)) j++;
      else if (x === 'and' && words[j + 1] !== undefined && isNumWord(words[j + 1]!) && !/^\d/.test(words[j + 1]!) && words.slice(i, j).some((y) => y in SCALES)
        // "one hundred and forty", but not "one hundred forty and ninety" (two numbers).
        && !(words[j - 1]! in ONES || words[j - 1]! in TENS)) j++;
      else if (x === 'point' && words[j + 1] !== undefined && simple(words[j + 1]!) !== undefined) {
        // "99 point 5", "thirty eight point five six": the digits after the point.
        j += 2;
        while (j < words.length && simple(words[j]!) !== undefined && simple(words[j]!)! < 10 && /^(?:\d|[a-z]+)$/.test(words[j]!)) j++;
        break;
      } else break;
    }
    // Ordinal closing a run: "twenty third" = 23th.
    let ordinalTail: number | undefined;
    if (j < words.length && words[j]! in ORDINALS && ORDINALS[words[j]!]! < 10) {
      ordinalTail = ORDINALS[words[j]!];
    }
    const run = words.slice(i, j);
    const value = /^\d/.test(w) && run.length === 1 ? Number(w) : parseEnNumber(run.join(' '));
    if (value === null && /^\d+$/.test(w) && run[1] === 'point') {
      const frac = run.slice(2).map((x) => simple(x));
      if (frac.length > 0 && frac.every((d) => d !== undefined && d < 10)) {
        out.push(`${w}.${frac.join('')}`);
        i = j;
        continue;
      }
    }
    if (value === null) {
      // Not one number: emit each word's own value ("six seven" stays two numbers).
      for (const x of run) out.push(simple(x) !== undefined ? String(simple(x)) : x);
    } else if (ordinalTail !== undefined) {
      out.push(`${value + ordinalTail}th`);
      j++;
    } else {
      out.push(String(value));
    }
    i = j;
  }
  return out.join(' ');
}
