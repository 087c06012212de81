/**
 * Password policy after NIST SP 800-63B-4 section 3.1.1.2 (passwords as the single factor):
 *   - at least 15 characters, counted as Unicode code points after NFKC (the form that is hashed);
 *     at most 200 (the standard asks to allow at least 64);
 *   - no composition rules (no "one digit, one capital"): length and the blocklist do the work;
 *   - refused when it is on a list of commonly used or breached passwords (the common-passwords
 *     list of @zxcvbn-ts/language-common, ~49,000 entries), is trivially repetitive or sequential
 *     (aaaaaaaaaaaaaaa, abcabcabcabcabc, 123456789012345), or is built on the username or the
 *     service's name (context-specific words).
 * Each refusal carries a `reason` code the console turns into its own words.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'repetitive' | 'context';

let common: ReadonlySet<string> | undefined;
/** Loaded on first use (a few ms): the list is only needed when a password is set. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Characters as code points. */
const chars = (s: string): string[] => [...s];

/** `abcabcabc`, `aaaa`, `ababab`: the whole string is one short unit said at least three times (a last partial one allowed). */
function repeatedUnit(cs: string[]): boolean {
  for (let unit = 1; unit <= Math.floor(cs.length / 3); unit++) {
    let same = true;
    for (let i = unit; i < cs.length && same; i++) same = cs[i] === cs[i % unit];
    if (same) return true;
  }
  return false;
}

/** `0123456789...`, `abcdefgh...`, `987654...`: every step the same +1 or -1 in code points (wrapping 9 -> 0). */
function sequential(cs: string[]): boolean {
  const codes = cs.map((c) => c.codePointAt(0)!);
  const step = (a: number, b: number) => (a === 57 && b === 48 ? 1 : a === 48 && b === 57 ? -1 : b - a);
  const first = step(codes[0]!, codes[1]!);
  if (Math.abs(first) !== 1) return false;
  return codes.every((c, i) => i === 0 || step(codes[i - 1]!, c) === first);
}

/**
 * The problems of `password` (none: acceptable). `username` is the account's, for the context rule.
 */
export function passwordProblems(password: string, username = ''): PasswordProblem[] {
  const normalized = password.normalize('NFKC');
  const cs = chars(normalized);
  if (cs.length < MIN_PASSWORD_LENGTH) return ['too_short'];
  if (cs.length > MAX_PASSWORD_LENGTH) return ['too_long'];
  const problems: PasswordProblem[] = [];
  const lower = normalized.toLowerCase();
  const distinct = new Set(cs.map((c) => c.toLowerCase())).size;
  if (distinct <= 2 || repeatedUnit(chars(lower)) || sequential(cs)) problems.push('repetitive');
  // The list holds passwords as people type them; also try it without spaces and a trailing run of digits or marks.
  const bare = lower.replace(/\s+/g, '');
  const stem = bare.replace(/[\d\p{P}\p{S}]+$/u, '');
  if (commonPasswords().has(lower) || commonPasswords().has(bare) || (chars(stem).length >= 6 && commonPasswords().has(stem))) problems.push('common');
  const name = username.trim().toLowerCase();
  const contextWords = ['tingzhen', '听诊', ...(chars(name).length >= 4 ? [name] : [])];
  // Built on a context word: what is left once it is taken out is short (tingzhen2024!, nurse.wang-nurse.wang).
  if (contextWords.some((w) => bare.includes(w) && chars(bare.split(w).join('')).length < 10)) problems.push('context');
  return problems;
}
