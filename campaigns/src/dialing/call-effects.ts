/**
 * What an answered call's result asks of the campaign (pure): how the contact ends (or when it is
 * called again), and what goes on the nurse worklist. Red flags and the script's alerts become one
 * worklist item at the most urgent priority; an opt-out closes the contact and sets do-not-call;
 * a wrong person or a deceased patient closes the contact with that reason and tells a nurse; a
 * call-back request plans the next call at the time asked for and notes it on the worklist.
 */
import { DateTime } from 'luxon';
import type { CallbackRequest, CallResultRecord } from '@tingzhen/voice-core';

export interface WorklistItem {
  /** 1 = most urgent ... 5 */
  priority: number;
  reason: string;
  redFlags: string[];
  callbackAt: Date | null;
  details: Record<string, unknown>;
}

export type ContactEnd =
  | { kind: 'close'; to: 'completed' | 'opted_out' | 'unreachable' | 'cancelled'; reason: string }
  | { kind: 'call-again'; at: Date; reason: string };

export interface CallEffects {
  contact: ContactEnd;
  worklist: WorklistItem | null;
  /** Set do-not-call on the patient, with this reason. */
  doNotCall: string | null;
}

/** Local clock time a part of the day means when a caller names no hour. */
const PART_OF_DAY_TIME: Record<string, string> = { morning: '09:30', noon: '12:00', afternoon: '14:30', evening: '18:30' };

/** The instant a call-back request means, read in the patient's (or hospital's) timezone; never in the past. */
export function callbackInstant(cb: CallbackRequest, now: Date, zone: string): Date {
  const soonest = new Date(now.getTime() + cb.delayMinutes * 60_000);
  const w = cb.when;
  if (!w || (!w.date && !w.partOfDay && !w.time)) return soonest;
  const local = DateTime.fromJSDate(now, { zone });
  const day = w.date ? DateTime.fromISO(w.date, { zone }) : local.startOf('day');
  const [h, m] = (w.time ?? (w.partOfDay ? PART_OF_DAY_TIME[w.partOfDay] : undefined) ?? '10:00').split(':').map(Number) as [number, number];
  let at = day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  // "this afternoon" said in the afternoon, or a time already past today: the next such time.
  if (!w.date && at.toMillis() <= now.getTime()) at = at.plus({ days: 1 });
  return at.isValid && at.toMillis() > now.getTime() ? at.toJSDate() : soonest;
}

/** A call the platform cut by shutting down is tried again after this long, ms (the restart is expected sooner). */
const SHUTDOWN_RETRY_MS = 15 * 60_000;

const snake = (s: string) => s.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

export function callEffects(r: CallResultRecord, now: Date, zone: string, late: boolean): CallEffects {
  const alerts = [...r.alerts];
  const details: Record<string, unknown> = {};
  if (r.alerts.length > 0) details.alerts = r.alerts.map((a) => ({ priority: a.priority, reason: a.reason }));
  if (r.disposition) details.disposition = r.disposition;
  if (r.outcome) details.outcome = r.outcome;
  let contact: ContactEnd = { kind: 'close', to: 'completed', reason: r.outcome ? snake(r.outcome) : 'answered' };
  let doNotCall: string | null = null;
  let callbackAt: Date | null = null;
  const cb = r.callbacks[0];
  if (cb) {
    callbackAt = callbackInstant(cb, now, zone);
    details.callback = { reason: cb.reason, ...(cb.when ? { asked: cb.when } : {}) };
  }

  if (r.optOut) {
    contact = { kind: 'close', to: 'opted_out', reason: 'opted_out_on_call' };
    doNotCall = 'opted_out_on_call';
  } else if (r.outcome === 'patient-deceased') {
    contact = { kind: 'close', to: 'cancelled', reason: 'patient_deceased' };
    doNotCall = 'patient_deceased';
    alerts.push({ priority: 3, reason: 'patient-deceased' });
  } else if (r.outcome === 'wrong-person') {
    contact = { kind: 'close', to: 'unreachable', reason: 'wrong_person' };
    alerts.push({ priority: 3, reason: 'wrong-person' });
  } else if (r.outcome === 'platform-shutdown') {
    // The platform stopped mid-call (a shutdown past its drain limit): not the patient's doing, so
    // the contact is called again soon (the runner's alert tells a nurse).
    contact = { kind: 'call-again', at: new Date(now.getTime() + SHUTDOWN_RETRY_MS), reason: 'platform_shutdown' };
  } else if (cb && callbackAt && r.outcome === 'call-later') {
    // The patient asked us to call again: the bot calls back at that time, and the nurse sees it.
    contact = { kind: 'call-again', at: callbackAt, reason: 'callback_requested' };
    alerts.push({ priority: 4, reason: 'callback-requested' });
  } else if (cb && callbackAt) {
    // A nurse promised to call back (nobody could take the transfer): the worklist item says when.
    if (!alerts.some((a) => a.priority <= 3)) alerts.push({ priority: 3, reason: 'callback-requested' });
  }

  let worklist: WorklistItem | null = null;
  if (r.redFlags.length > 0 || alerts.length > 0 || late) {
    const top = alerts.reduce<typeof alerts[number] | null>((best, a) => (best === null || a.priority < best.priority ? a : best), null);
    const priority = r.redFlags.length > 0 ? 1 : Math.min(top?.priority ?? 3, late ? 3 : 5);
    // A late result always goes to a nurse: the patient may have been called again meanwhile.
    const reason = late ? 'late_result' : r.redFlags.length > 0 ? 'red_flag' : snake(top!.reason);
    worklist = { priority: Math.min(5, Math.max(1, Math.round(priority))), reason, redFlags: r.redFlags, callbackAt, details };
  }
  return { contact, worklist, doNotCall };
}
