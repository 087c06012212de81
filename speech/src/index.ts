export * from './catalogue.js';
export * from './model-files.js';
export { StreamResampler } from './resample.js';
export { SileroVadEngine, type SileroVadLoadOptions } from './vad.js';
export { GtcrnDenoiserEngine, type GtcrnDenoiserLoadOptions } from './denoiser.js';
export { createCallVad, type CallVadOptions } from './denoised-vad.js';
export { splitSentences, MAX_SENTENCE_CHARS } from './sentences.js';
export { FrameChunker } from './tts-frames.js';
export { EspeakTtsEngine, toPinyin, type EspeakLoadOptions } from './espeak.js';
