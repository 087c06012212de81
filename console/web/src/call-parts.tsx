/**
 * The parts of a call page shared by campaign call results and hotline calls: answers, transcript
 * with speakers, the recording (through the audited route) or why there is none, turn latencies.
 */
import { t } from './i18n.js';
import { questionText, valueText } from './answer-words.js';
import type { ScriptLabels } from './words.js';
import type { TriageDecision } from '@tingzhen/voice-core';

export interface TranscriptEntry { speaker: string; text: string; startMs?: number; endMs?: number; confidence?: number; via?: string }
export interface FiledAnswer { type?: string; value?: unknown; text?: string; confidence?: number; via?: string; fromAttemptId?: string; triage?: TriageDecision }
export interface TurnMark { turn: number; gapMs?: number; via?: string }

export const secs = (ms: number | null | undefined) => (ms == null ? '' : `${Math.round(ms / 1000)} s`);
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');

/** Answers in the order the script asks them (the database keeps them in its own order); keys the script does not know last. */
function byScriptOrder(answers: Record<string, FiledAnswer>, labels: ScriptLabels | null): [string, FiledAnswer][] {
  const order = Object.keys(labels?.steps ?? {});
  const at = (k: string) => { const i = order.indexOf(k); return i < 0 ? order.length : i; };
  return Object.entries(answers).sort(([a], [b]) => at(a) - at(b));
}

/**
 * The answers by their question's text (the script's words, from the server) and their values as
 * words; until the script's words arrive, or for a key it does not know, the key itself.
 */
export function AnswersCard(props: { answers: Record<string, FiledAnswer>; labels: ScriptLabels | null }) {
  return (
    <section class="card" aria-labelledby="ans-h"><h2 id="ans-h">{t('answers')}</h2>
      <form class="answers" data-testid="answers" onSubmit={(e) => e.preventDefault()}>
        {byScriptOrder(props.answers, props.labels).map(([k, a]) => (
          <label data-key={k}>{questionText(k, props.labels)}<input readOnly value={valueText(a?.value, props.labels?.steps[k])} />
            {a?.via && <small>{t(`via_${a.via}`)}</small>}
            {a?.confidence != null && <small>{t('confidence')} {a.confidence.toFixed(2)}</small>}
            {a?.fromAttemptId && <small class="carried" data-testid="carried-answer">{t('carriedFrom').replace('{id}', a.fromAttemptId)}</small>}</label>
        ))}
      </form></section>
  );
}

/** The transcript; `callerKey` names the other speaker (患者 on a campaign call, 来电者 on the hotline). */
export function TranscriptCard(props: { entries: TranscriptEntry[]; callerKey: string }) {
  return (
    <section class="card" aria-labelledby="tr-h"><h2 id="tr-h">{t('transcript')}</h2>
      {props.entries.length === 0 ? <p>{t('none')}</p> : (
        <ol class="transcript" data-testid="transcript">{props.entries.map((x) => (
          <li class={x.speaker === 'bot' ? 'bot' : 'caller'}><span class="who">{t(x.speaker === 'bot' ? 'bot' : props.callerKey)}</span>
            {x.startMs != null && <span class="at">{(x.startMs / 1000).toFixed(1)} s</span>} <span class="text">{x.text}</span>
            {x.via === 'dtmf' && <span class="conf">{t('via_dtmf')}</span>}
            {x.confidence != null && <span class="conf">{t('confidence')} {x.confidence.toFixed(2)}</span>}</li>
        ))}</ol>
      )}</section>
  );
}

/**
 * The recording: a player on the audited route when the server serves recordings and the file is
 * kept; "deleted after retention" when retention removed it; the bare reference otherwise.
 */
export function RecordingCard(props: { src: string | null; reference: string | null; deletedAt: string | null }) {
  return (
    <section class="card" aria-labelledby="rec-h"><h2 id="rec-h">{t('recording')}</h2>
      {props.deletedAt ? <p data-testid="recording-deleted">{t('recordingDeleted')} ({when(props.deletedAt)})</p>
        : props.src ? <audio controls preload="none" src={props.src} data-testid="recording" aria-label={t('recording')} />
        : <p>{props.reference ?? t('noRecording')}</p>}</section>
  );
}

/**
 * Turn timings when the call carries them; otherwise the gap heard on the media clock: from the end
 * of the caller's words to the start of the bot's answer (transcript timestamps).
 */
export function LatencyCard(props: { entries: TranscriptEntry[]; turns?: TurnMark[] | undefined }) {
  const tr = props.entries;
  const turns = (props.turns ?? tr.flatMap((x, i) => {
    const prev = tr[i - 1];
    return x.speaker === 'bot' && prev && prev.speaker !== 'bot' && prev.endMs != null && x.startMs != null ? [{ turn: i, gapMs: x.startMs - prev.endMs }] : [];
  })).filter((x) => x.gapMs != null);
  return (
    <section class="card" aria-labelledby="lat-h"><h2 id="lat-h">{t('latency')}</h2>
      {turns.length === 0 ? <p>{t('noLatency')}</p> : (
        <table data-testid="turn-latency"><thead><tr><th scope="col">{t('turn')}</th><th scope="col">{t('gap')}</th></tr></thead>
          <tbody>{turns.map((x) => <tr><td>{x.turn}</td><td>{Math.round(x.gapMs!)} ms</td></tr>)}</tbody></table>
      )}</section>
  );
}
