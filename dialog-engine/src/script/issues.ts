/** A problem found in a script, pointing at file:line and the field path. */
export type IssueCode =
  | 'yaml-syntax' | 'schema' | 'unknown-field' | 'unknown-kind' | 'duplicate-step' | 'dangling-target'
  | 'unreachable-step' | 'no-next' | 'missing-prompt' | 'missing-ai-disclosure' | 'missing-recording-notice'
  | 'missing-patient-field' | 'bad-dtmf' | 'bad-choice' | 'unknown-answer' | 'unknown-template-ref'
  | 'custom-patient-field' | 'recording-notice-unused';

export interface ScriptIssue {
  file: string;
  /** 1-based; 0 when the position is unknown. */
  line: number;
  column: number;
  /** Field path like steps/3/prompt/en. */
  path: string;
  code: IssueCode;
  message: string;
  /** A warning does not stop the script from loading; an error (the default) does. */
  severity?: 'error' | 'warning';
}

export function formatIssue(i: ScriptIssue): string {
  return `${i.file}:${i.line}:${i.column} ${i.path || '(root)'} ${i.severity === 'warning' ? 'warning ' : ''}${i.code}: ${i.message}`;
}

/** Damerau-Levenshtein distance at most `max` (a typo: one or two letters wrong, missing, extra or swapped). */
export function isNearMiss(a: string, b: string, max = 2): boolean {
  if (a === b || Math.min(a.length, b.length) < 3 || Math.abs(a.length - b.length) > max) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]! <= max;
}

/** How useful an issue is to read first: what stops parsing, then what is wrong, then what follows from it, then warnings. */
const RANK: Partial<Record<IssueCode, number>> = {
  'yaml-syntax': 0, 'unknown-kind': 1, 'unknown-field': 1, schema: 1, 'duplicate-step': 2, 'dangling-target': 2, 'unknown-answer': 2, 'unreachable-step': 4,
};

/** Most useful first (see RANK), then in file order. */
export function sortIssues(issues: readonly ScriptIssue[]): ScriptIssue[] {
  const rank = (i: ScriptIssue) => (i.severity === 'warning' ? 5 : RANK[i.code] ?? 3);
  return [...issues].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column);
}

/** Maps a field path to a source position. */
export type Locate = (path: string) => { line: number; column: number };
