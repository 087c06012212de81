import { useEffect, useState } from 'preact/hooks';
import { api, post } from '../api.js';
import { errorText } from '../errors.js';
import { useFormErrors } from '../form-errors.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';

/** `notice`: why the sign-in page is shown again (a session that ended), in words. */
export function LoginPage(props: { onSignedIn: () => void; notice?: string }) {
  const [username, setU] = useState('');
  const [password, setP] = useState('');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { void api<{ needed: boolean }>('/api/auth/setup').then((s) => { if (s.needed) navigate('/setup'); }); }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true); setErr('');
    try { await post('/api/auth/login', { username: username.trim().toLowerCase(), password }); props.onSignedIn(); }
    // Wrong password, too many attempts (with the wait), or anything else: in words (errors.ts).
    catch (x) { setErr(errorText(x, { username: t('username'), password: t('password') })); }
    finally { setBusy(false); }
  };
  return (
    <main class="login" id="main">
      <h1>{t('appName')}</h1>
      <form onSubmit={submit} aria-labelledby="signin-h">
        <h2 id="signin-h">{t('signIn')}</h2>
        {props.notice && !err && <p role="status" class="notice" data-testid="signin-notice">{props.notice}</p>}
        <label>{t('username')}<input name="username" autoComplete="username" required value={username} onInput={(e) => setU((e.target as HTMLInputElement).value)} /></label>
        <label>{t('password')}<input name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setP((e.target as HTMLInputElement).value)} /></label>
        {err && <p role="alert" class="err">{err}</p>}
        <button type="submit" disabled={busy}>{t('signIn')}</button>
      </form>
    </main>
  );
}

export function SetupPage(props: { onDone: () => void }) {
  const [f, setF] = useState({ token: '', username: '', password: '' });
  const fe = useFormErrors('setup', ['token', 'username', 'password']);
  const field = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault(); fe.set(null);
    try { await post('/api/auth/setup', f); props.onDone(); } catch (x) { fe.set(x); }
  };
  return (
    <main class="login" id="main">
      <h1>{t('appName')}</h1>
      <form onSubmit={submit}>
        <h2>{t('setupTitle')}</h2>
        <label>{t('setupToken')}<input name="token" required value={f.token} onInput={field('token')} {...fe.field('token')} />{fe.error('token')}</label>
        <label>{t('username')}<input name="username" autoComplete="username" required pattern="[a-z0-9_.\-]{2,64}" value={f.username} onInput={field('username')} {...fe.field('username')} />{fe.error('username')}</label>
        <label>{t('password')}<input name="password" type="password" autoComplete="new-password" minLength={15} required value={f.password} onInput={field('password')} {...fe.field('password')} />{fe.error('password')}</label>
        {fe.message && <p role="alert" class="err">{fe.message}</p>}
        <button type="submit">{t('create')}</button>
      </form>
    </main>
  );
}
