/** Lint fixtures: every good script is clean; each bad script shows its error class at file:line. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCRIPTS_DIR, checkScriptFile, checkScriptText, formatIssue, listScripts, loadScriptFile } from '@tingzhen/dialog-engine';
import { isTzError } from '@tingzhen/voice-core';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('good scripts', () => {
  for (const f of readdirSync(join(dir, 'good'))) {
    it(`${f} has no issues`, () => {
      const r = checkScriptFile(join(dir, 'good', f));
      expect(r.issues.map(formatIssue)).toEqual([]);
      expect(r.script).not.toBeNull();
    });
  }
  it('every built-in script lints clean (warnings only for custom patient fields, each with a fallback)', () => {
    for (const s of listScripts()) {
      const issues = checkScriptFile(s.file).issues;
      expect(issues.filter((i) => i.severity !== 'warning').map(formatIssue)).toEqual([]);
      for (const w of issues) {
        expect(w.code).toBe('custom-patient-field');
        expect(w.message).toMatch(/hear the fallback/);
      }
    }
  });

  it('warns about fields no campaign provides, unknown template values and a recording notice that cannot be left out', () => {
    const text = (fields: string, intro: string, flag = true) => `id: t\nversion: 1\ntitle: {zh: 测}\nlanguages: [zh]\n${fields}flags: {recordingNotice: ${flag}}\nsteps:\n  - id: intro\n    kind: say\n    roles: [ai-disclosure, recording-notice]\n    text: {zh: "${intro}"}\n    next: q\n  - id: q\n    kind: ask\n    expect: yes-no\n    prompt: {zh: 好吗}\n    dtmfPrompt: {zh: 按1或2}\n    dtmf: {map: {'1': 'yes', '2': 'no'}}\n    next: bye\n  - id: bye\n    kind: hangup\n`;
    const codes = (t: string) => checkScriptText(t, 't.yaml').issues.map((i) => `${i.severity ?? 'error'}:${i.code}`);
    expect(codes(text('patientFields:\n  bedNumber: {}\n', '我是人工智能。{{call.recordingNotice}}{{patient.bedNumber}}'))).toEqual(['warning:custom-patient-field']);
    expect(checkScriptText(text('patientFields:\n  bedNumber: {}\n', '我是人工智能。{{call.recordingNotice}}{{patient.bedNumber}}'), 't.yaml').script).not.toBeNull();
    expect(codes(text('', '我是人工智能。{{call.recordingNotice}}{{hospital.name}}{{weather}}'))).toEqual(['error:unknown-template-ref']);
    expect(codes(text('', '我是人工智能，本次通话会录音。'))).toEqual(['warning:recording-notice-unused']);
    expect(codes(text('', '我是人工智能。{{call.recordingNotice}}', false))).toEqual(['warning:recording-notice-unused']);
  });
});

describe('bad scripts: one per error class', () => {
  for (const f of readdirSync(join(dir, 'bad'))) {
    const code = f.replace(/\.yaml$/, '');
    it(`${f} reports ${code} at the marked line`, () => {
      const path = join(dir, 'bad', f);
      const text = readFileSync(path, 'utf8');
      const marked = text.split('\n').findIndex((l) => l.includes('# <- here')) + 1;
      expect(marked).toBeGreaterThan(0);
      const { script, issues } = checkScriptFile(path);
      expect(script).toBeNull();
      const hit = issues.filter((i) => i.code === code);
      expect(hit.length, issues.map(formatIssue).join('\n')).toBeGreaterThan(0);
      expect(hit[0]!.file).toBe(path);
      if (code === 'yaml-syntax') expect(hit[0]!.line).toBeGreaterThanOrEqual(marked);
      else expect(hit.map((i) => i.line), issues.map(formatIssue).join('\n')).toContain(marked);
      expect(formatIssue(hit[0]!)).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ `));
    });
  }

  it('loading a bad script throws TZ_ERR_SCRIPT_INVALID with the issues', () => {
    try {
      loadScriptFile(join(dir, 'bad', 'unknown-field.yaml'));
      expect.unreachable();
    } catch (err) {
      expect(isTzError(err, 'TZ_ERR_SCRIPT_INVALID')).toBe(true);
      expect((err as { details: { issues: unknown[] } }).details.issues.length).toBeGreaterThan(0);
    }
  });

  it('a missing file is TZ_ERR_SCRIPT_NOT_FOUND', () => {
    expect(() => checkScriptFile(join(dir, 'nope.yaml'))).toThrow(expect.objectContaining({ code: 'TZ_ERR_SCRIPT_NOT_FOUND' }));
  });

  it('the field path names the missing language', () => {
    const text = readFileSync(join(dir, 'bad', 'missing-prompt.yaml'), 'utf8');
    const { issues } = checkScriptText(text, 'x.yaml');
    expect(issues).toContainEqual(expect.objectContaining({ code: 'missing-prompt', path: 'steps/1/prompt', message: expect.stringContaining('en') }));
  });
});

describe('every independent problem once, most useful first (issue 20)', () => {
  const postOp = readFileSync(join(BUILTIN_SCRIPTS_DIR, 'post-op-followup.yaml'), 'utf8');
  const once = (from: string, to: string, text = postOp) => {
    expect(text).toContain(from);
    return text.replace(from, to);
  };
  const lines = (text: string) => checkScriptText(text, 'p.yaml').issues.map(formatIssue);

  it('a typo in a step id is one problem, not a dangling target per use plus every step after it unreachable', () => {
    // Before: 29 lines (3 uses of "wound", 26 unreachable steps).
    const out = lines(once('- id: wound\n', '- id: wuond\n'));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/dangling-target: no step with id "wound" \(used 3 times\); did you mean "wuond" \(line \d+\)\?$/);
    expect(out[1]).toMatch(/unreachable-step: step "wuond" can never be reached \(nor the \d+ steps only it leads to\): "wound" above may be meant to be it$/);
  });

  it('a typo in a field name is one line naming both the unknown and the missing field', () => {
    const out = lines(once('  prompt:\n', '  promt:\n'));
    expect(out).toEqual([expect.stringMatching(/steps\/1\/promt unknown-field: unknown field "promt" \(did you mean "prompt"\? it is required and missing\)$/)]);
  });

  it('a typo in a step kind is one line with the kind it probably means, and no follow-on', () => {
    const out = lines(once('  kind: ask\n', '  kind: aks\n'));
    expect(out).toEqual([expect.stringMatching(/steps\/1\/kind unknown-kind: unknown step kind "aks" \(did you mean "ask"\?\)$/)]);
  });

  it('a schema error does not hide the other checks', () => {
    // Before: only the schema error; the dangling target in another step was never looked at.
    const text = once('    next: fever\n', '    next: feverr\n', once('  expect: yes-no\n', '  expect: yesno\n'));
    const { script, issues } = checkScriptText(text, 'p.yaml');
    expect(script).toBeNull();
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual(['steps/1/expect schema', expect.stringMatching(/^steps\/\d+\/cases\/\d+\/next dangling-target$/)]);
    expect(issues[1]!.message).toContain('did you mean "fever"');
  });

  it('orders what to fix first: schema problems, then broken references, then what follows from them, warnings last', () => {
    const text = once('patientFields:\n', 'patientFields:\n  bedNumber:\n    fallback: { zh: 床位, en: bed }\n', once('- id: close\n', '- id: closs\n', once('  kind: ask\n', '  kind: aks\n')));
    const codes = checkScriptText(text, 'p.yaml').issues.map((i) => `${i.severity ?? 'error'}:${i.code}`);
    expect(codes.indexOf('error:unknown-kind')).toBe(0);
    expect(codes.indexOf('error:dangling-target')).toBeLessThan(codes.indexOf('error:unreachable-step'));
    expect(codes.at(-1)).toBe('warning:custom-patient-field');
  });
});

describe('YAML that is no script is an issue, never a crash', () => {
  const bomb = 'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
  it.each([
    ['an empty file', '', /empty/],
    ['a null document', '~\n', /empty/],
    ['a list', '- ask\n- end\n', /a list, not a script/],
    ['an alias bomb', bomb, /alias/i],
    ['an alias to nowhere', 'id: x\nsteps: *nowhere\n', /alias/i],
  ])('%s', (_name, text, message) => {
    const r = checkScriptText(text, 'bad.yaml');
    expect(r.script).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.code).toBe('yaml-syntax');
    expect(r.issues[0]!.message).toMatch(message);
  });
});
