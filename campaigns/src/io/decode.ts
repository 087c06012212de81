/**
 * Text encoding of an uploaded CSV: a nurse's file comes from Excel on Chinese Windows (GBK,
 * which GB18030 contains), from Excel's "Unicode text" (UTF-16 LE with a BOM, tab separated),
 * from WPS or a Mac (UTF-8, with or without a BOM), rarely from a Western system (windows-1252).
 * The order: a BOM; UTF-16 without a BOM (NUL bytes in every other place); strict UTF-8; then
 * the charset the upload declared, GB18030, then what chardet ranks (legacyCandidates), each accepted only when iconv-lite decodes
 * the whole file without a replacement character or a C1 control. A file none of them decodes is
 * refused with a clear error, never stored as mojibake. A UTF-8 file with a few broken bytes stays
 * UTF-8: its broken characters become U+FFFD, and the import refuses those rows by line.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { TzError } from '@tingzhen/voice-core';

export interface Decoded { text: string; encoding: string }

/** Bytes chardet looks at: 64 KiB is thousands of rows, and chardet is linear in its input. */
const SAMPLE_BYTES = 64 * 1024;
/** Share of NUL bytes (in the first 4 KiB) above which a file that is not UTF-16 is binary, not text. */
const BINARY_NUL_SHARE = 0.01;
/** chardet confidence (0..100) at which its Big5 guess goes before GB18030 (it gives real Big5 text 90, GBK text 10). */
const BIG5_CONFIDENCE = 50;
/** chardet confidence at which a Latin guess is tried at all (after the Chinese encodings). */
const LATIN_CONFIDENCE = 10;

/**
 * The legacy encodings to try, in order: the declared charset; GB18030 (Excel on Chinese Windows,
 * the usual source: chardet ranks a short GBK file as Latin-1, and Latin-1 decodes any bytes, so
 * it must never come first); Big5 ahead of it only when chardet is confident; windows-1252 last,
 * only when chardet thinks the file is Latin text.
 */
function legacyCandidates(buf: Buffer, declaredCharset: string | undefined): string[] {
  const out: string[] = [];
  const declared = declaredCharset?.trim().toLowerCase();
  if (declared && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared)) out.push(/^(gbk|gb2312|cp936)$/.test(declared) ? 'gb18030' : declared);
  const guesses = chardet.analyse(buf.subarray(0, SAMPLE_BYTES));
  const confidence = (name: string) => guesses.find((g) => g.name === name)?.confidence ?? 0;
  if (confidence('Big5') >= BIG5_CONFIDENCE && confidence('Big5') > confidence('GB18030')) out.push('big5');
  out.push('gb18030');
  if (confidence('Big5') > 0) out.push('big5');
  if (Math.max(confidence('ISO-8859-1'), confidence('windows-1252')) >= LATIN_CONFIDENCE) out.push('windows-1252');
  return [...new Set(out)];
}

export function decodeText(buf: Buffer, declaredCharset?: string): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: strictUtf8(buf.subarray(3)) ?? lenientUtf8(buf.subarray(3)), encoding: 'UTF-8' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return utf16(buf.subarray(2), 'utf-16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return utf16(buf.subarray(2), 'utf-16be');
  const nul = utf16WithoutBom(buf);
  if (nul) return utf16(buf, nul);
  // A stray NUL is a row's problem (the import refuses that row); many of them mean a binary file.
  if (nulShare(buf) > BINARY_NUL_SHARE) throw new TzError('TZ_ERR_VALIDATION', { problem: 'not a text file (it holds NUL bytes): send a CSV or an XLSX workbook', reason: 'binary' });
  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  if (mostlyUtf8(buf)) return { text: lenientUtf8(buf), encoding: 'UTF-8' };
  for (const enc of legacyCandidates(buf, declaredCharset)) {
    const text = iconv.decode(buf, enc);
    if (clean(text)) return { text, encoding: enc === 'gb18030' ? 'GB18030' : enc };
  }
  throw new TzError('TZ_ERR_VALIDATION', { problem: 'the text encoding of the file is not recognised: save it as "CSV UTF-8" or as an XLSX workbook', reason: 'encoding' });
}

function strictUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

const lenientUtf8 = (buf: Buffer): string => new TextDecoder('utf-8').decode(buf);

/**
 * A UTF-8 file with a few broken bytes (a cut-and-paste, a truncated save): its valid multibyte
 * characters far outnumber the broken ones. GBK read as UTF-8 is the opposite: nearly every
 * double-byte character is broken, only a few happen to form valid sequences.
 */
function mostlyUtf8(buf: Buffer): boolean {
  const text = lenientUtf8(buf);
  let bad = 0;
  let good = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch.codePointAt(0)! > 0x7f) good++;
  }
  return good >= 2 * bad;
}

function utf16(buf: Buffer, enc: 'utf-16le' | 'utf-16be'): Decoded {
  const text = iconv.decode(buf, enc);
  if (text.includes('\uFFFD') && buf.length % 2 === 1) {
    throw new TzError('TZ_ERR_VALIDATION', { problem: 'the UTF-16 file is cut short (odd number of bytes)', reason: 'encoding' });
  }
  return { text, encoding: enc === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE' };
}

/**
 * UTF-16 without a BOM: ASCII characters (digits, commas, Latin headers) have a NUL high byte, so
 * NULs sit mostly on odd offsets (LE) or even offsets (BE). Looks at the first 4 KiB.
 */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) { if (i % 2 === 0) even++; else odd++; }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < odd / 10) return 'utf-16le';
  if (even > pairs * 0.3 && odd < even / 10) return 'utf-16be';
  return null;
}

function nulShare(buf: Buffer): number {
  const n = Math.min(buf.length, 4096);
  let nul = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) nul++;
  return n === 0 ? 0 : nul / n;
}

/** No replacement character and no C1 control (a legacy decode that guessed wrong leaves them). */
function clean(text: string): boolean {
  return !/[\uFFFD\u0080-\u009F]/.test(text);
}
