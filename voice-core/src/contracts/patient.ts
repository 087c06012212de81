/**
 * The patient as a call sees it: what the campaign holds of them, handed to the script's
 * templates ({{patient.*}}). Patient data: never logged.
 */
import { Type, type Static } from '@sinclair/typebox';

export const CallPatientSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  /** Greeting name. */
  name: Type.String({ maxLength: 200 }),
  /** BCP 47 tag as stored (zh-CN, en...). */
  language: Type.String({ maxLength: 35 }),
  timezone: Type.Union([Type.String(), Type.Null()]),
  department: Type.Union([Type.String(), Type.Null()]),
  diagnosis: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** YYYY-MM-DD */
  dischargeDate: Type.Union([Type.String(), Type.Null()]),
  /** The hospital's own fields (appointmentTime, clinic...), as imported. */
  customFields: Type.Record(Type.String(), Type.Unknown()),
}, { additionalProperties: false });
export type CallPatient = Static<typeof CallPatientSchema>;

/** Template values of a patient: {{patient.displayName}}, {{patient.department}}, custom fields by name. */
export function patientTemplateFields(p: CallPatient): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.customFields)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  const set = (k: string, v: string | null | undefined) => { if (typeof v === 'string' && v.trim() !== '') out[k] = v; };
  set('displayName', p.name);
  set('name', p.name);
  set('department', p.department);
  set('diagnosis', p.diagnosis);
  set('dischargeDate', p.dischargeDate);
  return out;
}
