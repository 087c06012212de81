/**
 * Issue 18 items 3 and 8 in Debian's Chromium (playwright-core, never a downloaded browser), in
 * zh-CN and en: an auth error (a wrong password; a session that ended while the nurse worked) and
 * validation errors (a reason over 500 characters: fastify's schema; a repetitive password: the
 * password rules; an end date before the start) read in words beside their fields, with no error
 * code, no validator English and no internal field name on the page; the time zone picker (Asia/
 * Shanghai first) and the searchable patient picker (name, record number, phone tail) of a new
 * campaign; a worklist item resolved shows who and when, under a filter worded "show resolved";
 * empty states say what to do next; the audit page filters by action and user. Screenshots:
 * test-artifacts/console-errors-*.png.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createAdminUser } from '@tingzhen/console';
import { FIELD_LABELS } from '@tingzhen/console/error-messages';
import { makeConsoleEnv, signIn, type ConsoleEnv } from './console-helpers.js';
import { launchConsoleBrowser, prepareConsoleBuild, type ConsoleBrowser } from './browser-helpers.js';

const PASSWORD = 'console-errors-passphrase';
/** What a nurse must never read: codes, ajv or TypeBox English, the API's internal camelCase field names. */
const INTERNAL = Object.keys(FIELD_LABELS).filter((k) => /[A-Z]/.test(k));
const LEAKS = new RegExp(`TZ_ERR|HTTP_\\d|Expected|must have|must NOT|must match|${INTERNAL.join('|')}`);

/** The page's visible text (main content and the sign-in form). */
const visibleText = (page: Page) => page.locator('main').first().innerText();

/** The error is the element right after its control, and the control points at it (aria-describedby). */
async function besideItsField(control: Locator, error: Locator): Promise<void> {
  const id = await error.getAttribute('id');
  expect(id).toBeTruthy();
  expect(await control.getAttribute('aria-describedby')).toBe(id);
  expect(await control.getAttribute('aria-invalid')).toBe('true');
  expect(await control.evaluate((el) => (el as unknown as { nextElementSibling: { id: string } | null }).nextElementSibling?.id ?? null)).toBe(id);
}

describe('console errors in words, pickers, resolved times, empty states and the audit page (zh-CN and en)', () => {
  let env: ConsoleEnv;
  let browser: ConsoleBrowser;
  let page: Page;
  let base: string;
  const ids: Record<string, string> = {};
  const switchLang = async (l: 'en' | 'zh-CN') => page.getByLabel('Language / 语言').selectOption(l);

  beforeAll(async () => {
    prepareConsoleBuild();
    env = await makeConsoleEnv('errbrowser');
    await createAdminUser(env.pool, { username: 'chief', password: PASSWORD, displayName: '护士长' });
    const cookie = await signIn(env.app, 'chief', PASSWORD);
    for (const [mrn, name, phone] of [['E001', '王芳', '+8613800138000'], ['E002', '李雷', '+8613912345678'], ['E003', '赵敏', '+8613700001234']] as const) {
      const r = await env.app.inject({ method: 'POST', url: '/api/patients', headers: { cookie }, payload: { mrn, name, phones: [phone] } });
      expect(r.statusCode).toBe(201);
      ids[mrn] = r.json<{ id: string }>().id;
    }
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    browser = await launchConsoleBrowser('errors');
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('zh-CN: a wrong password reads 用户名或密码错误 in the sign-in form; empty states say what to do next', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill('chief');
    await page.getByLabel('密码').fill('not-the-right-passphrase');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.locator('form').getByRole('alert');
    await alert.filter({ hasText: '用户名或密码错误' }).waitFor();
    expect((await visibleText(page)).match(LEAKS)?.[0]).toBeUndefined();
    await browser.shot('errors-signin-zh');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '待办' }).waitFor();
    expect(await page.getByTestId('empty').textContent()).toBe('目前没有需要处理的待办。有通话需要护士跟进时会出现在这里，并响铃提醒。');
    expect(await page.getByLabel('显示已处理的待办').isChecked()).toBe(false);
    await page.getByRole('navigation').getByRole('link', { name: '热线来电' }).click();
    await page.getByTestId('empty').filter({ hasText: '还没有热线来电。来电结束后会列在这里' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '通话结果' }).click();
    await page.getByTestId('empty').filter({ hasText: '随访活动开始拨打后结果会出现在这里' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '随访活动' }).click();
    await page.getByTestId('empty').filter({ hasText: '点“新建随访活动”开始第一个' }).waitFor();
    await browser.shot('errors-empty-zh');
  });

  it('zh-CN: a do-not-call reason over 500 characters is refused beside the reason, in words', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '患者' }).click();
    await page.getByLabel('勿电联 E001').check();
    const reason = page.getByLabel('原因 E001');
    await reason.fill('家属要求不要再打电话。'.repeat(50));
    await page.getByTestId('patients-table').locator('tr', { has: reason }).getByRole('button', { name: '保存' }).click();
    const error = page.getByTestId('field-error-doNotCallReason');
    await error.waitFor();
    expect(await error.textContent()).toBe('最多 500 个字符');
    await besideItsField(reason, error);
    expect(await page.getByRole('alert').filter({ hasText: '请更正标出的内容后再试' }).count()).toBe(1);
    expect((await visibleText(page)).match(LEAKS)?.[0]).toBeUndefined();
    expect((await env.pool.query('SELECT do_not_call FROM patients WHERE id = $1', [ids.E001])).rows[0].do_not_call).toBe(false);
    await browser.shot('errors-field-zh');
    // Put right: saved, the error gone.
    await reason.fill('家属要求');
    await page.getByTestId('patients-table').locator('tr', { has: reason }).getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    expect(await error.count()).toBe(0);
  });

  it('en: a repetitive password is refused beside the password field, in English words', async () => {
    await switchLang('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add user' }) });
    await form.getByLabel('Username').fill('nurse.li');
    const password = form.getByLabel('Password');
    await password.fill('abcabcabcabcabcabc');
    await form.getByRole('button', { name: 'Add user' }).click();
    const error = page.getByTestId('field-error-password');
    await error.waitFor();
    expect(await error.textContent()).toBe('The password may not be repeated or sequential characters');
    await besideItsField(password, error);
    expect(await page.getByTestId('form-error').textContent()).toBe('Please correct what is marked and try again.');
    expect((await visibleText(page)).match(LEAKS)?.[0]).toBeUndefined();
    // The same error re-worded when the nurse switches the language.
    await switchLang('zh-CN');
    await page.getByTestId('field-error-password').filter({ hasText: '密码不能是重复或连续的字符' }).waitFor();
    await switchLang('en');
    await browser.shot('errors-field-en');
    expect((await env.pool.query("SELECT count(*)::int AS n FROM console_users WHERE username = 'nurse.li'")).rows[0].n).toBe(0);
  });

  it('en: a new campaign picks its time zone (Asia/Shanghai first) and patients by name, MRN or phone tail; an end before the start is marked on the end date', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByLabel('Campaign name').fill('Cardiology follow-up');
    const zone = page.getByLabel('Time zone');
    expect(await zone.locator('option').first().getAttribute('value')).toBe('Asia/Shanghai');
    expect(await zone.inputValue()).toBe('Asia/Shanghai');
    expect(await zone.locator('option').count()).toBeGreaterThan(300);
    expect(await zone.locator('option[value="Europe/London"]').count()).toBe(1);
    await zone.selectOption('Asia/Urumqi');
    // The patient picker: by phone tail, by MRN, by name.
    const picker = page.getByTestId('patient-picker');
    const search = picker.getByLabel('Search patients (name, MRN or last digits of the phone)');
    const shown = () => picker.getByTestId('picker-list').locator('li').allInnerTexts();
    await search.fill('1234');
    await expect.poll(shown).toEqual(['赵敏 · E003 · ends 1234']);
    await search.fill('e002');
    await expect.poll(shown).toEqual(['李雷 · E002 · ends 5678']);
    await search.fill('王');
    await expect.poll(shown).toEqual(['王芳 · E001 · ends 8000 (Do not call)']);
    expect(await picker.getByRole('checkbox', { name: /王芳/ }).isDisabled()).toBe(true);
    await search.fill('nobody');
    await picker.getByText('No patient matches the search: try other words.').waitFor();
    await search.fill('1234');
    await picker.getByRole('checkbox', { name: /赵敏/ }).check();
    await search.fill('');
    expect(await picker.getByTestId('chosen-count').textContent()).toBe('(1 chosen)');
    await page.getByLabel('Start date').fill('2030-03-10');
    const end = page.getByLabel('End date');
    await end.fill('2030-03-01');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const error = page.getByTestId('field-error-endDate');
    await error.waitFor();
    expect(await error.textContent()).toBe('may not be before the start date');
    await besideItsField(end, error);
    expect((await visibleText(page)).match(LEAKS)?.[0]).toBeUndefined();
    await browser.shot('errors-campaign-en');
    await end.fill('2030-03-31');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByTestId('campaign-state').filter({ hasText: 'Draft' }).waitFor();
    const c = (await env.pool.query("SELECT timezone, (SELECT array_agg(patient_id::text) FROM contacts WHERE campaign_id = campaigns.id) AS patients FROM campaigns WHERE name = 'Cardiology follow-up'")).rows[0];
    expect(c).toEqual({ timezone: 'Asia/Urumqi', patients: [ids.E003] });
  });

  it('en: a session that ended while working sends the nurse to sign in again, saying so', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Patients' }).click();
    await page.getByLabel('Consent E002').selectOption('granted');
    await env.pool.query('DELETE FROM console_sessions');
    await page.getByTestId('patients-table').locator('tr', { has: page.getByLabel('Consent E002') }).getByRole('button', { name: 'Save' }).click();
    const notice = page.getByTestId('signin-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('Your session has ended: please sign in again.');
    expect((await visibleText(page)).match(LEAKS)?.[0]).toBeUndefined();
    await browser.shot('errors-session-en');
    await page.getByLabel('Username').fill('chief');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Worklist' }).waitFor();
  });

  it('zh-CN: a resolved worklist item shows who resolved it and when, under "显示已处理的待办"', async () => {
    await switchLang('zh-CN');
    await env.pool.query("INSERT INTO escalations (patient_id, priority, reason, red_flags) VALUES ($1, 1, 'red_flag', '{sepsis-signs}')", [ids.E002]);
    await page.getByRole('navigation').getByRole('link', { name: /待办/ }).click();
    const item = page.getByTestId('worklist').locator('li').first();
    await item.filter({ hasText: '李雷' }).waitFor({ timeout: 20_000 });
    await item.getByRole('button', { name: '认领' }).click();
    await item.filter({ hasText: '认领人 护士长' }).waitFor();
    await item.getByLabel('处理记录').fill('已回电');
    await item.getByRole('button', { name: '处理完成' }).click();
    await page.getByTestId('empty').filter({ hasText: '目前没有需要处理的待办' }).waitFor();
    await page.getByLabel('显示已处理的待办').check();
    const resolved = page.getByTestId('esc-resolved');
    await resolved.waitFor();
    const at = (await env.pool.query('SELECT resolved_at FROM escalations')).rows[0].resolved_at as Date;
    expect(Date.parse((await resolved.locator('time').getAttribute('datetime'))!)).toBe(at.getTime());
    const shownAt = await page.evaluate<string>(`new Date(${at.getTime()}).toLocaleString()`);
    expect(await resolved.textContent()).toBe(`处理记录: 已回电 · 处理人 护士长 · 处理时间 ${shownAt}`);
    await browser.shot('errors-worklist-resolved-zh');
  });

  it('zh-CN and en: the audit page lists the trail, filters by action and by user, and says what to do when nothing matches', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '审计日志' }).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await page.locator('select[name="audit-action"]').selectOption({ label: '登录失败' });
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => table.locator('tbody tr td[data-action]').allInnerTexts()).toEqual(['登录失败']);
    await page.locator('select[name="audit-action"]').selectOption({ label: '登录' });
    await page.locator('select[name="audit-actor"]').selectOption({ label: '护士长 (chief)' });
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(async () => (await table.locator('tbody tr').allInnerTexts()).length).toBe(3); // the API sign-in, the page's, and the one after the session ended
    for (const row of await table.locator('tbody tr').allInnerTexts()) expect(row).toMatch(/\tchief\t登录\t用户\t/);
    await browser.shot('errors-audit-zh');
    await page.locator('select[name="audit-action"]').selectOption({ label: '结束监听' });
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.getByTestId('empty').filter({ hasText: '没有符合筛选条件的记录。请放宽筛选条件，或点“清除筛选”。' }).waitFor();
    await switchLang('en');
    await page.getByTestId('empty').filter({ hasText: 'No rows match the filters. Widen them, or press "Clear filters".' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await table.waitFor();
    expect(await visibleText(page)).not.toMatch(/TZ_ERR|Expected/);
    await browser.shot('errors-audit-en');
    await switchLang('zh-CN');
  });
});
