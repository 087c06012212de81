/** The weekly calling-window grid: 7 days x 24 one-hour cells, each a labelled checkbox (keyboard: Tab/Space). */
import { lang, t } from './i18n.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const DAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export type Grid = boolean[][];
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Weekdays 09-12 and 14-18, the usual follow-up hours. */
export function defaultGrid(): Grid {
  return DAYS.map((_, d) => Array.from({ length: 24 }, (_, h) => d < 5 && ((h >= 9 && h < 12) || (h >= 14 && h < 18))));
}

export function gridToWindows(grid: Grid): Record<string, [string, string][]> {
  const out: Record<string, [string, string][]> = {};
  DAYS.forEach((day, d) => {
    const ranges: [string, string][] = [];
    let start = -1;
    for (let h = 0; h <= 24; h++) {
      const on = h < 24 && grid[d]![h];
      if (on && start < 0) start = h;
      if (!on && start >= 0) { ranges.push([hh(start), hh(h)]); start = -1; }
    }
    if (ranges.length > 0) out[day] = ranges;
  });
  return out;
}

export function WeekGrid(props: { grid: Grid; onChange: (g: Grid) => void }) {
  const names = lang.value === 'en' ? DAY_EN : DAY_ZH;
  const toggle = (d: number, h: number, v: boolean) => props.onChange(props.grid.map((row, i) => (i === d ? row.map((x, j) => (j === h ? v : x)) : row)));
  const setAll = (v: (d: number, h: number) => boolean) => props.onChange(DAYS.map((_, d) => Array.from({ length: 24 }, (_, h) => v(d, h))));
  return (
    <fieldset class="week" data-testid="week-grid"><legend>{t('windows')}</legend>
      <div class="presets">
        <button type="button" onClick={() => props.onChange(defaultGrid())}>{lang.value === 'en' ? 'Weekdays 9-12, 14-18' : '工作日 9-12点、14-18点'}</button>
        <button type="button" onClick={() => setAll((_, h) => h >= 8 && h < 20)}>{lang.value === 'en' ? 'Every day 8-20' : '每天 8-20点'}</button>
        <button type="button" onClick={() => setAll(() => true)}>{lang.value === 'en' ? 'All hours' : '全天'}</button>
        <button type="button" onClick={() => setAll(() => false)}>{lang.value === 'en' ? 'Clear' : '清空'}</button>
      </div>
      <table class="grid"><thead><tr><th />{Array.from({ length: 24 }, (_, h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>{DAYS.map((_, d) => (
          <tr><th scope="row">{names[d]}</th>{Array.from({ length: 24 }, (_, h) => (
            <td><input type="checkbox" aria-label={`${names[d]} ${hh(h)}-${hh(h + 1)}`} checked={props.grid[d]![h]} onChange={(e) => toggle(d, h, (e.target as HTMLInputElement).checked)} /></td>
          ))}</tr>
        ))}</tbody></table>
    </fieldset>
  );
}
