/**
 * The registry of subcommands. Names and one-line summaries are here so `tingzhen --help` loads no
 * command; a command's module (and what it imports: the dialog engine, speech, the database) is
 * loaded only when that command runs.
 */
import type { Command } from './command.js';

export interface CommandEntry {
  /** One line for `tingzhen --help`. */
  summary: string;
  load(): Promise<Command>;
}

const load = (m: Promise<{ default: Command }>) => m.then((x) => x.default);

export const commands: Record<string, CommandEntry> = {
  start: { summary: 'run the platform (API, console, media gateway, campaign worker)', load: () => load(import('./start.js')) },
  models: { summary: 'list, download and verify the speech models (ASR, TTS, VAD, denoiser)', load: () => load(import('./models.js')) },
  chat: { summary: 'talk to a call script in the terminal (text in, prompts out)', load: () => load(import('./chat.js')) },
  lint: { summary: 'check call scripts (schema and lint rules)', load: () => load(import('./lint.js')) },
  nlu: { summary: 'interpret utterances with the rule NLU (JSON Lines on stdin and stdout)', load: () => load(import('./nlu.js')) },
  triage: { summary: 'triage free narratives to a disposition D1-D7 and a department (JSON Lines)', load: () => load(import('./triage.js')) },
  audit: { summary: 'verify the audit trail\'s hash chain (exit 1 when a row was changed, removed or reordered)', load: () => load(import('./audit.js')) },
  call: { summary: 'place a test call to the gateway and print what the bot says and the per-turn latency', load: () => load(import('./call.js')) },
};
