import { useEffect, useState } from 'preact/hooks';
import { api, onServerEvent, post } from '../api.js';
import { errorText } from '../errors.js';
import { lang, t } from '../i18n.js';
import { Link, navigate } from '../router.js';
import { WeekGrid, gridToWindows, defaultGrid } from '../week-grid.js';
import { OutcomeChart } from '../chart.js';
import { previewRows } from '../preview.js';
import { useFormErrors } from '../form-errors.js';
import { TimezonePicker } from '../timezone-picker.js';
import { PatientPicker, type PickablePatient } from '../patient-picker.js';

interface Campaign { id: string; name: string; scriptId: string; state: string; startDate: string; endDate: string | null; concurrency: number; maxAttempts: number; gatewayUnreachableUntil?: string | null }
interface Script { id: string; version: string; hash: string; languages: string[]; title: Record<string, string> | string }
interface Progress { campaignId: string; state: string; contacts: Record<string, number>; attempts: Record<string, number> }
const title = (s: Script) => (typeof s.title === 'string' ? s.title : s.title[lang.value === 'en' ? 'en' : 'zh'] ?? s.id);
const today = () => new Date().toISOString().slice(0, 10);

export function CampaignsPage(props: { create?: boolean; role: string }) {
  const [items, setItems] = useState<Campaign[] | null>(null);
  useEffect(() => { void api<{ items: Campaign[] }>('/api/campaigns?limit=200').then((r) => setItems(r.items)); }, []);
  if (props.create) return <CreateCampaign />;
  return (
    <div>
      <h1>{t('campaigns')}</h1>
      {props.role !== 'viewer' && <p><Link href="/campaigns/new" class="button primary">{t('newCampaign')}</Link></p>}
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p class="empty" data-testid="empty">{t('emptyCampaigns')}</p> : (
        <table><thead><tr><th scope="col">#</th><th scope="col">{t('campaignName')}</th><th scope="col">{t('script')}</th><th scope="col">{t('state')}</th><th scope="col">{t('startDate')}</th></tr></thead>
          <tbody>{items.map((c) => <tr><td>{c.id}</td><td><Link href={`/campaigns/${c.id}`}>{c.name}</Link></td><td>{c.scriptId}</td><td><span class={`state ${c.state}`}>{t(c.state)}</span>{c.gatewayUnreachableUntil && <span class="state failed" data-testid="gateway-unreachable"> {t('gatewayUnreachableShort')}</span>}</td><td>{c.startDate}</td></tr>)}</tbody></table>
      )}
    </div>
  );
}

function CreateCampaign() {
  const [scripts, setScripts] = useState<Script[]>([]);
  const [patients, setPatients] = useState<PickablePatient[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState('');
  const [grid, setGrid] = useState(defaultGrid());
  const [f, setF] = useState({ name: '', scriptId: '', language: 'zh-CN', timezone: 'Asia/Shanghai', startDate: today(), endDate: '', maxAttempts: 3, concurrency: 2,
    no_answer: 120, busy: 30, failed: 60, voicemail: 240 });
  // Field problems beside their fields; the form's labels name the others (a retry delay, say).
  const fe = useFormErrors('campaign', ['name', 'scriptId', 'language', 'timezone', 'startDate', 'endDate', 'maxAttempts', 'concurrency', 'windows', 'patientIds'],
    () => ({ name: t('campaignName'), retryDelaysMinutes: t('retryMinutes') }));
  useEffect(() => {
    void api<{ items: Script[] }>('/api/scripts').then((r) => { setScripts(r.items); if (r.items[0]) setF((x) => ({ ...x, scriptId: x.scriptId || r.items[0]!.id })); });
    void api<{ items: typeof patients }>('/api/patients?limit=500').then((r) => setPatients(r.items));
  }, []);
  useEffect(() => {
    if (!f.scriptId) return;
    let current = true; // a slower answer for the previous choice must not overwrite this one
    void api<string>(`/api/scripts/${f.scriptId}/preview`).then((x) => { if (current) setPreview(x); }, () => { if (current) setPreview(''); });
    return () => { current = false; };
  }, [f.scriptId]);
  const set = (k: keyof typeof f, num = false) => (e: Event) => { const v = (e.target as HTMLInputElement).value; setF({ ...f, [k]: num ? Number(v) : v }); };
  const submit = async (e: Event) => {
    e.preventDefault(); fe.set(null);
    const s = scripts.find((x) => x.id === f.scriptId);
    if (!s) return;
    try {
      const c = await post<Campaign>('/api/campaigns', {
        name: f.name, scriptId: s.id, scriptVersion: s.version, scriptHash: s.hash, language: f.language, timezone: f.timezone, startDate: f.startDate,
        endDate: f.endDate || null, windows: gridToWindows(grid), maxAttempts: f.maxAttempts, concurrency: f.concurrency,
        retryDelaysMinutes: { no_answer: f.no_answer, busy: f.busy, failed: f.failed, voicemail: f.voicemail },
      });
      if (chosen.size > 0) await post(`/api/campaigns/${c.id}/contacts`, { patientIds: [...chosen] });
      navigate(`/campaigns/${c.id}`);
    } catch (x) { fe.set(x); }
  };
  const steps = previewRows(preview);
  return (
    <form onSubmit={submit} class="create">
      <h1>{t('newCampaign')}</h1>
      <div class="cols">
        <fieldset><legend>{t('campaign')}</legend>
          <label>{t('campaignName')}<input name="name" required maxLength={200} value={f.name} onInput={set('name')} {...fe.field('name')} />{fe.error('name')}</label>
          <label>{t('script')}<select name="scriptId" value={f.scriptId} onChange={set('scriptId')}>{scripts.map((s) => <option value={s.id}>{title(s)} ({s.id} v{s.version})</option>)}</select></label>
          <label>{t('language')}<select name="language" value={f.language} onChange={set('language')}><option value="zh-CN">中文</option><option value="en">English</option></select></label>
          <label>{t('timezone')}<TimezonePicker name="timezone" value={f.timezone} onChange={(timezone) => setF({ ...f, timezone })} invalid={fe.field('timezone')} />{fe.error('timezone')}</label>
          <label>{t('startDate')}<input name="startDate" type="date" required value={f.startDate} onInput={set('startDate')} {...fe.field('startDate')} />{fe.error('startDate')}</label>
          <label>{t('endDate')}<input name="endDate" type="date" value={f.endDate} onInput={set('endDate')} {...fe.field('endDate')} />{fe.error('endDate')}</label>
          <label>{t('maxAttempts')}<input name="maxAttempts" type="number" min={1} max={20} value={f.maxAttempts} onInput={set('maxAttempts', true)} {...fe.field('maxAttempts')} />{fe.error('maxAttempts')}</label>
          <label>{t('concurrency')}<input name="concurrency" type="number" min={1} max={1000} value={f.concurrency} onInput={set('concurrency', true)} {...fe.field('concurrency')} />{fe.error('concurrency')}</label>
          <fieldset><legend>{t('retryMinutes')}</legend>
            {(['no_answer', 'busy', 'failed', 'voicemail'] as const).map((k) => <label>{t(k)}<input name={`retry-${k}`} type="number" min={0} max={20160} value={f[k]} onInput={set(k, true)} /></label>)}
          </fieldset>
        </fieldset>
        <section class="preview" aria-labelledby="preview-h"><h2 id="preview-h">{t('preview')}</h2>
          <table data-testid="script-preview"><thead><tr><th scope="col">{t('speaker')}</th><th scope="col" lang="zh-CN">中文</th><th scope="col" lang="en">English</th></tr></thead>
            <tbody>{steps.map((s) => <tr class={s.speaker.toLowerCase()}><th scope="row">{s.speaker === 'BOT' ? t('bot') : s.speaker === 'PATIENT' ? t('caller') : s.speaker}</th><td lang="zh-CN">{s.zh}</td><td lang="en">{s.en}</td></tr>)}</tbody></table>
          <details><summary>{lang.value === 'en' ? 'Full text' : '全文'}</summary><pre>{preview}</pre></details>
        </section>
      </div>
      <WeekGrid grid={grid} onChange={setGrid} />{fe.error('windows')}
      <PatientPicker patients={patients} chosen={chosen} onChange={setChosen} />{fe.error('patientIds')}
      {fe.message && <p role="alert" class="err" data-testid="form-error">{fe.message}</p>}
      <button type="submit" class="primary">{t('create')}</button>
    </form>
  );
}

const ATTEMPT_ORDER = ['answered', 'no_answer', 'busy', 'voicemail', 'failed', 'expired', 'rejected', 'cancelled', 'dialing', 'queued', 'held'];
const DONE_CONTACTS = ['completed', 'exhausted', 'opted_out', 'unreachable', 'skipped', 'cancelled'];

export function CampaignDetail(props: { id: string; role: string }) {
  const [c, setC] = useState<Campaign | null>(null);
  const [p, setP] = useState<Progress | null>(null);
  const [results, setResults] = useState<{ disposition: string | null; created_at: string }[]>([]);
  const [err, setErr] = useState('');
  const loadResults = () => { if (props.role !== 'viewer') void api<{ items: typeof results }>(`/api/results?campaignId=${props.id}&limit=10000`).then((r) => setResults(r.items), () => undefined); };
  useEffect(() => {
    void api<Campaign>(`/api/campaigns/${props.id}`).then(setC, (x) => setErr(errorText(x)));
    void api<Progress>(`/api/campaigns/${props.id}/progress`).then(setP);
    loadResults();
    let timer: number | undefined;
    return onServerEvent('progress', (d: Progress) => {
      if (d.campaignId !== props.id) return;
      setP(d);
      setC((x) => (x ? { ...x, state: d.state } : x));
      // Results arrive with progress; refetch the chart data at most every 2 s.
      timer ??= window.setTimeout(() => { timer = undefined; loadResults(); }, 2000);
    });
  }, [props.id]);
  const act = async (name: string) => {
    setErr('');
    try { const r = await post<Progress>(`/api/campaigns/${props.id}/${name}`); setP(r); setC((x) => (x ? { ...x, state: r.state } : x)); } catch (x) { setErr(errorText(x)); }
  };
  if (!c) return <p>{err || t('loading')}</p>;
  const contacts = p?.contacts ?? {};
  const total = Object.values(contacts).reduce((a, b) => a + b, 0);
  const done = DONE_CONTACTS.reduce((a, k) => a + (contacts[k] ?? 0), 0);
  const can = props.role !== 'viewer';
  return (
    <div>
      <h1>{c.name} <span class={`state ${c.state}`} data-testid="campaign-state">{t(c.state)}</span></h1>
      {c.gatewayUnreachableUntil && <p class="error" role="status" data-testid="gateway-unreachable">{t('gatewayUnreachable')} {new Date(c.gatewayUnreachableUntil).toLocaleTimeString()}</p>}
      <p>{t('script')}: {c.scriptId} · {t('startDate')}: {c.startDate}{c.endDate ? ` – ${c.endDate}` : ''} · {t('concurrency')}: {c.concurrency} · {t('maxAttempts')}: {c.maxAttempts}</p>
      {can && (
        <div class="actions" role="group" aria-label={t('state')}>
          {c.state === 'draft' && <button type="button" class="primary" onClick={() => void act('schedule')}>{t('start')}</button>}
          {['scheduled', 'running'].includes(c.state) && <button type="button" onClick={() => void act('pause')}>{t('pause')}</button>}
          {c.state === 'paused' && <button type="button" onClick={() => void act('resume')}>{t('resume')}</button>}
          {['draft', 'scheduled', 'running', 'paused'].includes(c.state) && <button type="button" class="danger" onClick={() => { if (confirm(`${t('cancelCampaign')}?`)) void act('cancel'); }}>{t('cancelCampaign')}</button>}
        </div>
      )}
      {err && <p role="alert" class="err">{err}</p>}
      <section aria-labelledby="prog-h" class="card"><h2 id="prog-h">{t('progress')} <small class="live">● {t('live')}</small></h2>
        <label class="bar">{t('contacts')}: <span data-testid="progress-done">{done}</span> / <span data-testid="progress-total">{total}</span>
          <progress max={Math.max(total, 1)} value={done} aria-label={t('progress')} /></label>
        <div class="bars" data-testid="outcome-counts">
          {ATTEMPT_ORDER.filter((k) => (p?.attempts[k] ?? 0) > 0).map((k) => (
            <div class="barrow"><span>{t(k)}</span><progress max={Math.max(1, ...Object.values(p?.attempts ?? {}))} value={p?.attempts[k] ?? 0} aria-label={t(k)} /><b data-testid={`count-${k}`}>{p?.attempts[k]}</b></div>
          ))}
        </div>
      </section>
      {can && <section aria-labelledby="chart-h" class="card"><h2 id="chart-h">{t('outcomesOverTime')}</h2><OutcomeChart results={results} />
        <p><Link href={`/results?campaignId=${c.id}`}>{t('results')}</Link> · <a href={`/api/results.csv?campaignId=${c.id}`}>{t('csv')}</a></p></section>}
    </div>
  );
}
