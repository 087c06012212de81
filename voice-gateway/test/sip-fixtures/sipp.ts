/** Run SIPp (Debian package sip-tester) as a real SIP peer on loopback. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SIPP = spawnSync('sipp', ['-v']).status !== null ? 'sipp' : null;

export interface SippRun {
  proc: ChildProcess;
  exit: Promise<{ code: number | null; stderr: string }>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tz-sipp-'));
}

export function writeScenario(dir: string, name: string, xml: string): string {
  const p = join(dir, name);
  writeFileSync(p, xml);
  return p;
}

export function runSipp(args: string[]): SippRun {
  // SIPp writes its -trace_err file into its working directory: keep it out of the checkout.
  const proc = spawn('sipp', [...args, '-nostdin', '-trace_err'], { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmpdir() });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => proc.on('exit', (code) => resolve({ code, stderr })));
  return { proc, exit };
}

/** Common response headers copied from the last request (SIPp keywords). */
const RESP = (status: string, toTag = true, extra = '') => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:]${toTag ? ';tag=[pid]SIPpTag01[call_number]' : ''}
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
${extra}Content-Length: 0

]]>`;

/** UAS that rings, then answers the INVITE with a final error status. */
export function uasRejectXml(status: string): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="reject ${status}">
  <recv request="INVITE" timeout="10000"/>
  <send>${RESP('180 Ringing')}</send>
  <send>${RESP(status)}</send>
  <recv request="ACK" timeout="10000"/>
</scenario>`;
}

/** UAS that rings until the caller gives up (CANCEL -> 200, then 487 for the INVITE). */
export function uasRingXml(): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="ring no answer">
  <recv request="INVITE" timeout="10000">
    <action><ereg regexp="CSeq: ([0-9]+)" search_in="msg" assign_to="all,inviteCseq"/></action>
  </recv>
  <send>${RESP('180 Ringing')}</send>
  <recv request="CANCEL" timeout="15000"/>
  <send>${RESP('200 OK')}</send>
  <send><![CDATA[
SIP/2.0 487 Request Terminated
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
CSeq: [$inviteCseq] INVITE
Content-Length: 0

]]></send>
  <recv request="ACK" timeout="10000"/>
  <Reference variables="all"/>
</scenario>`;
}

/** UAS that answers with PCMU + telephone-event and waits for our BYE. */
export function uasAnswerXml(): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="answer">
  <recv request="INVITE" timeout="10000"/>
  <send>${RESP('180 Ringing')}</send>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
[last_Record-Route:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Content-Type: application/sdp
Content-Length: [len]

v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
]]></send>
  <recv request="ACK" timeout="10000"/>
  <recv request="BYE" timeout="20000"/>
  <send>${RESP('200 OK', false)}</send>
</scenario>`;
}

/** UAC: calls the gateway, plays an RTP pcap (audio + RFC 4733 digits), then waits for the bot's BYE or sends its own after byeAfterMs. */
export function uacXml(pcapPath: string, byeAfterMs: number | null, viaProxy = false, extra: { headers?: string; expect200?: string } = {}): string {
  const routes = viaProxy ? '\n[routes]' : '';
  const tail = byeAfterMs === null
    ? `<recv request="BYE" timeout="40000"/>
  <send>${RESP('200 OK', false)}</send>`
    : `<pause milliseconds="${byeAfterMs}"/>
  <send><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]${routes}
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" timeout="10000"/>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac">
  <send><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
${extra.headers ?? ''}Content-Type: application/sdp
Content-Length: [len]

v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" rrs="true" timeout="10000">${extra.expect200 ? `
    <action><ereg regexp="${extra.expect200}" search_in="msg" check_it="true" assign_to="dummy"/></action>` : ''}
  </recv>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]${routes}
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <nop><action><exec play_pcap_audio="${pcapPath}"/></action></nop>
  ${tail}${extra.expect200 ? '\n  <Reference variables="dummy"/>' : ''}
</scenario>`;
}

/**
 * Registrar / UAS that challenges REGISTER and INVITE with 401 and checks the digest
 * with SIPp's verifyauth; a wrong password gets 403. INVITEs that pass are answered and hung up
 * by us (BYE).
 */
export function challengeXml(method: 'REGISTER' | 'INVITE', username: string, password: string): string {
  // 401 for both: SIPp 3.6's verifyauth reads only the Authorization header, not
  // Proxy-Authorization (sip.js answers 407 the same way; checked by hand, not here).
  const code = '401 Unauthorized';
  const hdr = 'WWW-Authenticate';
  const ok = method === 'REGISTER'
    ? `<send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
[last_Contact:]
Expires: 300
Content-Length: 0

]]></send>`
    : `<send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Content-Type: application/sdp
Content-Length: [len]

v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8
a=rtpmap:8 PCMA/8000
]]></send>
  <recv request="ACK" timeout="10000"/>
  <recv request="BYE" timeout="10000"/>
  <send>${RESP('200 OK', false)}</send>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="challenge ${method}">
  <recv request="${method}" timeout="10000"/>
  <send>${RESP(code, true, `${hdr}: Digest realm="tingzhen.test", nonce="6a9f3c1e2b", algorithm=MD5\n`)}</send>
  ${method === 'INVITE' ? '<recv request="ACK" timeout="10000"/>' : ''}
  <recv request="${method}" auth="true" timeout="10000">
    <action><verifyauth assign_to="authvalid" username="${username}" password="${password}"/></action>
  </recv>
  <nop hide="true" test="authvalid" next="good"/>
  <send next="end">${RESP('403 Forbidden')}</send>
  <label id="good"/>
  ${ok}
  <label id="end"/>
</scenario>`;
}
