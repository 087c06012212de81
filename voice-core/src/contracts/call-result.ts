/**
 * The one translation from a call report (what the gateway saw) to the call result that is filed
 * (what the nurse reads): typed answers, disposition, red flags, alerts, call-back requests,
 * opt-out, transfer, transcript, recording. Hotline filing and campaign outcomes both use it.
 */
import type { AlertPriority, DialogAnswer } from './dialog.js';
import type { CallReport } from './call-report.js';
import type { Alert, CallbackRequest, CallResultRecord, FiledAnswer } from './dial.js';

/** The dialog engine's alert priorities on the worklist's 1 (most urgent) to 5 scale. */
export const ALERT_PRIORITY: Readonly<Record<AlertPriority, number>> = { urgent: 1, high: 2, normal: 3, low: 4 };

export function callResultFromReport(r: CallReport): CallResultRecord {
  const res = r.result;
  const answers: Record<string, FiledAnswer> = {};
  for (const [stepId, a] of Object.entries(res?.answers ?? {})) {
    answers[stepId] = {
      type: a.expect, value: a.value, via: a.via, ...(a.confidence === undefined ? {} : { confidence: a.confidence }), ...(a.text === undefined ? {} : { text: a.text }),
      ...(a.fromAttemptId === undefined ? {} : { fromAttemptId: a.fromAttemptId }), ...(a.triage === undefined ? {} : { triage: a.triage }),
    };
  }
  const alerts: Alert[] = [];
  const callbacks: CallbackRequest[] = [];
  const other: CallResultRecord['events'] = [];
  let optOut = res?.doNotCall ?? false;
  for (const e of r.events) {
    if (e.type === 'alert') alerts.push({ priority: ALERT_PRIORITY[e.priority], reason: e.reason, ...(e.redFlags ? { redFlags: e.redFlags } : {}), ...(e.disposition ? { disposition: e.disposition } : {}) });
    else if (e.type === 'schedule-callback') callbacks.push({ reason: e.reason, delayMinutes: e.delayMinutes, ...(e.when ? { when: e.when } : {}) });
    else if (e.type === 'set-do-not-call') optOut = true;
    else if (e.type !== 'transfer') other.push(e);
  }
  // A call the platform itself cut short goes to a nurse (a degraded call that went on does not).
  if (r.fault && r.endReason === 'error') alerts.push({ priority: 2, reason: 'platform-fault' });
  return {
    answers,
    saved: res?.saved ?? {},
    disposition: res?.disposition ?? null,
    redFlags: res?.redFlags ?? [],
    department: res?.department ?? null,
    summary: null,
    tags: res?.tags ?? [],
    transcript: r.transcript.map((t) => ({
      speaker: t.speaker === 'bot' ? 'bot' : 'patient', text: t.text, startMs: t.startMs, endMs: t.endMs,
      ...(t.confidence === undefined ? {} : { confidence: t.confidence }), ...(t.via ? { via: t.via } : {}),
    })),
    recordingRef: r.recordingFile ?? null,
    durationMs: r.durationMs,
    hangupReason: r.endReason,
    outcome: (res?.outcome ?? null),
    lang: res?.lang ?? null,
    optOut,
    alerts,
    callbacks,
    transfer: r.transfer ? { reason: r.transfer.reason, ok: r.transfer.ok } : null,
    events: other,
    scriptHash: res?.scriptHash ?? null,
    ...(r.fault ? { fault: r.fault } : {}),
    ...(res?.continuation ? { continuation: res.continuation } : {}),
  };
}

/**
 * A filed answer as the dialog's answer again (the inverse of the mapping above), to carry it to
 * the retry of an interrupted call; null when it is not one (a typed value is an object).
 */
export function dialogAnswerFromFiled(a: FiledAnswer): DialogAnswer | null {
  if (a.value === null || typeof a.value !== 'object' || Array.isArray(a.value)) return null;
  if (a.via !== 'speech' && a.via !== 'dtmf' && a.via !== 'llm') return null;
  return {
    expect: a.type, value: a.value as Record<string, unknown>, via: a.via,
    ...(a.text === undefined ? {} : { text: a.text }), ...(a.confidence === undefined ? {} : { confidence: a.confidence }),
    ...(a.fromAttemptId === undefined ? {} : { fromAttemptId: a.fromAttemptId }), ...(a.triage === undefined ? {} : { triage: a.triage }),
  };
}

/** A call result with nothing in it yet, plus what is given (stub dialers, tests). */
export function callResult(partial: Partial<CallResultRecord> = {}): CallResultRecord {
  return {
    answers: {}, disposition: null, redFlags: [], department: null, summary: null, tags: [], transcript: [], recordingRef: null,
    durationMs: 0, hangupReason: null, outcome: null, lang: null, optOut: false, alerts: [], callbacks: [], transfer: null, scriptHash: null,
    ...partial,
  };
}
