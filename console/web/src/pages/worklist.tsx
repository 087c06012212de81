import { useEffect, useState } from 'preact/hooks';
import { api, onServerEvent, post, errorText } from '../api.js';
import { t } from '../i18n.js';
import { reasonLabel, redFlagLabel } from '../labels.js';
import { Link } from '../router.js';

interface Item { id: string; call_result_id: string | null; patient_id: string; campaign_id: string | null; priority: number; reason: string; red_flags: string[];
  state: string; claimed_by: string | null; resolved_by: string | null; resolution_note: string | null; created_at: string }
interface Patient { mrn: string; name: string; phones: string[] }

export function WorklistPage(props: { escalateAfterMinutes: number }) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [patients, setPatients] = useState<Record<string, Patient>>({});
  const [overdue, setOverdue] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [err, setErr] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  const load = async () => {
    const r = await api<{ items: Item[] }>('/api/escalations?limit=200');
    setItems(r.items);
    for (const id of new Set(r.items.filter((x) => x.state !== 'resolved').map((x) => x.patient_id))) {
      if (!patients[id]) void api<Patient>(`/api/patients/${id}`).then((p) => setPatients((m) => ({ ...m, [id]: p })), () => undefined);
    }
  };
  useEffect(() => {
    void load().catch((x) => setErr(errorText(x)));
    const a = onServerEvent('worklist', () => void load());
    const b = onServerEvent('overdue', (d: { ids: string[] }) => setOverdue(new Set(d.ids)));
    return () => { a(); b(); };
  }, []);
  const act = async (id: string, action: 'claim' | 'release' | 'resolve') => {
    setErr('');
    try { await post(`/api/escalations/${id}/${action}`, action === 'resolve' ? { note: notes[id] ?? '' } : {}); await load(); } catch (x) { setErr(errorText(x)); }
  };
  const ageMin = (x: Item) => (Date.now() - Date.parse(x.created_at)) / 60_000;
  const isOverdue = (x: Item) => x.state === 'open' && (overdue.has(x.id) || (x.priority <= 2 && ageMin(x) >= props.escalateAfterMinutes));
  const list = (items ?? []).filter((x) => showResolved || x.state !== 'resolved')
    .sort((a, b) => Number(isOverdue(b)) - Number(isOverdue(a)) || Number(a.state === 'resolved') - Number(b.state === 'resolved') || a.priority - b.priority || a.created_at.localeCompare(b.created_at));
  return (
    <div>
      <h1>{t('worklist')}</h1>
      <label><input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved((e.target as HTMLInputElement).checked)} /> {t('resolved')}</label>
      {err && <p role="alert" class="err">{err}</p>}
      {!items ? <p>{t('loading')}</p> : list.length === 0 ? <p>{t('none')}</p> : (
        <ul class="worklist" data-testid="worklist" aria-live="polite">{list.map((x) => {
          const p = patients[x.patient_id];
          return (
            <li class={`item p${x.priority} ${x.state} ${isOverdue(x) ? 'overdue' : ''}`} data-testid={`esc-${x.id}`}>
              <div class="head"><span class="prio" aria-label={`${t('priority')} ${x.priority}`}>P{x.priority}</span>
                {isOverdue(x) && <span class="badge" role="status">{t('overdue')}</span>}
                <b>{p ? `${p.name} (${p.mrn})` : `#${x.patient_id}`}</b> {p && <a href={`tel:${p.phones[0]}`}>{t('call')} {p.phones[0]}</a>}
                <span class="state">{t(`esc_${x.state}`)}{x.claimed_by ? ` · ${t('claimedBy')} ${x.claimed_by}` : ''}</span></div>
              <div>{reasonLabel(x.reason)} {x.red_flags.map((f) => <span class="tag flag">{redFlagLabel(f)}</span>)} · {new Date(x.created_at).toLocaleString()}
                {x.call_result_id && <> · <Link href={`/results/${x.call_result_id}`}>{t('transcript')}</Link></>}</div>
              {x.state === 'resolved' ? <p>{t('note')}: {x.resolution_note} ({x.resolved_by})</p> : (
                <div class="acts">
                  {x.state === 'open' && <button type="button" class="primary" onClick={() => void act(x.id, 'claim')}>{t('claim')}</button>}
                  {x.state === 'claimed' && <button type="button" onClick={() => void act(x.id, 'release')}>{t('release')}</button>}
                  <label>{t('note')}<input value={notes[x.id] ?? ''} onInput={(e) => setNotes({ ...notes, [x.id]: (e.target as HTMLInputElement).value })} /></label>
                  <button type="button" disabled={!(notes[x.id] ?? '').trim()} onClick={() => void act(x.id, 'resolve')}>{t('resolve')}</button>
                </div>
              )}
            </li>
          );
        })}</ul>
      )}
    </div>
  );
}
