/**
 * `tingzhen nlu`: JSON Lines in, one JSON line out per input line, in order. Each input is
 * `{"lang","asked","expect","utterance","callDate"?}`; a bad line gets `{"error": "..."}` and the
 * stream goes on. Exit 0 unless reading stdin fails.
 */
import { createInterface } from 'node:readline';
import { interpret, toWire, type NluRequest } from '@tingzhen/dialog-engine';
import { isTzError } from '@tingzhen/voice-core';
import { EXIT_FAILURE, EXIT_OK, type Command, type CommandIo } from './command.js';

function answerLine(line: string): Record<string, unknown> {
  if (line.length === 0) return { error: 'empty line' };
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch {
    return { error: 'invalid JSON' };
  }
  if (req === null || typeof req !== 'object' || Array.isArray(req)) return { error: 'expected a JSON object' };
  try {
    return toWire(interpret(req as NluRequest));
  } catch (err) {
    if (isTzError(err)) {
      const field = typeof err.details.field === 'string' ? ` (${err.details.field})` : '';
      return { error: `${err.code}: ${err.message}${field}` };
    }
    return { error: 'internal error' };
  }
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (out.write(text)) resolve();
    else out.once('drain', () => resolve());
  });
}

const nlu: Command = {
  name: 'nlu',
  summary: 'Interpret utterances with the rule NLU (JSON Lines on stdin and stdout)',
  usage: [
    'Usage: tingzhen nlu < requests.jsonl',
    '',
    'Each input line: {"lang":"zh"|"en","asked":"...","expect":"yes-no"|"number"|"blood-pressure"|',
    '"scale-0-10"|"symptoms"|"red-flag"|"intent"|"date"|"choice"|"free-text","utterance":"...",',
    '"callDate":"YYYY-MM-DD"?, "choices":[...]?}',
    'Each output line: the interpretation, e.g. {"answer":"yes"} or {"value":38.5,"unit":"°C"};',
    'a line that cannot be read gives {"error":"..."}.',
  ].join('\n'),
  async run(_args: string[], io: CommandIo): Promise<number> {
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    try {
      for await (const raw of rl) {
        const line = raw.trim();
        // One output line per input line, blank ones included, so outputs stay aligned.
        await write(io.stdout, `${JSON.stringify(answerLine(line))}\n`);
      }
    } catch {
      await write(io.stderr, 'nlu: failed to read standard input\n');
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
};

export default nlu;
