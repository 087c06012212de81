/** `tingzhen lint FILE...`: check call scripts; prints file:line:column field code: message. */
import { isTzError } from '@tingzhen/voice-core';
import { checkScriptFile, formatIssue } from '@tingzhen/dialog-engine';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command, type CommandIo } from './command.js';

const usage = `Usage: tingzhen lint FILE.yaml...

Checks call scripts against the schema and the lint rules (unreachable steps, dangling targets,
missing prompts in a declared language, missing AI disclosure, unknown fields, undeclared patient
fields). Prints one line per problem: file:line:column field code: message. Exit 1 on any problem.
`;

const lint: Command = {
  name: 'lint',
  usage,
  async run(args: string[], io: CommandIo): Promise<number> {
    const files = args.filter((a) => !a.startsWith('-'));
    if (files.length === 0 || files.length !== args.length) {
      io.stderr.write(usage);
      return EXIT_USAGE;
    }
    let failed = false;
    for (const file of files) {
      try {
        const { issues } = checkScriptFile(file);
        for (const i of issues) io.stdout.write(`${formatIssue(i)}\n`);
        if (issues.some((i) => i.severity !== 'warning')) failed = true;
        else io.stderr.write(`${file}: ok${issues.length > 0 ? ` (${issues.length} warning${issues.length > 1 ? 's' : ''})` : ''}\n`);
      } catch (err) {
        if (!isTzError(err)) throw err;
        io.stdout.write(`${file}:0:0 (root) ${err.code}: ${err.message}\n`);
        failed = true;
      }
    }
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};

export default lint;
