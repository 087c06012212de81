/**
 * Global setup of the real-model lane: prints which models it found and fails when it finds no
 * neural ASR or TTS model at all (the lane never passes by running nothing).
 */
import { CACHE_DIR, presentModels } from './models-lane.js';
import { MODELS_DIR } from './helpers.js';

export default function setup(): void {
  const all = presentModels();
  console.log(`[models lane] models directory ${MODELS_DIR}, model cache ${CACHE_DIR}`);
  for (const e of all) console.log(`[models lane] found ${e.kind} ${e.name}`);
  const neural = all.filter((e) => e.kind === 'asr' || e.kind === 'tts');
  if (neural.length === 0) {
    throw new Error(`[models lane] no ASR or TTS model found in ${MODELS_DIR} or ${CACHE_DIR}: provision one with \`npx tingzhen models download NAME\` `
      + '(or set TINGZHEN_MODELS_DIR); this lane fails rather than run nothing');
  }
}
