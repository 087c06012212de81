/**
 * A hotline call's triage as a nurse audits it: the disposition by its words, the department, the
 * rule that decided, each red flag with the caller's words that showed it, and the other findings
 * with theirs (the decision filed with the triage answer, voice-core's TriageDecision). Also the
 * worklist items a call produced, each with who holds or resolved it, by name.
 */
import type { TriageDecision } from '@tingzhen/voice-core';
import { t } from './i18n.js';
import { departmentLabel, dispositionLabel, reasonLabel, redFlagLabel } from './labels.js';
import { Link } from './router.js';
import { when } from './call-parts.js';
import { actorName, inLang, type StepLabels } from './words.js';

type Finding = { id: string; words: string[] };

/** A finding's own name: `llm:` marks one the model's review added; `complaint/modifier` reads as the modifier. */
const bare = (id: string) => id.replace(/^llm:/, '');
const modifier = (id: string) => bare(id).split('/').pop() ?? id;
const human = (id: string) => id.replace(/[-_/]+/g, ' ').trim();

/** Whether a finding showed this red flag (its id is the flag, or a modifier named after it). */
const shows = (f: Finding, flag: string) => bare(f.id) === flag || modifier(f.id).startsWith(flag);

/** The rule that decided, in words: red-flag:<id>, vital:<id>, complaint:<id>[/<modifier>], rule:<reason>, episode-over:<id>. */
export function ruleText(rule: string | undefined): string {
  if (!rule) return '';
  const i = rule.indexOf(':');
  const kind = i < 0 ? 'rule' : rule.slice(0, i);
  const what = i < 0 ? rule : rule.slice(i + 1);
  const words = kind === 'red-flag' || kind === 'episode-over' ? redFlagLabel(what) : human(what);
  const name = t(`rule_${kind}`);
  return `${name === `rule_${kind}` ? human(kind) : name}: ${words}`;
}

const Words = (props: { words: string[] }) => (
  <span class="words">{props.words.map((w) => <q class="said" data-testid="said">{w}</q>)}</span>
);

/**
 * The presenting complaint by the triage question's own choice label when one names it (complaint
 * chest-pain, choice chest: 胸痛), else its id in words.
 */
function complaintText(id: string, step: StepLabels | undefined): string {
  const hit = Object.entries(step?.choices ?? {}).find(([c]) => id === c || id.startsWith(`${c}-`));
  return hit ? inLang(hit[1]) : human(id);
}

/** `step`: the labels of the question whose answer carried the decision (its choices name complaints). */
export function TriageCard(props: { triage: TriageDecision; step?: StepLabels | undefined }) {
  const x = props.triage;
  const findings = x.findings ?? [];
  const other = findings.filter((f) => !x.redFlags.some((flag) => shows(f, flag)));
  return (
    <section class="card" aria-labelledby="tri-h" data-testid="triage"><h2 id="tri-h">{t('triage')}</h2>
      <p>{t('disposition')}: <b data-testid="triage-disposition">{dispositionLabel(x.disposition)}</b>
        {x.department && <> · {t('department')}: <b data-testid="triage-department">{departmentLabel(x.department)}</b></>}
        {x.complaint && <> · {t('complaint')}: <span data-testid="triage-complaint">{complaintText(x.complaint, props.step)}</span></>}</p>
      {x.rule && <p>{t('rule')}: <span data-testid="triage-rule">{ruleText(x.rule)}</span>{x.reviewedByLlm && <> · <small>{t('reviewedByLlm')}</small></>}</p>}
      {x.redFlags.length > 0 && (
        <ul class="flags" data-testid="triage-flags">{x.redFlags.map((flag) => {
          const said = findings.filter((f) => shows(f, flag)).flatMap((f) => f.words);
          return <li class="flagtext" data-flag={flag}><b>{redFlagLabel(flag)}</b>{said.length > 0 && <> · {t('callerWords')}: <Words words={said} /></>}</li>;
        })}</ul>
      )}
      {other.length > 0 && (
        <><h3>{t('findings')}</h3>
          <ul data-testid="triage-findings">{other.map((f) => (
            <li>{human(modifier(f.id))}{f.id.startsWith('llm:') && <small> · {t('reviewedByLlm')}</small>}{f.words.length > 0 && <> · <Words words={f.words} /></>}</li>
          ))}</ul></>
      )}
    </section>
  );
}

export interface CallEscalation { id: string; state: string; priority: number; reason: string; callback_at: string | null; created_at: string;
  claimed_by?: string | null; resolved_by?: string | null; resolved_at?: string | null; resolution_note?: string | null }

/** The worklist items the call produced (or that there is none), each linking to the worklist. */
export function WorklistItemsCard(props: { items: CallEscalation[]; names: Record<string, string> }) {
  return (
    <section class="card" aria-labelledby="esc-h" data-testid="call-worklist"><h2 id="esc-h">{t('worklistItem')}</h2>
      {props.items.length === 0 ? <p>{t('noWorklistItem')}</p> : (
        <ul>{props.items.map((e) => (
          <li data-testid={`call-esc-${e.id}`}><Link href={`/worklist#esc-${e.id}`}>{t('worklist')} #{e.id}</Link> · P{e.priority} · {reasonLabel(e.reason)} · {t(`esc_${e.state}`)}
            {e.claimed_by && e.state === 'claimed' && <> · {t('claimedBy')} {actorName(e.claimed_by, props.names)}</>}
            {e.resolved_by && <> · {t('resolvedBy')} {actorName(e.resolved_by, props.names)}{e.resolved_at && <> · {when(e.resolved_at)}</>}</>}
            {e.callback_at && <> · {t('callbackAt')}: {when(e.callback_at)}</>}
            {e.resolution_note && <> · {t('note')}: {e.resolution_note}</>}</li>
        ))}</ul>
      )}</section>
  );
}
