import { useEffect, useState } from 'preact/hooks';
import { api, post } from '../api.js';
import { errorText } from '../errors.js';
import { useFormErrors } from '../form-errors.js';
import { t } from '../i18n.js';

interface User { id: string; username: string; displayName: string | null; role: string; disabled: boolean; lastLoginAt: string | null }
interface Throttle { kind: 'user' | 'ip'; subject: string; failures: number; lastFailureAt: string | null; lockedUntil: string | null; locked: boolean }

/** Accounts and source addresses with recent failed sign-ins (delayed ones first); an admin lifts a delay. */
function LoginThrottles() {
  const [items, setItems] = useState<Throttle[]>([]);
  const [err, setErr] = useState('');
  const load = () => api<{ items: Throttle[] }>('/api/login-throttles').then((r) => setItems(r.items), (x) => setErr(errorText(x)));
  useEffect(() => { void load(); }, []);
  const clear = async (r: Throttle) => { setErr(''); try { await post('/api/login-throttles/clear', { kind: r.kind, subject: r.subject }); await load(); } catch (x) { setErr(errorText(x)); } };
  const when = (s: string | null) => (s ? new Date(s).toLocaleString() : '');
  return (
    <section class="card" aria-labelledby="throttles-h">
      <h2 id="throttles-h">{t('loginThrottles')}</h2>
      {err && <p role="alert" class="err">{err}</p>}
      {items.length === 0 ? <p>{t('noThrottles')}</p> : (
        <table data-testid="throttles-table"><thead><tr><th scope="col">{t('throttleKind')}</th><th scope="col">{t('throttleSubject')}</th><th scope="col">{t('failures')}</th>
          <th scope="col">{t('lastFailure')}</th><th scope="col">{t('lockedUntil')}</th><th scope="col">{t('state')}</th></tr></thead>
          <tbody>{items.map((r) => (
            <tr><td>{t(`throttle_${r.kind}`)}</td><td>{r.subject}</td><td>{r.failures}</td><td>{when(r.lastFailureAt)}</td><td>{r.locked ? when(r.lockedUntil) : ''}</td>
              <td>{r.locked && `${t('throttled')} `}<button type="button" onClick={() => void clear(r)}>{t('unlock')}</button></td></tr>
          ))}</tbody></table>
      )}
    </section>
  );
}

export function UsersPage(props: { me: string }) {
  const [items, setItems] = useState<User[]>([]);
  const [f, setF] = useState({ username: '', password: '', role: 'nurse', displayName: '' });
  const [err, setErr] = useState('');
  const fe = useFormErrors('new-user', ['username', 'displayName', 'password', 'role']);
  const load = () => api<{ items: User[] }>('/api/users').then((r) => setItems(r.items), (x) => setErr(errorText(x)));
  useEffect(() => { void load(); }, []);
  const patch = async (id: string, body: Record<string, unknown>) => { setErr(''); try { await api(`/api/users/${id}`, { method: 'PATCH', body }); await load(); } catch (x) { setErr(errorText(x)); } };
  const add = async (e: Event) => {
    e.preventDefault(); setErr(''); fe.set(null);
    try { await post('/api/users', { ...f, displayName: f.displayName || undefined }); setF({ username: '', password: '', role: 'nurse', displayName: '' }); await load(); } catch (x) { fe.set(x); }
  };
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  return (
    <div>
      <h1>{t('users')}</h1>
      {err && <p role="alert" class="err">{err}</p>}
      <table data-testid="users-table"><thead><tr><th scope="col">{t('username')}</th><th scope="col">{t('name')}</th><th scope="col">{t('role')}</th><th scope="col">{t('state')}</th></tr></thead>
        <tbody>{items.map((u) => (
          <tr><td>{u.username}</td><td>{u.displayName ?? ''}</td>
            <td><select aria-label={`${t('role')} ${u.username}`} value={u.role} onChange={(e) => void patch(u.id, { role: (e.target as HTMLSelectElement).value })}>
              {['admin', 'nurse', 'viewer'].map((r) => <option value={r}>{t(r)}</option>)}</select></td>
            <td>{u.id !== props.me && <button type="button" onClick={() => void patch(u.id, { disabled: !u.disabled })}>{u.disabled ? t('enable') : t('disable')}</button>}
              {u.disabled && ` ${t('disabled')}`}</td></tr>
        ))}</tbody></table>
      <form class="card" onSubmit={add}><h2>{t('addUser')}</h2>
        <label>{t('username')}<input name="new-username" required pattern="[a-z0-9_.\-]{2,64}" value={f.username} onInput={set('username')} {...fe.field('username')} />{fe.error('username')}</label>
        <label>{t('name')}<input name="new-display" value={f.displayName} onInput={set('displayName')} {...fe.field('displayName')} />{fe.error('displayName')}</label>
        <label>{t('password')}<input name="new-password" type="password" autoComplete="new-password" minLength={15} maxLength={200} required value={f.password} onInput={set('password')} {...fe.field('password')} />{fe.error('password')}</label>
        <label>{t('role')}<select name="new-role" value={f.role} onChange={set('role')} {...fe.field('role')}>{['nurse', 'viewer', 'admin'].map((r) => <option value={r}>{t(r)}</option>)}</select>{fe.error('role')}</label>
        {fe.message && <p role="alert" class="err" data-testid="form-error">{fe.message}</p>}
        <button type="submit">{t('addUser')}</button>
      </form>
      <LoginThrottles />
    </div>
  );
}
