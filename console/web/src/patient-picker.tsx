/**
 * The patients of a new campaign: a search over name, record number and the phone's last digits,
 * the matching patients to tick (do-not-call ones shown but not selectable), "select the shown",
 * and how many are chosen in all. Phones are shown by their last four digits only.
 */
import { useState } from 'preact/hooks';
import { t } from './i18n.js';

export interface PickablePatient { id: string; mrn: string; name: string; phones?: string[]; department?: string | null; doNotCall: boolean }

/** Does `p` match the search: its name or MRN contains it, or a phone ends with its digits. */
export function matches(p: PickablePatient, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (p.name.toLowerCase().includes(q) || p.mrn.toLowerCase().includes(q)) return true;
  const digits = q.replace(/[\s-]/g, '');
  return /^\d{3,}$/.test(digits) && (p.phones ?? []).some((x) => x.replace(/\D/g, '').endsWith(digits));
}

const tail = (p: PickablePatient) => (p.phones?.[0] ? p.phones[0].replace(/\D/g, '').slice(-4) : '');

export function PatientPicker(props: { patients: PickablePatient[]; chosen: Set<string>; onChange: (chosen: Set<string>) => void }) {
  const [q, setQ] = useState('');
  const shown = props.patients.filter((p) => matches(p, q));
  const pickable = shown.filter((p) => !p.doNotCall);
  const allShown = pickable.length > 0 && pickable.every((p) => props.chosen.has(p.id));
  const toggle = (ids: string[], on: boolean) => {
    const n = new Set(props.chosen);
    for (const id of ids) { if (on) n.add(id); else n.delete(id); }
    props.onChange(n);
  };
  return (
    <fieldset class="pick" data-testid="patient-picker"><legend>{t('selectPatients')} <span data-testid="chosen-count">({t('chosenCount').replace('{n}', String(props.chosen.size))})</span></legend>
      {props.patients.length === 0 ? <p class="empty" data-testid="picker-empty">{t('emptyPicker')}</p> : <>
        <label class="search">{t('patientSearch')} <input type="search" name="patient-search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} /></label>
        <label><input type="checkbox" checked={allShown} disabled={pickable.length === 0} onChange={(e) => toggle(pickable.map((p) => p.id), (e.target as HTMLInputElement).checked)} />
          {' '}{t('selectShown').replace('{n}', String(pickable.length))}</label>
        {shown.length === 0 ? <p class="empty">{t('emptySearch')}</p> : <ul class="picks" data-testid="picker-list">{shown.map((p) => (
          <li><label><input type="checkbox" disabled={p.doNotCall} checked={props.chosen.has(p.id)} onChange={(e) => toggle([p.id], (e.target as HTMLInputElement).checked)} />
            {' '}{p.name} · {p.mrn}{tail(p) && ` · ${t('phoneTail')} ${tail(p)}`}{p.department ? ` · ${p.department}` : ''}{p.doNotCall ? ` (${t('doNotCall')})` : ''}</label></li>
        ))}</ul>}
      </>}
    </fieldset>
  );
}
