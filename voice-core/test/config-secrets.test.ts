/**
 * Issue 16 item 6: a configuration error never prints a secret. Before the fix the message quoted
 * every bad value in full ("got \"postgres-ish://app:hunter2@db/...\"", GATEWAY_AUTH_SECRET...).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfigValue, redactUrlCredentials } from '../src/config/load.js';
import { TzError } from '../src/errors.js';

function configError(env: Record<string, string>): TzError {
  try { loadConfig(env); } catch (e) { return e as TzError; }
  throw new Error('expected the configuration to be refused');
}

describe('configuration errors redact secrets', () => {
  it('names the variables and the fix, without the database password, the gateway secret or the ops token', () => {
    const err = configError({
      DATABASE_URL: 'mysql://tingzhen:Pg-pass-w0rd-42@db.hospital.local:5432/tz?sslpassword=KeyPass-99',
      REDIS_URL: 'http://default:Redis-pass-77@cache:6379',
      GATEWAY_AUTH_SECRET: 'gw-secret-9', OPS_TOKEN: 'ops-tok-1',
      LLM_BASE_URL: 'ftp://user:Llm-pass-31@llm',
    });
    const text = `${err.message}\n${JSON.stringify(err.details)}\n${JSON.stringify(err)}`;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'GATEWAY_AUTH_SECRET', 'OPS_TOKEN', 'LLM_BASE_URL']) expect(text).toContain(name);
    for (const secret of ['Pg-pass-w0rd-42', 'KeyPass-99', 'Redis-pass-77', 'gw-secret-9', 'ops-tok-1', 'Llm-pass-31']) expect(text).not.toContain(secret);
    // What helps the operator stays: the scheme, user and host of a URL, the length of a secret.
    expect(err.message).toContain('mysql://tingzhen:***@db.hospital.local:5432/tz?***');
    expect(err.message).toContain('[redacted, 11 characters]');
  });

  it('treats any *_SECRET, *_PASSWORD, *_TOKEN and *_KEY variable as secret', () => {
    for (const env of ['GATEWAY_AUTH_SECRET', 'SIP_TRUNK_PASSWORD', 'OPS_TOKEN', 'LLM_API_KEY', 'RECORDING_KEY']) expect(redactConfigValue(env, 'plain-value')).not.toContain('plain-value');
    expect(redactConfigValue('HTTP_PORT', 'eighty')).toBe('eighty');
    expect(redactUrlCredentials('connect postgres://app:s3cret@h/db failed; redis://:r3dis@h:6379')).toBe('connect postgres://app:***@h/db failed; redis://:***@h:6379');
  });
});
