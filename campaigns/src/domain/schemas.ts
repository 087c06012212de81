/**
 * TypeBox schemas shared by the API, the importer and the repositories.
 */
import { FormatRegistry, Type, type Static } from '@sinclair/typebox';
import { isCalendarDate, isDateTime } from '@tingzhen/voice-core';

// The API validates these formats with fastify's ajv (ajv-formats, which checks the calendar);
// the importer validates the same schemas with TypeBox, which needs them registered.
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isCalendarDate);
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', isDateTime);

/** HH:MM of a day; 24:00 is the end of the day (and no later time). */
const HHMM = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';
/** Four-digit years from 1000: PostgreSQL has no year 0, and nobody is discharged in 0999. */
const ISO_DATE = '^[1-9]\\d{3}-\\d{2}-\\d{2}$';
/** A real calendar day (format "date": no 2024-02-30). */
export const IsoDate = Type.String({ format: 'date', pattern: ISO_DATE, description: 'YYYY-MM-DD' });
/** An RFC 3339 date-time on a real calendar day, years 1000-9999. */
export const IsoDateTime = Type.String({ format: 'date-time', pattern: '^[1-9]\\d{3}-', description: 'RFC 3339 date-time with offset' });
export const Id = Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'numeric id' });
/** Paging: how many rows to skip. Bounded (a 64-bit overflow is a 400, not a database error). */
export const Offset = Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 });
/** Paging: how many rows to return, at most `max`. */
export const Limit = (max: number, dflt: number) => Type.Integer({ minimum: 1, maximum: max, default: dflt });

export const PatientInput = Type.Object({
  mrn: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  phones: Type.Array(Type.String({ minLength: 3, maxLength: 32 }), { minItems: 1, maxItems: 5, description: 'E.164, or national numbers in the default country' }),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 16 })),
  timezone: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
  consentStatus: Type.Optional(Type.Union([Type.Literal('unknown'), Type.Literal('granted'), Type.Literal('refused'), Type.Literal('withdrawn')])),
  consentAt: Type.Optional(Type.Union([IsoDateTime, Type.Null()])),
  doNotCall: Type.Optional(Type.Boolean()),
  doNotCallReason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  dischargeDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  department: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  diagnosis: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
}, { additionalProperties: false });
export type PatientInput = Static<typeof PatientInput>;
export const PatientPatch = Type.Partial(PatientInput, { additionalProperties: false });
export type PatientPatch = Static<typeof PatientPatch>;

const Range = Type.Tuple([Type.String({ pattern: HHMM }), Type.String({ pattern: HHMM })]);
const Day = Type.Optional(Type.Array(Range, { maxItems: 6 }));
export const Windows = Type.Object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }, { additionalProperties: false });

const Minutes = Type.Number({ minimum: 0, maximum: 60 * 24 * 14, description: 'minutes; 0 = the next allowed moment' });
export const RetryDelays = Type.Object({
  no_answer: Type.Optional(Minutes), busy: Type.Optional(Minutes), failed: Type.Optional(Minutes), voicemail: Type.Optional(Minutes),
}, { additionalProperties: false });

export const CampaignInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  scriptId: Type.String({ minLength: 1, maxLength: 100 }),
  scriptVersion: Type.String({ minLength: 1, maxLength: 50 }),
  scriptHash: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 16 })),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone of the hospital' }),
  windowsFollowPatientTimezone: Type.Optional(Type.Boolean()),
  startDate: IsoDate,
  endDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  windows: Windows,
  quietDays: Type.Optional(Type.Array(IsoDate, { maxItems: 366 })),
  maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  retryDelaysMinutes: Type.Optional(RetryDelays),
  requireConsent: Type.Optional(Type.Boolean()),
  concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  callsPerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  trunk: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' })),
  callerId: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
  /** Record the campaign's calls (default true); false: not recorded, and the script does not say it records. */
  recordCalls: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type CampaignInput = Static<typeof CampaignInput>;
export const CampaignPatch = Type.Partial(CampaignInput, { additionalProperties: false });
export type CampaignPatch = Static<typeof CampaignPatch>;
