/**
 * Errors placed where they belong: each field problem of an API answer beside its field (in the
 * user's language, read out with the field: aria-invalid and aria-describedby), problems of fields
 * the form does not show and the answer's own message above the submit button. The error is kept
 * as it came and worded at render time, so switching the language re-words it.
 */
import { useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { codeMessage, labelledProblem, problemsOf, problemText } from './errors.js';

export interface FormErrors {
  /** The message for the form as a whole ('' when there is no error). */
  message: string;
  /** Sets (or clears, with null) the error. */
  set(e: unknown): void;
  /** Props for the input of `field`: aria-invalid and aria-describedby when it has a problem. */
  field(name: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
  /** The problem text of `field`, beside it (nothing when it has none). */
  error(name: string): preact.JSX.Element | null;
}

/**
 * `fields`: the form's fields by their API names (a problem of `phones.0` belongs to `phones`);
 * `labels`: the form's own labels for them, used for problems shown in the form-level message.
 */
export function useFormErrors(idPrefix: string, fields: readonly string[], labels: () => Record<string, string> = () => ({})): FormErrors {
  const [err, setErr] = useState<unknown>(null);
  const beside: Record<string, string> = {};
  let message = '';
  if (err !== null) {
    const away: string[] = [];
    for (const p of err instanceof ApiError ? problemsOf(err) : []) {
      const top = p.field.split('.')[0] ?? '';
      if (fields.includes(top)) beside[top] = beside[top] ? `${beside[top]}; ${problemText(p)}` : problemText(p);
      else away.push(labelledProblem(p, labels()));
    }
    message = [codeMessage(err), ...away].join(' ');
  }
  const id = (name: string) => `${idPrefix}-err-${name}`;
  return {
    message,
    set: setErr,
    field: (name) => (beside[name] ? { 'aria-invalid': 'true', 'aria-describedby': id(name) } : {}),
    error: (name) => (beside[name] ? <span class="field-err" id={id(name)} data-testid={`field-error-${name}`}>{beside[name]}</span> : null),
  };
}
