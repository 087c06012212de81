/**
 * A call leg: one side of a call as the pipeline sees it, whatever the transport
 * (WebSocket media dialects, AudioSocket, SIP/RTP, loopback).
 *
 * State machine (transition() refuses anything else):
 *   connecting -> active -> closing -> closed
 *   connecting -> closed           (failed before media)
 *   active -> closed               (remote hang-up / transport loss)
 */
import type { AudioFrame } from './audio/frame.js';
import { TzError } from './errors.js';

export type CallLegState = 'connecting' | 'active' | 'closing' | 'closed';

const LEGAL: Record<CallLegState, readonly CallLegState[]> = {
  connecting: ['active', 'closed'],
  active: ['closing', 'closed'],
  closing: ['closed'],
  closed: [],
};

export function assertLegTransition(from: CallLegState, to: CallLegState): void {
  if (!LEGAL[from].includes(to)) throw new TzError('TZ_ERR_ILLEGAL_TRANSITION', { machine: 'call-leg', from, to });
}

export type HangupReason = 'normal' | 'remote' | 'timeout' | 'error' | 'transfer' | 'rejected';

export interface DtmfEvent {
  digit: string;
  /** Media-clock time of the digit, ms. */
  atMs: number;
  source: 'rfc4733' | 'sip-info' | 'inband' | 'protocol';
  durationMs?: number;
}

export interface CallLegInfo {
  callId: string;
  /** Direction seen from tingzhen. */
  direction: 'inbound' | 'outbound';
  /** Tagged, redacted in logs. */
  from?: string;
  to?: string;
  /** Custom parameters from the peer (e.g. Twilio customParameters). */
  parameters?: Record<string, string>;
}

export interface CallLegEvents {
  dtmf: (event: DtmfEvent) => void;
  state: (state: CallLegState) => void;
  /** A playout mark was reached (the prompt finished on the wire). */
  mark: (name: string) => void;
}

export interface CallLeg {
  readonly info: CallLegInfo;
  readonly state: CallLegState;
  /** Sample rate of the leg's audio, Hz. */
  readonly sampleRate: number;
  /** Caller audio; ends when the leg closes. */
  readonly audioIn: AsyncIterable<AudioFrame>;
  /** Queue audio for playout; resolves when it has been played (or rejects on abort). */
  play(frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>, signal?: AbortSignal): Promise<void>;
  /** Drop everything queued for playout at once (barge-in). */
  clearPlayout(): void;
  /** Ask the peer to transfer the call (REFER / redirect message). */
  transfer?(target: string): Promise<void>;
  hangup(reason: HangupReason): Promise<void>;
  on<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): this;
  off<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): this;
}
