/**
 * The production interpreter: the rule NLU (src/nlu) and the clinical red-flag detector and triage
 * (src/clinical), found by name at load time so this file keeps working while those modules
 * grow. Whatever they do not provide yet falls back to basic-interpreter.ts.
 */
import * as nlu from '../nlu/index.js';
import * as clinical from '../clinical/index.js';
import type { Lang } from '../script/common.js';
import { basicInterpreter } from './basic-interpreter.js';
import type { Interpreter, InterpretRequest } from './interpreter.js';
import type { TriageSnapshot } from './types.js';

type Fn = (...args: unknown[]) => unknown;
const pick = (mod: object, name: string): Fn | undefined => {
  const f = (mod as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as Fn) : undefined;
};

export function rulesInterpreter(): Interpreter {
  const interpret = pick(nlu, 'interpret');
  const detect = pick(clinical, 'detectRedFlags');
  const triage = pick(clinical, 'triage');
  return {
    interpret: (req: InterpretRequest) => {
      if (!interpret) return basicInterpreter.interpret(req);
      const r = interpret(req) as Record<string, unknown> | null | undefined;
      return r && typeof r === 'object' ? r : {};
    },
    detectRedFlags: (text: string, lang: Lang) => {
      if (!detect) return basicInterpreter.detectRedFlags(text, lang);
      const ids = detect(text, lang);
      return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
    },
    triage: (narrative: string, lang: Lang): TriageSnapshot => {
      if (!triage) return basicInterpreter.triage!(narrative, lang);
      const t = triage(narrative, lang) as (Partial<TriageSnapshot> & { modifiers?: { id: unknown; words?: unknown[] }[] }) | null;
      return {
        disposition: t?.disposition ?? 'D6',
        red_flags: Array.isArray(t?.red_flags) ? t.red_flags : [],
        department: typeof t?.department === 'string' ? t.department : null,
        ...(typeof t?.rule === 'string' ? { rule: t.rule } : {}),
        ...(typeof t?.complaint === 'string' || t?.complaint === null ? { complaint: t.complaint } : {}),
        ...(Array.isArray(t?.modifiers) ? { findings: t.modifiers.map((m) => ({ id: String(m.id), words: Array.isArray(m.words) ? m.words.map(String) : [] })) } : {}),
      };
    },
  };
}
