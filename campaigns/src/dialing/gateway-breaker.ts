/**
 * The per-campaign circuit breaker for gateway faults. The dial contract reports a gateway that
 * cannot be reached (or answers with an HTTP error, or garbage) as a carrier-side failure; one of
 * them is retried soon, but a run of them means the gateway is down, and dialing on would burn one
 * attempt per contact per second. After BREAKER_THRESHOLD faults in a row the campaign claims no
 * call until a backoff has passed: BREAKER_BASE_MS doubling per further fault up to BREAKER_MAX_MS,
 * with +-20 % jitter so many campaigns (and workers) do not all come back in the same second.
 * The first call that reaches the gateway again closes the breaker.
 */
import type pg from 'pg';
import type { CallOutcome } from '@tingzhen/voice-core';

/** Gateway faults in a row that open the breaker. */
export const BREAKER_THRESHOLD = 3;
/** First open period, ms. */
export const BREAKER_BASE_MS = 5_000;
/** Longest open period, ms. */
export const BREAKER_MAX_MS = 5 * 60_000;

/** Failure reasons that say the gateway itself was not reached or misbehaved (campaigns dialers/http.ts and the worker). */
export function isGatewayFault(o: CallOutcome): boolean {
  if (o.kind !== 'failed') return false;
  const r = o.reason ?? '';
  return r === 'gateway_unreachable' || r === 'gateway_bad_outcome' || r === 'dialer_error' || r === 'gateway_draining' || r.startsWith('gateway_http_');
}

/**
 * The same failures as SQL over call_attempts `alias` (state and reason): attempts that never left
 * our side, so the patient's phone never rang (the daily cap does not count them).
 */
export function gatewayFaultSql(alias: string): string {
  return `(${alias}.state = 'failed' AND (${alias}.reason IN ('gateway_unreachable', 'gateway_bad_outcome', 'dialer_error', 'gateway_draining') OR ${alias}.reason LIKE 'gateway\\_http\\_%'))`;
}

/** How long the breaker stays open after `faults` gateway faults in a row, ms (jittered). */
export function breakerOpenMs(faults: number, random: () => number = Math.random): number {
  const base = Math.min(BREAKER_MAX_MS, BREAKER_BASE_MS * 2 ** Math.max(0, faults - BREAKER_THRESHOLD));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Counts a gateway fault or a call that got through, inside the filing transaction. */
export async function noteGatewayOutcome(db: pg.ClientBase, campaignId: string, outcome: CallOutcome, now: Date): Promise<void> {
  if (!isGatewayFault(outcome)) {
    // Only a campaign that had faults is written: a healthy campaign's row is never touched here.
    await db.query('UPDATE campaigns SET gateway_faults = 0, gateway_open_until = NULL WHERE id = $1 AND gateway_faults > 0', [campaignId]);
    return;
  }
  const r = await db.query<{ gateway_faults: number }>('UPDATE campaigns SET gateway_faults = gateway_faults + 1 WHERE id = $1 RETURNING gateway_faults', [campaignId]);
  const faults = r.rows[0]?.gateway_faults ?? 0;
  if (faults >= BREAKER_THRESHOLD) {
    await db.query('UPDATE campaigns SET gateway_open_until = $2 WHERE id = $1', [campaignId, new Date(now.getTime() + breakerOpenMs(faults))]);
  }
}
