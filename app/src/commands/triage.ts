/**
 * `tingzhen triage`: triage free narratives read as JSON Lines on stdin, one answer line each.
 * Input `{"lang":"zh"|"en","narrative":"...","ageYears"?,"ageMonths"?}`; output
 * `{"disposition":"D1".."D7","red_flags":[ids],"department":id|null}`, or `{"error":"..."}` for a
 * line that cannot be read (the stream goes on). Narratives are never logged.
 */
import { triage } from '@tingzhen/dialog-engine';
import type { Command, CommandIo } from './command.js';
import { parseObjectLine, runJsonLines } from './json-lines.js';

type Answer = { disposition: string; red_flags: string[]; department: string | null } | { error: string };

function optionalNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function answerTriageLine(line: string): Answer {
  const parsed = parseObjectLine(line);
  if ('error' in parsed) return parsed;
  const { lang, narrative, ageYears, ageMonths } = parsed.value;
  if (lang !== 'zh' && lang !== 'en') return { error: 'lang must be "zh" or "en"' };
  if (typeof narrative !== 'string') return { error: 'narrative must be a string' };
  try {
    const r = triage(narrative, lang, { ageYears: optionalNumber(ageYears), ageMonths: optionalNumber(ageMonths) });
    return { disposition: r.disposition, red_flags: r.red_flags, department: r.department };
  } catch {
    return { error: 'internal error' };
  }
}

const triageCommand: Command = {
  name: 'triage',
  summary: 'Triage free narratives to a disposition D1-D7 and a department (JSON Lines)',
  usage: [
    'Usage: tingzhen triage < narratives.jsonl',
    '',
    'Each input line: {"lang":"zh"|"en","narrative":"...","ageYears"?:n,"ageMonths"?:n}',
    'Each output line: {"disposition":"D1".."D7","red_flags":[...],"department":"cardiology"|...|null}',
    'D1 call 120, D2 emergency department now, D3 nurse now, D4 today, D5 within 1-3 days,',
    'D6 routine, D7 self-care. A department is given with D4-D6 only. A bad line gives',
    '{"error":"..."} and the next line is read.',
  ].join('\n'),
  run: (_args: string[], io: CommandIo) => runJsonLines('triage', io, answerTriageLine),
};

export default triageCommand;
