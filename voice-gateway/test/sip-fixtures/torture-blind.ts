/**
 * Blind torture set for the SIP endpoint: malformed and odd messages after RFC 4475 (SIP Torture
 * Test Messages), RFC 5118 (IPv6 torture forms) and the RFC 3261 grammar, written from the RFCs
 * before reading the guard / framing / SDP code. Each case says what a correct UAS answers:
 *
 * - `expect` is one or more alternatives separated by `|`:
 *   - a status code (`400`, `416`, `481`, ...): the final answer has that status;
 *   - `any-4xx`: some 4xx final answer;
 *   - `accept`: handled, not refused as malformed (any final answer except 400, 413, 414, 416,
 *     483, 500, 503, 505, 513);
 *   - `drop`: nothing comes back (responses, ACKs, messages that cannot be answered);
 *   - `any`: no crash is all we ask (answer or silence).
 * - `transports`: where the case runs (default both TCP and WebSocket); `wsExpect` when a
 *   WebSocket (message transport, RFC 7118) answers differently from a TCP stream.
 * - `split`: TCP only, write the octets in pieces of this many bytes (1 = every byte apart).
 * - `expectAll`: several messages in one write; the final answer to each, in order of their
 *   Call-IDs.
 *
 * Strings are latin1 (one char = one octet); UTF-8 text goes through `u8()`.
 */

export interface TortureCase {
  name: string;
  bytes: string;
  expect: string;
  note: string;
  transports?: ('tcp' | 'ws')[];
  wsExpect?: string;
  wsBinary?: boolean;
  split?: number;
  expectAll?: string[];
}

const CRLF = '\r\n';
/** UTF-8 text as latin1 octets. */
const u8 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
let seq = 0;

interface Parts {
  ruri?: string;
  start?: string;
  via?: string | null;
  mf?: string | null;
  from?: string | null;
  to?: string | null;
  callId?: string | null;
  cseq?: string | null;
  contact?: string | null;
  ct?: string | null;
  extra?: string[];
  body?: string;
  /** Content-Length value; null: omit; default: the body's octet count. */
  cl?: string | null;
  /** Header lines instead of the standard set (start line still built). */
  raw?: string[];
}

/** A request with the usual mandatory headers, each overridable or removable. */
function request(method: string, p: Parts = {}): string {
  const n = ++seq;
  const body = p.body ?? '';
  const start = p.start ?? `${method} ${p.ruri ?? 'sip:120@127.0.0.1:5060;transport=tcp'} SIP/2.0`;
  const cseqMethod = method === 'CANCEL' || method === 'ACK' ? method : method;
  const std: (string | null)[] = p.raw ?? [
    p.via === null ? null : `Via: ${p.via ?? `SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKtb${n}`}`,
    p.mf === null ? null : `Max-Forwards: ${p.mf ?? '70'}`,
    p.from === null ? null : `From: ${p.from ?? `"Caller" <sip:caller@127.0.0.1>;tag=f${n}`}`,
    p.to === null ? null : `To: ${p.to ?? '<sip:120@127.0.0.1>'}`,
    p.callId === null ? null : `Call-ID: ${p.callId ?? `tb${n}@torture`}`,
    p.cseq === null ? null : `CSeq: ${p.cseq ?? `1 ${cseqMethod}`}`,
    p.contact === null || (p.contact === undefined && method !== 'INVITE') ? null : `Contact: ${p.contact ?? '<sip:caller@127.0.0.1:5999;transport=tcp>'}`,
    p.ct === null || (p.ct === undefined && !body) ? null : `Content-Type: ${p.ct ?? 'application/sdp'}`,
    ...(p.extra ?? []),
    p.cl === null ? null : `Content-Length: ${p.cl ?? Buffer.byteLength(body, 'latin1')}`,
  ];
  return [start, ...std.filter((l): l is string => l !== null), '', body].join(CRLF);
}

/** An SDP offer; `media` replaces the m= section, `session` the c= line. */
function sdp(o: { media?: string; conn?: string | null; version?: string; extra?: string } = {}): string {
  const lines = [
    `v=${o.version ?? '0'}`,
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    o.conn === null ? null : o.conn ?? 'c=IN IP4 127.0.0.1',
    't=0 0',
    o.media ?? 'm=audio 9 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15',
  ].filter((l): l is string => l !== null);
  return `${lines.join(CRLF)}${CRLF}${o.extra ?? ''}`;
}

const invite = (p: Parts = {}): string => request('INVITE', { body: sdp(), ...p });
const options = (p: Parts = {}): string => request('OPTIONS', p);

function response(status: string, p: { via?: string; cseq?: string; extra?: string[] } = {}): string {
  const n = ++seq;
  return [
    `SIP/2.0 ${status}`,
    `Via: ${p.via ?? `SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKresp${n}`}`,
    'From: <sip:120@127.0.0.1>;tag=r1',
    `To: <sip:caller@127.0.0.1>;tag=r${n}`,
    `Call-ID: resp${n}@torture`,
    `CSeq: ${p.cseq ?? '1 INVITE'}`,
    ...(p.extra ?? []),
    'Content-Length: 0',
    '', '',
  ].join(CRLF);
}

const cases: TortureCase[] = [];
const add = (c: TortureCase): void => { cases.push(c); };

// ---------------------------------------------------------------- start lines
add({ name: 'lwsstart: two SP between request-line elements', bytes: invite({ start: 'INVITE  sip:120@127.0.0.1:5060  SIP/2.0' }), expect: '400', note: 'RFC 4475 3.1.2.9: exactly one SP separates the elements' });
add({ name: 'trws: SP after SIP-Version', bytes: options({ start: 'OPTIONS sip:120@127.0.0.1 SIP/2.0  ' }), expect: '400', note: 'RFC 4475 3.1.2.10' });
add({ name: 'HTAB as separator in request-line', bytes: options({ start: 'OPTIONS\tsip:120@127.0.0.1\tSIP/2.0' }), expect: '400', note: 'RFC 3261 7.1: SP, not HTAB' });
add({ name: 'missing Request-URI', bytes: invite({ start: 'INVITE SIP/2.0' }), expect: '400', note: 'RFC 3261 7.1 Request-Line' });
add({ name: 'method only', bytes: options({ start: 'OPTIONS' }), expect: '400|drop', note: 'no Request-URI and no version: not even clearly a request' });
add({ name: 'ltgtruri: Request-URI in <>', bytes: invite({ start: 'INVITE <sip:120@127.0.0.1> SIP/2.0' }), expect: '400', note: 'RFC 4475 3.1.2.7' });
add({ name: 'lwsruri: LWS inside the Request-URI', bytes: invite({ start: 'INVITE sip:120@127.0.0.1; lr SIP/2.0' }), expect: '400', note: 'RFC 4475 3.1.2.8' });
add({ name: 'badvers: SIP/7.0', bytes: options({ start: 'OPTIONS sip:120@127.0.0.1 SIP/7.0' }), expect: '505|400', note: 'RFC 4475 3.1.2.16 asks 505; a 400 is the older answer' });
add({ name: 'bad version SIP/2.00x', bytes: options({ start: 'OPTIONS sip:120@127.0.0.1 SIP/2.0x' }), expect: '400|505', note: 'not a SIP-Version' });
add({ name: 'version without slash', bytes: options({ start: 'OPTIONS sip:120@127.0.0.1 SIP2.0' }), expect: '400', note: 'RFC 3261 7.1 SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT' });
add({ name: 'lower-case sip/2.0 version', bytes: options({ start: 'OPTIONS sip:120@127.0.0.1 sip/2.0' }), expect: 'accept|400', note: 'RFC 3261 7.1 says the version string is case-insensitive (sent upper-case); lenient accept preferred' });
add({ name: 'lower-case method invite with CSeq INVITE', bytes: invite({ start: 'invite sip:120@127.0.0.1 SIP/2.0' }), expect: '400', note: 'methods are case-sensitive (RFC 3261 7.1): "invite" is another method, and CSeq disagrees (RFC 4475 3.1.2.17)' });
add({ name: 'lower-case method consistent with CSeq', bytes: request('invite', { cseq: '1 invite' }), expect: '405|501', note: 'a well-formed unknown extension method: 501 (or 405)' });
add({ name: 'unkscm: unknown Request-URI scheme', bytes: options({ ruri: 'nobodyknowsthisscheme:totallyopaquecontent' }), expect: '416', note: 'RFC 4475 3.3.2' });
add({ name: 'novelsc: soap.beep Request-URI', bytes: options({ ruri: 'soap.beep://192.0.2.103:3002' }), expect: '416', note: 'RFC 4475 3.3.3' });
add({ name: 'mailto Request-URI on INVITE', bytes: invite({ ruri: 'mailto:a@b.c' }), expect: '416', note: 'RFC 3261 8.2.2.1' });
add({ name: 'http Request-URI', bytes: options({ ruri: 'http://example.com/x' }), expect: '416', note: 'RFC 3261 8.2.2.1' });
add({ name: 'start line of NUL bytes', bytes: `\0\0\0\0${CRLF}Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKnul${CRLF}Content-Length: 0${CRLF}${CRLF}`, expect: 'drop|400', note: 'not a request line' });
add({ name: 'NUL inside the Request-URI', bytes: options({ start: 'OPTIONS sip:12\x000@127.0.0.1 SIP/2.0' }), expect: '400', note: 'NUL is not allowed unescaped in a URI' });
add({ name: 'empty method (leading SP)', bytes: options({ start: ' sip:120@127.0.0.1 SIP/2.0' }), expect: '400|drop', note: 'no method token' });

// ---------------------------------------------------------------- mandatory headers
add({ name: 'missing Via', bytes: invite({ via: null }), expect: 'drop', note: 'RFC 3261 18.2.2: no Via, no route for a response' });
add({ name: 'missing From', bytes: invite({ from: null }), expect: '400|drop', note: 'RFC 4475 3.3.1 (insuf): ideally 400' });
add({ name: 'missing To', bytes: invite({ to: null }), expect: '400|drop', note: 'RFC 4475 3.3.1: ideally 400' });
add({ name: 'insuf: no Call-ID, From, To', bytes: invite({ callId: null, from: null, to: null }), expect: '400|drop', note: 'RFC 4475 3.3.1' });
add({ name: 'missing CSeq', bytes: invite({ cseq: null }), expect: '400|drop', note: 'a response cannot be matched to a transaction without CSeq' });
add({ name: 'missing Max-Forwards', bytes: options({ mf: null }), expect: '400|accept', note: 'RFC 3261 8.1.1 requires it from a UAC; a lenient UAS may still answer' });
add({ name: 'two Call-ID headers', bytes: invite({ extra: ['Call-ID: second@torture'] }), expect: '400', note: 'RFC 4475 3.3.8 multi01: single-valued headers' });
add({ name: 'two CSeq headers', bytes: invite({ extra: ['CSeq: 2 INVITE'] }), expect: '400', note: 'RFC 4475 3.3.8' });
add({ name: 'two From headers', bytes: invite({ extra: ['From: <sip:other@127.0.0.1>;tag=zz'] }), expect: '400', note: 'RFC 4475 3.3.8' });
add({ name: 'two To headers', bytes: invite({ extra: ['To: <sip:other@127.0.0.1>'] }), expect: '400', note: 'RFC 4475 3.3.8' });
add({ name: 'two Max-Forwards headers', bytes: invite({ extra: ['Max-Forwards: 10'] }), expect: '400', note: 'RFC 3261: Max-Forwards is single-valued' });
add({ name: 'From with two addresses', bytes: invite({ from: '<sip:a@127.0.0.1>;tag=1, <sip:b@127.0.0.1>;tag=2' }), expect: '400', note: 'RFC 4475 3.3.8' });
add({ name: 'Call-ID empty', bytes: invite({ callId: '' }), expect: '400|drop', note: 'Call-ID = word [ "@" word ], never empty' });
add({ name: 'Call-ID with a space', bytes: invite({ callId: 'abc def@torture' }), expect: '400', note: 'a word has no SP' });
add({ name: 'To with a tag (unknown dialog)', bytes: invite({ to: '<sip:120@127.0.0.1>;tag=nosuchdialog' }), expect: '481', note: 'RFC 3261 12.2.2' });

// ---------------------------------------------------------------- CSeq
add({ name: 'mismatch01: CSeq method differs', bytes: invite({ cseq: '1 OPTIONS' }), expect: '400', note: 'RFC 4475 3.1.2.17' });
add({ name: 'mismatch02: unknown method, CSeq INVITE', bytes: request('NEWMETHOD', { cseq: '1 INVITE' }), expect: '400', note: 'RFC 4475 3.1.2.18' });
add({ name: 'negative CSeq', bytes: invite({ cseq: '-1 INVITE' }), expect: '400', note: 'CSeq = 1*DIGIT LWS Method' });
add({ name: 'CSeq 2^31', bytes: invite({ cseq: '2147483648 INVITE' }), expect: '400', note: 'RFC 3261 8.1.1.5: less than 2**31' });
add({ name: 'CSeq 2^31-1 (largest legal)', bytes: options({ cseq: '2147483647 OPTIONS' }), expect: 'accept', note: 'RFC 3261 8.1.1.5' });
add({ name: 'scalar02: CSeq 2^65', bytes: invite({ cseq: '36893488147419103232 INVITE' }), expect: '400', note: 'RFC 4475 3.1.2.4' });
add({ name: 'CSeq without number', bytes: invite({ cseq: 'INVITE' }), expect: '400', note: 'RFC 3261 20.16' });
add({ name: 'CSeq without method', bytes: invite({ cseq: '1' }), expect: '400', note: 'RFC 3261 20.16' });
add({ name: 'CSeq fractional', bytes: invite({ cseq: '1.5 INVITE' }), expect: '400', note: '1*DIGIT' });
add({ name: 'CSeq with leading zeros and folded method', bytes: options({ cseq: `0009${CRLF}  OPTIONS` }), expect: 'accept', note: 'RFC 4475 3.1.1.1 wsinv: leading zeros and a folded LWS are valid' });

// ---------------------------------------------------------------- Max-Forwards
add({ name: 'Max-Forwards 300', bytes: invite({ mf: '300' }), expect: '400', note: 'RFC 4475 3.1.2.4 scalar02 treats it as overlarge' });
add({ name: 'Max-Forwards negative', bytes: invite({ mf: '-1' }), expect: '400', note: '1*DIGIT' });
add({ name: 'zeromf: Max-Forwards 0 at a UAS', bytes: options({ mf: '0' }), expect: 'accept|483', note: 'RFC 4475 3.3.11: endpoints process it; a proxy would send 483' });
add({ name: 'Max-Forwards 0068 (leading zeros)', bytes: options({ mf: '0068' }), expect: 'accept', note: 'RFC 4475 3.1.1.1' });

// ---------------------------------------------------------------- Content-Length / framing
{
  // a fresh INVITE (own Call-ID and branch) for every case
  const good = { replace: (a: string, b: string): string => invite().replace(a, b), slice: (a: number, b: number): string => invite().slice(a, b) };
  const bodyLen = Buffer.byteLength(sdp(), 'latin1');
  add({ name: 'clerr: Content-Length larger than the body', bytes: good.replace(`Content-Length: ${bodyLen}`, `Content-Length: ${bodyLen + 500}`), expect: 'drop|400', wsExpect: '400', note: 'RFC 4475 3.1.2.2: on a stream the rest has not come yet; a WebSocket message is whole, so 400' });
  add({ name: 'Content-Length smaller than the body', bytes: good.replace(`Content-Length: ${bodyLen}`, `Content-Length: ${bodyLen - 30}`), expect: 'any', wsExpect: 'any', note: 'stream: the tail starts the next message (garbage); message transport: tail cut (RFC 3261 18.3)' });
  add({ name: 'ncl: negative Content-Length', bytes: good.replace(`Content-Length: ${bodyLen}`, 'Content-Length: -999'), expect: '400', note: 'RFC 4475 3.1.2.3' });
  add({ name: 'non-numeric Content-Length', bytes: good.replace(`Content-Length: ${bodyLen}`, 'Content-Length: lots'), expect: '400', note: 'RFC 3261 20.14' });
  add({ name: 'Content-Length with a plus sign', bytes: good.replace(`Content-Length: ${bodyLen}`, `Content-Length: +${bodyLen}`), expect: '400', note: '1*DIGIT' });
  add({ name: 'mcl01: two different Content-Length', bytes: good.replace(`Content-Length: ${bodyLen}`, `Content-Length: ${bodyLen}${CRLF}l: ${bodyLen + 10}`), expect: '400', note: 'RFC 4475 3.3.9' });
  add({ name: 'two equal Content-Length', bytes: good.replace(`Content-Length: ${bodyLen}`, `Content-Length: ${bodyLen}${CRLF}Content-Length: ${bodyLen}`), expect: '400|accept', note: 'single-valued header repeated; equal values are harmless' });
  add({ name: 'Content-Length overflowing 2^53', bytes: good.replace(`Content-Length: ${bodyLen}`, 'Content-Length: 18446744073709551617'), expect: '400|drop', note: 'must not allocate or wait forever' });
  add({ name: 'Content-Length 10 MB, no body sent', bytes: good.replace(`Content-Length: ${bodyLen}`, 'Content-Length: 10000000').replace(/\r\n\r\n[\s\S]*$/, '\r\n\r\n'), expect: '400|413|drop', note: 'a limit on bodies answers at once rather than waiting for 10 MB' });
  add({ name: 'Content-Length with trailing spaces', bytes: good.replace(`Content-Length: ${bodyLen}`, `Content-Length:   ${bodyLen}   `), expect: 'accept', note: 'LWS around the value is fine' });
  add({ name: 'missing Content-Length', bytes: good.replace(`Content-Length: ${bodyLen}\r\n`, ''), expect: '400|drop', wsExpect: 'accept', note: 'RFC 3261 18.3: mandatory on streams; optional on a message transport (RFC 7118)' });
  add({ name: 'compact l: Content-Length', bytes: good.replace(`Content-Length: ${bodyLen}`, `l: ${bodyLen}`), expect: 'accept', note: 'RFC 3261 7.3.3 compact form' });
  add({ name: 'half a message (headers cut)', bytes: good.slice(0, 180), expect: 'drop', wsExpect: '400|drop', note: 'stream: waits for the rest; WebSocket: an incomplete message' });
}

// ---------------------------------------------------------------- NUL / control / non-UTF-8
add({ name: 'NUL in a header value', bytes: options({ extra: ['Subject: a\0b'] }), expect: '400', note: 'RFC 3261 25.1: TEXT-UTF8 has no NUL' });
add({ name: 'NUL in Call-ID', bytes: invite({ callId: 'abc\0def@torture' }), expect: '400|drop', note: 'word characters only; a 400 would have to echo the NUL (RFC 3261 8.2.6.2), so dropping is as right' });
add({ name: 'control byte 0x01 in From', bytes: invite({ from: '<sip:ca\x01ller@127.0.0.1>;tag=1' }), expect: '400', note: 'not a URI character' });
add({ name: 'DEL in a header name', bytes: options({ extra: ['X-Bad\x7fName: 1'] }), expect: '400', note: 'token characters only' });
add({ name: 'non-UTF-8 octets in quoted display name', bytes: invite({ from: '"\xff\xfe\xc3\x28" <sip:caller@127.0.0.1>;tag=1' }), expect: '400|accept', note: 'quoted-string allows UTF8-NONASCII only; lenient accept is fine' });
add({ name: 'valid UTF-8 display name', bytes: invite({ from: u8('"张医生" <sip:caller@127.0.0.1>;tag=1') }), expect: 'accept', note: 'UTF8-NONASCII in quoted-string' });
add({ name: 'bare LF line endings everywhere', bytes: options().replace(/\r\n/g, '\n'), expect: 'any', note: 'RFC 3261 7: CRLF; a robust parser may accept LF' });
add({ name: 'binary junk of 2 KB', bytes: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) & 0xff)).toString('latin1') + '\r\n\r\n', expect: 'drop|400', note: 'not SIP' });

// ---------------------------------------------------------------- header syntax
add({ name: 'header line without colon', bytes: options({ extra: ['ThisHeaderHasNoColon'] }), expect: '400', note: 'RFC 3261 7.3' });
add({ name: 'header with empty name', bytes: options({ extra: [': value'] }), expect: '400', note: 'field-name is a token' });
add({ name: 'folded line right after start line', bytes: options().replace(/^(OPTIONS [^\r]+\r\n)/, '$1  folded\r\n'), expect: '400', note: 'continuation without a header to continue' });
add({ name: 'space before colon (valid HCOLON)', bytes: options().replace('Max-Forwards:', 'Max-Forwards  :'), expect: 'accept', note: 'HCOLON = *( SP / HTAB ) ":" SWS' });
add({ name: 'badinv01: extraneous separators in Via', bytes: invite({ via: 'SIP/2.0/TCP 127.0.0.1;;,;,,' }), expect: '400|drop', note: 'RFC 4475 3.1.2.1' });
add({ name: 'quotbal: unterminated quoted display name', bytes: invite({ from: '"Mr. J. User <sip:j.user@example.com>;tag=1' }), expect: '400', note: 'RFC 4475 3.1.2.6' });
add({ name: 'unterminated quoted parameter value', bytes: invite({ contact: '<sip:caller@127.0.0.1>;x="open' }), expect: '400', note: 'quoted-string' });
add({ name: 'unmatched < in From', bytes: invite({ from: '<sip:caller@127.0.0.1;tag=1' }), expect: '400', note: 'name-addr' });
add({ name: 'unmatched > in To', bytes: invite({ to: 'sip:120@127.0.0.1>' }), expect: '400', note: 'addr-spec has no >' });
add({ name: 'unmatched < in Contact', bytes: invite({ contact: '<sip:caller@127.0.0.1:5999' }), expect: '400', note: 'name-addr' });
add({ name: 'badaspec: spaces inside <>', bytes: invite({ to: '"Watson, Thomas" < sip:t.watson@example.org >' }), expect: '400', note: 'RFC 4475 3.1.2.14' });
add({ name: 'baddn: non-token display name', bytes: invite({ from: 'Bell, Alexander <sip:a.g.bell@example.com>;tag=43' }), expect: '400', note: 'RFC 4475 3.1.2.15' });
add({ name: 'regbadct: Contact with ? not in <>', bytes: request('REGISTER', { ruri: 'sip:127.0.0.1', contact: 'sip:user@example.com?Route=%3Csip:sip.example.com%3E', to: '<sip:user@127.0.0.1>' }), expect: '400', note: 'RFC 4475 3.1.2.13' });
add({ name: 'escruri: escaped headers in Request-URI', bytes: invite({ ruri: 'sip:120@127.0.0.1?Route=%3Csip:example.com%3E' }), expect: 'any-4xx|accept', note: 'RFC 4475 3.1.2.11: a UAS should 400; treating the headers as ignorable is tolerated here' });
add({ name: 'baddate: Date with EST zone', bytes: options({ extra: ['Date: Fri, 01 Jan 2010 16:00:00 EST'] }), expect: '400|accept', note: 'RFC 4475 3.1.2.12' });
add({ name: 'Expires overlarge', bytes: invite({ extra: ['Expires: 10000000000000'] }), expect: '400|accept', note: 'RFC 4475 3.1.2.4 (scalar02)' });
add({ name: 'header value of 64 KB', bytes: options({ extra: [`Subject: ${'A'.repeat(65_536)}`] }), expect: '400|413|513|drop', note: 'a header block limit; answer or drop, never buffer without bound' });
add({ name: '5000 headers', bytes: options({ extra: Array.from({ length: 5000 }, (_, i) => `X-H${i}: v`) }), expect: '400|413|513|drop', note: 'bounded header count / block size' });
add({ name: '300 Via headers', bytes: options({ extra: Array.from({ length: 300 }, (_, i) => `Via: SIP/2.0/TCP 10.0.${i >> 8}.${i & 255};branch=z9hG4bKv${i}`) }), expect: 'accept|400|413|513', note: 'legal but very long' });
add({ name: 'Content-Type missing with a body', bytes: invite({ ct: null }), expect: '400', note: 'RFC 3261 20.15: a body needs Content-Type' });

// ---------------------------------------------------------------- Via
add({ name: 'Via without branch', bytes: options({ via: 'SIP/2.0/TCP 127.0.0.1:5999' }), expect: 'accept|400', note: 'RFC 3261 17.2.3 allows RFC 2543 peers without branch' });
add({ name: 'badbranch: branch is only the magic cookie', bytes: options({ via: 'SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK' }), expect: 'accept', note: 'RFC 4475 3.2.? processed as an RFC 3261 request' });
add({ name: 'Via port out of range', bytes: invite({ via: 'SIP/2.0/TCP 127.0.0.1:99999;branch=z9hG4bKport' }), expect: '400', note: 'port = 1*DIGIT within 0..65535' });
add({ name: 'Via port not numeric', bytes: invite({ via: 'SIP/2.0/TCP 127.0.0.1:abc;branch=z9hG4bKport2' }), expect: '400', note: 'port = 1*DIGIT' });
add({ name: 'Via IPv6 without brackets', bytes: invite({ via: 'SIP/2.0/TCP 2001:db8::9:1;branch=z9hG4bKv6' }), expect: '400', note: 'RFC 5118 4.3 (ipv6-bad via): reference must be bracketed' });
add({ name: 'Via IPv6 bracketed', bytes: options({ via: 'SIP/2.0/TCP [2001:db8::9:1]:5999;branch=z9hG4bKv6ok' }), expect: 'accept', note: 'RFC 5118 4.1' });
add({ name: 'Via received= IPv6 without brackets', bytes: options({ via: 'SIP/2.0/TCP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKrecv' }), expect: 'accept', note: 'RFC 5118 4.5: both forms to be accepted' });
add({ name: 'Via without transport', bytes: invite({ via: 'SIP/2.0 127.0.0.1:5999;branch=z9hG4bKnotr' }), expect: '400|drop', note: 'sent-protocol = name / version / transport' });
add({ name: 'Via SIP/3.0', bytes: invite({ via: 'SIP/3.0/TCP 127.0.0.1:5999;branch=z9hG4bKv3' }), expect: '400|drop', note: 'unsupported protocol version' });
add({ name: 'Via empty value', bytes: invite({ via: '' }), expect: 'drop|400', note: 'no route' });
add({ name: 'Via garbage', bytes: invite({ via: '%%%garbage%%%' }), expect: 'drop|400', note: 'no route' });
add({ name: 'transports: varied Via transports', bytes: options({ extra: ['Via: SIP/2.0/SCTP 192.0.2.1;branch=z9hG4bKsctp', 'Via: SIP/2.0/TLS 192.0.2.2;branch=z9hG4bKtls', 'Via: SIP/2.0/UNKNOWN 192.0.2.3;branch=z9hG4bKunk', 'Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKudp'] }), expect: 'accept', note: 'RFC 4475 3.1.1.10' });

// ---------------------------------------------------------------- methods and dialogs
add({ name: 'unknown method', bytes: request('FOOBAR', {}), expect: '405|501', note: 'RFC 3261 8.2.1: 405 for known-not-allowed, 501 for unknown' });
add({ name: 'PUBLISH (not supported here)', bytes: request('PUBLISH', { extra: ['Event: presence'] }), expect: '405|501|489', note: 'RFC 3903' });
add({ name: 'BYE for an unknown dialog', bytes: request('BYE', { to: '<sip:120@127.0.0.1>;tag=gone' }), expect: '481', note: 'RFC 3261 15.1.2' });
add({ name: 'BYE without To tag', bytes: request('BYE', {}), expect: '481|any-4xx', note: 'outside any dialog' });
add({ name: 'CANCEL without a transaction', bytes: request('CANCEL', {}), expect: '481', note: 'RFC 3261 9.2' });
add({ name: 'CANCEL with CSeq INVITE', bytes: request('CANCEL', { cseq: '1 INVITE' }), expect: '400', note: 'CSeq method must be CANCEL' });
add({ name: 'ACK without a transaction', bytes: request('ACK', { to: '<sip:120@127.0.0.1>;tag=ack1' }), expect: 'drop', note: 'RFC 3261 17: ACK is never answered' });
add({ name: 'malformed ACK (CSeq mismatch)', bytes: request('ACK', { cseq: '1 INVITE' }), expect: 'drop', note: 'never answer an ACK' });
add({ name: 'malformed ACK (no Call-ID, bad Via)', bytes: request('ACK', { callId: null, via: 'junk' }), expect: 'drop', note: 'never answer an ACK' });
add({ name: 'ACK with garbage SDP', bytes: request('ACK', { to: '<sip:120@127.0.0.1>;tag=ack2', body: 'not sdp at all' }), expect: 'drop', note: 'never answer an ACK' });
add({ name: 'INFO in an unknown dialog', bytes: request('INFO', { to: '<sip:120@127.0.0.1>;tag=nope', ct: 'application/dtmf-relay', body: 'Signal=5\r\nDuration=160\r\n' }), expect: '481', note: 'RFC 3261 12.2.2' });
add({ name: 're-INVITE in an unknown dialog', bytes: invite({ to: '<sip:120@127.0.0.1>;tag=nodlg', cseq: '2 INVITE' }), expect: '481', note: 'RFC 3261 12.2.2' });
add({ name: 'UPDATE in an unknown dialog', bytes: request('UPDATE', { to: '<sip:120@127.0.0.1>;tag=nodlg2' }), expect: '481|405', note: 'RFC 3311' });
add({ name: 'NOTIFY in an unknown dialog', bytes: request('NOTIFY', { to: '<sip:120@127.0.0.1>;tag=nodlg3', extra: ['Event: refer', 'Subscription-State: active'] }), expect: '481', note: 'RFC 6665' });
add({ name: 'PRACK without a dialog', bytes: request('PRACK', { to: '<sip:120@127.0.0.1>;tag=nodlg4', extra: ['RAck: 1 1 INVITE'] }), expect: '481', note: 'RFC 3262' });
add({ name: 'bext01: unknown Require', bytes: invite({ extra: ['Require: nothingSupportedHere'] }), expect: '420', note: 'RFC 4475 3.3.5' });
add({ name: 'OPTIONS (baseline)', bytes: options(), expect: 'accept', note: 'sanity' });

// ---------------------------------------------------------------- unsolicited responses
add({ name: 'unsolicited 200 OK', bytes: response('200 OK'), expect: 'drop', note: 'never answer a response' });
add({ name: 'unsolicited 180', bytes: response('180 Ringing'), expect: 'drop', note: 'never answer a response' });
add({ name: 'bigcode: status 4294967301', bytes: response('4294967301 better not break the receiver'), expect: 'drop', note: 'RFC 4475 3.1.2.19' });
add({ name: 'status line without code', bytes: response('OK'), expect: 'drop', note: 'never answer a response' });
add({ name: 'unreason: unusual reason phrase', bytes: response(u8('200 = 2**3 * 5**2 но сто девяносто девять - простое')), expect: 'drop', note: 'RFC 4475 3.1.1.12; unsolicited, so dropped' });
add({ name: 'noreason: empty reason phrase', bytes: response('100 '), expect: 'drop', note: 'RFC 4475 3.1.1.13' });
add({ name: 'scalarlg: response with overlarge scalars', bytes: response('503 Service Unavailable', { extra: ['Retry-After: 949302838503028349304023988'] }), expect: 'drop', note: 'RFC 4475 3.1.2.5' });
add({ name: 'bcast: 200 with broadcast Via', bytes: response('200 OK', { via: 'SIP/2.0/TCP 255.255.255.255;branch=z9hG4bKbcast' }), expect: 'drop', note: 'RFC 4475 3.3.10' });
add({ name: 'response with CSeq ACK', bytes: response('200 OK', { cseq: '1 ACK' }), expect: 'drop', note: 'nonsense and unsolicited' });

// ---------------------------------------------------------------- bodies and SDP
const sdpInvite = (body: string, p: Parts = {}): string => invite({ body, ...p });
add({ name: 'SDP: no m= line', bytes: sdpInvite(sdp({ media: 'a=sendrecv' })), expect: '488|400', note: 'nothing to talk on' });
add({ name: 'SDP: not SDP at all', bytes: sdpInvite('this is not sdp\r\n'), expect: '400', note: 'RFC 4566' });
add({ name: 'SDP: v=1', bytes: sdpInvite(sdp({ version: '1' })), expect: '400', note: 'RFC 4566 5.1: v=0' });
add({ name: 'SDP: c= with bad address', bytes: sdpInvite(sdp({ conn: 'c=IN IP4 999.1.1.1' })), expect: '400|488', note: 'unusable address' });
add({ name: 'SDP: c= without address', bytes: sdpInvite(sdp({ conn: 'c=IN IP4' })), expect: '400|488', note: 'RFC 4566 5.7' });
add({ name: 'SDP: c= nonsense', bytes: sdpInvite(sdp({ conn: 'c=XX YY ZZ' })), expect: '400|488', note: 'RFC 4566 5.7' });
add({ name: 'SDP: no c= anywhere', bytes: sdpInvite(sdp({ conn: null })), expect: '400|488', note: 'RFC 4566 5.7: session or every media needs c=' });
add({ name: 'SDP: c= only at media level', bytes: sdpInvite(sdp({ conn: null, media: 'm=audio 9 RTP/AVP 0\r\nc=IN IP4 127.0.0.1' })), expect: 'accept', note: 'valid' });
add({ name: 'SDP: port 70000', bytes: sdpInvite(sdp({ media: 'm=audio 70000 RTP/AVP 0' })), expect: '400|488', note: 'port out of range' });
add({ name: 'SDP: port not numeric', bytes: sdpInvite(sdp({ media: 'm=audio nine RTP/AVP 0' })), expect: '400|488', note: 'RFC 4566 5.14' });
add({ name: 'SDP: audio port 0 (declined) only', bytes: sdpInvite(sdp({ media: 'm=audio 0 RTP/AVP 0' })), expect: '488', note: 'RFC 3264 5.1: stream declined' });
add({ name: 'SDP: only G729', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 18\r\na=rtpmap:18 G729/8000' })), expect: '488', note: 'no common codec' });
add({ name: 'SDP: only telephone-event', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000' })), expect: '488', note: 'no voice codec' });
add({ name: 'SDP: dynamic PT without rtpmap', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 96' })), expect: '488|400', note: 'unknown payload' });
add({ name: 'SDP: PCMU on dynamic PT 96', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 96\r\na=rtpmap:96 PCMU/8000' })), expect: 'accept|488', note: 'legal (RFC 3551 allows it); accepting is better' });
add({ name: 'SDP: PCMA only', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 8' })), expect: 'accept', note: 'static PT 8 without rtpmap is valid' });
add({ name: 'SDP: RTP/SAVP only', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz' })), expect: '488', note: 'RFC 3264 6: no SRTP here' });
add({ name: 'SDP: UDP/TLS/RTP/SAVPF only', bytes: sdpInvite(sdp({ media: 'm=audio 9 UDP/TLS/RTP/SAVPF 0' })), expect: '488', note: 'WebRTC profile, no DTLS here' });
add({ name: 'SDP: video only', bytes: sdpInvite(sdp({ media: 'm=video 9 RTP/AVP 31' })), expect: '488', note: 'no audio' });
add({ name: 'SDP: G729 stream then PCMU stream', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 18\r\nm=audio 11 RTP/AVP 0' })), expect: 'accept|488', note: 'a second audio stream is usable' });
add({ name: 'SDP: video then audio', bytes: sdpInvite(sdp({ media: 'm=video 3227 RTP/AVP 31\r\nm=audio 9 RTP/AVP 0' })), expect: 'accept', note: 'wsinv-like: audio is usable, video declined' });
add({ name: 'SDP: m= without formats', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP' })), expect: '400|488', note: 'RFC 4566 5.14: fmt list required' });
add({ name: 'SDP: truncated mid-line', bytes: sdpInvite('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=aud'), expect: '400|488', note: 'cut short' });
add({ name: 'SDP: LF-only lines', bytes: sdpInvite(sdp().replace(/\r\n/g, '\n')), expect: 'accept', note: 'RFC 4566 5: parsers should accept LF' });
add({ name: 'SDP: duplicate identical rtpmap', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:0 PCMU/8000' })), expect: 'accept', note: 'harmless duplicate' });
add({ name: 'SDP: conflicting direction attributes', bytes: sdpInvite(sdp({ media: 'm=audio 9 RTP/AVP 0\r\na=sendonly\r\na=recvonly' })), expect: 'any', note: 'ambiguous; must not crash' });
add({ name: 'SDP: 20 KB of unknown attributes', bytes: sdpInvite(sdp({ media: `m=audio 9 RTP/AVP 0\r\n${Array.from({ length: 800 }, (_, i) => `a=x-tz-${i}:value`).join('\r\n')}` })), expect: 'accept|400|413', note: 'legal but large' });
add({ name: 'SDP: 300 KB body', bytes: sdpInvite(sdp({ media: `m=audio 9 RTP/AVP 0\r\n${'a=x-big:'.concat('B'.repeat(300_000))}` })), expect: '400|413|513|drop', note: 'body size limit' });
add({ name: 'SDP: 500 m= lines', bytes: sdpInvite(sdp({ media: Array.from({ length: 500 }, (_, i) => `m=audio ${10000 + i * 2} RTP/AVP 18`).join('\r\n') })), expect: '488|400|413', note: 'many streams, none usable' });
add({ name: 'SDP: NUL byte inside', bytes: sdpInvite(sdp().replace('s=-', 's=\0')), expect: '400|488|accept', note: 'session name is text; NUL is not' });
add({ name: 'SDP: IPv6 c=', bytes: sdpInvite(sdp({ conn: 'c=IN IP6 2001:db8::20' })), expect: '488|accept', note: 'RFC 5118 4.x: IPv6 media, not reachable from an IPv4-only gateway' });
add({ name: 'body with text/plain Content-Type', bytes: invite({ ct: 'text/plain' }), expect: '415', note: 'RFC 3261 21.4.13 (invut, RFC 4475 3.3.6)' });
add({ name: 'invut: application/unknownformat', bytes: invite({ ct: 'application/unknownformat', body: '<audio>\r\n <pcmu port="443"/>\r\n</audio>\r\n' }), expect: '415', note: 'RFC 4475 3.3.6' });
add({ name: 'application/sdp with JSON body', bytes: invite({ body: '{"sdp": true}\r\n' }), expect: '400', note: 'not SDP' });
add({ name: 'Content-Type Application/SDP (case)', bytes: invite({ ct: 'Application/SDP' }), expect: 'accept', note: 'media types are case-insensitive (RFC 2045)' });
add({ name: 'Content-Type with parameters', bytes: invite({ ct: 'application/sdp; charset=ISO-8859-1' }), expect: 'accept', note: 'cparam01-like (RFC 4475 3.3.12)' });
add({ name: 'late offer (INVITE without body)', bytes: request('INVITE', {}), expect: 'accept', note: 'RFC 3261 13.2.1: offer in our 200, answer in the ACK' });

// ---------------------------------------------------------------- RFC 4475 valid messages (3.1.1) and RFC 5118
add({
  name: 'wsinv: short tortuous INVITE',
  bytes: [
    'INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0',
    'TO :',
    ' sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n',
    'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>',
    '  ;',
    '  tag = 98asjd8',
    'MaX-fOrWaRdS: 0068',
    'Call-ID: wsinv.ndaksdj@192.0.2.1',
    'Content-Length   : 150',
    'cseq: 0009',
    '  INVITE',
    'Via  : SIP  /   2.0',
    ' /TCP',
    '    192.0.2.2;branch=390skdjuw',
    's :',
    'NewFangledHeader:   newfangled value',
    ' continued newfangled value',
    'UnknownHeaderWithUnusualValue: ;;,,;;,;',
    'Content-Type: application/sdp',
    'Route:',
    ' <sip:services.example.com;lr;unknownwith=value;unknown-no-value>',
    'v:  SIP  / 2.0  / TCP     spindle.example.com   ;',
    '  branch  =   z9hG4bK9ikj8  ,',
    ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=',
    ' z9hG4bK30239',
    'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =',
    '      newvalue ;',
    '  secondparam ; q = 0.33',
    '',
    'v=0',
    'o=mhandley 29739 7272939 IN IP4 192.0.2.3',
    's=-',
    'c=IN IP4 192.0.2.4',
    't=0 0',
    'm=audio 49217 RTP/AVP 0 12',
    'm=video 3227 RTP/AVP 31',
    'a=rtpmap:31 LPC',
    '',
  ].join(CRLF),
  expect: 'accept',
  note: 'RFC 4475 3.1.1.1 (To has a tag: a UAS answers 481, which counts as handled); Content-Length 150 is the SDP length',
});
add({
  name: 'intmeth: wide range of valid characters',
  bytes: [
    "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0",
    "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~",
    'To: "BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f" <sip:1_unusual.URI~(to-be!sure)&isn\'t+it$/crazy?,/;;*@example.com>',
    u8("From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-."),
    'Call-ID: intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{',
    "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~",
    'Max-Forwards: 255',
    u8("extensionHeader-!.%*+_`'~:\uFEFF大停電"),
    'Content-Length: 0',
    '', '',
  ].join(CRLF),
  expect: 'accept',
  note: 'RFC 4475 3.1.1.2: an unknown method answered 405/501 is handled',
});
{
  const body = sdp();
  add({
    name: 'esc01: valid % escaping',
    bytes: [
      'INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0',
      'To: sip:%75se%72@example.com',
      'From: <sip:I%20have%20spaces@example.net>;tag=938',
      'Max-Forwards: 87',
      'i: esc01.239409asdfakjkn23onasd0-3234',
      'CSeq: 234234 INVITE',
      'Via: SIP/2.0/TCP host5.example.net;branch=z9hG4bKkdjuw',
      'C: application/sdp',
      'Contact: <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>',
      `Content-Length: ${body.length}`,
      '', body,
    ].join(CRLF),
    expect: 'accept',
    note: 'RFC 4475 3.1.1.3',
  });
}
add({
  name: 'escnull: escaped NULs in URIs',
  bytes: [
    'REGISTER sip:example.com SIP/2.0',
    'To: sip:null-%00-null@example.com',
    'From: sip:null-%00-null@example.com;tag=839923423',
    'Max-Forwards: 70',
    'Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd',
    'CSeq: 14398234 REGISTER',
    'Via: SIP/2.0/TCP host5.example.com;branch=z9hG4bKkdjuwnull',
    'Contact: <sip:%00@host5.example.com>',
    'Contact: <sip:%00%00@host5.example.com>',
    'L:0',
    '', '',
  ].join(CRLF),
  expect: 'accept',
  note: 'RFC 4475 3.1.1.4 (we are no registrar: 405/501 counts as handled)',
});
add({
  name: 'esc02: % that is not an escape',
  bytes: [
    'RE%47IST%45R sip:registrar.example.com SIP/2.0',
    'To: "%Z%45" <sip:resource@example.com>',
    'From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23',
    'Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf',
    'Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209323',
    'CSeq: 29344 RE%47IST%45R',
    'Max-Forwards: 70',
    'Contact: <sip:alias1@host1.example.com>',
    'C%6Fntact: <sip:alias2@host2.example.com>',
    'Contact: <sip:alias3@host3.example.com>',
    'l: 0',
    '', '',
  ].join(CRLF),
  expect: 'accept',
  note: 'RFC 4475 3.1.1.5: an unknown method, handled',
});
add({ name: 'lwsdisp: no LWS between display name and <', bytes: options({ from: 'caller<sip:caller@example.com>;tag=323' }), expect: 'accept', note: 'RFC 4475 3.1.1.6' });
add({
  name: 'longreq: long values in header fields',
  bytes: invite({
    to: `"I have a user name of ${'extreme'.repeat(60)} proportion"<sip:120@127.0.0.1:6000;unknownparam1=very${'long'.repeat(40)}value;unknown-no-value>`,
    from: `sip:${'amazinglylongcallername'.repeat(8)}@example.net;tag=12982${'4'.repeat(200)};unknownheaderparam${'name'.repeat(30)}=unknowheaderparam${'value'.repeat(40)};unknownValueless`,
    callId: `longreq.one${'really'.repeat(60)}longcallid`,
    extra: [
      ...Array.from({ length: 20 }, (_, i) => `Via: SIP/2.0/TCP sip${i}.example.com;branch=z9hG4bK${'long'.repeat(10)}${i}`),
      `X-Long-Header-Name-${'x'.repeat(200)}: ${'y'.repeat(2000)}`,
    ],
  }),
  expect: 'accept',
  note: 'RFC 4475 3.1.1.7',
});
add({ name: 'semiuri: ; in the Request-URI user', bytes: options({ ruri: 'sip:user;par=u%40example.net@example.com' }), expect: 'accept', note: 'RFC 4475 3.1.1.9' });
add({
  name: 'mpart01: multipart MESSAGE',
  bytes: request('MESSAGE', {
    ct: 'multipart/mixed;boundary=7a9cbec02ceef655',
    body: ['--7a9cbec02ceef655', 'Content-Type: text/plain', 'Content-Transfer-Encoding: binary', '', 'Hello', '--7a9cbec02ceef655', 'Content-Type: application/octet-stream', 'Content-Transfer-Encoding: binary', '', '\x30\x82\x01\x52\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02\xa0\x82', '--7a9cbec02ceef655--', ''].join(CRLF),
  }),
  expect: 'accept',
  note: 'RFC 4475 3.1.1.11',
  wsBinary: true,
});
add({ name: 'unksm2: unknown scheme in To', bytes: options({ to: 'isbn:2983792873' }), expect: 'accept', note: 'RFC 4475 3.3.4: non-critical header' });
add({ name: 'unknown scheme in Contact of OPTIONS', bytes: options({ contact: '<nobodyknowsthisscheme:opaque>' }), expect: 'accept', note: 'non-critical header' });
add({ name: 'cparam02: Content-Type params with quotes', bytes: invite({ ct: 'application/sdp;charset="ISO-10646"' }), expect: 'accept', note: 'RFC 4475 3.3.13-like' });
add({ name: 'sdp01: Accept of an unknown type', bytes: invite({ extra: ['Accept: text/nobodyknowsthis'] }), expect: 'accept|406|415', note: 'RFC 4475 3.3.15' });
add({ name: 'inv2543: RFC 2543 style INVITE (no branch)', bytes: invite({ via: 'SIP/2.0/TCP 127.0.0.1:5999', from: 'sip:caller@127.0.0.1' }), expect: 'accept|400', note: 'RFC 4475 3.4.1: no branch, From without tag' });
add({ name: 'compact forms everywhere', bytes: ['OPTIONS sip:120@127.0.0.1 SIP/2.0', 'v: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKcompact', 'f: <sip:caller@127.0.0.1>;tag=c1', 't: <sip:120@127.0.0.1>', 'i: compact1@torture', 'CSeq: 1 OPTIONS', 'Max-Forwards: 70', 'k: timer', 'l: 0', '', ''].join(CRLF), expect: 'accept', note: 'RFC 3261 7.3.3' });
add({ name: 'Via values in one comma list', bytes: options({ via: 'SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKlist1, SIP/2.0/TCP 10.0.0.1;branch=z9hG4bKlist2' }), expect: 'accept', note: 'RFC 3261 7.3.1 multiple values' });
add({ name: 'header names in odd case', bytes: options().replace('Max-Forwards:', 'mAX-fORWARDS:').replace('Call-ID:', 'CALL-id:'), expect: 'accept', note: 'field names are case-insensitive' });
add({ name: 'folded Subject over three lines', bytes: options({ extra: ['Subject: one', '\ttwo', '   three'] }), expect: 'accept', note: 'RFC 3261 7.3.1 LWS folding' });
add({ name: 'escaped Request-URI user', bytes: invite({ ruri: 'sip:%31%32%30@127.0.0.1' }), expect: 'accept', note: 'escaped digits are the same user' });
add({ name: 'tel: Request-URI', bytes: invite({ ruri: 'tel:+8613800000000' }), expect: '416|accept', note: 'tel is a real scheme (RFC 3966); a SIP-only UAS may 416' });
add({ name: 'RFC 5118 ipv6-good Request-URI', bytes: options({ ruri: 'sip:[2001:db8::10]' }), expect: 'accept', note: 'RFC 5118 4.1' });
add({ name: 'RFC 5118 port-ambiguous', bytes: options({ ruri: 'sip:[2001:db8::10:5070]' }), expect: 'accept', note: 'RFC 5118 4.2' });
add({ name: 'RFC 5118 IPv4-mapped', bytes: options({ ruri: 'sip:[::ffff:192.0.2.10]', via: 'SIP/2.0/TCP [::ffff:192.0.2.10];branch=z9hG4bKmapped' }), expect: 'accept', note: 'RFC 5118 4.7' });
add({ name: 'RFC 5118 ipv6-bad Request-URI', bytes: options({ ruri: 'sip:2001:db8::10' }), expect: '400|416', note: 'RFC 5118 4.3: no brackets' });
add({ name: 'multiple Contact values', bytes: invite({ contact: '<sip:a@127.0.0.1:5999;transport=tcp>, <sip:b@127.0.0.1:5998;transport=tcp>' }), expect: 'accept|400', note: 'an INVITE should carry one Contact (RFC 3261 8.1.1.8); lenient accept is fine' });

// ---------------------------------------------------------------- stream behaviour (TCP)
add({ name: 'OPTIONS written one byte at a time', bytes: options(), split: 1, expect: 'accept', note: 'RFC 3261 18.3 framing', transports: ['tcp'] });
add({ name: 'INVITE written in 3-byte pieces', bytes: invite(), split: 3, expect: 'accept', note: 'RFC 3261 18.3 framing', transports: ['tcp'] });
{
  const many = Array.from({ length: 20 }, () => options());
  add({ name: '20 OPTIONS pipelined in one write', bytes: many.join(''), expect: 'accept', expectAll: many.map(() => 'accept'), note: 'RFC 3261 18.3', transports: ['tcp'] });
  const mix = [options(), invite({ cseq: '1 BYE' }), options()];
  add({ name: 'good, malformed, good pipelined', bytes: mix.join(''), expect: 'accept', expectAll: ['accept', '400', 'accept'], note: 'a guard-level error keeps the stream in sync', transports: ['tcp'] });
  const crlf = [options(), options()];
  add({ name: 'CRLFs between pipelined messages', bytes: `${crlf[0]}\r\n\r\n\r\n${crlf[1]}`, expect: 'accept', expectAll: ['accept', 'accept'], note: 'RFC 3261 7.5: ignore CRLF before a start line', transports: ['tcp'] });
  const garbage = [options(), options()];
  add({ name: 'garbage between messages', bytes: `${garbage[0]}GARBAGE GARBAGE\r\nmore junk\r\n\r\n${garbage[1]}`, expect: 'accept', expectAll: ['accept', 'any'], note: 'a stream cannot resynchronise: answer or close, never crash', transports: ['tcp'] });
  add({ name: 'leading CRLFs before a request', bytes: `\r\n\r\n${options()}`, expect: 'accept', note: 'RFC 3261 7.5 + RFC 5626 keep-alive', transports: ['tcp'] });
}

// ---------------------------------------------------------------- WebSocket specifics
{
  const two = [options(), options()];
  add({ name: 'WS: two messages in one frame', bytes: two.join(''), expect: 'accept|400', note: 'RFC 7118 5.2: one SIP message per WebSocket message; the first is answered or the frame refused', transports: ['ws'] });
  add({ name: 'WS: binary frame holding an OPTIONS', bytes: options(), expect: 'accept', wsBinary: true, note: 'RFC 7118 5.2: binary frames are allowed', transports: ['ws'] });
  add({ name: 'WS: empty frame', bytes: '', expect: 'drop', note: 'nothing to answer', transports: ['ws'] });
  add({ name: 'WS: CRLF-only frame', bytes: '\r\n\r\n', expect: 'drop', note: 'keep-alive whitespace', transports: ['ws'] });
  add({ name: 'WS: OPTIONS without Content-Length', bytes: options({ cl: null }), expect: 'accept', note: 'message transport: Content-Length optional (RFC 3261 18.3, RFC 7118)', transports: ['ws'] });
}

export const tortureBlind: readonly TortureCase[] = cases;
