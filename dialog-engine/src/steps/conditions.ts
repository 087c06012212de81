/** Evaluates branch conditions against the typed answers and the disposition so far. */
import type { Condition } from '../script/common.js';
import type { Answer, RunnerState } from '../runner/types.js';
import { dispositionRank } from './effects.js';

/** The value a condition looks at when it gives no `path`. */
export function mainValue(a: Answer): unknown {
  const v = a.value;
  switch (a.expect) {
    case 'yes-no': return v.answer;
    case 'number':
    case 'scale-0-10': return v.value ?? v.max ?? null;
    case 'blood-pressure': return v.systolic;
    case 'choice': return v.choice;
    case 'symptoms': return v.present;
    case 'red-flag': return v.red_flag;
    case 'intent': return v.intent;
    case 'date': return v.relative_days ?? v.date;
    case 'free-text': return v.text;
  }
}

function compare(actual: unknown, c: Condition): boolean {
  const num = (x: unknown): number | null => (typeof x === 'number' ? x : typeof x === 'string' && /^D[1-7]$/.test(x) ? dispositionRank(x) : null);
  if (c.eq !== undefined && actual !== c.eq) return false;
  if (c.ne !== undefined && actual === c.ne) return false;
  const a = num(actual);
  for (const [op, ref] of [['gt', c.gt], ['gte', c.gte], ['lt', c.lt], ['lte', c.lte]] as const) {
    if (ref === undefined) continue;
    const r = num(ref);
    if (a === null || r === null) return false;
    if (op === 'gt' && !(a > r)) return false;
    if (op === 'gte' && !(a >= r)) return false;
    if (op === 'lt' && !(a < r)) return false;
    if (op === 'lte' && !(a <= r)) return false;
  }
  if (c.has !== undefined && !(Array.isArray(actual) && actual.includes(c.has))) return false;
  if (c.hasAny !== undefined && !(Array.isArray(actual) && c.hasAny.some((h) => actual.includes(h)))) return false;
  return true;
}

export function evaluate(c: Condition, state: RunnerState): boolean {
  if (c.all && !c.all.every((x) => evaluate(x, state))) return false;
  if (c.any && !c.any.some((x) => evaluate(x, state))) return false;
  if (c.not && evaluate(c.not, state)) return false;
  if (c.disposition) {
    if (state.disposition === null) return c.missing === true;
    return compare(state.disposition, c);
  }
  if (c.answer !== undefined) {
    const a = state.answers[c.answer];
    if (c.missing !== undefined) return (a === undefined) === c.missing;
    if (a === undefined) return false;
    const actual = c.path === undefined ? mainValue(a) : a.value[c.path];
    return compare(actual, c);
  }
  return true;
}
