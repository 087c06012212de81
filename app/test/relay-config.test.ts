/**
 * Issue 16 item 7: the live listen-in relay's ports are configuration (MEDIA_RELAY_RTMP_PORT,
 * MEDIA_RELAY_HTTP_PORT), validated at start-up with the variable named and the fix; unset, the
 * relay takes free ports as before. (The relay on configured ports, a taken port, and 403 on bad
 * signatures: voice-gateway/test/monitor-console.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@tingzhen/voice-core';
import { relayPorts } from '../src/roles/gateway.js';

describe('media relay ports in the configuration', () => {
  it('takes two ports, refuses a bad value or the same port twice with a clear message', () => {
    expect(relayPorts(loadConfig({ MEDIA_RELAY_RTMP_PORT: '19350', MEDIA_RELAY_HTTP_PORT: '18000' }))).toEqual({ rtmpPort: 19350, httpPort: 18000 });
    expect(relayPorts(loadConfig({}))).toEqual({});
    expect(() => loadConfig({ MEDIA_RELAY_RTMP_PORT: '70000' })).toThrow(/MEDIA_RELAY_RTMP_PORT: .*Fix: set MEDIA_RELAY_RTMP_PORT to a free port number/s);
    expect(() => loadConfig({ MEDIA_RELAY_HTTP_PORT: 'eighty' })).toThrow(/MEDIA_RELAY_HTTP_PORT/);
    expect(() => relayPorts(loadConfig({ MEDIA_RELAY_RTMP_PORT: '19350', MEDIA_RELAY_HTTP_PORT: '19350' }))).toThrow(/MEDIA_RELAY_HTTP_PORT: same port as MEDIA_RELAY_RTMP_PORT \(19350\)/);
  });
});
