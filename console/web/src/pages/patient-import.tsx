import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText, fieldLabel, problemText } from '../errors.js';
import { FIELD_LABELS, PROBLEM_MESSAGES } from '../error-messages.js';
import { lang, t } from '../i18n.js';

interface Issue { row: number; column?: string; problem: string; code?: string; params?: Record<string, string | number> }
interface PreviewRow { row: number; mrn: string; name: string; phones: string[]; department: string | null; diagnosis: string | null; dischargeDate: string | null; valid: boolean }
interface Report {
  dryRun: boolean; encoding: string | null; rows: number; valid: number; invalid: number; imported: number;
  errors: Issue[]; warnings: Issue[]; preview: PreviewRow[];
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An issue in the nurse's language when the console knows its code (an import issue or a field problem), else the server's English text. */
function issueText(i: Issue): string {
  const key = i.code ? `issue_${i.code}` : '';
  const text = key ? t(key) : key;
  if (i.code && text === key && i.code in PROBLEM_MESSAGES) return problemText({ field: i.column ?? '', code: i.code, ...(typeof i.params?.limit === 'number' ? { limit: i.params.limit } : {}) });
  if (!key || text === key) return i.problem;
  return Object.entries(i.params ?? {}).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text);
}

/** A patient field by its label (phones: 电话); a column of the file by its own header. */
function columnLabel(column: string | undefined): string {
  if (!column) return '';
  return FIELD_LABELS[column.split('.')[0] ?? ''] ? fieldLabel(column, { name: t('name'), phones: t('phone'), mrn: t('mrn') }) : column;
}

function Issues(props: { issues: Issue[]; caption: string; testid: string; cls: string }) {
  if (props.issues.length === 0) return null;
  return (
    <table class={props.cls} data-testid={props.testid}><caption>{props.caption} ({props.issues.length})</caption>
      <thead><tr><th scope="col">{t('row')}</th><th scope="col">{t('column')}</th><th scope="col">{t('problem')}</th></tr></thead>
      <tbody>{props.issues.map((e) => <tr><td>{e.row}</td><td>{columnLabel(e.column)}</td><td>{issueText(e)}</td></tr>)}</tbody></table>
  );
}

/**
 * Check, preview, then import: the file goes up as bytes (the server finds its encoding: GBK from
 * Excel on Chinese Windows is not UTF-8), the check shows the first rows as the server read them.
 */
export function Importer(props: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [err, setErr] = useState('');
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setErr('');
    const isXlsx = /\.xlsx$/i.test(file.name) || file.type === XLSX;
    try {
      const r = await api<Report>(`/api/patients/import?dryRun=${dryRun}`, { method: 'POST', raw: await file.arrayBuffer(), contentType: isXlsx ? XLSX : 'text/csv' });
      setReport(r);
      if (!dryRun) props.onImported();
    } catch (x) { setErr(errorText(x)); }
  };
  const l = lang.value;
  return (
    <section aria-labelledby="import-h" class="card">
      <h2 id="import-h">{t('importTitle')}</h2>
      <p class="hint" data-testid="import-hint">{t('importHint')}{' '}
        <a href={`/api/patients/import-template.csv?lang=${l}`} download={`patients-template-${l}.csv`}>{t('templateCsv')}</a>{' · '}
        <a href={`/api/patients/import-template.xlsx?lang=${l}`} download={`patients-template-${l}.xlsx`}>{t('templateXlsx')}</a></p>
      <label>{t('chooseFile')} <input type="file" name="import-file" accept=".csv,.txt,.xlsx,text/csv,text/plain" onChange={(e) => { setFile((e.target as HTMLInputElement).files?.[0] ?? null); setReport(null); }} /></label>
      <button type="button" disabled={!file} onClick={() => void send(true)}>{t('checkFile')}</button>
      {err && <p role="alert" class="err">{err}</p>}
      {report && (
        <div data-testid="import-report" aria-live="polite">
          <p>{t('importRows')}: {report.rows} · {t('importValid')}: <b data-testid="import-valid">{report.valid}</b> · {t('importInvalid')}: <b data-testid="import-invalid">{report.invalid}</b>
            {report.warnings.length > 0 && <> · {t('importWarnings')}: <b data-testid="import-warning-count">{report.warnings.length}</b></>}
            {!report.dryRun && <> · {t('imported')}: <b data-testid="import-imported">{report.imported}</b></>}
            {report.encoding && <> · {t('fileEncoding')}: <span data-testid="import-encoding">{report.encoding}</span></>}</p>
          {report.preview.length > 0 && (
            <table class="import-preview" data-testid="import-preview"><caption>{t('importPreview').replace('{n}', String(report.preview.length))}</caption>
              <thead><tr><th scope="col">{t('row')}</th><th scope="col">{t('mrn')}</th><th scope="col">{t('name')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('department')}</th>
                <th scope="col">{t('diagnosis')}</th><th scope="col">{t('dischargeDate')}</th><th scope="col">{t('state')}</th></tr></thead>
              <tbody>{report.preview.map((p) => (
                <tr class={p.valid ? '' : 'flag'}><td>{p.row}</td><td>{p.mrn}</td><td>{p.name}</td><td>{p.phones.join(', ')}</td><td>{p.department ?? ''}</td>
                  <td>{p.diagnosis ?? ''}</td><td>{p.dischargeDate ?? ''}</td><td>{p.valid ? t('importValid') : t('importInvalid')}</td></tr>))}</tbody></table>
          )}
          <Issues issues={report.warnings} caption={t('importWarnings')} testid="import-warnings" cls="warnings" />
          <Issues issues={report.errors} caption={t('problem')} testid="import-errors" cls="errors" />
          {report.dryRun && report.valid > 0 && <button type="button" class="primary" onClick={() => void send(false)}>{t('confirmImport')} ({report.valid})</button>}
        </div>
      )}
    </section>
  );
}
