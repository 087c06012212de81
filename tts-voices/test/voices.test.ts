import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@tingzhen/speech';
import { VOICES, VoiceCatalogueError, defaultVoice, findVoice, loadVoices, parseVoices, ttsModelChoices } from '@tingzhen/tts-voices';

describe('voice catalogue', () => {
  it('is valid and every neural voice names a tts model of the speech catalogue with its rate', () => {
    expect(parseVoices([...VOICES])).toHaveLength(VOICES.length);
    for (const v of VOICES.filter((x) => x.engine === 'sherpa')) {
      const m = CATALOGUE.find((e) => e.name === v.model);
      expect(m?.kind).toBe('tts');
      expect(m?.languages).toContain(v.language);
      expect(m?.sampleRate).toBe(v.sampleRate);
    }
  });

  it('has a default neural voice for zh and en', () => {
    expect(defaultVoice('zh')?.model).toBe('vits-icefall-zh-aishell3');
    expect(defaultVoice('en-US')?.model).toBe('vits-piper-en_US-amy-low');
    expect(defaultVoice('fr')).toBeUndefined();
    expect(findVoice('zh-espeak')?.engine).toBe('espeak');
  });

  it('groups neural voices per model for the engine factory, defaults first', () => {
    const c = ttsModelChoices();
    expect(c.map((x) => x.model)).toEqual(['vits-icefall-zh-aishell3', 'vits-piper-en_US-amy-low', 'vits-piper-en_US-joe-medium']);
    expect(c[2]!.voices).toEqual([{ id: 'en-us-joe', language: 'en', speakerId: 0 }]);
    expect(c[0]!.voices[0]).toEqual({ id: 'zh-aishell3-f88', language: 'zh', speakerId: 88 });
  });

  it('a bad override lists every problem', () => {
    const text = JSON.stringify([{ id: 'a', language: 'zh', engine: 'sherpa', speakerId: -1, sampleRate: 8000 }, { id: 'a', language: 'english', engine: 'x', speakerId: 0, sampleRate: 100 }]);
    try {
      loadVoices(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VoiceCatalogueError);
      const p = (e as VoiceCatalogueError).problems;
      expect(p.join('\n')).toMatch(/model: required/);
      expect(p.join('\n')).toMatch(/duplicate a/);
      expect(p.length).toBeGreaterThanOrEqual(5);
    }
    expect(() => loadVoices('{')).toThrow(VoiceCatalogueError);
  });
});
