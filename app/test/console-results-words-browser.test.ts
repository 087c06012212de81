/**
 * Results a nurse reads (issue 18 item 2), in Debian's Chromium, zh-CN and en: a follow-up call
 * result and two hotline calls (one with a triage answer whose findings carry the caller's words,
 * filed by fileInboundCall as the gateway files them) seeded into the console's own schema. Each
 * page shows words, never the engine's ids: answers by their question's text, values as words,
 * the script by its title, staff by name, the patient's name in the results list and its search,
 * the call page's triage (red flags with the words that showed them, the disposition and the
 * department by name, the deciding rule), transcript, recording player and worklist item, and a
 * worklist with no #null and the caller's number masked. Screenshots: test-artifacts/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fileInboundCall, type InboundCallReport } from '@tingzhen/campaigns';
import { createAdminUser } from '@tingzhen/console';
import { writeWav, type DialogResult, type TriageDecision } from '@tingzhen/voice-core';
import { makeConsoleEnv, type ConsoleEnv } from './console-helpers.js';
import { launchConsoleBrowser, prepareConsoleBuild, signInPage, type ConsoleBrowser } from './browser-helpers.js';

const PASSWORD = 'results-words-password';
const HOTLINE_NUMBER = '+8613800138000';
const CHEST_WORDS = ['胸口压着疼', '出冷汗'];
const OTHER_WORDS = '走路快了就胸闷';

/** A hotline call report as the gateway files it (triage-hotline, Mandarin). */
function hotlineReport(callId: string, result: Partial<DialogResult>, over: Partial<InboundCallReport> = {}): InboundCallReport {
  return {
    callId, dialect: 'twilio', endReason: 'completed', outcome: 'completed', durationMs: 52_000, turns: [{ turn: 1, gapMs: 410, via: 'speech' }], bargeIns: [], underruns: 0, events: [],
    test: false, callerNumber: HOTLINE_NUMBER, calledNumber: '12320',
    transcript: [
      { speaker: 'bot', text: '请简单说说哪里不舒服，是您本人还是家人，从什么时候开始的。', startMs: 0, endMs: 4000 },
      { speaker: 'caller', text: `我${CHEST_WORDS[0]}，还${CHEST_WORDS[1]}`, startMs: 4600, endMs: 8200, confidence: 0.9 },
    ],
    result: { scriptId: 'triage-hotline', scriptVersion: 1, scriptHash: 'h', lang: 'zh', answers: {}, saved: {}, disposition: 'D6', redFlags: [], department: null, tags: [],
      outcome: 'completed', doNotCall: false, ...result },
    ...over,
  };
}

describe('results a nurse reads, in Chromium (zh-CN and en)', () => {
  let env: ConsoleEnv;
  let browser: ConsoleBrowser;
  let page: Page;
  let base: string;
  let recordings: string;
  const ids = { wang: '', li: '', red: '', cardio: '', redEsc: '', wangEsc: '' };

  beforeAll(async () => {
    prepareConsoleBuild();
    recordings = mkdtempSync(join(tmpdir(), 'tz-results-words-'));
    // One second of a 440 Hz tone: a real file the <audio> element must load through the audited route.
    const samples = Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
    for (const name of ['result-wang.wav', 'hotline-red.wav']) writeFileSync(join(recordings, name), writeWav({ sampleRate: 8000, samples }));
    env = await makeConsoleEnv('results_words', { recordingFile: (ref) => (/^[a-z-]+\.wav$/.test(ref) ? join(recordings, ref) : null) });
    await createAdminUser(env.pool, { username: 'chief', password: PASSWORD, displayName: '护士长' });

    // Two follow-up call results (post-op-followup), as the gateway files them, each with its patient, campaign, contact and attempt.
    const one = async (sql: string, params: unknown[]) => (await env.pool.query<{ id: string }>(sql, params)).rows[0]!.id;
    const campaign = await one(`INSERT INTO campaigns (name, script_id, script_version, timezone, start_date, windows, retry_delays_minutes, max_attempts, state)
      VALUES ('术后随访', 'post-op-followup', '1', 'Asia/Shanghai', current_date, '{}', '{}', 1, 'completed') RETURNING id::text`, []);
    const result = async (name: string, mrn: string, phone: string, answers: Record<string, unknown>, o: { disposition: string; redFlags: string[]; recording: string | null }) => {
      const patient = await one(`INSERT INTO patients (mrn, name, phones, consent_status) VALUES ($1, $2, ARRAY[$3], 'granted') RETURNING id::text`, [mrn, name, phone]);
      const contact = await one(`INSERT INTO contacts (campaign_id, patient_id, state) VALUES ($1, $2, 'completed') RETURNING id::text`, [campaign, patient]);
      const attempt = await one(`INSERT INTO call_attempts (contact_id, campaign_id, patient_id, seq, state, scheduled_for, phone, started_at)
        VALUES ($1, $2, $3, 1, 'answered', now(), $4, now()) RETURNING id::text`, [contact, campaign, patient, phone]);
      const id = await one(`INSERT INTO call_results (attempt_id, contact_id, campaign_id, patient_id, answers, disposition, red_flags, transcript, recording_ref, duration_ms,
          script_id, script_version, outcome, lang, tags)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 61000, 'post-op-followup', '1', 'red-flag', 'zh', '{post-op}') RETURNING id::text`,
      [attempt, contact, campaign, patient, JSON.stringify(answers), o.disposition, o.redFlags, JSON.stringify([
        { speaker: 'bot', text: '伤口周围有没有红肿、发热？', startMs: 0, endMs: 3000 }, { speaker: 'patient', text: '没有红肿，就是有点发烧', startMs: 3500, endMs: 6000, confidence: 0.9 }]),
      o.recording]);
      return { patient, id };
    };
    const wang = await result('王芳', 'MRN-RW-1', '+8613811112222', {
      consent: { expect: 'yes-no', value: { answer: 'yes' }, via: 'speech', confidence: 0.93 },
      wound: { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
      fever: { type: 'boolean', value: true },
      temperature: { expect: 'number', value: { value: 38.6, unit: '°C' } },
      pain: { expect: 'scale-0-10', value: { value: 4 } },
    }, { disposition: 'D4', redFlags: ['sepsis-signs'], recording: 'result-wang.wav' });
    const li = await result('李雷', 'MRN-RW-2', '+8613833334444', { wound: { type: 'boolean', value: false } }, { disposition: 'D6', redFlags: [], recording: null });
    ids.wang = wang.id; ids.li = li.id;
    ids.wangEsc = await one(`INSERT INTO escalations (call_result_id, patient_id, campaign_id, priority, reason, red_flags, state, claimed_by, claimed_at)
      VALUES ($1, $2, $3, 1, 'red_flag', '{sepsis-signs}', 'claimed', 'user:chief', now()) RETURNING id::text`, [wang.id, wang.patient, campaign]);

    // A red-flag hotline call whose triage answer carries its findings with the caller's words, and a routine one sent to cardiology.
    const triage: TriageDecision = {
      disposition: 'D1', redFlags: ['chest-pain-cardiac'], department: null, rule: 'red-flag:chest-pain-cardiac', complaint: 'chest-pain',
      findings: [{ id: 'chest-pain/chest-pain-cardiac-features', words: CHEST_WORDS }, { id: 'llm:exertional', words: [OTHER_WORDS] }], reviewedByLlm: true,
    };
    const red = await fileInboundCall(env.pool, hotlineReport('CA-words-red', {
      disposition: 'D1', redFlags: ['chest-pain-cardiac'], outcome: 'red-flag',
      answers: {
        consent: { expect: 'yes-no', value: { answer: 'yes' }, via: 'speech' },
        complaint: { expect: 'free-text', value: { choice: 'chest' }, text: `我${CHEST_WORDS.join('，')}`, via: 'speech', triage },
        'chest-1': { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
      },
    }, { recordingFile: 'hotline-red.wav', events: [{ type: 'alert', priority: 'urgent', reason: 'red-flag' }] }));
    const cardio = await fileInboundCall(env.pool, hotlineReport('CA-words-cardio', {
      disposition: 'D4', department: 'cardiology',
      answers: { complaint: { expect: 'free-text', value: { choice: 'chest' }, text: OTHER_WORDS, via: 'speech', triage: {
        disposition: 'D4', redFlags: [], department: 'cardiology', rule: 'complaint:chest-pain', complaint: 'chest-pain', findings: [{ id: 'chest-pain/exertional', words: [OTHER_WORDS] }],
      } } },
    }));
    ids.red = red.id; ids.cardio = cardio.id; ids.redEsc = red.escalationId!;
    expect(red.escalationId).not.toBeNull();
    expect(cardio.escalationId).toBeNull();
    await env.pool.query(`UPDATE escalations SET state = 'claimed', claimed_by = 'user:chief', claimed_at = now() WHERE id = $1`, [red.escalationId]);

    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    browser = await launchConsoleBrowser('results-words');
    page = browser.page;
    await signInPage(page, base, 'chief', PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
    if (recordings) rmSync(recordings, { recursive: true, force: true });
  });

  const LANGS = [
    { lang: 'zh-CN', tag: 'zh', name: '患者姓名', search: '按姓名搜索', filter: '筛选', script: '术后随访', hotlineScript: '导诊分诊热线', chief: '护士长',
      woundQ: '伤口周围有没有红肿', painQ: '伤口疼痛大概几分', yes: '是', no: '否', chestQ: '胸痛是不是压榨样', complaintQ: '哪里不舒服', chest: '胸痛',
      d1: 'D1 · 立即拨打120', d4: 'D4 · 当天就诊', flag: '胸痛（疑似心源性）', redRule: '危险信号', dept: '心内科', noItem: '此通话没有产生待办', hotline: '热线来电' },
    { lang: 'en', tag: 'en', name: 'Patient name', search: 'Search by name', filter: 'Filter', script: 'Post-operative follow-up', hotlineScript: 'Triage advice line', chief: '护士长',
      woundQ: 'Is the skin around it red', painQ: 'how bad is your pain', yes: 'Yes', no: 'No', chestQ: 'Is the chest pain crushing', complaintQ: 'what the problem is', chest: 'chest pain',
      d1: 'D1 · Call 120 now', d4: 'D4 · Be seen today', flag: 'Chest pain (possibly cardiac)', redRule: 'Red flag', dept: 'Cardiology', noItem: 'This call put nothing on the worklist', hotline: 'Hotline call' },
  ] as const;

  /** Every answer on the page: its label's text and its value. */
  const answers = (p: Page) => p.getByTestId('answers').locator('label').evaluateAll((ls) => ls.map((l) => ({ label: l.childNodes[0]?.textContent ?? '', value: (l.querySelector('input') as unknown as { value: string }).value })));

  for (const L of LANGS) {
    it(`${L.lang}: the results list has the patient's name and searches it; a result reads in words`, async () => {
      await page.goto(`${base}/results`);
      await page.getByLabel('Language / 语言').selectOption(L.lang);
      const table = page.getByTestId('results-table');
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
      expect(await table.locator('thead th').allTextContents()).toContain(L.name);
      expect(await table.getByTestId('result-name').allTextContents()).toEqual(['王芳', '李雷']);
      await page.getByLabel(L.search).fill('李');
      await page.getByRole('button', { name: L.filter }).click();
      await expect.poll(() => table.getByTestId('result-name').allTextContents(), { timeout: 10_000 }).toEqual(['李雷']);
      // LIKE's wildcard typed by a nurse is a character, not "anything".
      await page.getByLabel(L.search).fill('%');
      await page.getByRole('button', { name: L.filter }).click();
      await page.getByTestId('empty').waitFor();
      await page.getByLabel(L.search).fill('王');
      await page.getByRole('button', { name: L.filter }).click();
      await expect.poll(() => page.getByTestId('result-name').allTextContents(), { timeout: 10_000 }).toEqual(['王芳']);
      await browser.shot(`results-names-${L.tag}`);

      await page.getByTestId('results-table').locator('tbody tr a').first().click();
      await page.getByTestId('call-script').filter({ hasText: L.script }).waitFor();
      expect(await page.getByTestId('result-patient').textContent()).toBe('王芳');
      await expect.poll(async () => (await answers(page)).map((a) => a.label).join('|')).toContain(L.woundQ);
      const shown = await answers(page);
      expect(shown.find((a) => a.label.includes(L.woundQ))?.value).toBe(L.no);
      expect(shown.find((a) => a.label.includes(L.painQ))?.value).toBe('4 / 10');
      expect(shown.find((a) => a.value.includes('38.6'))?.value).toBe('38.6 °C');
      // No raw step ids as labels, no true/false as values.
      for (const a of shown) {
        expect(['consent', 'wound', 'fever', 'temperature', 'pain']).not.toContain(a.label.trim());
        expect(['true', 'false', 'yes', 'no']).not.toContain(a.value);
      }
      expect(shown.filter((a) => a.value === L.yes)).toHaveLength(2); // consent yes, fever true
      const page1 = (await page.locator('main').textContent())!;
      expect(page1).toContain(L.d4);
      expect(page1).not.toContain('user:chief');
      await expect.poll(() => page.getByTestId('call-worklist').textContent(), { timeout: 10_000 }).toContain(L.chief);
      expect(await page.getByTestId(`call-esc-${ids.wangEsc}`).count()).toBe(1);
      expect(await page.getByTestId('transcript').textContent()).toContain('没有红肿');
      await expectAudioLoads(page, `/api/recordings/${ids.wang}`);
      await browser.shot(`result-words-${L.tag}`);
    });

    it(`${L.lang}: a hotline call page shows its triage in words, the caller's words for each red flag, its recording and worklist item`, async () => {
      await page.goto(`${base}/hotline/${ids.red}`);
      await page.getByTestId('call-script').filter({ hasText: L.hotlineScript }).waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('hotline-number').textContent()).toBe(HOTLINE_NUMBER);
      expect(await page.getByTestId('triage-disposition').textContent()).toBe(L.d1);
      expect(await page.getByTestId('triage-rule').textContent()).toBe(`${L.redRule}: ${L.flag}`);
      const flag = page.getByTestId('triage-flags').locator('li[data-flag="chest-pain-cardiac"]');
      expect(await flag.locator('b').textContent()).toBe(L.flag);
      expect(await flag.getByTestId('said').allTextContents()).toEqual(CHEST_WORDS);
      // A finding that showed no red flag is listed apart, with its words.
      expect(await page.getByTestId('triage-findings').getByTestId('said').allTextContents()).toEqual([OTHER_WORDS]);
      await expect.poll(async () => (await answers(page)).map((a) => a.label).join('|')).toContain(L.chestQ);
      const shown = await answers(page);
      expect(shown.find((a) => a.label.includes(L.chestQ))?.value).toBe(L.yes);
      expect(shown.find((a) => a.label.includes(L.complaintQ))?.value).toBe(L.chest);
      for (const a of shown) expect(['consent', 'complaint', 'chest-1']).not.toContain(a.label.trim());
      // In the order the script asks (the database keeps chest-1 before complaint).
      expect(shown.findIndex((a) => a.label.includes(L.complaintQ))).toBeLessThan(shown.findIndex((a) => a.label.includes(L.chestQ)));
      // The complaint by the triage question's own choice label.
      expect(await page.getByTestId('triage-complaint').textContent()).toBe(L.chest);
      expect(await page.getByTestId('transcript').textContent()).toContain(CHEST_WORDS[0]);
      await expectAudioLoads(page, `/api/recordings/inbound/${ids.red}`);
      const item = page.getByTestId(`call-esc-${ids.redEsc}`);
      await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain(L.chief);
      const text = (await page.locator('main').textContent())!;
      for (const raw of ['user:chief', 'chest-pain-cardiac', 'hotline_red_flag', 'triage-hotline']) expect(text).not.toContain(raw);
      await browser.shot(`hotline-words-${L.tag}`);
      // The item's link opens the worklist at that item.
      await item.getByRole('link').click();
      await page.getByTestId(`esc-${ids.redEsc}`).waitFor();
      expect(new URL(page.url()).hash).toBe(`#esc-${ids.redEsc}`);

      await page.goto(`${base}/hotline/${ids.cardio}`);
      await page.getByTestId('triage-department').filter({ hasText: L.dept }).waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('triage-disposition').textContent()).toBe(L.d4);
      expect(await page.getByTestId('triage').textContent()).toContain(OTHER_WORDS);
      expect(await page.getByTestId('call-worklist').textContent()).toContain(L.noItem);
    });

    it(`${L.lang}: the worklist names each call (no #null), masks the caller's number and links to the call`, async () => {
      await page.goto(`${base}/worklist`);
      const hot = page.getByTestId(`esc-${ids.redEsc}`);
      await hot.waitFor({ timeout: 20_000 });
      const text = (await page.getByTestId('worklist').textContent())!;
      for (const raw of ['#null', 'user:chief', HOTLINE_NUMBER, '+8613811112222']) expect(text).not.toContain(raw);
      expect(await hot.getByTestId('esc-number').textContent()).toContain('•••• 8000');
      expect(text).toContain(L.chief);
      expect(await page.getByTestId(`esc-${ids.wangEsc}`).getByTestId('esc-subject').textContent()).toBe('王芳 (MRN-RW-1)');
      await browser.shot(`worklist-words-${L.tag}`);
      await hot.getByTestId('esc-subject').getByRole('link', { name: `${L.hotline} #${ids.red}` }).click();
      await page.getByTestId('triage').waitFor();
      expect(page.url()).toBe(`${base}/hotline/${ids.red}`);
      // The hotline calls list masks the number too.
      await page.goto(`${base}/hotline`);
      await expect.poll(() => page.getByTestId('hotline-row-number').allTextContents(), { timeout: 20_000 }).toEqual(['•••• 8000', '•••• 8000']);
      expect(await page.getByTestId('hotline-table').textContent()).not.toContain(HOTLINE_NUMBER);
    });
  }
});

/** The page's recording player plays the file through the audited route: metadata loaded, about one second long. */
async function expectAudioLoads(page: Page, src: string): Promise<void> {
  const audio = page.getByTestId('recording');
  expect(await audio.getAttribute('src')).toBe(src);
  type Audio = { load(): void; readyState: number; duration: number; preload: string };
  await audio.evaluate((a) => { const el = a as unknown as Audio; el.preload = 'metadata'; el.load(); });
  await expect.poll(() => audio.evaluate((a) => { const el = a as unknown as Audio; return el.readyState >= 1 ? el.duration : 0; }), { timeout: 20_000 }).toBeCloseTo(1, 1);
}
