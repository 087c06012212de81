import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTzError } from '@tingzhen/voice-core';
import { loadSipConfigFile, parseSipConfig, peerAllowList, peerFor, trunkViaEdge } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = (kind: string) => readdirSync(join(here, '../fixtures', kind)).map((f) => join(here, '../fixtures', kind, f));
const EXPECTED_FIELD: Record<string, string> = {
  'port-out-of-range.yaml': '/trunks/0/port',
  'password-in-file.yaml': '/trunks/0/password',
  'bad-cidr.yaml': '/peers/0/addresses/0',
  'duplicate-id.yaml': '/peers/0/id',
  'udp-direct.yaml': '/trunks/0/viaEdge',
  'register-without-user.yaml': '/trunks/0/username',
  'yaml-syntax.yaml': '/',
  'edge-and-listen.yaml': '/gateway/edgeWebSocket',
  'edge-not-ws.yaml': '/gateway/edgeWebSocket',
  'edge-missing.yaml': '/trunks/0/viaEdge',
  'edge-ws-direct-trunk.yaml': '/trunks/0/viaEdge',
  'edge-both.yaml': '/gateway/edge',
  'register-behind-edge.yaml': '/trunks/0/register',
  'streams-bad-timer.yaml': '/gateway/streams/idleTimeoutMs',
  'streams-partial-over-idle.yaml': '/gateway/streams/partialMessageTimeoutMs',
};

describe('sip-config loader', () => {
  for (const f of fixtures('good')) it(`accepts ${f.split('/').pop()}`, () => { expect(() => loadSipConfigFile(f)).not.toThrow(); });
  for (const f of fixtures('bad')) {
    const name = f.split('/').pop()!;
    it(`rejects ${name} naming the field`, () => {
      try {
        loadSipConfigFile(f);
        expect.unreachable();
      } catch (e) {
        expect(isTzError(e, 'TZ_ERR_CONFIG_INVALID')).toBe(true);
        const d = (e as { details: { field: string; file: string; issues: { fix: string }[] } }).details;
        expect(d.field).toBe(EXPECTED_FIELD[name]);
        expect(d.file).toBe(f);
        expect(d.issues[0]!.fix.length).toBeGreaterThan(5);
      }
    });
  }
  it('fills defaults', () => {
    const c = parseSipConfig('trunks:\n  - id: t\n    host: x.example\n');
    expect(c.trunks[0]!.transport).toBe('tcp');
    expect(c.peers).toEqual([]);
  });
  it('builds the peer allow-list from CIDRs', () => {
    const c = parseSipConfig(readFileSync(join(here, '../examples/sip.yaml'), 'utf8'));
    const allow = peerAllowList(c);
    expect(allow('10.1.0.5')).toBe(true);
    expect(allow('::ffff:10.0.0.10')).toBe(true);
    expect(allow('10.1.0.6')).toBe(false);
    expect(allow('not-an-ip')).toBe(false);
    expect(peerFor(c, '10.1.0.5')?.script).toBe('triage-hotline');
    expect(peerAllowList(parseSipConfig('peers:\n  - id: lan\n    addresses: [192.168.0.0/16]\n'))('192.168.44.3')).toBe(true);
  });
  it('sends UDP trunks through the edge by default, every trunk over edgeWebSocket, others as they say', () => {
    const tcpEdge = parseSipConfig(`gateway:\n  edge: { host: 10.0.0.10 }\ntrunks:\n  - { id: u, host: 1.2.3.4, transport: udp }\n  - { id: t, host: 1.2.3.5 }\n  - { id: v, host: 1.2.3.6, viaEdge: true }\n`);
    expect(tcpEdge.trunks.map((t) => trunkViaEdge(tcpEdge, t))).toEqual([true, false, true]);
    const ws = parseSipConfig(`gateway:\n  edgeWebSocket: ws://10.0.0.10:8080\ntrunks:\n  - { id: t, host: 1.2.3.5 }\n`);
    expect(trunkViaEdge(ws, ws.trunks[0]!)).toBe(true);
  });
});
