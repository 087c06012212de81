/** What an answered call's result asks of the campaign: contact end, worklist item, do-not-call. */
import { describe, expect, it } from 'vitest';
import { callResult } from '@tingzhen/voice-core';
import { callbackInstant, callEffects } from '../src/dialing/call-effects.js';

const NOW = new Date('2026-12-07T02:00:00Z'); // 10:00 in Shanghai
const TZ = 'Asia/Shanghai';

describe('callEffects', () => {
  it('a recovering patient: contact completed, nothing for a nurse', () => {
    expect(callEffects(callResult({ outcome: 'completed', disposition: 'D6' }), NOW, TZ, false)).toEqual({ contact: { kind: 'close', to: 'completed', reason: 'completed' }, worklist: null, doNotCall: null });
  });

  it('a red flag: priority 1 with the flags, whatever the alerts say', () => {
    const e = callEffects(callResult({ outcome: 'red-flag', disposition: 'D1', redFlags: ['chest-pain'], alerts: [{ priority: 1, reason: 'red-flag' }] }), NOW, TZ, false);
    expect(e.worklist).toMatchObject({ priority: 1, reason: 'red_flag', redFlags: ['chest-pain'] });
  });

  it('opt-out: contact opted out and do-not-call set', () => {
    const e = callEffects(callResult({ outcome: 'opted-out', optOut: true }), NOW, TZ, false);
    expect(e.contact).toEqual({ kind: 'close', to: 'opted_out', reason: 'opted_out_on_call' });
    expect(e.doNotCall).toBe('opted_out_on_call');
  });

  it('wrong person and deceased: the contact closed with that reason and a nurse told', () => {
    const w = callEffects(callResult({ outcome: 'wrong-person' }), NOW, TZ, false);
    expect(w.contact).toEqual({ kind: 'close', to: 'unreachable', reason: 'wrong_person' });
    expect(w.worklist).toMatchObject({ priority: 3, reason: 'wrong_person' });
    const d = callEffects(callResult({ outcome: 'patient-deceased' }), NOW, TZ, false);
    expect(d.contact).toEqual({ kind: 'close', to: 'cancelled', reason: 'patient_deceased' });
    expect(d.doNotCall).toBe('patient_deceased');
    expect(d.worklist).toMatchObject({ reason: 'patient_deceased' });
  });

  it('a call the platform cut by shutting down: called again soon, and a nurse told (not a hang-up)', () => {
    const e = callEffects(callResult({ outcome: 'platform-shutdown', hangupReason: 'shutdown', alerts: [{ priority: 3, reason: 'platform-shutdown' }] }), NOW, TZ, false);
    expect(e.contact).toEqual({ kind: 'call-again', at: new Date(NOW.getTime() + 15 * 60_000), reason: 'platform_shutdown' });
    expect(e.worklist).toMatchObject({ priority: 3, reason: 'platform_shutdown' });
  });

  it('call me tomorrow afternoon: the next call is planned then, and the worklist says when', () => {
    const e = callEffects(callResult({ outcome: 'call-later', callbacks: [{ reason: 'caller-busy', delayMinutes: 120, when: { date: '2026-12-08', partOfDay: 'afternoon' } }] }), NOW, TZ, false);
    expect(e.contact).toEqual({ kind: 'call-again', at: new Date('2026-12-08T06:30:00Z'), reason: 'callback_requested' });
    expect(e.worklist).toMatchObject({ priority: 4, reason: 'callback_requested', callbackAt: new Date('2026-12-08T06:30:00Z') });
  });

  it('nobody took the transfer: a call-back promise on the worklist at the script\'s delay', () => {
    const e = callEffects(callResult({ outcome: 'transfer-failed', alerts: [{ priority: 3, reason: 'caller-request' }], callbacks: [{ reason: 'human-requested', delayMinutes: 30 }], transfer: { reason: 'caller-request', ok: false } }), NOW, TZ, false);
    expect(e.contact).toMatchObject({ kind: 'close', to: 'completed' });
    expect(e.worklist).toMatchObject({ priority: 3, reason: 'caller_request', callbackAt: new Date(NOW.getTime() + 30 * 60_000) });
  });
});

describe('callbackInstant', () => {
  it('reads times in the zone, never in the past', () => {
    expect(callbackInstant({ reason: 'x', delayMinutes: 120, when: { time: '15:00' } }, NOW, TZ)).toEqual(new Date('2026-12-07T07:00:00Z'));
    expect(callbackInstant({ reason: 'x', delayMinutes: 120, when: { partOfDay: 'morning' } }, NOW, TZ)).toEqual(new Date('2026-12-08T01:30:00Z'));
    expect(callbackInstant({ reason: 'x', delayMinutes: 120 }, NOW, TZ)).toEqual(new Date('2026-12-07T04:00:00Z'));
    expect(callbackInstant({ reason: 'x', delayMinutes: 120, when: { date: '2026-12-01' } }, NOW, TZ)).toEqual(new Date('2026-12-07T04:00:00Z'));
  });
});
