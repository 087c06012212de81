/** SIP messages for tests: a valid INVITE builder and malformed variants after RFC 4475's classes. */
export interface InviteOpts {
  port: number;
  callId?: string;
  rtpPort?: number;
  user?: string;
  sdp?: string;
  branch?: string;
}

export function sdpOffer(rtpPort: number, payloads = '0 101', extra = 'a=rtpmap:101 telephone-event/8000\r\n'): string {
  return `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${rtpPort} RTP/AVP ${payloads}\r\n${extra}`;
}

export function invite(o: InviteOpts): string {
  const body = o.sdp ?? sdpOffer(o.rtpPort ?? 9);
  const callId = o.callId ?? `${Math.random().toString(36).slice(2)}@fuzz`;
  return [
    `INVITE sip:${o.user ?? '120'}@127.0.0.1:${o.port};transport=tcp SIP/2.0`,
    `Via: SIP/2.0/TCP 127.0.0.1:5999;branch=${o.branch ?? `z9hG4bK${Math.random().toString(36).slice(2)}`}`,
    'Max-Forwards: 70',
    'From: "Caller" <sip:caller@127.0.0.1>;tag=abc123',
    `To: <sip:${o.user ?? '120'}@127.0.0.1>`,
    `Call-ID: ${callId}`,
    'CSeq: 1 INVITE',
    'Contact: <sip:caller@127.0.0.1:5999;transport=tcp>',
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(body, 'latin1')}`,
    '',
    body,
  ].join('\r\n');
}

/** Replace or remove one header line of a message (first match, case-insensitive). */
export function withHeader(msg: string, name: string, value: string | null): string {
  const lines = msg.split('\r\n');
  const i = lines.findIndex((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (i < 0) return msg;
  if (value === null) lines.splice(i, 1);
  else lines[i] = `${name}: ${value}`;
  return lines.join('\r\n');
}
