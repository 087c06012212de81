/**
 * The fuzzing peer's side of the wire: Content-Length framing of what the gateway sends back, and
 * what a well-behaved UAC answers to it (RFC 3261 section 17.1.1.3 and 13.2.2.4): an ACK for each
 * final answer to one of our INVITEs and, for a 2xx, a BYE right after so an accepted call ends at
 * once (calls would otherwise run the bot's script for a minute each); a 200 to a request of the
 * gateway's own (BYE, REGISTER over WebSocket). The same shapes as the raw peers of the
 * voice-gateway tests (test/sip-conformance-peer.ts), which load-tests cannot import; these also
 * carry a Record-Route set back as Route, since the UDP lane goes through Kamailio.
 */
import type { FuzzTransport } from './corpus.js';

export interface SipMsg { text: string; start: string; status: number | null; callId: string; cseq: string; method: string }

function headerBlock(text: string): string {
  const end = text.indexOf('\r\n\r\n');
  return end < 0 ? text : text.slice(0, end);
}

export function header(text: string, long: string, short = long): string | undefined {
  return new RegExp(`\\r\\n(?:${long}|${short})[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i').exec(headerBlock(text))?.[1]?.trim();
}

function allHeaders(text: string, re: RegExp): string[] {
  return headerBlock(text).split('\r\n').slice(1).filter((l) => re.test(l));
}

export function parseMsg(text: string): SipMsg {
  const start = text.slice(0, text.indexOf('\r\n') >>> 0);
  const sm = /^SIP\/2\.0 (\d{3})/.exec(start);
  const cseq = header(text, 'cseq') ?? '';
  return { text, start, status: sm ? Number(sm[1]) : null, callId: header(text, 'call-id', 'i') ?? '', cseq, method: cseq.split(/\s+/)[1] ?? '' };
}

/** Content-Length framing of a byte stream (CRLF keep-alives skipped). Latin1 in, latin1 out. */
export class StreamReader {
  private buf = '';
  push(chunk: string): SipMsg[] {
    this.buf += chunk;
    const out: SipMsg[] = [];
    for (;;) {
      this.buf = this.buf.replace(/^(\r\n)+/, '');
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return out;
      const cl = Number(/\r\n(?:content-length|l)[ \t]*:[ \t]*(\d+)/i.exec(this.buf.slice(0, end + 2))?.[1] ?? 0);
      if (this.buf.length < end + 4 + cl) return out;
      out.push(parseMsg(this.buf.slice(0, end + 4 + cl)));
      this.buf = this.buf.slice(end + 4 + cl);
    }
  }
}

const VIA: Record<FuzzTransport, string> = { tcp: 'SIP/2.0/TCP 127.0.0.1:5999', udp: 'SIP/2.0/UDP 127.0.0.1:5999;rport', ws: 'SIP/2.0/WS fuzz.invalid' };
let serial = 0;
/** Calls we already sent a BYE for: a retransmitted 2xx (RFC 3261 section 13.3.1.4) gets only its ACK again. */
const byeSent = new Set<string>();
/** Bound of that set: older Call-IDs are forgotten (a 2xx is retransmitted for 32 s at most). */
const BYE_MEMORY = 10_000;

/**
 * What the peer sends back for a message from the gateway (none, one or two messages). A 200 to a
 * gateway request may be passed through `mutateReply` (the fuzzer's mutated responses).
 */
export function peerReplies(m: SipMsg, transport: FuzzTransport, mutateReply?: (text: string) => string): string[] {
  const lines = headerBlock(m.text).split('\r\n');
  const pick = (re: RegExp) => lines.filter((l) => re.test(l));
  if (m.status === null) {
    if (/^ACK /.test(m.start)) return [];
    const to = pick(/^(to|t)\s*:/i).map((l) => (/;tag=/i.test(l) ? l : `${l};tag=fzpeer${++serial}`));
    const extra = /^REGISTER /.test(m.start) ? [...pick(/^(contact|m)\s*:/i), 'Expires: 600'] : [];
    const reply = ['SIP/2.0 200 OK', ...pick(/^(via|v)\s*:/i), ...pick(/^(from|f)\s*:/i), ...to, ...pick(/^(call-id|i|cseq)\s*:/i), ...extra, 'Content-Length: 0', '', ''].join('\r\n');
    return [mutateReply ? mutateReply(reply) : reply];
  }
  if (m.status < 200 || m.method !== 'INVITE') return [];
  const n = Number(/^\s*(\d+)/.exec(m.cseq)?.[1] ?? '1');
  const dialog = pick(/^(from|f|to|t|call-id|i)\s*:/i);
  if (m.status >= 300) {
    // Non-2xx: the ACK belongs to the INVITE's transaction (its branch, its Request-URI).
    const via = (pick(/^(via|v)\s*:/i)[0] ?? `Via: ${VIA[transport]};branch=z9hG4bKfzack`).replace(/^[^:]*:\s*/, '').split(',')[0]!;
    return [[`ACK sip:120@127.0.0.1 SIP/2.0`, `Via: ${via}`, 'Max-Forwards: 70', ...dialog, `CSeq: ${n} ACK`, 'Content-Length: 0', '', ''].join('\r\n')];
  }
  // 2xx: ACK and BYE are new requests to the remote target, through the route set (reversed Record-Route, RFC 3261 section 12.1.2).
  const target = /<([^>]+)>/.exec(header(m.text, 'contact', 'm') ?? '')?.[1] ?? 'sip:120@127.0.0.1';
  const rr = allHeaders(m.text, /^record-route\s*:/i).flatMap((l) => l.replace(/^[^:]*:\s*/, '').split(/,(?=\s*<)/).map((x) => x.trim())).reverse();
  const route = rr.length ? [`Route: ${rr.join(', ')}`] : [];
  const req = (method: string, cseq: number) => [`${method} ${target} SIP/2.0`, `Via: ${VIA[transport]};branch=z9hG4bKfz${method.toLowerCase()}${++serial}`, 'Max-Forwards: 70',
    ...route, ...dialog, `CSeq: ${cseq} ${method}`, 'Content-Length: 0', '', ''].join('\r\n');
  if (byeSent.has(m.callId)) return [req('ACK', n)];
  byeSent.add(m.callId);
  if (byeSent.size > BYE_MEMORY) byeSent.delete(byeSent.values().next().value!);
  return [req('ACK', n), req('BYE', n + 1)];
}

/** An OPTIONS ping (the liveness probe): its own Call-ID, answered 200 by a healthy gateway. */
export function optionsPing(transport: FuzzTransport, callId: string): string {
  return [`OPTIONS sip:120@127.0.0.1 SIP/2.0`, `Via: ${VIA[transport]};branch=z9hG4bKfzping${++serial}`, 'Max-Forwards: 70', '<sip:probe@fuzz.invalid>;tag=probe'.replace(/^/, 'From: '),
    'To: <sip:120@127.0.0.1>', `Call-ID: ${callId}`, 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n');
}
