/**
 * Hotline (inbound) calls: the recent calls (console test calls only when asked for), and one call's
 * page with the caller's number, disposition, red flags, answers, transcript and recording.
 * Lists show the caller's number masked to its last four digits; the call's page shows it whole.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText } from '../errors.js';
import { t } from '../i18n.js';
import { departmentLabel, dispositionLabel, outcomeLabel, reasonLabel, redFlagLabel } from '../labels.js';
import { Link } from '../router.js';
import { AnswersCard, LatencyCard, RecordingCard, secs, TranscriptCard, when, type FiledAnswer, type TranscriptEntry, type TurnMark } from '../call-parts.js';
import { TriageCard, WorklistItemsCard, type CallEscalation } from '../call-triage.js';
import { inLang, maskedPhone, useScriptLabels, useUserNames } from '../words.js';

interface HotlineCall {
  id: string; call_id: string; outcome: string | null; disposition: string | null; red_flags: string[]; department: string | null; summary: string | null; tags: string[];
  duration_ms: number | null; caller_number: string | null; called_number: string | null; is_test: boolean; script_id: string | null; lang: string | null;
  recording_ref: string | null; has_recording: boolean; recording_deleted_at: string | null; created_at: string;
  escalation: { id: string; state: string; priority: number; reason: string } | null;
}
interface HotlineCallDetail extends HotlineCall {
  answers: Record<string, FiledAnswer>;
  transcript: TranscriptEntry[];
  turns: TurnMark[];
  escalations: CallEscalation[];
}

const PhoneLink = (props: { n: string | null }) => (props.n ? <a href={`tel:${props.n}`}>{props.n}</a> : <span>{t('unknownNumber')}</span>);

export function HotlinePage() {
  const [includeTests, setIncludeTests] = useState(false);
  const [items, setItems] = useState<HotlineCall[] | null>(null);
  const [err, setErr] = useState('');
  useEffect(() => {
    setErr('');
    void api<{ items: HotlineCall[] }>(`/api/inbound-calls?limit=200${includeTests ? '&includeTests=true' : ''}`).then((r) => setItems(r.items), (x) => setErr(errorText(x)));
  }, [includeTests]);
  return (
    <div>
      <h1>{t('hotlineCalls')}</h1>
      <label><input type="checkbox" checked={includeTests} onChange={(e) => setIncludeTests((e.target as HTMLInputElement).checked)} /> {t('includeTests')}</label>
      {err && <p role="alert" class="err">{err}</p>}
      {!items ? <p>{t('loading')}</p> : items.length === 0 ? <p class="empty" data-testid="empty">{t('emptyHotline')}</p> : (
        <table data-testid="hotline-table"><thead><tr><th scope="col">#</th><th scope="col">{t('time')}</th><th scope="col">{t('callerNumber')}</th><th scope="col">{t('disposition')}</th>
          <th scope="col">{t('redFlag')}</th><th scope="col">{t('outcome')}</th><th scope="col">{t('duration')}</th><th scope="col">{t('worklist')}</th></tr></thead>
          <tbody>{items.map((c) => (
            <tr class={c.red_flags.length ? 'flag' : ''} data-test-call={c.is_test ? 'true' : undefined}>
              <td><Link href={`/hotline/${c.id}`}>{c.id}</Link>{c.is_test && <span class="tag">{t('testTag')}</span>}</td><td>{when(c.created_at)}</td><td data-testid="hotline-row-number">{c.caller_number ? maskedPhone(c.caller_number) : t('unknownNumber')}</td>
              <td>{dispositionLabel(c.disposition)}</td><td>{c.red_flags.map(redFlagLabel).join('、')}</td><td>{outcomeLabel(c.outcome)}</td><td>{secs(c.duration_ms)}</td>
              <td>{c.escalation ? `${reasonLabel(c.escalation.reason)} · ${t(`esc_${c.escalation.state}`)}` : ''}</td></tr>
          ))}</tbody></table>
      )}
    </div>
  );
}

export function HotlineCallPage(props: { id: string; recordings: boolean }) {
  const [c, setC] = useState<HotlineCallDetail | null>(null);
  const [err, setErr] = useState('');
  const labels = useScriptLabels(c?.script_id);
  const names = useUserNames();
  useEffect(() => { setC(null); void api<HotlineCallDetail>(`/api/inbound-calls/${props.id}`).then(setC, (x) => setErr(errorText(x))); }, [props.id]);
  if (!c) return <p>{err || t('loading')}</p>;
  // The recording streams through the audited route, only while the file is kept.
  const audio = c.has_recording && props.recordings ? `/api/recordings/inbound/${c.id}` : null;
  // The triage step's decision (the hotline script's complaint step), filed with its answer.
  const triaged = Object.entries(c.answers).flatMap(([k, a]) => (a?.triage ? [{ key: k, triage: a.triage }] : []));
  return (
    <div class="call">
      <h1>{t('hotlineCall')} #{c.id} {c.is_test && <span class="tag">{t('testTag')}</span>}</h1>
      <p>{t('callerNumber')}: <b data-testid="hotline-number"><PhoneLink n={c.caller_number} /></b>
        {c.called_number && <> · {t('calledNumber')}: {c.called_number}</>} · {when(c.created_at)} · {t('duration')}: {secs(c.duration_ms)}
        {c.lang && <> · {t('callLang')}: {t(`lang_${c.lang}`)}</>}
        {c.script_id && <> · {t('script')}: <span data-testid="call-script">{labels ? inLang(labels.title) : c.script_id}</span></>}</p>
      <p>{t('disposition')}: <b data-testid="hotline-disposition">{dispositionLabel(c.disposition) || '-'}</b>
        {' · '}{t('redFlag')}: <b class={c.red_flags.length ? 'flagtext' : ''} data-testid="hotline-flags">{c.red_flags.map(redFlagLabel).join('、') || t('none')}</b>
        {c.outcome && <> · {t('outcome')}: {outcomeLabel(c.outcome)}</>}{c.department && <> · {t('department')}: {departmentLabel(c.department)}</>}</p>
      {triaged.map((x) => <TriageCard triage={x.triage} step={labels?.steps[x.key]} />)}
      <WorklistItemsCard items={c.escalations} names={names} />
      {(c.summary || c.tags.length > 0) && (
        <section class="card" aria-labelledby="sum-h"><h2 id="sum-h">{t('summary')}</h2><p>{c.summary ?? t('none')}</p>
          <p>{t('tags')}: {c.tags.map((x) => <span class="tag">{x}</span>)}</p></section>
      )}
      <AnswersCard answers={c.answers} labels={labels} />
      <TranscriptCard entries={c.transcript} callerKey="callerHotline" />
      <RecordingCard src={audio} reference={c.recording_ref} deletedAt={c.recording_deleted_at} />
      <LatencyCard entries={c.transcript} turns={c.turns} />
    </div>
  );
}
