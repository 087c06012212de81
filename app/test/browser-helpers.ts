/**
 * The console's Chromium suite's shared set-up: Debian's Chromium (playwright-core never downloads
 * a browser) in a throw-away profile, the SPA built from source (about a second, so a test sees
 * the current pages), the screenshot folder, and signing in through the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Where the suite's screenshots go (console-<name>.png). */
export const ARTIFACTS = join(REPO, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags every test's Chromium runs with (headless, no sandbox in containers, no background traffic). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Checks Chromium is there, makes the screenshot folder and builds the console. */
export function prepareConsoleBuild(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (playwright-core never downloads a browser)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('npm', ['run', 'build', '-w', 'console'], { cwd: REPO, stdio: 'pipe' });
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** The profile folder (removed by close): files a test writes for upload can go here. */
  profile: string;
  /** A full-page screenshot as test-artifacts/console-<name>.png. */
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Chromium with a fresh profile, zh-CN and 1280x900 unless asked otherwise; `args` are added to CHROMIUM_ARGS. */
export async function launchConsoleBrowser(tag: string, opts: { locale?: string; args?: string[]; acceptDownloads?: boolean } = {}): Promise<ConsoleBrowser> {
  const profile = mkdtempSync(join(tmpdir(), `tz-${tag}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, locale: opts.locale ?? 'zh-CN', viewport: { width: 1280, height: 900 },
    ...(opts.acceptDownloads ? { acceptDownloads: true } : {}),
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context, page, profile,
    shot: (name) => page.screenshot({ path: join(ARTIFACTS, `console-${name}.png`), fullPage: true }),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the zh-CN sign-in page and waits for the main navigation. */
export async function signInPage(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation').waitFor();
}
