import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describeConfig } from '@tingzhen/voice-core';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8'), { merge: true });
  const settings = describeConfig();
  const known = new Set(settings.map((s) => s.env));

  it('sets only variables the config schema knows', () => {
    for (const svc of ['api', 'gateway', 'worker']) {
      const env = Object.keys(compose.services[svc].environment as Record<string, string>);
      expect(env.filter((k) => !known.has(k)), `unknown variables in ${svc}`).toEqual([]);
    }
  });

  it('sets every variable of the config schema except the embedded-only ones and the supervisor\'s own', () => {
    const embeddedOnly = new Set(['EMBEDDED_PG_PORT', 'TINGZHEN_SUPERVISED', 'TINGZHEN_EDGE_HOST']);
    const env = new Set(Object.keys(compose['x-tingzhen-env'] as Record<string, string>).concat('TINGZHEN_ROLES'));
    expect([...known].filter((k) => !env.has(k) && !embeddedOnly.has(k))).toEqual([]);
  });

  it('runs one role per service against PostgreSQL and Redis', () => {
    expect(compose.services.api.environment.TINGZHEN_ROLES).toBe('api');
    expect(compose.services.gateway.environment.TINGZHEN_ROLES).toBe('gateway');
    expect(compose.services.worker.environment.TINGZHEN_ROLES).toBe('worker');
    expect(compose.services.worker.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(compose.services.worker.environment.REDIS_URL).toBe('redis://redis:6379');
  });
});
