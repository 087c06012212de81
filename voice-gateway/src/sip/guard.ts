/**
 * Pre-parser guard in front of sip.js, which silently drops what it cannot parse. Every framed
 * message goes through here first: malformed requests get a stateless 400 (RFC 3261 section
 * 8.2 / 16.3 classes from RFC 4475 section 3.1.2 and 3.3) when enough headers survive to build a
 * response (Via, From, To, Call-ID, CSeq), and are dropped otherwise; malformed responses are
 * dropped (RFC 3261 section 18.1.2). Nothing here throws.
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

export function guardMessage(text: string): GuardResult {
  const firstEnd = text.indexOf('\r\n');
  const first = firstEnd < 0 ? text : text.slice(0, firstEnd);
  const isRequest = !first.startsWith('SIP/');
  if (isRequest && !REQUEST_LINE.test(first)) return reject(text, 'bad-request-line');
  if (!isRequest && !STATUS_LINE.test(first)) return { ok: false, problem: 'bad-status-line', reply: null };
  let message: Parsed | undefined;
  try {
    message = Core.Parser.parseMessage(text, silentLogger as unknown as Core.Logger);
  } catch {
    message = undefined;
  }
  if (!message) return isRequest ? reject(text, 'unparseable') : { ok: false, problem: 'unparseable', reply: null };
  for (const h of MANDATORY) {
    if (!message.hasHeader(h)) return isRequest ? reject(text, `missing-${h}`) : { ok: false, problem: `missing-${h}`, reply: null };
  }
  if (message instanceof Core.IncomingRequestMessage) {
    // RFC 3261 section 8.1.1.5: CSeq number below 2^31, method equal to the request method.
    if (!(message.cseq >= 0 && message.cseq < 2 ** 31)) return reject(text, 'bad-cseq');
    const cseqMethod = /^\s*\d+\s+(\S+)/.exec(message.getHeader('cseq') ?? '')?.[1];
    if (cseqMethod !== message.method) return reject(text, 'cseq-method-mismatch');
    const scheme = message.ruri?.scheme?.toLowerCase();
    if (scheme !== 'sip' && scheme !== 'sips') return reject(text, 'unsupported-uri-scheme', 416);
    const mf = message.getHeader('max-forwards');
    if (mf !== undefined && !/^\s*\d{1,3}\s*$/.test(mf)) return reject(text, 'bad-max-forwards');
    if (!message.fromTag && message.method !== 'CANCEL' && message.method !== 'ACK') {
      // RFC 3261 section 8.1.1.3: From MUST carry a tag (RFC 2543 peers aside).
      return reject(text, 'from-without-tag');
    }
    const body = message.body ?? '';
    const ct = message.getHeader('content-type');
    if (body.length > 0 && !ct) return reject(text, 'body-without-content-type');
  }
  return { ok: true, message };
}

function reject(text: string, problem: string, status = 400): GuardResult {
  return { ok: false, problem, reply: buildStatelessResponse(text, status, problem) };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 416: 'Unsupported URI Scheme', 481: 'Call/Transaction Does Not Exist', 503: 'Service Unavailable' };

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
  if (via.length === 0 || from.length !== 1 || to.length !== 1 || callId.length !== 1 || cseq.length !== 1) return null;
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
