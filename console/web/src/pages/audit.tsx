/**
 * The audit trail (admins only; issue 16 item 4): who did what, when, to which record. Filters by
 * time, user, action, kind and id, or patient; pages back in time; exports the filtered rows as CSV;
 * checks the hash chain on request (rows named by sequence number only).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../api.js';
import { t } from '../i18n.js';

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
  useEffect(() => { void load(EMPTY); }, []);
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
        <label>{t('auditActor')}<input name="audit-actor" maxLength={100} value={f.actor} onInput={set('actor')} /></label>
        <label>{t('auditAction')}<input name="audit-action" maxLength={100} list="audit-actions" value={f.action} onInput={set('action')} /></label>
        <datalist id="audit-actions">{['login', 'login-failed', 'read', 'create', 'update', 'delete', 'export', 'import', 'dial', 'listen'].map((a) => <option value={a} />)}</datalist>
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
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('none')}</p> : (
        <table data-testid="audit-table">
          <thead><tr><th scope="col">#</th><th scope="col">{t('time')}</th><th scope="col">{t('auditActor')}</th><th scope="col">{t('auditAction')}</th>
            <th scope="col">{t('auditEntity')}</th><th scope="col">{t('auditEntityId')}</th><th scope="col">{t('auditPatientId')}</th><th scope="col">{t('auditDetails')}</th></tr></thead>
          <tbody>{items.map((r) => (
            <tr><td>{r.seq}</td><td>{new Date(r.at).toLocaleString()}</td><td>{r.actor}</td><td>{r.action}</td><td>{r.entity}</td>
              <td>{r.entityId ?? ''}</td><td>{r.patientId ?? ''}</td><td><code>{Object.keys(r.details).length > 0 ? JSON.stringify(r.details) : ''}</code></td></tr>
          ))}</tbody>
        </table>
      )}
      {next && <button type="button" onClick={() => void load(applied, next)}>{t('auditMore')}</button>}
    </div>
  );
}
