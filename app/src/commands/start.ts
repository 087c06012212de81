import { parseArgs } from 'node:util';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command } from './command.js';
import { startPlatform } from '../platform.js';
import { isTzError } from '@tingzhen/voice-core';

const usage = `Usage: tingzhen start [--port N] [--host ADDR] [--roles api,gateway,worker]

Starts the platform. With no configuration it runs an embedded PostgreSQL in the data directory
(TINGZHEN_DATA_DIR, default .data) and queues jobs in it; set DATABASE_URL / REDIS_URL to use
existing servers. Every setting is an environment variable (see README "Configuration").
Stops cleanly on SIGTERM or SIGINT.`;

const start: Command = {
  name: 'start',
  summary: 'run the platform (API, console, media gateway, campaign worker)',
  usage,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, roles: { type: 'string' } }, strict: true }));
    } catch (err) {
      io.stderr.write(`tingzhen start: ${(err as Error).message}\n${usage}\n`);
      return EXIT_USAGE;
    }
    const env = { ...io.env };
    if (values.port !== undefined) env.HTTP_PORT = values.port;
    if (values.host !== undefined) env.HTTP_HOST = values.host;
    if (values.roles !== undefined) env.TINGZHEN_ROLES = values.roles;
    let platform;
    try {
      platform = await startPlatform(env);
    } catch (err) {
      io.stderr.write(`tingzhen start: ${isTzError(err) ? err.message : String(err)}\n`);
      return isTzError(err, 'TZ_ERR_CONFIG_INVALID') ? EXIT_USAGE : EXIT_FAILURE;
    }
    io.stdout.write(`tingzhen is up: console and API at ${platform.url}  (health: ${platform.url}/health)\n`);
    if (platform.setupToken) {
      // No default password: the first admin is created with this one-time token, shown once, here.
      io.stdout.write(`First start: open ${platform.url}/setup and create the first admin with the one-time setup token:\n  ${platform.setupToken}\n`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await platform.close();
    return EXIT_OK;
  },
};
export default start;
