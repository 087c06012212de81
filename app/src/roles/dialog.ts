/**
 * Chooses the dialog for a call: the script named in the leg's parameters (outbound campaign calls,
 * test calls) or the hotline script, in the call's language, driven by the pure runner with the
 * rule NLU. The patient record the campaign holds (and its custom fields) reaches the script's
 * templates; the hospital's name and whether the call is recorded are call facts.
 */
import { Value } from '@sinclair/typebox/value';
import { createRunner, loadScript, prepareInput, rulesInterpreter, type Script } from '@tingzhen/dialog-engine';
import { driverFromReducer, type DialogDriver } from '@tingzhen/voice-gateway';
import type { ConfiguredLlm } from './llm.js';
import { CallPatientSchema, InterruptedAttemptSchema, patientTemplateFields, TzError, type CallPatient, type DialogInput, type InterruptedAttempt, type Language } from '@tingzhen/voice-core';

export interface DialogChoice {
  scriptId?: string;
  /** A BCP 47 tag or 'zh' / 'en'; anything else falls back to the script's first language. */
  lang?: string;
  patient?: CallPatient | null;
  /** YYYY-MM-DD in the hospital's timezone (relative dates are read against it). */
  callDate: string;
  hospitalName: string;
  /** The campaign or hotline records calls; the call is recorded only if the script also announces it. */
  record: boolean;
  /** The answers an interrupted earlier attempt kept: the script resumes or restarts as it declares. */
  interrupted?: InterruptedAttempt | null;
  /** The configured LLM (LLM_BASE_URL): it reviews triage and fills slots the rules cannot read; unset = rules only. */
  llm?: ConfiguredLlm;
}

/** A dialog, and whether its call is recorded (the script announces it: the pipeline records exactly then). */
export interface ChosenDialog {
  driver: DialogDriver;
  lang: Language;
  recorded: boolean;
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

/** 'zh-CN', 'zh', 'cmn-Hans' -> 'zh'; 'en-GB' -> 'en'; anything else -> undefined. */
export function callLanguage(tag: string | undefined): Language | undefined {
  const t = tag?.trim().toLowerCase() ?? '';
  if (t === 'zh' || t.startsWith('zh-') || t.startsWith('cmn') || t === 'mandarin' || t === 'chinese') return 'zh';
  if (t === 'en' || t.startsWith('en-') || t === 'english') return 'en';
  return undefined;
}

export function dialogFor(choice: DialogChoice, defaultScript: string): ChosenDialog {
  const script = cachedScript(choice.scriptId ?? defaultScript);
  const wanted = callLanguage(choice.lang);
  const lang = wanted !== undefined && script.languages.includes(wanted) ? wanted : script.languages[0];
  if (lang === undefined) throw new TzError('TZ_ERR_VALIDATION', { scriptId: script.id, problem: 'script has no language' });
  const recorded = choice.record && script.flags.recordingNotice;
  const interpreter = rulesInterpreter();
  const runner = createRunner(script, { interpreter, callDate: choice.callDate });
  const initial = runner.initialState({
    lang, patient: choice.patient ? patientTemplateFields(choice.patient) : {},
    context: { hospitalName: choice.hospitalName, recording: recorded },
    ...(choice.interrupted ? { interrupted: choice.interrupted } : {}),
  });
  const llm = choice.llm;
  const prepare = llm
    ? (s: typeof initial, input: DialogInput, signal: AbortSignal) => prepareInput(script, s, input, { interpreter, llm: llm.client, timeoutMs: llm.timeoutMs, signal })
    : undefined;
  return { driver: driverFromReducer(initial, (s, input) => runner.next(s, input), (s) => runner.result(s), prepare), lang, recorded };
}

/** The patient record a dial request carried (leg parameter `patient`, JSON), or null. */
export function patientOfParameters(p: Record<string, string>): CallPatient | null {
  if (!p.patient) return p.patientName ? { id: 'unknown', name: p.patientName, language: p.lang ?? '', timezone: null, department: null, dischargeDate: null, customFields: {} } : null;
  try {
    const v: unknown = JSON.parse(p.patient);
    return Value.Check(CallPatientSchema, v) ? v : null;
  } catch {
    return null;
  }
}

/** The interrupted attempt a dial request carried (leg parameter `interruptedAttempt`, JSON), or null. */
export function interruptedOfParameters(p: Record<string, string>): InterruptedAttempt | null {
  if (!p.interruptedAttempt) return null;
  try {
    const v: unknown = JSON.parse(p.interruptedAttempt);
    return Value.Check(InterruptedAttemptSchema, v) ? v : null;
  } catch {
    return null;
  }
}

/** Today's date in a timezone, YYYY-MM-DD. */
export function dateIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
