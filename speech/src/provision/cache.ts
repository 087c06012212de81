/**
 * The model cache: where models provisioned from Python packages are stored, outside any checkout,
 * and where engines look for a model the models directory does not hold.
 * `TINGZHEN_MODEL_CACHE`, else `$XDG_CACHE_HOME/tingzhen/models`, else `~/.cache/tingzhen/models`.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultModelCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.TINGZHEN_MODEL_CACHE) return resolve(env.TINGZHEN_MODEL_CACHE);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'tingzhen', 'models');
}
