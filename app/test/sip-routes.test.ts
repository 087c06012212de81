import { describe, it, expect } from 'vitest';
import { parseSipConfig } from '@tingzhen/sip-config';
import { isTzError } from '@tingzhen/voice-core';
import { calleeUri, callerIdHeaders, campaignTrunks, edgeRouteHeaders, inboundCredentials, outboundAccount, peerPassword, registrarOf, trunkFor } from '../src/roles/sip-routes.js';

const cfg = parseSipConfig(`
gateway:
  edge: { host: 10.0.0.10, port: 5060 }
trunks:
  - id: telecom
    host: 202.96.0.50
    port: 5070
    transport: udp
    viaEdge: true
    username: hospital01
    passwordEnv: TRUNK_PW
    callerId: "+861088888888"
    dialPrefix: "0"
    maxConcurrentCalls: 60
    maxCallsPerSecond: 5
  - id: backup
    host: sbc.example.org
    transport: tls
    username: hospital01
    passwordEnv: TRUNK_PW
    register: true
peers:
  - id: pbx
    addresses: [10.1.0.5]
    auth: { username: pbx, passwordEnv: PBX_PW }
`);

describe('SIP routes from the SIP file', () => {
  it('picks the trunk by id; default and unknown names', () => {
    expect(trunkFor(cfg, 'backup')?.id).toBe('backup');
    expect(trunkFor(cfg, 'default')?.id).toBe('telecom');
    expect(trunkFor(cfg, undefined)?.id).toBe('telecom');
    expect(trunkFor(cfg, 'nope')).toBeNull();
    const one = parseSipConfig('trunks: [{ id: only, host: 10.0.0.1 }]');
    expect(trunkFor(one, 'whatever')?.id).toBe('only');
    expect(trunkFor(parseSipConfig('trunks: []'), 'default')).toBeNull();
  });

  it('builds the callee URI: the trunk prefix on the digits; a UDP trunk through the edge keeps UDP; TLS on 5061', () => {
    expect(calleeUri(cfg, cfg.trunks[0]!, '+8613800138000')).toBe('sip:08613800138000@202.96.0.50:5070;user=phone');
    expect(calleeUri(cfg, cfg.trunks[1]!, '+8613800138000')).toBe('sip:+8613800138000@sbc.example.org:5061;transport=tls;user=phone');
    const v6 = parseSipConfig('trunks: [{ id: v6, host: "::1", port: 5080 }]');
    expect(calleeUri(v6, v6.trunks[0]!, '+12025550100')).toBe('sip:+12025550100@[::1]:5080;transport=tcp;user=phone');
  });

  it('routes requests to trunks through the edge with a loose Route, only where the trunk goes through it', () => {
    expect(edgeRouteHeaders(cfg, cfg.trunks[0]!)).toEqual(['Route: <sip:10.0.0.10:5060;transport=tcp;lr>']);
    expect(edgeRouteHeaders(cfg, cfg.trunks[1]!)).toEqual([]);
    const tls = parseSipConfig('gateway: { edge: { host: edge.lan, transport: tls } }\ntrunks: [{ id: t, host: 1.2.3.4, viaEdge: true }]');
    expect(edgeRouteHeaders(tls, tls.trunks[0]!)).toEqual(['Route: <sip:edge.lan:5061;transport=tls;lr>']);
    expect(calleeUri(tls, tls.trunks[0]!, '+8613800138000')).toBe('sip:+8613800138000@1.2.3.4:5060;transport=tcp;user=phone');
    const ws = parseSipConfig('gateway: { edgeWebSocket: "ws://10.0.0.10:8080" }\ntrunks: [{ id: t, host: 1.2.3.4, transport: udp }]');
    expect(edgeRouteHeaders(ws, ws.trunks[0]!)).toEqual([]); // the WebSocket connection is the way to the edge
    expect(calleeUri(ws, ws.trunks[0]!, '120')).toBe('sip:120@1.2.3.4:5060;user=phone');
  });

  it('dials nothing for a phone that is not a number (no header injection)', () => {
    for (const bad of ['', '12', '+86 138', '138;transport=udp', '1380013\r\nVia: x', 'sip:1@h', '+8613800138000@evil']) {
      expect(calleeUri(cfg, cfg.trunks[0]!, bad)).toBeNull();
    }
  });

  it('caller id: the campaign number, else the trunk\'s; a malformed one is ignored', () => {
    expect(callerIdHeaders(cfg.trunks[0]!, '+8657412345', 'gw.local')).toEqual(['P-Asserted-Identity: <sip:+8657412345@gw.local;user=phone>']);
    expect(callerIdHeaders(cfg.trunks[0]!, null, 'gw.local')).toEqual(['P-Asserted-Identity: <sip:+861088888888@gw.local;user=phone>']);
    expect(callerIdHeaders(cfg.trunks[0]!, '<sip:evil>\r\nX: y', 'gw.local')).toEqual(['P-Asserted-Identity: <sip:+861088888888@gw.local;user=phone>']);
    expect(callerIdHeaders(cfg.trunks[1]!, null, 'gw.local')).toEqual([]);
  });

  it('reads passwords from the variables the file names, failing start-up with the variable named', () => {
    expect(outboundAccount(cfg, { TRUNK_PW: 's3cret' })).toEqual({ username: 'hospital01', password: 's3cret' });
    expect(inboundCredentials(cfg, { PBX_PW: 'p' }).get('pbx')).toBe('p');
    let err: unknown;
    try { outboundAccount(cfg, {}); } catch (e) { err = e; }
    expect(isTzError(err, 'TZ_ERR_CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/TRUNK_PW/);
    expect(() => inboundCredentials(cfg, {})).toThrow(/PBX_PW/);
  });

  it('binds a peer\'s account to its addresses', () => {
    const two = parseSipConfig(`
peers:
  - { id: pbx, addresses: [10.1.0.5], auth: { username: pbx, passwordEnv: PBX_PW } }
  - { id: lab, addresses: [10.2.0.0/24], auth: { username: lab, passwordEnv: LAB_PW } }
  - { id: open, addresses: [10.3.0.9] }
`);
    const pw = peerPassword(two, inboundCredentials(two, { PBX_PW: 'p1', LAB_PW: 'p2' }));
    expect(pw('pbx', '10.1.0.5')).toBe('p1');
    expect(pw('lab', '10.2.0.77')).toBe('p2');
    expect(pw('pbx', '10.2.0.77')).toBeUndefined(); // the PBX's password from the lab's network
    expect(pw('pbx', '10.3.0.9')).toBeUndefined();
    expect(pw('pbx', '192.168.1.1')).toBeUndefined();
    expect(pw('pbx', undefined)).toBeUndefined();
  });

  it('refuses two trunk accounts in one gateway (sip.js answers challenges with one)', () => {
    const two = parseSipConfig(`
trunks:
  - { id: a, host: 10.0.0.1, username: u1, passwordEnv: A_PW }
  - { id: b, host: 10.0.0.2, username: u2, passwordEnv: B_PW }
`);
    expect(() => outboundAccount(two, { A_PW: 'x', B_PW: 'y' })).toThrow(/\/trunks\/1\/username/);
    expect(outboundAccount(parseSipConfig('trunks: [{ id: a, host: 10.0.0.1 }]'), {})).toBeUndefined();
  });

  it('registrar URI and the campaigns\' per-trunk limits', () => {
    expect(registrarOf(cfg, cfg.trunks[0]!)).toBe('sip:202.96.0.50:5070');
    expect(registrarOf(cfg, cfg.trunks[1]!)).toBe('sip:sbc.example.org:5061;transport=tls');
    const t = campaignTrunks(cfg);
    expect(t.telecom).toMatchObject({ channels: 60, callsPerSecond: 5 });
    expect(t.default).toEqual(t.telecom);
    expect(t.backup).toMatchObject({ channels: 30, callsPerSecond: 5 });
  });
});
