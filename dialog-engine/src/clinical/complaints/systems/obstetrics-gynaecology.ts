/**
 * CEDIS system "obstetrics-gynaecology": presenting complaints with their second-order modifiers (rows), and the
 * `m:` terms they read, in both languages (see ../complaints.ts for the row format and sources).
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';

export const COMPLAINTS: Complaint[] = [];

export const TERMS: { zh: Lexicon; en: Lexicon } = { zh: {}, en: {} };
