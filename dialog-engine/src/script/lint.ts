/**
 * Structural checks a schema cannot express: dangling targets, unreachable steps, steps that fall
 * off the end, prompts missing in a declared language, the AI-disclosure and recording notice
 * before the first question, undeclared patient fields, DTMF mappings that cannot answer.
 */
import type { Condition, LangText } from './common.js';
import type { Step } from '../runner/types.js';
import { stepKind } from '../steps/registry.js';
import { CONTEXT_REFS, templateRefs } from './template.js';

/** Patient fields every campaign's patient record provides (the rest come from custom fields). */
export const STANDARD_PATIENT_FIELDS: readonly string[] = ['displayName', 'name', 'department', 'diagnosis', 'dischargeDate'];
import type { Script } from './types.js';
import { isNearMiss, type IssueCode, type Locate, type ScriptIssue } from './issues.js';

export interface LintOptions { file?: string; locate?: Locate }

/** The step a step goes to when it has no explicit `next` (the one listed after it). */
export function followingStep(script: Script, step: Step): string | null {
  if (step.next) return step.next;
  const i = script.steps.indexOf(step);
  return script.steps[i + 1]?.id ?? null;
}

function edges(script: Script, step: Step): string[] {
  const k = stepKind(step.kind);
  // A step of an unknown kind (reported as such) is taken to go on as written, so the steps after it are not all "unreachable".
  if (!k) return [step.next ?? followingStep(script, step)].filter((x): x is string => typeof x === 'string');
  const out = [...k.targets(step)];
  const isBranchWithDefault = step.kind === 'branch' && typeof step.default === 'string';
  if (k.needsNext && !isBranchWithDefault) {
    const f = followingStep(script, step);
    if (f) out.push(f);
  }
  return out;
}

function conditionAnswers(c: Condition, out: string[]): void {
  if (c.answer) out.push(c.answer);
  for (const x of [...(c.all ?? []), ...(c.any ?? []), ...(c.not ? [c.not] : [])]) conditionAnswers(x, out);
}

export function lint(script: Script, opts: LintOptions = {}): ScriptIssue[] {
  const file = opts.file ?? `${script.id}.yaml`;
  const locate = opts.locate ?? (() => ({ line: 0, column: 0 }));
  const issues: ScriptIssue[] = [];
  const add = (path: string, code: IssueCode, message: string): void => {
    issues.push({ file, ...locate(path), path, code, message });
  };
  const warn = (path: string, code: IssueCode, message: string): void => {
    issues.push({ file, ...locate(path), path, code, message, severity: 'warning' });
  };
  let usesRecordingNotice = false;
  const index = new Map<string, number>();
  script.steps.forEach((s, i) => {
    if (index.has(s.id)) add(`steps/${i}/id`, 'duplicate-step', `step id "${s.id}" is used twice`);
    else index.set(s.id, i);
  });
  // A reference to a step that does not exist, by id: reported once per id (at its first use), not once per use.
  const missing = new Map<string, { path: string; code: IssueCode; uses: number }>();
  const missingRef = (path: string, id: string, code: IssueCode): void => {
    const m = missing.get(id);
    if (m) { m.uses++; if (code === 'dangling-target') m.code = code; } else missing.set(id, { path, code, uses: 1 });
  };
  const checkTarget = (path: string, id: string | undefined): void => {
    if (id !== undefined && !index.has(id)) missingRef(path, id, 'dangling-target');
  };
  checkTarget('start', script.start);

  const declared = new Set(Object.keys(script.patientFields ?? {}));
  const checkText = (path: string, text: LangText | undefined): void => {
    if (!text) return;
    for (const lang of script.languages) {
      const t = text[lang];
      if (t === undefined) { add(`${path}`, 'missing-prompt', `no "${lang}" text (the script declares ${lang})`); continue; }
      for (const ref of templateRefs(t)) {
        const field = ref.startsWith('patient.') ? ref.slice(8) : null;
        if (ref === 'call.recordingNotice') usesRecordingNotice = true;
        if (CONTEXT_REFS.includes(ref)) continue;
        if (field === null) add(`${path}/${lang}`, 'unknown-template-ref', `{{${ref}}} is not a template value (patient.<field>, ${CONTEXT_REFS.map((r) => `{{${r}}}`).join(', ')})`);
        else if (!declared.has(field)) add(`${path}/${lang}`, 'missing-patient-field', `{{${ref}}} is not a declared patient field`);
      }
    }
  };
  checkText('title', script.title);
  for (const [k, t] of Object.entries(script.interrupts ?? {})) checkText(`interrupts/${k}`, t);
  for (const [k, f] of Object.entries(script.patientFields ?? {})) {
    checkText(`patientFields/${k}/fallback`, f.fallback);
    if (STANDARD_PATIENT_FIELDS.includes(k)) continue;
    const missing = script.languages.filter((l) => f.fallback?.[l] === undefined);
    warn(`patientFields/${k}`, 'custom-patient-field', missing.length > 0
      ? `"${k}" is not a patient field every campaign holds (${STANDARD_PATIENT_FIELDS.join(', ')}); it must come from a custom field, and a patient without it cannot be called in ${missing.join(', ')} (no fallback)`
      : `"${k}" is not a patient field every campaign holds (${STANDARD_PATIENT_FIELDS.join(', ')}); patients without this custom field hear the fallback`);
  }

  script.steps.forEach((s, i) => {
    const k = stepKind(s.kind);
    if (!k) return;
    const at = `steps/${i}`;
    checkTarget(`${at}/next`, s.next);
    if (s.kind === 'branch') {
      (s.cases as { next?: string; when: Condition; redFlag?: string }[]).forEach((c, j) => {
        checkTarget(`${at}/cases/${j}/next`, c.next);
        if (!c.next && !c.redFlag) add(`${at}/cases/${j}`, 'dangling-target', 'a case needs next or redFlag');
        const refs: string[] = [];
        conditionAnswers(c.when, refs);
        for (const r of refs) {
          if (!index.has(r)) missingRef(`${at}/cases/${j}/when`, r, 'unknown-answer');
          // (a step of an unknown kind is reported as that, not again here)
          else if (script.steps[index.get(r)!]!.kind !== 'ask' && stepKind(script.steps[index.get(r)!]!.kind)) add(`${at}/cases/${j}/when`, 'unknown-answer', `"${r}" is not an ask step`);
        }
      });
      checkTarget(`${at}/default`, s.default as string | undefined);
    }
    if (s.kind === 'save' && typeof s.from === 'string' && !index.has(s.from)) missingRef(`${at}/from`, s.from, 'unknown-answer');
    for (const { path, text } of k.texts(s)) checkText(`${at}/${path}`, text);
    if (k.needsNext && !s.next && i === script.steps.length - 1 && !(s.kind === 'branch' && s.default)) {
      add(`${at}`, 'no-next', 'the last step must end the call (hangup or transfer) or name a next step');
    }
    if (s.kind === 'ask') lintAsk(s, at, add);
  });

  // Reachability from the start.
  const startId = script.start ?? script.steps[0]?.id;
  const seen = new Set<string>();
  const queue = startId && index.has(startId) ? [startId] : [];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = script.steps[index.get(id)!]!;
    for (const e of edges(script, step)) if (index.has(e) && !seen.has(e)) queue.push(e);
  }
  // A missing id that is a typo of an existing step's id: said once, with the step it probably means.
  const meant = new Map<string, string>();
  for (const [id, m] of missing) {
    const near = script.steps.find((s) => isNearMiss(id, s.id));
    if (near) meant.set(near.id, id);
    const where = near ? `; did you mean "${near.id}" (line ${locate(`steps/${index.get(near.id)}/id`).line})?` : '';
    add(m.path, m.code, `no step with id "${id}"${m.uses > 1 ? ` (used ${m.uses} times)` : ''}${where}`);
  }
  // Unreachable steps: only the first of each unreachable stretch, with how many it takes along.
  const unreachable = script.steps.filter((s, i) => !seen.has(s.id) && index.get(s.id) === i);
  const ledTo = new Set<string>();
  for (const s of unreachable) for (const e of edges(script, s)) if (e !== s.id) ledTo.add(e);
  const covered = new Set<string>();
  const cover = (id: string): number => {
    let n = 0;
    const q = [id];
    while (q.length > 0) {
      const x = q.pop()!;
      if (covered.has(x) || seen.has(x) || !index.has(x)) continue;
      covered.add(x);
      n++;
      for (const e of edges(script, script.steps[index.get(x)!]!)) q.push(e);
    }
    return n - 1;
  };
  for (const root of [...unreachable.filter((s) => !ledTo.has(s.id)), ...unreachable]) {
    if (covered.has(root.id)) continue; // a stretch with no first step (a loop) starts at its first listed step
    const more = cover(root.id);
    const typo = meant.get(root.id);
    add(`steps/${index.get(root.id)}`, 'unreachable-step', `step "${root.id}" can never be reached${more > 0 ? ` (nor the ${more} step${more > 1 ? 's' : ''} only it leads to)` : ''}${typo ? `: "${typo}" above may be meant to be it` : ''}`);
  }

  // Disclosure before any question: no ask may be reachable without passing such a step.
  const requireBefore = (role: string, code: IssueCode, what: string): void => {
    const visited = new Set<string>();
    const q = startId && index.has(startId) ? [startId] : [];
    while (q.length > 0) {
      const id = q.pop()!;
      if (visited.has(id)) continue;
      visited.add(id);
      const step = script.steps[index.get(id)!]!;
      if (step.roles?.includes(role)) continue;
      if (step.kind === 'ask') {
        add(`steps/${index.get(id)}`, code, `question "${id}" can be asked before the ${what}`);
        return;
      }
      for (const e of edges(script, step)) if (index.has(e)) q.push(e);
    }
    if (!script.steps.some((s) => s.roles?.includes(role))) add('steps', code, `no step has role ${role}`);
  };
  requireBefore('ai-disclosure', 'missing-ai-disclosure', 'AI disclosure');
  if (script.flags.recordingNotice) requireBefore('recording-notice', 'missing-recording-notice', 'recording notice');
  if (script.flags.recordingNotice && !usesRecordingNotice) {
    warn('flags/recordingNotice', 'recording-notice-unused', 'no prompt has {{call.recordingNotice}}: a call that is not recorded would still be told it is; put the notice in that template value');
  }
  if (!script.flags.recordingNotice && usesRecordingNotice) {
    warn('flags/recordingNotice', 'recording-notice-unused', '{{call.recordingNotice}} is used but flags.recordingNotice is false: this script\'s calls are never recorded, so the notice is never said');
  }
  return issues;
}

function lintAsk(s: Step, at: string, add: (path: string, code: IssueCode, message: string) => void): void {
  const dtmf = s.dtmf as { map?: Record<string, string>; digits?: unknown } | undefined;
  const choices = (s.choices as { id: string }[] | undefined) ?? [];
  const values = Object.values(dtmf?.map ?? {});
  if (!dtmf?.map && !dtmf?.digits) add(`${at}/dtmf`, 'bad-dtmf', 'an ask needs a DTMF map or digit entry');
  if (s.expect === 'yes-no' && !(values.includes('yes') && values.includes('no'))) add(`${at}/dtmf`, 'bad-dtmf', 'a yes-no question must map a key to "yes" and one to "no"');
  if (['number', 'scale-0-10', 'blood-pressure'].includes(s.expect as string) && !dtmf?.digits && !dtmf?.map) add(`${at}/dtmf`, 'bad-dtmf', 'numbers need digit entry');
  if (s.expect === 'blood-pressure' && dtmf?.digits && (dtmf.digits as { separator?: string }).separator !== '*') add(`${at}/dtmf/digits`, 'bad-dtmf', 'blood pressure needs separator "*"');
  if (s.expect === 'choice') {
    if (choices.length === 0) add(`${at}`, 'bad-choice', 'a choice question needs choices');
    const ids = new Set(choices.map((c) => c.id));
    for (const [key, v] of Object.entries(dtmf?.map ?? {})) if (!ids.has(v)) add(`${at}/dtmf/map/${key}`, 'bad-dtmf', `key ${key} maps to "${v}", which is not a choice`);
  }
}
