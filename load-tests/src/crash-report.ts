/**
 * The crash matrix's verdict on a run (crash-matrix-kit.ts): the invariants of the issue as a list
 * of what broke, and one line of figures per case.
 */
import { CALL_LEASE_MS } from '@tingzhen/campaigns';
import type { CrashReport } from './crash-matrix-kit.js';

/** The lease sweep's period (campaigns scheduler), ms: a lapsed lease is seen within it. */
const LEASE_SWEEP_MS = 5000;

/** The lease sweep may see a lapsed lease up to one period late; past that a slot is stuck. */
export const ORPHAN_LIMIT_MS = CALL_LEASE_MS;

/**
 * The invariants of the issue, as sentences naming what broke (empty: all hold). A number rung
 * again after an answer is allowed only when the kill cut the call itself (the gateway carrying it
 * died): that call is filed interrupted from its checkpoint and retried by design. A number rung
 * again after a call the platform ended normally (its BYE) is never allowed.
 */
export function crashViolations(r: CrashReport): string[] {
  const v: string[] = [];
  if (r.broke) v.push(`run broke: ${r.broke.slice(0, 500)}`);
  if (!r.completed) v.push('campaign not completed');
  if (r.kill !== 'none' && r.killAtMs === null) v.push('the kill never happened (no calls up)');
  if (r.answeredWithoutResult > 0) v.push(`${r.answeredWithoutResult} answered attempts without a result`);
  const cutByKill = r.kill === 'gateway';
  r.perPatient.forEach((p, i) => {
    const who = `patient ${i + 1}`;
    if (!['completed', 'exhausted', 'unreachable', 'opted_out', 'skipped'].includes(p.finalState)) v.push(`${who}: contact not final (${p.finalState})`);
    if (p.complete > 1) v.push(`${who}: ${p.complete} complete results`);
    if (p.finalState === 'completed' && p.complete !== 1) v.push(`${who}: completed with ${p.complete} complete results`);
    if (!cutByKill && p.answers > p.results) v.push(`${who}: ${p.answers} answered calls at the trunk but ${p.results} results`);
    if (p.invitesAfterBye > 0) v.push(`${who}: rung ${p.invitesAfterBye} more times after a call the platform ended`);
    if (!cutByKill && p.invitesAfterAnswer > 0) v.push(`${who}: rung ${p.invitesAfterAnswer} more times after an answer`);
    if (p.dialsMade > r.maxAttempts) v.push(`${who}: ${p.dialsMade} dials counted, cap ${r.maxAttempts}`);
    if (p.invites > r.maxAttempts) v.push(`${who}: ${p.invites} INVITEs, cap ${r.maxAttempts}`);
  });
  // A call its gateway's death cut is filed from its checkpoint, the first of which is taken at the
  // answer (before answering-machine detection): every answered call has a result.
  const unfiled = r.perPatient.reduce((n, p) => n + Math.max(0, p.answers - p.results), 0);
  if (cutByKill && unfiled > 0) v.push(`${unfiled} answered calls at the trunk without a result (the kill cut ${r.callsUpAtKill} calls)`);
  if (r.maxOrphanAgeMs > ORPHAN_LIMIT_MS) v.push(`an attempt stayed dialing with nobody holding it for ${r.maxOrphanAgeMs} ms (lease ${CALL_LEASE_MS} ms)`);
  if (r.killAtMs !== null && r.slotsBackMs !== null && r.slotsBackMs > CALL_LEASE_MS + LEASE_SWEEP_MS + (r.restartedAtMs! - r.killAtMs)) {
    v.push(`dial slots back only ${r.slotsBackMs} ms after the kill`);
  }
  if (r.killAtMs !== null && (r.paceBackMs === null || r.paceBackMs > 60_000)) v.push(`pace back after ${r.paceBackMs ?? 'never'} ms`);
  if (r.kill === 'sigterm-gateway') {
    if (!r.drain) v.push('no drain recorded');
    else {
      if (r.drain.exitCode !== 0) v.push(`the draining gateway exited with ${r.drain.exitCode}`);
      if (r.drain.inProgress === 0) v.push('no call in progress at the SIGTERM');
      if (r.drain.filedComplete !== r.drain.inProgress) v.push(`${r.drain.inProgress - r.drain.filedComplete} of ${r.drain.inProgress} calls in progress at the SIGTERM not filed complete`);
    }
  }
  if (r.roleExits.length > 0) v.push(`roles exited by themselves: ${r.roleExits.join('; ')}`);
  return v;
}

/** One line of figures per case (the benchmark's table row and the test's log). */
export function crashSummary(r: CrashReport): string {
  const sum = (f: (p: CrashReport['perPatient'][number]) => number) => r.perPatient.reduce((n, p) => n + f(p), 0);
  return [
    `${r.kill}/${r.backend}: ${r.patients} patients, ${r.completed ? 'completed' : 'NOT completed'} in ${(r.wallMs / 1000).toFixed(0)} s`,
    `results ${sum((p) => p.results)} (complete ${sum((p) => p.complete)}, interrupted ${sum((p) => p.interrupted)}), patients with a complete result ${r.perPatient.filter((p) => p.complete === 1).length}`,
    `answered without result ${r.answeredWithoutResult}, answered at trunk without result ${sum((p) => Math.max(0, p.answers - p.results))} (calls up at the kill ${r.callsUpAtKill})`,
    `rung again after an answer ${r.perPatient.filter((p) => p.invitesAfterAnswer > 0).length}, after a call the platform ended ${r.perPatient.filter((p) => p.invitesAfterBye > 0).length}`,
    `dials max ${Math.max(0, ...r.perPatient.map((p) => p.dialsMade))} (cap ${r.maxAttempts}), attempts started max ${Math.max(0, ...r.perPatient.map((p) => p.attempts))}`,
    `INVITEs per number ${JSON.stringify(r.invitesHistogram)}`,
    `slots back ${r.slotsBackMs ?? '-'} ms after the kill (longest orphan ${r.maxOrphanAgeMs} ms), pace back ${r.paceBackMs ?? '-'} ms`,
    `contacts ${JSON.stringify(r.contactStates)}`, `attempts ${JSON.stringify(r.attemptStates)}`,
    `SIPp restarts ${r.trunkRestarts}`,
    ...(r.drain ? [`drain: ${r.drain.filedComplete}/${r.drain.inProgress} calls filed complete, exit ${r.drain.exitCode}, ${r.drain.drainMs} ms`] : []),
  ].join('; ');
}
