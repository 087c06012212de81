export * from './tones.js';
export * from './goertzel.js';
export * from './detector.js';
