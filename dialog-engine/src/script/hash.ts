/** Content hash of a script: sha256 over canonical JSON (sorted keys), so YAML layout does not matter. */
import { createHash } from 'node:crypto';
import type { Script } from './types.js';

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

export function scriptHash(script: Script): string {
  return createHash('sha256').update(JSON.stringify(canonical(script))).digest('hex');
}
