/** Script hash, templates, the built-in list. */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { listScripts, loadScript, loadScriptText, renderTemplate, scriptHash } from '@tingzhen/dialog-engine';

describe('scripts', () => {
  it('lists the seven built-in scripts, each in zh and en', () => {
    const ids = listScripts().map((s) => s.id).sort();
    expect(ids).toEqual(['appointment-reminder', 'bp-diabetes-adherence', 'heart-failure-followup', 'post-op-followup', 'satisfaction-survey', 'stroke-rehab-followup', 'triage-hotline']);
    for (const s of listScripts()) expect(s.languages).toEqual(['zh', 'en']);
    expect(() => loadScript('nope')).toThrow(expect.objectContaining({ code: 'TZ_ERR_SCRIPT_NOT_FOUND' }));
  });

  it('the hash ignores YAML layout and key order but changes with content', () => {
    const s = loadScript('post-op-followup');
    const reordered = loadScriptText(stringify(Object.fromEntries(Object.entries(parse(stringify(s)) as object).reverse())));
    expect(scriptHash(reordered)).toBe(scriptHash(s));
    const changed = structuredClone(s);
    changed.version = 2;
    expect(scriptHash(changed)).not.toBe(scriptHash(s));
  });

  it('renders patient fields, fallbacks and department labels', () => {
    const v = { patient: { displayName: '李华' }, fallbacks: { hospitalName: { zh: '医院', en: 'the hospital' } }, department: 'cardiology' };
    expect(renderTemplate('{{patient.displayName}}您好，{{patient.hospitalName}}，{{department}}', 'zh', v)).toBe('李华您好，医院，心血管内科');
    expect(renderTemplate('See {{department}}.', 'en', { ...v, department: null })).toBe('See General medicine.');
  });

  it('no built-in prompt gives a dose or names a drug amount', () => {
    for (const info of listScripts()) {
      const text = JSON.stringify(loadScript(info.id));
      expect(text).not.toMatch(/\d+\s*(mg|毫克|片|粒)\b/);
    }
  });
});
