import { parseArgs } from 'node:util';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command, type CommandIo } from './command.js';
import { startPlatform } from '../platform.js';
import { startSupervisor } from '../supervisor/supervisor.js';
import { isTzError, loadConfig, redactUrlCredentials, type Config } from '@tingzhen/voice-core';

const usage = `Usage: tingzhen start [--port N] [--host ADDR] [--roles api,gateway,worker] [--single-process]

Starts the platform. With no configuration it runs an embedded PostgreSQL in the data directory
(TINGZHEN_DATA_DIR, default .data) and queues jobs in it; set DATABASE_URL / REDIS_URL to use
existing servers. Every setting is an environment variable (see README "Configuration").

With more than one role, each role runs as its own process under a supervisor that restarts a
role that dies (with backoff) and serves the public port: /health shows each role's state and
restarts. --single-process (or TINGZHEN_SUPERVISE=false) runs all roles in this one process.
Stops cleanly on SIGTERM or SIGINT (the gateway first lets its calls finish, up to DRAIN_TIMEOUT_MS).`;

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    // A role process under the supervisor also stops when the supervisor is gone (its IPC channel closed).
    if (process.send) process.once('disconnect', stop);
  });
}

function failed(io: CommandIo, err: unknown): number {
  // A driver's message may quote a connection URL: its password never reaches the terminal or a log.
  io.stderr.write(`tingzhen start: ${redactUrlCredentials(isTzError(err) ? err.message : err instanceof Error ? err.message : String(err))}\n`);
  return isTzError(err, 'TZ_ERR_CONFIG_INVALID') ? EXIT_USAGE : EXIT_FAILURE;
}

function printUp(io: CommandIo, url: string, setupToken: string | null): void {
  io.stdout.write(`tingzhen is up: console and API at ${url}  (health: ${url}/health)\n`);
  if (setupToken) {
    // No default password: the first admin is created with this one-time token, shown once, here.
    io.stdout.write(`First start: open ${url}/setup and create the first admin with the one-time setup token:\n  ${setupToken}\n`);
  }
}

const start: Command = {
  name: 'start',
  usage,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, roles: { type: 'string' }, 'single-process': { type: 'boolean' } }, strict: true }));
    } catch (err) {
      io.stderr.write(`tingzhen start: ${(err as Error).message}\n${usage}\n`);
      return EXIT_USAGE;
    }
    const env = { ...io.env };
    if (values.port !== undefined) env.HTTP_PORT = values.port;
    if (values.host !== undefined) env.HTTP_HOST = values.host;
    if (values.roles !== undefined) env.TINGZHEN_ROLES = values.roles;
    if (values['single-process']) env.TINGZHEN_SUPERVISE = 'false';
    let config: Config;
    try {
      config = loadConfig(env);
    } catch (err) {
      return failed(io, err);
    }
    if (config.supervise && config.roles.length > 1 && !config.supervisedChild) {
      let sup;
      try {
        sup = await startSupervisor(config, env);
      } catch (err) {
        return failed(io, err);
      }
      printUp(io, sup.url, sup.setupToken);
      await stopSignal();
      await sup.close();
      return EXIT_OK;
    }
    let platform;
    try {
      platform = await startPlatform(env);
    } catch (err) {
      return failed(io, err);
    }
    if (config.supervisedChild && process.send) {
      process.send({ type: 'tingzhen:ready' });
    } else {
      printUp(io, platform.url, platform.setupToken);
    }
    await stopSignal();
    await platform.close();
    // The IPC channel to the supervisor would keep this process alive: let it go.
    if (process.connected) process.disconnect();
    return EXIT_OK;
  },
};
export default start;
