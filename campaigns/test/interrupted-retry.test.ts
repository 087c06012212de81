/**
 * The retry of a call cut by a crash (issue "Crash-safe calls"): the contact's next dial carries the
 * answers the interrupted attempt kept (the dial request, validated as it travels over HTTP), the
 * script resumes or restarts as it declares, and the retry's result says which (resumed_from /
 * restarted_after), which answers it carried and, per answer, the attempt it was given in. A retry
 * after an unanswered attempt in between still carries them. Real PostgreSQL, real runner.
 */
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner, loadScript, loadScriptText, rulesInterpreter, type Action, type Script } from '@tingzhen/dialog-engine';
import { callResultFromReport, DialRequestSchema, type CallReport, type DialRequest } from '@tingzhen/voice-core';
import { campaignsApi, startCheckpointStore, startLeaseKeeper, startScheduler, startWorker, StubDialer, type CallOutcome } from '../src/index.js';
import { makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const restarting = loadScript('post-op-followup');
const resuming = loadScriptText(
  readFileSync(new URL('../../dialog-engine/scripts/post-op-followup.yaml', import.meta.url), 'utf8').replace(/^flags:/m, 'onInterrupted: resume\nflags:'),
  'post-op-resume.yaml');

/** One call of `script` driven by keys, as the gateway would report it (the dialog's result so far when `ends` is false). */
function runCall(script: Script, req: DialRequest, digits: string, ends: boolean): CallReport {
  const runner = createRunner(script, { interpreter: rulesInterpreter() });
  let state = runner.initialState({ lang: 'zh', patient: { displayName: req.patient.name }, context: { recording: false }, ...(req.interruptedAttempt ? { interrupted: req.interruptedAttempt } : {}) });
  const events: Action[] = [];
  const said: string[] = [];
  const send = (input: Parameters<typeof runner.next>[1]) => {
    const out = runner.next(state, input);
    state = out.state;
    for (const a of out.actions) {
      if (a.type === 'say') said.push(a.text);
      else if (a.type !== 'listen' && a.type !== 'hangup') events.push(a);
    }
  };
  send({ type: 'start' });
  for (const d of digits) send({ type: 'dtmf', digit: d });
  if (ends && state.phase !== 'ended') send({ type: 'hangup' });
  const result = runner.result(state);
  return {
    callId: `sip-${req.attemptId}`, attemptId: req.attemptId, endReason: 'completed', outcome: result.outcome, durationMs: 30_000, turns: [], bargeIns: [], underruns: 0, test: false,
    transcript: said.map((text, i) => ({ speaker: 'bot' as const, text, startMs: i * 1000, endMs: i * 1000 + 900 })), events, result,
  };
}

describe('the retry of an interrupted call', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'resume'); });
  afterAll(async () => { await env.close(); });

  it('carries the kept answers to the retry; a resuming script skips them and files resumed_from, a restarting one files restarted_after; the nurse sees both', async () => {
    const { campaignId, patientIds: [resumer, restarter] } = await seed(env, 2, { maxAttempts: 4 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 300 });
    await scheduler.scheduleCampaign(campaignId);
    const leases = startLeaseKeeper(env.pool, 'dying', { leaseMs: 1500, renewMs: 300 });
    const checkpoints = startCheckpointStore(env.pool, 'dying', { touchMs: 300 });
    const callsOf = new Map<string, DialRequest[]>();
    const dialer = new StubDialer({
      outcome: async (req) => {
        const script = req.patient.id === resumer ? resuming : restarting;
        const mine = [...(callsOf.get(req.patient.id) ?? []), req];
        callsOf.set(req.patient.id, mine);
        if (mine.length === 1) {
          // Consent, the wound is red and swollen, not bleeding: checkpointed; then the gateway dies.
          await leases.hold(req.attemptId);
          checkpoints.save(runCall(script, req, '112', false));
          await new Promise((r) => setTimeout(r, 200));
          return new Promise<CallOutcome>((resolve) => req.signal.addEventListener('abort', () => resolve({ kind: 'failed', reason: 'call_aborted', carrierFault: true })));
        }
        // Nobody picks up the first retry; the next one is answered: consent, then the rest of the questions.
        if (mine.length === 2) return { kind: 'no_answer' };
        const keys = req.patient.id === resumer ? '122#1222' : '1222#1222';
        return { kind: 'answered', amd: 'human', result: callResultFromReport(runCall(script, req, keys, true)) };
      },
    });
    // The first calls of both patients are cut together: the gateway stops renewing once both are in.
    const dying = setInterval(() => { if (callsOf.size === 2) { clearInterval(dying); setTimeout(() => { leases.close(); checkpoints.close(); }, 300); } }, 50);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 10 });
    try {
      const rows = await waitFor(async () => {
        const r = await env.pool.query<{ patient_id: string; attempt_id: string; seq: number; interrupted: boolean; resumed_from: string | null; restarted_after: string | null; carried_answers: string[]; answers: Record<string, { fromAttemptId?: string }>; outcome: string | null; disposition: string | null }>(
          `SELECT r.patient_id::text, r.attempt_id::text, a.seq, r.interrupted, r.resumed_from::text, r.restarted_after::text, r.carried_answers, r.answers, r.outcome, r.disposition
           FROM call_results r JOIN call_attempts a ON a.id = r.attempt_id ORDER BY r.attempt_id`);
        return r.rows.length === 4 ? r.rows : undefined;
      }, 40_000);
      const of = (p: string) => rows.filter((r) => r.patient_id === p);
      for (const p of [resumer!, restarter!]) {
        const [cut, retry] = of(p);
        const requests = callsOf.get(p)!;
        expect(requests).toHaveLength(3);
        expect(cut).toMatchObject({ seq: 1, interrupted: true });
        // Both retries carried the kept answers (the one in between was not answered), as the wire contract allows.
        for (const req of requests.slice(1)) {
          expect(req.interruptedAttempt).toEqual({
            attemptId: cut!.attempt_id,
            answers: {
              consent: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
              wound: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
              'wound-bleeding': { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
            },
          });
          const { signal: _s, onEvent: _e, ...wire } = req;
          expect(Value.Check(DialRequestSchema, JSON.parse(JSON.stringify(wire)))).toBe(true);
        }
        expect(requests[0]!.interruptedAttempt).toBeUndefined();
        expect(retry).toMatchObject({ seq: 3, interrupted: false, outcome: 'completed' });
      }
      const [, resumed] = of(resumer!);
      const [cutR, restarted] = of(restarter!);
      // Resumed: wound and bleeding not asked again, kept with the attempt they were given in; the wound concern still counts.
      expect(resumed).toMatchObject({ resumed_from: of(resumer!)[0]!.attempt_id, restarted_after: null, carried_answers: ['wound', 'wound-bleeding'], disposition: 'D4' });
      expect(resumed!.answers.wound).toEqual({ type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf', fromAttemptId: of(resumer!)[0]!.attempt_id });
      expect(resumed!.answers.consent!.fromAttemptId).toBeUndefined();
      expect(Object.keys(resumed!.answers).sort()).toEqual(['breath', 'calf', 'consent', 'drain', 'fever', 'mobility', 'pain', 'wound', 'wound-bleeding']);
      // Restarted: everything asked again (the wound is fine now, so no bleeding question): the new
      // answers replace the old; the earlier bleeding answer is kept with its attempt, not lost.
      expect(restarted).toMatchObject({ resumed_from: null, restarted_after: cutR!.attempt_id, carried_answers: ['wound-bleeding'], disposition: null });
      expect(restarted!.answers.wound).toEqual({ type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' });
      expect(restarted!.answers['wound-bleeding']).toMatchObject({ fromAttemptId: cutR!.attempt_id });

      // The nurse reads it through the results API.
      const app = Fastify();
      await app.register(campaignsApi, { pool: env.pool, scheduler, prefix: '/api' } as never);
      try {
        const list = (await app.inject({ method: 'GET', url: `/api/results?patientId=${resumer}` })).json<{ items: Record<string, unknown>[] }>().items;
        expect(list.map((r) => [r.interrupted, r.resumed_from, r.carried_answers])).toEqual([[true, null, []], [false, of(resumer!)[0]!.attempt_id, ['wound', 'wound-bleeding']]]);
        const one = (await app.inject({ method: 'GET', url: `/api/results/${(list[1] as { id: string }).id}` })).json<Record<string, unknown>>();
        expect(one).toMatchObject({ resumed_from: of(resumer!)[0]!.attempt_id, restarted_after: null, answers: { wound: { fromAttemptId: of(resumer!)[0]!.attempt_id } } });
        expect(JSON.stringify(one.transcript)).toContain('这次接着上次继续');
        // The exports say the same: CSV columns at the end, FHIR extensions on the response and on each carried answer.
        const csv = (await app.inject({ method: 'GET', url: `/api/results.csv?patientId=${resumer}` })).body.trim().split('\r\n');
        const head = csv[0]!.split(',');
        expect(head.slice(-4)).toEqual(['interrupted', 'resumed_from', 'restarted_after', 'carried_answers']);
        const cells = (line: string) => line.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)!.map((c) => c.replace(/,$/, ''));
        expect(cells(csv[1]!).slice(head.length - 4, head.length)).toEqual(['true', '', '', '']);
        expect(cells(csv[2]!).slice(head.length - 4, head.length)).toEqual(['false', of(resumer!)[0]!.attempt_id, '', 'wound;wound-bleeding']);
        const fhir = (await app.inject({ method: 'GET', url: `/api/results/${(list[1] as { id: string }).id}/fhir` })).json<{ extension: { url: string; valueString?: string }[]; item: { linkId: string; extension?: { url: string; valueString: string }[] }[] }>();
        expect(fhir.extension).toContainEqual({ url: 'urn:tingzhen/StructureDefinition/resumed-from-attempt', valueString: of(resumer!)[0]!.attempt_id });
        expect(fhir.item.find((i) => i.linkId === 'wound')?.extension).toEqual([{ url: 'urn:tingzhen/StructureDefinition/carried-from-attempt', valueString: of(resumer!)[0]!.attempt_id }]);
        const first = (await app.inject({ method: 'GET', url: `/api/results/${(list[0] as { id: string }).id}/fhir` })).json<{ extension: { url: string; valueBoolean?: boolean }[] }>();
        expect(first.extension).toContainEqual({ url: 'urn:tingzhen/StructureDefinition/interrupted', valueBoolean: true });
      } finally {
        await app.close();
      }
    } finally {
      clearInterval(dying);
      await worker.close({ force: true });
      await scheduler.close();
    }
  }, 60_000);
});
