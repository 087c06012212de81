/**
 * `tingzhen nlu`: JSON Lines in, one JSON line out per input line, in order. Each input is
 * `{"lang","asked","expect","utterance","callDate"?}`; a bad line gets `{"error": "..."}` and the
 * stream goes on. Exit 0 unless reading stdin fails.
 */
import { interpret, toWire, type NluRequest } from '@tingzhen/dialog-engine/nlu';
import { isTzError } from '@tingzhen/voice-core';
import type { Command, CommandIo } from './command.js';
import { parseObjectLine, runJsonLines } from './json-lines.js';

function answerLine(line: string): Record<string, unknown> {
  const parsed = parseObjectLine(line);
  if ('error' in parsed) return parsed;
  try {
    return toWire(interpret(parsed.value as unknown as NluRequest));
  } catch (err) {
    if (isTzError(err)) {
      const field = typeof err.details.field === 'string' ? ` (${err.details.field})` : '';
      return { error: `${err.code}: ${err.message}${field}` };
    }
    return { error: 'internal error' };
  }
}

const nlu: Command = {
  name: 'nlu',
  usage: [
    'Usage: tingzhen nlu < requests.jsonl',
    '',
    'Each input line: {"lang":"zh"|"en","asked":"...","expect":"yes-no"|"number"|"blood-pressure"|',
    '"scale-0-10"|"symptoms"|"red-flag"|"intent"|"date"|"choice"|"free-text","utterance":"...",',
    '"callDate":"YYYY-MM-DD"?, "choices":[...]?}',
    'Each output line: the interpretation, e.g. {"answer":"yes"} or {"value":38.5,"unit":"°C"};',
    'a line that cannot be read gives {"error":"..."}.',
  ].join('\n'),
  run: (_args: string[], io: CommandIo) => runJsonLines('nlu', io, answerLine),
};

export default nlu;
