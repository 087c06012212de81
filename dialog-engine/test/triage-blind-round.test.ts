/**
 * Blind robustness round: 120 caller narratives (80 Mandarin, 40 English) written before the
 * clinical lexicons were read, in streaming-recogniser form (no punctuation, fillers, homophone
 * errors, dialect, third person). Every expected red flag must fire; rows with `rf: []` must fire
 * none; the disposition must be one of the acceptable ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectRedFlags, triage } from '../src/clinical/index.js';

interface Row {
  lang: 'zh' | 'en';
  n: string;
  rf: string[];
  d: string[];
  note: string;
}

const rows = JSON.parse(
  readFileSync(new URL('./fixtures/triage-blind-round.json', import.meta.url), 'utf8'),
) as Row[];

describe('triage blind round', () => {
  it('has 80 Mandarin and 40 English rows, about 25 without a red flag', () => {
    expect(rows.filter((r) => r.lang === 'zh')).toHaveLength(80);
    expect(rows.filter((r) => r.lang === 'en')).toHaveLength(40);
    expect(rows.filter((r) => r.rf.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(rows.map((r, i) => [i, r] as const))('row %i', (_i, row) => {
    const res = triage(row.n, row.lang);
    const fired: string[] = res.red_flags;
    if (row.rf.length === 0) expect(fired, row.n).toEqual([]);
    for (const id of row.rf) expect(fired, row.n).toContain(id);
    expect(row.d, `${row.n} -> ${res.disposition}`).toContain(res.disposition);
  });

  it.each(rows.map((r, i) => [i, r] as const))('row %i: follow-up red-flag detection agrees', (_i, row) => {
    const fired: string[] = detectRedFlags(row.n, row.lang);
    if (row.rf.length === 0) expect(fired, row.n).toEqual([]);
    for (const id of row.rf) expect(fired, row.n).toContain(id);
  });
});
