export * from './frame.js';
export * from './pcm.js';
