/** Lint fixtures: every good script is clean; each bad script shows its error class at file:line. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScriptFile, checkScriptText, formatIssue, listScripts, loadScriptFile } from '@tingzhen/dialog-engine';
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
