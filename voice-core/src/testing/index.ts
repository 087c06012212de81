/** Fakes for every engine and leg contract (`@tingzhen/voice-core/testing`). */
export * from './fake-asr.js';
export * from './fake-tts.js';
export * from './fake-vad.js';
export * from './loopback-leg.js';
