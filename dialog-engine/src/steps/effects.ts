/** State changes several step kinds (and the runner's interrupts) share. */
import type { Disposition } from '../script/common.js';
import type { Action, AlertPriority, Outcome, RunnerState } from '../runner/types.js';

export function dispositionRank(d: string): number {
  const n = Number(d.slice(1));
  return Number.isInteger(n) && n >= 1 && n <= 7 ? n : 99;
}

/** Raise (never lower) the call's disposition: D1 is the most urgent. */
export function raiseDisposition(state: RunnerState, d: Disposition | null | undefined): void {
  if (!d) return;
  if (state.disposition === null || dispositionRank(d) < dispositionRank(state.disposition)) state.disposition = d;
}

export function addTags(state: RunnerState, tags: readonly string[] | undefined): void {
  for (const t of tags ?? []) if (!state.tags.includes(t)) state.tags.push(t);
}

export function priorityFor(d: Disposition | null): AlertPriority {
  if (d === null) return 'normal';
  const r = dispositionRank(d);
  return r <= 2 ? 'urgent' : r <= 4 ? 'high' : r <= 5 ? 'normal' : 'low';
}

export function alertAction(state: RunnerState, reason: string, priority?: AlertPriority): Action {
  state.alerted = true;
  const a: Action = { type: 'alert', priority: priority ?? priorityFor(state.disposition), reason };
  if (state.disposition) a.disposition = state.disposition;
  if (state.redFlags.length > 0) a.redFlags = [...state.redFlags];
  return a;
}

/**
 * End the call. A call that ends with D1-D4 and no alert yet puts one on the nurse worklist, so an
 * urgent answer is never left in a record nobody reads.
 */
export function endCall(state: RunnerState, reason: string, outcome: Outcome): Action[] {
  const actions: Action[] = [];
  if (!state.alerted && state.disposition !== null && dispositionRank(state.disposition) <= 4) actions.push(alertAction(state, reason));
  const h: Action = { type: 'hangup', reason };
  if (state.disposition) h.disposition = state.disposition;
  actions.push(h);
  state.phase = 'ended';
  state.ask = null;
  state.outcome ??= outcome;
  return actions;
}
