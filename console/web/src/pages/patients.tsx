import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { useFormErrors } from '../form-errors.js';
import { t } from '../i18n.js';
import { Importer } from './patient-import.js';

interface Patient { id: string; mrn: string; name: string; phones: string[]; department: string | null; consentStatus: string; doNotCall: boolean; doNotCallReason: string | null }
const CONSENTS = ['unknown', 'granted', 'refused', 'withdrawn'];

function Row(props: { p: Patient; onSaved: (p: Patient) => void }) {
  const [p, setP] = useState(props.p);
  const [msg, setMsg] = useState('');
  // A refused change: each problem beside its control (the reason's length, say), the rest in the row's status.
  const fe = useFormErrors(`patient-${p.id}`, ['consentStatus', 'doNotCall', 'doNotCallReason']);
  const save = async () => {
    setMsg(''); fe.set(null);
    try {
      const out = await api<Patient>(`/api/patients/${p.id}`, { method: 'PATCH', body: { consentStatus: p.consentStatus, doNotCall: p.doNotCall, doNotCallReason: p.doNotCall ? (p.doNotCallReason || null) : null } });
      props.onSaved(out); setMsg(t('saved'));
    } catch (x) { fe.set(x); }
  };
  const label = `${p.mrn}`;
  return (
    <tr>
      <td>{p.mrn}</td><td>{p.name}</td><td>{p.phones.join(', ')}</td><td>{p.department ?? ''}</td>
      <td><select aria-label={`${t('consent')} ${label}`} {...fe.field('consentStatus')} value={p.consentStatus} onChange={(e) => setP({ ...p, consentStatus: (e.target as HTMLSelectElement).value })}>
        {CONSENTS.map((c) => <option value={c}>{t(`consent_${c}`)}</option>)}</select>{fe.error('consentStatus')}</td>
      <td><input type="checkbox" aria-label={`${t('doNotCall')} ${label}`} checked={p.doNotCall} onChange={(e) => setP({ ...p, doNotCall: (e.target as HTMLInputElement).checked })} />
        {p.doNotCall && <input aria-label={`${t('reason')} ${label}`} {...fe.field('doNotCallReason')} value={p.doNotCallReason ?? ''} onInput={(e) => setP({ ...p, doNotCallReason: (e.target as HTMLInputElement).value })} />}
        {fe.error('doNotCall')}{fe.error('doNotCallReason')}</td>
      <td><button type="button" onClick={() => void save()}>{t('save')}</button> <span role="status">{msg}</span>{fe.message && <span role="alert" class="err">{fe.message}</span>}</td>
    </tr>
  );
}

export function PatientsPage() {
  const [items, setItems] = useState<Patient[] | null>(null);
  const [q, setQ] = useState('');
  const [err, setErr] = useState('');
  const load = () => api<{ items: Patient[] }>('/api/patients?limit=500').then((r) => setItems(r.items), (x) => setErr(errorText(x)));
  useEffect(() => { void load(); }, []);
  const needle = q.trim().toLowerCase();
  const shown = (items ?? []).filter((p) => !needle || p.mrn.toLowerCase().includes(needle) || p.name.toLowerCase().includes(needle) || (p.department ?? '').toLowerCase().includes(needle) || p.phones.some((x) => x.includes(needle)));
  return (
    <div>
      <h1>{t('patients')}</h1>
      <Importer onImported={() => void load()} />
      <label class="search">{t('search')} <input type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} /></label>
      {err && <p role="alert" class="err">{err}</p>}
      {!items ? <p>{t('loading')}</p> : shown.length === 0 ? <p class="empty" data-testid="empty">{items.length === 0 ? t('emptyPatients') : t('emptySearch')}</p> : (
        <table data-testid="patients-table"><thead><tr><th scope="col">{t('mrn')}</th><th scope="col">{t('name')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('department')}</th>
          <th scope="col">{t('consent')}</th><th scope="col">{t('doNotCall')}</th><th scope="col"><span class="sr">{t('edit')}</span></th></tr></thead>
          <tbody>{shown.map((p) => <Row key={p.id} p={p} onSaved={(n) => setItems((items ?? []).map((x) => (x.id === n.id ? n : x)))} />)}</tbody></table>
      )}
    </div>
  );
}
