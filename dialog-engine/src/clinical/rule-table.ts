/**
 * The one evaluator of the complaint rule table (triage-rules.ts). A row's condition is plain,
 * JSON-able data over the facts of one narrative, from a small closed vocabulary; every key given
 * must hold (AND), an absent key does not constrain:
 *
 *   all: ["a|b", "c"]   each entry holds when any of its '|'-separated ids is present
 *   none: ["a", "b"]    none of these ids is present
 *   fever: true|false   a fever was told (id `fever`) or measured (37.5 °C or more; 38 under 5 years) / neither
 *   tempAtLeast: 39     a measured temperature of at least this many °C
 *   lastedDays: 3       a told duration of at least this many days (20 / 1440 = 20 minutes)
 *   child, elderly      the narrative is (true) / is not (false) about a child / an older person
 *   ageMonthsBelow: 3   a known age under this many months
 *   systolicAtLeast     a measured systolic pressure of at least this many mmHg
 *   any: [c1, c2]       at least one of these conditions holds
 *
 * A value that was not told (no temperature, no age, no duration, no pressure) never satisfies a
 * threshold.
 */
import { FEVER_C } from './symptoms.js';
import type { DepartmentId } from './departments.js';
import type { DispositionId } from './dispositions.js';

/** What triage knows of one narrative when the complaint rules run (no red flag fired). */
export interface TriageFacts {
  present: Set<string>;
  temperatureC: number | null;
  ageMonths: number | null;
  durationDays: number | null;
  systolic: number | null;
  child: boolean;
  elderly: boolean;
}

export interface Condition {
  all?: readonly string[];
  none?: readonly string[];
  fever?: boolean;
  tempAtLeast?: number;
  lastedDays?: number;
  child?: boolean;
  elderly?: boolean;
  ageMonthsBelow?: number;
  systolicAtLeast?: number;
  any?: readonly Condition[];
}

/** One row of a rule table: data only, reviewable with the guidance its threshold follows. */
export interface RuleRow {
  /** Stable id (kebab case), unique in its table. */
  id: string;
  /** Shown in `reasons` and as `rule:<reason>`: checks read it, so it does not change. */
  reason: string;
  disposition: DispositionId;
  department: DepartmentId | null;
  /** The public guidance the threshold follows, or "our rule of thumb". */
  source: string;
  when: Condition;
}

/** Temperature from which a measured value counts as a fever (°C): one value, in symptoms.ts. */
export { FEVER_C };
/** A young child's fever starts at 38 °C (NICE NG143); 37.5 in a teething baby is not one. */
export const CHILD_FEVER_C = 38;
/** Under this age (months) the child threshold applies. */
const CHILD_FEVER_BELOW_MONTHS = 60;

/** The measured temperature (°C) from which a person of this age has a fever. */
export function feverFromC(ageMonths: number | null): number {
  return ageMonths !== null && ageMonths < CHILD_FEVER_BELOW_MONTHS ? CHILD_FEVER_C : FEVER_C;
}

const told = (v: number | null): v is number => v !== null;

/** Whether a condition holds for the facts of one narrative. */
export function conditionHolds(c: Condition, f: TriageFacts): boolean {
  if (c.all && !c.all.every((alt) => alt.split('|').some((id) => f.present.has(id)))) return false;
  if (c.none && c.none.some((id) => f.present.has(id))) return false;
  if (c.fever !== undefined && c.fever !== (f.present.has('fever') || (told(f.temperatureC) && f.temperatureC >= feverFromC(f.ageMonths)))) return false;
  if (c.tempAtLeast !== undefined && !(told(f.temperatureC) && f.temperatureC >= c.tempAtLeast)) return false;
  if (c.lastedDays !== undefined && !(told(f.durationDays) && f.durationDays >= c.lastedDays)) return false;
  if (c.child !== undefined && c.child !== f.child) return false;
  if (c.elderly !== undefined && c.elderly !== f.elderly) return false;
  if (c.ageMonthsBelow !== undefined && !(told(f.ageMonths) && f.ageMonths < c.ageMonthsBelow)) return false;
  if (c.systolicAtLeast !== undefined && !(told(f.systolic) && f.systolic >= c.systolicAtLeast)) return false;
  if (c.any && !c.any.some((sub) => conditionHolds(sub, f))) return false;
  return true;
}

/** Every fact id a condition names (for checks of the table). */
export function conditionIds(c: Condition): string[] {
  return [...(c.all ?? []).flatMap((alt) => alt.split('|')), ...(c.none ?? []), ...(c.any ?? []).flatMap(conditionIds)];
}

/** A rule table: its rows in order, and whether a row applies to the facts of a narrative. */
export type RuleTable<R extends RuleRow> = readonly R[] & { readonly applies: (row: R, facts: TriageFacts) => boolean };

/** Freezes the rows (a copy) into a table whose `applies` evaluates a row's condition. */
export function ruleTable<R extends RuleRow>(rows: readonly R[]): RuleTable<R> {
  const applies = (row: R, facts: TriageFacts): boolean => conditionHolds(row.when, facts);
  return Object.freeze(Object.assign([...rows], { applies }));
}
