/**
 * The composed platform as a SIP endpoint (SIP_CONFIG): SIPp calls the hotline over TCP and the
 * call is filed in PostgreSQL; the campaigns' HttpDialer places calls through the gateway's
 * /v1/dial to a SIPp "trunk", which sees the caller id and the dialled number, and its answers
 * (200, 486, 503, 404) come back as the campaigns outcomes (answered, busy, failed with a carrier
 * fault, rejected).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { HttpDialer, type DialRequest } from '@tingzhen/campaigns';
import { signToken } from '@tingzhen/voice-gateway';
import { startPlatform, type RunningPlatform } from '../src/platform.js';
import { dialRequestFor, seedDialingAttempt } from './seed-attempt.js';

const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? fileURLToPath(new URL('../../../shared/models', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'platform-sip-test-secret-0123456789';
const DB = `tztest_sip_${process.pid}`;
const CALLER_ID = '+861088888888';

if (spawnSync('sipp', ['-v']).status === null) throw new Error('sipp is not installed (Debian package sip-tester; .ci/run installs it)');

let platform: RunningPlatform;
let dir: string;
let sipPort: number;
let trunkPort: number;

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

function sipp(args: string[]): { done: Promise<{ code: number | null; stderr: string }>; kill: () => void } {
  const proc = spawn('sipp', [...args, '-nostdin', '-trace_err', '-error_file', join(dir, `err-${Date.now()}.log`)], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => proc.on('exit', (code) => resolve({ code, stderr })));
  return { done, kill: () => proc.kill('SIGKILL') };
}

const reply = (status: string, toTag = true) => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:]${toTag ? ';tag=[pid]SIPpTag01[call_number]' : ''}
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:trunk@[local_ip]:[local_port];transport=[transport]>
Content-Length: 0

]]>`;

/** The trunk: checks the caller id and the dialled digits, then answers (or refuses with `status`). */
function trunkXml(status: string | null, dialled: string): string {
  const check = `<action>
      <ereg regexp="P-Asserted-Identity: &lt;sip:\\${CALLER_ID}@" search_in="msg" check_it="true" assign_to="pai"/>
      <ereg regexp="^INVITE sip:${dialled.replace('+', '\\+')}@" search_in="msg" check_it="true" assign_to="ruri"/>
    </action>`;
  const answer = `<send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
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
  const refuse = `<send>${reply(status ?? '')}</send>
  <recv request="ACK" timeout="10000"/>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="trunk">
  <recv request="INVITE" timeout="20000">
    ${check}
  </recv>
  <send>${reply('180 Ringing')}</send>
  ${status === null ? answer : refuse}
  <Reference variables="pai,ruri"/>
</scenario>`;
}

/** A hotline caller: INVITE with PCMU, stays on for `holdMs`, then hangs up. */
function callerXml(holdMs: number): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="caller">
  <send><![CDATA[
INVITE sip:12320@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: caller <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:12320@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port];transport=[transport]>
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
  <recv response="200" rtd="true" rrs="true" timeout="15000"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <pause milliseconds="${holdMs}"/>
  <send><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
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

function scenario(name: string, xml: string): string {
  const p = join(dir, name);
  writeFileSync(p, xml);
  return p;
}

/** Run a trunk scenario on trunkPort, then place one campaign call through the platform. */
async function dialThroughTrunk(status: string | null, phone: string, dialled: string, maxCallMs = 60_000) {
  const run = sipp(['-sf', scenario(`trunk-${status ?? 'answer'}.xml`, trunkXml(status, dialled)), '-t', 't1', '-i', '127.0.0.1', '-p', String(trunkPort), '-mp', String(await freePort()), '-m', '1']);
  await new Promise((r) => setTimeout(r, 400)); // SIPp binds its port
  try {
    const outcome = await dialer().dial(await request(phone, maxCallMs));
    const trunk = await Promise.race([run.done, new Promise<{ code: null; stderr: string }>((r) => setTimeout(() => r({ code: null, stderr: 'timeout' }), 20_000))]);
    return { outcome, trunk };
  } finally {
    run.kill();
  }
}

/** The worker's dialer: a dial token per request, for its attempt (issue 16 item 1). */
const dialer = () => new HttpDialer({ gatewayUrl: platform.url, token: ({ attemptId }) => signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId }) });

let seeded = 0;
/** A claimed campaign attempt for this number (the gateway dials only those), and the worker's request for it. */
async function request(phone: string, maxCallMs: number): Promise<DialRequest> {
  const s = await seedDialingAttempt(platform.services.pool, { phone, mrn: `MRN-SIP-${++seeded}`, trunk: 'test-trunk' });
  return { ...dialRequestFor(s, { trunk: 'test-trunk', maxCallMs }), voicemailMessage: 'x', signal: new AbortController().signal };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tz-psip-'));
  await admin(`CREATE DATABASE ${DB}`);
  const url = new URL(PG_URL);
  url.pathname = `/${DB}`;
  sipPort = await freePort();
  trunkPort = await freePort();
  const rtpBase = 30000 + (process.pid % 200) * 100;
  writeFileSync(join(dir, 'sip.yaml'), `
gateway:
  listen: { host: 127.0.0.1, port: ${sipPort} }
  rtpPorts: { minPort: ${rtpBase}, maxPort: ${rtpBase + 98} }
  codecs: [PCMA, PCMU]
  ringTimeoutMs: 8000
trunks:
  - id: test-trunk
    host: 127.0.0.1
    port: ${trunkPort}
    transport: tcp
    callerId: "${CALLER_ID}"
    dialPrefix: "0"
peers:
  - id: loopback-pbx
    addresses: [127.0.0.1]
    script: triage-hotline
`);
  platform = await startPlatform({
    DATABASE_URL: url.toString(), QUEUE_PREFIX: `tzsip${process.pid}`, HTTP_PORT: '0', LOG_LEVEL: process.env.TZ_TEST_LOG ?? 'silent',
    TINGZHEN_MODELS_DIR: MODELS_DIR, TINGZHEN_DATA_DIR: dir, GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway',
    SIP_CONFIG: join(dir, 'sip.yaml'),
  });
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

describe('the composed platform over SIP', () => {
  it('answers a hotline call from an allowed peer over TCP and files it', async () => {
    const before = (await platform.services.pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE dialect = 'sip'")).rows[0].n as number;
    const run = sipp([`127.0.0.1:${sipPort}`, '-sf', scenario('caller.xml', callerXml(6000)), '-t', 't1', '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freePort()), '-m', '1']);
    const res = await run.done;
    expect(res.code, res.stderr).toBe(0);
    await expect.poll(async () => (await platform.services.pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE dialect = 'sip'")).rows[0].n, { timeout: 15_000 }).toBe(before + 1);
    const row = (await platform.services.pool.query<{ transcript: { speaker: string; text: string }[]; end_reason: string }>(
      "SELECT transcript, end_reason FROM inbound_calls WHERE dialect = 'sip' ORDER BY id DESC LIMIT 1")).rows[0]!;
    // The hotline script spoke (its AI disclosure, ~10 s) and the caller hung up in the middle of
    // it: what the bot said up to there is in the transcript.
    expect(row.transcript.some((t) => t.speaker === 'bot' && t.text.length > 5)).toBe(true);
    expect(row.end_reason).toBe('dropped');
  }, 60_000);

  it('places a campaign call through the trunk with the caller id; the answered call runs the script', async () => {
    const { outcome, trunk } = await dialThroughTrunk(null, '+8613800138000', '08613800138000', 6000);
    expect(trunk.code, trunk.stderr).toBe(0); // the trunk saw P-Asserted-Identity and the dialled digits, and got our BYE
    // A claimed attempt: the gateway holds it, answers 'accepted' once the callee picks up, and files the call itself.
    expect(outcome.kind).toBe('accepted');
    await expect.poll(async () => (await platform.services.pool.query<{ transcript: { speaker: string }[] }>(
      'SELECT r.transcript FROM call_results r JOIN call_attempts a ON a.id = r.attempt_id WHERE a.phone = $1', ['+8613800138000'])).rows[0]?.transcript.some((t) => t.speaker === 'bot'), { timeout: 20_000 }).toBe(true);
  }, 60_000);

  it('maps the trunk\'s refusals to campaigns outcomes: 486 busy, 503 carrier fault, 404 rejected', async () => {
    const busy = await dialThroughTrunk('486 Busy Here', '+8613800138001', '08613800138001');
    expect(busy.outcome).toEqual({ kind: 'busy', reason: 'busy', sipCode: 486 });
    const congested = await dialThroughTrunk('503 Service Unavailable', '+8613800138002', '08613800138002');
    expect(congested.outcome).toEqual({ kind: 'failed', reason: 'carrier-congestion', sipCode: 503, carrierFault: true });
    const missing = await dialThroughTrunk('404 Not Found', '+8613800138003', '08613800138003');
    expect(missing.outcome).toEqual({ kind: 'rejected', reason: 'not-found', sipCode: 404 });
  }, 90_000);

  it('refuses to dial something that is not a phone number, without touching the trunk', async () => {
    const bad = { ...(await request('+8613800138009', 5000)), phone: '1380013\r\nVia: evil' };
    expect(await dialer().dial(bad)).toEqual({ kind: 'failed', reason: 'bad_number' });
  });
});
