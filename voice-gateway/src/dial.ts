/**
 * The campaigns worker's one contract with the gateway: dial(request) -> outcome. Until SIP lands,
 * an outbound call is a WebSocket we open to the callee's media endpoint (a test phone that
 * answers in the Twilio dialect: it sends `start` when it picks up). The same WireCallLeg and
 * pipeline run as for inbound calls.
 */
import WebSocket from 'ws';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import { createTwilioCodec } from './codecs/twilio.js';
import { WireCallLeg } from './legs/wire-leg.js';
import type { CallReport } from './pipeline/types.js';
import { WS_LEAD_FRAMES } from './server/ws-gateway.js';

export interface PlaceCallRequest {
  /** Attempt id (idempotency key; becomes the call id). */
  attemptId: string;
  /** ws:// URL of the callee's media endpoint (test phone). Patient data: never logged. */
  target: string;
  /** Give up when nobody answers within this time, ms. */
  ringTimeoutMs?: number;
  /** Leg parameters for the pipeline (script, lang, patientName): patient data, never logged. */
  parameters?: Record<string, string>;
  /** Extra SIP headers (ignored by the WebSocket dialer). */
  extraHeaders?: string[];
  signal?: AbortSignal;
  /** The callee answered (the call runs on; the outcome still comes when it ends). */
  onAnswered?: () => void;
}

export type PlaceCallOutcome =
  | { status: 'answered'; report: CallReport }
  | {
    status: 'no-answer' | 'failed';
    reason: string;
    /** Final SIP status, when the call went over SIP. */
    sipStatus?: number | null;
    /** The carrier or our own side failed (capacity, transport): retry soon, never the callee's answer. */
    carrierFault?: boolean;
  };

export type Dial = (request: PlaceCallRequest) => Promise<PlaceCallOutcome>;

export interface WsDialerOptions {
  /** Runs the call once answered (usually runCallPipeline with the attempt's script). */
  runCall: (leg: WireCallLeg, request: PlaceCallRequest) => Promise<CallReport>;
  logger?: Logger;
}

export function createWsDialer(opts: WsDialerOptions): Dial {
  const log = opts.logger ?? createLogger({ name: 'dialer' });
  return async (req) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(req.target, { handshakeTimeout: req.ringTimeoutMs ?? 30_000 });
    } catch {
      return { status: 'failed', reason: 'bad-target' };
    }
    const leg = new WireCallLeg({
      codec: createTwilioCodec('native'),
      logger: log,
      startTimeoutMs: req.ringTimeoutMs ?? 30_000,
      leadFrames: WS_LEAD_FRAMES,
      transport: {
        send: (m) => { if (ws.readyState === WebSocket.OPEN) ws.send(m.data, { binary: m.binary }); },
        close: (code, reason) => ws.close(code, reason),
      },
    });
    ws.on('message', (d: Buffer, isBinary: boolean) => leg.receive(d, isBinary));
    ws.on('close', () => leg.transportClosed());
    ws.on('error', () => leg.transportClosed());
    const onAbort = () => void leg.hangup('normal');
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await leg.waitActive();
    } catch {
      ws.terminate();
      const reason = leg.closeCause === 'start-timeout' ? 'no-answer' : 'failed';
      log.info({ attemptId: req.attemptId, reason }, 'outbound call not answered');
      req.signal?.removeEventListener('abort', onAbort);
      return { status: reason === 'no-answer' ? 'no-answer' : 'failed', reason: leg.closeCause ?? 'closed' };
    }
    // The abort (maxCallMs, the worker gone) ends the answered call too.
    req.onAnswered?.();
    try {
      const report = await opts.runCall(leg, req);
      return { status: 'answered', report };
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}
