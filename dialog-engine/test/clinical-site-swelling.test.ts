/**
 * A swelling of the lips, face, tongue or throat told the way people join words (sentences written
 * for this test, not taken from a blind set): sites joined by "and" or commas, auxiliaries and adverbs
 * between ("have swelled right up", "are all puffy"). Not being able to get a sentence out is
 * severe breathlessness; sitting on the edge of the bed is not a suicide attempt.
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../src/clinical/index.js';

describe('swelling of the airway told in joined words', () => {
  it.each([
    'Since the new tablets his lips and tongue have swelled right up and he has hives on his chest.',
    'Her face and eyes are all puffy after the wasp sting and she sounds wheezy.',
    'I ate a prawn cracker and my tongue and throat have started swelling, my voice is going funny.',
  ])('%s', (text) => {
    expect(triage(text, 'en').red_flags).toContain('anaphylaxis');
  });
  it('a swollen ankle is not an airway', () => {
    expect(triage('My ankles have swelled up a bit since the operation.', 'en').red_flags).toEqual([]);
  });
});

describe('breathless beyond a sentence, and the edge of the bed', () => {
  it('cannot get a sentence out is severe breathlessness', () => {
    expect(triage("My dad can't finish a whole sentence, he is that breathless, sitting forward on a chair.", 'en').red_flags).toContain('severe-breathing');
    expect(triage("I couldn't get a full sentence out this morning, I'm so short of breath.", 'en').red_flags).toContain('severe-breathing');
  });
  it('sitting on the edge of the bed is no suicide act', () => {
    expect(triage('I sit on the edge of the bed for a minute before standing because my knee is stiff.', 'en').red_flags).not.toContain('suicidal');
  });
});
