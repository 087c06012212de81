/**
 * The composed platform behind the Kamailio edge over SIP WebSocket (sip.yaml
 * gateway.edgeWebSocket): the gateway connects out to Kamailio, registers its AOR, and a SIPp
 * caller on UDP reaches the hotline through the edge; the call is filed in PostgreSQL. Campaign
 * calls (/v1/dial) leave on the same connection and Kamailio relays them to a UDP trunk (SIPp),
 * which sees the dialled digits and the caller id.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { HttpDialer, type DialRequest } from '@tingzhen/campaigns';
import { signToken } from '@tingzhen/voice-gateway';
import { dialRequestFor, seedDialingAttempt } from './seed-attempt.js';
import { startPlatform, type RunningPlatform } from '../src/platform.js';

const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? fileURLToPath(new URL('../../../shared/models', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `tztest_edge_${process.pid}`;
const KAMAILIO_CFG = fileURLToPath(new URL('../../sip-config/kamailio/kamailio.cfg', import.meta.url));

for (const bin of ['sipp', 'kamailio']) {
  if (spawnSync(bin, ['-v']).error) throw new Error(`${bin} is not installed (.ci/run installs sip-tester, kamailio, kamailio-websocket-modules)`);
}

let platform: RunningPlatform;
let dir: string;
let kam: ChildProcess;
let kamLog = '';
let edgePort: number;
let trunkPort: number;
const SECRET = 'platform-edge-test-secret-0123456789';
const CALLER_ID = '+861088888888';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

const registered = () => {
  try { return /Address: <?sip:tingzhen@/.test(execFileSync('kamcmd', ['-s', `unix:${dir}/ctl`, 'ul.dump'], { encoding: 'utf8' })); } catch { return false; }
};

function callerXml(holdMs: number): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="caller via edge">
  <send retrans="500"><![CDATA[
INVITE sip:12320@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: caller <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:12320@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=caller 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true" rrs="true" timeout="15000"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <pause milliseconds="${holdMs}"/>
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" timeout="10000"/>
</scenario>`;
}

const reply = (status: string, toTag = true) => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:]${toTag ? ';tag=[pid]SIPpTag01[call_number]' : ''}
[last_Call-ID:]
[last_CSeq:]
[last_Record-Route:]
Contact: <sip:trunk@[local_ip]:[local_port];transport=[transport]>
Content-Length: 0

]]>`;

/** A UDP trunk behind the edge: checks the dialled digits and the caller id, then answers or refuses with `status`. */
function trunkXml(status: string | null, dialled: string): string {
  const answer = `<send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
[last_Record-Route:]
Contact: <sip:trunk@[local_ip]:[local_port];transport=[transport]>
Content-Type: application/sdp
Content-Length: [len]

v=0
o=trunk 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 0 101
a=rtpmap:8 PCMA/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
]]></send>
  <recv request="ACK" timeout="10000"/>
  <recv request="BYE" timeout="30000"/>
  <send>${reply('200 OK', false)}</send>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="udp trunk">
  <recv request="INVITE" timeout="20000">
    <action>
      <ereg regexp="P-Asserted-Identity: &lt;sip:\\${CALLER_ID}@" search_in="msg" check_it="true" assign_to="pai"/>
      <ereg regexp="^INVITE sip:${dialled}@127\\.0\\.0\\.1:${trunkPort};user=phone SIP" search_in="msg" check_it="true" assign_to="ruri"/>
    </action>
  </recv>
  <send>${reply('180 Ringing')}</send>
  ${status === null ? answer : `<send>${reply(status)}</send>\n  <recv request="ACK" timeout="10000"/>`}
  <Reference variables="pai,ruri"/>
</scenario>`;
}

async function dialThroughEdge(status: string | null, phone: string, dialled: string) {
  const scen = join(dir, `trunk-${status ?? 'answer'}.xml`);
  writeFileSync(scen, trunkXml(status, dialled));
  const trunk = spawn('sipp', ['-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(trunkPort), '-mp', String(await freePort()), '-m', '1', '-nostdin', '-trace_err', '-error_file', join(dir, `trunk-err-${Date.now()}.log`)], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  let stderr = '';
  trunk.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<number | null>((r) => trunk.on('exit', r));
  await new Promise((r) => setTimeout(r, 400)); // SIPp binds its port
  try {
    // A dial token per request, for a claimed attempt of this number (the gateway dials only those; issue 16 item 1).
    const dialer = new HttpDialer({ gatewayUrl: platform.url, token: ({ attemptId }) => signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId }) });
    const seeded = await seedDialingAttempt(platform.services.pool, { phone, mrn: `MRN-EDGE-${phone}-${Date.now()}` });
    const req: DialRequest = { ...dialRequestFor(seeded, { maxCallMs: 6000 }), voicemailMessage: 'x', signal: new AbortController().signal };
    const outcome = await dialer.dial(req);
    const code = await Promise.race([done, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    return { outcome, code, stderr };
  } finally {
    trunk.kill('SIGKILL');
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tz-edge-'));
  edgePort = await freePort();
  const wsPort = await freePort();
  writeFileSync(join(dir, 'dispatcher.list'), '1 sip:127.0.0.1:9;transport=tcp 0 0\n'); // no TCP gateway: calls go over WebSocket
  kam = spawn('kamailio', ['-DD', '-E', '-f', KAMAILIO_CFG, '-w', dir, '-A', `RUNDIR="${dir}"`, '-A', `CTL_SOCKET="unix:${dir}/ctl"`,
    '-A', `LISTEN_PORT=${edgePort}`, '-A', `WS_PORT=${wsPort}`, '-A', `DISPATCHER_LIST="${join(dir, 'dispatcher.list')}"`], { stdio: ['ignore', 'pipe', 'pipe'] });
  kam.stdout!.on('data', (d: Buffer) => { kamLog += d.toString(); });
  kam.stderr!.on('data', (d: Buffer) => { kamLog += d.toString(); });
  for (let i = 0; i < 100 && !/listening on/i.test(kamLog) && kam.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  if (kam.exitCode !== null) throw new Error(`kamailio exited: ${kamLog.slice(-2000)}`);
  await new Promise((r) => setTimeout(r, 500));

  await admin(`CREATE DATABASE ${DB}`);
  const url = new URL(PG_URL);
  url.pathname = `/${DB}`;
  const rtpBase = 32000 + (process.pid % 200) * 100;
  trunkPort = await freePort();
  writeFileSync(join(dir, 'sip.yaml'), `
gateway:
  edgeWebSocket: ws://127.0.0.1:${wsPort}
  mediaAddress: 127.0.0.1
  rtpPorts: { minPort: ${rtpBase}, maxPort: ${rtpBase + 98} }
  ringTimeoutMs: 8000
trunks:
  - id: carrier-udp
    host: 127.0.0.1
    port: ${trunkPort}
    transport: udp
    callerId: "${CALLER_ID}"
    dialPrefix: "0"
peers:
  - id: kamailio-edge
    addresses: [127.0.0.1]
    script: triage-hotline
`);
  platform = await startPlatform({
    DATABASE_URL: url.toString(), QUEUE_PREFIX: `tzedge${process.pid}`, HTTP_PORT: '0', LOG_LEVEL: process.env.TZ_TEST_LOG ?? 'silent',
    TINGZHEN_MODELS_DIR: MODELS_DIR, TINGZHEN_DATA_DIR: dir, GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway',
    SIP_CONFIG: join(dir, 'sip.yaml'),
  });
}, 120_000);

afterAll(async () => {
  await platform?.close();
  if (kam && kam.exitCode === null) {
    const exited = new Promise((r) => kam.once('exit', r));
    kam.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (kam.exitCode === null) kam.kill('SIGKILL');
  }
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

describe('the composed platform behind Kamailio over SIP WebSocket', () => {
  it('registers at the edge and answers a UDP caller coming through it', async () => {
    await expect.poll(registered, { timeout: 15_000 }).toBe(true);
    const scen = join(dir, 'caller.xml');
    writeFileSync(scen, callerXml(3000));
    const sipp = spawn('sipp', [`127.0.0.1:${edgePort}`, '-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freePort()), '-m', '1', '-nostdin', '-trace_err', '-error_file', join(dir, 'sipp-err.log')], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
    let stderr = '';
    sipp.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((r) => sipp.on('exit', r));
    expect(code, `${stderr}\n${kamLog.slice(-1500)}`).toBe(0);
    await expect.poll(async () => (await platform.services.pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE dialect = 'sip'")).rows[0].n, { timeout: 15_000 }).toBe(1);
    const row = (await platform.services.pool.query<{ transcript: { speaker: string }[] }>("SELECT transcript FROM inbound_calls WHERE dialect = 'sip'")).rows[0]!;
    expect(row.transcript.some((t) => t.speaker === 'bot')).toBe(true);
  }, 60_000);

  it('places a campaign call through the edge to a UDP trunk (dialled digits and caller id); the answered call runs the script', async () => {
    await expect.poll(registered, { timeout: 15_000 }).toBe(true);
    const r = await dialThroughEdge(null, '+8613800138000', '08613800138000');
    expect(r.code, `${r.stderr}\n${kamLog.slice(-1500)}`).toBe(0); // the trunk matched the digits and P-Asserted-Identity, and got our BYE
    // A claimed attempt: the gateway holds it, answers 'accepted' once the callee picks up, and files the call itself.
    expect(r.outcome.kind).toBe('accepted');
    await expect.poll(async () => (await platform.services.pool.query<{ transcript: { speaker: string }[] }>(
      'SELECT r.transcript FROM call_results r JOIN call_attempts a ON a.id = r.attempt_id WHERE a.phone = $1', ['+8613800138000'])).rows[0]?.transcript.some((t) => t.speaker === 'bot'), { timeout: 20_000 }).toBe(true);
  }, 60_000);

  it('the trunk\'s 486 behind the edge is the campaigns\' busy', async () => {
    const r = await dialThroughEdge('486 Busy Here', '+8613800138001', '08613800138001');
    expect(r.outcome).toEqual({ kind: 'busy', reason: 'busy', sipCode: 486 });
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
});
