/** fetch wrapper: JSON in and out, the session cookie rides along, errors become ApiError. */
export class ApiError extends Error {
  constructor(public status: number, public code: string, public details: Record<string, unknown>) { super(code); }
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown; raw?: BodyInit; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (init.raw !== undefined) { body = init.raw; headers['content-type'] = init.contentType ?? 'application/octet-stream'; }
  else if (init.body !== undefined) { body = JSON.stringify(init.body); headers['content-type'] = 'application/json'; }
  let res: Response;
  // No answer at all (network down, server stopped): status 0, worded as such by errors.ts.
  try { res = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin' }); }
  catch { throw new ApiError(0, 'NETWORK', {}); }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (data as { error?: { code?: string; details?: Record<string, unknown> } }).error;
    // A session that ended (expired, signed out elsewhere): back to the sign-in page, which says why.
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') window.dispatchEvent(new CustomEvent('tz:signed-out', { detail: { code: e?.code, reason: e?.details?.reason } }));
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
