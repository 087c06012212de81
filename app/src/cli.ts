/** The `tingzhen` program: dispatches to one subcommand per file in ./commands. */
import type { Command, CommandIo } from './commands/command.js';
import { EXIT_OK, EXIT_USAGE } from './commands/command.js';
import { commands } from './commands/index.js';

function help(list: Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'tingzhen: self-hosted voice bot for hospital follow-up calls and triage',
    '',
    'Usage: tingzhen <command> [options]      (tingzhen <command> --help for details)',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

// The program's entry is the one place that hands the process environment to the config loader.
export async function main(argv: string[], io: CommandIo = {
  stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, // eslint-disable-line no-restricted-properties
}): Promise<number> {
  const list = await Promise.all(Object.values(commands).map((load) => load()));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help(list));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const cmd = list.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`tingzhen: unknown command "${name}"\n\n${help(list)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.usage.trimEnd()}\n`);
    return EXIT_OK;
  }
  return cmd.run(rest, io);
}
