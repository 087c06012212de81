/** The figures of a fuzzing run as the other benches print them: markdown tables, then crashes and hangs in full. */
import { percentile } from '../sip-bench-kit.js';
import type { FuzzReport } from './fuzz-run.js';

const mb = (kb: number | undefined) => (kb === undefined || !Number.isFinite(kb) ? '-' : (kb / 1024).toFixed(0));
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function formatReport(r: FuzzReport): string {
  const out: string[] = [];
  const sent = Object.values(r.lanes).reduce((n, l) => n + l.sent, 0);
  out.push(`seed ${r.seed}: ${sent} cases in ${r.sendS.toFixed(0)} s (${(sent / Math.max(1, r.sendS)).toFixed(0)}/s), wall ${r.wallS.toFixed(0)} s; crashes ${r.crashes}, hangs ${r.hangs}; fuzzer event-loop delay p99 ${r.fuzzerLoopP99Ms.toFixed(0)} ms, max ${r.fuzzerLoopMaxMs.toFixed(0)} ms\n`);
  if (r.stoppedEarly) out.push(`sending stopped early: ${r.stoppedEarly}\n`);
  const held = Object.entries(r.heldBack);
  if (held.length) out.push(`held back (known open issues, load-tests/src/fuzz/known-issues.ts): ${held.map(([k, n]) => `${n} x ${k}`).join(', ')}\n`);
  out.push(row(['transport', 'cases sent', 'MB sent / delivered', 'not sent', 'answers 1xx / 2xx / 3xx / 4xx / 5xx / 6xx', 'requests from the far side', 'closed by the far side']));
  out.push(row(Array(7).fill('---')));
  for (const [t, l] of Object.entries(r.lanes)) {
    const g = (k: string) => l.received.get(k) ?? 0;
    out.push(row([t, l.sent, `${(l.bytes / 1e6).toFixed(1)} / ${(l.delivered / 1e6).toFixed(1)}`, l.notSent, ['1xx', '2xx', '3xx', '4xx', '5xx', '6xx'].map(g).join(' / '), g('request'), l.closedByPeer]));
  }
  out.push('');
  out.push(row(['probe (OPTIONS every 200 ms)', 'sent', 'answered', 'latency p50 / p99 / max ms', 'hangs (probes unanswered within 1 s)']));
  out.push(row(Array(5).fill('---')));
  for (const p of r.probes) {
    const l = p.latenciesMs;
    out.push(row([p.target, p.sent, p.answered, l.length ? `${percentile(l, 50)} / ${percentile(l, 99)} / ${Math.max(...l)}` : '-', `${p.hangs.length} (${p.hangs.reduce((n, h) => n + h.probes, 0)})`]));
  }
  out.push('');
  out.push(row(['gateway', 'pid', 'RSS before / peak / after MB', 'open fds before / after', 'CPU s during the run', 'crash', 'log lines at warn+']));
  out.push(row(Array(7).fill('---')));
  for (const g of r.gateways) {
    const warn = g.warnings.reduce((n, [, c]) => n + c, 0);
    out.push(row([g.name, g.pid, `${mb(g.before?.rssKb)} / ${mb(g.peakRssKb)} / ${mb(g.after?.rssKb)}`, `${g.before?.fds ?? '-'} / ${g.after?.fds ?? '-'}`,
      g.before && g.after ? ((g.after.cpuMs - g.before.cpuMs) / 1000).toFixed(0) : '-', g.crash ? `exit ${g.crash.code ?? g.crash.signal} at ${g.crash.atS.toFixed(0)} s` : 'none', warn]));
  }
  if (r.edge) {
    out.push(`\nKamailio edge: ${r.edge.crashes.length ? `DIED ${r.edge.crashes.length} time(s) (started again each time)` : 'up throughout'}`);
    for (const c of r.edge.crashes.slice(0, 10)) out.push(`  at ${c.atS.toFixed(0)} s, ${c.exit}; UDP cases sent in the 2 s before (seed ${r.seed}): ${c.casesInFlight.join(',') || 'none'}`);
    if (r.edge.deathLines) out.push(r.edge.deathLines);
  }
  for (const g of r.gateways) {
    if (g.warnings.length) out.push(`\n${g.name} warnings (top): ${g.warnings.map(([m, n]) => `${n} x ${m}`).join('; ')}`);
    if (g.crash) out.push(`\n${g.name} CRASHED (exit ${g.crash.code ?? g.crash.signal}); its last output:\n${g.crash.tail}`);
  }
  for (const p of r.probes) {
    for (const h of p.hangs.slice(0, 10)) {
      out.push(`\nHANG ${h.target}: from ${(h.sentAtMs / 1000).toFixed(1)} s, ${h.probes} probe(s) in a row, slowest answer ${h.latencyMs ?? '-'} ms, ${h.unanswered} never answered; cases in flight (seed ${r.seed}): ${h.casesInFlight.join(',') || 'none'}`);
    }
    if (p.hangs.length > 10) out.push(`(${p.hangs.length - 10} more hangs on ${p.target})`);
  }
  return out.join('\n');
}
