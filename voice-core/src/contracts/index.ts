/** The shapes that cross packages, declared once (ARCHITECTURE.md section 3). */
export * from './dialog.js';
export * from './patient.js';
export * from './call-report.js';
export * from './dial.js';
export * from './call-result.js';
export * from './audit.js';
export * from './api-errors.js';
