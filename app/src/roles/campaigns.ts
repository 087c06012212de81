/**
 * The api role (campaigns REST API and the scheduler, the "clock") and the worker role (dials
 * through the gateway's `dial` contract over HTTP, to this process or a gateway elsewhere).
 */
import type { FastifyInstance } from 'fastify';
import { campaignsApi, HttpDialer, startScheduler, startWorker, type DialWorker, type Scheduler } from '@tingzhen/campaigns';
import { signToken } from '@tingzhen/voice-gateway';
import type { Config, Logger } from '@tingzhen/voice-core';
import type { Services } from '../services.js';

/** Lifetime of the worker's token for the gateway's dial route, ms (renewed at every start). */
const DIAL_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export async function startApiRole(app: FastifyInstance, opts: { config: Config; services: Services; log: Logger }): Promise<{ scheduler: Scheduler; close(): Promise<void> }> {
  const scheduler = startScheduler({ pool: opts.services.pool, connection: opts.services.queue, logger: opts.log });
  await app.register(campaignsApi, { pool: opts.services.pool, scheduler, defaultCountry: opts.config.defaultCountry });
  return { scheduler, close: () => scheduler.close() };
}

export function voicemailMessage(config: Config): string {
  // No health information on a machine: hospital name and call-back number only.
  return config.hospitalCallbackNumber ? `${config.hospitalName}，请回电 ${config.hospitalCallbackNumber}。` : `${config.hospitalName}来电，请回电。`;
}

export function startWorkerRole(opts: { config: Config; services: Services; log: Logger; gatewayUrl: string; authSecret: string }): DialWorker {
  const dialer = new HttpDialer({ gatewayUrl: opts.gatewayUrl, token: signToken(opts.authSecret, { ttlMs: DIAL_TOKEN_TTL_MS }) });
  return startWorker({ pool: opts.services.pool, connection: opts.services.queue, dialer, voicemailMessage: voicemailMessage(opts.config), logger: opts.log });
}
