/**
 * Call results out: CSV (RFC 4180 quoting) and FHIR R4 QuestionnaireResponse.
 */
export interface ResultRow {
  id: string; attempt_id: string; campaign_id: string; patient_id: string; mrn: string; answers: Record<string, { type?: string; value?: unknown; confidence?: number }>;
  disposition: string | null; red_flags: string[]; department: string | null; summary: string | null; tags: string[];
  transcript: unknown[]; recording_ref: string | null; duration_ms: number | null; hangup_reason: string | null;
  script_id: string; script_version: string; script_hash: string | null; created_at: Date;
  /** Filed after its attempt had been closed as lost (see fileLateOutcome): a nurse should check. */
  late?: boolean;
  /** Filed from a checkpoint of a call a crash cut. */
  interrupted?: boolean;
  /** The retry of an interrupted attempt: resumed from it, or restarted after it (attempt ids). */
  resumed_from?: string | null;
  restarted_after?: string | null;
  /** Step ids whose answers the retry carried from the interrupted attempt. */
  carried_answers?: string[];
}

export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // RFC 4180 section 2: quote fields with commas, quotes or line breaks; double inner quotes.
  // A leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Columns only ever get added at the end, so a spreadsheet or import built on them keeps working. */
export const RESULT_CSV_COLUMNS = ['id', 'campaign_id', 'patient_id', 'mrn', 'created_at', 'disposition', 'red_flags', 'department', 'tags', 'duration_ms', 'hangup_reason', 'script_id', 'script_version', 'answers', 'summary',
  'interrupted', 'resumed_from', 'restarted_after', 'carried_answers'] as const;

export function resultsToCsv(rows: readonly ResultRow[]): string {
  const lines = [RESULT_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push([r.id, r.campaign_id, r.patient_id, r.mrn, r.created_at.toISOString(), r.disposition, r.red_flags.join(';'), r.department, r.tags.join(';'),
      r.duration_ms, r.hangup_reason, r.script_id, r.script_version, r.answers, r.summary,
      r.interrupted === true ? 'true' : 'false', r.resumed_from ?? null, r.restarted_after ?? null, (r.carried_answers ?? []).join(';')].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

type AnswerCell = { type?: string; value?: unknown; fromAttemptId?: string };

function answerValue(a: AnswerCell): Record<string, unknown> {
  const v = a.value;
  if (typeof v === 'boolean') return { valueBoolean: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { valueInteger: v } : { valueDecimal: v };
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return { valueDate: v };
  if (a.type === 'choice' && typeof v === 'string') return { valueCoding: { code: v } };
  return { valueString: typeof v === 'string' ? v : JSON.stringify(v) };
}

/** FHIR R4 QuestionnaireResponse (http://hl7.org/fhir/R4/questionnaireresponse.html). */
export function toQuestionnaireResponse(r: ResultRow, baseUrl = 'urn:tingzhen'): Record<string, unknown> {
  return {
    resourceType: 'QuestionnaireResponse',
    id: `call-result-${r.id}`,
    questionnaire: `${baseUrl}/Questionnaire/${encodeURIComponent(r.script_id)}|${r.script_version}`,
    status: 'completed',
    subject: { identifier: { system: `${baseUrl}/mrn`, value: r.mrn } },
    authored: r.created_at.toISOString(),
    author: { display: 'tingzhen voice bot' },
    extension: [
      ...(r.disposition ? [{ url: `${baseUrl}/StructureDefinition/disposition`, valueCode: r.disposition }] : []),
      ...r.red_flags.map((f) => ({ url: `${baseUrl}/StructureDefinition/red-flag`, valueCode: f })),
      ...(r.interrupted ? [{ url: `${baseUrl}/StructureDefinition/interrupted`, valueBoolean: true }] : []),
      ...(r.resumed_from ? [{ url: `${baseUrl}/StructureDefinition/resumed-from-attempt`, valueString: r.resumed_from }] : []),
      ...(r.restarted_after ? [{ url: `${baseUrl}/StructureDefinition/restarted-after-attempt`, valueString: r.restarted_after }] : []),
    ],
    // An answer carried from an interrupted attempt names that attempt (it was given in that call).
    item: Object.entries(r.answers as Record<string, AnswerCell>).map(([linkId, a]) => ({
      linkId, answer: [answerValue(a)],
      ...(a.fromAttemptId ? { extension: [{ url: `${baseUrl}/StructureDefinition/carried-from-attempt`, valueString: a.fromAttemptId }] } : {}),
    })),
  };
}
