/**
 * Limits on inbound stream connections (TCP, TLS), RFC 3261 section 18.3 and RFC 5626 section
 * 4.4: a message begun and not completed in time is answered 400 when its header lines allow it
 * and the connection closed (a Content-Length larger than what arrives would hold the connection
 * and its buffer forever); a connection that carries nothing is closed, unless a call still runs
 * on it; one source address may hold only so many connections. The WebSocket transport is a
 * client of the edge with pings of its own (ws-transport.ts): these do not apply to it.
 */
import { TzError } from '@tingzhen/voice-core';

export interface StreamLimits {
  /** Close a connection whose message is still incomplete this long after its first octet, ms (also the TLS handshake timeout). */
  partialMessageTimeoutMs: number;
  /** Close a connection with no octet in or out for this long, ms, unless a call is up on it. */
  idleTimeoutMs: number;
  /** Inbound connections one source address may hold at once; more are closed at accept. */
  maxConnectionsPerSource: number;
}

/**
 * Defaults: 10 s for the rest of a message (a whole INVITE takes milliseconds; a peer stalled that
 * long is gone or hostile), 5 min idle (above the 30-120 s of keep-alive pings and OPTIONS probes),
 * 100 connections per address (an edge proxy opens a few per worker; a flood from one host is cut).
 */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { partialMessageTimeoutMs: 10_000, idleTimeoutMs: 300_000, maxConnectionsPerSource: 100 };

/** Bounds of each setting: [minimum, maximum, fix text]. */
export const STREAM_LIMIT_BOUNDS: Record<keyof StreamLimits, [number, number, string]> = {
  partialMessageTimeoutMs: [100, 120_000, 'an integer of milliseconds from 100 to 120000, e.g. 10000'],
  idleTimeoutMs: [1_000, 86_400_000, 'an integer of milliseconds from 1000 to 86400000, e.g. 300000'],
  maxConnectionsPerSource: [1, 100_000, 'an integer from 1 to 100000, e.g. 100'],
};

export interface StreamLimitIssue { field: keyof StreamLimits; problem: string; fix: string }

/** What is wrong with these settings (empty when they are usable). */
export function streamLimitIssues(l: Partial<StreamLimits>): StreamLimitIssue[] {
  const issues: StreamLimitIssue[] = [];
  for (const [field, [min, max, fix]] of Object.entries(STREAM_LIMIT_BOUNDS) as [keyof StreamLimits, [number, number, string]][]) {
    const v = l[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) issues.push({ field, problem: `must be an integer from ${min} to ${max}`, fix });
  }
  const merged = { ...DEFAULT_STREAM_LIMITS, ...l };
  if (issues.length === 0 && merged.partialMessageTimeoutMs > merged.idleTimeoutMs) {
    issues.push({ field: 'partialMessageTimeoutMs', problem: 'longer than idleTimeoutMs', fix: 'make partialMessageTimeoutMs at most idleTimeoutMs (a stalled message is partial before it is idle)' });
  }
  return issues;
}

/** The settings with defaults filled; throws TZ_ERR_VALIDATION naming the first bad field. */
export function resolveStreamLimits(l: Partial<StreamLimits> | undefined, prefix = 'streams'): StreamLimits {
  const issues = streamLimitIssues(l ?? {});
  if (issues.length > 0) {
    const i = issues[0]!;
    throw new TzError('TZ_ERR_VALIDATION', { field: `${prefix}.${i.field}`, reason: `${i.problem}; use ${i.fix}` });
  }
  return { ...DEFAULT_STREAM_LIMITS, ...l };
}
