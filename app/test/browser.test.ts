/**
 * The nurse console in Debian's Chromium (playwright-core, never a downloaded browser), against a
 * fastify app with the console, the campaigns API (real PostgreSQL, own schema), a stub dialer
 * and the media gateway with fake speech engines for the test call. Hotline calls are real calls
 * through the media WebSocket (Twilio dialect, DTMF answers), filed by fileInboundCall with their
 * recording, as the gateway role files them. Screenshots: test-artifacts/.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { fileInboundCall, startWorker, StubDialer, type CallOutcome, type DialWorker } from '@tingzhen/campaigns';
import { createAdminUser, createUser } from '@tingzhen/console';
import { createPipelineCallHandler, gatewayPlugin, signToken, TestCaller } from '@tingzhen/voice-gateway';
import { callResult, type CallReport } from '@tingzhen/voice-core';
import { FakeAsr, FakeTts, FakeVad } from '@tingzhen/voice-core/testing';
import { dialogFor } from '../src/roles/dialog.js';
import { makeConsoleEnv, type ConsoleEnv } from './console-helpers.js';
import { launchConsoleBrowser, prepareConsoleBuild, type ConsoleBrowser } from './browser-helpers.js';

const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? fileURLToPath(new URL('../../../shared/models', import.meta.url));
const MIC_WAV = join(MODELS_DIR, 'test-wavs-zh', 'IT0011W0001.wav');
const SECRET = 'browser-test-gateway-secret-0123456789';
const PASSWORD = 'browser-test-password';
/** The triage-hotline script's questions and the keys that answer them: yes, chest pain, no, yes -> red flag chest-pain-cardiac, D1. */
const RED_FLAG_KEYS: readonly [string, string][] = [['可以开始吗', '1'], ['哪里不舒服', '1'], ['喘不上气', '2'], ['压榨样', '1']];

/**
 * A real hotline call through the gateway's media WebSocket: TestCaller (Twilio dialect, real-time
 * audio) on a socket whose start message also carries the caller's number, as a carrier's media
 * stream does (TestCaller itself sends none). Each key is pressed once the bot has asked its
 * question (the gateway's tz.transcript lines); resolves when the bot has hung up.
 */
async function callHotline(base: string, o: { callId: string; from: string; token: string; keys: readonly [string, string][] }): Promise<void> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/media/native?token=${o.token}`);
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  const send = ws.send.bind(ws) as (data: string) => void;
  (ws as unknown as { send: (data: unknown) => void }).send = (data) => {
    const m = typeof data === 'string' ? JSON.parse(data) as { event?: string; start?: Record<string, unknown> } : null;
    if (m?.event === 'start' && m.start) send(JSON.stringify({ ...m, start: { ...m.start, from: o.from, to: '12320' } }));
    else send(data as string);
  };
  const caller = new TestCaller({ url: 'ws://unused', socket: ws, callId: o.callId, parameters: { lang: 'zh', tzStats: '1' } });
  await caller.connect();
  try {
    for (const [question, key] of o.keys) {
      await expect.poll(() => caller.transcript.some((e) => e.speaker === 'bot' && String(e.text).includes(question)), { timeout: 20_000, interval: 50 }).toBe(true);
      caller.sendDtmf(key);
    }
    await caller.waitClosed(30_000);
  } finally {
    if (!caller.closed) caller.hangup();
  }
}

describe('nurse console in Chromium', () => {
  let env: ConsoleEnv;
  let worker: DialWorker;
  let browser: ConsoleBrowser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let profile: string;
  const shot = (name: string) => browser.shot(name);

  beforeAll(async () => {
    prepareConsoleBuild();
    profile = mkdtempSync(join(tmpdir(), 'tz-chromium-'));
    const recordings = mkdtempSync(join(profile, 'rec-'));
    copyFileSync(MIC_WAV, join(recordings, 'call-wf.wav'));
    env = await makeConsoleEnv('browser', {
      testCallToken: (user, call) => signToken(SECRET, { kind: 'testcall', ttlMs: 60_000, sub: user.username, script: call.scriptId, lang: call.lang, dialect: call.dialect }), escalateAfterMinutes: 30,
      recordingFile: (ref) => (/^[A-Za-z0-9_-]+\.wav$/.test(ref) ? join(recordings, ref) : null),
    }, async (app) => {
      // As the gateway role (app/src/roles/gateway.ts): hotline calls recorded (the script announces it) and filed by fileInboundCall.
      const onCall = createPipelineCallHandler({
        engines: { vad: new FakeVad(), asr: new FakeAsr({ utterances: [] }), tts: new FakeTts({ msPerChar: 20 }) },
        dialogFor: (leg) => {
          const chosen = dialogFor({ scriptId: leg.info.parameters?.script, lang: leg.info.parameters?.lang, callDate: new Date().toISOString().slice(0, 10), hospitalName: '测试医院', record: true }, 'triage-hotline');
          return { ...chosen.driver, recorded: chosen.recorded };
        },
        recording: { dir: recordings, layout: 'stereo' },
        sink: { write: async (report: CallReport) => { await fileInboundCall(env.pool, report); } },
      });
      await app.register(gatewayPlugin, { auth: { secret: SECRET }, onCall, metricsRoute: false });
    });
    await createAdminUser(env.pool, { username: 'chief', password: PASSWORD, displayName: '护士长' });
    await createUser(env.pool, { username: 'viewer1', password: PASSWORD, role: 'viewer' });
    const dialer = new StubDialer({ callMs: 300, outcome: (req): CallOutcome => ({ kind: 'answered', amd: 'human', result: callResult({
      answers: { fever: { type: 'boolean', value: req.patient.name === '王芳' }, pain: { type: 'number', value: 3, confidence: 0.88 } },
      disposition: req.patient.name === '王芳' ? 'D4' : 'D1', redFlags: req.patient.name === '王芳' ? ['sepsis-signs'] : [], durationMs: 65_000, summary: '术后随访', tags: ['post-op'], recordingRef: req.patient.name === '王芳' ? 'call-wf.wav' : null,
      callbacks: req.patient.name === '王芳' ? [{ reason: 'human-requested', delayMinutes: 120 }] : [],
      transcript: [{ speaker: 'bot', text: '您好，这里是医院的智能语音助手。', startMs: 0, endMs: 3000 }, { speaker: 'patient', text: '我有点发烧', startMs: 3600, endMs: 5200, confidence: 0.91 },
        { speaker: 'bot', text: '请问体温最高多少度？', startMs: 5950, endMs: 8000 }],
    }) }) });
    worker = startWorker({ pool: env.pool, connection: env.connection, dialer, voicemailMessage: 'City Hospital, please call 12320.' });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    browser = await launchConsoleBrowser('chromium', {
      args: ['--disable-quic', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${MIC_WAV}`, '--autoplay-policy=no-user-gesture-required'],
    });
    ({ context, page } = browser);
    await context.grantPermissions(['microphone'], { origin: base });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await env?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('signs in (zh-CN first) and switches the UI to English and back', async () => {
    expect(existsSync(MIC_WAV)).toBe(true);
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByRole('heading', { name: '登录' }).count(), { timeout: 20_000 }).toBe(1);
    await shot('login');
    await page.getByLabel('用户名').fill('chief');
    await page.getByLabel('密码').fill('wrong-password!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation').getByRole('link', { name: '待办' }).waitFor();
    expect(page.url()).toBe(`${base}/worklist`);
    await page.getByLabel('Language / 语言').selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Worklist' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await shot('worklist-en');
    await page.getByLabel('Language / 语言').selectOption('zh-CN');
    await page.getByRole('navigation').getByRole('link', { name: '患者' }).waitFor();
  });

  it('imports a CSV with a bad row: errors shown before confirming, then only valid rows imported', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '患者' }).click();
    const csv = join(profile, 'patients.csv');
    writeFileSync(csv, 'mrn,name,phone,consent_status,department\nM100,王芳,+8613800138000,granted,心内科\nM101,李雷,12345,granted,骨科\nM102,赵敏,13800138002,granted,骨科\nM103,孙丽,+8613900139000,granted,心内科\n');
    await page.getByLabel('选择文件').setInputFiles(csv);
    await page.getByRole('button', { name: '检查文件' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await page.getByTestId('import-invalid').textContent()).toBe('1');
    expect(await page.getByTestId('import-valid').textContent()).toBe('3');
    expect(await report.locator('table.errors tbody tr').first().textContent()).toContain('3');
    // The bad phone's row names the column by its label, never the internal field name.
    expect(await report.locator('table.errors tbody tr').first().locator('td').nth(1).textContent()).toBe('电话');
    expect((await env.pool.query('SELECT count(*)::int AS n FROM patients')).rows[0].n).toBe(0);
    await shot('patients-import-check');
    await page.getByRole('button', { name: /确认导入有效行/ }).click();
    await page.getByTestId('import-imported').filter({ hasText: '3' }).waitFor();
    await page.getByTestId('patients-table').getByRole('cell', { name: 'M102', exact: true }).waitFor();
    // Search, then edit consent and do-not-call of one patient.
    await page.getByLabel('搜索').fill('赵');
    await expect.poll(() => page.getByTestId('patients-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    await page.getByLabel('同意状态 M102').selectOption('withdrawn');
    await page.getByLabel('勿电联 M102').check();
    await page.getByLabel('原因 M102').fill('家属要求');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    const row = (await env.pool.query("SELECT consent_status, do_not_call, do_not_call_reason FROM patients WHERE mrn = 'M102'")).rows[0];
    expect(row).toEqual({ consent_status: 'withdrawn', do_not_call: true, do_not_call_reason: '家属要求' });
    await page.getByLabel('搜索').fill('');
    await shot('patients');
  });

  it('creates a campaign from a built-in script with a bilingual preview, starts it and watches progress live', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '随访活动' }).click();
    await page.getByRole('link', { name: '新建随访活动' }).click();
    await page.getByLabel('活动名称').fill('术后随访 11月');
    await page.getByLabel('话术脚本').selectOption('post-op-followup');
    const preview = page.getByTestId('script-preview');
    await expect.poll(async () => preview.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    const first = await preview.locator('tbody tr').first().textContent();
    expect(first).toMatch(/[\u4e00-\u9fff]/);
    expect(first).toMatch(/[A-Za-z]{4,}/);
    await page.getByRole('button', { name: '全天' }).click();
    await page.getByLabel('周日 03:00-04:00').uncheck();
    await page.getByLabel('全选').check();
    await shot('campaign-create');
    await page.getByRole('button', { name: '创建', exact: true }).click();
    await page.getByTestId('campaign-state').filter({ hasText: '草稿' }).waitFor();
    const id = /\/campaigns\/(\d+)$/.exec(page.url())![1]!;
    const c = (await env.pool.query('SELECT windows, (SELECT count(*)::int FROM contacts WHERE campaign_id = $1) AS n FROM campaigns WHERE id = $1', [id])).rows[0];
    expect(c.n).toBe(2); // the do-not-call patient could not be picked
    expect(c.windows.sun).toEqual([['00:00', '03:00'], ['04:00', '24:00']]);
    await page.getByRole('button', { name: '开始' }).click();
    // Progress arrives over server-sent events: no reload.
    await page.getByTestId('progress-done').filter({ hasText: '2' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('count-answered').filter({ hasText: '2' }).waitFor();
    expect(await page.getByTestId('progress-total').textContent()).toBe('2');
    await page.getByTestId('outcome-chart').waitFor({ timeout: 10_000 });
    await page.getByTestId('campaign-state').filter({ hasText: '已完成' }).waitFor({ timeout: 10_000 });
    await shot('campaign-progress');
  });

  it('lists results with filters and opens a call page with transcript, answers and summary', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '通话结果' }).click();
    await expect.poll(() => page.getByTestId('results-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    await page.getByLabel('处置').selectOption('D4');
    await page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => page.getByTestId('results-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    await page.getByLabel('处置').selectOption('');
    await page.getByLabel('危险信号').selectOption({ label: '脓毒症征象' });
    await page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => page.getByTestId('results-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('results-table').locator('tbody tr').first().textContent()).toContain('D4 · 当天就诊');
    await shot('results');
    await page.getByTestId('results-table').locator('tbody tr a').first().click();
    await page.getByTestId('result-disposition').filter({ hasText: 'D4 · 当天就诊' }).waitFor();
    expect(await page.getByTestId('transcript').textContent()).toContain('我有点发烧');
    expect(await page.getByTestId('transcript').textContent()).toContain('0.91');
    // Answers by their question (the script's words) and values as words: a 0-10 scale out of 10.
    expect(await page.getByTestId('answers').getByLabel(/伤口疼痛大概几分/).inputValue()).toBe('3 / 10');
    expect(await page.getByTestId('turn-latency').textContent()).toContain('750 ms');
    await shot('call');
    // A retry that resumed a call cut by a crash says so, and marks the answers it kept.
    const shown = /\/results\/(\d+)$/.exec(page.url())![1]!;
    const cut = (await env.pool.query('SELECT attempt_id FROM call_results WHERE id <> $1 ORDER BY id LIMIT 1', [shown])).rows[0].attempt_id as string;
    await env.pool.query(`UPDATE call_results SET resumed_from = $2, carried_answers = '{pain}', answers = jsonb_set(answers, '{pain,fromAttemptId}', to_jsonb($3::text)) WHERE id = $1`, [shown, cut, String(cut)]);
    await page.reload();
    await page.getByTestId('result-resumed').filter({ hasText: `尝试 #${cut}` }).waitFor();
    expect(await page.getByTestId('result-resumed').textContent()).toContain('伤口疼痛大概几分');
    expect(await page.getByTestId('carried-answer').textContent()).toBe(`沿用自尝试 #${cut}`);
    const src = await page.getByTestId('recording').getAttribute('src');
    const rec = await page.request.get(`${base}${src}`);
    expect(rec.status()).toBe(200);
    expect(rec.headers()['content-type']).toBe('audio/wav');
    expect((await rec.body()).subarray(0, 4).toString()).toBe('RIFF');
    const audited = await env.pool.query("SELECT actor, entity FROM audit_log WHERE entity IN ('call_result', 'recording') AND action = 'read' AND entity_id IS NOT NULL");
    expect(audited.rows).toEqual(expect.arrayContaining([{ actor: 'user:chief', entity: 'call_result' }, { actor: 'user:chief', entity: 'recording' }]));
  });

  it('shows the red-flag call on the worklist with a badge; claim and resolve with a note', async () => {
    await page.getByTestId('worklist-badge').filter({ hasText: '1' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: /待办/ }).click();
    const item = page.getByTestId('worklist').locator('li').first();
    await item.filter({ hasText: '王芳' }).waitFor();
    // the nurse reads the red flag and the reason by name, not the engine's ids
    expect(await item.textContent()).toContain('脓毒症征象');
    expect(await item.textContent()).toContain('危险信号');
    expect(await item.textContent()).not.toContain('sepsis-signs');
    // ...with the number to ring back, the call-back time asked for, and the call's transcript one click away.
    expect(await item.getByRole('link', { name: /拨回/ }).getAttribute('href')).toBe('tel:+8613800138000');
    expect(await item.getByTestId('esc-callback').textContent()).toContain('约定回电');
    const resultId = (await env.pool.query("SELECT r.id::text FROM call_results r JOIN patients p ON p.id = r.patient_id WHERE p.name = '王芳'")).rows[0].id as string;
    expect(await item.getByRole('link', { name: '通话记录' }).getAttribute('href')).toBe(`/results/${resultId}`);
    await shot('worklist');
    await item.getByRole('button', { name: '认领' }).click();
    await item.filter({ hasText: '认领人 护士长' }).waitFor();
    await item.getByLabel('处理记录').fill('已回电，建议门诊复查');
    await item.getByRole('button', { name: '处理完成' }).click();
    await page.getByTestId('worklist').waitFor({ state: 'detached' });
    await page.getByTestId('worklist-badge').waitFor({ state: 'detached' });
    const esc = (await env.pool.query('SELECT state, claimed_by, resolved_by, resolution_note FROM escalations')).rows;
    expect(esc).toEqual([{ state: 'resolved', claimed_by: 'user:chief', resolved_by: 'user:chief', resolution_note: '已回电，建议门诊复查' }]);
  });

  it('makes a test call from the fake microphone and hears the bot, with live turn latencies', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '测试通话' }).click();
    await page.getByLabel('话术脚本').selectOption('triage-hotline');
    await page.getByRole('button', { name: '开始通话' }).click();
    await page.getByTestId('call-status').filter({ hasText: '已连接' }).waitFor();
    // The bot's first prompt: its audio plays, and the gateway reports the opening turn.
    await expect.poll(async () => Number(await page.getByTestId('bot-audio-ms').getAttribute('data-ms')), { timeout: 20_000 }).toBeGreaterThan(1000);
    await page.getByTestId('live-turns').locator('tbody tr').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('live-turns').locator('tbody tr').first().textContent()).toContain('start');
    await shot('test-call');
    await page.getByRole('button', { name: '挂断' }).click();
    await page.getByTestId('call-status').filter({ hasText: '已断开' }).waitFor();
  });

  it('a test call never appears on the worklist: the console test call, and one that raised a red flag', async () => {
    // The console phone's call above, and a test call that answered like a real emergency.
    await callHotline(base, { callId: 'CA-browser-testcall', from: '+8613700137000', token: signToken(SECRET, { kind: 'testcall', ttlMs: 60_000, sub: 'nurse', script: 'triage-hotline', lang: 'zh', dialect: 'native' }), keys: RED_FLAG_KEYS });
    await expect.poll(async () => (await env.pool.query('SELECT count(*)::int AS n FROM inbound_calls WHERE is_test')).rows[0].n, { timeout: 20_000 }).toBe(2);
    const filed = (await env.pool.query("SELECT id::text, red_flags, disposition FROM inbound_calls WHERE call_id = 'CA-browser-testcall'")).rows[0];
    expect(filed).toMatchObject({ red_flags: ['chest-pain-cardiac'], disposition: 'D1' });
    expect((await env.pool.query('SELECT count(*)::int AS n FROM escalations WHERE inbound_call_id IS NOT NULL')).rows[0].n).toBe(0);
    await page.getByRole('navigation').getByRole('link', { name: /待办/ }).click();
    await page.getByRole('heading', { name: '待办' }).waitFor();
    await page.getByTestId('empty').filter({ hasText: '目前没有需要处理的待办' }).waitFor();
    expect(await page.getByTestId('worklist-badge').count()).toBe(0);
    expect(((await (await page.request.get(`${base}/api/escalations`)).json()) as { items: unknown[] }).items.filter((x) => (x as { kind: string }).kind === 'hotline')).toEqual([]);
    // The hotline list leaves test calls out unless asked for, and marks them.
    await page.getByRole('navigation').getByRole('link', { name: '热线来电' }).click();
    await page.getByTestId('empty').filter({ hasText: '还没有热线来电' }).waitFor();
    expect(await page.getByTestId('hotline-table').count()).toBe(0);
    await page.getByLabel('显示测试通话').check();
    await expect.poll(() => page.getByTestId('hotline-table').locator('tbody tr[data-test-call]').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('hotline-table').textContent()).toContain('测试通话');
    await page.getByLabel('显示测试通话').uncheck();
    await page.getByTestId('empty').filter({ hasText: '还没有热线来电' }).waitFor();
  });

  it('a nurse sees the hotline red-flag call on the worklist with its caller number, opens the transcript, plays the recording, claims and resolves it', async () => {
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => { requests.push(new URL(r.url()).pathname); };
    page.on('request', onRequest);
    await page.getByRole('navigation').getByRole('link', { name: /待办/ }).click();
    await page.getByRole('heading', { name: '待办' }).waitFor();
    // A real call: the caller presses 1 (start), 1 (chest pain), 2 (no to the screen), 1 (crushing pain): a red flag; the bot says to call 120 and hangs up.
    await callHotline(base, { callId: 'CA-browser-hotline', from: '+8613912345678', token: signToken(SECRET, { ttlMs: 60_000 }), keys: RED_FLAG_KEYS });
    const filed = () => env.pool.query<{ id: string; recording_ref: string | null; is_test: boolean }>("SELECT id::text, recording_ref, is_test FROM inbound_calls WHERE call_id = 'CA-browser-hotline'");
    await expect.poll(async () => (await filed()).rows.length, { timeout: 20_000 }).toBe(1);
    const call = (await filed()).rows[0]!;
    expect(call).toMatchObject({ recording_ref: 'CA-browser-hotline.wav', is_test: false });
    // It arrives on the worklist live (server-sent events), first, by name: never #null.
    await page.getByTestId('worklist-badge').filter({ hasText: '1' }).waitFor({ timeout: 20_000 });
    const item = page.getByTestId('worklist').locator('li').first();
    await item.filter({ hasText: '热线来电' }).waitFor();
    const text = (await item.textContent())!;
    // The list shows the caller's number by its last four digits (the call's page shows it whole).
    for (const expected of ['热线来电', '•••• 5678', '热线：危险信号', '胸痛（疑似心源性）', 'D1 · 立即拨打120', '危险信号']) expect(text).toContain(expected);
    for (const raw of ['#null', 'null', 'chest-pain-cardiac', 'hotline_red_flag', '+8613912345678']) expect(text).not.toContain(raw);
    expect(await item.getByRole('link', { name: /拨回/ }).getAttribute('href')).toBe('tel:+8613912345678');
    await shot('worklist-hotline');
    // The call page: transcript with speakers, answers, disposition, recording.
    await item.getByRole('link', { name: '通话记录' }).click();
    await page.getByTestId('hotline-disposition').filter({ hasText: 'D1 · 立即拨打120' }).waitFor();
    expect(page.url()).toBe(`${base}/hotline/${call.id}`);
    expect(await page.getByTestId('hotline-flags').textContent()).toBe('胸痛（疑似心源性）');
    expect(await page.getByTestId('hotline-number').textContent()).toBe('+8613912345678');
    const transcript = (await page.getByTestId('transcript').textContent())!;
    for (const expected of ['机器人', '来电者', '胸痛是不是压榨样', '按键', '拨打120']) expect(transcript).toContain(expected);
    expect(await page.getByTestId('answers').getByLabel(/胸痛是不是压榨样/).inputValue()).toBe('是');
    expect(await page.getByTestId('answers').getByLabel(/哪里不舒服/).inputValue()).toBe('胸痛');
    const audio = page.getByTestId('recording');
    expect(await audio.getAttribute('src')).toBe(`/api/recordings/inbound/${call.id}`);
    type Audio = { play(): Promise<void>; readyState: number; duration: number };
    await audio.evaluate((a) => { void (a as unknown as Audio).play().catch(() => undefined); });
    // The element loaded the file through the audited route: metadata read, a duration of seconds.
    await expect.poll(() => audio.evaluate((a) => { const el = a as unknown as Audio; return el.readyState >= 1 && el.duration > 0 ? el.duration : 0; }), { timeout: 20_000 }).toBeGreaterThan(1);
    await shot('hotline-call');
    const audited = await env.pool.query("SELECT actor, entity, entity_id, patient_id, details FROM audit_log WHERE action = 'read' AND entity IN ('inbound_call', 'recording') AND entity_id = $1", [call.id]);
    expect(audited.rows).toEqual(expect.arrayContaining([
      { actor: 'user:chief', entity: 'inbound_call', entity_id: call.id, patient_id: null, details: {} },
      { actor: 'user:chief', entity: 'recording', entity_id: call.id, patient_id: null, details: { table: 'inbound_calls' } },
    ]));
    // Bad and unknown ids: 400 and 404, never 500.
    expect((await page.request.get(`${base}/api/recordings/inbound/abc`)).status()).toBe(400);
    expect((await page.request.get(`${base}/api/recordings/inbound/999999`)).status()).toBe(404);
    expect((await page.request.get(`${base}/api/inbound-calls/null`)).status()).toBe(400);
    // Back on the worklist: claim, then resolve with a note.
    await page.getByRole('navigation').getByRole('link', { name: /待办/ }).click();
    const again = page.getByTestId('worklist').locator('li').first();
    await again.filter({ hasText: '热线来电' }).waitFor();
    await again.getByRole('button', { name: '认领' }).click();
    await again.filter({ hasText: '认领人 护士长' }).waitFor();
    await again.getByLabel('处理记录').fill('已回电，来电者已拨打120');
    await again.getByRole('button', { name: '处理完成' }).click();
    await page.getByTestId('worklist').waitFor({ state: 'detached' });
    await page.getByTestId('worklist-badge').waitFor({ state: 'detached' });
    const esc = (await env.pool.query('SELECT state, claimed_by, resolved_by, resolution_note, reason, patient_id FROM escalations WHERE inbound_call_id = $1', [call.id])).rows;
    expect(esc).toEqual([{ state: 'resolved', claimed_by: 'user:chief', resolved_by: 'user:chief', resolution_note: '已回电，来电者已拨打120', reason: 'hotline_red_flag', patient_id: null }]);
    expect(requests.filter((r) => r.includes('/null'))).toEqual([]);
    expect(requests.filter((r) => r.startsWith('/api/patients/'))).toEqual([]);
    // After retention deleted the file the call page says so, and the route answers 404.
    await env.pool.query('UPDATE inbound_calls SET recording_deleted_at = now() WHERE id = $1', [call.id]);
    await page.goto(`${base}/hotline/${call.id}`);
    await page.getByTestId('recording-deleted').filter({ hasText: '录音已按保存期限删除' }).waitFor();
    expect(await page.getByTestId('recording').count()).toBe(0);
    expect((await page.request.get(`${base}/api/recordings/inbound/${call.id}`)).status()).toBe(404);
    page.off('request', onRequest);
  });

  it('a viewer cannot reach admin or clinical pages, nor their API routes', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    // Keyboard only: type, Tab to the password, Enter submits.
    await page.getByLabel('用户名').focus();
    await page.keyboard.type('viewer1');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '随访活动' }).waitFor();
    for (const name of ['用户管理', '患者', '通话结果', '待办', '测试通话', '热线来电']) expect(await nav.getByRole('link', { name }).count(), name).toBe(0);
    await page.goto(`${base}/users`);
    await page.getByTestId('forbidden').waitFor();
    await shot('viewer-forbidden');
    await page.goto(`${base}/patients`);
    await page.getByTestId('forbidden').waitFor();
    const api = page.request;
    expect((await api.get(`${base}/api/users`)).status()).toBe(403);
    expect((await api.get(`${base}/api/patients`)).status()).toBe(403);
    expect((await api.get(`${base}/api/escalations`)).status()).toBe(403);
    expect((await api.post(`${base}/api/testcall`, { data: { scriptId: 'triage-hotline' } })).status()).toBe(403);
    expect((await api.get(`${base}/api/recordings/1`)).status()).toBe(403);
    expect((await api.get(`${base}/api/recordings/inbound/1`)).status()).toBe(403);
    expect((await api.get(`${base}/api/inbound-calls`)).status()).toBe(403);
    expect((await api.get(`${base}/api/inbound-calls/1`)).status()).toBe(403);
    expect((await api.get(`${base}/api/campaigns`)).status()).toBe(200);
    // The viewer still sees campaign progress.
    await page.goto(`${base}/campaigns`);
    await page.getByRole('link', { name: '术后随访 11月' }).click();
    await page.getByTestId('progress-done').filter({ hasText: '2' }).waitFor();
    expect(await page.getByRole('button', { name: '开始' }).count()).toBe(0);
  });
});
