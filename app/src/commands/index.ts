/** The registry of subcommands, loaded lazily so one command's dependencies do not slow another. */
import type { Command } from './command.js';

const load = (m: Promise<{ default: Command }>) => m.then((x) => x.default);

export const commands: Record<string, () => Promise<Command>> = {
  start: () => load(import('./start.js')),
  models: () => load(import('./models.js')),
  chat: () => load(import('./chat.js')),
  lint: () => load(import('./lint.js')),
  nlu: () => load(import('./nlu.js')),
  triage: () => load(import('./triage.js')),
  call: () => load(import('./call.js')),
};
