/**
 * One subcommand of the `tingzhen` program. Each lives in its own file in this folder and is
 * listed, with its one-line summary, in ./index.ts. Exit codes: 0 ok, 1 failure, 2 bad usage.
 */
export interface CommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The process environment (only the config loader interprets it). */
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  /** Full text for `tingzhen <name> --help`. */
  usage: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
