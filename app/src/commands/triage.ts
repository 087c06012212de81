/**
 * `tingzhen triage`: triage free narratives read as JSON Lines on stdin, one answer line each.
 * Input `{"lang":"zh"|"en","narrative":"...","ageYears"?,"ageMonths"?}`; output
 * `{"disposition":"D1".."D7","red_flags":[ids],"department":id|null,"complaint":id|null,
 * "modifiers":[{"id","words":[...]}],"rule":"..."}` (the last three for a nurse's audit: the
 * presenting complaint, the modifiers found with the words that triggered them, and what decided),
 * or `{"error":"..."}` for a line that cannot be read or a narrative that is empty or has no words
 * (the stream goes on). Narratives are never logged.
 */
import { triage } from '@tingzhen/dialog-engine/nlu';
import type { Command, CommandIo } from './command.js';
import { parseObjectLine, runJsonLines } from './json-lines.js';

type Answer =
  | { disposition: string; red_flags: string[]; department: string | null; complaint: string | null; modifiers: Array<{ id: string; words: string[] }>; rule: string }
  | { error: string };

/** Letters or digits in any script: a narrative without them (blank, only punctuation) has nothing to triage. */
const READABLE = /[\p{L}\p{N}]/u;

function optionalNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function answerTriageLine(line: string): Answer {
  const parsed = parseObjectLine(line);
  if ('error' in parsed) return parsed;
  const { lang, narrative, ageYears, ageMonths } = parsed.value;
  if (lang !== 'zh' && lang !== 'en') return { error: 'lang must be "zh" or "en"' };
  if (typeof narrative !== 'string') return { error: 'narrative must be a string' };
  if (narrative.trim().length === 0) return { error: 'narrative is empty: nothing to triage' };
  if (!READABLE.test(narrative)) return { error: 'narrative has no words: nothing to triage' };
  try {
    const r = triage(narrative, lang, { ageYears: optionalNumber(ageYears), ageMonths: optionalNumber(ageMonths) });
    return {
      disposition: r.disposition,
      red_flags: r.red_flags,
      department: r.department,
      complaint: r.complaint,
      modifiers: r.modifiers.map((m) => ({ id: m.id, words: m.words })),
      rule: r.rule,
    };
  } catch {
    return { error: 'internal error' };
  }
}

const triageCommand: Command = {
  name: 'triage',
  usage: [
    'Usage: tingzhen triage < narratives.jsonl',
    '',
    'Each input line: {"lang":"zh"|"en","narrative":"...","ageYears"?:n,"ageMonths"?:n}',
    'Each output line: {"disposition":"D1".."D7","red_flags":[...],"department":"cardiology"|...|null,',
    '  "complaint":id|null,"modifiers":[{"id":...,"words":[...]}],"rule":"red-flag:..|vital:..|complaint:..|rule:.."}',
    'D1 call 120, D2 emergency department now, D3 nurse now, D4 today, D5 within 1-3 days,',
    'D6 routine, D7 self-care. A department is given with D4-D6 only. A bad line gives',
    '{"error":"..."} and the next line is read; so does an empty narrative or one with no words.',
  ].join('\n'),
  run: (_args: string[], io: CommandIo) => runJsonLines('triage', io, answerTriageLine),
};

export default triageCommand;
