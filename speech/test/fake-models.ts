/** Builds a models directory whose files pass the structural checks (for engine code tested with fakes). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findModel } from '@tingzhen/speech';

export function fakeModelsDir(...names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tz-models-'));
  for (const name of names) {
    const entry = findModel(name)!;
    for (const spec of Object.values(entry.files)) {
      const p = join(root, entry.dir, spec.path);
      if (spec.directory) { mkdirSync(p, { recursive: true }); writeFileSync(join(p, 'x'), 'x'); continue; }
      mkdirSync(dirname(p), { recursive: true });
      if (p.endsWith('.onnx')) { const b = Buffer.alloc(20_000); b[0] = 0x08; writeFileSync(p, b); } else writeFileSync(p, 'data\n');
    }
  }
  return root;
}
