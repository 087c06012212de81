/**
 * The state machines. Each map lists the legal moves; `transition()` in db/transitions.ts refuses
 * anything else and performs the move as `UPDATE ... WHERE id = $1 AND state = $from`.
 */
export const CAMPAIGN_STATES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const CONTACT_STATES = ['pending', 'active', 'completed', 'exhausted', 'opted_out', 'unreachable', 'skipped', 'cancelled'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

export const ATTEMPT_STATES = ['queued', 'held', 'dialing', 'answered', 'no_answer', 'busy', 'failed', 'voicemail', 'rejected', 'expired', 'cancelled'] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

export const ESCALATION_STATES = ['open', 'claimed', 'resolved'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export type Machine = 'campaign' | 'contact' | 'attempt' | 'escalation';

const CAMPAIGN: Record<CampaignState, readonly CampaignState[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['running', 'paused', 'cancelled', 'completed'],
  running: ['paused', 'completed', 'cancelled'],
  paused: ['running', 'cancelled'],
  completed: [],
  cancelled: [],
};

const CONTACT: Record<ContactState, readonly ContactState[]> = {
  pending: ['active', 'skipped', 'cancelled', 'opted_out'],
  active: ['completed', 'exhausted', 'opted_out', 'unreachable', 'skipped', 'cancelled'],
  completed: [],
  exhausted: [],
  opted_out: [],
  unreachable: [],
  skipped: [],
  cancelled: [],
};

const ATTEMPT: Record<AttemptState, readonly AttemptState[]> = {
  queued: ['dialing', 'held', 'expired', 'cancelled'],
  held: ['queued', 'cancelled'],
  dialing: ['answered', 'no_answer', 'busy', 'failed', 'voicemail', 'rejected'],
  answered: [], no_answer: [], busy: [], failed: [], voicemail: [], rejected: [], expired: [], cancelled: [],
};

const ESCALATION: Record<EscalationState, readonly EscalationState[]> = {
  open: ['claimed', 'resolved'],
  claimed: ['open', 'resolved', 'claimed'],
  resolved: [],
};

const MACHINES: Record<Machine, Record<string, readonly string[]>> = { campaign: CAMPAIGN, contact: CONTACT, attempt: ATTEMPT, escalation: ESCALATION };

export function canTransition(machine: Machine, from: string, to: string): boolean {
  return MACHINES[machine][from]?.includes(to) ?? false;
}

/** Outcomes a dial can end in, and the attempt state each lands in. */
export const RETRYABLE_OUTCOMES = ['no_answer', 'busy', 'failed', 'voicemail'] as const;
export type RetryableOutcome = (typeof RETRYABLE_OUTCOMES)[number];
export const LIVE_ATTEMPT_STATES: readonly AttemptState[] = ['queued', 'held', 'dialing'];
export const TERMINAL_CONTACT_STATES: readonly ContactState[] = ['completed', 'exhausted', 'opted_out', 'unreachable', 'skipped', 'cancelled'];
