/**
 * Valid SIP messages the fuzzer starts from (RFC 3261 section 7 grammar, CRLF line ends): INVITE
 * with an SDP offer, OPTIONS, BYE, CANCEL, REGISTER, INFO, MESSAGE, ACK, and responses 100, 180,
 * 200 and 4xx. Every identifier (Call-ID, branch, tags) comes from the run's seed and the case's
 * index, never from the clock or the ports of a run, so a case rebuilt from (seed, index) is the
 * same bytes. Messages are latin1 strings: one char is one byte, so mutations can put any byte in.
 */
import type { Rng } from './rng.js';

export type FuzzTransport = 'tcp' | 'udp' | 'ws';
export const TRANSPORTS: readonly FuzzTransport[] = ['tcp', 'udp', 'ws'];

/** A message before serialisation: start line, header lines ("Name: value"), body. */
export interface Draft {
  start: string;
  headers: string[];
  body: string;
  /** Content-Length as sent: 'auto' (the body's length), { value } as written, or null (no header). */
  contentLength: 'auto' | { value: string } | null;
  /** Line end used between lines (a mutation may use LF alone, RFC 3261 section 7.5 says CRLF). */
  eol: string;
}

export const REQUEST_KINDS = ['INVITE', 'OPTIONS', 'BYE', 'CANCEL', 'REGISTER', 'INFO', 'MESSAGE', 'ACK'] as const;
export const RESPONSE_KINDS = ['100', '180', '200', '4xx'] as const;
export type SeedKind = (typeof REQUEST_KINDS)[number] | (typeof RESPONSE_KINDS)[number];

/** Per transport, how often each kind is the seed. Through the edge (UDP) only INVITEs and in-dialog requests reach the gateway, the rest Kamailio answers itself. */
const WEIGHTS: Record<FuzzTransport, readonly (readonly [number, SeedKind])[]> = {
  tcp: [[30, 'INVITE'], [12, 'OPTIONS'], [8, 'BYE'], [8, 'CANCEL'], [8, 'REGISTER'], [6, 'INFO'], [6, 'MESSAGE'], [4, 'ACK'], [4, '100'], [4, '180'], [6, '200'], [4, '4xx']],
  ws: [[30, 'INVITE'], [12, 'OPTIONS'], [8, 'BYE'], [8, 'CANCEL'], [8, 'REGISTER'], [6, 'INFO'], [6, 'MESSAGE'], [4, 'ACK'], [4, '100'], [4, '180'], [6, '200'], [4, '4xx']],
  udp: [[60, 'INVITE'], [5, 'OPTIONS'], [8, 'BYE'], [6, 'CANCEL'], [3, 'REGISTER'], [4, 'INFO'], [3, 'MESSAGE'], [5, 'ACK'], [1, '100'], [1, '180'], [2, '200'], [2, '4xx']],
};

export const SDP_OFFER = ['v=0', 'o=fuzz 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', 'a=sendrecv', ''].join('\r\n');

/** Where the peer says it is, per transport: TCP a loopback port, UDP with rport (the edge answers to the source), WS an .invalid host (RFC 7118 section 5.2). */
const SENT_BY: Record<FuzzTransport, string> = { tcp: '127.0.0.1:5999', udp: '127.0.0.1:5999;rport', ws: 'fuzz.invalid' };
const VIA_PROTO: Record<FuzzTransport, string> = { tcp: 'TCP', udp: 'UDP', ws: 'WS' };
const CONTACT: Record<FuzzTransport, string> = {
  tcp: '<sip:caller@127.0.0.1:5999;transport=tcp>', udp: '<sip:caller@127.0.0.1:5999>', ws: '<sip:caller@fuzz.invalid;transport=ws>',
};

export interface SeedContext { transport: FuzzTransport; seed: number; index: number | string }

export function pickKind(rng: Rng, transport: FuzzTransport): SeedKind {
  return rng.weighted(WEIGHTS[transport]);
}

/** The valid message of `kind` for this case. */
export function seedDraft(kind: SeedKind, ctx: SeedContext): Draft {
  const id = `${ctx.seed >>> 0}x${ctx.index}`;
  const via = `Via: SIP/2.0/${VIA_PROTO[ctx.transport]} ${SENT_BY[ctx.transport]};branch=z9hG4bKfz${id}`;
  const from = `From: "Fuzz" <sip:caller@fuzz.invalid>;tag=f${id}`;
  const callId = `Call-ID: fz${id}@fuzz.invalid`;
  if ((RESPONSE_KINDS as readonly string[]).includes(kind)) {
    const status = ({ 100: '100 Trying', 180: '180 Ringing', 200: '200 OK', '4xx': '486 Busy Here' } as Record<string, string>)[kind]!;
    const headers = [via, from, `To: <sip:120@127.0.0.1>${kind === '100' ? '' : `;tag=t${id}`}`, callId, 'CSeq: 1 INVITE'];
    if (kind === '200') headers.push(`Contact: ${CONTACT[ctx.transport]}`, 'Content-Type: application/sdp');
    return { start: `SIP/2.0 ${status}`, headers, body: kind === '200' ? SDP_OFFER : '', contentLength: 'auto', eol: '\r\n' };
  }
  const method = kind;
  const inDialog = method === 'BYE' || method === 'INFO' || method === 'ACK';
  const headers = [via, 'Max-Forwards: 70', from, `To: <sip:120@127.0.0.1>${inDialog ? `;tag=t${id}` : ''}`, callId,
    `CSeq: ${method === 'BYE' || method === 'INFO' ? 2 : 1} ${method}`];
  let body = '';
  switch (method) {
    case 'INVITE':
      headers.push(`Contact: ${CONTACT[ctx.transport]}`, 'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO', 'Supported: timer', 'Content-Type: application/sdp');
      body = SDP_OFFER;
      break;
    case 'OPTIONS': headers.push('Accept: application/sdp'); break;
    case 'REGISTER':
      headers[0] = via; headers.push(`Contact: ${CONTACT[ctx.transport]};expires=600`, 'Expires: 600');
      break;
    case 'INFO': headers.push('Content-Type: application/dtmf-relay'); body = 'Signal=5\r\nDuration=160\r\n'; break;
    case 'MESSAGE': headers.push('Content-Type: text/plain;charset=utf-8'); body = 'fuzz message body'; break;
    default: break;
  }
  const start = `${method} ${method === 'REGISTER' ? 'sip:127.0.0.1' : 'sip:120@127.0.0.1'} SIP/2.0`;
  return { start, headers, body, contentLength: 'auto', eol: '\r\n' };
}

export function serialize(d: Draft): string {
  const cl = d.contentLength === 'auto' ? [`Content-Length: ${d.body.length}`] : d.contentLength === null ? [] : [`Content-Length: ${d.contentLength.value}`];
  return [d.start, ...d.headers, ...cl, '', d.body].join(d.eol);
}
