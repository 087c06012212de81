/**
 * prepareInput: the caller's speech read before the pure runner when an LLM is configured. A
 * triage step's narrative is triaged by the rules and reviewed by the model (raise only); another
 * ask the rules cannot read gets its slot filled; anything else, and any failure, passes unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { LlmClient, LlmRequest } from '@tingzhen/voice-core';
import { createRunner, loadScript, prepareInput, rulesInterpreter, type Input, type RunnerState } from '../src/index.js';

function client(reply: (req: LlmRequest) => string | Error): LlmClient & { calls: LlmRequest[] } {
  const calls: LlmRequest[] = [];
  return {
    calls,
    complete(req) {
      calls.push(req);
      const r = reply(req);
      return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
    },
  };
}

const interpreter = rulesInterpreter();

/** The runner's state once it listens at `stepId` (answering the questions before it by keys). */
function listeningAt(scriptId: string, lang: 'zh' | 'en', keys: string[], stepId: string): { script: ReturnType<typeof loadScript>; state: RunnerState } {
  const script = loadScript(scriptId);
  const runner = createRunner(script, { interpreter, callDate: '2026-12-07' });
  let state = runner.initialState({ lang, patient: { name: '王芳' }, context: { hospitalName: '测试医院', recording: false } });
  state = runner.next(state, { type: 'start' }).state;
  for (const k of keys) state = runner.next(state, { type: 'dtmf', digit: k }).state;
  expect(state.ask?.stepId).toBe(stepId);
  return { script, state };
}

const speech = (text: string): Input => ({ type: 'speech', text, confidence: 0.9 });

describe('prepareInput', () => {
  it('reviews a triage step\'s narrative: a raise is kept with its grounded words, a lower is not', async () => {
    const { script, state } = listeningAt('triage-hotline', 'en', ['1'], 'complaint');
    const text = 'My father is seventy and has a cough and is more tired than usual.';
    const raise = client(() => JSON.stringify({ disposition: 'D3', red_flags: [], findings: [{ id: 'decline', words: 'more tired than usual' }], reason: 'decline' }));
    const raised = await prepareInput(script, state, speech(text), { interpreter, llm: raise });
    expect(raised).toMatchObject({ type: 'speech', text, triage: { disposition: 'D3', rule: 'llm:D3', reviewedByLlm: true } });
    expect(raise.calls).toHaveLength(1);
    const lower = client(() => JSON.stringify({ disposition: 'D7', red_flags: [], findings: [], reason: 'fine' }));
    expect(await prepareInput(script, state, speech(text), { interpreter, llm: lower })).toMatchObject({ triage: { disposition: 'D6', reviewedByLlm: true } });
    // A broken endpoint: the rules' decision, not marked as reviewed.
    const broken = await prepareInput(script, state, speech(text), { interpreter, llm: client(() => new Error('down')) });
    expect(broken).toMatchObject({ triage: { disposition: 'D6' } });
    expect((broken as { triage?: { reviewedByLlm?: boolean } }).triage?.reviewedByLlm).toBeUndefined();
  });

  it('fills a slot only when the rules cannot read the answer', async () => {
    const { script, state } = listeningAt('post-op-followup', 'en', ['1'], 'wound');
    const fill = client(() => JSON.stringify({ answer: 'no' }));
    // Read by the rules: the model is not asked.
    expect(await prepareInput(script, state, speech('No, it looks fine.'), { interpreter, llm: fill })).toEqual(speech('No, it looks fine.'));
    expect(fill.calls).toHaveLength(0);
    // Unclear to the rules ("the nurse looked at it" says nothing of redness): the model is asked.
    const odd = speech('Well the nurse looked at it on Tuesday.');
    expect(interpreter.interpret({ lang: 'en', expect: 'yes-no', utterance: 'Well the nurse looked at it on Tuesday.', asked: state.lastSaid[0] ?? '' })).toMatchObject({ answer: 'unclear' });
    expect(await prepareInput(script, state, odd, { interpreter, llm: fill })).toEqual({ ...odd, slot: { answer: 'no' } });
    expect(fill.calls).toHaveLength(1);
    // A model answer that does not fit the question's schema, or is no clearer, is dropped: the rules' reading stands.
    const bad = client(() => JSON.stringify({ answer: 'maybe' }));
    expect(await prepareInput(script, state, odd, { interpreter, llm: bad })).toEqual(odd);
    const unsure = client(() => JSON.stringify({ answer: 'unclear' }));
    expect(await prepareInput(script, state, odd, { interpreter, llm: unsure })).toEqual(odd);
  });

  it('passes input unchanged without a client, for keys, for empty words and when nothing is asked', async () => {
    const { script, state } = listeningAt('triage-hotline', 'en', ['1'], 'complaint');
    const llm = client(() => '{}');
    expect(await prepareInput(script, state, speech('chest pain'), { interpreter })).toEqual(speech('chest pain'));
    expect(await prepareInput(script, state, { type: 'dtmf', digit: '1' }, { interpreter, llm })).toEqual({ type: 'dtmf', digit: '1' });
    expect(await prepareInput(script, state, speech('  '), { interpreter, llm })).toEqual(speech('  '));
    expect(await prepareInput(script, { ...state, ask: null }, speech('chest pain'), { interpreter, llm })).toEqual(speech('chest pain'));
    expect(llm.calls).toHaveLength(0);
  });
});
