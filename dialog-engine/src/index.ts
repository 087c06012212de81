export * from './text/index.js';
export * from './nlu/index.js';
export * from './clinical/index.js';
export * from './script/index.js';
export * from './runner/index.js';
export * from './llm/index.js';
