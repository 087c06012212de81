import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Models directory: TINGZHEN_MODELS_DIR, else <repo root>/../shared/models. */
export const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/models');
export const TEST_WAVS_DIR = resolve(MODELS_DIR, 'test-wavs-zh');
