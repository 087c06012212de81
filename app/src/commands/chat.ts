/**
 * `tingzhen chat --script ID --lang zh|en [--patient-name X]`: talk to a call script in the
 * terminal. Each stdin line is what the caller says; `#3` presses key 3 (`#38#` presses 3, 8, #);
 * an empty line is silence (no-input). Prompts go to stdout as "bot: ..."; when the call ends
 * the result is printed as one line of JSON.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isTzError } from '@tingzhen/voice-core';
import { createRunner, loadScript, loadScriptFile, rulesInterpreter, type Action, type Input } from '@tingzhen/dialog-engine';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command, type CommandIo } from './command.js';

const usage = `Usage: tingzhen chat --script ID|FILE.yaml --lang zh|en [--patient-name NAME] [--transfer ok|fail] [--date YYYY-MM-DD]

Talk to a call script in the terminal.
  a line of text   what the caller says
  #3               presses key 3 (#38# presses 3, 8 and #)
  an empty line    silence (no-input)
Transfers to a human are simulated: --transfer fail (default) means nobody answers.
When the call ends the result is printed as one line of JSON.
`;

function describe(a: Action): string | null {
  switch (a.type) {
    case 'say': return `bot: ${a.text}`;
    case 'listen': return null;
    case 'transfer': return `[transfer to a human: ${a.reason}${a.disposition ? ` ${a.disposition}` : ''}]`;
    case 'alert': return `[alert ${a.priority}: ${a.reason}${a.disposition ? ` ${a.disposition}` : ''}]`;
    case 'schedule-callback': return `[callback in ${a.delayMinutes} min: ${a.reason}]`;
    case 'set-do-not-call': return '[do not call]';
    case 'hangup': return `[hangup: ${a.reason}${a.disposition ? ` ${a.disposition}` : ''}]`;
    case 'save-answer': return null;
  }
}

/** One stdin line -> runner inputs. */
export function lineToInputs(line: string): Input[] {
  const text = line.trim();
  if (text.length === 0) return [{ type: 'no-input' }];
  if (/^#[0-9*#]+$/.test(text)) return [...text.slice(1)].map((digit) => ({ type: 'dtmf', digit }));
  return [{ type: 'speech', text, confidence: 1 }];
}

const chat: Command = {
  name: 'chat',
  usage,
  async run(args: string[], io: CommandIo): Promise<number> {
    let values: { script?: string; lang?: string; 'patient-name'?: string; transfer?: string; date?: string };
    try {
      ({ values } = parseArgs({
        args, strict: true,
        options: { script: { type: 'string' }, lang: { type: 'string', default: 'zh' }, 'patient-name': { type: 'string' }, transfer: { type: 'string', default: 'fail' }, date: { type: 'string' } },
      }));
    } catch (err) {
      io.stderr.write(`${(err as Error).message}\n\n${usage}`);
      return EXIT_USAGE;
    }
    const lang = values.lang;
    if (!values.script || (lang !== 'zh' && lang !== 'en') || !['ok', 'fail'].includes(values.transfer ?? '')) {
      io.stderr.write(usage);
      return EXIT_USAGE;
    }
    const out = (s: string): void => { io.stdout.write(`${s}\n`); };
    try {
      const script = values.script.endsWith('.yaml') || values.script.endsWith('.yml') ? loadScriptFile(values.script) : loadScript(values.script);
      const callDate = values.date ?? new Date().toISOString().slice(0, 10);
      const runner = createRunner(script, { interpreter: rulesInterpreter(), callDate });
      const patient: Record<string, string> = values['patient-name'] ? { displayName: values['patient-name'] } : {};
      // As a recorded call sounds.
      let state = runner.initialState({ lang, patient, context: { recording: true } });
      const feed = (input: Input): void => {
        let queue: Input[] = [input];
        while (queue.length > 0) {
          const r = runner.next(state, queue.shift()!);
          state = r.state;
          for (const a of r.actions) {
            const line = describe(a);
            if (line) out(line);
          }
          if (state.phase === 'transferring') queue = [{ type: 'action-done', action: 'transfer', ok: values.transfer === 'ok' }, ...queue];
        }
      };
      const ended = (): boolean => state.phase === 'ended';
      feed({ type: 'start' });
      const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
      for await (const line of rl) {
        if (ended()) break;
        out(`you: ${line}`);
        for (const input of lineToInputs(line)) if (!ended()) feed(input);
        if (ended()) break;
      }
      rl.close();
      if (!ended()) feed({ type: 'hangup' });
      out(JSON.stringify(runner.result(state)));
      return EXIT_OK;
    } catch (err) {
      if (isTzError(err)) {
        io.stderr.write(`tingzhen chat: ${err.code}: ${err.message} ${JSON.stringify(err.details.summary ?? err.details)}\n`);
        return EXIT_FAILURE;
      }
      throw err;
    }
  },
};

export default chat;
