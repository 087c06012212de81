import { describe, it, expect } from 'vitest';
import { loadConfig, describeConfig } from '../src/config/load.js';
import { isTzError, TzError } from '../src/errors.js';

describe('config loading', () => {
  it('applies defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.httpPort).toBe(8080);
    expect(c.roles).toEqual(['api', 'gateway', 'worker']);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.denoise).toBe(false);
  });

  it('coerces numbers, booleans and lists', () => {
    const c = loadConfig({ HTTP_PORT: '9000', DENOISE: 'yes', TINGZHEN_ROLES: 'api, worker', DATABASE_URL: 'postgres://u@h/db' });
    expect(c).toMatchObject({ httpPort: 9000, denoise: true, roles: ['api', 'worker'], databaseUrl: 'postgres://u@h/db' });
  });

  it('fails fast naming every bad variable and the fix', () => {
    let caught: unknown;
    try {
      loadConfig({ HTTP_PORT: 'eighty', TINGZHEN_ROLES: 'api,dialer', DATABASE_URL: 'mysql://x', GATEWAY_AUTH_SECRET: 'short' });
    } catch (e) { caught = e; }
    expect(isTzError(caught, 'TZ_ERR_CONFIG_INVALID')).toBe(true);
    const err = caught as TzError;
    for (const name of ['HTTP_PORT', 'TINGZHEN_ROLES', 'DATABASE_URL', 'GATEWAY_AUTH_SECRET']) expect(err.message).toContain(name);
    expect(err.message).toContain('Fix: set HTTP_PORT');
    expect((err.details.issues as unknown[]).length).toBe(4);
    expect(err.retryable).toBe(false);
  });

  it('describes every setting with its variable', () => {
    const d = describeConfig();
    expect(d.find((x) => x.field === 'databaseUrl')?.env).toBe('DATABASE_URL');
    expect(new Set(d.map((x) => x.env)).size).toBe(d.length);
  });
});

describe('typed errors', () => {
  it('carry stable codes, fixed messages and the retryable flag', () => {
    const e = new TzError('TZ_ERR_DOWNLOAD', { url: 'x' });
    expect(e.code).toBe('TZ_ERR_DOWNLOAD');
    expect(e.retryable).toBe(true);
    expect(e.message).toBe('A download failed');
    expect(e.toJSON()).toMatchObject({ code: 'TZ_ERR_DOWNLOAD', retryable: true, details: { url: 'x' } });
    expect(new TzError('TZ_ERR_DB', {}, { retryable: false }).retryable).toBe(false);
  });
});
