/**
 * Checks on untrusted input that every HTTP edge shares (issue 16, bad input): text that a database
 * or a log cannot hold safely, numbers beyond what JavaScript holds exactly, calendar dates and
 * times that do not exist, and the PostgreSQL errors that mean "this value is malformed".
 * Pure functions: the fastify hooks and the schema formats call them.
 */

/**
 * Characters no text input may carry: C0 controls other than tab, line feed and carriage return
 * (NUL is refused by PostgreSQL text, the rest corrupt logs and terminals), DEL, C1 controls
 * (U+0080-U+009F), and UTF-16 surrogates without their pair (not encodable as UTF-8).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string (`contains a control character (U+0000)`), or null when it is fine. */
export function textProblem(s: string): string | null {
  const m = FORBIDDEN.exec(s);
  if (!m) return null;
  const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return m[0].length === 1 && m[0].charCodeAt(0) >= 0xd800 && m[0].charCodeAt(0) <= 0xdfff
    ? `contains an unpaired surrogate (${code})`
    : `contains a control character (${code})`;
}

/** What is wrong with a number: not finite, or an integer beyond ±(2^53 - 1) that cannot be held exactly. */
export function numberProblem(n: number): string | null {
  if (!Number.isFinite(n)) return 'is not a finite number';
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return `is out of range (beyond ±${Number.MAX_SAFE_INTEGER})`;
  return null;
}

export interface InputProblem {
  /** Where in the value: `name`, `windows.mon.0.1`, `customFields.<key>` (empty for the value itself). */
  field: string;
  /** The problem for people (the console words it): a control character, a number too large, too deep. */
  code: 'bad_character' | 'too_large' | 'malformed';
  problem: string;
}

/** Deeper than this a value is refused rather than walked (JSON bodies are limited in size, not depth). */
export const MAX_INPUT_DEPTH = 64;

/**
 * The first bad string (value or object key) or number inside a parsed input (query, params, JSON
 * body), walked without recursion; null when everything is fine.
 */
export function findInputProblem(value: unknown, opts: { text?: boolean; numbers?: boolean } = {}): InputProblem | null {
  const text = opts.text ?? true;
  const numbers = opts.numbers ?? true;
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const p = text ? textProblem(v) : null;
      if (p) return { field: path, code: 'bad_character', problem: p };
    } else if (typeof v === 'number') {
      const p = numbers ? numberProblem(v) : null;
      if (p) return { field: path, code: 'too_large', problem: p };
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return { field: path, code: 'malformed', problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
      const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      // Reverse so that the first problem in document order is found first.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        if (text && typeof k === 'string') {
          const p = textProblem(k);
          if (p) return { field: join(path, '<key>'), code: 'bad_character', problem: `has a key that ${p}` };
        }
        stack.push({ v: x, path: join(path, k), depth: depth + 1 });
      }
    }
  }
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** A real calendar day written YYYY-MM-DD, years 1000-9999 (so 2024-02-30 and 0000-01-01 are not). */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** An RFC 3339 date-time with its offset (`2024-03-01T08:00:00Z`, `...+08:00`) on a real calendar day. */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m || !isCalendarDate(m[1]!)) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  // Second 60 is a leap second (RFC 3339 section 5.7).
  if (h > 23 || min > 59 || sec > 60) return false;
  return m[6]!.toUpperCase() === 'Z' || (Number(m[8]) <= 23 && Number(m[9]) <= 59);
}

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22: a value out of range, malformed text for its
 * type, a NUL byte, a bad date...): the input was wrong, not the server. Looks through `cause`
 * (errors wrapped as TZ_ERR_DB). Returns the SQLSTATE, or null.
 */
export function dataExceptionCode(err: unknown): string | null {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
  }
  return null;
}
