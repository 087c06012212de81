import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, connectEvents, onServerEvent, post } from './api.js';
import { lang, setLang, t, type Lang } from './i18n.js';
import { navigate, usePath } from './router.js';
import { beep } from './sound.js';
import { LoginPage, SetupPage } from './pages/login.js';
import { PatientsPage } from './pages/patients.js';
import { CampaignsPage, CampaignDetail } from './pages/campaigns.js';
import { ResultsPage, ResultDetail } from './pages/results.js';
import { WorklistPage } from './pages/worklist.js';
import { HotlinePage, HotlineCallPage } from './pages/hotline.js';
import { TestCallPage } from './pages/testcall.js';
import { UsersPage } from './pages/users.js';
import { AuditPage } from './pages/audit.js';
import { ListenPage } from './pages/listen.js';
import './styles.css';

export interface Me { user: { id: string; username: string; displayName: string | null; role: 'admin' | 'nurse' | 'viewer' }; settings: { escalateAfterMinutes: number; testCall: boolean; recordings: boolean } }

/** Which roles may open which page (the API enforces the same on its routes). */
const PAGES: { path: string; key: string; roles: string[] }[] = [
  { path: '/worklist', key: 'worklist', roles: ['admin', 'nurse'] },
  { path: '/hotline', key: 'hotlineCalls', roles: ['admin', 'nurse'] },
  { path: '/campaigns', key: 'campaigns', roles: ['admin', 'nurse', 'viewer'] },
  { path: '/patients', key: 'patients', roles: ['admin', 'nurse'] },
  { path: '/results', key: 'results', roles: ['admin', 'nurse'] },
  { path: '/testcall', key: 'testCall', roles: ['admin', 'nurse'] },
  { path: '/listen', key: 'live', roles: ['admin', 'nurse'] },
  { path: '/users', key: 'users', roles: ['admin'] },
  { path: '/audit', key: 'auditLog', roles: ['admin'] },
];

function App() {
  const [, setL] = useState<Lang>(lang.value);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [open, setOpen] = useState(0);
  // Set when a request found the session ended: the sign-in page says so.
  const [signedOut, setSignedOut] = useState(false);
  const path = usePath();
  const load = () => api<Me>('/api/auth/me').then(setMe, () => setMe(null));
  useEffect(() => { document.documentElement.lang = lang.value; void load(); }, []);
  useEffect(() => {
    const out = () => { setSignedOut(true); setMe(null); };
    window.addEventListener('tz:signed-out', out);
    return () => window.removeEventListener('tz:signed-out', out);
  }, []);
  useEffect(() => {
    if (!me) return;
    const es = connectEvents();
    let latest: number | null = null;
    const off = onServerEvent('worklist', (d: { open: number; latestId: string | null }) => {
      setOpen(d.open);
      const id = d.latestId ? Number(d.latestId) : 0;
      if (latest !== null && id > latest) beep();
      latest = id;
    });
    // Overdue high-priority items ring again, once per item.
    const rung = new Set<string>();
    const off2 = onServerEvent('overdue', (d: { ids: string[] }) => {
      const fresh = d.ids.filter((id) => !rung.has(id));
      fresh.forEach((id) => rung.add(id));
      if (fresh.length > 0) beep();
    });
    return () => { off(); off2(); es.close(); };
  }, [me?.user.id]);
  useEffect(() => { document.title = `${open > 0 ? `(${open}) ` : ''}${t('appName')}`; }, [open, lang.value]);

  if (me === undefined) return <p class="pad">{t('loading')}</p>;
  if (path === '/setup') return <SetupPage onDone={() => navigate('/login')} />;
  if (!me) return <LoginPage notice={signedOut ? t('signedOut') : undefined} onSignedIn={() => { setSignedOut(false); void load().then(() => { if (location.pathname === '/login' || location.pathname === '/') navigate('/'); }); }} />;

  const role = me.user.role;
  const allowed = PAGES.filter((p) => p.roles.includes(role));
  if (path === '/' || path === '/login') { navigate(allowed[0]!.path, true); return null; }
  const page = PAGES.find((p) => path === p.path || path.startsWith(`${p.path}/`));
  const permitted = !!page && page.roles.includes(role);
  const sub = path.split('/')[2];
  const switchLang = (l: Lang) => { setLang(l); setL(l); };

  return (
    <div class="shell">
      <a class="skip" href="#main">{lang.value === 'en' ? 'Skip to content' : '跳到正文'}</a>
      <header class="top">
        <strong>{t('appName')}</strong>
        <nav aria-label={lang.value === 'en' ? 'Main' : '主导航'}>
          {allowed.map((p) => (
            <a href={p.path} class={page?.path === p.path ? 'current' : ''} aria-current={page?.path === p.path ? 'page' : undefined}
              onClick={(e) => { e.preventDefault(); navigate(p.path); }}>
              {t(p.key)}{p.key === 'worklist' && open > 0 && <span class="badge" aria-label={`${open} ${t('open')}`} data-testid="worklist-badge">{open}</span>}
            </a>
          ))}
        </nav>
        <span class="spacer" />
        <label>{t('language')} <select value={lang.value} onChange={(e) => switchLang((e.target as HTMLSelectElement).value as Lang)}>
          <option value="zh-CN">中文</option><option value="en">English</option></select></label>
        <span class="who">{me.user.displayName ?? me.user.username} · {t(role)}</span>
        <button type="button" onClick={() => { void post('/api/auth/logout').finally(() => { setMe(null); navigate('/login'); }); }}>{t('signOut')}</button>
      </header>
      <main id="main" tabIndex={-1}>
        {!permitted ? <p role="alert" class="forbidden" data-testid="forbidden">{t('forbidden')}</p>
          : page.key === 'patients' ? <PatientsPage />
          : page.key === 'campaigns' ? (sub === 'new' ? <CampaignsPage create role={role} /> : sub ? <CampaignDetail id={sub} role={role} /> : <CampaignsPage role={role} />)
          : page.key === 'results' ? (sub ? <ResultDetail id={sub} recordings={me.settings.recordings} /> : <ResultsPage />)
          : page.key === 'worklist' ? <WorklistPage escalateAfterMinutes={me.settings.escalateAfterMinutes} />
          : page.key === 'hotlineCalls' ? (sub ? <HotlineCallPage id={sub} recordings={me.settings.recordings} /> : <HotlinePage />)
          : page.key === 'testCall' ? <TestCallPage enabled={me.settings.testCall} />
          : page.key === 'live' ? <ListenPage />
          : page.key === 'auditLog' ? <AuditPage />
          : <UsersPage me={me.user.id} />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
