/** Outcomes over time: stacked bars of call results per time bucket, by disposition (plain SVG). */
import { t } from './i18n.js';

const COLORS: Record<string, string> = { D1: '#2e7d32', D2: '#66bb6a', D3: '#fbc02d', D4: '#fb8c00', D5: '#e53935', D6: '#8e24aa', D7: '#546e7a', none: '#90a4ae' };
const BUCKETS_MS = [60_000, 5 * 60_000, 15 * 60_000, 3600_000, 6 * 3600_000, 86_400_000];

export function OutcomeChart(props: { results: { disposition: string | null; created_at: string }[] }) {
  const rs = props.results;
  if (rs.length === 0) return <p data-testid="chart-empty">{t('chartEmpty')}</p>;
  const times = rs.map((r) => Date.parse(r.created_at));
  const min = Math.min(...times);
  const span = Math.max(...times) - min;
  const bucket = BUCKETS_MS.find((b) => span / b <= 40) ?? 86_400_000;
  const start = Math.floor(min / bucket) * bucket;
  const n = Math.floor((Math.max(...times) - start) / bucket) + 1;
  const keys = [...new Set(rs.map((r) => r.disposition ?? 'none'))].sort();
  const counts = Array.from({ length: n }, () => new Map<string, number>());
  rs.forEach((r, i) => { const m = counts[Math.floor((times[i]! - start) / bucket)]!; const k = r.disposition ?? 'none'; m.set(k, (m.get(k) ?? 0) + 1); });
  const maxTotal = Math.max(...counts.map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const W = 600; const H = 160; const bw = Math.max(4, Math.min(40, (W - 40) / n - 2));
  const label = (ms: number) => new Date(ms).toLocaleString(undefined, bucket >= 86_400_000 ? { month: 'numeric', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' });
  return (
    <figure data-testid="outcome-chart">
      <svg viewBox={`0 0 ${W} ${H + 24}`} role="img" aria-label={`${t('outcomesOverTime')}: ${keys.map((k) => `${k} ${rs.filter((r) => (r.disposition ?? 'none') === k).length}`).join(', ')}`}>
        {counts.map((m, i) => {
          let y = H;
          return <g>{keys.map((k) => { const v = m.get(k) ?? 0; const h = (v / maxTotal) * (H - 10); y -= h; return v ? <rect x={30 + i * (bw + 2)} y={y} width={bw} height={h} fill={COLORS[k] ?? '#777'}><title>{`${label(start + i * bucket)} ${k}: ${v}`}</title></rect> : null; })}</g>;
        })}
        <line x1="28" y1={H} x2={W} y2={H} stroke="#999" />
        <text x="2" y="12" font-size="10">{maxTotal}</text>
        <text x="30" y={H + 16} font-size="10">{label(start)}</text>
        <text x={W - 4} y={H + 16} font-size="10" text-anchor="end">{label(start + (n - 1) * bucket)}</text>
      </svg>
      <figcaption>{keys.map((k) => <span class="key"><i style={{ background: COLORS[k] ?? '#777' }} /> {k === 'none' ? t('none') : k}</span>)}</figcaption>
    </figure>
  );
}
