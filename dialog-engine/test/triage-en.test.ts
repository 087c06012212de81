import { describe, expect, it } from 'vitest';
import { triage, type DepartmentId, type DispositionId } from '../src/clinical/index.js';

type Row = [string, DispositionId, DepartmentId | null];

/** Narratives in recognizer style (lower case, no punctuation), first and third person. */
const ROWS: Row[] = [
  // red flags
  ['i have crushing chest pain and im sweating', 'D1', null],
  ['my husband has chest pressure going down his left arm', 'D1', null],
  ['my dad cant lift his right arm and his speech is slurred', 'D1', null],
  ['she suddenly lost vision in one eye', 'D1', null],
  ['my son cant breathe and his lips are blue', 'D1', null],
  ['after eating peanuts her throat is closing up', 'D1', null],
  ['i cut my leg and the bleeding wont stop', 'D1', null],
  ['my grandmother is unresponsive', 'D1', null],
  ['my daughter is having a seizure', 'D1', null],
  ['i want to end my life', 'D3', null],
  ['i took a whole bottle of pills because i want to die', 'D1', null],
  ['my three week old baby has a fever', 'D2', null],
  ['i had surgery last week and now i have a fever with shaking chills', 'D2', null],
  // chest, breathing, heart
  ['i have some chest pain', 'D2', null],
  ['chest hurts when i press on it after lifting boxes', 'D5', 'general-medicine'],
  ['i get short of breath walking up stairs', 'D4', 'respiratory'],
  ['my heart is racing', 'D4', 'cardiology'],
  ['i fainted this morning but feel fine now', 'D4', 'neurology'],
  // headache / dizziness
  ['i have had a headache for three days and i threw up', 'D4', 'neurology'],
  ['i feel dizzy', 'D5', 'neurology'],
  ['fever headache and a stiff neck', 'D2', null],
  ["my 3 year old ate some of grandma's pills", 'D3', null],
  ['my husband drank some drain cleaner', 'D2', null],
  ['my toddler swallowed a bunch of pills', 'D1', null],
  // abdomen
  ['severe stomach pain that came on suddenly', 'D2', null],
  ['pain in the lower right side of my belly and a fever', 'D4', 'general-surgery'],
  ['mild stomach ache for two days', 'D5', 'gastroenterology'],
  ['my stools are black and tarry', 'D2', null],
  ['diarrhea since this morning', 'D7', null],
  ['i keep vomiting and cant keep anything down', 'D4', 'gastroenterology'],
  // fever
  ['i have a fever of 38 since yesterday', 'D7', null],
  ['my temperature is 104', 'D4', 'general-medicine'],
  ['fever for five days', 'D4', 'general-medicine'],
  ['my 3 year old has a fever of 39.5', 'D4', 'pediatrics'],
  ['my 5 year old has a temperature of 38', 'D5', 'pediatrics'],
  ['my 4 month old baby has a fever', 'D4', 'pediatrics'],
  ['my son has a fever and a rash that doesnt fade under a glass', 'D1', null], // NICE NG240: suspected meningococcal disease, emergency transfer
  // cough, ENT
  ['i have a cough and a runny nose', 'D7', null],
  ['coughing for a month', 'D5', 'respiratory'],
  ['i am coughing up some blood', 'D4', 'respiratory'],
  ['sore throat', 'D7', null],
  ['earache and fever', 'D5', 'ent'],
  ['nosebleed for half an hour and it wont stop', 'D1', null],
  // injury
  ['i fell and my wrist is deformed and i heard a crack', 'D4', 'orthopedics'],
  ['he fell and the bone is sticking out', 'D2', null],
  ['i twisted my ankle and its swollen', 'D5', 'orthopedics'],
  ['my son hit his head and has vomited twice', 'D2', null],
  ['deep cut on my hand that needs stitches', 'D4', 'general-surgery'],
  ['i was bitten by a dog', 'D4', 'emergency'],
  // wound / post-op
  ['my incision is red and there is pus coming from the wound', 'D4', 'general-surgery'],
  // urinary, gyn, obstetrics
  ['it burns when i pee', 'D5', 'urology'],
  ['blood in my urine and a fever', 'D4', 'urology'],
  ['i cant pee at all', 'D2', null],
  ['im pregnant and have vaginal bleeding', 'D2', null],
  ['i have irregular periods', 'D6', 'gynecology'],
  // mental health
  ['ive been feeling down for weeks', 'D5', 'psychiatry'],
  ['i cant sleep at night', 'D6', 'psychiatry'],
  // skin, eyes, teeth
  ['i have an itchy rash', 'D6', 'dermatology'],
  ['i got bleach splashed in my eye', 'D2', null],
  ['my eye is red and itchy', 'D6', 'ophthalmology'],
  ['bad toothache', 'D5', 'stomatology'],
  // medication and chronic disease
  ['i forgot to take my blood pressure medicine can i take two tomorrow', 'D6', 'pharmacy'],
  ['i accidentally took a double dose of my pills', 'D3', null],
  ['my blood pressure is 190 over 110 and i have a headache', 'D2', null],
  ['my legs are swollen and i gained five pounds this week', 'D4', 'cardiology'],
  ['back pain', 'D6', 'orthopedics'],
  ['i need to book a check up', 'D6', 'general-medicine'],
];

describe('triage en', () => {
  for (const [text, disposition, department] of ROWS) {
    it(`${text} -> ${disposition} ${department ?? ''}`, () => {
      const r = triage(text, 'en');
      expect({ disposition: r.disposition, department: r.department }).toEqual({ disposition, department });
    });
  }
});
