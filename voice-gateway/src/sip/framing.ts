/**
 * SIP over a byte stream (TCP/TLS), RFC 3261 section 18.3: a message ends after its headers
 * plus Content-Length octets of body; Content-Length is mandatory on streams. Octets map 1:1 to
 * string characters (latin1), so binary or non-UTF-8 bodies survive unchanged; keep-alive CRLFs
 * between messages (RFC 5626 section 3.5.1) are skipped and a double CRLF ping is reported so the
 * transport can answer with a single CRLF pong.
 */
export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;

export type FrameEvent =
  | { kind: 'message'; text: string }
  | { kind: 'ping' }
  /** The stream cannot be resynchronised: answer 400 (when headerText is a request) and close. */
  | { kind: 'error'; problem: FramingProblem; headerText?: string };

export type FramingProblem =
  | 'headers-too-long' | 'content-length-missing' | 'content-length-invalid' | 'body-too-long'
  /** Message transports only (frameMessage): no blank line after the headers, or a body shorter than Content-Length. */
  | 'headers-unterminated' | 'body-truncated'
  /** Stream transports: a message begun and not completed within the partial-message timer. */
  | 'partial-message-timeout';

const CRLF2 = Buffer.from('\r\n\r\n');

export class SipStreamFramer {
  private buf: Buffer = Buffer.alloc(0);
  private failed = false;

  push(chunk: Buffer): FrameEvent[] {
    if (this.failed) return [];
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: FrameEvent[] = [];
    for (;;) {
      // Skip keep-alive CRLFs before a message.
      let skip = 0;
      while (skip + 1 < this.buf.length && this.buf[skip] === 0x0d && this.buf[skip + 1] === 0x0a) skip += 2;
      if (skip >= 4) out.push({ kind: 'ping' });
      if (skip > 0) this.buf = this.buf.subarray(skip);
      if (this.buf.length === 0) break;
      const end = this.buf.indexOf(CRLF2);
      if (end < 0) {
        if (this.buf.length > MAX_HEADER_BYTES) return this.fail(out, 'headers-too-long', this.pendingHeaderText());
        break;
      }
      if (end > MAX_HEADER_BYTES) return this.fail(out, 'headers-too-long', this.pendingHeaderText());
      const headerText = this.buf.toString('latin1', 0, end);
      const cl = contentLength(headerText);
      if (cl === 'missing') return this.fail(out, 'content-length-missing', headerText);
      if (cl === 'invalid') return this.fail(out, 'content-length-invalid', headerText);
      if (cl > MAX_BODY_BYTES) return this.fail(out, 'body-too-long', headerText);
      const total = end + 4 + cl;
      if (this.buf.length < total) break;
      out.push({ kind: 'message', text: this.buf.toString('latin1', 0, total) });
      this.buf = this.buf.subarray(total);
    }
    return out;
  }

  /** Stop framing (the connection is being closed): later octets are ignored. */
  stop(): void {
    this.failed = true;
    this.buf = Buffer.alloc(0);
  }

  /** Octets of a message begun but not complete yet (0 between messages). */
  get pendingOctets(): number {
    return this.failed ? 0 : this.buf.length;
  }

  /**
   * The complete header lines of the message begun (latin1, at most MAX_HEADER_BYTES), to answer
   * it when it never completes; undefined when nothing is pending.
   */
  pendingHeaderText(): string | undefined {
    if (this.pendingOctets === 0) return undefined;
    const head = this.buf.toString('latin1', 0, Math.min(this.buf.length, MAX_HEADER_BYTES));
    const end = head.indexOf('\r\n\r\n');
    if (end >= 0) return head.slice(0, end);
    const lastLine = head.lastIndexOf('\r\n');
    return lastLine > 0 ? head.slice(0, lastLine) : undefined;
  }

  private fail(out: FrameEvent[], problem: Extract<FrameEvent, { kind: 'error' }>['problem'], headerText?: string): FrameEvent[] {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    out.push({ kind: 'error', problem, ...(headerText !== undefined ? { headerText } : {}) });
    return out;
  }
}

/**
 * One SIP message carried whole by a message-oriented transport (a WebSocket message, RFC 7118
 * section 5; the same rules as a UDP datagram, RFC 3261 section 18.3): Content-Length is optional
 * (the message boundary is the frame); octets past Content-Length are discarded, fewer than it is
 * an error (answer 400, the connection stays usable). Whitespace-only frames (keep-alive CRLFs)
 * give null. Octets map 1:1 to characters (latin1).
 */
export function frameMessage(data: Buffer): Exclude<FrameEvent, { kind: 'ping' }> | null {
  let start = 0;
  while (start < data.length && (data[start] === 0x0d || data[start] === 0x0a || data[start] === 0x20 || data[start] === 0x09)) start++;
  if (start === data.length) return null;
  // Leading CRLFs are skipped (RFC 3261 section 7.5); other leading whitespace is kept for the guard.
  while (start > 0 && data[start - 1] !== 0x0a) start--;
  const buf = start > 0 ? data.subarray(start) : data;
  const end = buf.indexOf(CRLF2);
  if (end < 0) {
    const headerText = buf.toString('latin1', 0, Math.min(buf.length, MAX_HEADER_BYTES)).replace(/(\r\n)+$/, '');
    return { kind: 'error', problem: buf.length > MAX_HEADER_BYTES ? 'headers-too-long' : 'headers-unterminated', headerText: buf.length > MAX_HEADER_BYTES ? completeLines(headerText) : headerText };
  }
  if (end > MAX_HEADER_BYTES) return { kind: 'error', problem: 'headers-too-long', headerText: completeLines(buf.toString('latin1', 0, MAX_HEADER_BYTES)) };
  const headerText = buf.toString('latin1', 0, end);
  const bodyOctets = buf.length - end - 4;
  const cl = contentLength(headerText);
  if (cl === 'invalid') return { kind: 'error', problem: 'content-length-invalid', headerText };
  const len = cl === 'missing' ? bodyOctets : cl;
  if (len > MAX_BODY_BYTES) return { kind: 'error', problem: 'body-too-long', headerText };
  if (len > bodyOctets) return { kind: 'error', problem: 'body-truncated', headerText };
  return { kind: 'message', text: buf.toString('latin1', 0, end + 4 + len) };
}

/** The complete lines of a cut header block (the last, cut line dropped): enough to answer 400 when Via..CSeq came first. */
function completeLines(head: string): string {
  const last = head.lastIndexOf('\r\n');
  return last > 0 ? head.slice(0, last) : '';
}

/** Content-Length (or compact `l`) from a header block; folded lines (obsolete LWS) are joined. */
export function contentLength(headerText: string): number | 'missing' | 'invalid' {
  let found: number | 'missing' | 'invalid' = 'missing';
  for (const line of headerText.split('\r\n').slice(1)) {
    const m = /^(content-length|l)[ \t]*:[ \t]*(.*)$/i.exec(line);
    if (!m) continue;
    const v = m[2]!.trim();
    if (!/^\d{1,9}$/.test(v)) return 'invalid';
    const n = Number(v);
    if (found !== 'missing' && found !== n) return 'invalid'; // two different values: ambiguous framing
    found = n;
  }
  return found;
}

/** Serialise a message from sip.js for the wire, fixing Content-Length to the octet count. */
export function toWire(message: string): Buffer {
  const end = message.indexOf('\r\n\r\n');
  if (end < 0) return Buffer.from(message, 'latin1');
  const head = message.slice(0, end);
  const body = message.slice(end + 4);
  // sip.js counts UTF-8 bytes; with latin1 strings the octet count is the string length.
  const fixed = /\r\n(content-length|l)[ \t]*:/i.test(head)
    ? head.replace(/\r\n(content-length|l)[ \t]*:[^\r\n]*/i, `\r\nContent-Length: ${body.length}`)
    : `${head}\r\nContent-Length: ${body.length}`;
  return Buffer.from(`${fixed}\r\n\r\n${body}`, 'latin1');
}
