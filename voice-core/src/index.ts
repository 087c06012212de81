export * from './audio/index.js';
export * from './dtmf/index.js';
export * from './errors.js';
export * from './logger.js';
export * from './engines.js';
export * from './call-leg.js';
export * from './config/schema.js';
export * from './config/load.js';
