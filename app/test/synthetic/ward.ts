/**
 * What a nurse does in the console before and after the calls, through the API only: enter
 * patients, set up a follow-up campaign on a script with its calling windows, schedule it, and read
 * results, the worklist, a patient's record and the campaign's progress.
 */
import type { ConsoleApi } from './harness.js';
import { localDay, TRUNK, waitFor } from './harness.js';

export interface PatientSpec {
  mrn: string;
  name: string;
  phone: string;
  language: 'zh-CN' | 'en';
  department?: string;
  diagnosis?: string;
}

export interface PatientDto { id: string; mrn: string; name: string; doNotCall: boolean; doNotCallReason: string | null; doNotCallAt: string | null }

export async function enterPatient(api: ConsoleApi, p: PatientSpec, dischargeDate: string): Promise<PatientDto> {
  return api.post<PatientDto>('/api/patients', {
    mrn: p.mrn, name: p.name, phones: [p.phone], language: p.language, consentStatus: 'granted',
    department: p.department ?? '普外科', diagnosis: p.diagnosis ?? '腹腔镜胆囊切除术后', dischargeDate,
    customFields: { ward: '5A' },
  });
}

/**
 * Calling windows: today open all day (the calls go out now); every other day the usual clinic
 * hours, so a call-back planned for tomorrow has to land inside them.
 */
export function clinicWindows(zone: string): Record<string, [string, string][]> {
  const today = localDay(zone).weekday;
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return Object.fromEntries(days.map((d) => [d, d === today ? [['00:00', '24:00']] : [['09:00', '11:30'], ['14:00', '17:30']]]));
}

export interface CampaignDto { id: string; state: string }
export interface Progress { campaignId: string; state: string; contacts: Record<string, number>; attempts: Record<string, number> }

/** Creates a post-op follow-up campaign for the patients and schedules it; the worker starts dialling. */
export async function runCampaign(api: ConsoleApi, zone: string, name: string, patientIds: string[], opts: { recordCalls?: boolean } = {}): Promise<string> {
  const c = await api.post<CampaignDto>('/api/campaigns', {
    name, scriptId: 'post-op-followup', scriptVersion: '1', timezone: zone, startDate: localDay(zone).date,
    windows: clinicWindows(zone), maxAttempts: 3, requireConsent: true, concurrency: 20, callsPerSecond: 5, trunk: TRUNK,
    ...(opts.recordCalls === undefined ? {} : { recordCalls: opts.recordCalls }),
  });
  await api.post(`/api/campaigns/${c.id}/contacts`, { patientIds });
  await api.post(`/api/campaigns/${c.id}/schedule`);
  return c.id;
}

export interface ResultDto {
  id: string; attempt_id: string; campaign_id: string; patient_id: string; mrn: string;
  answers: Record<string, { expect: string; value: Record<string, unknown>; via: string; text?: string }>;
  disposition: string | null; red_flags: string[]; department: string | null; tags: string[]; recording_ref: string | null;
  duration_ms: number | null; hangup_reason: string | null; script_id: string; outcome: string | null; lang: string | null; amd: string | null;
  transcript?: { speaker: 'bot' | 'patient'; text: string; startMs: number; endMs: number; via?: string }[];
}

export interface EscalationDto {
  id: string; call_result_id: string | null; patient_id: string | null; campaign_id: string | null; inbound_call_id: string | null;
  priority: number; reason: string; red_flags: string[]; state: string; callback_at: string | null; details: Record<string, unknown>;
  patient: { id: string; mrn: string; name: string } | null;
  call: { kind: string; id: string; caller_number: string | null; disposition: string | null; outcome: string | null; lang: string | null } | null;
}

/** The nurse's view of one patient's call in a campaign: the result (with its transcript) and their worklist items. */
export async function patientCall(api: ConsoleApi, campaignId: string, patientId: string): Promise<{ result: ResultDto; worklist: EscalationDto[] }> {
  const listed = await waitFor(`the result of patient ${patientId}`, async () => {
    const list = await api.get<{ items: ResultDto[] }>(`/api/results?campaignId=${campaignId}&patientId=${patientId}`);
    return list.items.length > 0 ? list.items : undefined;
  }, 30_000);
  if (listed.length !== 1) throw new Error(`expected one result for patient ${patientId}, got ${listed.length}`);
  const result = await api.get<ResultDto>(`/api/results/${listed[0]!.id}`);
  return { result, worklist: await worklistOf(api, { patientId }) };
}

export async function worklistOf(api: ConsoleApi, who: { patientId?: string; inboundCallId?: string }): Promise<EscalationDto[]> {
  const all = await api.get<{ items: EscalationDto[] }>('/api/escalations?limit=500');
  return all.items.filter((e) => (who.patientId !== undefined && e.patient_id === who.patientId) || (who.inboundCallId !== undefined && e.inbound_call_id === who.inboundCallId));
}

/** What the bot said, in order, as one string per prompt. */
export function botLines(r: { transcript?: { speaker: string; text: string }[] }): string[] {
  return (r.transcript ?? []).filter((t) => t.speaker === 'bot').map((t) => t.text);
}

export async function progressOf(api: ConsoleApi, campaignId: string): Promise<Progress> {
  return api.get<Progress>(`/api/campaigns/${campaignId}/progress`);
}
