/**
 * A raw SIP peer for conformance tests: builds requests as text, sends them over TCP, TLS or a
 * WebSocket the gateway dialled (RFC 7118), and reads what comes back. Like a UAC it ACKs final
 * answers to its INVITEs and answers the gateway's own requests (BYE) with 200, so accepted calls
 * end cleanly.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { WebSocket } from 'ws';

export interface SipMsg { text: string; start: string; status: number | null; callId: string; cseq: string; method: string }

export function header(text: string, long: string, short = long): string | undefined {
  const head = text.slice(0, text.indexOf('\r\n\r\n') >>> 0);
  return new RegExp(`\\r\\n(?:${long}|${short})[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i').exec(head)?.[1]?.trim();
}

function parse(text: string): SipMsg {
  const start = text.slice(0, text.indexOf('\r\n') >>> 0);
  const sm = /^SIP\/2\.0 (\d{3}) /.exec(start);
  const cseq = header(text, 'cseq') ?? '';
  return { text, start, status: sm ? Number(sm[1]) : null, callId: header(text, 'call-id', 'i') ?? '', cseq, method: cseq.split(/\s+/)[1] ?? '' };
}

/** Content-Length framing of a received byte stream (CRLF keep-alives skipped). */
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
      out.push(parse(this.buf.slice(0, end + 4 + cl)));
      this.buf = this.buf.slice(end + 4 + cl);
    }
  }
}

let seq = 0;
export interface ReqOpts {
  ruri?: string;
  /** Via sent-by (default 127.0.0.1:5999). */
  sentBy?: string;
  viaTransport?: string;
  branch?: string;
  callId?: string;
  cseq?: number;
  from?: string;
  to?: string;
  extra?: string[];
  body?: string;
  contentType?: string;
}

export const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n';

/** A request with the mandatory headers; INVITEs carry Contact and an SDP offer unless told otherwise. */
export function request(method: string, o: ReqOpts = {}): string {
  const n = ++seq;
  const body = o.body ?? (method === 'INVITE' ? SDP : '');
  return [
    `${method} ${o.ruri ?? 'sip:120@127.0.0.1'} SIP/2.0`,
    `Via: SIP/2.0/${o.viaTransport ?? 'TCP'} ${o.sentBy ?? '127.0.0.1:5999'};branch=${o.branch ?? `z9hG4bKconf${n}x${process.pid}`}`,
    'Max-Forwards: 70',
    `From: ${o.from ?? `"Conformance" <sip:caller@127.0.0.1>;tag=cf${n}`}`,
    `To: ${o.to ?? '<sip:120@127.0.0.1>'}`,
    `Call-ID: ${o.callId ?? `conf${n}-${process.pid}@test`}`,
    `CSeq: ${o.cseq ?? 1} ${method}`,
    ...(method === 'INVITE' ? ['Contact: <sip:caller@127.0.0.1:5999;transport=tcp>'] : []),
    ...(body ? [`Content-Type: ${o.contentType ?? 'application/sdp'}`] : []),
    ...(o.extra ?? []),
    `Content-Length: ${Buffer.byteLength(body, 'latin1')}`,
    '',
    body,
  ].join('\r\n');
}

/** What the peer sends back to a message from the gateway: an ACK for a final answer to an INVITE, 200 to a request. */
function peerReply(m: SipMsg): string | null {
  const lines = m.text.slice(0, m.text.indexOf('\r\n\r\n')).split('\r\n');
  const pick = (re: RegExp) => lines.filter((l) => re.test(l));
  if (m.status === null) {
    if (/^ACK /.test(m.start)) return null;
    return ['SIP/2.0 200 OK', ...pick(/^(via|v|from|f|to|t|call-id|i|cseq)\s*:/i), 'Content-Length: 0', '', ''].join('\r\n');
  }
  if (m.status < 200 || m.method !== 'INVITE') return null;
  const via = (pick(/^(via|v)\s*:/i)[0] ?? '').replace(/^[^:]*:\s*/, '');
  const n = /^\s*(\d+)/.exec(m.cseq)?.[1] ?? '1';
  const contact = /<([^>]+)>/.exec(header(m.text, 'contact', 'm') ?? '')?.[1] ?? 'sip:120@127.0.0.1';
  // 2xx: a new transaction to the remote target; otherwise the INVITE's own branch (RFC 3261 17.1.1.3).
  const ackVia = m.status < 300 ? via.replace(/branch=[^;,\s]+/i, `branch=z9hG4bKack${++seq}`) : via;
  return [`ACK ${m.status < 300 ? contact : 'sip:120@127.0.0.1'} SIP/2.0`, `Via: ${ackVia}`, 'Max-Forwards: 70',
    ...pick(/^(from|f|to|t|call-id|i)\s*:/i), `CSeq: ${n} ACK`, 'Content-Length: 0', '', ''].join('\r\n');
}

/** One connection to the gateway (or the one it dialled): send text, read messages. */
export class SipConn {
  readonly inbox: SipMsg[] = [];
  closedAt: number | null = null;
  private constructor(private readonly sendRaw: (b: Buffer) => void, readonly close: () => void) {}

  send(text: string | Buffer): void {
    this.sendRaw(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
  }

  private take(m: SipMsg): void {
    this.inbox.push(m);
    const reply = peerReply(m);
    if (reply) this.send(reply);
  }

  /** The final response to the request with this Call-ID and CSeq method, from inbox index `from` on (null when none came within timeoutMs). */
  async final(callId: string, method: string, timeoutMs = 3000, from = 0): Promise<SipMsg | null> {
    const t0 = Date.now();
    for (;;) {
      const m = this.inbox.slice(from).find((x) => x.callId === callId && x.method === method && x.status !== null && x.status >= 200);
      if (m) return m;
      if (Date.now() - t0 > timeoutMs || this.closedAt !== null) return null;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Send a request and wait for its final answer (one that arrives after the send). */
  async ask(text: string, timeoutMs = 3000): Promise<SipMsg | null> {
    const m = parse(text);
    const from = this.inbox.length;
    this.send(text);
    return this.final(m.callId, /^(\S+)/.exec(m.start)![1]!, timeoutMs, from);
  }

  /** Resolves when the gateway closed the connection (or after timeoutMs, still open). */
  async waitClosed(timeoutMs: number): Promise<boolean> {
    const t0 = Date.now();
    while (this.closedAt === null && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 10));
    return this.closedAt !== null;
  }

  static stream(port: number, tlsCa?: Buffer): Promise<SipConn> {
    return new Promise((resolve, reject) => {
      const s: net.Socket = tlsCa ? tls.connect({ host: '127.0.0.1', port, ca: tlsCa }) : net.connect(port, '127.0.0.1');
      const reader = new StreamReader();
      const c = new SipConn((b) => { if (!s.destroyed) s.write(b); }, () => s.destroy());
      s.on('data', (d: Buffer) => { for (const m of reader.push(d.toString('latin1'))) c.take(m); });
      s.on('error', () => {});
      s.on('close', () => { c.closedAt = Date.now(); });
      s.once(tlsCa ? 'secureConnect' : 'connect', () => resolve(c));
      s.once('error', reject);
    });
  }

  /** The WebSocket the gateway dialled to us (one SIP message per WebSocket message). */
  static ws(ws: WebSocket): SipConn {
    const c = new SipConn((b) => { if (ws.readyState === ws.OPEN) ws.send(b.toString('latin1')); }, () => ws.close());
    ws.on('message', (data: Buffer) => { for (const m of new StreamReader().push(data.toString('latin1'))) c.take(m); });
    ws.on('close', () => { c.closedAt = Date.now(); });
    return c;
  }
}
