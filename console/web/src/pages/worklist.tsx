import { useEffect, useState } from 'preact/hooks';
import { api, onServerEvent, post } from '../api.js';
import { errorText } from '../errors.js';
import { t } from '../i18n.js';
import { departmentLabel, dispositionLabel, outcomeLabel, reasonLabel, redFlagLabel } from '../labels.js';
import { Link } from '../router.js';
import { secs, when } from '../call-parts.js';
import { actorName, maskedPhone, useUserNames } from '../words.js';

/** The call behind an item (GET /api/escalations): a hotline call or a campaign call result. */
interface ItemCall { kind: 'hotline' | 'campaign'; id: string; caller_number: string | null; disposition: string | null; red_flags: string[]; outcome: string | null;
  lang: string | null; department: string | null; at: string; duration_ms: number | null; has_recording: boolean; recording_deleted_at: string | null }
interface Item { id: string; kind: 'hotline' | 'campaign'; call_result_id: string | null; inbound_call_id: string | null; patient_id: string | null; campaign_id: string | null;
  priority: number; reason: string; red_flags: string[]; state: string; claimed_by: string | null; resolved_by: string | null; resolved_at: string | null; resolution_note: string | null; created_at: string;
  callback_at: string | null; details: { disposition?: string; outcome?: string; department?: string; alerts?: { priority: number; reason: string }[] };
  patient: { id: string; mrn: string; name: string } | null; call: ItemCall | null }

/** Who the item is about: a hotline call by its number, or the campaign's patient (never a bare id, never #null). */
function subject(x: Item): string {
  if (x.kind === 'hotline') return x.inbound_call_id ? `${t('hotlineCall')} #${x.inbound_call_id}` : t('hotlineCall');
  return x.patient ? `${x.patient.name} (${x.patient.mrn})` : t('unknownPatient');
}

/** Where the call's transcript (and recording) opens. */
function callHref(x: Item): string | null {
  if (x.kind === 'hotline') return x.inbound_call_id ? `/hotline/${x.inbound_call_id}` : null;
  return x.call_result_id ? `/results/${x.call_result_id}` : null;
}

export function WorklistPage(props: { escalateAfterMinutes: number }) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [overdue, setOverdue] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [err, setErr] = useState('');
  // A link from a call's page may name a resolved item: the list then shows resolved items too.
  const [showResolved, setShowResolved] = useState(() => location.hash.startsWith('#esc-'));
  const names = useUserNames();
  const who = (actor: string | null) => actorName(actor, names);
  // Each item carries its call and patient: no second lookup per item.
  const load = async () => { setItems((await api<{ items: Item[] }>('/api/escalations?limit=200')).items); };
  useEffect(() => {
    void load().catch((x) => setErr(errorText(x)));
    const a = onServerEvent('worklist', () => void load().catch(() => undefined));
    const b = onServerEvent('overdue', (d: { ids: string[] }) => setOverdue(new Set(d.ids)));
    return () => { a(); b(); };
  }, []);
  // Opened from a call's page (/worklist#esc-<id>): that item comes into view once the list is there.
  useEffect(() => {
    const el = items && location.hash.startsWith('#esc-') ? document.getElementById(location.hash.slice(1)) : null;
    if (el) { el.scrollIntoView({ block: 'center' }); el.classList.add('target'); }
  }, [items !== null]);
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
      <label><input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved((e.target as HTMLInputElement).checked)} /> {t('showResolved')}</label>
      {err && <p role="alert" class="err">{err}</p>}
      {!items ? <p>{t('loading')}</p> : list.length === 0 ? <p class="empty" data-testid="empty">{showResolved ? t('emptyWorklistAll') : t('emptyWorklist')}</p> : (
        <ul class="worklist" data-testid="worklist" aria-live="polite">{list.map((x) => {
          const c = x.call;
          const number = c?.caller_number ?? null;
          const flags = x.red_flags.length > 0 ? x.red_flags : c?.red_flags ?? [];
          const disposition = c?.disposition ?? x.details.disposition ?? null;
          const outcome = c?.outcome ?? x.details.outcome ?? null;
          const department = c?.department ?? x.details.department ?? null;
          const href = callHref(x);
          return (
            <li class={`item p${x.priority} ${x.state} ${isOverdue(x) ? 'overdue' : ''} ${x.kind}`} id={`esc-${x.id}`} data-testid={`esc-${x.id}`} data-kind={x.kind}>
              <div class="head"><span class="prio" aria-label={`${t('priority')} ${x.priority}`}>P{x.priority}</span>
                {isOverdue(x) && <span class="badge" role="status">{t('overdue')}</span>}
                <b data-testid="esc-subject">{href ? <Link href={href}>{subject(x)}</Link> : subject(x)}</b>
                {/* The list shows the last four digits; the call's page shows the whole number. */}
                {number ? <a href={`tel:${number}`} data-testid="esc-number">{t('call')} {maskedPhone(number)}</a> : <span class="muted">{t('unknownNumber')}</span>}
                <span class="state">{t(`esc_${x.state}`)}{x.claimed_by ? ` · ${t('claimedBy')} ${who(x.claimed_by)}` : ''}</span></div>
              <div>{reasonLabel(x.reason)} {flags.map((f) => <span class="tag flag">{redFlagLabel(f)}</span>)}
                {disposition && <> · {t('disposition')}: <b data-testid="esc-disposition">{dispositionLabel(disposition)}</b></>}
                {outcome && <> · {t('outcome')}: {outcomeLabel(outcome)}</>}
                {department && <> · {t('department')}: {departmentLabel(department)}</>}
                {' · '}{when(c?.at ?? x.created_at)}{c?.duration_ms != null && <> · {secs(c.duration_ms)}</>}
                {c?.lang && <> · {t(`lang_${c.lang}`)}</>}</div>
              {x.callback_at && <div data-testid="esc-callback">{t('callbackAt')}: <b>{when(x.callback_at)}</b></div>}
              {href && <div><Link href={href}>{t('openCall')} · {t('transcript')}</Link>{c?.has_recording && <> · {t('recording')}</>}
                {c?.recording_deleted_at && <> · {t('recordingDeleted')}</>}</div>}
              {x.state === 'resolved' ? (
                <p data-testid="esc-resolved">{t('note')}: {x.resolution_note} · {t('resolvedBy')} {who(x.resolved_by)}{x.resolved_at && <> · {t('resolvedAt')} <time dateTime={x.resolved_at}>{when(x.resolved_at)}</time></>}</p>
              ) : (
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
