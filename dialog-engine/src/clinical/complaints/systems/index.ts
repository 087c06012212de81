/**
 * Every CEDIS system's complaint rows and `m:` terms, gathered in one place (one file per system,
 * so each system can be reviewed on its own). The rows of ../complaints.ts come first.
 */
import type { Lexicon } from '../../types.js';
import type { Complaint } from '../complaints.js';
import * as cardiovascular from './cardiovascular.js';
import * as dentalOral from './dental-oral.js';
import * as endocrineMetabolic from './endocrine-metabolic.js';
import * as ent from './ent.js';
import * as environmental from './environmental.js';
import * as eye from './eye.js';
import * as gastrointestinal from './gastrointestinal.js';
import * as generalMinor from './general-minor.js';
import * as genitourinary from './genitourinary.js';
import * as mentalHealth from './mental-health.js';
import * as musculoskeletal from './musculoskeletal.js';
import * as neurologic from './neurologic.js';
import * as obstetricsGynaecology from './obstetrics-gynaecology.js';
import * as paediatric from './paediatric.js';
import * as respiratory from './respiratory.js';
import * as skin from './skin.js';
import * as substanceToxicology from './substance-toxicology.js';
import * as trauma from './trauma.js';

const SYSTEMS = [cardiovascular, dentalOral, endocrineMetabolic, ent, environmental, eye, gastrointestinal, generalMinor, genitourinary, mentalHealth, musculoskeletal, neurologic, obstetricsGynaecology, paediatric, respiratory, skin, substanceToxicology, trauma];

export const SYSTEM_COMPLAINTS: readonly Complaint[] = SYSTEMS.flatMap((s) => s.COMPLAINTS);

function merge(lexicons: Lexicon[]): Lexicon {
  const out: Lexicon = {};
  for (const lex of lexicons) for (const [id, sources] of Object.entries(lex)) out[id] = [...(out[id] ?? []), ...sources];
  return out;
}

export const SYSTEM_TERMS: { zh: Lexicon; en: Lexicon } = { zh: merge(SYSTEMS.map((s) => s.TERMS.zh)), en: merge(SYSTEMS.map((s) => s.TERMS.en)) };
