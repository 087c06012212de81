/**
 * The real-model lane (`npm run test:models`): which catalogue models are present, in the models
 * directory or in the model cache (models provisioned from Python packages).
 */
import { CATALOGUE, defaultModelCacheDir, locateModel, modelPresent, type CatalogueEntry, type ModelKind } from '@tingzhen/speech';
import { MODELS_DIR } from './helpers.js';

/** The model cache the lane provisions into (TINGZHEN_MODEL_CACHE, XDG_CACHE_HOME or ~/.cache). */
export const CACHE_DIR = defaultModelCacheDir(process.env);

export function presentModels(kind?: ModelKind): CatalogueEntry[] {
  return CATALOGUE.filter((e) => (kind === undefined || e.kind === kind) && modelPresent(locateModel(e, MODELS_DIR, CACHE_DIR), e));
}

export function announce(kind: ModelKind): CatalogueEntry[] {
  const present = presentModels(kind);
  const absent = CATALOGUE.filter((e) => e.kind === kind && !present.includes(e)).map((e) => e.name);
  console.log(`[models lane] ${kind}: present in ${MODELS_DIR} or ${CACHE_DIR}: ${present.map((e) => e.name).join(', ') || 'NONE'}; absent: ${absent.join(', ') || 'none'}`);
  return present;
}
