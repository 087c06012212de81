/**
 * Chooses the dialog for a call: the script named in the leg's parameters (outbound campaign calls,
 * test calls) or the hotline script, in the caller's language, driven by the pure runner with the
 * rule NLU.
 */
import { createRunner, loadScript, rulesInterpreter, type Script } from '@tingzhen/dialog-engine';
import { driverFromReducer, type DialogDriver, type DialogInput, type DialogAction } from '@tingzhen/voice-gateway';
import { TzError } from '@tingzhen/voice-core';

export interface DialogChoice {
  scriptId?: string;
  lang?: string;
  patient?: Record<string, string>;
  /** YYYY-MM-DD in the hospital's timezone (relative dates are read against it). */
  callDate: string;
}

const scripts = new Map<string, Script>();

function cachedScript(id: string): Script {
  let s = scripts.get(id);
  if (!s) {
    s = loadScript(id);
    scripts.set(id, s);
  }
  return s;
}

export function dialogFor(choice: DialogChoice, defaultScript: string): DialogDriver {
  const script = cachedScript(choice.scriptId ?? defaultScript);
  const lang = choice.lang === 'en' || choice.lang === 'zh' ? choice.lang : script.languages[0];
  if (lang === undefined || !script.languages.includes(lang)) throw new TzError('TZ_ERR_VALIDATION', { scriptId: script.id, lang, problem: 'language not in script' });
  const runner = createRunner(script, { interpreter: rulesInterpreter(), callDate: choice.callDate });
  const initial = runner.initialState({ lang, patient: choice.patient ?? {} });
  type Next = (state: typeof initial, input: DialogInput) => { state: typeof initial; actions: readonly DialogAction[] };
  const next = ((state, input) => runner.next(state, input)) as Next;
  return driverFromReducer(initial, next, (s) => runner.result(s).outcome);
}

/** Today's date in a timezone, YYYY-MM-DD. */
export function dateIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
