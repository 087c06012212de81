/**
 * An API error in the user's language: the code's message (error-messages.ts), a sign-in
 * refusal's reason, and each field problem with the field's label and what is wrong. Never the
 * code, the English text of the answer or an internal field name.
 */
import { ApiError } from './api.js';
import { lang, t } from './i18n.js';
import { AUTH_MESSAGES, CONFLICT_MESSAGES, ERROR_MESSAGES, FIELD_LABELS, PROBLEM_MESSAGES, SOME_FIELD, STATUS_MESSAGES, type Text } from './error-messages.js';

export const say = (x: Text): string => (lang.value === 'en' ? x.en : x.zh);

/** A field problem as the API sends it (voice-core FieldProblem; older answers may lack the code). */
export interface Problem { field: string; code?: string; limit?: number; reason?: string }

/** The field problems of an answer: details.problems, or a conflict naming its field (`mrn` taken). */
export function problemsOf(e: ApiError): Problem[] {
  const d = e.details;
  const raw = Array.isArray(d.problems) ? d.problems as unknown[] : [];
  const out: Problem[] = raw.map((p) => {
    // A problem given as text (the windows route) belongs to the answer's field.
    if (typeof p !== 'object' || p === null) return { field: typeof d.field === 'string' ? d.field : '', code: 'bad_format' };
    const x = p as { field?: unknown; code?: unknown; limit?: unknown; reason?: unknown };
    const code = typeof x.code === 'string' ? x.code : typeof x.reason === 'string' ? `password_${x.reason}` : undefined;
    return { field: typeof x.field === 'string' ? x.field : '', ...(code ? { code } : {}), ...(typeof x.limit === 'number' ? { limit: x.limit } : {}) };
  });
  if (out.length === 0 && typeof d.field === 'string' && typeof d.code === 'string') out.push({ field: d.field, code: d.code });
  return out;
}

/** What is wrong, in words ("最多 500 个字符"). */
export function problemText(p: Problem): string {
  const m = PROBLEM_MESSAGES[(p.code ?? 'bad_format') as keyof typeof PROBLEM_MESSAGES] ?? PROBLEM_MESSAGES.bad_format;
  return say(m).replace('{n}', p.limit === undefined ? '' : String(p.limit));
}

/** A field's label: the page's own label for it, else the shared one, else "an input" (never the internal name). */
export function fieldLabel(field: string, labels: Record<string, string> = {}): string {
  const top = field.split('.')[0] ?? '';
  return labels[field] ?? labels[top] ?? (FIELD_LABELS[top] ? say(FIELD_LABELS[top]!) : say(SOME_FIELD));
}

/** "标签：问题" for a problem shown away from its field. */
export function labelledProblem(p: Problem, labels: Record<string, string> = {}): string {
  const text = problemText(p);
  // Password problems are whole sentences already naming the password.
  if (p.code?.startsWith('password_')) return text;
  return `${fieldLabel(p.field, labels)}${lang.value === 'en' ? ': ' : '：'}${text}`;
}

/** The message for the answer as a whole (without its field problems). */
export function codeMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return say(STATUS_MESSAGES.network);
  const reason = typeof e.details.reason === 'string' ? e.details.reason : '';
  if (e.code === 'TZ_ERR_AUTH' && reason in AUTH_MESSAGES) {
    const text = say(AUTH_MESSAGES[reason as keyof typeof AUTH_MESSAGES]);
    const ms = Number(e.details.retryAfterMs);
    return reason === 'rate_limited' && Number.isFinite(ms) && ms > 0 ? `${text} (${t('retryIn').replace('{s}', String(Math.ceil(ms / 1000)))})` : text;
  }
  if (e.code === 'TZ_ERR_CONFLICT' && reason in CONFLICT_MESSAGES) return say(CONFLICT_MESSAGES[reason as keyof typeof CONFLICT_MESSAGES]);
  const known = ERROR_MESSAGES[e.code as keyof typeof ERROR_MESSAGES];
  if (known) return say(known);
  return say(e.status === 0 ? STATUS_MESSAGES.network : e.status >= 500 ? STATUS_MESSAGES.server : STATUS_MESSAGES.client);
}

/** The whole error in one line: the message, then each field problem with its label. */
export function errorText(e: unknown, labels: Record<string, string> = {}): string {
  const message = codeMessage(e);
  const problems = e instanceof ApiError ? problemsOf(e) : [];
  return problems.length === 0 ? message : `${message} ${problems.map((p) => labelledProblem(p, labels)).join(lang.value === 'en' ? '; ' : '；')}`;
}
