/** One TtsEngine for the pipeline that speaks each prompt with the engine of its language. */
import { TzError, type AudioFrame, type EngineCapabilities, type TtsEngine, type TtsRequest } from '@tingzhen/voice-core';

export class LanguageRoutedTts implements TtsEngine {
  readonly capabilities: EngineCapabilities;

  constructor(private readonly byLanguage: ReadonlyMap<string, TtsEngine>) {
    const all = [...byLanguage.values()];
    this.capabilities = {
      name: all.map((e) => e.capabilities.name).join('+') || 'none',
      languages: [...byLanguage.keys()],
      sampleRate: all[0]?.capabilities.sampleRate ?? 16000,
      fallback: all.some((e) => e.capabilities.fallback === true),
    };
  }

  synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    const engine = this.byLanguage.get(req.language) ?? this.byLanguage.get(req.language.split('-')[0] ?? '');
    if (!engine) throw new TzError('TZ_ERR_TTS_UNAVAILABLE', { language: req.language });
    return engine.synthesize(req);
  }

  close(): void {
    for (const e of new Set(this.byLanguage.values())) e.close();
  }
}
