import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, RED_FLAG_DISPOSITION, RED_FLAG_IDS, RED_FLAG_INSTRUCTION, departmentLabel, redFlagDisposition, triage } from '../src/clinical/index.js';
import { callRedFlagDisposition, RED_FLAG_DISPOSITION as RUNNER_TABLE, RED_FLAG_INSTRUCTION as RUNNER_INSTRUCTION } from '../src/runner/index.js';
import { DEPARTMENT_LABELS, departmentLabel as scriptLabel } from '../src/script/departments.js';

describe('one red-flag table for triage and calls', () => {
  it('every red flag has a disposition; the six acute ones are D1', () => {
    for (const id of RED_FLAG_IDS) expect(RED_FLAG_DISPOSITION[id]).toMatch(/^D[1-3]$/);
    for (const id of ['chest-pain-cardiac', 'stroke-signs', 'severe-breathing', 'anaphylaxis', 'severe-bleeding', 'altered-consciousness'] as const) {
      expect(redFlagDisposition([id])).toBe('D1');
    }
    expect(redFlagDisposition(['infant-fever'])).toBe('D2');
    expect(redFlagDisposition(['sepsis-signs'])).toBe('D2');
  });
  it('suicidal: D3 for thoughts, D1 with an act, D1 when unknown; the most urgent flag wins', () => {
    expect(redFlagDisposition(['suicidal'], { suicidalAct: false })).toBe('D3');
    expect(redFlagDisposition(['suicidal'], { suicidalAct: true })).toBe('D1');
    expect(redFlagDisposition(['suicidal'])).toBe('D1');
    expect(redFlagDisposition(['suicidal', 'sepsis-signs'], { suicidalAct: false })).toBe('D2');
    expect(redFlagDisposition(['made-up-flag'])).toBe('D1');
    expect(redFlagDisposition([])).toBe('D1');
  });
  it('the runner reads the clinical table (same objects) and stays on D1/D2', () => {
    expect(RUNNER_TABLE).toBe(RED_FLAG_DISPOSITION);
    expect(RUNNER_INSTRUCTION).toBe(RED_FLAG_INSTRUCTION);
    expect(callRedFlagDisposition(['suicidal'])).toBe('D1');
    expect(callRedFlagDisposition(['infant-fever', 'sepsis-signs'])).toBe('D2');
    expect(callRedFlagDisposition(['infant-fever', 'stroke-signs'])).toBe('D1');
    expect(callRedFlagDisposition(['unspecified'])).toBe('D1');
  });
  it('triage uses the same mapping', () => {
    expect(triage('我最近总觉得活着没意思不想活了', 'zh').disposition).toBe('D3');
    expect(triage('I have taken all my sleeping pills, I want to die', 'en').disposition).toBe('D1');
  });
  it('script templates speak the clinical department labels', () => {
    expect(DEPARTMENT_LABELS).toBe(DEPARTMENTS);
    expect(scriptLabel('cardiology', 'zh')).toBe(departmentLabel('cardiology', 'zh'));
    expect(departmentLabel(null, 'en')).toBe(DEPARTMENTS['general-medicine'].en);
    expect(departmentLabel('no-such-dept', 'en')).toBe('no-such-dept');
  });
});
