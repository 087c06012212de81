/**
 * The JSON Lines loop shared by the `nlu` and `triage` commands: one output line per input line,
 * blank ones included, so outputs stay aligned with inputs; a line that cannot be read gets
 * `{"error": "..."}` and the stream goes on. Exit 0 unless reading stdin fails.
 */
import { createInterface } from 'node:readline';
import { EXIT_FAILURE, EXIT_OK, type CommandIo } from './command.js';

/** Parses one line into a JSON object, or says why it cannot. */
export function parseObjectLine(line: string): { value: Record<string, unknown> } | { error: string } {
  if (line.length === 0) return { error: 'empty line' };
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { error: 'invalid JSON' };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'expected a JSON object' };
  return { value: v as Record<string, unknown> };
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (out.write(text)) resolve();
    else out.once('drain', () => resolve());
  });
}

export async function runJsonLines(name: string, io: CommandIo, answer: (line: string) => unknown): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  try {
    for await (const raw of rl) await write(io.stdout, `${JSON.stringify(answer(raw.trim()))}\n`);
  } catch {
    await write(io.stderr, `${name}: failed to read standard input\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}
