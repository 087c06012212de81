/**
 * Issue 20 item 4: `tingzhen call` against the composed platform, as an operator uses it:
 *   - --login signs a media token with the platform's secret; --script and --lang choose the call;
 *     the bot's words are printed; a long greeting does not trip --timeout (a silence timeout);
 *   - a refused token is reported as a refusal, exit 2 (not a 20 s timeout);
 *   - the jambonz (listen), mod_audio_fork and Asterisk chan_websocket dialects the gateway serves:
 *     each call runs to its end and is filed under the caller's own call id (jambonz was filed as
 *     "unknown" and stalled);
 *   - AudioSocket: a fresh call id per call, and the latency table has its rows.
 */
import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import callCommand from '../src/commands/call.js';
import { freePort, startTestPlatform, type TestPlatform } from './test-platform.js';

const SECRET = 'call-dialects-test-secret-0123456789';
let t: TestPlatform;
let ws = '';
let audioSocketPort = 0;

beforeAll(async () => {
  audioSocketPort = await freePort();
  t = await startTestPlatform('calldialects', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway', AUDIOSOCKET_PORT: String(audioSocketPort), DRAIN_TIMEOUT_MS: '1000' });
  ws = t.platform.url.replace('http', 'ws');
}, 60_000);
afterAll(async () => { await t?.dispose(); }, 60_000);

async function call(args: string[], env: Record<string, string> = { GATEWAY_AUTH_SECRET: SECRET }): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => { out += c.toString(); });
  stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const code = await callCommand.run(args, { stdin: Readable.from([]), stdout, stderr, env });
  return { code, out, err };
}

async function filed(callId: string): Promise<{ call_id: string; dialect: string; end_reason: string; outcome: string; script_id: string; lang: string }[]> {
  const c = new pg.Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    // Filing happens as the call ends; give it a moment.
    for (let i = 0; i < 50; i++) {
      const r = await c.query("SELECT call_id, dialect, end_reason, outcome, script_id, lang FROM inbound_calls WHERE call_id = $1 OR call_id LIKE $1 || '~%'", [callId]);
      if (r.rows.length > 0) return r.rows as never;
      await new Promise((res) => setTimeout(res, 200));
    }
    return [];
  } finally {
    await c.end();
  }
}

const CALL_ID = /call id (\S+)\)/;

describe('tingzhen call against the platform', () => {
  it('--login, --script and --lang: an English follow-up call, the bot\'s words printed, filed as chosen', async () => {
    // consent: "2" = not now; the bot says goodbye and hangs up.
    const r = await call([`${ws}/media/native`, '--login', '--script', 'post-op-followup', '--lang', 'en', '--dtmf', '2', '--timeout', '8000', '--max-call-ms', '90000']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^bot: Hello .*AI/m);
    expect(r.out).toMatch(/^1\s+dtmf 2\s+\d+ ms\s+dtmf\s/m);
    const id = CALL_ID.exec(r.out)![1]!;
    expect(await filed(id)).toEqual([expect.objectContaining({ script_id: 'post-op-followup', lang: 'en', dialect: 'native', end_reason: 'completed' })]);
  }, 120_000);

  it('a refused token is a refusal with the reason and exit 2, at once', async () => {
    const started = Date.now();
    const r = await call([`${ws}/media/native?token=not-a-token`, '--dtmf', '1'], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refused the stream before the call began: unauthorized \(WebSocket close 1008\); get a token with --login/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const login = await call([`${ws}/media/native`, '--login'], { TINGZHEN_DATA_DIR: t.dataDir });
    expect(login.code).toBe(2);
    expect(login.err).toContain('no gateway secret in');
  }, 60_000);

  for (const dialect of ['jambonz', 'audio-fork', 'asterisk'] as const) {
    it(`the ${dialect} dialect: the call runs to its end, filed under the caller's call id`, async () => {
      const r = await call([`${ws}/media/${dialect}`, '--login', '--script', 'post-op-followup', '--lang', 'en', '--dtmf', '2', '--timeout', '8000', '--max-call-ms', '90000']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^bot: Hello /m);
      const id = CALL_ID.exec(r.out)![1]!;
      expect(id).not.toBe('unknown');
      const rows = await filed(id);
      expect(rows).toEqual([expect.objectContaining({ call_id: id, dialect, script_id: 'post-op-followup', lang: 'en', end_reason: 'completed' })]);
      expect(rows[0]!.outcome).not.toBe('caller-hung-up');
    }, 120_000);
  }

  it('AudioSocket: a fresh call id per call, the client-side latency row, and says where the words are', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await call([`tcp://127.0.0.1:${audioSocketPort}`, '--dtmf', '0', '--timeout', '8000', '--max-call-ms', '90000'], {});
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^1\s+dtmf 0\s+\d+ ms\s+\(no server marks over this dialect\)/m);
      expect(r.out).toContain('not carried by AudioSocket');
      ids.push(CALL_ID.exec(r.out)![1]!);
    }
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) expect(await filed(id)).toEqual([expect.objectContaining({ call_id: id, dialect: 'audiosocket' })]);
  }, 180_000);
});
