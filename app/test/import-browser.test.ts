/**
 * Issue 18 item 1 in Debian's Chromium (playwright-core, never a downloaded browser): a nurse
 * downloads the import template from the patients page, then checks a CSV saved by Excel on
 * Chinese Windows (GBK, Chinese headers, an unknown column, one phone under two record numbers,
 * an unclosed quote) and sees the rows as parsed, names right, with the warnings and the line of
 * the broken row, in zh-CN; then a UTF-16 file in English; then imports it. Files are made here
 * with iconv-lite. Screenshots: test-artifacts/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '@tingzhen/console';
import { makeConsoleEnv, type ConsoleEnv } from './console-helpers.js';
import { launchConsoleBrowser, prepareConsoleBuild, signInPage, type ConsoleBrowser } from './browser-helpers.js';

const PASSWORD = 'import-browser-passphrase';
/** As Excel on Chinese Windows saves it (CRLF, GBK); line 4 has an unclosed quote, line 5 shares line 2's phone. */
const CSV = '病历号,姓名,手机号,性别,科室,诊断,出院日期,身份证号\r\n'
  + 'G001,王芳,13800138000,女,心内科,冠心病,2025/3/1,110101195807030021\r\n'
  + 'G002,欧阳娜娜,13900139000,女,骨科,股骨颈骨折,2025/3/2,\r\n'
  + 'G003,"李雷,13700137000,男,眼科,白内障,2025/3/3,\r\n'
  + 'G004,王小芳,13800138000,女,心内科,心衰,2025/3/4,\r\n';

describe('patient import in Chromium: template, preview with names, warnings, line numbers (zh-CN and en)', () => {
  let env: ConsoleEnv;
  let browser: ConsoleBrowser;
  let page: Page;
  let base: string;
  let profile: string;
  const shot = (name: string) => browser.shot(name);

  beforeAll(async () => {
    prepareConsoleBuild();
    env = await makeConsoleEnv('impbrowser');
    await createUser(env.pool, { username: 'nurse.w', password: PASSWORD, role: 'nurse', displayName: '王护士' });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    browser = await launchConsoleBrowser('import', { acceptDownloads: true });
    ({ page, profile } = browser);
    await signInPage(page, base, 'nurse.w', PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '患者' }).click();
    await page.getByRole('heading', { name: '导入患者（CSV / XLSX）' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('offers the template: a CSV with a UTF-8 BOM and Chinese headers, linked from the import card', async () => {
    expect(await page.getByTestId('import-hint').textContent()).toContain('病历号、姓名、手机号');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV 模板' }).click()]);
    expect(download.suggestedFilename()).toBe('patients-template-zh-CN.csv');
    const bytes = readFileSync((await download.path()));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('病历号,姓名,手机号');
    expect(await page.getByRole('link', { name: 'Excel 模板' }).getAttribute('href')).toBe('/api/patients/import-template.xlsx?lang=zh-CN');
  });

  it('checks a GBK CSV: the rows as parsed with the names right, the unknown column and shared phone as warnings, the unclosed quote by its line (zh-CN)', async () => {
    const file = join(profile, '出院患者.csv');
    writeFileSync(file, iconv.encode(CSV, 'gbk'));
    await page.getByLabel('选择文件').setInputFiles(file);
    await page.getByRole('button', { name: '检查文件' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await preview.getByRole('cell', { name: '王芳', exact: true }).waitFor();
    expect(await preview.locator('tbody tr').first().textContent()).toBe('2G001王芳13800138000心内科冠心病2025-03-01有效');
    expect(await preview.getByRole('cell', { name: '欧阳娜娜', exact: true }).count()).toBe(1);
    expect(await page.getByTestId('import-encoding').textContent()).toBe('GB18030');
    expect(await page.getByTestId('import-valid').textContent()).toBe('3');
    expect(await page.getByTestId('import-invalid').textContent()).toBe('1');
    const warnings = page.getByTestId('import-warnings');
    expect(await warnings.locator('tbody tr').nth(0).textContent()).toBe('1身份证号未识别的列：其中 1 个值不会导入（可改成模板中的列名，或改名为 custom.列名 以保留）');
    expect(await warnings.locator('tbody tr').nth(1).textContent()).toBe('5电话与第 2 行（病历号 G001）的电话相同');
    expect(await page.getByTestId('import-errors').locator('tbody tr').first().textContent()).toMatch(/^4引号未闭合/);
    expect((await env.pool.query('SELECT count(*)::int AS n FROM patients')).rows[0].n).toBe(0);
    await shot('patients-import-preview-zh');
  });

  it('checks a UTF-16 file in English: the Chinese names still come out right; then imports it', async () => {
    await page.getByLabel('Language / 语言').selectOption('en');
    await page.getByRole('heading', { name: 'Import patients (CSV / XLSX)' }).waitFor();
    const file = join(profile, 'patients-unicode.txt');
    // Excel's "Unicode text": UTF-16 LE with a BOM, tab separated.
    writeFileSync(file, iconv.encode(`\uFEFF${CSV.replace(/,/g, '\t')}`, 'utf-16le'));
    await page.getByLabel('Choose file').setInputFiles(file);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByTestId('import-encoding').filter({ hasText: 'UTF-16LE' }).waitFor();
    const preview = page.getByTestId('import-preview');
    expect(await preview.locator('caption').textContent()).toContain('check the names');
    expect(await preview.locator('thead').textContent()).toBe('RowMRNNamePhoneDepartmentDiagnosisDischarge dateState');
    expect(await preview.locator('tbody tr').first().textContent()).toBe('2G001王芳13800138000心内科冠心病2025-03-01Valid');
    expect(await page.getByTestId('import-warnings').textContent()).toContain('Unknown column: its 1 value(s) are not imported');
    expect(await page.getByTestId('import-warnings').textContent()).toContain('Same phone as row 2 (MRN G001)');
    expect(await page.getByTestId('import-errors').locator('tbody tr').first().textContent()).toMatch(/^4Unclosed quote/);
    await shot('patients-import-preview-en');
    await page.getByRole('button', { name: /Import the valid rows/ }).click();
    await page.getByTestId('import-imported').filter({ hasText: '3' }).waitFor();
    // The warnings stay on the report after importing: the unknown column's values were not stored.
    expect(await page.getByTestId('import-warnings').textContent()).toContain('Unknown column');
    await page.getByTestId('patients-table').getByRole('cell', { name: '欧阳娜娜', exact: true }).waitFor();
    const rows = (await env.pool.query("SELECT mrn, name, department, diagnosis, to_char(discharge_date, 'YYYY-MM-DD') AS d FROM patients ORDER BY mrn")).rows;
    expect(rows).toEqual([
      { mrn: 'G001', name: '王芳', department: '心内科', diagnosis: '冠心病', d: '2025-03-01' },
      { mrn: 'G002', name: '欧阳娜娜', department: '骨科', diagnosis: '股骨颈骨折', d: '2025-03-02' },
      { mrn: 'G004', name: '王小芳', department: '心内科', diagnosis: '心衰', d: '2025-03-04' },
    ]);
    await page.getByLabel('Language / 语言').selectOption('zh-CN');
  });
});
