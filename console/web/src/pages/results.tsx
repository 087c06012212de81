import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { t } from '../i18n.js';
import { dispositionLabel, outcomeLabel, RED_FLAG_IDS, redFlagLabel } from '../labels.js';
import { AnswersCard, LatencyCard, RecordingCard, secs, TranscriptCard, type FiledAnswer, type TranscriptEntry, type TurnMark } from '../call-parts.js';
import { Link } from '../router.js';
import { questionText } from '../answer-words.js';
import { TriageCard, WorklistItemsCard, type CallEscalation } from '../call-triage.js';
import { inLang, useScriptLabels, useUserNames } from '../words.js';

interface Result {
  id: string; campaign_id: string; patient_id: string; mrn: string; patient_name: string; disposition: string | null; red_flags: string[]; summary: string | null; tags: string[];
  duration_ms: number | null; created_at: string; hangup_reason: string | null; recording_ref: string | null; script_id: string;
  outcome?: string | null; lang?: string | null; recording_deleted_at: string | null;
  interrupted?: boolean; resumed_from?: string | null; restarted_after?: string | null; carried_answers?: string[];
  answers: Record<string, FiledAnswer>;
  transcript?: TranscriptEntry[];
  turns?: TurnMark[];
}

export function ResultsPage() {
  const init = new URLSearchParams(location.search);
  const [f, setF] = useState({ campaignId: init.get('campaignId') ?? '', name: '', disposition: '', redFlag: '', from: '', to: '' });
  const [items, setItems] = useState<Result[] | null>(null);
  const [err, setErr] = useState('');
  const query = () => {
    const q = new URLSearchParams({ limit: '500' });
    if (f.campaignId) q.set('campaignId', f.campaignId);
    if (f.name.trim()) q.set('name', f.name.trim());
    if (f.disposition) q.set('disposition', f.disposition);
    if (f.redFlag) q.set('redFlag', f.redFlag);
    if (f.from) q.set('from', new Date(`${f.from}T00:00:00`).toISOString());
    if (f.to) q.set('to', new Date(`${f.to}T23:59:59`).toISOString());
    return q;
  };
  const load = () => { setErr(''); void api<{ items: Result[] }>(`/api/results?${query()}`).then((r) => setItems(r.items), (x) => setErr(errorText(x))); };
  useEffect(load, []);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  return (
    <div>
      <h1>{t('results')}</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); load(); }} aria-label={t('filter')}>
        <label>{t('campaign')} #<input name="campaignId" inputMode="numeric" pattern="[0-9]*" size={6} value={f.campaignId} onInput={set('campaignId')} /></label>
        <label>{t('searchName')}<input name="name" type="search" maxLength={100} size={10} value={f.name} onInput={set('name')} /></label>
        <label>{t('disposition')}<select name="disposition" value={f.disposition} onChange={set('disposition')}><option value="">{t('all')}</option>
          {['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'].map((d) => <option value={d}>{dispositionLabel(d)}</option>)}</select></label>
        <label>{t('redFlag')}<select name="redFlag" value={f.redFlag} onChange={set('redFlag')}><option value="">{t('all')}</option>
          {RED_FLAG_IDS.map((id) => <option value={id}>{redFlagLabel(id)}</option>)}</select></label>
        <label>{t('from')}<input name="from" type="date" value={f.from} onInput={set('from')} /></label>
        <label>{t('to')}<input name="to" type="date" value={f.to} onInput={set('to')} /></label>
        <button type="submit">{t('filter')}</button>
        <a class="button" href={`/api/results.csv?${query()}`}>{t('csv')}</a>
      </form>
      {err && <p role="alert" class="err">{err}</p>}
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p class="empty" data-testid="empty">{t('emptyResults')}</p> : (
        <table data-testid="results-table"><thead><tr><th scope="col">#</th><th scope="col">{t('time')}</th><th scope="col">{t('patientName')}</th><th scope="col">{t('mrn')}</th><th scope="col">{t('campaign')}</th>
          <th scope="col">{t('disposition')}</th><th scope="col">{t('redFlag')}</th><th scope="col">{t('duration')}</th></tr></thead>
          <tbody>{items.map((r) => (
            <tr class={r.red_flags.length ? 'flag' : ''}><td><Link href={`/results/${r.id}`}>{r.id}</Link></td><td>{new Date(r.created_at).toLocaleString()}</td><td data-testid="result-name">{r.patient_name}</td><td>{r.mrn}</td>
              <td>{r.campaign_id}</td><td>{dispositionLabel(r.disposition)}</td><td>{r.red_flags.map(redFlagLabel).join('、')}</td><td>{secs(r.duration_ms)}</td></tr>
          ))}</tbody></table>
      )}
    </div>
  );
}

export function ResultDetail(props: { id: string; recordings: boolean }) {
  const [r, setR] = useState<Result | null>(null);
  const [err, setErr] = useState('');
  const [items, setItems] = useState<CallEscalation[] | null>(null);
  const labels = useScriptLabels(r?.script_id);
  const names = useUserNames();
  useEffect(() => { void api<Result>(`/api/results/${props.id}`).then(setR, (x) => setErr(errorText(x))); }, [props.id]);
  // The worklist items this call produced (the worklist carries each item's call: no per-result route).
  useEffect(() => {
    void api<{ items: (CallEscalation & { call_result_id: string | null; inbound_call_id: string | null })[] }>('/api/escalations?limit=500')
      .then((x) => setItems(x.items.filter((e) => e.call_result_id === props.id && e.inbound_call_id === null)), () => setItems([]));
  }, [props.id]);
  if (!r) return <p>{err || t('loading')}</p>;
  const tr = r.transcript ?? [];
  // Recordings stream through the audited route; the reference alone is shown when the server has no recordings directory.
  const audio = r.recording_ref && props.recordings ? `/api/recordings/${r.id}` : null;
  return (
    <div class="call">
      <h1>{t('results')} #{r.id} <span data-testid="result-patient">{r.patient_name}</span> <small>{t('mrn')} {r.mrn}</small></h1>
      <p>{t('script')}: <span data-testid="call-script">{labels ? inLang(labels.title) : r.script_id}</span></p>
      <p>{t('disposition')}: <b data-testid="result-disposition">{dispositionLabel(r.disposition) || '-'}</b> · {t('redFlag')}: <b class={r.red_flags.length ? 'flagtext' : ''}>{r.red_flags.map(redFlagLabel).join('、') || t('none')}</b>
        {r.outcome && <> · {t('outcome')}: {outcomeLabel(r.outcome)}</>}{r.lang && <> · {t('callLang')}: {t(`lang_${r.lang}`)}</>}
        {' · '}{t('duration')}: {secs(r.duration_ms)} · {new Date(r.created_at).toLocaleString()}</p>
      {r.interrupted && <p class="notice" data-testid="result-interrupted">{t('interruptedCall')}</p>}
      {r.resumed_from && <p class="notice" data-testid="result-resumed">{t('resumedFrom').replace('{id}', r.resumed_from)}{(r.carried_answers ?? []).map((k) => questionText(k, labels)).join('、')}</p>}
      {r.restarted_after && <p class="notice" data-testid="result-restarted">{t('restartedAfter').replace('{id}', r.restarted_after)}</p>}
      <section class="card" aria-labelledby="sum-h"><h2 id="sum-h">{t('summary')}</h2><p>{r.summary ?? t('none')}</p>
        <p>{t('tags')}: {r.tags.map((x) => <span class="tag">{x}</span>)}</p></section>
      {Object.entries(r.answers).flatMap(([k, a]) => (a?.triage ? [<TriageCard triage={a.triage} step={labels?.steps[k]} />] : []))}
      {items && <WorklistItemsCard items={items} names={names} />}
      <AnswersCard answers={r.answers} labels={labels} />
      <TranscriptCard entries={tr} callerKey="caller" />
      <RecordingCard src={audio} reference={r.recording_ref} deletedAt={r.recording_deleted_at} />
      <LatencyCard entries={tr} turns={r.turns} />
    </div>
  );
}
