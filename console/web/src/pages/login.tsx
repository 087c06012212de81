import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, post, errorText } from '../api.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';

/** "Too many attempts": with how long to wait (the server's delay doubles per failure). */
function rateLimited(x: ApiError): string {
  const ms = Number(x.details.retryAfterMs);
  return Number.isFinite(ms) && ms > 0 ? `${t('rateLimited')} (${t('retryIn').replace('{s}', String(Math.ceil(ms / 1000)))})` : t('rateLimited');
}

export function LoginPage(props: { onSignedIn: () => void }) {
  const [username, setU] = useState('');
  const [password, setP] = useState('');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { void api<{ needed: boolean }>('/api/auth/setup').then((s) => { if (s.needed) navigate('/setup'); }); }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true); setErr('');
    try { await post('/api/auth/login', { username: username.trim().toLowerCase(), password }); props.onSignedIn(); }
    catch (x) { setErr(x instanceof ApiError && x.status === 429 ? rateLimited(x) : x instanceof ApiError && x.status === 401 ? t('badLogin') : errorText(x)); }
    finally { setBusy(false); }
  };
  return (
    <main class="login" id="main">
      <h1>{t('appName')}</h1>
      <form onSubmit={submit} aria-labelledby="signin-h">
        <h2 id="signin-h">{t('signIn')}</h2>
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
  const [err, setErr] = useState('');
  const field = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    try { await post('/api/auth/setup', f); props.onDone(); } catch (x) { setErr(errorText(x)); }
  };
  return (
    <main class="login" id="main">
      <h1>{t('appName')}</h1>
      <form onSubmit={submit}>
        <h2>{t('setupTitle')}</h2>
        <label>{t('setupToken')}<input name="token" required value={f.token} onInput={field('token')} /></label>
        <label>{t('username')}<input name="username" autoComplete="username" required pattern="[a-z0-9_.\-]{2,64}" value={f.username} onInput={field('username')} /></label>
        <label>{t('password')}<input name="password" type="password" autoComplete="new-password" minLength={15} required value={f.password} onInput={field('password')} /></label>
        {err && <p role="alert" class="err">{err}</p>}
        <button type="submit">{t('create')}</button>
      </form>
    </main>
  );
}
