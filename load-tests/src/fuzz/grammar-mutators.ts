/**
 * Grammar-aware mutations (RFC 3261 section 7 and 25, RFC 4475's torture themes): each changes one
 * thing a parser must get right, on the Draft before it is serialised. Each is named, so a case's
 * description says what was done to it.
 */
import type { Draft } from './corpus.js';
import type { Rng } from './rng.js';

export interface GrammarMutator { name: string; apply(d: Draft, rng: Rng): void }

const headerName = (line: string) => line.slice(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase();
const findHeader = (d: Draft, names: string[]) => d.headers.findIndex((h) => names.includes(headerName(h)));
/** Replaces the value of the first header called one of `names` (adds it when missing). */
function setHeader(d: Draft, names: string[], value: string): void {
  const i = findHeader(d, names);
  const line = `${names[0]!.replace(/^./, (c) => c.toUpperCase())}: ${value}`;
  if (i >= 0) d.headers[i] = `${d.headers[i]!.slice(0, d.headers[i]!.indexOf(':'))}: ${value}`;
  else d.headers.push(line);
}
const isResponse = (d: Draft) => d.start.startsWith('SIP/');

const BAD_URIS = ['sip:', 'sip:@', 'sip:120@', 'sip:[::1', 'sip:120@[2001:db8::1]:99999', 'sip:120@[::1]:5060;transport=tcp', 'sips:%00@x', 'tel:+86-10-1234',
  'sip:a@b;;;=;', '<sip:120@127.0.0.1>', 'sip:120@[fe80::1%25eth0]', 'http://127.0.0.1/', '', '*', 'sip:120@127.0.0.1:0', 'sip:120@127.0.0.1:65536',
  'sip:%zz@127.0.0.1', 'sip:120@256.256.256.256', 'sip:120@127.0.0.1;maddr=[::1];lr=', 'sip:1"2@x', 'sip:120@-bad-.example', 'sip:120@[::ffff:127.0.0.1]',
  'sip:120@127.0.0.1?Route=%3Csip:x%3E&Subject=hi', 'SIP:120@127.0.0.1', 'sip:120@host_with_underscore', `sip:${'9'.repeat(300)}@127.0.0.1`];
const BAD_HOSTPORTS = ['[::1', '::1', '[2001:db8::g]', '[::ffff:127.0.0.1]:5060', '[::1]:', '127.0.0.1:99999', '127.0.0.1:-1', '', ':5060', '[]', '[[::1]]', '1.2.3', 'a..b', `${'h'.repeat(300)}.invalid`];
const BAD_METHODS = ['FOO', 'invite', 'INV ITE', 'INVITE\x00', 'NOTIFY', 'SUBSCRIBE', 'PRACK', 'UPDATE', 'REFER', 'PUBLISH', '!interesting-Method0123456789_*+`.%indeed\'~', 'X'.repeat(300), '', 'ÉTÉ'];
const BAD_CSEQS = ['-1 INVITE', '4294967296 INVITE', '1', 'abc INVITE', '1 BYE', '', ' ', '0 INVITE', '99999999999999999999 INVITE', '1 INVITE extra', '1  INVITE', '1\tINVITE', '2147483648 OPTIONS', '1 invite'];
const BAD_BRANCHES = ['', 'z9hG4bK', `z9hG4bK${'b'.repeat(2000)}`, 'x;branch=y', 'no-magic-cookie', 'z9hG4bK"quoted"', 'z9hG4bK\x00nul', 'z9hG4bK;', 'z9hG4bK,second'];
const VERSIONS = ['SIP/3.0', 'SIP/2', 'sip/2.0', 'SIP/2.0.1', 'HTTP/1.1', 'SIP/02.00', 'SIP / 2.0', 'SIP/2.0 ', 'SIP/', 'SIP/1.0'];
const ODD_BYTES = ['\x00', '\xff\xfe', '\xc0\xaf', '\xed\xa0\x80', '\xf8\x88\x80\x80\x80', '\x80', '\x1b[2J', '\x7f', '\xef\xbb\xbf'];
const COMPACT: Record<string, string> = { via: 'v', from: 'f', to: 't', 'call-id': 'i', 'content-length': 'l', contact: 'm', 'content-type': 'c', supported: 'k' };

function oddValue(rng: Rng): string {
  return rng.pick([rng.pick(BAD_URIS), rng.pick(BAD_HOSTPORTS), rng.bytes(rng.int(1, 40)), '', ' ', '<', '>', '"', '<sip:x', '"unterminated <sip:a@b>', ';;;', ',,,']);
}

export const GRAMMAR_MUTATORS: readonly GrammarMutator[] = [
  { name: 'drop-header', apply: (d, r) => { if (d.headers.length) d.headers.splice(r.int(0, d.headers.length - 1), 1); } },
  { name: 'drop-mandatory', apply: (d, r) => { const i = findHeader(d, [r.pick(['via', 'from', 'to', 'call-id', 'cseq', 'max-forwards', 'contact'])]); if (i >= 0) d.headers.splice(i, 1); } },
  { name: 'duplicate-header', apply: (d, r) => { if (!d.headers.length) return; const i = r.int(0, d.headers.length - 1); d.headers.splice(r.int(0, d.headers.length), 0, d.headers[i]!); } },
  { name: 'conflicting-header', apply: (d, r) => { d.headers.push(`${r.pick(['Call-ID', 'CSeq', 'From', 'To', 'Content-Length', 'Max-Forwards'])}: ${oddValue(r)}`); } },
  { name: 'reorder-headers', apply: (d, r) => { for (let i = d.headers.length - 1; i > 0; i--) { const j = r.int(0, i); [d.headers[i], d.headers[j]] = [d.headers[j]!, d.headers[i]!]; } } },
  { name: 'content-length-up', apply: (d, r) => { d.contentLength = { value: String(d.body.length + r.pick([1, 2, 10, 100, 1000, 65536, 10_000_000])) }; } },
  { name: 'content-length-down', apply: (d, r) => { d.contentLength = { value: String(Math.max(0, d.body.length - r.int(1, Math.max(1, d.body.length)))) }; } },
  { name: 'content-length-odd', apply: (d, r) => { d.contentLength = { value: r.pick(['-1', '4294967296', '99999999999999999999', 'abc', '', ' 12', '0x10', '1e3', '1.5', '+5', '\xd9\xa3']) }; } },
  { name: 'content-length-missing', apply: (d) => { d.contentLength = null; } },
  { name: 'folded-header', apply: (d, r) => {
    if (!d.headers.length) return;
    const i = r.int(0, d.headers.length - 1); const h = d.headers[i]!; const cut = r.int(h.indexOf(':') + 1, h.length);
    d.headers[i] = `${h.slice(0, cut)}${d.eol}${r.pick([' ', '\t', '  \t '])}${h.slice(cut)}`;
  } },
  { name: 'huge-header-value', apply: (d, r) => { d.headers.splice(r.int(0, d.headers.length), 0, `${r.pick(['Subject', 'X-Fuzz', 'User-Agent', 'Via', 'Contact', 'Route'])}: ${r.pick(['a', 'A;', ',', '%41', '<sip:x>,'] as const).repeat(r.pick([1000, 8000, 40_000, 70_000]))}`); } },
  { name: 'many-headers', apply: (d, r) => { const n = r.pick([100, 500, 2000]); for (let i = 0; i < n; i++) d.headers.push(`${r.pick(['X-H', 'Via', 'Record-Route', 'Supported'])}: ${i}`); } },
  { name: 'bad-request-uri', apply: (d, r) => { if (!isResponse(d)) d.start = d.start.replace(/^(\S+) (\S*) /, `$1 ${r.pick(BAD_URIS)} `); } },
  { name: 'bad-name-addr', apply: (d, r) => { setHeader(d, [r.pick(['from', 'to', 'contact', 'record-route', 'route'])], `${r.pick(['"x" ', '', '<'])}${r.pick(BAD_URIS)}${r.pick(['', '>', ';tag=', ';tag'])}`); } },
  { name: 'ipv6-reference', apply: (d, r) => {
    const host = r.pick(BAD_HOSTPORTS.filter((h) => h.includes(':') || h.includes('[')));
    const where = r.int(0, 2);
    if (where === 0) { const i = findHeader(d, ['via', 'v']); if (i >= 0) d.headers[i] = d.headers[i]!.replace(/(SIP\/2\.0\/\S+ )[^;]*/, `$1${host}`); }
    else if (where === 1) setHeader(d, ['contact'], `<sip:caller@${host};transport=tcp>`);
    else if (!isResponse(d)) d.start = d.start.replace(/^(\S+) \S* /, `$1 sip:120@${host} `);
  } },
  { name: 'unknown-method', apply: (d, r) => {
    const m = r.pick(BAD_METHODS);
    if (!isResponse(d)) d.start = d.start.replace(/^\S*/, m);
    if (r.chance(0.5)) setHeader(d, ['cseq'], `1 ${m}`);
  } },
  { name: 'bad-cseq', apply: (d, r) => { setHeader(d, ['cseq'], r.pick(BAD_CSEQS)); } },
  { name: 'odd-via', apply: (d, r) => {
    const i = findHeader(d, ['via', 'v']);
    const choice = r.int(0, 4);
    if (i < 0) return;
    if (choice === 0) d.headers[i] = d.headers[i]!.replace(/branch=[^;,\s]*/, `branch=${r.pick(BAD_BRANCHES)}`);
    else if (choice === 1) d.headers[i] = d.headers[i]!.replace(/;branch=[^;,\s]*/, '');
    else if (choice === 2) d.headers[i] += `;received=${r.pick(BAD_HOSTPORTS)};rport=${r.pick(['', '0', '70000', 'x'])};${r.pick(['ttl=300', 'maddr=[::1', 'x', '=', ';'])}`;
    else if (choice === 3) d.headers[i] += `, SIP/2.0/${r.pick(['TCP', 'UDP', 'SCTP', 'FOO', ''])} ${r.pick(BAD_HOSTPORTS)};branch=z9hG4bK${r.int(0, 1e6)}`;
    else d.headers[i] = `Via: ${r.pick(['SIP/2.0/TCP', 'SIP/2.0', 'SIP/2.0/TCP/extra', 'TCP 127.0.0.1', '', 'SIP/2.0/TCP 127.0.0.1:5999;branch'])}`;
  } },
  { name: 'wrong-version', apply: (d, r) => {
    const v = r.pick(VERSIONS);
    if (isResponse(d)) d.start = d.start.replace(/^SIP\/2\.0/, v);
    else d.start = d.start.replace(/SIP\/2\.0$/, v);
    if (r.chance(0.3)) { const i = findHeader(d, ['via', 'v']); if (i >= 0) d.headers[i] = d.headers[i]!.replace('SIP/2.0/', `${v}/`); }
  } },
  { name: 'bad-status-line', apply: (d, r) => {
    if (!isResponse(d)) return;
    d.start = r.pick(['SIP/2.0 000 Zero', 'SIP/2.0 99 Low', 'SIP/2.0 1000 High', 'SIP/2.0 699 Max', 'SIP/2.0 200', 'SIP/2.0 OK', `SIP/2.0 200 ${'r'.repeat(5000)}`, 'SIP/2.0  200 OK', 'SIP/2.0 2OO OK', 'SIP/2.0 -200 OK']);
  } },
  { name: 'nul-and-non-utf8', apply: (d, r) => {
    const bad = r.pick(ODD_BYTES);
    const where = r.int(0, 2);
    if (where === 0) { const at = r.int(0, d.start.length); d.start = d.start.slice(0, at) + bad + d.start.slice(at); }
    else if (where === 1 && d.headers.length) { const i = r.int(0, d.headers.length - 1); const h = d.headers[i]!; const at = r.int(0, h.length); d.headers[i] = h.slice(0, at) + bad + h.slice(at); }
    else { const at = r.int(0, d.body.length); d.body = d.body.slice(0, at) + bad + d.body.slice(at); }
  } },
  { name: 'compact-and-case', apply: (d, r) => {
    d.headers = d.headers.map((h) => {
      const n = headerName(h); const rest = h.slice(h.indexOf(':'));
      if (r.chance(0.5) && COMPACT[n]) return `${COMPACT[n]}${rest}`;
      return r.chance(0.5) ? `${n.toUpperCase()}${rest}` : h;
    });
  } },
  { name: 'whitespace', apply: (d, r) => {
    const i = d.headers.length ? r.int(0, d.headers.length - 1) : -1;
    const w = r.int(0, 4);
    if (w === 0 && i >= 0) d.headers[i] = d.headers[i]!.replace(':', r.pick([' :', '\t:', ' \t : ', '::', '']));
    else if (w === 1 && i >= 0) d.headers[i] = d.headers[i]!.replace(': ', ':');
    else if (w === 2) d.eol = r.pick(['\n', '\r', '\r\r\n', '\n\r']);
    else if (w === 3) d.start = d.start.replace(/ /g, r.pick(['  ', '\t', ' \t']));
    else d.start = `${r.pick(['\r\n', '\r\n\r\n', ' ', '\t'])}${d.start}`;
  } },
  { name: 'sdp', apply: (d, r) => {
    const lines = d.body.split('\r\n');
    const bad = r.pick(['m=audio 99999 RTP/AVP 0', 'm=audio 9 RTP/AVP', 'm=video 9 RTP/AVP 96', 'c=IN IP6 [::1', 'c=IN IP4 ', 'a=rtpmap:0', 'a=rtpmap:101 telephone-event/0',
      'm=audio -1 RTP/SAVP 0', 'v=1', 'o=', `a=${'x'.repeat(20_000)}`, 'm=audio 9 RTP/AVP 0 8 101 '.repeat(200), 'a=fmtp:101 0-99999', 'b=AS:-5', 'm=audio 9 UDP/TLS/RTP/SAVPF 111']);
    if (r.chance(0.5) && lines.length > 1) lines[r.int(0, lines.length - 1)] = bad; else lines.splice(r.int(0, lines.length), 0, bad);
    d.body = lines.join(r.chance(0.8) ? '\r\n' : '\n');
  } },
  { name: 'content-type', apply: (d, r) => { setHeader(d, ['content-type', 'c'], r.pick(['application/sdp; charset=', 'text/html', '', 'multipart/mixed;boundary=', 'multipart/mixed; boundary="x"', 'application/sdp;;;', '/', 'application/isup'])); } },
  { name: 'max-forwards', apply: (d, r) => { setHeader(d, ['max-forwards'], r.pick(['0', '-1', '256', '99999999999', 'x', ''])); } },
  { name: 'expires-and-numbers', apply: (d, r) => { d.headers.push(`${r.pick(['Expires', 'Session-Expires', 'Min-SE', 'RSeq', 'Retry-After', 'Timestamp'])}: ${r.pick(['-1', '4294967296', '1e9', 'x', '', '0.5', '18446744073709551616'])}`); } },
];
