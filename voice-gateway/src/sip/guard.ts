/**
 * Pre-parser guard in front of sip.js, which silently drops what it cannot parse. Every framed
 * message goes through here first: malformed requests get a stateless 400 (RFC 3261 section
 * 8.2 / 16.3 classes from RFC 4475 section 3.1.2 and 3.3) when enough headers survive to build a
 * response (Via, From, To, Call-ID, CSeq), and are dropped otherwise; malformed responses are
 * dropped (RFC 3261 section 18.1.2). Nothing here throws.
 *
 * Checked before sip.js parses (it lets these through): header lines (token name + colon, no
 * continuation right after the start line), control characters outside quoted-pairs, at most
 * MAX_HEADER_FIELDS fields, single-valued headers given once; after: CSeq, Max-Forwards (<= 255),
 * every Via's sent-protocol / sent-by / port, Content-Type with a body (a From without a tag is
 * accepted, RFC 2543 style). A sip: Request-URI that does not parse is 400, another scheme 416. The
 * RFC 5118 three-colon IPv6 form is read as the two-colon one. An unknown URI
 * scheme in To / From (or in a Contact nobody uses) is valid (RFC 4475 section 3.3.4) and parsed
 * through a stand-in. Tested with the blind torture set in test/sip-fixtures/torture-blind.ts.
 */
import { Core } from 'sip.js';

type Parsed = Core.IncomingRequestMessage | Core.IncomingResponseMessage;

export type GuardResult =
  | { ok: true; message: Parsed }
  | { ok: false; problem: string; reply: string | null };

const silentLogger = { debug() {}, log() {}, warn() {}, error() {} };
const MANDATORY = ['from', 'to', 'call_id', 'cseq', 'via'] as const;
const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 [1-6]\d\d .*$/;
const OTHER_VERSION = /^([A-Za-z0-9.!%*_+`'~-]+) (\S+) SIP\/\d+\.\d+$/;

/** Most header fields a message may carry (after unfolding); RFC 4475 class "thousands of headers". */
export const MAX_HEADER_FIELDS = 500;
/** Headers that take exactly one value (RFC 3261 section 7.3.1 / 20; compact forms section 7.3.3). */
const SINGLE: Record<string, string> = {
  'call-id': 'call-id', i: 'call-id', cseq: 'cseq', from: 'from', f: 'from', to: 'to', t: 'to',
  'max-forwards': 'max-forwards', 'content-length': 'content-length', l: 'content-length',
  'content-type': 'content-type', c: 'content-type',
};
/** field-name = token (RFC 3261 section 25.1), then HCOLON. */
const HEADER_LINE = /^([A-Za-z0-9.!%*_+`'~-]+)[ \t]*:(.*)$/s;
/** Via sent-protocol and sent-by (RFC 3261 section 20.42; IPv6 references bracketed, RFC 5118 section 4.3). */
const VIA_PARM = /^SIP[ \t]*\/[ \t]*2\.0[ \t]*\/[ \t]*[A-Za-z0-9.!%*_+`'~-]+[ \t]+(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?:[ \t]*:[ \t]*(\d{1,5}))?[ \t]*(?:;.*)?$/is;

export function guardMessage(text: string): GuardResult {
  const firstEnd = text.indexOf('\r\n');
  const first = firstEnd < 0 ? text : text.slice(0, firstEnd);
  const isRequest = !first.startsWith('SIP/');
  const fail = (problem: string, status = 400): GuardResult => (isRequest ? reject(text, problem, status) : { ok: false, problem, reply: null });
  // RFC 3261 section 8.2.2 / RFC 4475 section 3.1.2.16: a well-formed request of another SIP version gets 505.
  if (isRequest && !REQUEST_LINE.test(first)) return reject(text, 'bad-request-line', OTHER_VERSION.test(first) ? 505 : 400);
  if (!isRequest && !STATUS_LINE.test(first)) return { ok: false, problem: 'bad-status-line', reply: null };
  const lineProblem = checkHeaderLines(text);
  if (lineProblem) return fail(lineProblem);
  // RFC 5118 section 4.10: the three-colon IPv6 form the RFC 3261 ABNF produced ([2001:db8:::192.0.2.1])
  // is to be accepted as the two-colon one (RFC 5954); sip.js's grammar refuses it, so parse the corrected form.
  text = tolerateThreeColons(text);
  let message = parse(text);
  if (!message) {
    // RFC 4475 section 3.3.4: an unknown URI scheme in To / From (or a Contact nobody needs) is
    // not an error, but sip.js's grammar only knows sip/sips there: parse a stand-in, keep the raw values.
    const n = neutralise(text, isRequest ? /^(\S+)/.exec(first)![1]! : '');
    if (n) {
      message = parse(n.text);
      if (message) for (const [name, raw] of n.restore) (message as unknown as { headers: Record<string, { raw: string }[]> }).headers[name]![0]!.raw = raw;
    }
  }
  if (!message) return fail('unparseable');
  for (const h of MANDATORY) {
    if (!message.hasHeader(h)) return isRequest ? reject(text, `missing-${h}`) : { ok: false, problem: `missing-${h}`, reply: null };
  }
  if (message instanceof Core.IncomingRequestMessage) {
    // RFC 3261 section 8.1.1.5: CSeq number below 2^31, method equal to the request method.
    if (!(message.cseq >= 0 && message.cseq < 2 ** 31)) return reject(text, 'bad-cseq');
    const cseqMethod = /^\s*\d+\s+(\S+)/.exec(message.getHeader('cseq') ?? '')?.[1];
    if (cseqMethod !== message.method) return reject(text, 'cseq-method-mismatch');
    // 416 is for a scheme we do not support (RFC 3261 section 8.2.2.1); a sip: / sips: URI that
    // does not parse as one (e.g. an IPv6 reference without brackets, RFC 5118 section 4.3) is
    // malformed: 400.
    const scheme = message.ruri?.scheme?.toLowerCase();
    const rawScheme = /^\S+ ([A-Za-z][A-Za-z0-9+.-]*):/.exec(first)?.[1]?.toLowerCase();
    if (scheme !== 'sip' && scheme !== 'sips') {
      return rawScheme === 'sip' || rawScheme === 'sips' ? reject(text, 'bad-request-uri') : reject(text, 'unsupported-uri-scheme', 416);
    }
    // Max-Forwards = 1*DIGIT (leading zeros allowed, RFC 4475 section 3.1.1.1); above 255 is
    // "overlarge" (RFC 4475 section 3.1.2.4).
    const mf = message.getHeader('max-forwards');
    if (mf !== undefined && !(/^\s*\d{1,9}\s*$/.test(mf) && Number(mf) <= 255)) return reject(text, 'bad-max-forwards');
    for (const via of message.getHeaders('via').join(',').split(',')) {
      const m = VIA_PARM.exec(via.replace(/\r\n[ \t]+/g, ' ').trim());
      if (!m || (m[2] !== undefined && Number(m[2]) > 65535)) return reject(text, 'bad-via');
    }
    // A From without a tag is accepted: RFC 3261 section 8.2.6.2 / 12.1.1 keep RFC 2543 peers
    // working (their dialogs are identified by a null remote tag, RFC 4475 section 3.4.1).
    const body = message.body ?? '';
    const ct = message.getHeader('content-type');
    if (body.length > 0 && !ct) return reject(text, 'body-without-content-type');
  }
  return { ok: true, message };
}

/** `[...:::a.b.c.d]` -> `[...::a.b.c.d]` in the header block (RFC 5118 section 4.10). */
function tolerateThreeColons(text: string): string {
  const headEnd = text.indexOf('\r\n\r\n');
  const head = headEnd < 0 ? text : text.slice(0, headEnd);
  if (!head.includes(':::')) return text;
  const fixed = head.replace(/\[([0-9A-Fa-f:]*?):::(\d{1,3}(?:\.\d{1,3}){3})\]/g, '[$1::$2]');
  return fixed === head ? text : fixed + text.slice(head.length);
}

function parse(text: string): Parsed | undefined {
  try {
    return Core.Parser.parseMessage(text, silentLogger as unknown as Core.Logger) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Header lines sip.js lets through: a line without a colon or with a non-token name, a
 * continuation line right after the start line, control characters outside quoted-pairs
 * (RFC 3261 section 25.1: TEXT-UTF8 and quoted-pair, so NUL is fine only as `\\NUL` inside
 * quotes, RFC 4475 section 3.1.1.2), too many fields, and a single-valued header given twice
 * (RFC 4475 section 3.3.8).
 */
function checkHeaderLines(text: string): string | null {
  const headEnd = text.indexOf('\r\n\r\n');
  const head = headEnd < 0 ? text : text.slice(0, headEnd);
  const firstEnd = head.indexOf('\r\n');
  if (firstEnd < 0) return null;
  const block = head.slice(firstEnd + 2);
  if (/^[ \t]/.test(block)) return 'bad-header-line';
  const lines = unfold(block).split('\r\n');
  if (lines.length > MAX_HEADER_FIELDS) return 'too-many-headers';
  const seen = new Set<string>();
  for (const line of lines) {
    const m = HEADER_LINE.exec(line);
    if (!m) return 'bad-header-line';
    if (hasControl(m[2]!)) return 'control-character';
    const single = SINGLE[m[1]!.toLowerCase()];
    if (single) {
      if (seen.has(single)) return `duplicate-${single}`;
      seen.add(single);
    }
  }
  return null;
}

/** A control character (other than HTAB) outside a quoted-pair. */
function hasControl(value: string): boolean {
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (quoted && c === 0x5c) { i++; continue; } // quoted-pair: any octet but CR / LF (already unfolded)
    if (c === 0x22) quoted = !quoted;
    else if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

const DIALOG_METHODS = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY', 'UPDATE']);

/**
 * A copy of the message that sip.js can parse when To / From carry a URI of an unknown scheme
 * (a stand-in sip URI, parameters and tag kept; the raw values are restored after parsing), and
 * without a Contact of an unknown scheme on requests that do not use it as a remote target.
 * Null when there is nothing to neutralise.
 */
function neutralise(text: string, method: string): { text: string; restore: [string, string][] } | null {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const lines = unfold(text.slice(0, headEnd)).split('\r\n');
  const restore: [string, string][] = [];
  let changed = false;
  const out: string[] = [lines[0]!];
  for (const line of lines.slice(1)) {
    const m = /^(to|t|from|f|contact|m)([ \t]*:[ \t]*)(.*)$/is.exec(line);
    const uri = m ? uriOf(m[3]!) : null;
    if (!m || !uri || /^sips?:/i.test(uri) || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) {
      out.push(line);
      continue;
    }
    changed = true;
    const name = m[1]!.toLowerCase();
    if (name === 'contact' || name === 'm') {
      if (DIALOG_METHODS.has(method)) return null;
      continue; // nobody needs it: leave it out of the parse
    }
    restore.push([name.startsWith('t') ? 'To' : 'From', m[3]!.trim()]);
    out.push(`${m[1]}${m[2]}${m[3]!.replace(uri, 'sip:unknown-scheme@unknown-scheme.invalid')}`);
  }
  return changed ? { text: `${out.join('\r\n')}${text.slice(headEnd)}`, restore } : null;
}

/** The URI of a name-addr (inside <>) or an addr-spec (up to the first ;). */
function uriOf(value: string): string | null {
  const v = value.trim();
  const angle = /<([^>]*)>/.exec(v);
  if (angle) return angle[1]!.trim();
  if (v.includes('<')) return null;
  return v.split(';')[0]!.trim() || null;
}

function reject(text: string, problem: string, status = 400): GuardResult {
  return { ok: false, problem, reply: buildStatelessResponse(text, status, problem) };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 416: 'Unsupported URI Scheme', 481: 'Call/Transaction Does Not Exist', 503: 'Service Unavailable', 505: 'Version Not Supported' };

/**
 * A stateless response from the raw header lines (RFC 3261 section 8.2.6.2), without sip.js: the
 * request may be unparseable as a whole. Returns null when a header needed to route the
 * response back (Via) or to match it (Call-ID, CSeq, From, To) is missing, or for ACK (never
 * answered, section 17.2.3).
 */
export function buildStatelessResponse(text: string, status: number, problem?: string): string | null {
  const headEnd = text.indexOf('\r\n\r\n');
  const lines = unfold(headEnd < 0 ? text : text.slice(0, headEnd)).split('\r\n');
  if (/^ACK\s/i.test(lines[0] ?? '') || (lines[0] ?? '').startsWith('SIP/')) return null;
  const pick = (long: string, short: string) => lines.slice(1).filter((l) => new RegExp(`^(${long}|${short})[ \\t]*:`, 'i').test(l)).map((l) => l.slice(l.indexOf(':') + 1).trim());
  const via = pick('via', 'v');
  const from = pick('from', 'f');
  const to = pick('to', 't');
  const callId = pick('call-id', 'i');
  const cseq = pick('cseq', 'cseq');
  // A single-valued header given twice is answered from its first value (RFC 4475 section 3.3.8).
  if (via.length === 0 || from.length === 0 || to.length === 0 || callId.length === 0 || cseq.length === 0) return null;
  if ([...via, from[0]!, to[0]!, callId[0]!, cseq[0]!].some((v) => v.length === 0 || /[\0\r\n]/.test(v))) return null;
  const toValue = /;\s*tag=/i.test(to[0]!) ? to[0]! : `${to[0]!};tag=tz${Math.random().toString(36).slice(2, 10)}`;
  const out = [
    `SIP/2.0 ${status} ${REASONS[status] ?? 'Bad Request'}`,
    ...via.map((v) => `Via: ${v}`),
    `From: ${from[0]!}`,
    `To: ${toValue}`,
    `Call-ID: ${callId[0]!}`,
    `CSeq: ${cseq[0]!}`,
    ...(problem ? [`Warning: 399 tingzhen "${problem}"`] : []),
    'Content-Length: 0',
    '',
    '',
  ];
  return out.join('\r\n');
}

/** Join folded header lines (RFC 3261 section 7.3.1: a line starting with SP/HT continues the last). */
function unfold(head: string): string {
  return head.replace(/\r\n[ \t]+/g, ' ');
}

/** Average cost of sip.js's message parser on `message`, ms (for benchmarks). */
export function sipParseCostMs(message: string, iterations = 500): number {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) Core.Parser.parseMessage(message, silentLogger as unknown as Core.Logger);
  return (performance.now() - t0) / iterations;
}
