/**
 * Parse configuration once, at start-up, from the environment and the schema.
 * Fails fast with every bad field named, with its variable and how to fix it.
 */
import { Value } from '@sinclair/typebox/value';
import type { TSchema, TObject } from '@sinclair/typebox';
import { TzError } from '../errors.js';
import { ConfigSchema, type Config } from './schema.js';

export interface ConfigIssue {
  field: string;
  env: string;
  problem: string;
  fix: string;
}

interface Annotated { env?: string; fix?: string; description?: string; default?: unknown }

/** Every setting: field name, environment variable, description, default. */
export function describeConfig(schema: TObject = ConfigSchema): { field: string; env: string; description: string; default?: unknown }[] {
  return Object.entries(schema.properties).map(([field, s]) => {
    const a = s as TSchema & Annotated;
    return { field, env: a.env ?? field, description: a.description ?? '', default: a.default };
  });
}

/** A variable whose value is a secret: named *_SECRET, *_PASSWORD, *_TOKEN or *_KEY (also *_API_KEY, *_PASS). */
export const SECRET_ENV = /(^|_)(SECRET|PASSWORD|PASS|TOKEN|KEY)$/i;

/**
 * A value fit to print in an error: a secret variable's value is never shown (only its length),
 * and a URL keeps its scheme, host, port and path but not the password in its user info
 * (postgres://app:hunter2@db/x -> postgres://app:***@db/x). Query strings are dropped too: drivers
 * take passwords there (?password=...).
 */
export function redactConfigValue(env: string, raw: string): string {
  if (SECRET_ENV.test(env)) return `[redacted, ${raw.length} characters]`;
  return redactUrlCredentials(raw);
}

/** Masks the password (and any query string) of every URL-looking part of `text`. */
export function redactUrlCredentials(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*):([^@\s]*)@/gi, '$1$2:***@')
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^\s?#]*)\?[^\s#"]*/gi, '$1?***');
}

function coerce(raw: string, s: TSchema): unknown {
  const t = (s as { type?: string }).type;
  const trimmed = raw.trim();
  if (t === 'integer' || t === 'number') return trimmed === '' ? raw : Number(trimmed);
  if (t === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(trimmed)) return true;
    if (/^(0|false|no|off)$/i.test(trimmed)) return false;
    return raw;
  }
  if (t === 'array') return trimmed === '' ? [] : trimmed.split(',').map((x) => x.trim());
  return raw;
}

export function loadConfig(env: Record<string, string | undefined> = process.env, schema: TObject = ConfigSchema): Config {
  const values: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [field, s] of Object.entries(schema.properties)) {
    const a = s as TSchema & Annotated;
    const name = a.env ?? field;
    const raw = env[name];
    let value: unknown;
    if (raw === undefined || raw === '') value = a.default === undefined ? undefined : structuredClone(a.default);
    else value = coerce(raw, s);
    if (value === undefined) continue;
    const errors = [...Value.Errors(s, value)];
    if (errors.length > 0) {
      const first = errors[0]!;
      issues.push({
        field, env: name,
        // A secret's value, and a URL's password, never reach the message (it is printed and logged).
        problem: `${first.message}${raw === undefined ? '' : ` (got ${JSON.stringify(redactConfigValue(name, raw))})`}`,
        fix: `set ${name} to ${a.fix ?? a.description ?? 'a valid value'}`,
      });
      continue;
    }
    values[field] = value;
  }
  if (issues.length > 0) {
    const text = issues.map((i) => `  ${i.env}: ${i.problem}. Fix: ${i.fix}.`).join('\n');
    throw new TzError('TZ_ERR_CONFIG_INVALID', { issues }, { message: `Configuration is invalid:\n${text}` });
  }
  return values as Config;
}
