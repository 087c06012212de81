/**
 * A raw SIP peer over UDP for tests through the Kamailio edge: one socket bound to a chosen
 * loopback address (127.0.0.1, 127.0.0.2...), requests sent as text, answers matched to the request
 * by the top Via branch (so a request without Call-ID or CSeq is matched too). Like a UAC it ACKs
 * the final answers to its INVITEs (2xx: a new transaction along the Record-Route; others: the
 * INVITE's branch) and answers requests that reach it (the gateway's BYE, relayed) with 200.
 */
import dgram from 'node:dgram';
import { header, StreamReader, type SipMsg } from './sip-conformance-peer.js';

/** The header block with folded lines joined (RFC 3261 7.3.1: a line starting with SP/HTAB continues the one before). */
export function unfoldHead(text: string): string {
  const end = text.indexOf('\r\n\r\n');
  return (end < 0 ? text : text.slice(0, end + 2)).replace(/\r\n[ \t]+/g, ' ');
}

/** The branch parameter of the first Via. */
export function branchOf(text: string): string | undefined {
  return /;\s*branch\s*=\s*([^;,\s]+)/i.exec(header(`${unfoldHead(text)}\r\n`, 'via', 'v') ?? '')?.[1];
}

export class UdpPeer {
  readonly inbox: SipMsg[] = [];
  private seq = 0;
  private constructor(private readonly sock: dgram.Socket, readonly host: string, private readonly edgePort: number) {
    sock.on('message', (buf) => {
      for (const m of new StreamReader().push(buf.toString('latin1'))) this.take(m);
    });
  }

  static open(host: string, edgePort: number): Promise<UdpPeer> {
    return new Promise((resolve, reject) => {
      const sock = dgram.createSocket('udp4');
      sock.once('error', reject);
      sock.bind(0, host, () => resolve(new UdpPeer(sock, host, edgePort)));
    });
  }

  get port(): number {
    return this.sock.address().port;
  }

  /** Our Via sent-by, with rport (RFC 3581) so answers come back to this socket. */
  get sentBy(): string {
    return `${this.host}:${this.port};rport`;
  }

  /** A Request-URI / To URI on the edge. */
  get edgeUri(): string {
    return `sip:120@127.0.0.1:${this.edgePort}`;
  }

  send(text: string): void {
    this.sock.send(Buffer.from(text, 'latin1'), this.edgePort, '127.0.0.1');
  }

  close(): void {
    this.sock.close();
  }

  private take(m: SipMsg): void {
    this.inbox.push(m);
    if (m.status === null && !m.start.startsWith('ACK ')) {
      const lines = unfoldHead(m.text).split('\r\n').filter((l) => /^(via|v|from|f|to|t|call-id|i|cseq)\s*:/i.test(l));
      this.send(['SIP/2.0 200 OK', ...lines, 'Content-Length: 0', '', ''].join('\r\n'));
    }
  }

  /** The final answer to the request with this top Via branch, from inbox index `from` on (null when none came in time). */
  async final(branch: string, timeoutMs: number, from = 0): Promise<SipMsg | null> {
    const t0 = Date.now();
    for (;;) {
      const m = this.inbox.slice(from).find((x) => x.status !== null && x.status >= 200 && branchOf(x.text) === branch);
      if (m) return m;
      if (Date.now() - t0 > timeoutMs) return null;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Send a request and wait for its final answer; a final answer to an INVITE is ACKed. */
  async ask(text: string, timeoutMs = 5000): Promise<SipMsg | null> {
    const branch = branchOf(text);
    if (!branch) throw new Error('request without a Via branch');
    const from = this.inbox.length;
    this.send(text);
    const r = await this.final(branch, timeoutMs, from);
    if (r && /^INVITE /.test(text)) this.ack(r);
    return r;
  }

  private ack(r: SipMsg): void {
    const lines = unfoldHead(r.text).split('\r\n');
    const pick = (re: RegExp) => lines.filter((l) => re.test(l));
    const ok = r.status! < 300;
    const contact = /<([^>]+)>/.exec(header(r.text, 'contact', 'm') ?? '')?.[1];
    const via = ok ? `Via: SIP/2.0/UDP ${this.sentBy};branch=z9hG4bKudpack${++this.seq}x${process.pid}` : pick(/^(via|v)\s*:/i)[0]!;
    // the Record-Route of a 2xx, in reverse order, is the UAC's route set (RFC 3261 12.1.2)
    const route = ok ? pick(/^record-route\s*:/i).reverse().map((l) => l.replace(/^record-route/i, 'Route')) : [];
    this.send([`ACK ${ok && contact ? contact : this.edgeUri} SIP/2.0`, via, ...route, 'Max-Forwards: 70',
      ...pick(/^(from|f|to|t|call-id|i)\s*:/i), `CSeq: ${/^\s*(\d+)/.exec(r.cseq)?.[1] ?? '1'} ACK`, 'Content-Length: 0', '', ''].join('\r\n'));
  }
}
