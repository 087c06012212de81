/**
 * Structured logger (pino) that keeps patient data out of the output.
 *
 * Patient data travels only in tagged fields; every field whose name is in SENSITIVE_KEYS is
 * replaced by "[REDACTED]" at any depth, in log objects and in child-logger bindings. As a second
 * line of defence, phone-number-like digit runs in the message string itself are masked.
 */
import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** Field names that carry patient data (matched case-insensitively in log objects). */
const SENSITIVE_FIELD_NAMES = [
  'phone', 'phones', 'phoneNumber', 'phone_number', 'msisdn', 'caller', 'callerId', 'caller_id', 'callee', 'from', 'to', 'number', 'e164',
  'name', 'displayName', 'display_name', 'patientName', 'patient_name', 'firstName', 'lastName', 'fullName',
  'transcript', 'text', 'utterance', 'words', 'prompt', 'narrative', 'speech', 'answer', 'answers', 'summary',
  'digits', 'digit', 'dtmf',
  'mrn', 'idCard', 'id_card', 'address', 'diagnosis', 'birthDate', 'dob', 'email',
  'password', 'secret', 'token', 'authorization', 'cookie', 'apiKey', 'api_key',
] as const;

export const SENSITIVE_KEYS: ReadonlySet<string> = new Set(SENSITIVE_FIELD_NAMES.map((k) => k.toLowerCase()));

/**
 * pino `redact` paths: child-logger bindings bypass the log formatter, so they are covered by
 * pino's own redaction, for the field names above at the top level and up to three levels down.
 */
function redactPaths(): string[] {
  const names = [...new Set(SENSITIVE_FIELD_NAMES.flatMap((k) => [k, k.toLowerCase()]))];
  return names.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);
}

export const REDACTED = '[REDACTED]';

/** A run of 7 or more digits (optionally with + and separators): looks like a phone number. */
const PHONE_LIKE = /\+?\d[\d\s-]{5,}\d/g;

export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskPhones(value.message), code: (value as { code?: unknown }).code, stack: value.stack === undefined ? undefined : maskPhones(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SENSITIVE_KEYS.has(k.toLowerCase()) ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

export function maskPhones(text: string): string {
  return text.replace(PHONE_LIKE, '[NUMBER]');
}

export interface CreateLoggerOptions {
  level?: string;
  name?: string;
  /** Where lines go (tests pass a stream to read them back). Defaults to stdout. */
  destination?: DestinationStream;
}

export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    // The component goes under `service`: `name` is a patient-data key and would be redacted.
    base: opts.name === undefined ? undefined : { service: opts.name },
    redact: { paths: redactPaths(), censor: REDACTED },
    formatters: {
      log: (obj) => redactValue(obj) as Record<string, unknown>,
      bindings: (b) => redactValue(b) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPhones(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
    serializers: { err: (e: unknown) => redactValue(e) },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
