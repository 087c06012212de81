/**
 * The one contract between campaigns and the gateway: `dial(request) -> outcome`. It works
 * in-process (the gateway object) and over HTTP (HttpDialer), so workers and gateways can run on
 * different machines.
 */
// The dial contract is declared once, in voice-core (src/contracts/dial.ts); campaigns uses it as is.
export { treatAsMachine } from '@tingzhen/voice-core';
export type {
  AmdVerdict, CallOutcome, CallPatient as DialPatient, CallResultRecord, DialRequest, Dialer, FiledAnswer as AnswerValue, ResultTranscriptTurn as TranscriptTurn,
} from '@tingzhen/voice-core';

export interface TrunkConfig {
  /** Simultaneous calls the trunk carries. */
  channels: number;
  /** New outbound calls per second the carrier accepts. */
  callsPerSecond: number;
  /** Share of channels (0..1) kept free for the inbound triage hotline. */
  inboundReservedShare: number;
}

export const DEFAULT_TRUNKS: Record<string, TrunkConfig> = {
  default: { channels: 30, callsPerSecond: 5, inboundReservedShare: 0.2 },
};

/** Outbound channels a trunk may use: what the inbound reservation leaves, at least one. */
export function outboundChannels(t: TrunkConfig, inboundInUse = 0): number {
  const reserved = Math.ceil(t.channels * t.inboundReservedShare);
  return Math.max(0, Math.min(t.channels - reserved, t.channels - inboundInUse));
}
