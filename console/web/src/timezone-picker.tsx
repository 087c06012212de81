/**
 * A time zone picker: the IANA zones the browser knows (Intl.supportedValuesOf('timeZone')), the
 * hospital's usual ones first (Asia/Shanghai at the top), each with its name and UTC offset in
 * the user's language ("Asia/Shanghai · 中国标准时间 (GMT+8)").
 */
import { lang, t } from './i18n.js';

/** Zones a Chinese hospital picks most: China's own, then its neighbours' (first: the default). */
export const COMMON_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Asia/Seoul'] as const;

const names = new Map<string, string>();

/** "中国标准时间 (GMT+8)" for a zone, in the current language (cached per language and zone). */
function zoneName(zone: string): string {
  const key = `${lang.value}|${zone}`;
  let name = names.get(key);
  if (name === undefined) {
    const part = (style: 'long' | 'shortOffset') => {
      try {
        return new Intl.DateTimeFormat(lang.value, { timeZone: zone, timeZoneName: style }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? '';
      } catch { return ''; }
    };
    const long = part('long');
    const offset = part('shortOffset');
    // A zone without a name of its own in this language reads as its offset alone (not "GMT+06:00 (GMT+6)").
    name = long && !/^(GMT|UTC)/.test(long) && offset && long !== offset ? `${long} (${offset})` : offset || long;
    names.set(key, name);
  }
  return name;
}

export function TimezonePicker(props: { name: string; value: string; onChange: (zone: string) => void; invalid?: Record<string, string | undefined> }) {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const common = new Set<string>(COMMON_ZONES);
  const rest = known.filter((z) => !common.has(z));
  const option = (z: string) => <option value={z}>{`${z} · ${zoneName(z)}`}</option>;
  return (
    <select name={props.name} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)} {...props.invalid}>
      <optgroup label={t('timezoneCommon')}>{COMMON_ZONES.map(option)}</optgroup>
      {rest.length > 0 && <optgroup label={t('timezoneAll')}>{rest.map(option)}</optgroup>}
    </select>
  );
}
