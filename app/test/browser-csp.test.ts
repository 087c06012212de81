/**
 * Issue 16 item 3: the console under the Content-Security-Policy that @fastify/helmet now sends,
 * in Debian's Chromium (playwright-core, never a downloaded browser). Every page of the console is
 * opened as an admin (sign-in, worklist, hotline, campaigns with a campaign's page, patients,
 * results, test call, live listen-in, users with the sign-in limits) and the browser must report
 * no CSP violation (securitypolicyviolation events and "Refused to ..." console messages).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createAdminUser } from '@tingzhen/console';
import { makeConsoleEnv, signIn, type ConsoleEnv } from './console-helpers.js';
import { launchConsoleBrowser, prepareConsoleBuild, type ConsoleBrowser } from './browser-helpers.js';

const PASSWORD = 'browser-csp-passphrase';

describe('the console passes its Content-Security-Policy in Chromium', () => {
  let env: ConsoleEnv;
  let browser: ConsoleBrowser;
  let page: Page;
  let base: string;
  const violations: string[] = [];

  beforeAll(async () => {
    prepareConsoleBuild();
    env = await makeConsoleEnv('csp');
    await createAdminUser(env.pool, { username: 'chief', password: PASSWORD, displayName: '护士长' });
    const cookie = await signIn(env.app, 'chief', PASSWORD);
    const created = await env.app.inject({ method: 'POST', url: '/api/patients', headers: { cookie }, payload: { mrn: 'CSP-1', name: '张三', phones: ['+8613800138000'] } });
    expect(created.statusCode).toBe(201);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    browser = await launchConsoleBrowser('csp');
    page = browser.page;
    // Both ways Chromium reports a violation: the DOM event and the console message.
    // (Browser code as text: the tests compile without the DOM library.)
    await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));" });
    page.on('console', (m) => { const x = m.text(); if (x.includes('CSP-VIOLATION') || x.includes('Content Security Policy') || x.startsWith('Refused to')) violations.push(x); });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('sends the policy and no framing', async () => {
    const res = await fetch(`${base}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs in and opens every page without a CSP violation', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill('chief');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation').getByRole('link', { name: '待办' }).waitFor();
    const pages: [string, string][] = [['/worklist', '待办'], ['/hotline', '热线来电'], ['/campaigns', '随访活动'], ['/patients', '患者'], ['/results', '通话结果'],
      ['/testcall', '测试通话'], ['/listen', ''], ['/audit', '审计日志'], ['/users', '用户管理']];
    for (const [path, heading] of pages) {
      await page.goto(`${base}${path}`);
      if (heading) await page.getByRole('heading', { name: heading, exact: true }).first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle').catch(() => undefined);
    }
    // The admin's view of sign-in limits is on the users page.
    await page.getByRole('heading', { name: '登录限制' }).waitFor();
    await page.getByText('张三').count();
    console.log(`[browser-csp] ${pages.length} pages opened; CSP violations: ${violations.length}`);
    expect(violations).toEqual([]);
    // The check does see a violation: an inline script is refused and reported.
    await page.evaluate("{ const el = document.createElement('script'); el.textContent = 'window.tzInline = 1'; document.body.append(el); }");
    await expect.poll(() => violations.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(await page.evaluate('window.tzInline')).toBeUndefined();
  }, 120_000);
});
