/**
 * A whole English call with real speech, over the media WebSocket route of the composed platform:
 * the caller's answers are spoken by the piper voice (synthesised in this process, sent as 8 kHz
 * μ-law), the gateway hears them with Moonshine (VAD-segmented offline ASR) and speaks with the
 * same voice. No scripted recogniser: the filed result must hold the typed answers the caller said.
 * Runs in `npm run test:models` when moonshine-base-en and vits-piper-en_US-joe-medium are
 * provisioned (`npx tingzhen models download moonshine-base-en vits-piper-en_US-joe-medium`).
 */
import { mkdtempSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { CATALOGUE, SherpaTtsEngine, defaultModelCacheDir, locateModel, modelPresent } from '@tingzhen/speech';
import type { RunningPlatform } from '../src/platform.js';
import { MODELS_DIR, OPS, startTestPlatform, type TestPlatform } from './test-platform.js';

const CACHE_DIR = defaultModelCacheDir(process.env);
const NEEDED = ['moonshine-base-en', 'vits-piper-en_US-joe-medium'];
const where = new Map(CATALOGUE.map((e) => [e.name, locateModel(e, MODELS_DIR, CACHE_DIR)] as const));
const ready = NEEDED.every((n) => modelPresent(where.get(n)!, CATALOGUE.find((e) => e.name === n)!));
const SECRET = 'english-call-models-test-secret-0123456789';

/** One models directory for the platform: every model present in the shared folder or the cache, linked. */
function combinedModelsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tz-models-'));
  for (const e of CATALOGUE) {
    const root = where.get(e.name)!;
    if (modelPresent(root, e) && !existsSync(join(dir, e.dir))) symlinkSync(join(root, e.dir), join(dir, e.dir), 'dir');
  }
  return dir;
}

describe.skipIf(!ready)('an English call end to end with real ASR and TTS', () => {
  let t: TestPlatform;
  let platform: RunningPlatform;
  let voice: SherpaTtsEngine;
  let modelsDir = '';

  beforeAll(async () => {
    modelsDir = combinedModelsDir();
    t = await startTestPlatform('encall', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway', TINGZHEN_MODELS_DIR: modelsDir });
    platform = t.platform;
    voice = await SherpaTtsEngine.load({ modelsDir, model: 'vits-piper-en_US-joe-medium' });
  }, 120_000);

  afterAll(async () => {
    voice?.close();
    await t?.dispose();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  });

  async function say(text: string): Promise<Int16Array> {
    const parts: Int16Array[] = [];
    for await (const f of voice.synthesize({ text, language: 'en', sampleRate: 8000 })) parts.push(f.samples);
    const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }

  it('/health says English ASR and TTS are real engines', async () => {
    const body = (await (await fetch(`${platform.url}/health`, OPS)).json()) as { speech: { engines: { kind: string; language: string; state: string; engine?: string }[] } };
    expect(body.speech.engines).toContainEqual(expect.objectContaining({ kind: 'asr', language: 'en', state: 'real', engine: 'moonshine-base-en' }));
    expect(body.speech.engines).toContainEqual(expect.objectContaining({ kind: 'tts', language: 'en', state: 'real', engine: 'vits-piper-en_US-joe-medium' }));
  });

  it('the caller answers the satisfaction survey by voice; the bot understands every answer and files them typed', async () => {
    // The caller answers what the bot asked: the bot's words come with the live call details
    // (tzStats=1, as the console's test phone gets them); the answers are spoken by the piper voice.
    const replies: [RegExp, string][] = [
      [/good time/i, 'Yes, now is a good time.'], [/score your care/i, 'Nine.'], [/explain/i, 'Yes, they did.'],
      [/waiting time/i, 'It was short.'], [/comments or suggestions/i, 'No, thank you.'],
    ];
    const clips = new Map(await Promise.all(replies.map(async ([, a]) => [a, await say(a)] as const)));
    const token = signToken(SECRET, { ttlMs: 300_000 });
    const callId = `CA-en-models-${process.pid}`;
    const caller = new TestCaller({ url: `${platform.url.replace('http', 'ws')}/media/native?token=${token}`, callId, parameters: { lang: 'en', script: 'satisfaction-survey', tzStats: '1' } });
    await caller.connect();
    let closed = false;
    void caller.waitClosed(300_000).then(() => { closed = true; }, () => { closed = true; });
    const botSaid = () => (caller.transcript as { speaker?: string; text?: string }[]).filter((x) => x.speaker === 'bot').map((x) => x.text ?? '');
    let answered = 0;
    const deadline = Date.now() + 240_000;
    while (!closed && Date.now() < deadline) {
      await caller.waitBotEnd(60_000).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1000));
      if (closed || caller.botSpeaking) continue;
      const said = botSaid();
      const reply = replies.find(([q]) => q.test(said[said.length - 1] ?? ''));
      if (!reply) continue;
      answered++;
      await caller.say(clips.get(reply[1])!);
    }
    expect(closed).toBe(true); // thanks, goodbye, hang-up
    expect(answered).toBeGreaterThanOrEqual(replies.length);
    const filed = async () => (await platform.services.pool.query('SELECT answers, transcript FROM inbound_calls WHERE call_id = $1', [callId])).rows[0] as
      { answers: Record<string, { type: string; value: unknown; via: string }>; transcript: { speaker: string; text: string }[] } | undefined;
    await expect.poll(filed, { timeout: 20_000 }).toBeDefined();
    const row = (await filed())!;
    const a = row.answers;
    console.log(`[figures] English call: filed answers ${JSON.stringify(a)}`);
    expect(a.consent).toMatchObject({ value: { answer: 'yes' }, via: 'speech' });
    expect(a.overall).toMatchObject({ value: { value: 9 }, via: 'speech' });
    expect(a.explained).toMatchObject({ value: { answer: 'yes' }, via: 'speech' });
    expect(a.waiting).toMatchObject({ value: { choice: 'short' }, via: 'speech' });
    expect(a.suggestion).toMatchObject({ type: 'free-text', via: 'speech' });
    expect(row.transcript.length).toBeGreaterThan(replies.length);
  }, 600_000);
});
