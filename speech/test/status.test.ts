import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@tingzhen/voice-core';
import { loadSpeechEngines, speechStatus } from '@tingzhen/speech';
import { MODELS_DIR } from './helpers.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write(chunk: Buffer, _e, cb) { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); cb(); } });
  return { lines, logger: createLogger({ name: 'speech', destination }) };
}

describe('engine factory and speechStatus()', () => {
  it('on this machine: real VAD and denoiser, no ASR, espeak fallback for TTS, with clear warnings', async () => {
    const { lines, logger } = capture();
    const engines = await loadSpeechEngines({
      modelsDir: MODELS_DIR, logger,
      ttsModels: [{ model: 'vits-icefall-zh-aishell3', voices: [{ id: 'zh-f', language: 'zh', speakerId: 88 }] }],
    });
    const st = speechStatus();
    const by = (kind: string, language: string) => st.engines.find((e) => e.kind === kind && e.language === language);
    expect(by('vad', '*')).toMatchObject({ state: 'real', engine: 'silero-vad-v5' });
    expect(by('denoiser', '*')).toMatchObject({ state: 'real' });
    expect(by('asr', 'zh')?.state).toBe('missing');
    expect(by('asr', 'zh')?.problem).toContain('npx tingzhen models download streaming-zipformer-bilingual-zh-en-2023-02-20');
    expect(by('tts', 'zh')).toMatchObject({ state: 'fallback', engine: 'espeak-ng' });
    expect(by('tts', 'zh')?.problem).toContain('vits-icefall-zh-aishell3');
    expect(by('tts', 'en')).toMatchObject({ state: 'fallback', engine: 'espeak-ng' });
    expect(st.degraded).toBe(true);
    expect(engines.vad).not.toBeNull();
    expect(engines.asr.size).toBe(0);
    expect(engines.tts.get('zh')?.capabilities.fallback).toBe(true);
    expect(lines.filter((l) => String(l.msg).startsWith('FALLBACK in use'))).toHaveLength(2);
    expect(lines.some((l) => String(l.msg).startsWith('speech engine missing'))).toBe(true);
    engines.close();
  });

  it('with nothing at all: an energy VAD stands in, everything else missing, still no throw', async () => {
    const { lines, logger } = capture();
    const engines = await loadSpeechEngines({ modelsDir: '/nonexistent', logger, espeakBinary: '/nonexistent/espeak-ng' });
    const vad = engines.status.engines.find((e) => e.kind === 'vad');
    expect(vad).toMatchObject({ state: 'fallback', engine: 'energy-vad' });
    expect(vad?.problem).toContain('silero');
    expect(engines.vad?.capabilities.fallback).toBe(true);
    expect(lines.some((l) => String(l.msg).includes('detecting speech by energy'))).toBe(true);
    expect(engines.status.engines.filter((e) => e.kind !== 'vad').every((e) => e.state === 'missing')).toBe(true);
    expect(engines.status.engines.find((e) => e.kind === 'tts')?.problem).toContain('apt-get install -y espeak-ng');
  });
});
