/**
 * Live listen-in in Debian's Chromium (playwright-core, never a downloaded browser): a real call
 * through the pipeline, the MonitorHub and the relay, the console (real PostgreSQL, own schema)
 * serving the SPA built from source; a nurse opens 实时 (Live), clicks 监听 (Listen) and the
 * page's mpegts.js player plays the call's AAC stream near the live edge. Screenshot:
 * test-artifacts/console-listen.png.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { chromium, type BrowserContext } from 'playwright-core';
import { createLogger } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { createPool, dropSchema, migrate } from '@tingzhen/campaigns';
import { consolePlugin, createUser } from '@tingzhen/console';
// The console package entry does not export the listen routes yet (see the report).
import { listenRoutes } from '@tingzhen/console';
import { buildGateway, createPipelineCallHandler, TestCaller, type CallReport } from '../src/index.js';
import { MonitorHub, startMediaRelay, type MediaRelay } from '../src/monitor/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ToneTts } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const logger = createLogger({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'tz-monitor-browser-'));
const schema = `tzt_listenb_${randomBytes(4).toString('hex')}`;
let pool: pg.Pool;
let relay: MediaRelay;
let hub: MonitorHub;
let gateway: FastifyInstance;
let consoleApp: FastifyInstance;
let context: BrowserContext;
let mediaUrl = '';
let base = '';
const reports = new Map<string, (r: CallReport) => void>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  const dist = join(dir, 'dist');
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', dist, '--emptyOutDir'], { cwd: join(REPO, 'console'), stdio: 'pipe' });
  await migrate(DATABASE_URL, { schema });
  pool = createPool(DATABASE_URL, { schema, max: 4 });
  const vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  relay = await startMediaRelay({ secret: randomBytes(24).toString('hex'), storeDir: join(dir, 'store'), logger });
  hub = new MonitorHub({ relay, logger });
  const inner = createPipelineCallHandler({ engines: { vad, tts: new ToneTts(150) }, dialogFor: () => miniDialog(), logger, onReport: (r) => reports.get(r.callId)?.(r) });
  gateway = await buildGateway({ auth: { allowUnauthenticated: true }, onCall: (leg, ctx) => inner(hub.attach(leg), ctx), logger, startTimeoutMs: 500 });
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  mediaUrl = `ws://127.0.0.1:${(gateway.server.address() as net.AddressInfo).port}/media/native`;
  consoleApp = Fastify({ logger: false });
  await consoleApp.register(consolePlugin, { pool, logger, distDir: dist });
  await consoleApp.register(listenRoutes, { pool, monitor: hub, relay, logger });
  await consoleApp.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(consoleApp.server.address() as net.AddressInfo).port}`;
  await createUser(pool, { username: 'nurse2', password: 'listen-in-browser-1', role: 'nurse' });
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM, headless: true, locale: 'zh-CN', viewport: { width: 1100, height: 700 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}, 120_000);
afterAll(async () => {
  await context?.close();
  await hub?.close();
  await consoleApp?.close();
  await gateway?.close();
  await relay?.close();
  await pool?.end();
  await dropSchema(DATABASE_URL, schema);
  rmSync(dir, { recursive: true, force: true });
});

describe('listen-in page in Chromium', () => {
  it('plays a live call to a nurse near the live edge, and stopping ends the monitoring', async () => {
    const callId = 'CA-browser-listen';
    const report = new Promise<CallReport>((r) => reports.set(callId, r));
    const caller = new TestCaller({ url: mediaUrl, callId });
    await caller.connect();
    await caller.waitBotStart();
    const speech = gainDb(loadWav8k(), 15);
    void caller.say(speech).then(() => caller.say(speech));

    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill('nurse2');
    await page.getByLabel('密码').fill('listen-in-browser-1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation').getByRole('link', { name: '实时' }).click();
    await page.getByRole('heading', { name: '实时监听' }).waitFor();
    await page.getByRole('row').filter({ hasText: callId }).getByRole('button', { name: '监听' }).click();
    await page.getByTestId('listening').waitFor();
    expect(hub.isMonitoring(callId)).toBe(true);
    // The audio element plays and stays near the live edge; a Web Audio analyser hears content.
    const played = await page.evaluate<{ advancedS: number; behindLiveEdgeS: number; peakDb: number; paused: boolean }>(`(async () => {
      const audio = document.querySelector('audio');
      const ctx = new AudioContext();
      const analyser = ctx.createAnalyser();
      ctx.createMediaElementSource(audio).connect(analyser);
      analyser.connect(ctx.destination);
      const buf = new Float32Array(analyser.fftSize);
      let peakRms = 0;
      const t0 = audio.currentTime;
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 100));
        analyser.getFloatTimeDomainData(buf);
        let sum = 0;
        for (const v of buf) sum += v * v;
        peakRms = Math.max(peakRms, Math.sqrt(sum / buf.length));
      }
      const end = audio.buffered.length > 0 ? audio.buffered.end(audio.buffered.length - 1) : 0;
      return { advancedS: audio.currentTime - t0, behindLiveEdgeS: end - audio.currentTime, peakDb: 20 * Math.log10(peakRms + 1e-9), paused: audio.paused };
    })()`);
    console.log(`browser listen-in: played ${played.advancedS.toFixed(2)} s in 4 s, ${played.behindLiveEdgeS.toFixed(2)} s behind the buffered live edge, peak ${played.peakDb.toFixed(1)} dBFS`);
    mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(REPO, 'test-artifacts', 'console-listen.png'), fullPage: true });
    expect(played.paused).toBe(false);
    expect(played.advancedS).toBeGreaterThan(2);
    expect(played.peakDb).toBeGreaterThan(-40);
    const pid = hub.publisherOf(callId)!.process.pid!;
    await page.getByRole('button', { name: '停止监听' }).click();
    await expect.poll(() => hub.isMonitoring(callId), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => { try { process.kill(pid, 0); return true; } catch { return false; } }, { timeout: 10_000 }).toBe(false);
    caller.hangup();
    await report;
  }, 60_000);
});
