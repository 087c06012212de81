/**
 * Composition helpers: `buildGateway(opts)` returns a fastify app with the media routes and
 * /metrics (for a gateway-only process or tests); `createPipelineCallHandler` turns a script
 * choice and the engines into the `onCall` that runs one CallPipeline per leg.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import type { WireCallLeg } from '../legs/wire-leg.js';
import { GatewayMetrics } from '../metrics.js';
import { runCallPipeline, type CallPipelineOptions } from '../pipeline/call-pipeline.js';
import type { CallReport, DialogDriver } from '../pipeline/types.js';
import { gatewayPlugin, type CallContext, type GatewayOptions } from './ws-gateway.js';

export async function buildGateway(opts: GatewayOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(gatewayPlugin, opts);
  return app;
}

export interface PipelineCallHandlerOptions extends Omit<CallPipelineOptions, 'leg' | 'dialog' | 'dialect'> {
  /** The dialog for this call (script chosen from the leg's custom parameters, the DID...). */
  dialogFor: (leg: WireCallLeg, ctx: CallContext) => DialogDriver;
  onReport?: (report: CallReport) => void;
  logger?: Logger;
  metrics?: GatewayMetrics;
}

export function createPipelineCallHandler(opts: PipelineCallHandlerOptions): (leg: WireCallLeg, ctx: CallContext) => void {
  const log = opts.logger ?? createLogger({ name: 'pipeline' });
  return (leg, ctx) => {
    void (async () => {
      try {
        await leg.waitActive();
      } catch {
        return; // refused or dropped before start: already logged by the leg
      }
      try {
        const report = await runCallPipeline({ ...opts, leg, dialect: ctx.dialect, dialog: opts.dialogFor(leg, ctx), logger: log });
        opts.onReport?.(report);
      } catch (err) {
        log.error({ callId: leg.info.callId, err: { message: (err as Error).message } }, 'call pipeline failed');
        opts.metrics?.errors.inc({ code: 'TZ_ERR_INTERNAL' });
        await leg.hangup('error');
      }
    })();
  };
}
