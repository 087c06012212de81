/**
 * Composition helpers: `buildGateway(opts)` returns a fastify app with the media routes and
 * /metrics (for a gateway-only process or tests); `createPipelineCallHandler` turns a script
 * choice and the engines into the `onCall` that runs one CallPipeline per leg.
 * An outbound leg whose parameters ask for answering-machine detection goes through AMD first
 * (pipeline/outbound-amd.ts).
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger, type CallLeg, type Logger } from '@tingzhen/voice-core';
import { GatewayMetrics } from '../metrics.js';
import type { AmdOptions, BeepOptions } from '../pipeline/amd.js';
import { runCallPipeline, type CallPipelineOptions } from '../pipeline/call-pipeline.js';
import { runOutboundWithAmd, wantsAmd } from '../pipeline/outbound-amd.js';
import type { CallReport, DialogDriver } from '../pipeline/types.js';
import { gatewayPlugin, type CallContext, type GatewayOptions } from './ws-gateway.js';
import { isTestCallPrincipal } from './auth.js';
import type { ActiveCalls } from './active-calls.js';

export async function buildGateway(opts: GatewayOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(gatewayPlugin, opts);
  return app;
}

/** What the handler needs to know of where a leg came from (a media WebSocket, SIP, AudioSocket). */
export type LegContext = Pick<CallContext, 'dialect'> & Partial<CallContext>;

export interface PipelineCallHandlerOptions extends Omit<CallPipelineOptions, 'leg' | 'dialog' | 'dialect'> {
  /** The dialog for this call (script chosen from the leg's custom parameters, the DID...). */
  dialogFor: (leg: CallLeg, ctx: LegContext) => DialogDriver;
  /** The calls this process holds (drain on shutdown waits for them). */
  activeCalls?: ActiveCalls;
  /** Whether a leg is a console test call (never filed as a real call): by default, one opened with a test-call token. */
  isTestCall?: (leg: CallLeg, ctx: LegContext) => boolean;
  onReport?: (report: CallReport) => void;
  logger?: Logger;
  metrics?: GatewayMetrics;
  /** Answering-machine detection thresholds (ms) for outbound legs that ask for it; defaults in DEFAULT_AMD. */
  amd?: Partial<Omit<AmdOptions, 'beep'>> & { beep?: Partial<BeepOptions> };
}

/**
 * One pipeline per leg, for any CallLeg (WebSocket, SIP, AudioSocket). Returns at once; the call
 * runs in the background. `createPipelineRunner` is the same thing awaited, with the report (outbound dials).
 */
export function createPipelineCallHandler(opts: PipelineCallHandlerOptions): (leg: CallLeg, ctx: LegContext) => void {
  const run = createPipelineRunner(opts);
  return (leg, ctx) => { void run(leg, ctx); };
}

/** The pipeline for one leg, awaited: resolves with the call's report, or null when it never started or failed. */
export function createPipelineRunner(opts: PipelineCallHandlerOptions): (leg: CallLeg, ctx: LegContext) => Promise<CallReport | null> {
  const log = opts.logger ?? createLogger({ name: 'pipeline' });
  // Call ids of calls in progress: a client that reuses one gets a fresh id for the new leg, so
  // its report, recording and filing never collide with the other call's.
  const live = new Set<string>();
  return async (leg, ctx) => {
    // refused or dropped before start: already logged by the leg, nothing to report
    if (!(await becameActive(leg))) return null;
    if (live.has(leg.info.callId) && ctx.dialect !== 'sip') {
      const fresh = `${leg.info.callId}~${randomUUID().slice(0, 8)}`;
      log.warn({ callId: leg.info.callId, freshCallId: fresh }, 'call id already in use: this leg gets a fresh one');
      leg.info.callId = fresh;
    }
    const callId = leg.info.callId;
    live.add(callId);
    const shutdown = opts.activeCalls?.add(callId);
    const test = opts.isTestCall ? opts.isTestCall(leg, ctx) : isTestCallPrincipal(ctx.principal);
    try {
      const report = wantsAmd(leg)
        ? await runOutboundWithAmd({ ...opts, leg, test, dialect: ctx.dialect, dialog: () => opts.dialogFor(leg, ctx), logger: log, signal: shutdown })
        : await runCallPipeline({ ...opts, leg, test, dialect: ctx.dialect, dialog: opts.dialogFor(leg, ctx), logger: log, signal: shutdown });
      opts.onReport?.(report);
      return report;
    } catch (err) {
      log.error({ callId: leg.info.callId, err: { message: (err as Error).message } }, 'call pipeline failed');
      opts.metrics?.errors.inc({ code: 'TZ_ERR_INTERNAL' });
      await leg.hangup('error').catch(() => {});
      return null;
    } finally {
      live.delete(callId);
      opts.activeCalls?.delete(callId);
    }
  };
}

/** Resolves true once the leg is active, false when it closes first. */
function becameActive(leg: CallLeg): Promise<boolean> {
  if (leg.state !== 'connecting') return Promise.resolve(leg.state === 'active');
  return new Promise((resolve) => {
    const on = (st: string) => {
      if (st === 'connecting') return;
      leg.off('state', on);
      resolve(st === 'active');
    };
    leg.on('state', on);
  });
}
