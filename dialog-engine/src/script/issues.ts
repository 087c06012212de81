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

/** Maps a field path to a source position. */
export type Locate = (path: string) => { line: number; column: number };
