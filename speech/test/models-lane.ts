/** The real-model lane (`npm run test:models`): which catalogue models are present in the models directory. */
import { CATALOGUE, checkFile, filePath, type CatalogueEntry, type ModelKind } from '@tingzhen/speech';
import { MODELS_DIR } from './helpers.js';

export function presentModels(kind?: ModelKind): CatalogueEntry[] {
  return CATALOGUE.filter((e) => (kind === undefined || e.kind === kind)
    && Object.entries(e.files).every(([role, spec]) => checkFile(filePath(MODELS_DIR, e, role), role, spec).state === 'ok'));
}

export function announce(kind: ModelKind): CatalogueEntry[] {
  const present = presentModels(kind);
  const absent = CATALOGUE.filter((e) => e.kind === kind && !present.includes(e)).map((e) => e.name);
  console.log(`[models lane] ${kind}: present in ${MODELS_DIR}: ${present.map((e) => e.name).join(', ') || 'NONE'}; absent: ${absent.join(', ') || 'none'}`);
  return present;
}
