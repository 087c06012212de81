/**
 * The audit trail (admins only; issue 16 item 4): who did what, when, to which record. Filters by
 * time, user, action, kind and id, or patient; pages back in time; exports the filtered rows as CSV;
 * checks the hash chain on request (rows named by sequence number only).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { t } from '../i18n.js';
import { AUDIT_ACTIONS, actionLabel, entityLabel } from '../audit-labels.js';

interface AuditRow { seq: string; at: string; actor: string; action: string; entity: string; entityId: string | null; patientId: string | null; details: Record<string, unknown> }
interface Verify { ok: boolean; rows: number; lastSeq: string; lastHash: string; problems: { kind: string; seq: string; detail: string }[] }

const FIELDS = ['actor', 'action', 'entity', 'entityId', 'patientId'] as const;
type Filters = Record<(typeof FIELDS)[number] | 'from' | 'to', string>;
const EMPTY: Filters = { from: '', to: '', actor: '', action: '', entity: '', entityId: '', patientId: '' };

/** The filters as a query string (datetime-local is the browser's local time: sent as an instant). */
function queryOf(f: Filters): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of FIELDS) if (f[k].trim()) q.set(k, f[k].trim());
  if (f.from) q.set('from', new Date(f.from).toISOString());
  if (f.to) q.set('to', new Date(f.to).toISOString());
  return q;
}

export function AuditPage() {
  const [f, setF] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [items, setItems] = useState<AuditRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [err, setErr] = useState('');
  // The user filter offers the console's users by name (the trail's actor is user:<name>).
  const [users, setUsers] = useState<{ username: string; displayName: string | null }[]>([]);
  const load = async (filters: Filters, before?: string) => {
    setErr('');
    const q = queryOf(filters);
    q.set('limit', '100');
    if (before) q.set('beforeSeq', before);
    try {
      const r = await api<{ items: AuditRow[]; nextBeforeSeq: string | null }>(`/api/audit?${q.toString()}`);
      setItems(before ? [...(items ?? []), ...r.items] : r.items);
      setNext(r.nextBeforeSeq);
    } catch (x) { setErr(errorText(x)); }
  };
  useEffect(() => {
    void load(EMPTY);
    void api<{ items: typeof users }>('/api/users').then((r) => setUsers(r.items), () => undefined);
  }, []);
  const submit = (e: Event) => { e.preventDefault(); setApplied(f); void load(f); };
  const check = async () => { setErr(''); setVerify(null); try { setVerify(await api<Verify>('/api/audit/verify')); } catch (x) { setErr(errorText(x)); } };
  const set = (k: keyof Filters) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const csv = `/api/audit.csv?${queryOf(applied).toString()}`;
  return (
    <div>
      <h1>{t('auditLog')}</h1>
      <form class="card filters" onSubmit={submit} aria-label={t('filter')}>
        <label>{t('from')}<input type="datetime-local" name="audit-from" value={f.from} onInput={set('from')} /></label>
        <label>{t('to')}<input type="datetime-local" name="audit-to" value={f.to} onInput={set('to')} /></label>
        <label>{t('auditActor')}<select name="audit-actor" value={f.actor} onChange={set('actor')}><option value="">{t('auditAnyUser')}</option>
          {users.map((u) => <option value={`user:${u.username}`}>{u.displayName ? `${u.displayName} (${u.username})` : u.username}</option>)}
          <option value="system">{t('auditSystem')}</option></select></label>
        <label>{t('auditAction')}<select name="audit-action" value={f.action} onChange={set('action')}><option value="">{t('auditAnyAction')}</option>
          {Object.keys(AUDIT_ACTIONS).map((a) => <option value={a}>{actionLabel(a)}</option>)}</select></label>
        <label>{t('auditEntity')}<input name="audit-entity" maxLength={100} value={f.entity} onInput={set('entity')} /></label>
        <label>{t('auditEntityId')}<input name="audit-entity-id" maxLength={100} value={f.entityId} onInput={set('entityId')} /></label>
        <label>{t('auditPatientId')}<input name="audit-patient-id" inputMode="numeric" pattern="[1-9][0-9]{0,17}" value={f.patientId} onInput={set('patientId')} /></label>
        <button type="submit">{t('filter')}</button>
        <button type="button" onClick={() => { setF(EMPTY); setApplied(EMPTY); void load(EMPTY); }}>{t('auditClear')}</button>
        <a class="button" href={csv} download="audit-log.csv" data-testid="audit-csv">{t('auditExport')}</a>
        <button type="button" onClick={() => void check()} data-testid="audit-verify">{t('auditVerify')}</button>
      </form>
      {verify && (
        <p role="status" class={verify.ok ? 'ok' : 'err'} data-testid="audit-verify-result">
          {verify.ok ? t('auditIntact').replace('{n}', String(verify.rows)) : t('auditBroken').replace('{n}', String(verify.problems.length))}
          {' '}<code>#{verify.lastSeq} {verify.lastHash.slice(0, 16)}…</code>
          {!verify.ok && <ul>{verify.problems.map((p) => <li>#{p.seq} {p.kind}: {p.detail}</li>)}</ul>}
        </p>
      )}
      {err && <p role="alert" class="err">{err}</p>}
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p class="empty" data-testid="empty">{t('emptyAudit')}</p> : (
        <table data-testid="audit-table">
          <thead><tr><th scope="col">#</th><th scope="col">{t('time')}</th><th scope="col">{t('auditActor')}</th><th scope="col">{t('auditAction')}</th>
            <th scope="col">{t('auditEntity')}</th><th scope="col">{t('auditEntityId')}</th><th scope="col">{t('auditPatientId')}</th><th scope="col">{t('auditDetails')}</th></tr></thead>
          <tbody>{items.map((r) => (
            <tr><td>{r.seq}</td><td>{new Date(r.at).toLocaleString()}</td><td>{r.actor.replace(/^user:/, '')}</td><td data-action={r.action}>{actionLabel(r.action)}</td><td>{entityLabel(r.entity)}</td>
              <td>{r.entityId ?? ''}</td><td>{r.patientId ?? ''}</td><td><code>{Object.keys(r.details).length > 0 ? JSON.stringify(r.details) : ''}</code></td></tr>
          ))}</tbody>
        </table>
      )}
      {next && <button type="button" onClick={() => void load(applied, next)}>{t('auditMore')}</button>}
    </div>
  );
}
