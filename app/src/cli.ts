/** The `tingzhen` program: dispatches to one subcommand per file in ./commands, loading only that one. */
import type { CommandIo } from './commands/command.js';
import { EXIT_OK, EXIT_USAGE } from './commands/command.js';
import { commands } from './commands/index.js';

function help(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'tingzhen: self-hosted voice bot for hospital follow-up calls and triage',
    '',
    'Usage: tingzhen <command> [options]      (tingzhen <command> --help for details)',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${commands[n]!.summary}`),
    '',
  ].join('\n');
}

// The program's entry is the one place that hands the process environment to the config loader.
export async function main(argv: string[], io: CommandIo = {
  stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, // eslint-disable-line no-restricted-properties
}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr.write(`tingzhen: unknown command "${name}"\n\n${help()}`);
    return EXIT_USAGE;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.usage.trimEnd()}\n`);
    return EXIT_OK;
  }
  return cmd.run(rest, io);
}
