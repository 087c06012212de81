/**
 * The scale-out topology (issue 17 item 5), as `npm run topology` starts it: Kamailio (dispatcher,
 * OPTIONS probes every 2 s), two gateways, two workers and the api role as processes, on a
 * database and queue prefix of this test, with SIPp as the carrier behind the edge. A nurse's
 * campaign (through the console API) is carried by both gateways; one gateway is killed (SIGKILL)
 * with calls up: the edge marks it down within its probing interval plus slack, the calls in
 * progress on the other gateway end normally and are filed, the campaign finishes on the other
 * gateway, and hotline calls through the edge are answered, by the live gateway only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createLogger } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { freeTcpPort, freeUdpRange, readText, trunkScenario, writeKeysPcap } from '@tingzhen/load-tests/campaign-calls';
import { AMD_SILENT_DECISION_MS, keyTimes } from '@tingzhen/load-tests/keypad-timing';
import { startTopology, type Topology } from '@tingzhen/load-tests/topology';
import { ConsoleApi, waitFor } from './synthetic/harness.js';
import { startSipp, type SippProcess } from './synthetic/sipp-patients.js';
import { MODELS_DIR, PG_URL, adminSql } from './test-platform.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TAG = `tztopo_${process.pid}`;
const PASSWORD = 'topology test password 2024!';
const HOSPITAL = '听诊测试医院';
const SCRIPT = 'appointment-reminder';
/** Keys the patients press: "good time" 1, then "I will come" 1; the bot confirms and hangs up. */
const KEYS = '11';
const PATIENTS = 6;
const PROBE_S = 2;
/**
 * How long after the kill the edge may still hold the dead gateway active: one probing interval,
 * plus the probe's own round (a refused TCP connection comes back as a local failure reply) and
 * our 250 ms polling.
 */
const MARK_DOWN_SLACK_MS = 3000;
const LINE_MS = 120_000;

let dir: string;
let topo: Topology | undefined;
let trunk: SippProcess | undefined;
let pool: pg.Pool;
let nurse: ConsoleApi;
let trunkDir: string;
const trunkLog = () => join(trunkDir, 'trunk-invites.log');

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return String(res.headers.get('set-cookie')).split(';')[0]!;
}

/** The first admin with the one-time token the api role printed, then a nurse. */
async function nurseSession(t: Topology): Promise<ConsoleApi> {
  const token = await waitFor('the setup token in the api log', async () => /setup token:\s+(\S+)/.exec(readText(t.api.logFile))?.[1], 10_000);
  const setup = await fetch(`${t.api.url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: 'admin', password: PASSWORD }) });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  const admin = new ConsoleApi(t.api.url, await signIn(t.api.url, 'admin'));
  await admin.post('/api/users', { username: 'nurse.wang', password: PASSWORD, role: 'nurse', displayName: '王护士' });
  return new ConsoleApi(t.api.url, await signIn(t.api.url, 'nurse.wang'));
}

/** A hotline caller through the edge: INVITE, answered, 2 s of line, our BYE; logs the answering Contact's port. */
function hotlineCaller(): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="hotline via edge">
  <send retrans="500"><![CDATA[
INVITE sip:12320@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
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
  <recv response="200" rrs="true" timeout="15000">
    <action>
      <ereg regexp="Contact:[^&gt;]*127\\.0\\.0\\.1:([0-9]+)" search_in="msg" check_it="true" assign_to="all,gwport"/>
      <log message="ANSWERED-BY [$gwport]"/>
    </action>
  </recv>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[last_From:]
[last_To:]
[last_Call-ID:]
[routes]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <pause milliseconds="2000"/>
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[last_From:]
[last_To:]
[last_Call-ID:]
[routes]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" timeout="10000"/>
  <Reference variables="all"/>
</scenario>`;
}

/** `calls` hotline calls through the edge, one after the other; the SIP ports of the gateways that answered. */
async function hotlineCalls(edgePort: number, calls: number): Promise<number[]> {
  const d = join(dir, `hotline-${Date.now()}`);
  mkdirSync(d);
  writeFileSync(join(d, 'caller.xml'), hotlineCaller());
  const log = join(d, 'caller.log');
  const sipp = startSipp(d, 'caller', [`127.0.0.1:${edgePort}`, '-sf', join(d, 'caller.xml'), '-t', 'u1', '-i', '127.0.0.1', '-p', String(await freeTcpPort()),
    '-mp', String(await freeUdpRange(26_000 + (process.pid % 50) * 20, 4)), '-m', String(calls), '-l', '1', '-r', '1', '-trace_logs', '-log_file', log]);
  const { code, stderr } = await sipp.exit;
  if (code !== 0) throw new Error(`hotline caller failed (${code}): ${stderr.slice(-1000)}\n${sipp.errors().slice(-2000)}`);
  return [...readText(log).matchAll(/ANSWERED-BY (\d+)/g)].map((m) => Number(m[1]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tz-topology-test-'));
  await adminSql(`CREATE DATABASE ${TAG}`);
  const url = new URL(PG_URL);
  url.pathname = `/${TAG}`;
  pool = new pg.Pool({ connectionString: url.toString(), max: 2 });

  // The patients' keys, timed with the platform's voice (espeak-ng here), as the crash matrix does.
  trunkDir = join(dir, 'trunk');
  mkdirSync(trunkDir);
  const tts = await EspeakTtsEngine.load({ logger: createLogger({ level: 'silent' }) });
  const names = Array.from({ length: PATIENTS }, (_, i) => `患者${i + 1}`);
  const keys = await keyTimes({ scriptId: SCRIPT, lang: 'zh', tts, names, hospitalName: HOSPITAL, recorded: false, botStartsAtMs: AMD_SILENT_DECISION_MS, gapMs: 1500 }, KEYS);
  const pcap = join(trunkDir, 'keys.pcap');
  writeKeysPcap(pcap, { keys, durationMs: LINE_MS });
  writeFileSync(join(trunkDir, 'trunk.xml'), trunkScenario({ wellPcap: pcap, redFlagPcap: pcap, redFlagUser: 'x-none', byeTimeoutMs: LINE_MS + 30_000, logStages: true, recordRoute: true }));
  const trunkPort = await freeTcpPort(); // SIPp binds UDP on it (a TCP port free now is very likely free for UDP too)
  // A UDP carrier, as trunks reach the edge (README, sip-config): the gateways' INVITEs go out through Kamailio.
  trunk = startSipp(trunkDir, 'trunk', ['-sf', join(trunkDir, 'trunk.xml'), '-t', 'u1', '-i', '127.0.0.1', '-p', String(trunkPort),
    '-mp', String(await freeUdpRange(24_000 + (process.pid % 50) * 20, 4)), '-trace_logs', '-log_file', trunkLog(), ...(process.env.TZ_SIPP_TRACE ? ['-trace_msg'] : [])]);

  topo = await startTopology({
    databaseUrl: url.toString(), redisUrl: REDIS_URL, queuePrefix: TAG, dir: join(dir, 'topology'), probeIntervalS: PROBE_S,
    baseEnv: process.env,
    trunk: { id: 'carrier', host: '127.0.0.1', port: trunkPort, transport: 'udp', callerId: '+861088888888' },
    env: { TINGZHEN_MODELS_DIR: MODELS_DIR, HOSPITAL_NAME: HOSPITAL, LOG_LEVEL: process.env.TZ_TEST_LOG ?? 'warn', DRAIN_TIMEOUT_MS: '5000' },
  });
  nurse = await nurseSession(topo);
}, 180_000);

afterAll(async () => {
  await topo?.stop();
  await trunk?.stop();
  await pool?.end();
  await adminSql(`DROP DATABASE IF EXISTS ${TAG} WITH (FORCE)`);
  const r = new Redis(REDIS_URL);
  const keys = await r.keys(`${TAG}:*`);
  if (keys.length > 0) await r.del(...keys);
  await r.quit();
  // TZ_TOPOLOGY_KEEP=1 keeps the logs (each role's, the edge's, SIPp's) for reading.
  if (process.env.TZ_TOPOLOGY_KEEP) console.log(`topology: logs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('scale-out topology: edge, two gateways, two workers, api as processes', () => {
  it('spreads a campaign over both gateways; a killed gateway is dropped by the edge within its probing interval while the other carries on', async () => {
    const t = topo!;
    const [gw1, gw2] = t.gateways as [Topology['gateways'][number], Topology['gateways'][number]];
    const holderOf = (g: typeof gw1) => `${hostname()}:${g.role.proc()!.pid}`;
    const holders = { [holderOf(gw1)]: gw1.name, [holderOf(gw2)]: gw2.name };

    // Before anything: both gateways probed and active, and the hotline alternates over them.
    await waitFor('both gateways active at the edge', async () => {
      const s = await t.dispatcherState();
      return s[gw1.dispatcherUri]?.startsWith('A') && s[gw2.dispatcherUri]?.startsWith('A') ? true : undefined;
    }, 15_000);
    expect(new Set(await hotlineCalls(t.edge.port, 2))).toEqual(new Set([gw1.sipPort, gw2.sipPort]));

    // The nurse's campaign, through the console API.
    const ids: string[] = [];
    for (let n = 1; n <= PATIENTS; n++) {
      const p = await nurse.post<{ id: string }>('/api/patients', {
        mrn: `TOPO-${n}`, name: `患者${n}`, phones: [`1391000${String(n).padStart(4, '0')}`], language: 'zh-CN', consentStatus: 'granted',
      });
      ids.push(p.id);
    }
    const open = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const campaign = await nurse.post<{ id: string }>('/api/campaigns', {
      name: 'topology', scriptId: SCRIPT, scriptVersion: '1', timezone: 'Asia/Shanghai', startDate: today, windows: open, maxAttempts: 4,
      retryDelaysMinutes: { no_answer: 0.1, busy: 0.1, failed: 0.1, voicemail: 0.1 }, requireConsent: true, concurrency: 4, callsPerSecond: 2,
      trunk: 'carrier', recordCalls: false,
    });
    await nurse.post(`/api/campaigns/${campaign.id}/contacts`, { patientIds: ids });
    await nurse.post(`/api/campaigns/${campaign.id}/schedule`);

    // Calls up on both gateways: then gateway-1 dies.
    const leased = async () => (await pool.query<{ id: string; holder: string }>(
      `SELECT id::text, lease_holder AS holder FROM call_attempts WHERE campaign_id = $1 AND state = 'dialing' AND lease_until > now()`, [campaign.id])).rows;
    const upAtKill = await waitFor('calls in progress on both gateways', async () => {
      const rows = await leased();
      const on = new Set(rows.map((r) => holders[r.holder]));
      return on.has(gw1.name) && on.has(gw2.name) ? rows : undefined;
    }, 90_000).catch(async (err: unknown) => {
      const rows = await pool.query<{ k: string; n: number }>(
        `SELECT state || COALESCE('/' || reason, '') || ' ' || COALESCE(lease_holder, '-') AS k, count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 GROUP BY 1`, [campaign.id]);
      throw new Error(`${(err as Error).message}; attempts: ${JSON.stringify(rows.rows)}; holders ${JSON.stringify(holders)}`);
    });
    const survivors = upAtKill.filter((r) => holders[r.holder] === gw2.name).map((r) => r.id);
    const killedAt = Date.now();
    await gw1.role.kill();

    // The edge marks it inactive within the probing interval (plus slack); gateway-2 stays active.
    const downAfterMs = await waitFor('gateway-1 marked inactive at the edge', async () => {
      const s = await t.dispatcherState();
      return s[gw1.dispatcherUri]?.startsWith('I') ? Date.now() - killedAt : undefined;
    }, 30_000, 250);
    console.log(`topology: gateway-1 marked inactive ${downAfterMs} ms after SIGKILL (probe interval ${PROBE_S} s); ${survivors.length} calls up on gateway-2, ${upAtKill.length - survivors.length} on gateway-1`);
    expect(downAfterMs).toBeLessThanOrEqual(PROBE_S * 1000 + MARK_DOWN_SLACK_MS);
    expect((await t.dispatcherState())[gw2.dispatcherUri]).toMatch(/^A/);

    // New hotline calls through the edge: all answered, all by gateway-2.
    expect(await hotlineCalls(t.edge.port, 3)).toEqual([gw2.sipPort, gw2.sipPort, gw2.sipPort]);

    // The campaign finishes; the calls gateway-2 carried at the kill ended normally and were filed.
    await waitFor('the campaign completed', async () => {
      const r = await pool.query<{ state: string }>('SELECT state FROM campaigns WHERE id = $1', [campaign.id]);
      return r.rows[0]?.state === 'completed' ? true : undefined;
    }, 150_000, 1000);
    const survived = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_attempts a JOIN call_results r ON r.attempt_id = a.id
        WHERE a.id = ANY($1::bigint[]) AND a.state = 'answered' AND r.hangup_reason IS DISTINCT FROM 'error'`, [survivors]);
    expect(survived.rows[0]!.n).toBe(survivors.length);
    // Calls placed after the kill went out through gateway-2 only, and were answered. worker-1 still
    // dials through its dead gateway-1: those attempts fail as gateway faults (the patient's phone
    // never rang; the campaign's breaker holds off) and are retried, by worker-2 in the end.
    const after = await pool.query<{ holder: string | null; state: string; reason: string | null; n: number }>(
      `SELECT lease_holder AS holder, state, reason, count(*)::int AS n FROM call_attempts
        WHERE campaign_id = $1 AND started_at > $2::timestamptz + interval '1 second' GROUP BY 1, 2, 3`, [campaign.id, new Date(killedAt)]);
    console.log('topology: attempts after the kill', after.rows.map((r) => `${holders[r.holder ?? ''] ?? r.holder}/${r.state}${r.reason ? `/${r.reason}` : ''}: ${r.n}`).join(', '));
    const carried = after.rows.filter((r) => r.holder !== 'claim' && r.holder !== null);
    expect(carried.every((r) => holders[r.holder!] === gw2.name)).toBe(true);
    expect(carried.some((r) => r.state === 'answered')).toBe(true);
    expect(after.rows.filter((r) => !carried.includes(r)).every((r) => r.state === 'failed' && r.reason === 'gateway_unreachable')).toBe(true);
    // Every patient reached: each contact completed.
    const contacts = await pool.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM contacts WHERE campaign_id = $1 GROUP BY 1', [campaign.id]);
    expect(Object.fromEntries(contacts.rows.map((r) => [r.state, r.n]))).toEqual({ completed: PATIENTS });
  }, 300_000);
});
