import { t } from './i18n.js';

/** fetch wrapper: JSON in and out, the session cookie rides along, errors become ApiError. */
export class ApiError extends Error {
  constructor(public status: number, public code: string, public details: Record<string, unknown>) { super(code); }
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown; raw?: BodyInit; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (init.raw !== undefined) { body = init.raw; headers['content-type'] = init.contentType ?? 'application/octet-stream'; }
  else if (init.body !== undefined) { body = JSON.stringify(init.body); headers['content-type'] = 'application/json'; }
  const res = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (data as { error?: { code?: string; details?: Record<string, unknown> } }).error;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') window.dispatchEvent(new CustomEvent('tz:signed-out'));
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.details ?? {});
  }
  return data as T;
}

/** Posting with an empty JSON body (fastify refuses an empty body declared as JSON). */
export const post = <T = unknown>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body });

/** Tiny pub/sub for server-sent events, shared by pages. */
type Listener = (data: any) => void;
const listeners = new Map<string, Set<Listener>>();
export function onServerEvent(name: string, fn: Listener): () => void {
  let set = listeners.get(name);
  if (!set) { set = new Set(); listeners.set(name, set); }
  set.add(fn);
  return () => set.delete(fn);
}
export function connectEvents(): EventSource {
  const es = new EventSource('/api/events');
  for (const name of ['progress', 'worklist', 'overdue']) {
    es.addEventListener(name, (ev) => {
      const data = JSON.parse((ev as MessageEvent<string>).data);
      for (const fn of listeners.get(name) ?? []) fn(data);
    });
  }
  return es;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const problems = (e.details.problems as { field?: string; problem?: string; message?: string; instancePath?: string; reason?: string }[] | undefined) ?? [];
    // A refused password's reason in the console's own words (pw_too_short, pw_common...).
    const detail = problems.map((p) => (p.reason && t(`pw_${p.reason}`) !== `pw_${p.reason}` ? t(`pw_${p.reason}`) : `${p.field ?? p.instancePath ?? ''} ${p.problem ?? p.message ?? ''}`.trim())).join('; ');
    return `${t('error')}: ${e.code}${detail ? ` (${detail})` : e.details.problem ? ` (${String(e.details.problem)})` : ''}`;
  }
  return t('error');
}

