/** batchQuestion: which say of a batch asks the question (the gateway applies input only once it has started). */
import { describe, expect, it } from 'vitest';
import { batchQuestion, type DialogAction } from '../src/index.js';

const say = (stepId: string, text: string): DialogAction => ({ type: 'say', text, lang: 'en', bargeIn: true, stepId });
const listen = (stepId: string): DialogAction => ({ type: 'listen', stepId, expect: 'yes-no', timeoutMs: 6000, endpoint: {}, dtmf: { map: { 1: 'yes' } }, dtmfOnly: false });

describe('batchQuestion', () => {
  it('the greeting is not the question; the prompt before the listen is', () => {
    const q = batchQuestion([say('intro', 'Hello'), say('consent', 'Is now a good time?'), listen('consent')]);
    expect(q?.listen.stepId).toBe('consent');
    expect(q?.prompt).toMatchObject({ text: 'Is now a good time?' });
  });

  it("a notice of the question's own step before its prompt is not the question", () => {
    const q = batchQuestion([say('pain', 'We are starting again'), say('pain', 'Does it hurt?'), listen('pain')]);
    expect(q?.prompt).toMatchObject({ text: 'Does it hurt?' });
  });

  it('a listen with no prompt of its own, and a batch with no listen', () => {
    expect(batchQuestion([say('intro', 'Hello'), listen('consent')])).toMatchObject({ prompt: null });
    expect(batchQuestion([listen('consent')])).toMatchObject({ prompt: null });
    expect(batchQuestion([say('bye', 'Goodbye'), { type: 'hangup', reason: 'completed' }])).toBeNull();
  });
});
