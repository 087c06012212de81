/**
 * SIPp scenarios for transfers and session-timer refreshes. A caller (UAC) that answers our REFER
 * the way trunks and PBXs do when they will not transfer: a final refusal, or 202 and then a
 * NOTIFY whose sipfrag says the transfer failed; it plays an RTP pcap throughout and waits for
 * our BYE. Refresh scenarios: a caller that refreshes its session with re-INVITE or UPDATE, and one
 * that lets us refresh (we are refresher=uas) and checks our re-INVITE.
 */

/** Response to the last request, in dialog (its To already carries our tag when needed). */
const reply = (status: string, extra = '', toTag = false) => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:]${toTag ? ';tag=[pid]SIPpTag01[call_number]' : ''}
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
${extra}Content-Length: 0

]]>`;

const SDP = `v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15`;

/** An in-dialog request from the caller (we are its UAC side: From = ours, To = the gateway's tag). */
const request = (method: string, cseq: number, extra: string, body = '') => `<![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>;tag=[$totag]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
${extra}Content-Length: ${body ? '[len]' : '0'}
${body ? `\n${body}` : ''}
]]>`;

const uacStart = (headers = '', expect200 = '') => `
  <send><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
${headers}Content-Type: application/sdp
Content-Length: [len]

${SDP}
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" rrs="true" timeout="10000">
    <action>
      <ereg regexp="tag=([^;> ]+)" search_in="hdr" header="To:" assign_to="dummy,totag"/>${expect200 ? `
      <ereg regexp="${expect200}" search_in="msg" check_it="true" assign_to="dummy"/>` : ''}
    </action>
  </recv>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>;tag=[$totag]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>`;

const waitBye = (timeoutMs: number) => `
  <recv request="BYE" timeout="${timeoutMs}"/>
  <send>${reply('200 OK')}</send>`;

export type ReferAnswer = { refuse: string } | { notify: string };

/**
 * Caller that plays `pcap`, answers our REFER with a refusal (e.g. '405 Method Not Allowed') or
 * with 202 + NOTIFY 100 Trying + NOTIFY with the transfer's final status `notify` (e.g.
 * '503 Service Unavailable', or '200 OK' for a transfer that worked), then
 * waits for our BYE (up to byeTimeoutMs).
 */
export function uacReferXml(pcapPath: string, answer: ReferAnswer, byeTimeoutMs = 40_000): string {
  const onRefer = 'refuse' in answer
    ? `<send>${reply(answer.refuse, answer.refuse.startsWith('405') ? 'Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\n' : '')}</send>`
    : `<send>${reply('202 Accepted')}</send>
  <send>${request('NOTIFY', 2, 'Event: refer\nSubscription-State: active;expires=60\nContent-Type: message/sipfrag;version=2.0\n', 'SIP/2.0 100 Trying')}</send>
  <recv response="200" timeout="10000"/>
  <pause milliseconds="300"/>
  <send>${request('NOTIFY', 3, 'Event: refer\nSubscription-State: terminated;reason=noresource\nContent-Type: message/sipfrag;version=2.0\n', `SIP/2.0 ${answer.notify}`)}</send>
  <recv response="200" timeout="10000"/>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac refer">${uacStart()}
  <nop><action><exec play_pcap_audio="${pcapPath}"/></action></nop>
  <recv request="REFER" timeout="30000"/>
  ${onRefer}${waitBye(byeTimeoutMs)}
  <Reference variables="dummy"/>
</scenario>`;
}

/**
 * Caller asking for a session timer with itself as refresher, refreshing `times` times every
 * `everyMs` with re-INVITE (same SDP) or body-less UPDATE; each 200 must carry Session-Expires.
 * Then it hangs up itself (BYE) after `holdMs` more: the call must still be up by then.
 */
export function uacRefreshXml(o: { intervalS: number; method: 'INVITE' | 'UPDATE'; everyMs: number; times: number; holdMs: number; updateOffer?: boolean }): string {
  const se = `Session-Expires: ${o.intervalS};refresher=uac\nSupported: timer\n`;
  let steps = '';
  let cseq = 2;
  for (let i = 0; i < o.times; i++) {
    steps += `
  <pause milliseconds="${o.everyMs}"/>
  <send>${o.method === 'INVITE' || o.updateOffer ? request(o.method, cseq, `${se}Content-Type: application/sdp\n`, SDP) : request('UPDATE', cseq, se)}</send>
  <recv response="100" optional="true"/>
  <recv response="200" timeout="5000">
    <action>
      <ereg regexp="Session-Expires: ${o.intervalS};refresher=uac" search_in="msg" check_it="true" assign_to="dummy"/>${o.updateOffer ? `
      <ereg regexp="m=audio [0-9]+ RTP/AVP 0" search_in="body" check_it="true" assign_to="dummy"/>` : ''}
    </action>
  </recv>`;
    if (o.method === 'INVITE') steps += `
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>;tag=[$totag]
Call-ID: [call_id]
CSeq: ${cseq} ACK
Max-Forwards: 70
Content-Length: 0

]]></send>`;
    cseq++;
  }
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac refreshes with ${o.method}">${uacStart(se, `Session-Expires: ${o.intervalS};refresher=uac`)}${steps}
  <pause milliseconds="${o.holdMs}"/>
  <send>${request('BYE', cseq, '')}</send>
  <recv response="200" timeout="5000"/>
  <Reference variables="dummy"/>
</scenario>`;
}

/**
 * Caller without timer support asking for a session interval: we must refresh (refresher=uas) by
 * re-INVITE at half the interval, with Session-Expires. It answers `times` re-INVITEs, checking
 * each, then hangs up (BYE).
 */
export function uacLetsUsRefreshXml(o: { intervalS: number; times: number }): string {
  let steps = '';
  for (let i = 0; i < o.times; i++) {
    steps += `
  <recv request="INVITE" timeout="${o.intervalS * 1000}">
    <action><ereg regexp="Session-Expires: ${o.intervalS};refresher=uac" search_in="msg" check_it="true" assign_to="dummy"/></action>
  </recv>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Session-Expires: ${o.intervalS};refresher=uac
Content-Type: application/sdp
Content-Length: [len]

${SDP}
]]></send>
  <recv request="ACK" timeout="5000"/>`;
  }
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac lets us refresh">${uacStart(`Session-Expires: ${o.intervalS}\n`, `Session-Expires: ${o.intervalS};refresher=uas`)}${steps}
  <send>${request('BYE', 2, '')}</send>
  <recv response="200" timeout="5000"/>
  <Reference variables="dummy"/>
</scenario>`;
}
