import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpret, toWire, type NluRequest } from '../src/nlu/index.js';

/**
 * A blind round: utterances written before reading the NLU source, in streaming-recogniser style
 * (no punctuation, fillers, homophones, dialect, hedges, other-person mentions, non-native English).
 * Call date 2026-11-25, a Wednesday. A row may carry a `note` saying why its expectation was corrected.
 */
type Row = { lang: 'zh' | 'en'; e: string; a: string; u: string; w: Record<string, unknown>; choices?: string[]; note?: string };
const ROWS = JSON.parse(readFileSync(new URL('./fixtures/nlu-blind-round.json', import.meta.url), 'utf8')) as Row[];
const CALL_DATE = '2026-11-25';

/** Dates may come back as relative days or as a calendar date: compare them as dates. */
function asDate(w: Record<string, unknown>): Record<string, unknown> {
  if (typeof w.relative_days !== 'number') return w;
  const [y, m, d] = CALL_DATE.split('-').map(Number) as [number, number, number];
  return { date: new Date(Date.UTC(y, m - 1, d + w.relative_days)).toISOString().slice(0, 10) };
}

describe('nlu blind round', () => {
  it('has no duplicate utterance for the same question', () => {
    const keys = ROWS.map((r) => `${r.lang}|${r.e}|${r.a}|${r.u}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(ROWS)('$lang $e: $u', (row) => {
    const req = { lang: row.lang, expect: row.e, asked: row.a, utterance: row.u, callDate: CALL_DATE, ...(row.choices ? { choices: row.choices } : {}) };
    let got = toWire(interpret(req as NluRequest));
    let want = row.w;
    if (row.e === 'date') {
      got = asDate(got);
      want = asDate(want);
    }
    for (const [k, v] of Object.entries(want)) expect(got[k], k).toEqual(v);
  });
});
