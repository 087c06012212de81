export * from './frame.js';
export * from './pcm.js';
export * from './g711.js';
export * from './resample.js';
export * from './wav.js';
export * from './energy-vad.js';
