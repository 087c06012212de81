/**
 * The one contract between campaigns and the gateway: `dial(request) -> outcome`. It works
 * in-process (the gateway object) and over HTTP (HttpDialer), so workers and gateways can run on
 * different machines.
 */
export type AmdVerdict = 'human' | 'machine' | 'uncertain';

/** Answering-machine detection fails safe: only a confident "machine" is a machine. */
export function treatAsMachine(verdict: AmdVerdict | undefined): boolean {
  return verdict === 'machine';
}

export interface DialPatient {
  id: string;
  /** Given to the script for greeting; never logged. */
  name: string;
  language: string;
  timezone: string | null;
  department: string | null;
  dischargeDate: string | null;
  customFields: Record<string, unknown>;
}

export interface DialRequest {
  attemptId: string;
  campaignId: string;
  patient: DialPatient;
  /** E.164 */
  phone: string;
  scriptId: string;
  scriptVersion: string;
  scriptHash: string | null;
  callerId: string | null;
  trunk: string;
  /** What a machine gets: hospital name and a call-back number only, never health information. */
  voicemailMessage: string;
  /** The longest the call may last, ms; the gateway hangs up after it. */
  maxCallMs: number;
  signal: AbortSignal;
  /** Progress notes during the call (ringing, answered...), stored as they happen. */
  onEvent?: (kind: string, data?: Record<string, unknown>) => void;
}

export interface TranscriptTurn {
  speaker: 'bot' | 'patient';
  text: string;
  startMs: number;
  endMs: number;
  confidence?: number;
}

export interface AnswerValue {
  type: string;
  value: unknown;
  confidence?: number;
}

export interface CallResultInput {
  answers: Record<string, AnswerValue>;
  /** D1..D7 as defined by the dialog engine. */
  disposition?: string | null;
  redFlags?: string[];
  department?: string | null;
  summary?: string | null;
  tags?: string[];
  transcript?: TranscriptTurn[];
  recordingRef?: string | null;
  durationMs?: number;
  hangupReason?: string | null;
  /** The patient asked not to be called again. */
  optOut?: boolean;
  /** The script asked for a nurse (priority 1 = most urgent). */
  escalation?: { priority: number; reason: string } | null;
  scriptHash?: string | null;
}

export type CallOutcome =
  | { kind: 'answered'; amd?: AmdVerdict; result: CallResultInput }
  | { kind: 'voicemail'; messageLeft: boolean; durationMs?: number }
  | {
    kind: 'no_answer' | 'busy' | 'failed' | 'rejected';
    reason?: string;
    sipCode?: number;
    /** `failed` on the carrier's or our side (trunk full, 503, transport): retried soon, not counted against the patient. */
    carrierFault?: boolean;
  };

export interface Dialer {
  dial(request: DialRequest): Promise<CallOutcome>;
}

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
