import { describe, expect, it } from 'vitest';
import { extractSymptoms, type SymptomId } from '../src/clinical/index.js';

type Row = [string, SymptomId[], SymptomId[]?];

/** [utterance (recognizer style, no punctuation), present (exact set), absent (must include)]. */
const ROWS: Row[] = [
  ['i have a fever', ['fever']],
  ['running a temperature since last night', ['fever']],
  ['my temperature is 101 degrees', ['fever']],
  ['temperature was thirty six point eight', [], ['fever']],
  ['no fever', [], ['fever']],
  ['i dont have a fever', [], ['fever']],
  ['the fever broke yesterday', [], ['fever']],
  ['chest pain', ['chest-pain']],
  ['my chest feels tight', ['chest-pain']],
  ['some pressure in my chest', ['chest-pain']],
  ['no chest pain', [], ['chest-pain']],
  ['i deny any chest pain or shortness of breath', [], ['chest-pain', 'shortness-of-breath']],
  ['im short of breath', ['shortness-of-breath']],
  ['i get breathless walking upstairs', ['shortness-of-breath']],
  ['trouble breathing', ['shortness-of-breath']],
  ['bad headache', ['headache']],
  ['my head hurts', ['headache']],
  ['i had a headache last week but its gone now', [], ['headache']],
  ['feeling dizzy', ['dizziness']],
  ['i was dizzy yesterday but not anymore', [], ['dizziness']],
  ['i feel sick and threw up twice', ['nausea-vomiting']],
  ['stomach ache', ['abdominal-pain']],
  ['pain in my belly', ['abdominal-pain']],
  ['the wound is red', ['wound-redness']],
  ['my incision looks swollen and red', ['wound-redness']],
  ['pus coming from the wound', ['wound-discharge']],
  ['the incision is oozing', ['wound-discharge']],
  ['the wound is bleeding', ['wound-bleeding']],
  ['my ankles are swollen', ['leg-swelling']],
  ['swelling in my legs', ['leg-swelling']],
  ['i have a cough', ['cough']],
  ['coughing a lot at night', ['cough']],
  ['my heart is racing', ['palpitations']],
  ['palpitations', ['palpitations']],
  ['my left arm is weak', ['weakness-one-side']],
  ['weakness on one side', ['weakness-one-side']],
  ['slurred speech', ['speech-difficulty']],
  ['i cant get my words out', ['speech-difficulty']],
  ['my face is drooping', ['facial-droop']],
  ['feeling confused', ['confusion']],
  ['i fainted this morning', ['fainting']],
  ['i passed out in the shower', ['fainting']],
  ['black tarry stools', ['black-stool']],
  ['my poop is black', ['black-stool']],
  ['blood in my urine', ['blood-in-urine']],
  ['my pee is pink', ['blood-in-urine']],
  ['i have a rash on my arms', ['rash']],
  ['really itchy skin', ['itching']],
  ['i cant sleep', ['insomnia']],
  ['trouble falling asleep', ['insomnia']],
  ['ive been feeling down', ['low-mood']],
  ['i feel hopeless', ['low-mood']],
  ['i want to die', ['suicidal-thoughts']],
  ['i have no thoughts of suicide', [], ['suicidal-thoughts']],
  ['constipated for four days', ['constipation']],
  ['diarrhea since yesterday', ['diarrhea']],
  ['so tired all the time', ['fatigue']],
  ['no energy', ['fatigue']],
  ['peeing much less than usual', ['reduced-urine']],
  ['i gained three pounds this week', ['weight-gain']],
  ['my back hurts', ['pain-general']],
  // other people
  ['my son has a cough', []],
  ['my wife has a fever', []],
  ['my husband has chest pain', []],
  ['my son has a cough and i have a fever', ['fever']],
  ['my daughter is throwing up but im fine', []],
  // negation scope
  ['no fever but a bad cough', ['cough'], ['fever']],
  ['no fever cough or chest pain', [], ['fever', 'cough', 'chest-pain']],
  ['i dont think i have a fever', [], ['fever']],
  ['i dont know why im dizzy', ['dizziness']],
  ['not dizzy just tired', ['fatigue'], ['dizziness']],
  ['i used to have palpitations years ago', [], ['palpitations']],
  ['i still have palpitations', ['palpitations']],
];

describe('extractSymptoms en', () => {
  for (const [text, present, absent = []] of ROWS) {
    it(text, () => {
      const r = extractSymptoms(text, 'en');
      expect(new Set(r.present)).toEqual(new Set(present));
      for (const a of absent) expect(r.absent).toContain(a);
    });
  }
  it('counts other people with subject any', () => {
    expect(extractSymptoms('my son has a cough', 'en', { subject: 'any' }).present).toEqual(['cough']);
  });
});
